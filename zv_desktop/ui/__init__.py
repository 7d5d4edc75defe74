"""The PySide6 desktop client: windows, table models, dialogs. Calls core services only, never SQL."""
