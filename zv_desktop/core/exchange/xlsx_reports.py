"""Excel export of the overviews: Zielerreichung (the dashboard), Jahresvergleich and Zeitreihe.

The figures are the services' own (``year_status``, ``compare_agreements``, ``build_series``), written as numbers
with formats; texts (light, verdict, explanation, change sentences) are the ones the app shows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_sheet import (
    Column,
    Figure,
    Sheet,
    Value,
    check_target,
    decimals_of,
    figure,
    info_line,
    number_format,
    write_workbook,
)
from zv_desktop.core.formats import month_name
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.services.compare.change_list import change_list
from zv_desktop.core.services.compare.comparison import Comparison, Row, Status, compare_agreements
from zv_desktop.core.services.status import GoalRow, year_status
from zv_desktop.core.services.status_text import explain, unit_of
from zv_desktop.core.services.time_series import TimeSeries, build_series, cities_side_by_side
from zv_desktop.core.services.time_series_table import year_table
from zv_desktop.core.store import Store

_TENTH = Decimal("0.1")
_PERCENT = number_format(1, "%")
_COMPARATOR_SIGNS = {model.Comparator.AT_LEAST: "≥ ", model.Comparator.AT_MOST: "≤ ", model.Comparator.EXACTLY: "= "}


# --- Zielerreichung ---------------------------------------------------------------------------


def export_status(
    store: Store,
    path: Path,
    year: int,
    month: int | None = None,
    party_id: str | None = None,
    method: Method = Method.YEAR_TO_DATE,
    goal_ids: Collection[str] | None = None,
    selection: str = "",
) -> int:
    """The dashboard: every goal of the year (only ``goal_ids`` if given, in their order if it is a sequence).

    Ist, Soll/Ziel and Zielerreichung are numbers; the Zielerreichung is cut (not rounded) to one decimal, as the
    dashboard shows it, so 99,97 % never reads as a reached 100,0 %.
    """
    check_target(path)
    status = year_status(store, year, month, party_id, method)
    rows = status.rows
    if goal_ids is not None:
        by_id = {r.goal.id: r for r in rows}
        if isinstance(goal_ids, Sequence) and not isinstance(goal_ids, str):
            rows = [by_id[g] for g in dict.fromkeys(goal_ids) if g in by_id]
        else:
            rows = [r for r in rows if r.goal.id in goal_ids]
    title = f"Zielerreichung {status.year} – Berichtsmonat {month_name(status.month)} {status.year}"
    party = ""
    if party_id is not None and store.exists(model.Party, party_id):
        found = store.get(model.Party, party_id)
        party = f"Träger: {found.short_name or found.name}"
    context = f"Hochrechnung: {status.method.label}; Berichtstag {status.as_of:%d.%m.%Y}"
    info = info_line(store.site_name, " · ".join(p for p in (party, context, selection.strip()) if p))
    headers = ["Ampel", "Zielvereinbarung", "Träger", "Stelle", "Ziel", "Zielart", "Kennzahl", "Gebiet", "Ist"]
    headers += ["Soll/Ziel", "Zielerreichung", "Bezug", "Frist", "Erledigt am", "Bewertung", "Erläuterung"]
    notes = ["Zielerreichung auf eine Nachkommastelle abgeschnitten (wie in der Übersicht); Werte in Prozentpunkten."]
    if not rows:
        notes.insert(0, f"Keine Ziele in Zielvereinbarungen des Jahres {status.year}.")
    sheet = Sheet("Zielerreichung", title, info, [Column(h) for h in headers], [_status_row(r) for r in rows], notes)
    return write_workbook(path, title, [sheet])


def _status_row(row: GoalRow) -> list[Value]:
    goal, status, unit = row.goal, row.status, unit_of(row)
    explanation = explain(row)
    percent = None if status.percent is None else Figure(status.percent.quantize(_TENTH, ROUND_FLOOR), _PERCENT)
    return [
        status.light.label,
        row.agreement_title,
        row.parties,
        row.place,
        goal.title,
        goal.kind.label,
        row.measure.code if row.measure else "",
        row.area_name,
        figure(status.actual, unit),
        _agreed(row, unit),
        percent,
        status.percent_kind if status.percent is not None else "",
        goal.deadline,
        goal.done_date,
        status.verdict,
        explanation if explanation != status.verdict else "",
    ]


def _agreed(row: GoalRow, unit: str) -> Figure | None:
    """The agreed figure a goal is judged against (as ``agreed_text``), as a number with its unit."""
    goal = row.goal
    prefix = _COMPARATOR_SIGNS.get(goal.comparator, "") if goal.comparator is not None else ""
    is_threshold = goal.kind is model.GoalKind.THRESHOLD
    if row.status.target is not None:
        return figure(row.status.target, unit, prefix=prefix if is_threshold else "")
    if goal.kind in (model.GoalKind.BUDGET, model.GoalKind.PREMIUM) and goal.amount is not None:
        return _money(goal.amount)
    if is_threshold and goal.threshold_value is not None:
        return figure(goal.threshold_value, unit, prefix=prefix)
    if goal.kind is model.GoalKind.STAFFING and goal.staff_target_vza is not None:
        return figure(goal.staff_target_vza, "VZA")
    return None


def _money(amount: Money) -> Figure:
    return Figure(amount.amount, number_format(2, amount.currency.symbol))


# --- Jahresvergleich --------------------------------------------------------------------------


def export_comparison(store: Store, path: Path, agreement_ids: list[str]) -> int:
    """Goals side by side per year (amounts as numbers; DM years with an extra € column) and a second sheet
    "Änderungen gegenüber dem Vorjahr" with one row per change sentence."""
    check_target(path)
    comparison = compare_agreements(store, agreement_ids)
    agreements = comparison.agreements
    years = [a.year for a in agreements]
    span = f"{years[0]} bis {years[-1]}" if len(years) > 2 else f"{years[0]} → {years[1]}"
    title = f"Jahresvergleich {span} – {agreements[-1].title}"
    info = info_line(store.site_name)
    with_dm = [
        any(g.amount is not None and g.amount.currency is Currency.DM for g in p.goals) for p in comparison.parts
    ]
    headers = ["Ziel", "Stelle", "Zielart", "Kennzahl"]
    for index, agreement in enumerate(agreements):
        label = str(agreement.year) if years.count(agreement.year) == 1 else f"{agreement.year} ({index + 1})"
        headers += [label, f"{label} in €"] if with_dm[index] else [label]
    headers.append("Stand")
    rows = [_comparison_row(comparison, row, with_dm) for row in comparison.rows]
    compared = [f"{a.year}: {a.title} ({a.status.label})" for a in agreements]
    notes = ["Verglichen: " + "; ".join(compared), "DM-Beträge in € umgerechnet zum festen Kurs 1 € = 1,95583 DM."]
    goals = Sheet("Ziele im Vergleich", title, info, [Column(h) for h in headers], rows, notes)
    changes, counts = _changes(comparison)
    change_sheet = Sheet(
        "Änderungen",
        f"Änderungen gegenüber dem Vorjahr – {agreements[-1].title}",
        info,
        [Column(h) for h in ("Vergleich", "Stelle", "Überschrift", "Änderung")],
        changes,
        counts,
    )
    return write_workbook(path, title, [goals, change_sheet])


def _comparison_row(comparison: Comparison, row: Row, with_dm: list[bool]) -> list[Value]:
    latest = next(g for g in reversed(row.cells) if g is not None)
    measure = comparison.names.measures.get(latest.measure_id or "")
    line: list[Value] = [
        row.title,
        comparison.places.get(latest.id, ""),
        latest.kind.label,
        measure.code if measure else "",
    ]
    for index, goal in enumerate(row.cells):
        line.append(_goal_figure(comparison, goal))
        if with_dm[index]:
            amount = goal.amount if goal is not None and _is_money(goal) else None
            line.append(None if amount is None else _money(amount.to_eur()))
    steps = [(comparison.agreements[i + 1].year, s.status) for i, s in enumerate(row.steps) if s is not None]
    changed = [f"{year}: {status.label}" for year, status in steps if status is not Status.UNCHANGED]
    line.append("; ".join(changed) or "unverändert")
    return line


def _is_money(goal: model.Goal) -> bool:
    return goal.amount is not None and goal.kind in (model.GoalKind.BUDGET, model.GoalKind.PREMIUM)


def _goal_figure(comparison: Comparison, goal: model.Goal | None) -> Value:
    """A goal's main figure as a number (amount, target, forecast, change, threshold, VZA), a date or a text."""
    if goal is None:
        return None
    unit = goal.unit or comparison.names.unit_of(goal.measure_id)
    kind = goal.kind
    if _is_money(goal):
        assert goal.amount is not None
        return _money(goal.amount)
    if kind is model.GoalKind.KPI_TARGET and goal.target_value is not None:
        return figure(goal.target_value, unit)
    if kind is model.GoalKind.MONITORING and goal.forecast_value is not None:
        return figure(goal.forecast_value, unit)
    if kind is model.GoalKind.RELATIVE_CHANGE and goal.change_percent is not None:
        return Figure(goal.change_percent, number_format(decimals_of(goal.change_percent), "%", signed=True))
    if kind is model.GoalKind.THRESHOLD and goal.threshold_value is not None and goal.comparator is not None:
        return figure(goal.threshold_value, unit, prefix=_COMPARATOR_SIGNS[goal.comparator])
    if kind is model.GoalKind.STAFFING and goal.staff_target_vza is not None:
        return figure(goal.staff_target_vza, "VZA")
    if goal.deadline is not None:
        return goal.deadline
    return comparison.key_figure(goal) or "vorhanden"


