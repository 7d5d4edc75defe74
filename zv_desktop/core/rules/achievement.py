"""Achievement (Zielerreichung) and traffic lights: the pure rules, one per kind of comparison, without storage.

Zielerreichung in % (documented in docs/tracking.md):

* higher is better: Ist ÷ Ziel × 100; lower is better: Ziel ÷ Ist × 100 (so 5 % too high reads like 5 % too low
  under "higher is better"); no direction: 100 − |Ist − Ziel| ÷ |Ziel| × 100.
* Light: "erreicht" from ``green_from`` % (default 100), "gefährdet" from ``amber_from`` % (default 95), below that
  "nicht erreicht". Bounds belong to the better light (exactly 95,0 % is "gefährdet").
* Where a ratio means nothing (a zero or negative Ist or target, e.g. a change in %), there is no percentage: the
  goal is "erreicht" if the Ist meets the target in its direction (or lies in the corridor), else "nicht erreicht".
* A corridor around the target: an Ist inside it (bounds included) or on the good side of the target is "erreicht".
* Thresholds (≥, ≤, =) are reached when the Ist meets them, the bound included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zv_desktop.core.choices import Comparator, Direction

#: Default thresholds of the traffic light (Zielerreichung in %).
DEFAULT_GREEN_FROM = Decimal(100)
DEFAULT_AMBER_FROM = Decimal(95)
_HUNDRED = Decimal(100)


class Light(StrEnum):
    """The traffic light of a goal."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"

    @property
    def label(self) -> str:
        """German meaning of the light."""
        return {"green": "erreicht", "amber": "gefährdet", "red": "nicht erreicht", "none": "ohne Bewertung"}[
            self.value
        ]

    @property
    def rank(self) -> int:
        """Sort order, worst first: nicht erreicht, gefährdet, erreicht, ohne Bewertung."""
        return {"red": 0, "amber": 1, "green": 2, "none": 3}[self.value]


@dataclass(frozen=True)
class Thresholds:
    """The thresholds of a goal's light in % Zielerreichung; None means the default."""

    green_from: Decimal | None = None
    amber_from: Decimal | None = None

    @property
    def green(self) -> Decimal:
        """Zielerreichung from which the goal counts as reached."""
        return DEFAULT_GREEN_FROM if self.green_from is None else self.green_from

    @property
    def amber(self) -> Decimal:
        """Zielerreichung from which the goal counts as at risk (never above ``green``)."""
        amber = DEFAULT_AMBER_FROM if self.amber_from is None else self.amber_from
        return min(amber, self.green)


def achievement_percent(actual: Decimal, target: Decimal, direction: Direction) -> Decimal | None:
    """Zielerreichung in %, or None where a ratio means nothing (zero or negative figures, e.g. a change in %)."""
    if direction is Direction.NONE:
        return None if target == 0 else _HUNDRED - abs(actual - target) / abs(target) * _HUNDRED
    if actual <= 0 or target <= 0:
        return None
    if direction is Direction.LOWER:
        return target / actual * _HUNDRED
    return actual / target * _HUNDRED


def light_for(percent: Decimal | None, thresholds: Thresholds) -> Light:
    """The light for a Zielerreichung in %: "erreicht" from green, "gefährdet" from amber (bounds included)."""
    if percent is None:
        return Light.NONE
    if percent >= thresholds.green:
        return Light.GREEN
    if percent >= thresholds.amber:
        return Light.AMBER
    return Light.RED


def in_corridor(actual: Decimal, low: Decimal | None, high: Decimal | None) -> bool:
    """True if a corridor is given and the Ist lies inside it, bounds included."""
    if low is None and high is None:
        return False
    return (low is None or actual >= low) and (high is None or actual <= high)


def on_good_side(actual: Decimal, target: Decimal, direction: Direction) -> bool:
    """True if the Ist meets the target in the goal's direction (equal counts)."""
    if direction is Direction.HIGHER:
        return actual >= target
    if direction is Direction.LOWER:
        return actual <= target
    return actual == target


@dataclass(frozen=True)
class Assessment:
    """A compared figure: Zielerreichung in % (None if not computable), its light and a short German verdict."""

    percent: Decimal | None
    light: Light
    verdict: str


def assess_target(
    actual: Decimal,
    target: Decimal,
    direction: Direction,
    thresholds: Thresholds = Thresholds(),
    corridor: tuple[Decimal | None, Decimal | None] = (None, None),
) -> Assessment:
    """Ist against a target in a direction with an optional corridor (see the module's rules)."""
    percent = achievement_percent(actual, target, direction)
    if percent is None:  # no meaningful ratio: meeting the target (or the corridor) decides
        met = on_good_side(actual, target, direction) or in_corridor(actual, *corridor)
        light = Light.GREEN if met else Light.RED
    else:
        light = light_for(percent, thresholds)
    if light is not Light.GREEN and in_corridor(actual, *corridor):
        return Assessment(percent, Light.GREEN, "erreicht (im Korridor)")
    return Assessment(percent, light, light.label)


def assess_threshold(actual: Decimal, comparator: Comparator, threshold: Decimal) -> Assessment:
    """A threshold or quota: reached (green) or not (red); the bound itself counts as reached."""
    if comparator is Comparator.AT_LEAST:
        reached = actual >= threshold
    elif comparator is Comparator.AT_MOST:
        reached = actual <= threshold
    else:
        reached = actual == threshold
    return Assessment(None, Light.GREEN if reached else Light.RED, "erreicht" if reached else "nicht erreicht")


def assess_deadline(deadline: date | None, done: date | None, as_of: date, delivered_word: str) -> Assessment:
    """A milestone or reporting duty on ``as_of``: done (green), open (no light) or overdue (red)."""
    if done is not None and done <= as_of:
        late = deadline is not None and done > deadline
        return Assessment(
            None, Light.AMBER if late else Light.GREEN, f"{delivered_word} (verspätet)" if late else delivered_word
        )
    if deadline is not None and as_of > deadline:
        return Assessment(None, Light.RED, "überfällig")
    return Assessment(None, Light.NONE, "offen")
