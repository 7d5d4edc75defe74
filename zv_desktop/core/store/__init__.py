"""The SQLite data file: opening, migrations, backups, stamped writes with audit log."""

from zv_desktop.core.store.opening import inspect_file, open_store
from zv_desktop.core.store.store import Store

__all__ = ["Store", "inspect_file", "open_store"]
