"""Demo monthly KPI values (Ist) for the Kreis Mettmann and its ten cities, generated deterministically.

The figures are invented but plausible: the Kreis series follow a level per year with a seasonal pattern and a
little noise; sums and counts are split among the cities by fixed weights (rounded population in thousands,
slightly varied each month) so that the cities add up exactly to the Kreis; the Integrationsquote of a city is
the Kreis quota plus a fixed offset of the city and small noise.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.services import values as svc
from zv_desktop.core.store import Store

YEARS: tuple[int, ...] = (2013, 2014, 2015, 2021, 2022)
SOURCE = "Demo"
COMMENT = "Demo-Wert, kein amtlicher Wert"
SEED = 20140101

#: Split weights of the cities: population in thousands, rounded (demo weights, not official figures).
CITY_WEIGHTS: Mapping[str, int] = {
    "Erkrath": 44,
    "Haan": 30,
    "Heiligenhaus": 26,
    "Hilden": 55,
    "Langenfeld (Rhld.)": 59,
    "Mettmann": 39,
    "Monheim am Rhein": 41,
    "Ratingen": 87,
    "Velbert": 82,
    "Wülfrath": 21,
}


@dataclass(frozen=True)
class Series:
    """How the Kreis values of one measure are made: level per year, seasonal factors, relative noise."""

    code: str
    levels: Mapping[int, float]
    season: tuple[float, ...]
    noise: float


#: The Integrationsquote K2 (%): level per year plus an additive seasonal offset.
QUOTA = Series(
    "K2",
    {2013: 20.5, 2014: 20.8, 2015: 21.2, 2021: 20.4, 2022: 21.1},
    (-0.25, -0.2, -0.1, 0.0, 0.05, 0.1, 0.1, 0.2, 0.25, 0.15, 0.0, -0.15),
    0.05,
)

#: Stocks, sums and counts: level per year times a seasonal factor (factors average 1).
AMOUNTS: tuple[Series, ...] = (
    Series(
        "LZB",
        {2013: 17950, 2014: 17500, 2015: 17350, 2021: 18350, 2022: 18100},
        (1.004, 1.003, 1.002, 1.001, 1.0, 0.999, 0.999, 0.998, 0.998, 0.997, 0.998, 1.001),
        0.002,
    ),
    Series(
        "LLU",
        {2013: 7_450_000, 2014: 7_520_000, 2015: 7_580_000, 2021: 7_620_000, 2022: 7_680_000},
        (1.01, 1.008, 1.004, 1.0, 0.996, 0.993, 0.994, 0.996, 0.998, 1.0, 1.0, 1.001),
        0.003,
    ),
    Series(
        "INT-U25",
        {2013: 96, 2014: 101, 2015: 103, 2021: 84, 2022: 90},
        (0.75, 0.85, 1.0, 1.05, 1.0, 0.95, 1.0, 1.25, 1.3, 1.05, 0.95, 0.85),
        0.08,
    ),
    Series(
        "INT-AE",
        {2013: 40, 2014: 42, 2015: 43, 2021: 35, 2022: 38},
        (0.8, 0.9, 1.05, 1.05, 1.0, 0.95, 0.9, 1.05, 1.2, 1.1, 1.0, 1.0),
        0.1,
    ),
    Series(
        "KdU",
        {2013: 9_620_000, 2014: 9_580_000, 2015: 9_700_000, 2021: 10_350_000, 2022: 10_480_000},
        (1.004, 1.003, 1.002, 1.0, 0.999, 0.998, 0.998, 0.998, 0.999, 1.0, 1.0, 1.001),
        0.003,
    ),
)

#: Measure codes that get values, in the order they are generated.
CODES: tuple[str, ...] = (QUOTA.code, *(s.code for s in AMOUNTS))


def split(total: int, weights: Sequence[float]) -> list[int]:
    """Split a whole number in proportion to ``weights`` (largest remainder), so the parts sum to ``total``."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    parts = [math.floor(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _value(measure_id: str, area: str, year: int, month: int, value: Decimal) -> model.KpiValue:
    key = f"value/{measure_id}/{area}/{year}/{month}"
    return model.KpiValue(
        measure_id,
        ids.area_id(area),
        year,
        value,
        model.PeriodType.MONTH,
        month,
        model.ValueKind.IST,
        SOURCE,
        COMMENT,
        id=ids.demo_id(key),
    )


def demo_values(measures: Mapping[str, str]) -> list[model.KpiValue]:
    """All demo values: every measure of ``CODES``, each year of ``YEARS``, each month, Kreis and cities."""
    rng = random.Random(SEED)
    kreis, cities = ids.KREIS_METTMANN, ids.METTMANN_CITIES
    offsets = {city: rng.uniform(-1.2, 1.2) for city in cities}
    out: list[model.KpiValue] = []
    for year in YEARS:
        for month in range(1, 13):
            quota = QUOTA.levels[year] + QUOTA.season[month - 1] + rng.gauss(0, QUOTA.noise)
            out.append(_value(measures[QUOTA.code], kreis, year, month, Decimal(f"{quota:.1f}")))
            for city in cities:
                city_quota = quota + offsets[city] + rng.uniform(-0.2, 0.2)
                out.append(_value(measures[QUOTA.code], city, year, month, Decimal(f"{city_quota:.1f}")))
            for series in AMOUNTS:
                factor = series.season[month - 1] * (1 + rng.uniform(-series.noise, series.noise))
                total = round(series.levels[year] * factor)
                weights = [CITY_WEIGHTS[city] * rng.uniform(0.97, 1.03) for city in cities]
                out.append(_value(measures[series.code], kreis, year, month, Decimal(total)))
                for city, part in zip(cities, split(total, weights), strict=True):
                    out.append(_value(measures[series.code], city, year, month, Decimal(part)))
    return out


#: Staffing of the Jobcenter Mettmann in 2014 (VZA at month end; share of temporary staff in %), invented.
STAFF_2014: tuple[tuple[str, str], ...] = (
    ("398.5", "7.9"), ("399.0", "7.8"), ("400.25", "7.8"), ("401.0", "7.7"), ("401.5", "7.6"), ("402.75", "7.6"),
    ("402.0", "7.5"), ("403.5", "7.4"), ("404.0", "7.3"), ("404.5", "7.3"), ("405.25", "7.2"), ("405.5", "7.2"),
)  # fmt: skip
#: The catalogue measures staffing values are kept in (fixed ids of migration 0004).
STAFF_MEASURES = ("8aee6e7f-8813-5824-80f6-b19213e190aa", "25903a1a-b51d-55e7-9152-1b2df750c2e8")


def staffing_values() -> list[model.KpiValue]:
    """The Kreis Mettmann's staffing values of 2014 (for the staffing goal of the 2014 agreement)."""
    staff, share = STAFF_MEASURES
    out = []
    for month, (vza, temporary) in enumerate(STAFF_2014, start=1):
        out.append(_value(staff, ids.KREIS_METTMANN, 2014, month, Decimal(vza)))
        out.append(_value(share, ids.KREIS_METTMANN, 2014, month, Decimal(temporary)))
    return out


def build_values(store: Store, measures: Mapping[str, str]) -> int:
    """Save the demo values (updating those of an earlier run); returns how many."""
    return svc.save_values(store, demo_values(measures) + staffing_values())
