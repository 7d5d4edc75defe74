"""What merging a received exchange file would do, record by record, before anything is written.

The received file (the gate's private copy) is attached as ``x`` to the data file's connection. Records are matched
by id, and by natural key where two offices made the same thing independently (``natural_keys``). Each record the
two files hold differently is classified by its version vectors:

* theirs is newer (it has seen ours): taken, or deleted where theirs is a deletion;
* ours is newer or equal: nothing to do;
* both changed since they last met: a conflict, unless both now hold the same content (then only the vectors
  are joined); an edit against a deletion is a conflict too;
* a record of an agreement signed in this file that the other side changed: a conflict with that reason.

Nothing is ever decided by timestamps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.exchange.office.manifest import KIND_TABLES
from zv_desktop.core.exchange.office.scope import RECORD_TABLES
from zv_desktop.core.store import table_shapes, versions
from zv_desktop.core.store.versions import Order

#: Columns that are bookkeeping, not content: left out when two versions' contents are compared.
BOOKKEEPING = ("created_at", "modified_at", "site_id", "modified_by", "row_version", "vv", "local_seq")
#: Fields of a goal that stay open after signing (they record how the year goes).
_TRACKING = set(model.GOAL_TRACKING_FIELDS)
_FILING = set(model.AGREEMENT_FILING_FIELDS)
_SIGNED = ("unterzeichnet", "abgeschlossen")
KIND_OF_TABLE = {table: kind for kind, tables in KIND_TABLES.items() for table in tables}
KIND_OF_TABLE["goal_matches"] = "Ziele"


class Verdict(Enum):
    """What the merge does with one record."""

    NEW = "neu"
    CHANGED = "geändert"
    DELETED = "gelöscht"
    JOINED = "gleich"  # both changed it to the same content: only the version vectors are joined
    CONFLICT = "Konflikt"


class ConflictKind(Enum):
    """Why a record is a conflict (German text)."""

    BOTH = "auf beiden Seiten geändert"
    DELETION = "hier geändert, dort gelöscht"
    DELETED_HERE = "hier gelöscht, dort geändert"
    SIGNED = "gehört zu einer hier unterzeichneten Zielvereinbarung; Änderungen nur durch eine Änderungsvereinbarung"


@dataclass
class RowChange:
    """One record the merge touches."""

    table: str
    row_id: str
    verdict: Verdict
    theirs: dict[str, Any]
    mine: dict[str, Any] | None
    fields: tuple[str, ...]  # content columns whose values differ
    conflict: ConflictKind | None = None

    @property
    def kind(self) -> str:
        """German kind of content ("Ziele", "Kennzahlwerte" …)."""
        return KIND_OF_TABLE[self.table]

    @property
    def key(self) -> tuple[str, str]:
        """(table, id): how decisions refer to the record."""
        return (self.table, self.row_id)


@dataclass
class MergePlan:
    """Everything the merge would do; nothing of it is written yet."""

    changes: list[RowChange] = field(default_factory=list)
    matches: list[Any] = field(default_factory=list)  # natural_keys.Match
    rewound: bool = False  # the other file has seen changes of this replica this file no longer has

    @property
    def conflicts(self) -> list[RowChange]:
        """The records changed on both sides (or against a signature)."""
        return [c for c in self.changes if c.verdict is Verdict.CONFLICT]

    def counts(self) -> dict[str, dict[str, int]]:
        """Per kind of content: how many records are new, changed, deleted, in conflict."""
        out = {kind: {v.value: 0 for v in Verdict if v is not Verdict.JOINED} for kind in KIND_TABLES}
        for change in self.changes:
            if change.verdict is not Verdict.JOINED:
                out[change.kind][change.verdict.value] += 1
        return out

    def signature(self) -> set[tuple[str, str, str]]:
        """What the plan does, to check at writing time that the file did not change since the preview."""
        return {(c.table, c.row_id, c.verdict.value) for c in self.changes}

    @property
    def empty(self) -> bool:
        """True if merging would change nothing."""
        return not self.changes and not self.rewound


def content_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns of ``table`` that make up a record's content (data fields and the deletion mark)."""
    return table_shapes.column_names(conn, table, leave_out=BOOKKEEPING)


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """(theirs, mine) of every record the two files hold differently (mine None if this file lacks it)."""
    names = table_shapes.column_names(conn, table)
    picks = ", ".join([f"t.{n}" for n in names] + [f"m.{n}" for n in names])
    cursor = conn.execute(
        f"SELECT {picks} FROM x.{table} t LEFT JOIN main.{table} m ON m.id = t.id WHERE m.id IS NULL OR m.vv IS NOT t.vv"
    )
    width = len(names)
    for row in cursor:
        theirs = dict(zip(names, row[:width], strict=True))
        mine = dict(zip(names, row[width:], strict=True)) if row[width] is not None else None
        yield theirs, mine


