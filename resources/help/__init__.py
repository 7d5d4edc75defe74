"""The offline German manual shown by Hilfe → Handbuch and F1 (zv_desktop/ui/help_window.py)."""
