"""The schema migrations, shipped as package data (read with importlib.resources)."""
