"""The documented JSON format of a whole data file (docs/json-format.md): dump and validated load."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.exchange.json_codec import decode_record, encode_record
from zv_desktop.core.exchange.load_checks import Incoming, check_incoming
from zv_desktop.core.services.values import adopt_stored_id
from zv_desktop.core.store import Store
from zv_desktop.core.store.mapping import TABLES, table_of
from zv_desktop.core.store.migrations import latest_version

FORMAT_NAME = "zv-desktop"
FORMAT_VERSION = 1

#: Top-level lists of flat records, in the order they are written on load.
FLAT_LISTS: tuple[tuple[str, type], ...] = (
    ("parties", model.Party),
    ("signatories", model.Signatory),
    ("areas", model.Area),
    ("measures", model.Measure),
)
#: Nested lists: (key in parent, record type, field that points to the parent).
AGREEMENT_CHILDREN = (
    ("parties", model.AgreementParty, "agreement_id"),
    ("sections", model.Section, "agreement_id"),
    ("goals", model.Goal, "agreement_id"),
    ("amendments", model.Amendment, "agreement_id"),
)
PAPER_CHILDREN = (
    ("consultations", model.Consultation, "paper_id"),
    ("attachments", model.Attachment, "paper_id"),
)


def _find(store: Store, cls: type) -> list[Any]:
    return store.find(cls, order_by="rowid")


def dump(store: Store, *, with_sync: bool = False) -> dict[str, Any]:
    """Everything live in the file as one JSON-ready dict.

    With ``with_sync`` a section "sync" adds, per table, every record's id, deletion mark and version vector,
    tombstones included (what two files must agree on after they exchanged everything).
    """
    out: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_version": latest_version(),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "office": {"site_id": store.site_id, "name": store.site_name},
    }
    for key, cls in FLAT_LISTS:
        out[key] = [encode_record(r) for r in _find(store, cls)]
    by_parent = _group(store, [(c, p) for _, c, p in AGREEMENT_CHILDREN] + [(model.Clause, "section_id")])
    agreements = []
    for agreement in store.find(model.Agreement, order_by="year, rowid"):
        item = encode_record(agreement)
        for key, cls, parent in AGREEMENT_CHILDREN:
            item[key] = []
            for child in by_parent[cls].get(agreement.id, []):
                encoded = encode_record(child, omit=(parent,))
                if cls is model.Section:
                    encoded["clauses"] = [
                        encode_record(c, omit=("section_id",)) for c in by_parent[model.Clause].get(child.id, [])
                    ]
                item[key].append(encoded)
        agreements.append(item)
    out["agreements"] = agreements
    live_goals = {g.id for g in store.find(model.Goal)}  # a correction about a deleted goal goes with it
    out["goal_matches"] = [
        encode_record(m)
        for m in _find(store, model.GoalMatch)
        if m.earlier_goal_id in live_goals and m.later_goal_id in live_goals
    ]
    out["kpi_values"] = [encode_record(v) for v in store.find(model.KpiValue, order_by="rowid")]
    paper_children = _group(store, [(c, p) for _, c, p in PAPER_CHILDREN])
    papers = []
    for paper in store.find(model.Paper, order_by="paper_date, rowid"):
        item = encode_record(paper)
        for key, cls, parent in PAPER_CHILDREN:
            item[key] = [encode_record(c, omit=(parent,)) for c in paper_children[cls].get(paper.id, [])]
        papers.append(item)
    out["papers"] = papers
    if with_sync:
        out["sync"] = {
            table: [list(row) for row in store.conn.execute(f"SELECT id, deleted, vv FROM {table} ORDER BY id")]
            for table in sorted(TABLES.values())
        }
    return out


def _group(store: Store, specs: list[tuple[type, str]]) -> dict[type, dict[str, list[Any]]]:
    grouped: dict[type, dict[str, list[Any]]] = {}
    for cls, parent in specs:
        grouped[cls] = {}
        records: list[Any] = store.find(cls, order_by="position, rowid" if _has_position(cls) else "rowid")
        for record in records:
            grouped[cls].setdefault(getattr(record, parent), []).append(record)
    return grouped


def _has_position(cls: type) -> bool:
    return "position" in getattr(cls, "__dataclass_fields__", {})


@dataclass
class LoadResult:
    """What a load did, per table: inserted, updated, unchanged."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, table: str, action: str) -> None:
        """Count one written record."""
        self.counts.setdefault(table, {}).setdefault(action, 0)
        self.counts[table][action] += 1


