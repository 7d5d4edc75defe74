"""The value axis of the charts: round ticks covering the figures, never crossing zero unless the figures do."""

from __future__ import annotations

import math
from decimal import Decimal

_STEPS = (Decimal(1), Decimal(2), Decimal(5))

__all__ = ["nice_ticks"]


def nice_ticks(lo: Decimal, hi: Decimal, max_ticks: int) -> tuple[list[Decimal], int]:
    """Round axis ticks (1, 2 or 5 × 10ⁿ apart) covering lo..hi, at most ``max_ticks`` (≥ 3); and their decimals.

    The axis does not cross zero unless the figures do: a count or a staffing level never gets a negative tick.
    """
    if hi < lo:
        lo, hi = hi, lo
    span = hi - lo
    if span == 0:
        span = abs(hi) / 10 or Decimal(1)
        lo, hi = lo - span / 2, hi + span / 2
    floor, ceiling = lo >= 0, hi <= 0  # figures that are never negative (or never positive) keep the axis there
    lo, hi = lo - span * Decimal("0.05"), hi + span * Decimal("0.05")
    if floor:
        lo = max(lo, Decimal(0))
    if ceiling:
        hi = min(hi, Decimal(0))
    power = Decimal(10) ** (math.floor(math.log10(float(hi - lo))) - 1)
    for _ in range(4):
        for factor in _STEPS:
            step = factor * power
            first, last = math.floor(lo / step), math.ceil(hi / step)
            if last - first + 1 <= max(max_ticks, 3):  # a range around 0 needs 3
                exponent = step.normalize().as_tuple().exponent
                decimals = max(0, -exponent) if isinstance(exponent, int) else 0
                return [step * i for i in range(first, last + 1)], decimals
        power *= 10
    return [lo, hi], 2  # not reached for finite numbers
