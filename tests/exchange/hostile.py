"""Hostile exchange files made from a good one, for every entry point that receives such a file.

``hostile_cases(good, folder)`` writes one file (or folder) per case into ``folder`` and yields it with the German
words its refusal must contain; ``make_case(name, …)`` makes one of them (for ``pytest.mark.parametrize`` over
``CASE_NAMES``). ``mutations(data, seeds)`` yields the byte mutations of ``tests/fuzz/corpus.py``, and
``receive_mutation`` runs one mutated file through the gate with a time limit and says how it went. The good file
must be a real exchange file of the current schema (``VACUUM INTO`` of a data file, rollback-journal mode).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.corpus import TIME_LIMIT, Hang, mutate, time_limit
from zv_desktop.core.exchange.office import gate
from zv_desktop.core.store.migrations import APPLICATION_ID, latest_version
from zv_desktop.core.store.schema_guard import check_schema


@dataclass(frozen=True)
class HostileCase:
    """One hostile file: hand ``path`` to the entry point; its refusal must contain the file name and ``words``."""

    name: str
    path: Path
    words: tuple[str, ...]
    cap: int | None = None  # run with gate.MAX_EXCHANGE_BYTES set to this (the case „too big“)


def _edit(path: Path, *statements: str) -> None:
    """Change a copy of the good file with plain sqlite3, as a third party would."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for statement in statements:
            conn.execute(statement)


def _text(good: bytes, path: Path) -> tuple[str, ...]:
    path.write_bytes("Sehr geehrte Damen und Herren,\nanbei die Zahlen für März.\n".encode() * 20)
    return ("keine ZV-Austauschdatei", "keine SQLite-Datenbank")


def _empty(good: bytes, path: Path) -> tuple[str, ...]:
    path.write_bytes(b"")
    return ("leer",)


