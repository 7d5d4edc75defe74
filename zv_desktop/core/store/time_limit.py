"""The German words for a statement stopped by the time limit (``schema_guard.StatementGuard``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zv_desktop.core.store import schema_guard


def install_time_limit(conn: sqlite3.Connection, limit: float | None = None) -> schema_guard.StatementGuard:
    """Limit every statement on ``conn`` to ``limit`` seconds (default ``schema_guard.STATEMENT_LIMIT_SECONDS``)."""
    guard = schema_guard.StatementGuard(schema_guard.STATEMENT_LIMIT_SECONDS if limit is None else limit)
    guard.install(conn)
    return guard


def is_interrupted(exc: sqlite3.Error) -> bool:
    """True if the error is the stop of a statement by the time limit."""
    return "interrupted" in str(exc).lower()


def time_limit_message(path: Path | str) -> str:
    """The German message for a statement stopped by the time limit."""
    return (
        f"Eine Abfrage in „{path}“ lief länger als {int(schema_guard.STATEMENT_LIMIT_SECONDS)} Sekunden und wurde "
        "abgebrochen; die Datei wurde vermutlich außerhalb von ZV Desktop verändert („zv check“)."
    )
