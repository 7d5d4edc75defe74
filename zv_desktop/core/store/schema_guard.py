"""The schema allow-list: a data file may hold exactly what the migrations create, nothing else.

The expected schema of version N is built once per process by applying migrations 1..N to an
in-memory database. A table, index, view or trigger the migrations did not create, or one whose
SQL differs, is foreign: a planted trigger could otherwise run on the program's own writes.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from zv_desktop.core.store.migrations import apply_migrations

#: Tables SQLite makes on its own (AUTOINCREMENT bookkeeping, statistics of ANALYZE / PRAGMA optimize).
_SQLITE_OWN = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}

_KIND_NAMES = {"table": "Tabelle", "index": "Index", "view": "Sicht", "trigger": "Trigger"}

_SPACE = re.compile(r"\s+")

#: (type, name) → (tbl_name, normalised sql)
Schema = dict[tuple[str, str], tuple[str, str]]


@dataclass(frozen=True)
class SchemaDifference:
    """One object that is not as the migrations made it."""

    kind: str  # table, index, view, trigger
    name: str
    problem: str  # "fremd", "verändert" or "fehlt"

    def __str__(self) -> str:
        kind = _KIND_NAMES.get(self.kind, self.kind)
        return f"{kind} „{self.name}“ ({self.problem})"


def normalise_sql(sql: str | None) -> str:
    """SQL text with runs of white space folded, so that only real differences count."""
    return _SPACE.sub(" ", sql or "").strip()


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The objects of the main schema of ``conn``."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall()
    return {(str(kind), str(name)): (str(table), normalise_sql(sql)) for kind, name, table, sql in rows}


@cache
def expected_schema(version: int) -> tuple[tuple[tuple[str, str], tuple[str, str]], ...]:
    """What migrations 1..``version`` create (cached per process)."""
    conn = sqlite3.connect(":memory:")
    try:
        if version > 0:
            apply_migrations(conn, 0, target=version)
        return tuple(sorted(read_schema(conn).items()))
    finally:
        conn.close()


def schema_differences(conn: sqlite3.Connection, version: int) -> list[SchemaDifference]:
    """Every object of the file that the migrations to ``version`` did not create, changed or missing."""
    expected: Schema = dict(expected_schema(version))
    found = read_schema(conn)
    shadowed = _virtual_tables(expected)
    differences: list[SchemaDifference] = []
    for key, (table, sql) in sorted(found.items()):
        kind, name = key
        if name in _SQLITE_OWN and kind == "table":
            continue
        if key not in expected:
            differences.append(SchemaDifference(kind, name, "fremd"))
        elif expected[key] != (table, sql) and not _is_shadow_table(kind, name, shadowed):
            differences.append(SchemaDifference(kind, name, "verändert"))
    for kind, name in sorted(expected.keys() - found.keys()):
        if name not in _SQLITE_OWN:
            differences.append(SchemaDifference(kind, name, "fehlt"))
    return differences


def _virtual_tables(schema: Schema) -> set[str]:
    return {name for (kind, name), (_, sql) in schema.items() if kind == "table" and sql.startswith("CREATE VIRTUAL")}


def _is_shadow_table(kind: str, name: str, virtual_tables: set[str]) -> bool:
    """A table FTS5 made for one of the expected virtual tables (``search_index_data`` …).

    Its name is checked, its SQL is not: SQLite writes that SQL itself and may word it differently
    in another version, and no SQL of a shadow table ever runs.
    """
    return kind == "table" and any(name.startswith(f"{vtab}_") for vtab in virtual_tables)


def foreign_objects_text(differences: list[SchemaDifference], limit: int = 8) -> str:
    """The differences as a German list for a message (the first ``limit`` of them)."""
    shown = ", ".join(str(d) for d in differences[:limit])
    more = len(differences) - limit
    return shown + (f" und {more} weitere" if more > 0 else "")


def foreign_schema_reason(path: object, differences: list[SchemaDifference]) -> str:
    """Why a file with foreign objects is opened read-only (German, names file and objects)."""
    return (
        f"Die Datei „{path}“ enthält Objekte, die nicht von ZV Desktop stammen: {foreign_objects_text(differences)}. "
        "Sie wurde außerhalb des Programms verändert und wird deshalb nur zum Ansehen geöffnet."
    )