def _truncated(good: bytes, path: Path) -> tuple[str, ...]:
    path.write_bytes(good[: len(good) // 2])
    return ("beschädigt",)


def _foreign(good: bytes, path: Path) -> tuple[str, ...]:
    _edit(path, "CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO kunden VALUES (1, 'Muster')")
    return ("anderen Programm",)


def _empty_database(good: bytes, path: Path) -> tuple[str, ...]:
    _edit(path, f"PRAGMA application_id = {APPLICATION_ID}")
    return ("keine ZV-Daten",)


def _future(good: bytes, path: Path) -> tuple[str, ...]:
    path.write_bytes(good)
    latest = latest_version()
    _edit(path, f"PRAGMA user_version = {latest + 4}")
    return ("neueren Version", f"Datenstand {latest + 4}", f"kennt bis {latest}", "aktualisieren")


def _planted(statement: str, *words: str) -> Callable[[bytes, Path], tuple[str, ...]]:
    def build(good: bytes, path: Path) -> tuple[str, ...]:
        path.write_bytes(good)
        _edit(path, statement)
        return ("außerhalb von ZV Desktop verändert", *words)

    return build


def _missing_index(good: bytes, path: Path) -> tuple[str, ...]:
    path.write_bytes(good)
    with closing(sqlite3.connect(path)) as conn:
        name = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name LIMIT 1"
        ).fetchone()[0]
    _edit(path, f'DROP INDEX "{name}"')
    return ("fehlend oder verändert", f"Index „{name}“")


def _manifest(value: str, *words: str) -> Callable[[bytes, Path], tuple[str, ...]]:
    def build(good: bytes, path: Path) -> tuple[str, ...]:
        path.write_bytes(good)
        literal = value.replace("'", "''")
        _edit(path, f"INSERT OR REPLACE INTO meta (key, value) VALUES ('{gate.MANIFEST_KEY}', '{literal}')")
        return ("Inhaltsverzeichnis (Manifest)", "unlesbar", *words)

    return build


def _damaged_page(good: bytes, path: Path) -> tuple[str, ...]:
    page_size = int.from_bytes(good[16:18], "big") or 65536
    middle = (len(good) // page_size // 2) * page_size
    data = bytearray(good)
    data[middle : middle + page_size] = b"\x55" * page_size  # neither a b-tree page nor a valid overflow page
    path.write_bytes(bytes(data))
    return ("beschädigt",)


def _folder(good: bytes, path: Path) -> tuple[str, ...]:
    path.mkdir()
    (path / "inhalt.zvx").write_bytes(good)
    return ("Ordner",)


def _hot_journal(good: bytes, path: Path) -> tuple[str, ...]:
    """The file as it lies while a write is under way: pages already changed, the journal of the originals beside."""
    live = path.with_name(f"schreibend-{path.name}")
    live.write_bytes(good)
    with closing(sqlite3.connect(live, isolation_level=None)) as conn:
        conn.execute("PRAGMA cache_size = 2")  # changed pages go to the file before the commit
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE meta SET value = value || ''")
        conn.execute("CREATE TABLE zz_fill (x)")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
            "INSERT INTO zz_fill SELECT randomblob(1000) FROM n"
        )
        shutil.copyfile(live, path)
        shutil.copyfile(f"{live}-journal", f"{path}-journal")
        conn.execute("ROLLBACK")
    live.unlink()
    return ("nicht sauber geschlossen", "-journal")


def _too_big(good: bytes, path: Path) -> tuple[str, ...]:
    path.write_bytes(good)  # refused with the cap set one byte below its size (HostileCase.cap)
    return ("zu groß",)


_BUILDERS: dict[str, Callable[[bytes, Path], tuple[str, ...]]] = {
    "text": _text,
    "empty": _empty,
    "truncated": _truncated,
    "foreign-sqlite": _foreign,
    "empty-database": _empty_database,
    "future-version": _future,
    "extra-trigger": _planted(
        "CREATE TRIGGER zz_wipe AFTER INSERT ON audit_log BEGIN DELETE FROM kpi_values; END", "Trigger „zz_wipe“"
    ),
    "extra-view": _planted("CREATE VIEW zz_view AS SELECT key FROM meta", "Sicht „zz_view“"),
    "extra-table": _planted("CREATE TABLE zz_table (x)", "Tabelle „zz_table“"),
    "extra-index": _planted("CREATE INDEX zz_index ON meta (value)", "Index „zz_index“"),
    "missing-index": _missing_index,
    "manifest-not-json": _manifest("{Absender: Kreis", "kein gültiges JSON"),
    "manifest-not-object": _manifest('["Kreis", 2014]', "kein JSON-Objekt"),
    "damaged-page": _damaged_page,
    "folder": _folder,
    "hot-journal": _hot_journal,
    "too-big": _too_big,
}

#: The names of all cases, in the order ``hostile_cases`` yields them.
CASE_NAMES = tuple(_BUILDERS)


def make_case(name: str, good: bytes, folder: Path) -> HostileCase:
    """Write the hostile case ``name`` into ``folder`` (as ``<name>.zvx``), made from the good file's bytes."""
    path = folder / f"{name}.zvx"
    words = _BUILDERS[name](good, path)
    return HostileCase(name, path, words, cap=len(good) - 1 if name == "too-big" else None)


def hostile_cases(good: bytes, folder: Path) -> Iterator[HostileCase]:
    """Every hostile case, each written into ``folder``."""
    for name in CASE_NAMES:
        yield make_case(name, good, folder)


def mutations(data: bytes, seeds: Iterable[int]) -> Iterator[tuple[int, bytes]]:
    """``(seed, mutated bytes)`` for each seed (``tests.fuzz.corpus.mutate``: flips, zeroed or copied ranges, cuts)."""
    for seed in seeds:
        yield seed, mutate(data, seed)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` with the SHA-256 of its bytes: compare before and after to see nothing changed."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "/" for p in folder.iterdir()}


def mutation_name(seed: int) -> str:
    """The file name ``receive_mutation`` gives the mutation of ``seed``."""
    return f"kaputt-{seed}.zvx"


@dataclass
class GateOutcome:
    """How the gate answered one mutated file."""

    seed: int
    result: str  # "passed", "refused", "hang" or the name of an exception that escaped
    message: str
    seconds: float
    changed: bool  # the file or its folder differ afterwards

    @property
    def bad(self) -> bool:
        """An escaped exception, a hang, a changed input, or a refusal without the file name."""
        german = self.result != "refused" or f"{mutation_name(self.seed)}“" in self.message
        return self.result not in ("passed", "refused") or self.seconds > TIME_LIMIT or self.changed or not german


def receive_mutation(data: bytes, seed: int, folder: Path) -> GateOutcome:
    """Write ``data`` as ``kaputt-<seed>.zvx`` into the empty ``folder``, run ``receive`` on it and clean up.

    A file that passes must give a copy that is a readable ZV file of the current schema.
    """
    path = folder / mutation_name(seed)
    path.write_bytes(data)
    before = snapshot(folder)
    started = time.monotonic()
    result, message = "passed", ""
    try:
        with time_limit(TIME_LIMIT + 5), gate.receive(path) as received:
            _check_readable(received.copy)
    except gate.ExchangeRefused as exc:
        result, message = "refused", str(exc)
    except Hang:
        result = "hang"
    except Exception as exc:  # noqa: BLE001 - any escaping exception is what this harness looks for
        result, message = type(exc).__name__, str(exc)
    seconds = time.monotonic() - started
    changed = snapshot(folder) != before
    path.unlink()
    return GateOutcome(seed, result, message, seconds, changed)


def _check_readable(copy: Path) -> None:
    """Raise if the copy is not a ZV file of the current schema whose rows can all be read by this program."""
    with closing(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)) as conn:
        latest = latest_version()
        if conn.execute("PRAGMA user_version").fetchone()[0] != latest or not check_schema(conn, latest).ok:
            raise AssertionError("the copy is not a ZV file of the current schema")
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            while cursor.fetchmany(1000):
                pass