def _signed_agreements(conn: sqlite3.Connection) -> tuple[set[str], dict[str, str]]:
    """Ids of agreements signed in this file, and section id → agreement id of their sections."""
    marks = ", ".join("?" for _ in _SIGNED)
    signed = {
        r[0] for r in conn.execute(f"SELECT id FROM main.agreements WHERE deleted = 0 AND status IN ({marks})", _SIGNED)
    }
    sections = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT id, agreement_id FROM main.sections UNION ALL SELECT id, agreement_id FROM x.sections"
        )
    }
    return signed, sections


def _owner(table: str, row: dict[str, Any], sections: dict[str, str]) -> str | None:
    """The agreement a record belongs to (None for records outside agreements, and for amendments)."""
    if table == "agreements":
        return str(row["id"])
    if table in ("agreement_parties", "sections", "goals"):
        return str(row["agreement_id"])
    if table == "clauses":
        return sections.get(str(row["section_id"]))
    return None


def _allowed_on_signed(
    table: str, fields: tuple[str, ...], mine: dict[str, Any] | None, theirs: dict[str, Any]
) -> bool:
    """Changes a signed agreement may still get: tracking fields of a goal, its filing (Aktenzeichen, issuing
    authority), closing the agreement."""
    if mine is None:
        return False
    if table == "goals":
        return set(fields) <= _TRACKING
    if table == "agreements":
        filing = set(fields) - _FILING
        return not filing or (filing == {"status"} and theirs["status"] == "abgeschlossen")
    return False


def classify(conn: sqlite3.Connection, own_replica: str, own_tick: int) -> MergePlan:
    """The plan for merging the attached file ``x`` into ``main`` (after natural keys were applied to ``x``)."""
    plan = MergePlan()
    signed, sections = _signed_agreements(conn)
    # Vectors repeat (every row one transaction changed carries the same one), so each is parsed and each pair
    # compared once per merge, not once per row.
    own_entries: dict[Any, int] = {}
    orders: dict[tuple[str, str], Order] = {}
    for table in RECORD_TABLES:
        content = content_columns(conn, table)
        for theirs, mine in _rows(conn, table):
            vv = theirs["vv"]
            if vv not in own_entries:
                own_entries[vv] = versions.parse(vv).get(own_replica, 0)
            if own_entries[vv] > own_tick:
                plan.rewound = True
            order = None
            if mine is not None:
                pair = (str(vv), str(mine["vv"]))
                if pair not in orders:
                    orders[pair] = versions.compare(*pair)
                order = orders[pair]
            change = _judge(table, content, theirs, mine, order)
            if change is None:
                continue
            owner = _owner(table, mine or theirs, sections)
            if (
                owner in signed
                and change.verdict in (Verdict.NEW, Verdict.CHANGED, Verdict.DELETED)
                and not _allowed_on_signed(table, change.fields, mine, theirs)
            ):
                change.verdict, change.conflict = Verdict.CONFLICT, ConflictKind.SIGNED
            plan.changes.append(change)
    return plan


def _judge(
    table: str, content: list[str], theirs: dict[str, Any], mine: dict[str, Any] | None, order: Order | None
) -> RowChange | None:
    """The verdict on one record (None: nothing to do); ``order``: how their version relates to mine."""
    if mine is None:
        verdict = Verdict.DELETED if theirs["deleted"] else Verdict.NEW
        return RowChange(table, str(theirs["id"]), verdict, theirs, None, tuple(content))
    if order in (Order.OLDER, Order.EQUAL):
        return None
    fields = tuple(c for c in content if theirs[c] != mine[c])
    if order is Order.NEWER:
        if not fields:
            return RowChange(table, str(theirs["id"]), Verdict.JOINED, theirs, mine, ())
        verdict = Verdict.DELETED if theirs["deleted"] and not mine["deleted"] else Verdict.CHANGED
        return RowChange(table, str(theirs["id"]), verdict, theirs, mine, fields)
    if not fields or (theirs["deleted"] and mine["deleted"]):
        return RowChange(table, str(theirs["id"]), Verdict.JOINED, theirs, mine, ())
    kind = ConflictKind.BOTH
    if theirs["deleted"] != mine["deleted"]:
        kind = ConflictKind.DELETION if theirs["deleted"] else ConflictKind.DELETED_HERE
    return RowChange(table, str(theirs["id"]), Verdict.CONFLICT, theirs, mine, fields, kind)
