"""A goal's agreed figures as label/value pairs in German format, for the printed agreement."""

from __future__ import annotations

from zv_desktop.core import model
from zv_desktop.core.formats import format_date, format_money, format_number
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services.describe import COMPARATOR_TEXT, DIRECTION_TEXT, with_unit


def money_text(amount: Money, cents: bool | None = True) -> str:
    """An amount in German format, with cents as in contracts; DM with its € value (211.000,00 DM = 107.882,59 €)."""
    if amount.currency is Currency.EUR:
        return format_money(amount, cents=cents)
    return f"{format_money(amount, cents=True)} (= {format_money(amount.to_eur(), cents=True)})"


def goal_figures(
    goal: model.Goal,
    measure: model.Measure | None,
    area: model.Area | None,
    responsible: model.Party | None,
) -> list[tuple[str, str]]:
    """(label, value) of every agreed figure of a goal, in the order a reader expects them."""
    unit = goal.unit or (measure.unit if measure else "")
    rows: list[tuple[str, str]] = []
    if measure is not None:
        rows.append(("Messgröße", f"{measure.code} – {measure.name}"))
    if area is not None:
        rows.append(("Gebiet", area.name))
    if goal.target_value is not None:
        rows.append(("Zielwert", with_unit(goal.target_value, unit)))
    if goal.direction is not None and goal.kind is not model.GoalKind.MONITORING:
        rows.append(("Richtung", DIRECTION_TEXT[goal.direction]))
    if goal.corridor_low is not None or goal.corridor_high is not None:
        low = format_number(goal.corridor_low) if goal.corridor_low is not None else "–"
        high = format_number(goal.corridor_high) if goal.corridor_high is not None else "–"
        rows.append(("Korridor", f"{low} bis {high} {unit}".rstrip()))
    if goal.forecast_value is not None:
        rows.append(("Prognose", with_unit(goal.forecast_value, unit)))
    if goal.change_percent is not None:
        sign = "+" if goal.change_percent > 0 else ""
        rows.append(("Veränderung zum Vorjahr", f"{sign}{format_number(goal.change_percent)} %"))
    if goal.comparator is not None and goal.threshold_value is not None:
        rows.append(("Schwellenwert", f"{COMPARATOR_TEXT[goal.comparator]} {with_unit(goal.threshold_value, unit)}"))
    if goal.amount is not None:
        rows.append(("Prämie" if goal.kind is model.GoalKind.PREMIUM else "Betrag", money_text(goal.amount)))
    if goal.staff_target_vza is not None:
        rows.append(("Soll-Ausstattung", f"{format_number(goal.staff_target_vza)} VZA"))
    if goal.temp_share_max is not None:
        rows.append(("Befristungsanteil höchstens", f"{format_number(goal.temp_share_max)} %"))
    if goal.extra_vza_max is not None:
        rows.append(("Zusätzlich bis zu", f"{format_number(goal.extra_vza_max)} VZA"))
    if goal.breakdown:
        rows.append(("Aufschlüsselung", goal.breakdown))
    if goal.condition:
        rows.append(("Bedingung", goal.condition))
    if goal.deadline is not None:
        rows.append(("Frist", format_date(goal.deadline)))
    if responsible is not None:
        rows.append(("Verantwortlich", responsible.name))
    if goal.done_date is not None:
        rows.append(("Erledigt am", format_date(goal.done_date)))
    return rows
