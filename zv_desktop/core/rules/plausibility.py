"""Is a KPI figure plausible for its measure? Errors refuse it, a warning only asks the user to look again.

Errors: a unit sign that does not fit the measure („12,5 %“ in a column of people), a quota outside 0–100 %, a
change rate below −100 %, a negative count or VZA, a count of people with decimals. A warning: a figure far from
the measure's own history – more than three times, or less than a third of, the median of the last twelve months
(at least three months known, median above zero; change rates, which swing around zero, are not judged so).

Official statistics mark empty table cells with signs (Zeichenerklärung of the Statistisches Bundesamt, DIN 55301):
„–“ nichts vorhanden (a true zero); „.“ Zahlenwert unbekannt oder geheim zu halten; „…“ Angabe fällt später an;
„x“ Tabellenfach gesperrt; the BA's „*“ anonymised. ``statistics_sign`` reads them.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from zv_desktop.core.formats import format_number

#: Units counted in whole numbers (people, cases): no decimals, never negative.
COUNT_UNITS = frozenset({"Anzahl", "Anz.", "Stück", "Personen", "Fälle", "BG", "Bedarfsgemeinschaften"})
#: Units of staff and other amounts that cannot be negative.
NON_NEGATIVE_UNITS = COUNT_UNITS | {"VZA"}
#: A figure more than this many times the median (or less than its inverse) gets a warning.
UNUSUAL_FACTOR = Decimal(3)
#: How many months of history the median is taken over, and how many must be known at least.
HISTORY_MONTHS, MIN_HISTORY = 12, 3
#: Words that make a measure in % a change rate (may be negative) rather than a quota (0–100 %).
_CHANGE_WORDS = ("veränderung", "entwicklung", "zuwachs", "rückgang", "abweichung")

ZERO_SIGNS = frozenset({"-", "–", "—"})


@dataclass(frozen=True)
class StatisticsSign:
    """A sign of official statistics standing in for a figure: what it means and the value it stands for."""

    sign: str
    meaning: str
    value: Decimal | None  # 0 for „–“ (nichts vorhanden), None for the signs that mean "no figure"


_SIGNS = {
    "–": "nichts vorhanden (0)",
    ".": "Zahlenwert unbekannt oder geheim zu halten",
    "…": "Angabe fällt später an",
    "x": "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
    "*": "anonymisiert (Statistik der Bundesagentur für Arbeit)",
}


#: The signs a KPI record may hold instead of a figure (``KpiValue.mark``; the meaning goes into its note).
MARKS = frozenset(sign for sign in _SIGNS if sign != "–")


def mark_meaning(sign: str) -> str:
    """What a stored mark means, as kept in the value's note: "„.“ Zahlenwert unbekannt oder geheim zu halten"."""
    return f"„{sign}“ {_SIGNS[sign]}" if sign in MARKS else f"„{sign}“"


def statistics_sign(text: str) -> StatisticsSign | None:
    """The sign of official statistics ``text`` is, if any: „–“ (also "-", "—") reads as 0, the others as no figure."""
    cleaned = " ".join(text.split())
    if cleaned in ZERO_SIGNS:
        return StatisticsSign("–", _SIGNS["–"], Decimal(0))
    sign = {"...": "…", "X": "x"}.get(cleaned, cleaned)
    if sign in _SIGNS:
        return StatisticsSign(sign, _SIGNS[sign], None)
    return None


def is_change_rate(unit: str, measure_name: str) -> bool:
    """True for a measure in % that compares with an earlier period (K1 „Veränderung …“): it may be negative."""
    name = measure_name.lower()
    return unit.strip() == "%" and any(word in name for word in _CHANGE_WORDS)


def check_sign(typed_unit: str, unit: str) -> str | None:
    """A German message if the unit typed after a figure („%“, „€“) does not fit the column's unit."""
    if not typed_unit:
        return None
    if typed_unit == "%" and "%" not in unit:
        return f"„%“ passt nicht zur Einheit „{unit or 'ohne Einheit'}“: hier wird kein Prozentwert erfasst."
    if typed_unit == "€" and "€" not in unit and "EUR" not in unit.upper():
        return f"„€“ passt nicht zur Einheit „{unit or 'ohne Einheit'}“: hier wird kein Geldbetrag erfasst."
    return None


