"""Resources shipped with the program as package data (fonts …), read with importlib.resources."""
