"""The warning on unusual figures: the fast float look of long series never differs from the exact verdict."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from zv_desktop.core.rules.plausibility import clearly_usual, is_unusual

figures = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=2, allow_nan=False)


@given(figures, st.lists(figures, max_size=12))
@example(Decimal("30"), [Decimal("10"), Decimal("10"), Decimal("10")])  # exactly three times: not unusual
@example(Decimal("30.01"), [Decimal("10"), Decimal("10"), Decimal("10")])
@example(Decimal("3.33"), [Decimal("10"), Decimal("10"), Decimal("10")])
@example(Decimal("0.3"), [Decimal("0.1"), Decimal("0.1"), Decimal("0.1"), Decimal("0.1")])
@example(Decimal("0.31"), [Decimal("0.1"), Decimal("0.1"), Decimal("0.2"), Decimal("0.1")])
def test_a_figure_the_fast_look_passes_is_never_unusual(value: Decimal, history: list[Decimal]) -> None:
    if clearly_usual(float(value), [float(x) for x in history]):
        assert not is_unusual(value, history)


def test_the_fast_look_defers_to_the_exact_rule_for_a_far_figure() -> None:
    history = [Decimal(20)] * 12
    assert not clearly_usual(61.0, [20.0] * 12) and is_unusual(Decimal(61), history)
    assert not clearly_usual(6.0, [20.0] * 12) and is_unusual(Decimal(6), history)
    assert clearly_usual(59.0, [20.0] * 12) and not is_unusual(Decimal(59), history)
