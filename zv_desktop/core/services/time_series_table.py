"""The yearly figures of time series as a table of German texts: the time-series window and its printout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from zv_desktop.core.formats import format_number
from zv_desktop.core.services.time_series import AGGREGATION_LABELS, TimeSeries, YearFigures

NO_VALUE = "–"


def _number(value: Decimal | None, decimals: int | None = None) -> str:
    return NO_VALUE if value is None else format_number(value, decimals)


def corridor_text(low: Decimal | None, high: Decimal | None) -> str:
    """ "20,0 – 21,0", "ab 20,0", "bis 21,0" or "–"."""
    if low is not None and high is not None:
        return f"{format_number(low)} – {format_number(high)}"
    if low is not None:
        return f"ab {format_number(low)}"
    if high is not None:
        return f"bis {format_number(high)}"
    return NO_VALUE


@dataclass(frozen=True)
class YearTable:
    """Rows of (series, year) sorted by year, then by the given order of areas; columns named by key."""

    series: tuple[TimeSeries, ...]
    keys: tuple[str, ...]
    rows: tuple[tuple[TimeSeries, YearFigures], ...]

    def header(self, key: str) -> str:
        """The German column title, with the unit where it applies."""
        unit = self.series[0].unit.strip() if self.series else ""
        suffix = f" ({unit})" if unit else ""
        if key == "year_value":
            return f"Jahreswert ({AGGREGATION_LABELS.get(self.series[0].aggregation, '')}){suffix}"
        texts = {
            "area": "Gebiet",
            "year": "Jahr",
            "target": f"Zielwert{suffix}",
            "corridor": f"Korridor{suffix}",
            "forecast": f"Prognose{suffix}",
            "december": f"Ist Dezember{suffix}",
            "months": "Monate mit Werten",
        }
        return texts[key]

    def text(self, row: int, key: str) -> str:
        """The German text of one cell."""
        series, f = self.rows[row]
        if key == "area":
            return series.area_name
        if key == "year":
            return str(f.year)
        if key == "target":
            return _number(f.target)
        if key == "corridor":
            return corridor_text(f.corridor_low, f.corridor_high)
        if key == "forecast":
            return _number(f.forecast)
        if key == "december":
            if f.last_month is None or f.last_value is None:
                return NO_VALUE
            text = format_number(f.last_value, series.decimals)
            return text if f.last_month == 12 else f"{text} (Stand {f.last_month:02d}/{f.year})"
        if key == "year_value":
            extra = 1 if series.aggregation == "mean" else 0
            return _number(f.year_value, series.decimals + extra)
        return f"{f.months} von 12"


def year_table(series: Sequence[TimeSeries]) -> YearTable:
    """The table of the non-empty series' years."""
    shown = tuple(s for s in series if not s.is_empty)
    order = {id(s): i for i, s in enumerate(shown)}
    rows = sorted(((s, f) for s in shown for f in s.years), key=lambda row: (row[1].year, order[id(row[0])]))
    keys = ["year", "area"] if len(shown) > 1 else ["year"]
    keys += ["target", "corridor", "forecast", "december"]
    if shown and shown[0].aggregation in ("mean", "sum"):
        keys.append("year_value")
    return YearTable(shown, (*keys, "months"), tuple(rows))
