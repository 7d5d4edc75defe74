"""The program icon in several sizes (drawn by installer/make_icons.py)."""
