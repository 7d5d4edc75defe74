"""Opening the data file for a sub-command: read-only for those that only look, else for editing (refused on a
file that can only be read), with a word on a migration and the daily backup before a change."""

from __future__ import annotations

from pathlib import Path

from zv_desktop.cli.console import say
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.opening import view_only_reason


def open_data_file(db: Path, *, read_only: bool = False) -> Store:
    """Open the file: read-only for commands that only look (nothing in or beside it changes), else for editing."""
    store = open_store(db, read_only=read_only)
    if read_only:
        if store.read_only_reason != view_only_reason(store.path):
            say(f"Hinweis: {store.read_only_reason}")
        return store
    refuse_read_only(store)
    tell_about_migration(store)
    return store


def refuse_read_only(store: Store) -> None:
    """A command that writes cannot work on a file opened read-only: DataFileError with the reason."""
    if store.read_only:
        store.close()
        raise DataFileError(f"{store.read_only_reason} Nichts wurde geändert.")


def back_up(store: Store) -> None:
    """The daily backup before a command changes the file (a failure only warns)."""
    from zv_desktop.cli.backups_command import back_up_for_editing

    back_up_for_editing(store)


def tell_about_migration(store: Store) -> None:
    if store.last_backup is not None:
        say(f"Hinweis: „{store.path}“ wurde auf den aktuellen Datenstand gebracht; Sicherung: „{store.last_backup}“.")
