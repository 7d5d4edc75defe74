"""Time series of one measure and area across all years: monthly Ist values, yearly targets, corridors, forecasts.

The figures come from the monthly Ist values (``kpi_values``, kind "ist", period "M") and from the goals that use the
measure for the area: a Kennzahlziel gives the year's target and corridor, a Monitoring goal its forecast. A goal
without an area belongs to the Kreis of one of its agreement's parties (the rule of the KPI grid). Missing months stay
None, never 0. The chart (``zv_desktop.core.charts``) and the time-series window are built on these records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from zv_desktop.core import model
from zv_desktop.core.services.kpi_grid import default_area
from zv_desktop.core.services.values import series_for_area
from zv_desktop.core.store import Store

MONTHS = 12
#: Goal kinds whose figures a time series shows: target and corridor, or forecast.
GOAL_KINDS = (model.GoalKind.KPI_TARGET, model.GoalKind.MONITORING)
#: How a year's figure is made from its months (``Measure.aggregation``), in German for tables.
AGGREGATION_LABELS = {"last": "Berichtsmonat", "mean": "Durchschnitt", "sum": "Summe"}
_SIGNED = frozenset({model.AgreementStatus.UNTERZEICHNET, model.AgreementStatus.ABGESCHLOSSEN})


class MonthValue(NamedTuple):
    """The Ist value of one month (None: nothing stored for that month)."""

    year: int
    month: int
    value: Decimal | None


class AreaRef(NamedTuple):
    """An area as the pickers show it."""

    id: str
    name: str
    kind: str
    parent_id: str | None


class SeriesKey(NamedTuple):
    """A (measure, area) pair that has monthly Ist values or a goal with a figure, with its labels."""

    measure_id: str
    area_id: str
    measure_label: str
    area_name: str


@dataclass(frozen=True)
class YearFigures:
    """One year of a series: the agreed figures and a summary of the year's monthly Ist values."""

    year: int
    target: Decimal | None = None
    corridor_low: Decimal | None = None
    corridor_high: Decimal | None = None
    forecast: Decimal | None = None
    direction: str = ""
    goal_ids: tuple[str, ...] = ()
    goal_titles: tuple[str, ...] = ()
    months: int = 0
    last_month: int | None = None
    last_value: Decimal | None = None
    year_value: Decimal | None = None

    @property
    def has_goal_figure(self) -> bool:
        """True if a goal gives this year a target, corridor or forecast."""
        return any(v is not None for v in (self.target, self.corridor_low, self.corridor_high, self.forecast))


@dataclass(frozen=True)
class TimeSeries:
    """One measure for one area: every month from January of the first year to December of the last, and the years.

    ``years`` lists the years that have values or goal figures; ``months`` is dense over first..last year.
    """

    measure_id: str
    area_id: str
    measure_code: str
    measure_name: str
    area_name: str
    unit: str
    direction: str
    aggregation: str
    months: tuple[MonthValue, ...]
    years: tuple[YearFigures, ...]

    @property
    def measure_label(self) -> str:
        """Code and name: "K2 Integrationsquote"."""
        return f"{self.measure_code} {self.measure_name}".strip()

    @property
    def first_year(self) -> int | None:
        """The first year with values or goal figures."""
        return self.years[0].year if self.years else None

    @property
    def last_year(self) -> int | None:
        """The last year with values or goal figures."""
        return self.years[-1].year if self.years else None

    @property
    def is_empty(self) -> bool:
        """True if there is neither a value nor a goal figure."""
        return not self.years

    @property
    def decimals(self) -> int:
        """The most decimals among the monthly values (0 to 4), for lining up numbers in tables."""
        found = 0
        for point in self.months:
            if point.value is not None:
                exponent = point.value.as_tuple().exponent
                if isinstance(exponent, int):
                    found = max(found, min(-exponent, 4))
        return found

    def value(self, year: int, month: int) -> Decimal | None:
        """The Ist value of a month, or None."""
        if self.first_year is None or not (self.first_year <= year <= (self.last_year or year)):
            return None
        return self.months[(year - self.first_year) * MONTHS + month - 1].value

    def year_to_date(self) -> tuple[MonthValue, ...]:
        """Values summed from January of each year (Jahresfortschrittswert); None from a year's first gap on."""
        out: list[MonthValue] = []
        total: Decimal | None = None
        for point in self.months:
            if point.month == 1:
                total = Decimal(0)
            total = None if total is None or point.value is None else total + point.value
            out.append(MonthValue(point.year, point.month, total))
        return tuple(out)


