"""`zv compare ID ID [ID…]`: agreements of several years side by side, as German text or JSON.

Prints the figures the comparison window shows: one row per goal chain with its status per year,
the field changes of changed goals (money in €, with the change in %; changed wording as a word
diff, [-deleted-] {+inserted+}), the reason of every pairing and the list "Änderungen gegenüber
dem Vorjahr" for each pair of adjacent agreements.
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from zv_desktop.cli.console import EXIT_OK, UsageError, render_json
from zv_desktop.cli.data_file import open_data_file
from zv_desktop.cli.render import table
from zv_desktop.core import model
from zv_desktop.core.money import Money
from zv_desktop.core.services.compare.change_list import ChangeEntry, change_list
from zv_desktop.core.services.compare.comparison import Comparison, Row, Status, Step, compare_agreements
from zv_desktop.core.services.compare.field_changes import FieldChange, mark_diff

TITLE_WIDTH = 48
ABSENT = "–"


def cmd_compare(args: argparse.Namespace, db: Path) -> int:
    """Compare the agreements given by id (or unique id prefix); text or ``--json``."""
    store = open_data_file(db, read_only=True)
    try:
        ids = list(dict.fromkeys(store.resolve_id(model.Agreement, text) for text in args.ids))
        if len(ids) < 2:
            raise UsageError("Für einen Vergleich bitte mindestens zwei verschiedene Zielvereinbarungen angeben.")
        comparison = compare_agreements(store, ids)
        changes = [change_list(comparison, pair) for pair in range(len(ids) - 1)]
    finally:
        store.close()
    if args.json:
        render_json(comparison_json(comparison, changes))
    else:
        print(comparison_text(comparison, changes))
    return EXIT_OK


# --- text ---------------------------------------------------------------------------------------


def _short(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cell(row: Row, column: int) -> str:
    """The status of a goal chain in one agreement, as the table shows it."""
    if column == 0:
        return "vorhanden" if row.cells[0] is not None else ABSENT
    step = row.steps[column - 1]
    return step.status.label if step is not None else ABSENT


def _change_line(change: FieldChange) -> str:
    if change.is_text and change.old and change.new:
        return f"{change.label}: {mark_diff(change.diff)}"
    delta = f" ({change.delta})" if change.delta else ""
    return f"{change.label}: {change.old or ABSENT} → {change.new or ABSENT}{delta}"


def _step_lines(comparison: Comparison, step: Step) -> list[str]:
    goal = step.later or step.earlier
    assert goal is not None
    place = comparison.places.get(goal.id, "")
    lines = [f"  {step.status.label}: „{goal.title}“ ({place}; Zuordnung: {step.reason})"]
    lines += [f"    {_change_line(change)}" for change in step.changes]
    return lines


def comparison_text(comparison: Comparison, changes: list[list[ChangeEntry]]) -> str:
    """The comparison as German text: agreements, a table of goal chains, changes per pair of years."""
    agreements = comparison.agreements
    out = [f"Vergleich von {len(agreements)} Zielvereinbarungen"]
    out += [f"  {a.year}  {a.title} ({a.status.label}; Kennung {a.id[:8]})" for a in agreements]
    headers = ["Ziel", *[str(a.year) for a in agreements]]
    body = [[_short(row.title), *[_cell(row, c) for c in range(len(agreements))]] for row in comparison.rows]
    out += ["", table(headers, body)]
    for pair in range(len(agreements) - 1):
        earlier, later = agreements[pair], agreements[pair + 1]
        counts = comparison.counts(pair)
        summary = ", ".join(f"{counts[status]} {status.after_count}" for status in Status)
        out += ["", f"{earlier.year} → {later.year}: {summary}"]
        for row in comparison.rows:
            step = row.steps[pair]
            if step is not None and step.status is Status.CHANGED:
                out += _step_lines(comparison, step)
        matched = [row.steps[pair] for row in comparison.rows if (s := row.steps[pair]) is not None and s.reason]
        if matched:
            out.append("  Zuordnungen:")
            for step in matched:
                assert step is not None and step.earlier is not None and step.later is not None
                out.append(f"    „{_short(step.earlier.title, 40)}“ → „{_short(step.later.title, 40)}“: {step.reason}")
        out += ["", f"Änderungen gegenüber dem Vorjahr ({later.year} gegenüber {earlier.year}):"]
        entries = changes[pair]
        out += [f"  • {entry.text}" for entry in entries] or ["  keine"]
    return "\n".join(out)


# --- JSON ---------------------------------------------------------------------------------------


def _value(value: Any) -> Any:
    """A field value in JSON: exact decimals and money as strings, dates ISO, choices by code."""
    if isinstance(value, Money):
        return {
            "amount": format(value.amount, "f"),
            "currency": value.currency.value,
            "amount_eur": format(value.to_eur().amount, "f"),
        }
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _change_json(change: FieldChange) -> dict[str, Any]:
    item: dict[str, Any] = {
        "field": change.field,
        "label": change.label,
        "old": _value(change.old_value),
        "new": _value(change.new_value),
        "old_text": change.old,
        "new_text": change.new,
        "percent": format(change.percent, "f") if change.percent is not None else None,
        "delta_text": change.delta,
    }
    if change.is_text:
        item["diff"] = [[op, text] for op, text in change.diff]
    return item


def _goal_json(comparison: Comparison, goal: model.Goal | None) -> dict[str, Any] | None:
    if goal is None:
        return None
    return {
        "goal_id": goal.id,
        "title": goal.title,
        "kind": goal.kind.value,
        "place": comparison.places.get(goal.id, ""),
        "figure_text": comparison.key_figure(goal),
    }


def _step_json(comparison: Comparison, pair: int, step: Step | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {
        "from_year": comparison.agreements[pair].year,
        "to_year": comparison.agreements[pair + 1].year,
        "status": step.status.value,
        "status_text": step.status.label,
        "reason": step.reason,
        "manual": step.manual,
        "changes": [_change_json(change) for change in step.changes],
    }


def comparison_json(comparison: Comparison, changes: list[list[ChangeEntry]]) -> dict[str, Any]:
    """The comparison as JSON: agreements, rows with cells and steps, and per pair counts and changes."""
    agreements = comparison.agreements
    return {
        "agreements": [{"id": a.id, "year": a.year, "title": a.title, "status": a.status.value} for a in agreements],
        "rows": [
            {
                "title": row.title,
                "cells": [_goal_json(comparison, goal) for goal in row.cells],
                "steps": [_step_json(comparison, pair, step) for pair, step in enumerate(row.steps)],
            }
            for row in comparison.rows
        ],
        "pairs": [
            {
                "from_year": agreements[pair].year,
                "to_year": agreements[pair + 1].year,
                "counts": {status.value: n for status, n in comparison.counts(pair).items()},
                "changes_against_previous": [
                    {"place": e.place, "title": e.title, "sentences": list(e.sentences), "text": e.text}
                    for e in changes[pair]
                ],
            }
            for pair in range(len(agreements) - 1)
        ],
    }
