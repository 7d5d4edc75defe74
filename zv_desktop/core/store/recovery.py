"""Rescuing a damaged data file: every row that can still be read, copied into a new, intact file.

Like SQLite's ``.recover``, it reads what the damaged file still gives, table by table, and writes it into a file
made fresh by our migrations: blocks of rows by rowid, and where a block cannot be read, each row of it on its own,
so one broken page costs only the rows on it. The damaged file is only read (``mode=ro``). The new file keeps the
office's identity, every record with its version and tombstone, and the audit log; the search index is rebuilt by
its triggers as the rows arrive. What could not be read is counted per table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.store.conflicts import KIND_NAMES
from zv_desktop.core.store.migrations import APPLICATION_ID, apply_migrations, latest_version

#: Tables copied first (others refer to them); the rest follow in the order the migrations made them.
_NOT_COPIED = {"schema_migrations", "sqlite_sequence", "search_rows"}  # the search index is rebuilt
#: Rows read at a time; a block that cannot be read is read row by row.
BLOCK = 512
#: Without a readable highest rowid, rowids are tried up to this bound.
_FALLBACK_HIGHEST = 2_000_000


@dataclass
class RecoveryReport:
    """What was rescued: rows copied and rows lost, per table."""

    target: Path
    copied: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    dangling: int = 0  # references to records that were lost

    @property
    def complete(self) -> bool:
        """True if every row could be read."""
        return not any(self.lost.values())

    def describe(self) -> str:
        """German summary: how many records were rescued, and which were lost where."""
        total = sum(self.copied.values())
        text = f"{total} Einträge wurden in „{self.target.name}“ gerettet."
        lost = {table: n for table, n in self.lost.items() if n}
        if lost:
            parts = ", ".join(f"{KIND_NAMES.get(table, table)}: {n}" for table, n in sorted(lost.items()))
            text += f" Nicht mehr lesbar waren: {parts}."
        if self.dangling:
            text += f" {self.dangling} Verweise zeigen auf verlorene Einträge."
        return text


def _tables(target: sqlite3.Connection) -> list[str]:
    rows = target.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    return [
        name
        for (name,) in rows
        if name not in _NOT_COPIED and not name.startswith("search_index") and not name.startswith("sqlite_")
    ]


def _highest_rowid(source: sqlite3.Connection, table: str) -> int:
    for sql in (f"SELECT max(rowid) FROM {table}", f"SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 1"):
        try:
            row = source.execute(sql).fetchone()
            return int(row[0]) if row and row[0] is not None else 0
        except sqlite3.DatabaseError:
            continue
    return _FALLBACK_HIGHEST


def _read_rows(
    source: sqlite3.Connection, table: str, columns: str, low: int, high: int
) -> tuple[list[tuple[object, ...]], int]:
    """The rows with rowids in [low, high]; a range that cannot be read is split down to single rows."""
    sql = f"SELECT {columns} FROM {table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
    try:
        return source.execute(sql, (low, high)).fetchall(), 0
    except sqlite3.DatabaseError:
        if low == high:
            return [], 1
    middle = (low + high) // 2
    first, lost_first = _read_rows(source, table, columns, low, middle)
    second, lost_second = _read_rows(source, table, columns, middle + 1, high)
    return first + second, lost_first + lost_second


def recover_file(source_path: Path, target_path: Path) -> RecoveryReport:
    """Copy every readable row of ``source_path`` into the new file ``target_path``; the source is only read."""
    if target_path.exists():
        raise DataFileError(f"„{target_path}“ gibt es schon; bitte einen neuen Namen für die gerettete Datei wählen.")
    try:
        source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Datei „{source_path}“ kann nicht gelesen werden ({exc}).") from exc
    try:
        try:
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(source.execute("PRAGMA application_id").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise DataFileError(
                f"Aus „{source_path}“ ist nichts mehr zu retten: schon ihr Anfang ist unlesbar ({exc}). "
                "Bitte eine Sicherung verwenden."
            ) from exc
        if app_id != APPLICATION_ID or not 0 < version <= latest_version():
            raise DataFileError(f"„{source_path}“ ist keine ZV-Datei dieses Programms; nichts wurde gerettet.")
        return _copy_all(source, source_path, target_path, version)
    finally:
        source.close()


def _copy_all(source: sqlite3.Connection, source_path: Path, target_path: Path, version: int) -> RecoveryReport:
    temp = target_path.with_name(target_path.name + ".rettung")
    temp.unlink(missing_ok=True)
    target = sqlite3.connect(temp)
    report = RecoveryReport(target_path)
    try:
        apply_migrations(target, 0, target=version)
        target.execute("PRAGMA foreign_keys = OFF")
        for table in _tables(target):
            names = [row[1] for row in target.execute(f"PRAGMA table_info({table})")]
            columns = ", ".join(names)
            marks = ", ".join("?" * len(names))
            report.copied[table] = report.lost[table] = 0
            highest = _highest_rowid(source, table)
            for low in range(1, highest + 1, BLOCK):
                rows, lost = _read_rows(source, table, columns, low, min(low + BLOCK - 1, highest))
                # OR REPLACE: the catalogue the migrations wrote is replaced by the file's own rows
                target.executemany(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})", rows)
                report.copied[table] += len(rows)
                report.lost[table] += lost
        target.commit()
        report.dangling = len(target.execute("PRAGMA foreign_key_check").fetchall())
        if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise DataFileError(f"Die gerettete Datei aus „{source_path}“ ist nicht in Ordnung; nichts wurde angelegt.")
        target.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as exc:
        target.close()
        temp.unlink(missing_ok=True)
        raise DataFileError(f"Die gerettete Datei konnte nicht geschrieben werden ({exc}).") from exc
    except BaseException:
        target.close()
        temp.unlink(missing_ok=True)
        raise
    target.close()
    temp.replace(target_path)
    return report