# --- building ---------------------------------------------------------------------------------


def build_series(store: Store, measure_id: str, area_id: str) -> TimeSeries:
    """The time series of a measure for an area across all years."""
    measure = store.get(model.Measure, measure_id)
    area = store.get(model.Area, area_id)
    monthly: dict[tuple[int, int], Decimal] = {
        (p.year, p.period_no): Decimal(p.value)
        for p in series_for_area(store, area_id, measure_ids=[measure_id])
        if p.period_type == model.PeriodType.MONTH.value and p.value_kind == model.ValueKind.IST.value
    }
    goals = [(year, goal) for year, goal, goal_area in _measure_goals(store, measure_id) if goal_area == area_id]
    aggregation = str(measure.aggregation)
    years = sorted({year for year, _ in monthly} | {year for year, goal in goals if _has_figure(goal)})
    months: tuple[MonthValue, ...] = ()
    if years:
        months = tuple(
            MonthValue(y, m, monthly.get((y, m))) for y in range(years[0], years[-1] + 1) for m in range(1, MONTHS + 1)
        )
    by_year: dict[int, list[model.Goal]] = defaultdict(list)
    for year, goal in goals:
        by_year[year].append(goal)
    figures = tuple(_year_figures(y, by_year[y], monthly, aggregation) for y in years)
    return TimeSeries(
        measure.id,
        area.id,
        measure.code,
        measure.name,
        area.name,
        measure.unit,
        str(measure.direction),
        aggregation,
        months,
        figures,
    )


def cities_of(store: Store, area_id: str) -> list[AreaRef]:
    """The cities of a Kreis (areas whose parent is ``area_id``), by name."""
    areas = store.find(model.Area, "parent_id = ?", (area_id,), order_by="name")
    return [_ref(a) for a in areas]


def shows_parent_with_cities(store: Store, measure_id: str) -> bool:
    """True if the Kreis' own line belongs among its cities' lines: for quotas (unit %), not for sums and stocks.

    A Kreis' count or amount is the sum of its cities and would dwarf them; its quota is comparable to theirs.
    """
    return store.get(model.Measure, measure_id).unit.strip() == "%"


def cities_side_by_side(store: Store, measure_id: str, area_id: str) -> list[TimeSeries]:
    """The series of a Kreis' cities that have values or goal figures (led by the Kreis itself for a quota)."""
    series = [build_series(store, measure_id, city.id) for city in cities_of(store, area_id)]
    series = [s for s in series if not s.is_empty]
    if series and shows_parent_with_cities(store, measure_id):
        series.insert(0, build_series(store, measure_id, area_id))
    return series


def available_series(store: Store) -> list[SeriesKey]:
    """The (measure, area) pairs with monthly Ist values or with a goal giving a target, corridor or forecast.

    Measures in catalogue order; areas with each Kreis followed by its cities.
    """
    rows = store.conn.execute(
        "SELECT DISTINCT measure_id, area_id FROM kpi_values WHERE deleted = 0 AND period_type = ? AND value_kind = ? "
        "AND value IS NOT NULL",
        (model.PeriodType.MONTH.value, model.ValueKind.IST.value),
    ).fetchall()
    pairs = {(str(m), str(a)) for m, a in rows}
    for measure_id in {g.measure_id for g in _figure_goals(store) if g.measure_id is not None}:
        goals = _measure_goals(store, measure_id)
        pairs |= {(measure_id, area) for _, goal, area in goals if area is not None and _has_figure(goal)}
    measures = store.find(model.Measure)
    areas = ordered_areas(store)
    measure_rank = {m.id: i for i, m in enumerate(measures)}
    area_rank = {a.id: i for i, a in enumerate(areas)}
    labels = {m.id: f"{m.code} {m.name}" for m in measures}
    names = {a.id: a.name for a in areas}
    live = [(m, a) for m, a in pairs if m in measure_rank and a in area_rank]
    live.sort(key=lambda pair: (measure_rank[pair[0]], area_rank[pair[1]]))
    return [SeriesKey(m, a, labels[m], names[a]) for m, a in live]