def parse_json(text: str) -> Any:
    """Parse JSON text; a syntax error becomes a ValidationError naming line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [Problem(f"Zeile {exc.lineno}, Spalte {exc.colno}", f"kein gültiges JSON ({exc.msg}).")]
        ) from exc
    except RecursionError as exc:
        raise ValidationError([Problem("$", "ist zu tief verschachtelt, um JSON der ZV-Datei zu sein.")]) from exc


def load(store: Store, data: Any) -> LoadResult:
    """Add or update everything in ``data``; all problems are collected and nothing is written if any."""
    problems: list[Problem] = []
    incoming = _decode_all(data, problems)
    # records that decoded are checked further even if others did not: the user sees every problem
    problems += check_incoming(store, incoming)
    if problems:
        raise ValidationError(problems)
    result = LoadResult()
    with store.transaction():
        # references may point forward in the file (a city before its Kreis): check them at commit
        store.conn.execute("PRAGMA defer_foreign_keys = ON")
        for _path, record in incoming.records:
            if isinstance(record, model.Measure) and record.builtin:
                result.add("measures", "unchanged")  # the catalogue is the same in every file
                continue
            if isinstance(record, model.KpiValue):
                adopt_stored_id(store, record)
            result.add(table_of(type(record)), store.write(store.adopt_version(record)))  # the file replaces
    return result


def _decode_all(data: Any, problems: list[Problem]) -> Incoming:
    incoming = Incoming()
    if not isinstance(data, dict):
        problems.append(Problem("$", "Die Datei muss ein JSON-Objekt enthalten."))
        return incoming
    if data.get("format") != FORMAT_NAME:
        problems.append(Problem("$.format", f"muss „{FORMAT_NAME}“ sein – das ist keine ZV-Datei im JSON-Format."))
        return incoming
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        problems.append(Problem("$.format_version", f"{version!r} wird nicht unterstützt (bis {FORMAT_VERSION})."))
        return incoming
    for key, cls in FLAT_LISTS:
        for i, item in enumerate(_list(data, key, "$", problems)):
            _add(incoming, cls, item, f"$.{key}[{i}]", problems)
    agreements = _list(data, "agreements", "$", problems)
    children: dict[str, list[tuple[str, Any]]] = {}
    for i, item in enumerate(agreements):
        path = f"$.agreements[{i}]"
        names = tuple(k for k, _, _ in AGREEMENT_CHILDREN)
        agreement = _add(incoming, model.Agreement, item, path, problems, children=names)
        agreement_id = agreement.id if agreement is not None else _raw_id(item)
        if agreement is not None:
            incoming.agreement_years[agreement.id] = agreement.year
        for key, cls, parent in AGREEMENT_CHILDREN:
            for j, child in enumerate(_list(item, key, path, problems)):
                children.setdefault(key, []).append((f"{path}.{key}[{j}]", (cls, child, {parent: agreement_id})))
    # parties and sections first, clauses after their section, goals after clauses
    for child_path, (cls, child, implied) in children.get("parties", []) + children.get("sections", []):
        record: Any = _add(incoming, cls, child, child_path, problems, implied, ("clauses",))
        if cls is model.Section:
            section_id = record.id if record is not None else _raw_id(child)
            for k, clause in enumerate(_list(child, "clauses", child_path, problems)):
                _add(incoming, model.Clause, clause, f"{child_path}.clauses[{k}]", problems, {"section_id": section_id})
    for child_path, (cls, child, implied) in children.get("goals", []) + children.get("amendments", []):
        _add(incoming, cls, child, child_path, problems, implied)
    for i, item in enumerate(_list(data, "goal_matches", "$", problems)):
        _add(incoming, model.GoalMatch, item, f"$.goal_matches[{i}]", problems)
    for i, item in enumerate(_list(data, "kpi_values", "$", problems)):
        _add(incoming, model.KpiValue, item, f"$.kpi_values[{i}]", problems)
    for i, item in enumerate(_list(data, "papers", "$", problems)):
        path = f"$.papers[{i}]"
        # a paper written before it could be a draft (schema version 9) was released
        before = {"released": True} if isinstance(item, dict) and "released" not in item else None
        paper = _add(incoming, model.Paper, item, path, problems, before, ("consultations", "attachments"))
        paper_id = paper.id if paper is not None else _raw_id(item)
        for key, cls, parent in PAPER_CHILDREN:
            for j, child in enumerate(_list(item, key, path, problems)):
                _add(incoming, cls, child, f"{path}.{key}[{j}]", problems, {parent: paper_id})
    return incoming


def _raw_id(item: Any) -> str:
    """The id of an object that failed to decode, so its children can still be checked."""
    raw = item.get("id") if isinstance(item, dict) else None
    return raw if isinstance(raw, str) else ""


def _list(data: Any, key: str, path: str, problems: list[Problem]) -> list[Any]:
    value = data.get(key, []) if isinstance(data, dict) else []
    if not isinstance(value, list):
        problems.append(Problem(f"{path}.{key}", "muss eine Liste […] sein."))
        return []
    return value


def _add(
    incoming: Incoming,
    cls: type,
    item: Any,
    path: str,
    problems: list[Problem],
    implied: dict[str, Any] | None = None,
    children: tuple[str, ...] = (),
) -> Any:
    record = decode_record(cls, item, path, problems, implied, children)
    if record is not None:
        incoming.records.append((path, record))
    return record
