"""The KPI grid's plausibility checks for the staged values of an Excel import (see ``rules.plausibility``).

Errors leave the value out with a problem at its cell: a quota outside 0–100 %, a change rate below −100 %, a
negative count or VZA, a count of people with decimals. They run as a few SQL queries over the stage, so a sheet of
a whole Land is checked in the time of a scan. Warnings (far from the median of the twelve months before) do not
refuse a value; they are listed in a note (two queries, the medians in Python).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from itertools import groupby
from operator import itemgetter

from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import.results import ProblemList
from zv_desktop.core.exchange.xlsx_import.staging import LEFT_OUT, Stage
from zv_desktop.core.formats import format_number
from zv_desktop.core.rules.plausibility import (
    COUNT_UNITS,
    HISTORY_MONTHS,
    NON_NEGATIVE_UNITS,
    check_figure,
    clearly_usual,
    is_change_rate,
    is_unusual,
)

#: Cells named in the note on unusual values.
SHOWN = 5


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


def unusual_note(stage: Stage, measures: Mapping[str, model.Measure], area_names: Mapping[str, str]) -> str | None:
    """A note naming the staged monthly Ist values far from the median of the twelve months before them.

    Two queries, both in measure–area order: the staged values, and the stored history of their pairs (through the
    value key's index, only the years the twelve months before can fall in). They are walked side by side, so only
    one pair's months are held at a time; the medians are taken in Python.
    """
    conn = stage.store.conn
    ist = f"status <> {LEFT_OUT} AND value_kind = 'ist'"
    first, last = conn.execute(f"SELECT min(year), max(year) FROM {stage.name} WHERE {ist}").fetchone()
    if first is None:
        return None
    judged = {m for m, measure in measures.items() if not is_change_rate(measure.unit, measure.name)}
    stored = groupby(
        conn.execute(
            f"SELECT k.measure_id, k.area_id, k.year, k.period_no, k.value FROM (SELECT DISTINCT measure_id, area_id "
            f"FROM {stage.name} WHERE {ist}) AS p JOIN kpi_values AS k ON k.area_id = p.area_id "
            "AND k.measure_id = p.measure_id AND k.deleted = 0 AND k.year BETWEEN ? AND ? AND k.period_type = 'M' "
            "AND k.value_kind = 'ist' AND k.value IS NOT NULL ORDER BY k.measure_id, k.area_id",
            (first - 1, last),
        ),
        key=itemgetter(0, 1),
    )
    history = next(stored, None)
    found: list[str] = []
    count = 0
    staged = conn.execute(
        f"SELECT measure_id, area_id, year, period_no, value, cell FROM {stage.name} WHERE {ist} "
        "ORDER BY measure_id, area_id, year, period_no"
    )
    for pair, rows in groupby(staged, key=itemgetter(0, 1)):
        while history is not None and history[0] < pair:
            history = next(stored, None)
        known: dict[int, str] = {}
        if history is not None and history[0] == pair:
            known = {year * 12 + month - 1: value for _, _, year, month, value in history[1]}
            history = next(stored, None)
        if pair[0] not in judged:
            continue
        values = list(rows)
        known.update({year * 12 + month - 1: value for _, _, year, month, value, _ in values})
        figures = {at: float(value) for at, value in known.items()}
        for measure_id, area_id, year, month, _value, cell in values:
            at = year * 12 + month - 1
            before = [i for i in range(at - HISTORY_MONTHS, at) if i in known]
            if clearly_usual(figures[at], [figures[i] for i in before]):
                continue
            figure = Decimal(known[at])
            if is_unusual(figure, [Decimal(known[i]) for i in before]):
                count += 1
                if len(found) < SHOWN:
                    where = f"{measures[measure_id].code}, {area_names.get(area_id, '?')}, {month:02d}/{year}"
                    found.append(f"{cell} ({where}: {format_number(figure)})")
    if not count:
        return None
    listed = "; ".join(found) + (" …" if count > len(found) else "")
    return (
        f"{format_number(count)} {'Wert weicht' if count == 1 else 'Werte weichen'} stark von den zwölf Monaten "
        f"davor ab (mehr als das Dreifache oder weniger als ein Drittel des Medians) – bitte prüfen: {listed}. "
        "Sie werden trotzdem übernommen."
    )
