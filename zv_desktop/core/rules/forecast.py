"""Year figures from monthly values: the year so far (Jahresfortschrittswert), a year-end forecast, same-period
comparisons with the previous year. Missing months stay missing: they are listed, never counted as zero.

How a measure's months make a year is its ``Aggregation``:

* ``LAST`` – quotas that are already rolling over 12 months or year-on-year (K1 … K3E4): the figure is the value
  of the reporting month (or the latest month before it that has a value);
* ``MEAN`` – stocks (e.g. Langzeitleistungsbeziehende): the average of the months;
* ``SUM`` – counts and money: the sum of the months; the year-end forecast extrapolates the months that have values.

Two forecast methods: ``YEAR_TO_DATE`` uses January to the reporting month; ``ROLLING_12`` uses the twelve months
ending with the reporting month (the previous year's later months included), as the K-figures are defined.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from zv_desktop.core.choices import Aggregation

Months = Mapping[int, Decimal]
"""Monthly values of one year by month number (1–12); a month without a value is absent."""

_TWELVE = Decimal(12)


class Method(StrEnum):
    """How the year-end forecast is computed."""

    YEAR_TO_DATE = "ytd"
    ROLLING_12 = "rolling12"

    @property
    def label(self) -> str:
        """German name of the method."""
        return "Jahr bis Berichtsmonat" if self is Method.YEAR_TO_DATE else "gleitend über 12 Monate"


@dataclass(frozen=True)
class YearFigure:
    """The figures of one measure in one year up to a reporting month, and how they were made.

    ``to_date`` is the Jahresfortschrittswert (sum, average or latest value of the months up to the reporting month),
    ``forecast`` the expected figure for the whole year. ``used`` are the (year, month) pairs that went into the
    forecast; ``missing`` the months of the reporting year up to the reporting month that have no value.
    """

    aggregation: Aggregation
    method: Method
    year: int
    month: int
    to_date: Decimal | None
    forecast: Decimal | None
    used: tuple[tuple[int, int], ...]
    missing: tuple[int, ...]
    missing_before: tuple[int, ...] = ()  # rolling: months of the previous year in the window without a value

    @property
    def has_values(self) -> bool:
        """True if at least one month had a value."""
        return self.forecast is not None

    @property
    def latest(self) -> tuple[int, int] | None:
        """The latest (year, month) that went into the figure."""
        return max(self.used) if self.used else None


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def year_figure(
    aggregation: Aggregation,
    year: int,
    month: int,
    this_year: Months,
    previous_year: Months | None = None,
    method: Method = Method.YEAR_TO_DATE,
) -> YearFigure:
    """The Jahresfortschrittswert and the year-end forecast of one measure for ``year`` up to ``month``."""
    if not 1 <= month <= 12:
        raise ValueError(f"Berichtsmonat {month} liegt nicht zwischen 1 und 12.")
    months = [m for m in range(1, month + 1) if m in this_year]
    missing = tuple(m for m in range(1, month + 1) if m not in this_year)
    if not months:
        return YearFigure(aggregation, method, year, month, None, None, (), missing)
    values = [this_year[m] for m in months]
    if aggregation is Aggregation.LAST:
        last = months[-1]
        return YearFigure(aggregation, method, year, month, this_year[last], this_year[last], ((year, last),), missing)
    to_date = sum(values, Decimal(0)) if aggregation is Aggregation.SUM else _mean(values)
    used = [(year, m) for m in months]
    missing_before: tuple[int, ...] = ()
    if method is Method.ROLLING_12:
        before = previous_year or {}
        earlier = [(year - 1, m) for m in range(month + 1, 13) if m in before]
        missing_before = tuple(m for m in range(month + 1, 13) if m not in before)
        used = earlier + used
        values = [before[m] for _, m in earlier] + values
    if aggregation is Aggregation.SUM:
        forecast = sum(values, Decimal(0)) * _TWELVE / len(values) if len(values) < 12 else sum(values, Decimal(0))
    else:
        forecast = _mean(values)
    return YearFigure(aggregation, method, year, month, to_date, forecast, tuple(used), missing, missing_before)


@dataclass(frozen=True)
class PeriodComparison:
    """A figure of the year up to a month and the same figure of the previous year over the same months."""

    current: Decimal | None
    previous: Decimal | None
    months: tuple[int, ...]
    missing: tuple[int, ...]

    @property
    def change_percent(self) -> Decimal | None:
        """Change against the previous year in percent, or None if it cannot be computed."""
        if self.current is None or self.previous is None or self.previous == 0:
            return None
        return (self.current / self.previous - 1) * 100


def same_period(aggregation: Aggregation, month: int, this_year: Months, previous_year: Months) -> PeriodComparison:
    """This year against the same period of the previous year, over the months that have values in both years.

    ``LAST``: the latest such month against the same month a year before; ``MEAN``/``SUM``: average/sum of
    January to ``month``. Months that lack a value in either year are listed as missing and left out of both.
    """
    both = [m for m in range(1, month + 1) if m in this_year and m in previous_year]
    missing = tuple(m for m in range(1, month + 1) if m not in both)
    if not both:
        return PeriodComparison(None, None, (), missing)
    if aggregation is Aggregation.LAST:
        last = both[-1]
        return PeriodComparison(this_year[last], previous_year[last], (last,), missing)
    now = [this_year[m] for m in both]
    before = [previous_year[m] for m in both]
    if aggregation is Aggregation.SUM:
        return PeriodComparison(sum(now, Decimal(0)), sum(before, Decimal(0)), tuple(both), missing)
    return PeriodComparison(_mean(now), _mean(before), tuple(both), missing)
