"""Taking the data file's write lock: wait visibly while another window or program writes, then give up in German.

Every write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock before anything is read, so the
version check of a write and the write itself see the same file, and no other writer can come in between. While
another connection holds the lock, SQLite's busy handler waits; after a short first wait the caller is told (a
status line: "Die Datei wird gerade von … benutzt – warte …"), and after ``LOCK_WAIT_SECONDS`` the action is given
up with a German message. Nothing is written in either case.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from zv_desktop.core.errors import FileBusyError
from zv_desktop.core.store import inspection

#: How long an action waits for the write lock in all (seconds) before it is given up.
LOCK_WAIT_SECONDS = 30.0
#: The first, silent wait (milliseconds): most locks are released within it.
FIRST_WAIT_MS = 400
#: Each further wait between two calls of the waiting callback (milliseconds).
NEXT_WAIT_MS = 1000


def is_busy(exc: sqlite3.OperationalError) -> bool:
    """True if SQLite says the file is locked by another connection (not broken, not read-only)."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def busy_text(path: Path, who: str) -> str:
    """The German line shown while waiting."""
    return f"Die Datei „{path.name}“ wird gerade von {who} benutzt – warte …"


def given_up_text(path: Path, who: str) -> str:
    """The German message after waiting in vain."""
    return (
        f"Die Datei „{path.name}“ wird seit {int(LOCK_WAIT_SECONDS)} Sekunden von {who} benutzt. "
        "Ihre Änderung wurde nicht gespeichert; bitte gleich noch einmal versuchen."
    )


def begin_immediate(
    conn: sqlite3.Connection,
    path: Path,
    who: Callable[[], str],
    on_wait: Callable[[str | None], None] | None,
) -> None:
    """Start a write transaction holding the write lock; wait (telling ``on_wait``) while others hold it.

    ``on_wait`` gets the German waiting text while waiting and None when the wait is over.
    Raises FileBusyError after ``LOCK_WAIT_SECONDS``.
    """
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    wait_ms = FIRST_WAIT_MS
    told = False
    try:
        while True:
            conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise FileBusyError(given_up_text(path, who())) from exc
            if on_wait is not None:
                on_wait(busy_text(path, who()))
                told = True
            wait_ms = NEXT_WAIT_MS
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(inspection.BUSY_TIMEOUT_MS)}")  # the connection's own again
        if told and on_wait is not None:
            on_wait(None)


def commit(conn: sqlite3.Connection, path: Path, who: Callable[[], str]) -> None:
    """Commit; in rollback-journal mode COMMIT waits for readers, so a busy COMMIT is tried again, then rolled back."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            conn.commit()
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if time.monotonic() >= deadline:
                conn.rollback()
                raise FileBusyError(given_up_text(path, who())) from exc