def check_figure(value: Decimal, unit: str, measure_name: str = "") -> str | None:
    """A German message if ``value`` cannot be a figure of this measure, else None."""
    unit = unit.strip()
    shown = format_number(value)
    if unit == "%":
        if is_change_rate(unit, measure_name):
            if value < -100:
                return f"{shown} %: eine Veränderung kann nicht unter −100 % liegen."
        elif not Decimal(0) <= value <= Decimal(100):
            return f"{shown} %: eine Quote liegt zwischen 0 und 100 %."
    if unit in NON_NEGATIVE_UNITS and value < 0:
        return f"{shown} {unit}: der Wert kann nicht negativ sein."
    if unit in COUNT_UNITS and value != value.to_integral_value():
        return f"{shown} {unit}: {unit} werden in ganzen Zahlen gezählt."
    return None


def whole_if_counted(value: Decimal, unit: str) -> Decimal:
    """A count typed with zero decimals („17.428,0“) stored as the whole number it is."""
    if unit.strip() in COUNT_UNITS and value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def _median(history: Sequence[Decimal]) -> Decimal | None:
    """The median of the last HISTORY_MONTHS figures, if at least MIN_HISTORY are known and it is above zero."""
    known = list(history)[-HISTORY_MONTHS:]
    if len(known) < MIN_HISTORY:
        return None
    median = Decimal(statistics.median(known))
    return median if median > 0 else None


def is_unusual(value: Decimal, history: Sequence[Decimal]) -> bool:
    """True if ``value`` is more than three times, or less than a third of, the median of ``history`` (the
    preceding months, newest last); change rates are not judged so (the caller leaves them out)."""
    median = _median(history)
    return median is not None and (value > median * UNUSUAL_FACTOR or value * UNUSUAL_FACTOR < median)


def clearly_usual(value: float, history: list[float]) -> bool:
    """True if binary floats show, with a margin for their rounding, that ``value`` is not unusual against
    ``history`` (at most HISTORY_MONTHS preceding figures, sorted in place); False means: judge exactly with
    ``is_unusual``. A fast first look for long series, never a different verdict."""
    if len(history) < MIN_HISTORY:
        return True
    history.sort()
    middle = len(history) // 2
    median = history[middle] if len(history) % 2 else (history[middle - 1] + history[middle]) / 2
    factor, margin = float(UNUSUAL_FACTOR), 1e-9
    return median > margin and median * factor * (1 - margin) > value and value * factor > median * (1 + margin)


def unusual(value: Decimal, history: Sequence[Decimal], unit: str = "", measure_name: str = "") -> str | None:
    """A German warning if ``value`` is far from the median of ``history`` (the preceding months, newest last)."""
    if is_change_rate(unit, measure_name) or not is_unusual(value, history):
        return None
    known = list(history)[-HISTORY_MONTHS:]
    median = _median(known)
    assert median is not None
    where = "mehr als das Dreifache" if value > median * UNUSUAL_FACTOR else "weniger als ein Drittel"
    return (
        f"Ungewöhnlich: {format_number(value)} ist {where} des Medians der letzten {len(known)} Monate "
        f"({format_number(median)}). Bitte prüfen und bestätigen."
    )


#: Figures of a goal judged like a KPI figure of its measure (in the goal's unit).
GOAL_FIGURES = ("target_value", "corridor_low", "corridor_high", "forecast_value", "threshold_value")
#: Staffing figures of a goal, judged by their own unit.
STAFF_FIGURES = {"staff_target_vza": "VZA", "extra_vza_max": "VZA", "temp_share_max": "%"}


def goal_figure_problem(field: str, value: Decimal | None, unit: str, measure_name: str = "") -> str | None:
    """A German message if a goal's figure cannot be one of its measure (a target of 1.234,5 % for a quota)."""
    if value is None:
        return None
    if field in STAFF_FIGURES:
        return check_figure(value, STAFF_FIGURES[field])
    if field in GOAL_FIGURES:
        return check_figure(value, unit, measure_name)
    return None
