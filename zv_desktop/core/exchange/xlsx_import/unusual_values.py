"""The note on staged monthly Ist values far from the median of the twelve months before them (``rules.plausibility``).

Two queries, both in measure–area order: the staged values, and the stored history of their pairs (through the value
key's index, only the years the twelve months before can fall in). They are walked side by side, so only one pair's
months are held at a time. Each pair's months become one series of floats; a figure the float look finds clearly
inside the band is passed, the others are judged exactly in Decimal (``clearly_usual``, then ``is_unusual``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import.staging import LEFT_OUT, Stage
from zv_desktop.core.formats import format_number
from zv_desktop.core.rules.plausibility import HISTORY_MONTHS, clearly_usual, is_change_rate, is_unusual

Row = tuple[Any, ...]  # measure_id, area_id, month number (year * 12 + month - 1), value text[, seq]

#: Cells named in the note.
SHOWN = 5


def unusual_note(stage: Stage, measures: Mapping[str, model.Measure], area_names: Mapping[str, str]) -> str | None:
    """The German note naming the staged monthly Ist values far from their history, None if there are none."""
    conn = stage.store.conn
    ist = f"status <> {LEFT_OUT} AND value_kind = 'ist'"
    first, last = conn.execute(f"SELECT min(year), max(year) FROM {stage.name} WHERE {ist}").fetchone()
    if first is None:
        return None
    judged = {m for m, measure in measures.items() if not is_change_rate(measure.unit, measure.name)}
    stored = groupby(
        conn.execute(
            "SELECT k.measure_id, k.area_id, k.year * 12 + k.period_no - 1, k.value FROM (SELECT DISTINCT measure_id, "
            f"area_id FROM {stage.name} WHERE {ist}) AS p JOIN kpi_values AS k ON k.area_id = p.area_id "
            "AND k.measure_id = p.measure_id AND k.deleted = 0 AND k.year BETWEEN ? AND ? AND k.period_type = 'M' "
            "AND k.value_kind = 'ist' AND k.value IS NOT NULL ORDER BY k.measure_id, k.area_id",
            (first - 1, last),
        ),
        key=itemgetter(0, 1),
    )
    staged = conn.execute(
        f"SELECT measure_id, area_id, year * 12 + period_no - 1 AS at, value, seq FROM {stage.name} WHERE {ist} "
        "ORDER BY measure_id, area_id, at"
    )
    history = next(stored, None)
    found: list[int] = []  # seq of the first unusual values
    count = 0
    for pair, rows in groupby(staged, key=itemgetter(0, 1)):
        while history is not None and history[0] < pair:
            history = next(stored, None)
        months: list[Row] = []
        if history is not None and history[0] == pair:
            months = list(history[1])
            history = next(stored, None)
        if pair[0] not in judged:
            continue
        values = list(rows)
        for seq in _unusual(months, values):
            count += 1
            if len(found) < SHOWN:
                found.append(seq)
    if not count:
        return None
    listed = "; ".join(_where(stage, seq, measures, area_names) for seq in found) + (" …" if count > len(found) else "")
    return (
        f"{format_number(count)} {'Wert weicht' if count == 1 else 'Werte weichen'} stark von den zwölf Monaten "
        f"davor ab (mehr als das Dreifache oder weniger als ein Drittel des Medians) – bitte prüfen: {listed}. "
        f"{'Er wird' if count == 1 else 'Sie werden'} trotzdem übernommen."
    )


def _unusual(stored: list[Row], staged: list[Row]) -> list[int]:
    """The seq of each staged value of one measure–area pair that is unusual against the months before it (stored
    ones, or staged ones, which replace stored ones); both lists ordered by month."""
    start = min(stored[0][2] if stored else staged[0][2], staged[0][2])
    end = max(stored[-1][2] if stored else staged[-1][2], staged[-1][2])
    series: list[float | None] = [None] * (end - start + 1)
    texts: list[str] = [""] * (end - start + 1)
    for month in (*stored, *staged):
        series[month[2] - start], texts[month[2] - start] = float(month[3]), month[3]
    found = []
    for _, _, at, _, seq in staged:
        i = at - start
        window = series[max(0, i - HISTORY_MONTHS) : i]
        if None in window:
            window = [x for x in window if x is not None]
        if clearly_usual(series[i], window):  # type: ignore[arg-type]  # no None is left in the window
            continue
        before = [Decimal(texts[j]) for j in range(max(0, i - HISTORY_MONTHS), i) if series[j] is not None]
        if is_unusual(Decimal(texts[i]), before):
            found.append(seq)
    return found


def _where(stage: Stage, seq: int, measures: Mapping[str, model.Measure], area_names: Mapping[str, str]) -> str:
    """The cell of a staged value and what it is: "F12 (K2, Hilden, 03/2014: 61,5)"."""
    cell, measure_id, area_id, year, month, value = stage.store.conn.execute(
        f"SELECT cell, measure_id, area_id, year, period_no, value FROM {stage.name} WHERE seq = ?", (seq,)
    ).fetchone()
    where = f"{measures[measure_id].code}, {area_names.get(area_id, '?')}, {month:02d}/{year}"
    return f"{cell} ({where}: {format_number(Decimal(value))})"
