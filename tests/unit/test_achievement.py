"""Achievement rules: Zielerreichung, traffic lights, corridors, thresholds, deadlines, year figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zv_desktop.core.choices import Aggregation, Comparator, Direction
from zv_desktop.core.rules.achievement import (
    Light,
    Thresholds,
    achievement_percent,
    assess_deadline,
    assess_target,
    assess_threshold,
    light_for,
)
from zv_desktop.core.rules.forecast import Method, same_period, year_figure

D = Decimal
positive = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)


# --- Zielerreichung and lights -------------------------------------------------------------------


def test_higher_is_better_divides_ist_by_target() -> None:
    assert achievement_percent(D("20.6"), D("20.6"), Direction.HIGHER) == 100
    assert assess_target(D("20.0"), D("20.6"), Direction.HIGHER).light is Light.AMBER  # 97,1 %
    assert assess_target(D("19.0"), D("20.6"), Direction.HIGHER).light is Light.RED  # 92,2 %


def test_lower_is_better_for_the_lzb_stock() -> None:
    # Bestand an Langzeitleistungsbeziehenden, target 17.283: fewer is better
    assert assess_target(D("17000"), D("17283"), Direction.LOWER).light is Light.GREEN
    at_risk = assess_target(D("17515"), D("17283"), Direction.LOWER)
    assert at_risk.light is Light.AMBER and at_risk.percent is not None
    assert at_risk.percent.quantize(D("0.1")) == D("98.7")
    assert assess_target(D("19000"), D("17283"), Direction.LOWER).light is Light.RED


def test_bounds_of_the_light_belong_to_the_better_colour() -> None:
    limits = Thresholds()
    assert light_for(D(100), limits) is Light.GREEN
    assert light_for(D("99.99"), limits) is Light.AMBER
    assert light_for(D(95), limits) is Light.AMBER
    assert light_for(D("94.99"), limits) is Light.RED
    assert light_for(None, limits) is Light.NONE


def test_thresholds_are_configurable_per_goal() -> None:
    strict = Thresholds(green_from=D(105), amber_from=D(100))
    assert assess_target(D(102), D(100), Direction.HIGHER, strict).light is Light.AMBER
    assert assess_target(D(105), D(100), Direction.HIGHER, strict).light is Light.GREEN
    # "gefährdet" above "erreicht" makes no sense: it is capped
    assert Thresholds(green_from=D(90), amber_from=D(99)).amber == D(90)


def test_corridor_bounds_count_as_reached() -> None:
    corridor = (D("20.0"), D("21.0"))
    assert assess_target(D("20.0"), D("20.6"), Direction.HIGHER, corridor=corridor).verdict == "erreicht (im Korridor)"
    assert assess_target(D("19.99"), D("20.6"), Direction.HIGHER, corridor=corridor).light is Light.AMBER
    lower = assess_target(D("21.0"), D("20.6"), Direction.LOWER, corridor=corridor)
    assert lower.light is Light.GREEN
    assert assess_target(D("21.01"), D("20.6"), Direction.LOWER, corridor=corridor).light is Light.AMBER


def test_negative_figures_have_no_ratio_but_a_verdict() -> None:
    # K1: change of the benefit sum in %, −2 % agreed, lower is better
    better = assess_target(D("-3.0"), D("-2.0"), Direction.LOWER)
    assert better.percent is None and better.light is Light.GREEN
    assert assess_target(D("1.0"), D("-2.0"), Direction.LOWER).light is Light.RED


def test_no_direction_measures_the_distance_to_the_target() -> None:
    assert achievement_percent(D(95), D(100), Direction.NONE) == D(95)
    assert achievement_percent(D(105), D(100), Direction.NONE) == D(95)


@given(positive, positive)
def test_swapping_direction_mirrors_the_status(ist: Decimal, target: Decimal) -> None:
    """Ist a against target t with "higher is better" reads like Ist t against target a with "lower is better"."""
    higher = assess_target(ist, target, Direction.HIGHER)
    lower = assess_target(target, ist, Direction.LOWER)
    assert higher.percent == lower.percent
    assert higher.light is lower.light


@given(positive, positive)
def test_exactly_one_direction_is_reached_unless_ist_equals_target(ist: Decimal, target: Decimal) -> None:
    reached = [assess_target(ist, target, d).light is Light.GREEN for d in (Direction.HIGHER, Direction.LOWER)]
    assert reached == [True, True] if ist == target else sum(reached) == 1


@given(positive, positive, st.sampled_from([Direction.HIGHER, Direction.LOWER]))
def test_a_better_ist_never_gets_a_worse_light(ist: Decimal, target: Decimal, direction: Direction) -> None:
    better = ist * D("1.1") if direction is Direction.HIGHER else ist / D("1.1")
    assert assess_target(better, target, direction).light.rank >= assess_target(ist, target, direction).light.rank


# --- thresholds and deadlines --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ist", "comparator", "reached"),
    [
        (D(80), Comparator.AT_LEAST, True),  # Eingliederungsvereinbarung for ≥ 80 %: the bound is reached
        (D("79.9"), Comparator.AT_LEAST, False),
        (D("7.5"), Comparator.AT_MOST, True),
        (D("7.6"), Comparator.AT_MOST, False),
        (D(2), Comparator.EXACTLY, True),
    ],
)
def test_threshold_includes_its_bound(ist: Decimal, comparator: Comparator, reached: bool) -> None:
    threshold = {Comparator.AT_LEAST: D(80), Comparator.AT_MOST: D("7.5"), Comparator.EXACTLY: D(2)}[comparator]
    assert (assess_threshold(ist, comparator, threshold).light is Light.GREEN) is reached


def test_milestone_done_open_overdue() -> None:
    deadline = date(2014, 12, 31)
    assert assess_deadline(deadline, date(2014, 11, 3), date(2014, 12, 31), "erledigt").light is Light.GREEN
    assert assess_deadline(deadline, None, date(2014, 12, 31), "erledigt").verdict == "offen"  # due today
    overdue = assess_deadline(deadline, None, date(2015, 1, 1), "erledigt")
    assert overdue.light is Light.RED and overdue.verdict == "überfällig"
    late = assess_deadline(deadline, date(2015, 2, 1), date(2015, 3, 31), "erledigt")
    assert late.light is Light.AMBER and late.verdict == "erledigt (verspätet)"
    # done after the reporting day: not yet done on that day
    assert assess_deadline(deadline, date(2015, 2, 1), date(2014, 12, 31), "erledigt").verdict == "offen"


# --- year figures and forecasts ------------------------------------------------------------------


def _months(*pairs: tuple[int, str]) -> dict[int, Decimal]:
    return {m: D(v) for m, v in pairs}


def test_sum_extrapolates_the_months_that_have_values_and_lists_missing_ones() -> None:
    values = _months((1, "100"), (2, "110"), (4, "90"))
    figure = year_figure(Aggregation.SUM, 2014, 4, values)
    assert figure.to_date == D(300)
    assert figure.forecast == D(1200)  # 300 ÷ 3 months × 12, March is not counted as zero
    assert figure.missing == (3,)


def test_mean_of_a_stock_and_last_value_of_a_quota() -> None:
    stock = year_figure(Aggregation.MEAN, 2014, 3, _months((1, "17000"), (2, "17300"), (3, "17600")))
    assert stock.forecast == D(17300)
    quota = year_figure(Aggregation.LAST, 2014, 9, _months((7, "20.4"), (8, "20.9")))
    assert quota.forecast == D("20.9") and quota.latest == (2014, 8) and quota.missing[-1] == 9


def test_rolling_twelve_months_reach_into_the_previous_year() -> None:
    previous = {m: D(10) for m in range(1, 13)}
    this = {1: D(20), 2: D(20), 3: D(20)}
    rolling = year_figure(Aggregation.SUM, 2014, 3, this, previous, Method.ROLLING_12)
    assert rolling.forecast == D(9 * 10 + 3 * 20)
    assert rolling.used[0] == (2013, 4) and rolling.used[-1] == (2014, 3)
    assert year_figure(Aggregation.SUM, 2014, 3, this, previous).forecast == D(240)


def test_no_values_gives_no_figure() -> None:
    figure = year_figure(Aggregation.SUM, 2014, 6, {})
    assert figure.forecast is None and figure.missing == (1, 2, 3, 4, 5, 6)


def test_same_period_uses_only_months_present_in_both_years() -> None:
    comparison = same_period(
        Aggregation.SUM, 4, _months((1, "105"), (2, "105"), (4, "50")), _months((1, "100"), (2, "100"), (3, "70"))
    )
    assert comparison.months == (1, 2) and comparison.missing == (3, 4)
    assert comparison.change_percent == D(5)


def test_rolling_window_lists_missing_months_of_the_previous_year() -> None:
    previous = {m: D(10) for m in range(1, 13) if m not in (5, 11)}
    rolling = year_figure(Aggregation.SUM, 2014, 3, {1: D(20), 2: D(20), 3: D(20)}, previous, Method.ROLLING_12)
    assert rolling.missing_before == (5, 11) and rolling.missing == ()
    assert rolling.forecast == D(7 * 10 + 3 * 20) * 12 / 10  # extrapolated from the 10 months that have values
    no_previous = year_figure(Aggregation.SUM, 2014, 3, {1: D(20), 2: D(20), 3: D(20)}, {}, Method.ROLLING_12)
    assert no_previous.missing_before == tuple(range(4, 13)) and no_previous.forecast == D(240)