def _changes(comparison: Comparison) -> tuple[list[list[Value]], list[str]]:
    """Rows (one per sentence) of "Änderungen gegenüber dem Vorjahr" for every pair, and the goal counts."""
    rows: list[list[Value]] = []
    counts: list[str] = []
    for pair in range(len(comparison.agreements) - 1):
        earlier, later = comparison.agreements[pair], comparison.agreements[pair + 1]
        label = f"{later.year} gegenüber {earlier.year}"
        found = comparison.counts(pair)
        counts.append(f"Ziele {label}: " + ", ".join(f"{found[s]} {s.after_count}" for s in Status) + ".")
        for entry in change_list(comparison, pair):
            rows += [[label, entry.place, entry.title, sentence] for sentence in entry.sentences]
    if not rows:
        counts.insert(0, "Keine Änderungen.")
    return rows, counts


# --- Zeitreihe --------------------------------------------------------------------------------


def export_time_series(store: Store, path: Path, measure_id: str, area_id: str, cities: bool = False) -> int:
    """The yearly table of the Zeitreihe window (one area, or the cities of a Kreis) and a sheet of monthly values."""
    check_target(path)
    if cities:
        series = cities_side_by_side(store, measure_id, area_id)
        area = store.get(model.Area, area_id).name + " und Städte"
    else:
        series = [build_series(store, measure_id, area_id)]
        area = series[0].area_name
    measure = store.get(model.Measure, measure_id)
    title = f"Zeitreihe {measure.code} {measure.name} – {area}"
    info = info_line(store.site_name)
    empty = [] if any(not s.is_empty for s in series) else ["Keine Werte und keine Zielwerte."]
    yearly = _year_sheet(series, measure.unit, title, info, empty)
    monthly = _month_sheet(series, title, info, empty)
    return write_workbook(path, title, [yearly, monthly])


