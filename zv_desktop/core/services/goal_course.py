"""The monthly course of goals for their charts: which measure and area a goal is charted by, and its values.

Shared by the achievement report (all goals of a year, one query) and the dashboard's chart of one goal, so the
screen and the paper show the same course.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.choices import Aggregation, GoalKind
from zv_desktop.core.services.status import (
    MEASURED_KINDS,
    STAFF_MEASURE_ID,
    GoalRow,
    monthly_values,
    parties_and_home_area,
)
from zv_desktop.core.services.status_text import figure_text, signed_percent, unit_of
from zv_desktop.core.store import Store

#: Months of the year (1–12) with their Ist values.
Months = Mapping[int, Decimal]
#: Per goal id: the monthly Ist values of its year and of the year before.
CourseValues = dict[str, tuple[dict[int, Decimal], dict[int, Decimal]]]


@dataclass(frozen=True)
class MonthlyCourse:
    """What the chart shows: the months of a year (a missing month is absent), the previous year, the goal figures.

    ``target`` is a yearly figure drawn as a horizontal line; ``change_percent`` (a change against the previous year)
    draws the previous year raised by it as a dashed target course instead; ``target_label`` names either in the
    legend ("Zielwert 20,6 %", "Ziel: Vorjahr +5 %").
    """

    year: int
    unit: str
    aggregation: Aggregation
    this_year: Mapping[int, Decimal]
    previous_year: Mapping[int, Decimal] = field(default_factory=dict)
    target: Decimal | None = None
    target_label: str = "Zielwert"
    corridor: tuple[Decimal, Decimal] | None = None
    change_percent: Decimal | None = None


def charted_measure(row: GoalRow) -> str | None:
    """The measure a goal's chart shows: its own, VZA for staffing; None for goals without a measure."""
    if row.goal.kind is model.GoalKind.STAFFING:
        return STAFF_MEASURE_ID
    return row.goal.measure_id if row.goal.kind in MEASURED_KINDS else None


def course_values(store: Store, rows: list[GoalRow], year: int) -> CourseValues:
    """The monthly values every goal's chart shows (one query); a goal is measured where ``year_status`` measures it."""
    _, home = parties_and_home_area(store, sorted({r.agreement_id for r in rows}))
    keys = {r.goal.id: (charted_measure(r), r.goal.area_id or home.get(r.agreement_id)) for r in rows}
    wanted = {(m, a) for m, a in keys.values() if m is not None and a is not None}
    values = monthly_values(store, wanted, year)
    out: CourseValues = {}
    for goal_id, (measure, area) in keys.items():
        by_year = values.get((measure or "", area or ""), {})
        out[goal_id] = (by_year.get(year, {}), by_year.get(year - 1, {}))
    return out


def course_of(row: GoalRow, this_year: Months, previous_year: Months, month: int) -> MonthlyCourse:
    """What the chart of a goal shows: its Ist up to the reporting month, the previous year, its goal figures."""
    goal = row.goal
    unit = unit_of(row)
    aggregation = Aggregation.LAST if goal.kind is GoalKind.STAFFING or row.measure is None else row.measure.aggregation
    shown = {m: v for m, v in this_year.items() if m <= month}
    target: Decimal | None = None
    label = "Zielwert"
    corridor: tuple[Decimal, Decimal] | None = None
    change: Decimal | None = None
    if goal.kind is GoalKind.KPI_TARGET:
        target = goal.target_value
        if goal.corridor_low is not None and goal.corridor_high is not None:
            corridor = (goal.corridor_low, goal.corridor_high)
    elif goal.kind is GoalKind.MONITORING:
        target, label = goal.forecast_value, "Prognose"
    elif goal.kind is GoalKind.BUDGET and goal.amount is not None:
        target, label = goal.amount.amount, "Betrag"
    elif goal.kind is GoalKind.THRESHOLD:
        target, label = goal.threshold_value, "Schwelle"
    elif goal.kind is GoalKind.STAFFING:
        target, label = goal.staff_target_vza, "Soll"
    elif goal.kind is GoalKind.RELATIVE_CHANGE and goal.change_percent is not None:
        change = goal.change_percent
        label = f"Ziel: Vorjahr {signed_percent(change)}"
    if target is not None:
        label = f"{label} {figure_text(target, unit)}"
    return MonthlyCourse(
        row.year, unit, aggregation, shown, dict(previous_year), target, label, corridor, change_percent=change
    )


def course_from(row: GoalRow, values: CourseValues, month: int) -> MonthlyCourse | None:
    """The chart of a measured goal from values read before; None for a goal without a measure."""
    if charted_measure(row) is None:
        return None
    this_year, previous_year = values.get(row.goal.id, ({}, {}))
    return course_of(row, this_year, previous_year, month)


def goal_course(store: Store, row: GoalRow, month: int) -> MonthlyCourse | None:
    """The chart of one goal as the dashboard shows it (the same as in the achievement report)."""
    return course_from(row, course_values(store, [row], row.year), month)
