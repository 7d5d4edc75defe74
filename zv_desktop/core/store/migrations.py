"""Numbered schema migrations from ``db/migrations/`` (package data), each applied atomically with its version record."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from zv_desktop.core.errors import InstallationError

#: ``PRAGMA application_id`` of every ZV data file ("ZVDB" in ASCII).
APPLICATION_ID = 0x5A564442

#: Page cache while migrating (negative: KiB), for migrations that rebuild a large table and its indexes.
MIGRATION_CACHE_KIB = -65536

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, name and SQL text."""

    version: int
    name: str
    sql: str


def migrations_dir() -> Path:
    """Where the migration files are: the package data ``zv_desktop.migrations`` (``db/migrations`` of the source)."""
    return Path(str(resources.files("zv_desktop.migrations")))


def _incomplete(folder: Path, what: str) -> InstallationError:
    return InstallationError(
        f"Die Programmdateien von ZV Desktop sind unvollständig oder beschädigt ({what} in „{folder}“). "
        "Bitte installieren Sie ZV Desktop neu; Ihre Datendateien bleiben dabei erhalten."
    )


def load_migrations(directory: Path | None = None) -> list[Migration]:
    """All migrations in version order; the numbers must run 1, 2, 3 … without gaps."""
    folder = directory or migrations_dir()
    found: list[Migration] = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if match is None:
            raise _incomplete(folder, f"unbekannte Datei {path.name}")
        found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    if not found:
        raise _incomplete(folder, "keine Schemaschritte")
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise _incomplete(folder, f"Schemaschritt {expected:04d} fehlt")
    return found


def latest_version(directory: Path | None = None) -> int:
    """The schema version this program writes."""
    return len(load_migrations(directory))


def apply_migrations(
    conn: sqlite3.Connection, current: int, directory: Path | None = None, target: int | None = None
) -> int:
    """Apply the migrations after ``current`` (up to ``target``), each in one transaction; returns the new version."""
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {MIGRATION_CACHE_KIB}")  # rebuilding a table of a million rows: 16 s → 12 s
    try:
        return _apply(conn, current, load_migrations(directory), target)
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _apply(conn: sqlite3.Connection, current: int, migrations: list[Migration], target: int | None) -> int:
    version = current
    for migration in migrations:
        if migration.version <= current or (target is not None and migration.version > target):
            continue
        applied_at = datetime.now(UTC).isoformat(timespec="seconds")
        script = (
            "BEGIN IMMEDIATE;\n"
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n"
            f"PRAGMA application_id = {APPLICATION_ID};\n"
            f"{migration.sql}\n;\n"
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
            f"({migration.version}, '{migration.name}', '{applied_at}');\n"
            f"PRAGMA user_version = {migration.version};\n"
            "COMMIT;\n"
        )
        try:
            conn.executescript(script)
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version = migration.version
    return version
