"""The status of one goal of any kind for a reporting month, from the goal and the values it is measured by.

Pure rules: the caller hands in the monthly Ist values (``Series``) of the goal's measure and area for the year and
the year before; nothing here reads the file. The German explanation of a status is made on demand by
``zv_desktop.core.services.status_text`` (formatting thousands of them would slow the dashboard down).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.choices import Aggregation, Direction, GoalKind
from zv_desktop.core.rules.achievement import (
    Assessment,
    Light,
    Thresholds,
    assess_deadline,
    assess_target,
    assess_threshold,
)
from zv_desktop.core.rules.forecast import Method, Months, PeriodComparison, YearFigure, same_period, year_figure


@dataclass(frozen=True)
class Series:
    """The monthly Ist values of one measure for one area: this year and the previous year."""

    aggregation: Aggregation
    direction: Direction
    unit: str
    this_year: Months
    previous_year: Months = field(default_factory=dict)


@dataclass(frozen=True)
class Inputs:
    """What a goal's status is computed from: reporting year and month, the day it is judged on, the values."""

    year: int
    month: int
    as_of: date
    method: Method = Method.YEAR_TO_DATE
    series: Series | None = None
    staff: Series | None = None  # VZA actual, for staffing goals
    temp_share: Series | None = None  # share of temporary staff in %, for staffing goals


@dataclass(frozen=True)
class GoalStatus:
    """Where a goal stands: light and short verdict, the compared figures, and what they were made from.

    ``percent`` is the Zielerreichung (for a budget: the share spent so far, see ``percent_kind``); ``actual`` and
    ``target`` are the two figures compared; ``figure``/``comparison`` keep how the Ist was computed.
    """

    kind: GoalKind
    light: Light
    verdict: str
    percent: Decimal | None = None
    actual: Decimal | None = None
    target: Decimal | None = None
    figure: YearFigure | None = None
    comparison: PeriodComparison | None = None
    percent_kind: str = "Zielerreichung"
    temp_share: Decimal | None = None  # staffing: the share of temporary staff in the reporting month


