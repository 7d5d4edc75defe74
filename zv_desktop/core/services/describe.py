"""Plain German one-line descriptions of goals and records, shared by the CLI, the UI and reports."""

from __future__ import annotations

from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.formats import format_date, format_money, format_number

DIRECTION_TEXT = {
    model.Direction.HIGHER: "höher ist besser",
    model.Direction.LOWER: "niedriger ist besser",
    model.Direction.NONE: "ohne Richtung",
}
COMPARATOR_TEXT = {
    model.Comparator.AT_LEAST: "mindestens",
    model.Comparator.AT_MOST: "höchstens",
    model.Comparator.EXACTLY: "genau",
}


def with_unit(value: Decimal, unit: str) -> str:
    """A number in German format followed by its unit (20,6 %, 17.283 Personen, 90.295.768 €)."""
    text = format_number(value)
    return f"{text} {unit}".rstrip() if unit else text


def describe_goal(goal: model.Goal, measure: model.Measure | None = None, party: model.Party | None = None) -> str:
    """What a goal asks for, in one line of German, with figures in German format."""
    unit = goal.unit or (measure.unit if measure else "")
    parts: list[str] = []
    if measure is not None:
        parts.append(f"{measure.code} {measure.name}")
    kind = goal.kind
    if kind is model.GoalKind.KPI_TARGET and goal.target_value is not None:
        parts.append(f"Zielwert {with_unit(goal.target_value, unit)}")
        if goal.direction is not None:
            parts.append(DIRECTION_TEXT[goal.direction])
        if goal.corridor_low is not None and goal.corridor_high is not None:
            low, high = format_number(goal.corridor_low), format_number(goal.corridor_high)
            parts.append(f"Korridor {low} bis {high}")
    elif kind is model.GoalKind.MONITORING and goal.forecast_value is not None:
        parts.append(f"Prognose {with_unit(goal.forecast_value, unit)}")
    elif kind is model.GoalKind.RELATIVE_CHANGE and goal.change_percent is not None:
        sign = "+" if goal.change_percent > 0 else ""
        parts.append(f"Veränderung zum Vorjahr {sign}{format_number(goal.change_percent)} %")
    elif kind in (model.GoalKind.BUDGET, model.GoalKind.PREMIUM) and goal.amount is not None:
        parts.append(("Budget " if kind is model.GoalKind.BUDGET else "Prämie ") + format_money(goal.amount))
    elif kind is model.GoalKind.THRESHOLD and goal.threshold_value is not None and goal.comparator is not None:
        parts.append(f"{COMPARATOR_TEXT[goal.comparator]} {with_unit(goal.threshold_value, unit)}")
    elif kind is model.GoalKind.STAFFING and goal.staff_target_vza is not None:
        parts.append(f"Soll {format_number(goal.staff_target_vza)} VZA")
        if goal.temp_share_max is not None:
            parts.append(f"Befristungsanteil höchstens {format_number(goal.temp_share_max)} %")
        if goal.extra_vza_max is not None:
            parts.append(f"zusätzlich bis zu {format_number(goal.extra_vza_max)} VZA")
    if goal.breakdown == "stadtscharf":
        parts.append("stadtscharf")
    if goal.condition:
        parts.append(f"Bedingung: {goal.condition}")
    if goal.deadline is not None:
        parts.append(f"Frist {format_date(goal.deadline)}")
    if party is not None:
        parts.append(f"verantwortlich: {party.name}")
    if goal.done_date is not None:
        parts.append(f"erledigt am {format_date(goal.done_date)}")
    return "; ".join(parts)
