"""The KPI grid's plausibility checks for the staged values of an Excel import (see ``rules.plausibility``).

Errors leave the value out with a problem at its cell: a quota outside 0–100 %, a change rate below −100 %, a
negative count or VZA, a count of people with decimals. They run as a few SQL queries over the stage, so a sheet of
a whole Land is checked in the time of a scan. Warnings (far from the median of the twelve months before) do not
refuse a value; they are listed in a note (``unusual_values``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import.results import ProblemList
from zv_desktop.core.exchange.xlsx_import.staging import LEFT_OUT, Stage
from zv_desktop.core.rules.plausibility import (
    COUNT_UNITS,
    NON_NEGATIVE_UNITS,
    check_figure,
    is_change_rate,
)


def _categories(measures: Mapping[str, model.Measure]) -> dict[str, list[str]]:
    """Measure ids by the rule that applies: quota, change rate, whole count, non-negative amount."""
    found: dict[str, list[str]] = {"quota": [], "change": [], "count": [], "positive": []}
    for measure_id, measure in measures.items():
        unit = measure.unit.strip()
        if unit == "%":
            found["change" if is_change_rate(unit, measure.name) else "quota"].append(measure_id)
        elif unit in COUNT_UNITS:
            found["count"].append(measure_id)
        elif unit in NON_NEGATIVE_UNITS:
            found["positive"].append(measure_id)
    return found


_OUTSIDE = {
    "quota": "CAST(value AS REAL) < 0 OR CAST(value AS REAL) > 100",
    "change": "CAST(value AS REAL) < -100",
    "count": "CAST(value AS REAL) < 0 OR CAST(value AS REAL) <> CAST(CAST(value AS REAL) AS INTEGER)",
    "positive": "CAST(value AS REAL) < 0",
}


def refuse_implausible(stage: Stage, measures: Mapping[str, model.Measure], problems: ProblemList) -> int:
    """Leave out staged values that cannot be figures of their measure, each with a problem; returns how many."""
    stage.flush()
    left_out: list[tuple[int]] = []
    for category, ids in _categories(measures).items():
        if not ids:
            continue
        marks = ",".join("?" * len(ids))
        rows = stage.store.conn.execute(
            f"SELECT seq, cell, measure_id, value FROM {stage.name} WHERE status <> {LEFT_OUT} "
            f"AND measure_id IN ({marks}) AND ({_OUTSIDE[category]})",
            ids,
        ).fetchall()
        for seq, cell, measure_id, value in rows:
            measure = measures[measure_id]
            reason = check_figure(Decimal(value), measure.unit, measure.name)
            if reason is None:  # SQL's REAL saw what the exact decimal does not (e.g. 100.0000000001)
                continue
            problems.add(cell, f"{measure.code}: {reason} Der Wert wird nicht übernommen.")
            left_out.append((seq,))
    if left_out:
        with stage.store.scratch():
            stage.store.conn.executemany(f"UPDATE {stage.name} SET status = {LEFT_OUT} WHERE seq = ?", left_out)
    return len(left_out)
