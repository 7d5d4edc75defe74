"""Each goal kind's status from synthetic values: what a caseworker reads on the dashboard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.choices import Aggregation, Direction, GoalKind
from zv_desktop.core.money import Money
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.rules.goal_status import Inputs, Series, end_of_month, evaluate

D = Decimal
SEPTEMBER = end_of_month(2014, 9)


def _goal(kind: GoalKind, **fields: object) -> model.Goal:
    return model.Goal("a", kind, "Ziel", measure_id=fields.pop("measure_id", "m"), **fields)  # type: ignore[arg-type]


def _months(value: str, months: range = range(1, 10)) -> dict[int, Decimal]:
    return {m: D(value) for m in months}


def test_kpi_target_without_values_has_no_light_and_says_so() -> None:
    goal = _goal(GoalKind.KPI_TARGET, target_value=D("20.6"), direction=Direction.HIGHER)
    status = evaluate(goal, Inputs(2014, 9, SEPTEMBER, series=Series(Aggregation.LAST, Direction.HIGHER, "%", {})))
    assert status.light is Light.NONE and status.verdict == "keine Werte"
    assert status.figure is not None and status.figure.missing == tuple(range(1, 10))


def test_monitoring_compares_the_year_end_forecast_with_the_prognose() -> None:
    goal = _goal(GoalKind.MONITORING, forecast_value=D(1200))
    above = Series(Aggregation.SUM, Direction.LOWER, "€", _months("110"))  # 990 by September → 1.320 at year end
    status = evaluate(goal, Inputs(2014, 9, SEPTEMBER, series=above))
    assert status.actual == D(1320) and status.verdict == "über Prognose (nicht erreicht)"
    below = Series(Aggregation.SUM, Direction.LOWER, "€", _months("95"))
    assert evaluate(goal, Inputs(2014, 9, SEPTEMBER, series=below)).light is Light.GREEN


def test_budget_in_dm_shows_the_share_spent_and_judges_the_forecast() -> None:
    goal = _goal(GoalKind.BUDGET, amount=Money(D("12000"), "DM"))
    spending = Series(Aggregation.SUM, Direction.LOWER, "DM", _months("1000"))  # 9.000 DM spent, 12.000 forecast
    status = evaluate(goal, Inputs(2001, 9, end_of_month(2001, 9), series=spending))
    assert status.percent == D(75) and status.percent_kind == "Ausschöpfung"
    assert status.light is Light.GREEN and status.verdict == "im Rahmen"
    over = Series(Aggregation.SUM, Direction.LOWER, "DM", _months("1100"))  # 13.200 DM forecast
    assert evaluate(goal, Inputs(2001, 9, end_of_month(2001, 9), series=over)).verdict == "überschritten"
    no_measure = _goal(GoalKind.BUDGET, amount=Money(D("12000"), "DM"), measure_id=None)
    assert evaluate(no_measure, Inputs(2001, 9, SEPTEMBER)).verdict == "keine Ausgaben erfasst"


def test_threshold_on_the_latest_quota() -> None:
    goal = _goal(GoalKind.THRESHOLD, comparator=model.Comparator.AT_LEAST, threshold_value=D(80))
    series = Series(Aggregation.LAST, Direction.HIGHER, "%", {8: D("79.5"), 9: D("80")})
    assert evaluate(goal, Inputs(2014, 9, SEPTEMBER, series=series)).light is Light.GREEN
    assert evaluate(goal, Inputs(2014, 8, end_of_month(2014, 8), series=series)).light is Light.RED


def test_staffing_with_too_many_temporary_staff_is_not_reached() -> None:
    goal = _goal(GoalKind.STAFFING, staff_target_vza=D("405.93"), temp_share_max=D("7.5"), measure_id=None)
    staff = Series(Aggregation.LAST, Direction.HIGHER, "VZA", _months("406"))
    share = Series(Aggregation.LAST, Direction.LOWER, "%", _months("7.6"))
    status = evaluate(goal, Inputs(2014, 9, SEPTEMBER, staff=staff, temp_share=share))
    assert status.light is Light.RED and status.verdict == "Befristungsanteil zu hoch"
    ok = evaluate(goal, Inputs(2014, 9, SEPTEMBER, staff=staff, temp_share=Series(
        Aggregation.LAST, Direction.LOWER, "%", _months("7.5"))))  # fmt: skip
    assert ok.light is Light.GREEN and ok.temp_share == D("7.5")


def test_relative_change_without_previous_year_values() -> None:
    goal = _goal(GoalKind.RELATIVE_CHANGE, change_percent=D(5))
    series = Series(Aggregation.SUM, Direction.HIGHER, "Anzahl", _months("10"), {})
    status = evaluate(goal, Inputs(2014, 9, SEPTEMBER, series=series))
    assert status.light is Light.NONE and status.verdict == "keine Vorjahreswerte"


def test_reporting_duty_and_premium() -> None:
    duty = _goal(GoalKind.REPORTING, deadline=date(2014, 3, 31), measure_id=None)
    assert evaluate(duty, Inputs(2014, 9, SEPTEMBER)).verdict == "überfällig"
    delivered = _goal(GoalKind.REPORTING, deadline=date(2014, 3, 31), done_date=date(2014, 3, 20), measure_id=None)
    assert evaluate(delivered, Inputs(2014, 9, SEPTEMBER)).verdict == "geliefert"
    premium = _goal(GoalKind.PREMIUM, amount=Money(D(50000)), condition="Daten geliefert")
    assert evaluate(premium, Inputs(2014, 9, SEPTEMBER)).light is Light.NONE