def end_of_month(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def evaluate(goal: model.Goal, inputs: Inputs) -> GoalStatus:
    """The status of ``goal`` for the reporting month in ``inputs``."""
    kind = goal.kind
    if kind in (GoalKind.MILESTONE, GoalKind.REPORTING):
        word = "erledigt" if kind is GoalKind.MILESTONE else "geliefert"
        return _from(kind, assess_deadline(goal.deadline, goal.done_date, inputs.as_of, word))
    if kind is GoalKind.STAFFING:
        return _staffing(goal, inputs)
    if kind is GoalKind.PREMIUM:
        return GoalStatus(kind, Light.NONE, "hängt an der Bedingung")
    series = inputs.series
    if series is None:
        if goal.measure_id is not None:
            return GoalStatus(kind, Light.NONE, "keine Werte")
        return GoalStatus(kind, Light.NONE, "keine Ausgaben erfasst" if kind is GoalKind.BUDGET else "nicht gemessen")
    if kind is GoalKind.RELATIVE_CHANGE:
        return _relative_change(goal, inputs, series)
    figure = year_figure(
        series.aggregation, inputs.year, inputs.month, series.this_year, series.previous_year, inputs.method
    )
    if figure.forecast is None:
        return GoalStatus(kind, Light.NONE, "keine Werte", figure=figure)
    actual = figure.forecast
    thresholds = Thresholds(goal.green_from, goal.amber_from)
    direction = goal.direction or series.direction
    if kind is GoalKind.KPI_TARGET and goal.target_value is not None:
        corridor = (goal.corridor_low, goal.corridor_high)
        assessment = assess_target(actual, goal.target_value, direction, thresholds, corridor)
        return _from(kind, assessment, actual, goal.target_value, figure)
    if kind is GoalKind.MONITORING:
        if goal.forecast_value is None:
            return GoalStatus(kind, Light.NONE, "beobachtet", actual=actual, figure=figure)
        assessment = assess_target(actual, goal.forecast_value, direction, thresholds)
        verdict = _monitoring_verdict(actual, goal.forecast_value, direction, assessment)
        return _from(kind, assessment, actual, goal.forecast_value, figure, verdict)
    if kind is GoalKind.BUDGET and goal.amount is not None:
        return _budget(goal.amount.amount, figure, thresholds)
    if kind is GoalKind.THRESHOLD and goal.comparator is not None and goal.threshold_value is not None:
        assessment = assess_threshold(actual, goal.comparator, goal.threshold_value)
        return _from(kind, assessment, actual, goal.threshold_value, figure)
    return GoalStatus(kind, Light.NONE, "unvollständig", actual=actual, figure=figure)


def _from(
    kind: GoalKind,
    assessment: Assessment,
    actual: Decimal | None = None,
    target: Decimal | None = None,
    figure: YearFigure | None = None,
    verdict: str | None = None,
) -> GoalStatus:
    return GoalStatus(kind, assessment.light, verdict or assessment.verdict, assessment.percent, actual, target, figure)


def _monitoring_verdict(actual: Decimal, forecast: Decimal, direction: Direction, assessment: Assessment) -> str:
    side = "unter" if actual < forecast else "über" if actual > forecast else "auf"
    if direction is Direction.NONE or assessment.light is Light.NONE:
        return f"{side} Prognose"
    return f"{side} Prognose ({assessment.verdict})"


def _relative_change(goal: model.Goal, inputs: Inputs, series: Series) -> GoalStatus:
    """This year's figure against the previous year's figure of the same months, raised by the agreed change."""
    kind = goal.kind
    comparison = same_period(series.aggregation, inputs.month, series.this_year, series.previous_year)
    if comparison.current is None or comparison.previous is None:
        verdict = "keine Werte" if not series.this_year else "keine Vorjahreswerte"
        return GoalStatus(kind, Light.NONE, verdict, comparison=comparison)
    change = goal.change_percent or Decimal(0)
    target = comparison.previous * (1 + change / 100)
    direction = goal.direction or (series.direction if series.direction is not Direction.NONE else Direction.HIGHER)
    assessment = assess_target(comparison.current, target, direction, Thresholds(goal.green_from, goal.amber_from))
    return GoalStatus(
        kind,
        assessment.light,
        assessment.verdict,
        assessment.percent,
        comparison.current,
        target,
        comparison=comparison,
    )


def _budget(amount: Decimal, figure: YearFigure, thresholds: Thresholds) -> GoalStatus:
    """Spent so far against the amount; the light judges the year-end forecast (over budget is bad)."""
    assert figure.forecast is not None
    assessment = assess_target(figure.forecast, amount, Direction.LOWER, thresholds)
    verdict = {Light.GREEN: "im Rahmen", Light.AMBER: "knapp", Light.RED: "überschritten"}.get(assessment.light, "")
    spent = figure.to_date if figure.to_date is not None else figure.forecast
    share = spent / amount * 100 if amount else None
    return GoalStatus(
        GoalKind.BUDGET,
        assessment.light,
        verdict or assessment.verdict,
        share,
        figure.forecast,
        amount,
        figure,
        percent_kind="Ausschöpfung",
    )


def _staffing(goal: model.Goal, inputs: Inputs) -> GoalStatus:
    """VZA actual against the Soll; a temporary share above its maximum makes the goal "nicht erreicht"."""
    kind = goal.kind
    if inputs.staff is None or goal.staff_target_vza is None:
        return GoalStatus(kind, Light.NONE, "keine Werte")
    figure = year_figure(Aggregation.LAST, inputs.year, inputs.month, inputs.staff.this_year)
    if figure.forecast is None:
        return GoalStatus(kind, Light.NONE, "keine Werte", figure=figure)
    thresholds = Thresholds(goal.green_from, goal.amber_from)
    assessment = assess_target(figure.forecast, goal.staff_target_vza, Direction.HIGHER, thresholds)
    status = _from(kind, assessment, figure.forecast, goal.staff_target_vza, figure)
    if inputs.temp_share is None or goal.temp_share_max is None:
        return status
    share = year_figure(Aggregation.LAST, inputs.year, inputs.month, inputs.temp_share.this_year).forecast
    if share is None:
        return status
    if share > goal.temp_share_max:
        return replace(status, light=Light.RED, verdict="Befristungsanteil zu hoch", temp_share=share)
    return replace(status, temp_share=share)