def ordered_areas(store: Store) -> list[AreaRef]:
    """All areas, each top-level area (Land, Kreis) followed by its cities, by name."""
    areas = [_ref(a) for a in store.find(model.Area, order_by="name")]
    known = {a.id for a in areas}
    tops = [a for a in areas if a.parent_id not in known]
    ordered: list[AreaRef] = []

    def add(area: AreaRef) -> None:
        ordered.append(area)
        for child in areas:
            if child.parent_id == area.id and child not in ordered:
                add(child)

    for top in tops:
        add(top)
    return ordered + [a for a in areas if a not in ordered]  # only areas in a parent cycle are left


# --- helpers ----------------------------------------------------------------------------------


def _ref(area: model.Area) -> AreaRef:
    return AreaRef(area.id, area.name, str(area.kind), area.parent_id)


def _has_figure(goal: model.Goal) -> bool:
    return any(v is not None for v in (goal.target_value, goal.corridor_low, goal.corridor_high, goal.forecast_value))


def _figure_goals(store: Store) -> list[model.Goal]:
    kinds = [k.value for k in GOAL_KINDS]
    return [
        g for g in store.find(model.Goal, "measure_id IS NOT NULL AND kind IN (?, ?)", tuple(kinds)) if _has_figure(g)
    ]


def _measure_goals(store: Store, measure_id: str) -> list[tuple[int, model.Goal, str | None]]:
    """The target and monitoring goals of a measure as (agreement year, goal, area), signed agreements first."""
    kinds = [k.value for k in GOAL_KINDS]
    goals = store.find(model.Goal, "measure_id = ? AND kind IN (?, ?)", (measure_id, *kinds), order_by="position")
    if not goals:
        return []
    agreement_ids = sorted({g.agreement_id for g in goals})
    marks = ",".join("?" * len(agreement_ids))
    agreements = {a.id: a for a in store.find(model.Agreement, f"id IN ({marks})", tuple(agreement_ids))}
    parties: dict[str, set[str]] = defaultdict(set)
    for link in store.find(model.AgreementParty, f"agreement_id IN ({marks})", tuple(agreement_ids)):
        parties[link.agreement_id].add(link.party_id)
    areas = store.find(model.Area, order_by="CASE kind WHEN 'KREIS' THEN 0 ELSE 1 END, name")
    live_areas = {a.id for a in areas}
    out: list[tuple[int, model.Goal, str | None]] = []
    for goal in goals:
        agreement = agreements.get(goal.agreement_id)
        if agreement is None:  # the agreement was deleted
            continue
        if goal.area_id in live_areas:
            area_id: str | None = goal.area_id
        else:
            default = default_area(areas, parties[goal.agreement_id])
            area_id = default.id if default is not None else None
        out.append((agreement.year, goal, area_id))
    out.sort(key=lambda item: (item[0], agreements[item[1].agreement_id].status not in _SIGNED))
    return out


def _first(values: Iterable[Decimal | None]) -> Decimal | None:
    return next((v for v in values if v is not None), None)


def _year_figures(
    year: int, goals: Sequence[model.Goal], monthly: dict[tuple[int, int], Decimal], aggregation: str
) -> YearFigures:
    """The figures of one year; of several target goals the first with a figure wins (signed agreements first)."""
    targets = [g for g in goals if g.kind is model.GoalKind.KPI_TARGET]
    present = [(m, monthly[(year, m)]) for m in range(1, MONTHS + 1) if (year, m) in monthly]
    last_month, last_value = present[-1] if present else (None, None)
    numbers = [v for _, v in present]
    year_value: Decimal | None = None
    if numbers:
        if aggregation == "sum":
            year_value = sum(numbers, Decimal(0))
        elif aggregation == "mean":
            year_value = sum(numbers, Decimal(0)) / len(numbers)
        else:
            year_value = last_value
    main = next((g for g in targets if _has_figure(g)), None)
    shown = [g for g in goals if _has_figure(g)]
    return YearFigures(
        year,
        target=main.target_value if main else None,
        corridor_low=main.corridor_low if main else None,
        corridor_high=main.corridor_high if main else None,
        forecast=_first(g.forecast_value for g in goals if g.kind is model.GoalKind.MONITORING),
        direction=str(main.direction) if main and main.direction is not None else "",
        goal_ids=tuple(g.id for g in shown),
        goal_titles=tuple(g.title for g in shown),
        months=len(present),
        last_month=last_month,
        last_value=last_value,
        year_value=year_value,
    )
