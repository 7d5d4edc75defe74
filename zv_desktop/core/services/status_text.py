"""German words for a goal's status: the figures with units, and how each figure was computed.

Made on demand for the rows a user looks at (a dashboard shows thousands of goals; formatting all of them up
front would cost more than computing them).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from zv_desktop.core.choices import Aggregation, Direction, GoalKind
from zv_desktop.core.formats import format_money, format_number, format_percent
from zv_desktop.core.rules.achievement import Light, Thresholds
from zv_desktop.core.rules.forecast import Method, PeriodComparison, YearFigure
from zv_desktop.core.services.status import GoalRow

_TENTH = Decimal("0.1")
#: Units that read better left out after the number ("1.219" rather than "1.219 Anzahl").
_COUNT_UNITS = frozenset({"Anzahl", "Anz.", "Stück"})
#: Units of whole numbers: a figure in them prints without decimals (a computed target is rounded, see ``whole``).
WHOLE_UNITS = _COUNT_UNITS | {"Personen", "Fälle", "BG", "Bedarfsgemeinschaften"}

_DIRECTION_WORDS = {
    Direction.HIGHER: "höher ist besser",
    Direction.LOWER: "niedriger ist besser",
    Direction.NONE: "Zielwert möglichst genau",
}


def figure_text(value: Decimal | None, unit: str) -> str:
    """A figure with its unit: "20,6 %", "17.283 Personen", "90.295.768 €"; "–" if there is none."""
    if value is None:
        return "–"
    exponent = value.as_tuple().exponent
    if unit in WHOLE_UNITS:  # people and cases are counted, not measured
        number = format_number(value, 0)
    elif isinstance(exponent, int) and exponent >= -2:  # typed values keep their digits: 405,93 / 21,0
        number = format_number(value, max(0, -exponent))
    else:
        number = format_number(value, 0 if abs(value) >= 1000 else 1)
    return f"{number} {unit}" if unit and unit not in _COUNT_UNITS else number


def whole(value: Decimal, direction: Direction | None) -> Decimal:
    """A target of people or cases as a whole number: rounded up where more is better (928,2 → 929: 928 people do
    not reach it), down where less is better, else to the nearest."""
    if direction is Direction.HIGHER:
        return value.to_integral_value(ROUND_CEILING)
    if direction is Direction.LOWER:
        return value.to_integral_value(ROUND_FLOOR)
    return value.to_integral_value(ROUND_HALF_UP)


_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "="}


def agreed_text(row: GoalRow) -> str:
    """The agreed figure a goal is judged against: the status's target, else what the goal itself names (a budget's
    amount, a threshold with its comparator, a Soll) – so a goal without recorded values still shows its figure."""
    goal, unit = row.goal, unit_of(row)
    comparator = _COMPARATOR_SIGNS.get(goal.comparator.value, "") + " " if goal.comparator is not None else ""
    if row.status.target is not None:
        target = row.status.target
        if unit in WHOLE_UNITS and target != target.to_integral_value():
            target = whole(target, goal.direction or (row.measure.direction if row.measure else None))
        text = figure_text(target, unit)
        return comparator + text if goal.kind is GoalKind.THRESHOLD else text
    if goal.kind in (GoalKind.BUDGET, GoalKind.PREMIUM) and goal.amount is not None:
        return format_money(goal.amount, cents=True)
    if goal.kind is GoalKind.THRESHOLD and goal.threshold_value is not None:
        return comparator + figure_text(goal.threshold_value, unit)
    if goal.kind is GoalKind.STAFFING and goal.staff_target_vza is not None:
        return figure_text(goal.staff_target_vza, "VZA")
    return "–"


def percent_text(value: Decimal | None) -> str:
    """A Zielerreichung: "99,3 %" (cut, not rounded, so 99,97 % never shows as a reached "100,0 %"); "–" if none."""
    return "–" if value is None else format_percent(value.quantize(_TENTH, ROUND_FLOOR))


def _plain(value: Decimal) -> str:
    return format_percent(value, 0 if value == value.to_integral_value() else 1)


def signed_percent(value: Decimal, always_decimal: bool = False) -> str:
    """A change in percent with its sign: "+5 %", "−0,4 %" (a computed change always with one decimal)."""
    text = format_percent(value) if always_decimal else _plain(value)
    return ("+" + text) if value > 0 else text


def _months(used: list[tuple[int, int]]) -> str:
    (y1, m1), (y2, m2) = used[0], used[-1]
    if (y1, m1) == (y2, m2):
        return f"{m1:02d}/{y1}"
    return f"{m1:02d}–{m2:02d}/{y2}" if y1 == y2 else f"{m1:02d}/{y1}–{m2:02d}/{y2}"


def figure_explanation(figure: YearFigure, unit: str) -> str:
    """How a year figure was computed, in one German sentence."""
    if figure.forecast is None:
        return f"Keine Werte bis {figure.month:02d}/{figure.year}."
    used = list(figure.used)
    count = len(used)
    if figure.aggregation is Aggregation.LAST:
        year, month = used[-1]
        text = f"Wert des Monats {month:02d}/{year} (Quote, bereits gleitend bzw. zum Vorjahresmonat)"
        if month < figure.month:
            text += f"; für {figure.month:02d}/{figure.year} ist noch kein Wert erfasst"
    elif figure.aggregation is Aggregation.MEAN:
        text = f"Durchschnitt der {count} Monatswerte {_months(used)}: {figure_text(figure.forecast, unit)}"
    else:
        total = figure_text(sum_of(figure), unit)
        text = f"Summe {_months(used)}: {total}"
        if count < 12:
            text += f"; hochgerechnet ÷ {count} Monate × 12 = {figure_text(figure.forecast, unit)}"
    if figure.method is Method.ROLLING_12 and figure.aggregation is not Aggregation.LAST:
        text += " (gleitend über 12 Monate)"
    return text + "."


def sum_of(figure: YearFigure) -> Decimal | None:
    """The plain sum behind a summed forecast (forecast × months ÷ 12)."""
    if figure.forecast is None:
        return None
    return figure.forecast * len(figure.used) / 12 if len(figure.used) < 12 else figure.forecast


def comparison_explanation(comparison: PeriodComparison, aggregation: Aggregation, year: int, unit: str) -> str:
    """How this year was compared with the same months of the previous year."""
    if not comparison.months:
        return "Keine Monate mit Werten in beiden Jahren."
    first, last = comparison.months[0], comparison.months[-1]
    span = f"{first:02d}" if first == last else f"{first:02d}–{last:02d}"
    word = {Aggregation.LAST: "Wert", Aggregation.MEAN: "Durchschnitt", Aggregation.SUM: "Summe"}[aggregation]
    change = comparison.change_percent
    change_text = "–" if change is None else signed_percent(change, always_decimal=True)
    return (
        f"{word} {span}/{year}: {figure_text(comparison.current, unit)}; {span}/{year - 1}: "
        f"{figure_text(comparison.previous, unit)}; Veränderung {change_text}."
    )


def unit_of(row: GoalRow) -> str:
    """The unit a goal's figures are in: the goal's own, its budget's currency, VZA for staff, else its measure's."""
    if row.goal.amount is not None:
        return row.goal.amount.currency.symbol
    if row.goal.kind is GoalKind.STAFFING:
        return "VZA"
    return row.goal.unit or (row.measure.unit if row.measure else "")


def explain(row: GoalRow) -> str:
    """Everything behind a goal's status, in German sentences (for the tooltip, the detail pane and the CLI)."""
    goal, status = row.goal, row.status
    unit = unit_of(row)
    parts: list[str] = []
    if status.figure is not None and goal.kind is GoalKind.STAFFING and status.figure.used:
        year, month = status.figure.used[-1]
        parts.append(f"Ist zum Ende {month:02d}/{year}: {figure_text(status.actual, unit)}.")
    elif status.figure is not None and goal.kind is not GoalKind.RELATIVE_CHANGE:
        parts.append(figure_explanation(status.figure, unit))
    if status.comparison is not None and row.measure is not None:
        parts.append(comparison_explanation(status.comparison, row.measure.aggregation, status_year(row), unit))
    if goal.kind is GoalKind.RELATIVE_CHANGE and goal.change_percent is not None and status.target is not None:
        parts.append(
            f"Vereinbart: {signed_percent(goal.change_percent)} zum Vorjahr, also {figure_text(status.target, unit)}."
        )
    elif status.target is not None:
        labels = {
            GoalKind.MONITORING: "Prognose",
            GoalKind.BUDGET: "Betrag",
            GoalKind.THRESHOLD: "Schwelle",
            GoalKind.STAFFING: "Soll",
        }
        label = labels.get(goal.kind, "Ziel")
        direction = goal.direction or (row.measure.direction if row.measure else None)
        how = f", {_DIRECTION_WORDS[direction]}" if direction and goal.kind is GoalKind.KPI_TARGET else ""
        parts.append(f"{label}: {figure_text(status.target, unit)}{how}.")
    if goal.corridor_low is not None or goal.corridor_high is not None:
        low, high = figure_text(goal.corridor_low, unit), figure_text(goal.corridor_high, unit)
        parts.append(f"Korridor: {low} bis {high}.")
    if status.percent is not None:
        parts.append(f"{status.percent_kind}: {percent_text(status.percent)}.")
    if status.temp_share is not None and goal.temp_share_max is not None:
        parts.append(
            f"Befristungsanteil {format_percent(status.temp_share)} (höchstens {format_percent(goal.temp_share_max)})."
        )
    if status.light in (Light.GREEN, Light.AMBER, Light.RED) and status.percent is not None:
        limits = Thresholds(goal.green_from, goal.amber_from)
        parts.append(f"Ampel: grün ab {_plain(limits.green)}, gelb ab {_plain(limits.amber)} Zielerreichung.")
    figure = status.figure
    missing = [f"{m:02d}/{figure.year}" for m in figure.missing] if figure is not None else []
    if figure is not None and figure.aggregation is not Aggregation.LAST:
        missing = [f"{m:02d}/{figure.year - 1}" for m in figure.missing_before] + missing
    if missing:
        parts.append("Fehlende Monate: " + ", ".join(missing) + " (nicht als null gezählt).")
    return " ".join(parts) or status.verdict


def status_year(row: GoalRow) -> int:
    """The year a row's status was computed for."""
    return row.year


__all__ = [
    "explain",
    "unit_of",
    "figure_text",
    "percent_text",
    "figure_explanation",
    "comparison_explanation",
    "sum_of",
]
