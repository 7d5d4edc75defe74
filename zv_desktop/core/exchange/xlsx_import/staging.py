"""The values read from a sheet, kept in a temporary table of the data file's connection until they are imported.

A TEMP table lives outside the data file (SQLite keeps it in its own temporary storage) and disappears when the
connection closes, so staging never changes the file; it keeps memory flat however large the sheet is, and lets
the comparison with the stored values run as a join. Status of a staged value: NEW, CHANGED, UNCHANGED, or LEFT_OUT
(a duplicate of another cell of the sheet).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from decimal import Decimal
from itertools import groupby
from typing import Any

from zv_desktop.core.exchange.xlsx_import.results import MAX_SHOWN_CHANGES, ProblemList
from zv_desktop.core.store import Store

NEW, CHANGED, UNCHANGED, LEFT_OUT = 0, 1, 2, 9
PREFIX = "zv_xlsx_stage_"
#: Values written to the temporary table per statement.
BATCH = 5_000

_COLUMNS = "cell, measure_id, area_id, year, period_no, value_kind, value, source, comment"
_KEY = "area_id, measure_id, year, period_no, value_kind"

StagedValue = tuple[str, str, str, int, int, str, str, str, str]
#: A value cell of a mapped row without a figure: cell, measure_id, area_id, year, period_no, value_kind, and the
#: sign of official statistics it holds („.“, „…“, „x“, „*“: kept as the value's mark) or "".
EmptyCell = tuple[str, str, str, int, int, str, str]
#: How many empty cells (without a sign) are remembered to say whether a stored value stands behind them.
MAX_EMPTIES = 100_000


class Stage:
    """One temporary table of staged values (named uniquely, so an older preview's table is never reused)."""

    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.name = name
        self.batch: list[StagedValue] = []
        self.count = 0
        self.empties: list[EmptyCell] = []  # empty value cells of mapped rows, kept until ``flush``
        self.empty_count = 0

    @classmethod
    def create(cls, store: Store) -> Stage:
        """A new, empty stage; the tables of earlier previews on this connection are dropped."""
        for old in existing_stages(store):
            drop(store, old)
        stage = cls(store, PREFIX + secrets.token_hex(8))
        with store.scratch():
            store.conn.execute(
                f"CREATE TEMP TABLE {stage.name}_empty (cell TEXT NOT NULL, measure_id TEXT NOT NULL, "
                "area_id TEXT NOT NULL, year INTEGER NOT NULL, period_no INTEGER NOT NULL, value_kind TEXT NOT NULL, "
                "mark TEXT NOT NULL)"
            )
            store.conn.execute(
                f"CREATE TEMP TABLE {stage.name} (seq INTEGER PRIMARY KEY, cell TEXT NOT NULL, "
                "measure_id TEXT NOT NULL, area_id TEXT NOT NULL, year INTEGER NOT NULL, period_no INTEGER NOT NULL, "
                "value_kind TEXT NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL, comment TEXT NOT NULL, "
                "status INTEGER NOT NULL DEFAULT 0, old_id TEXT, old_value TEXT, old_source TEXT, old_comment TEXT, "
                "old_version INTEGER, dead_id TEXT)"
            )
        return stage

    @classmethod
    def find(cls, store: Store, name: str) -> Stage | None:
        """The stage of that name if it still exists on this connection."""
        return cls(store, name) if name and name in existing_stages(store) else None

    # -- filling -------------------------------------------------------------------------

    def add(self, value: StagedValue) -> None:
        """Stage one value (readers in a hurry append to ``batch`` and call ``flush_full`` per row)."""
        self.batch.append(value)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush_full(self) -> None:
        """Write the batch if it is full."""
        if len(self.batch) >= BATCH or len(self.empties) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the values (and empty cells) staged so far to the temporary tables."""
        if not self.batch and not self.empties:
            return
        with self.store.scratch():
            self.store.conn.executemany(
                f"INSERT INTO {self.name} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self.batch
            )
            self.store.conn.executemany(f"INSERT INTO {self.name}_empty VALUES (?, ?, ?, ?, ?, ?, ?)", self.empties)
        self.count += len(self.batch)
        self.batch.clear()
        self.empties.clear()

    def add_empty(self, cell: EmptyCell) -> None:
        """Remember a value cell of a mapped row without a figure: every one with a sign (it is kept as a mark),
        empty ones up to MAX_EMPTIES."""
        if cell[6]:
            self.empties.append(cell)
        elif self.empty_count < MAX_EMPTIES:
            self.empty_count += 1
            self.empties.append(cell)

    def empties_over_stored(self, limit: int = 5) -> tuple[int, list[str]]:
        """How many remembered empty cells have a value stored for their key, and the first of those cells."""
        self.flush()
        rows = self.store.conn.execute(
            f"SELECT e.cell FROM {self.name}_empty AS e JOIN kpi_values AS k ON k.area_id = e.area_id "
            "AND k.measure_id = e.measure_id AND k.year = e.year AND k.period_type = 'M' "
            "AND k.period_no = e.period_no AND k.value_kind = e.value_kind AND k.deleted = 0 AND k.value IS NOT NULL "
            f"LIMIT {MAX_EMPTIES}"
        ).fetchall()
        return len(rows), [row[0] for row in rows[:limit]]

    def marks_to_store(self) -> list[tuple[str, str, int, int, str, str]]:
        """The signs to keep as marks: (measure_id, area_id, year, month, kind, sign) of cells with a sign where
        no figure is stored (a figure stays, as behind an empty cell), no figure of the sheet is staged, and the
        same sign is not stored already. Two signs for one month: the first in the sheet."""
        self.flush()
        same_key = (
            "k.area_id = e.area_id AND k.measure_id = e.measure_id AND k.year = e.year AND k.period_type = 'M' "
            "AND k.period_no = e.period_no AND k.value_kind = e.value_kind AND k.deleted = 0"
        )
        rows = self.store.conn.execute(
            f"SELECT e.measure_id, e.area_id, e.year, e.period_no, e.value_kind, e.mark FROM {self.name}_empty AS e "
            f"WHERE e.mark <> '' AND NOT EXISTS (SELECT 1 FROM kpi_values AS k WHERE {same_key} "
            "AND (k.value IS NOT NULL OR k.mark = e.mark)) "
            f"AND NOT EXISTS (SELECT 1 FROM {self.name} AS s WHERE s.area_id = e.area_id "
            "AND s.measure_id = e.measure_id AND s.year = e.year AND s.period_no = e.period_no "
            f"AND s.value_kind = e.value_kind AND s.status != {LEFT_OUT}) ORDER BY e.rowid"
        ).fetchall()
        chosen: dict[tuple[str, str, int, int, str], str] = {}
        for measure_id, area_id, year, month, kind, mark in rows:
            chosen.setdefault((measure_id, area_id, year, month, kind), mark)
        return [(*key, mark) for key, mark in chosen.items()]

    def drop(self) -> None:
        """Remove the temporary table."""
        drop(self.store, self.name)

    # -- duplicates within the sheet -----------------------------------------------------

    def leave_out_duplicates(self, problems: ProblemList, names: dict[str, str]) -> tuple[int, int]:
        """Cells of the sheet that give the same value twice: a repeat of an equal figure is left out; different
        figures for the same value are all left out with a problem each. Returns (repeats, conflicting cells)."""
        self.flush()
        sql = (
            f"SELECT {_KEY}, seq, cell, value FROM {self.name} WHERE ({_KEY}) IN "
            f"(SELECT {_KEY} FROM {self.name} GROUP BY {_KEY} HAVING count(*) > 1) ORDER BY {_KEY}, seq"
        )
        repeats, conflicts, left_out = 0, 0, []
        for key, group in groupby(self.store.conn.execute(sql), key=lambda row: row[:5]):
            cells = list(group)
            first = cells[0]
            if all(Decimal(c[7]) == Decimal(first[7]) for c in cells[1:]):
                left_out += [(c[5],) for c in cells[1:]]
                repeats += len(cells) - 1
                continue
            left_out += [(c[5],) for c in cells]
            conflicts += len(cells)
            what = f"{names.get(key[1], '?')}, {names.get(key[0], '?')}, {key[3]:02d}/{key[2]}"
            for other in cells[1:]:
                problems.add(
                    other[6],
                    f"Derselbe Wert ({what}) steht auch in Zelle {first[6]}, mit anderer Zahl; keiner der beiden "
                    "wird übernommen.",
                )
        with self.store.scratch():
            self.store.conn.executemany(f"UPDATE {self.name} SET status = {LEFT_OUT} WHERE seq = ?", left_out)
        return repeats, conflicts

    # -- comparison with the data file ---------------------------------------------------

    def classify(self) -> dict[int, int]:
        """Compare every staged value with the live stored value of its key; returns counts by status."""
        self.flush()
        conn, name = self.store.conn, self.name
        with self.store.scratch():
            conn.execute(
                f"UPDATE {name} SET status = {NEW}, old_id = NULL, old_value = NULL, old_source = NULL, "
                f"old_comment = NULL, old_version = NULL, dead_id = NULL WHERE status != {LEFT_OUT}"
            )
            conn.execute(
                f"UPDATE {name} SET old_id = k.id, old_value = k.value, old_source = k.source, "
                f"old_comment = k.comment, old_version = k.row_version, status = CASE WHEN k.value = {name}.value THEN {UNCHANGED} "
                f"ELSE {CHANGED} END FROM kpi_values AS k WHERE k.area_id = {name}.area_id "
                f"AND k.measure_id = {name}.measure_id AND k.year = {name}.year AND k.period_type = 'M' "
                f"AND k.period_no = {name}.period_no AND k.value_kind = {name}.value_kind AND k.deleted = 0 "
                f"AND {name}.status != {LEFT_OUT}"
            )
            # a value deleted here and now imported again revives its record (latest deletion of the key), as
            # entering it in the grid does, so that the key keeps one record for every office (issue 13)
            if conn.execute("SELECT 1 FROM kpi_values WHERE deleted = 1 LIMIT 1").fetchone() is not None:
                conn.execute(
                    f"UPDATE {name} SET dead_id = (SELECT k.id FROM kpi_values AS k WHERE k.deleted = 1 "
                    f"AND k.area_id = {name}.area_id AND k.measure_id = {name}.measure_id AND k.year = {name}.year "
                    f"AND k.period_type = 'M' AND k.period_no = {name}.period_no AND k.value_kind = {name}.value_kind "
                    f"ORDER BY k.local_seq DESC LIMIT 1) WHERE status = {NEW}"
                )
            same = [
                (seq,)
                for seq, old, new in conn.execute(f"SELECT seq, old_value, value FROM {name} WHERE status = {CHANGED}")
                if _same_number(old, new)
            ]
            conn.executemany(f"UPDATE {name} SET status = {UNCHANGED} WHERE seq = ?", same)
        return self.counts()

    def changed_since_classified(self) -> tuple[int, dict[str, Any] | None]:
        """Values the import would write whose stored value someone changed, entered or deleted since ``classify``.

        Returns how many, and the stored row of the first (None if it was deleted: then its old id's row). A value
        now stored exactly as the workbook has it is not counted: nothing of anyone's would be overwritten.
        """
        conn, name = self.store.conn, self.name
        sql = (
            f"SELECT s.old_id, k.id FROM {name} AS s LEFT JOIN kpi_values AS k ON k.area_id = s.area_id "
            "AND k.measure_id = s.measure_id AND k.year = s.year AND k.period_type = 'M' "
            "AND k.period_no = s.period_no AND k.value_kind = s.value_kind AND k.deleted = 0 "
            f"WHERE s.status IN ({NEW}, {CHANGED}, {UNCHANGED}) AND (k.id IS NOT s.old_id "
            "OR k.row_version IS NOT s.old_version) AND k.value IS NOT s.value"
        )
        found = conn.execute(sql).fetchall()
        if not found:
            return 0, None
        old_id, new_id = found[0]
        rows = self.store.query("SELECT * FROM kpi_values WHERE id = ?", (new_id or old_id,))
        return len(found), rows[0] if rows else None

    def counts(self) -> dict[int, int]:
        """How many staged values have each status (as the last ``classify`` found)."""
        counts = dict.fromkeys((NEW, CHANGED, UNCHANGED, LEFT_OUT), 0)
        counts.update(self.store.conn.execute(f"SELECT status, count(*) FROM {self.name} GROUP BY status").fetchall())
        return counts

    def shown_changes(self, limit: int = MAX_SHOWN_CHANGES) -> Iterator[tuple[Any, ...]]:
        """New and changed values for the preview, changed ones first, each in sheet order."""
        return self.store.conn.execute(
            f"SELECT cell, measure_id, area_id, year, period_no, value_kind, old_value, value FROM {self.name} "
            f"WHERE status IN ({NEW}, {CHANGED}) ORDER BY status DESC, seq LIMIT ?",
            (limit,),
        )

    def years(self, limit: int = 2) -> list[int]:
        """Up to ``limit`` different years of the staged values (one: the sheet is of one year)."""
        return [row[0] for row in self.store.conn.execute(f"SELECT DISTINCT year FROM {self.name} LIMIT ?", (limit,))]

    def cells(self) -> set[str]:
        """The cells whose values would be imported (for checks and tests)."""
        sql = f"SELECT cell FROM {self.name} WHERE status IN ({NEW}, {CHANGED}, {UNCHANGED})"
        return {row[0] for row in self.store.conn.execute(sql)}


def _same_number(old: str | None, new: str) -> bool:
    try:
        return old is not None and Decimal(old) == Decimal(new)
    except ArithmeticError:  # an unreadable stored value is replaced
        return False


def data_state(store: Store) -> tuple[int, int]:
    """Changes made through this connection and commits of other connections so far: equal means "nothing new"."""
    version = store.conn.execute("PRAGMA data_version").fetchone()[0]
    return store.conn.total_changes, int(version)


def existing_stages(store: Store) -> list[str]:
    """The staging tables on this connection."""
    rows = store.conn.execute(
        "SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'",
        (PREFIX.replace("_", "\\_") + "%",),
    )
    return [row[0] for row in rows if row[0][len(PREFIX) :].isalnum()]  # not their tables of empty cells


def drop(store: Store, name: str) -> None:
    """Drop one staging table (a no-op if it is gone)."""
    suffix = name[len(PREFIX) :]
    if not name.startswith(PREFIX) or not (suffix.isascii() and suffix.isalnum()):
        raise ValueError(f"not a staging table: {name!r}")
    with store.scratch():
        store.conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        store.conn.execute(f"DROP TABLE IF EXISTS temp.{name}_empty")
