"""Money: exact amounts in cents and the fixed DM → € conversion."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from zv_desktop.core.money import DM_PER_EUR, Currency, Money
from zv_desktop.core.services.compare.field_changes import percent_change, percent_text


def test_kamen_premium_converts_to_the_cent() -> None:
    # 211.000,00 DM ÷ 1,95583 = 107.882,586… € → 107.882,59 €
    assert Money(Decimal("211000.00"), Currency.DM).to_eur() == Money(Decimal("107882.59"), Currency.EUR)


def test_premium_cut_2001_to_2002_is_minus_53_7_percent() -> None:
    """Kamen's premium: 211.000 DM in 2001, 50.000 € in 2002; the comparison's own figures say −53,7 %."""
    before = Money(Decimal("211000.00"), Currency.DM).to_eur().amount
    change = percent_change(before, Decimal("50000.00"))
    assert change == Decimal("-53.7") and percent_text(change) == "−53,7 %"
    assert percent_change(Decimal("211000.00"), Decimal("50000.00")) == Decimal("-76.3")  # DM taken for € misleads


def test_euro_amount_is_not_converted() -> None:
    assert Money(Decimal("50000"), Currency.EUR).to_eur() == Money(Decimal("50000.00"))


@given(st.integers(min_value=0, max_value=10**13))
def test_cents_round_trip(cents: int) -> None:
    for currency in Currency:
        money = Money.from_cents(cents, currency)
        assert money.cents == cents and money.currency is currency


@given(st.integers(min_value=0, max_value=10**12))
def test_conversion_is_within_half_a_cent(pfennig: int) -> None:
    dm = Money.from_cents(pfennig, Currency.DM)
    eur = dm.to_eur()
    assert abs(eur.amount * DM_PER_EUR - dm.amount) <= Decimal("0.005") * DM_PER_EUR