def _year_sheet(series: list[TimeSeries], unit: str, title: str, info: str, notes: list[str]) -> Sheet:
    table = year_table(series)
    suffix = f" ({unit.strip()})" if unit.strip() else ""
    columns = [Column("Jahr")] + ([Column("Gebiet")] if "area" in table.keys else [])
    columns += [Column(f"{h}{suffix}") for h in ("Zielwert", "Korridor von", "Korridor bis", "Prognose")]
    columns += [Column(f"Ist Dezember{suffix}"), Column("Stand")]
    has_year_value = "year_value" in table.keys
    if has_year_value:
        columns.append(Column(table.header("year_value")))
    columns.append(Column("Monate mit Werten"))
    rows: list[list[Value]] = []
    for s, f in table.rows:
        line: list[Value] = [f.year] + ([s.area_name] if "area" in table.keys else [])
        line += [figure(f.target), figure(f.corridor_low), figure(f.corridor_high), figure(f.forecast)]
        line += [figure(f.last_value, decimals=s.decimals)]
        line.append(f"{f.last_month:02d}/{f.year}" if f.last_month is not None else "")
        if has_year_value:
            extra = 1 if s.aggregation == "mean" else 0
            line.append(figure(f.year_value, decimals=s.decimals + extra))
        line.append(f.months)
        rows.append(line)
    return Sheet("Zeitreihe", title, info, columns, rows, notes)


def _month_sheet(series: list[TimeSeries], title: str, info: str, notes: list[str]) -> Sheet:
    shown = [s for s in series if not s.is_empty]
    years = sorted({f.year for s in shown for f in s.years})
    rows: list[list[Value]] = []
    formats = [number_format(s.decimals) for s in shown]
    for year in years:
        for month in range(1, 13):
            values = [s.value(year, month) for s in shown]
            cells = [Figure(v, fmt) if v is not None else None for v, fmt in zip(values, formats, strict=True)]
            rows.append([year, month, *cells])
    columns = [Column("Jahr"), Column("Monat"), *(Column(s.area_name) for s in shown)]
    return Sheet("Monatswerte", f"{title}: Ist-Werte je Monat", info, columns, rows, notes)
