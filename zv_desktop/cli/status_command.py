"""`zv status`: the achievement of every goal of a year, as text or JSON (the figures of the dashboard)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zv_desktop.cli.console import EXIT_OK, render_json
from zv_desktop.cli.data_file import open_data_file
from zv_desktop.cli.render import table
from zv_desktop.core import model
from zv_desktop.core.formats import format_date
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.services.status import GoalRow, YearStatus, year_status
from zv_desktop.core.services.status_text import agreed_text, explain, figure_text, percent_text, unit_of

#: How the light reads on a console that may not show colours.
LIGHT_MARKS = {"green": "[grün]", "amber": "[gelb]", "red": "[rot] ", "none": "[ – ] "}


def cmd_status(args: argparse.Namespace, db: Path) -> int:
    """Print the status of every goal of ``args.year``."""
    store = open_data_file(db, read_only=True)
    try:
        party = store.resolve_id(model.Party, args.party) if args.party else None
        method = Method.ROLLING_12 if args.rolling else Method.YEAR_TO_DATE
        status = year_status(store, args.year, args.month, party, method)
        if args.json:
            render_json(status_json(status))
        else:
            print(status_text(status))
    finally:
        store.close()
    return EXIT_OK


def _heading(status: YearStatus) -> str:
    return (
        f"Zielerreichung {status.year}, Stand {status.month:02d}/{status.year} "
        f"(Berichtstag {format_date(status.as_of)}; Hochrechnung {status.method.label})"
    )


def status_text(status: YearStatus) -> str:
    """The status as a German text table per agreement, each goal followed by how its figures came about."""
    lines = [_heading(status), ""]
    if not status.rows:
        return "\n".join([*lines, f"Keine Ziele in Zielvereinbarungen des Jahres {status.year}."])
    counts = {light: sum(1 for r in status.rows if r.status.light.value == light) for light in LIGHT_MARKS}
    lines.append(
        f"{len(status.rows)} {'Ziel' if len(status.rows) == 1 else 'Ziele'}: {counts['green']} erreicht, {counts['amber']} gefährdet, "
        f"{counts['red']} nicht erreicht, {counts['none']} ohne Bewertung"
    )
    by_agreement: dict[str, list[GoalRow]] = {}
    for row in status.rows:
        by_agreement.setdefault(row.agreement_id, []).append(row)
    for rows in by_agreement.values():
        lines += ["", f"{rows[0].agreement_title} ({rows[0].parties})"]
        body = [
            [
                LIGHT_MARKS[r.status.light.value],
                r.place,
                r.goal.title,
                figure_text(r.status.actual, unit_of(r)),
                agreed_text(r),
                percent_text(r.status.percent),
                r.status.verdict,
            ]
            for r in rows
        ]
        lines.append(table(["Ampel", "Stelle", "Ziel", "Ist", "Soll/Ziel", "Erreicht", "Bewertung"], body))
        lines += [f"  {r.place} {r.goal.title[:50]}: {explain(r)}" for r in rows if explain(r) != r.status.verdict]
    return "\n".join(lines)


def _number(value: Any) -> str | None:
    return None if value is None else str(value)


def status_json(status: YearStatus) -> dict[str, Any]:
    """The status as JSON: exact decimals as strings, German texts alongside."""
    return {
        "year": status.year,
        "month": status.month,
        "as_of": status.as_of.isoformat(),
        "method": status.method.value,
        "goals": [
            {
                "goal_id": r.goal.id,
                "agreement_id": r.agreement_id,
                "agreement": r.agreement_title,
                "parties": r.parties,
                "place": r.place,
                "title": r.goal.title,
                "kind": r.goal.kind.value,
                "measure": r.measure.code if r.measure else None,
                "area": r.area_name or None,
                "light": r.status.light.value,
                "verdict": r.status.verdict,
                "actual": _number(r.status.actual),
                "target": _number(r.status.target),
                "percent": _number(r.status.percent),
                "percent_kind": r.status.percent_kind,
                "missing_months": list(r.status.figure.missing) if r.status.figure else [],
                "explanation": explain(r),
            }
            for r in status.rows
        ],
    }
