"""Money as an exact amount with a currency (DM or €) and the fixed DM → € conversion."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

#: Fixed conversion rate set by the Council of the EU on 31.12.1998: 1 € = 1,95583 DM.
DM_PER_EUR = Decimal("1.95583")
CENT = Decimal("0.01")


class Currency(StrEnum):
    """Currencies that occur in agreements: DM up to 2001, € afterwards."""

    EUR = "EUR"
    DM = "DM"

    @property
    def symbol(self) -> str:
        """The sign printed after an amount: '€' or 'DM'."""
        return "€" if self is Currency.EUR else "DM"


@dataclass(frozen=True)
class Money:
    """An amount of money; the amount is kept exact (Decimal, rounded to cents)."""

    amount: Decimal
    currency: Currency = Currency.EUR

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", Decimal(self.amount).quantize(CENT, ROUND_HALF_UP))

    @property
    def cents(self) -> int:
        """The amount in cents (Pfennig for DM), as stored in the database."""
        return int(self.amount * 100)

    @classmethod
    def from_cents(cls, cents: int, currency: Currency | str = Currency.EUR) -> Money:
        """Build from an integer amount of cents as stored in the database."""
        return cls(Decimal(cents) / 100, Currency(currency))

    def to_eur(self) -> Money:
        """This amount in €, DM converted at 1,95583 and rounded to the cent."""
        if self.currency is Currency.EUR:
            return self
        return Money((self.amount / DM_PER_EUR).quantize(CENT, ROUND_HALF_UP), Currency.EUR)
