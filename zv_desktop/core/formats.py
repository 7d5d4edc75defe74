"""German formats: formatting and parsing of dates, numbers, money and percentages.

This module is the one place that knows how German users write these values
("19.04.2012", "1.234,56", "90.295.768 €", "20,6 %"). Grouping and month names
come from Babel (locale de_DE); the unit is always separated by a plain ASCII
space, never a non-breaking space. All parse functions raise FormatError with a
one-line German message that quotes the offending input.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import cache

from babel.dates import format_date as _babel_format_date
from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal
from babel.numbers import format_decimal as _babel_format_decimal

from zv_desktop.core.money import Currency, Money

__all__ = [
    "FormatError",
    "format_date",
    "MONTH_ABBREVIATIONS",
    "format_count",
    "format_date_long",
    "format_money",
    "format_number",
    "format_percent",
    "month_name",
    "month_names",
    "parse_date",
    "parse_money",
    "parse_number",
    "parse_percent",
]

LOCALE = "de_DE"

_NUMBER_EXAMPLE = "Beispiel: 1.234,56"
_MINUS_SIGNS = "\u2212\u2013"  # typographic minus and en dash, both typed for "-"
MINUS = "\u2212"

# Characters and layout Babel is lenient about (letters, exponents, NaN, non-ASCII
# digits, ",5", "5,"); grouping itself is checked by Babel's strict mode.
_NUMBER_SHAPE = re.compile(r"[+-]?[0-9][0-9.]*(?:,[0-9]+)?")
_DATE_GERMAN = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_DATE_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONEY = re.compile(r"(?:(?P<pre>€|[^\W\d_]+)\s*)?(?P<num>[^\s€]*?)(?:\s*(?P<post>€|[^\W\d_]+))?")
_NO_CENTS = re.compile(r"(?<=\d),[-–]{1,2}(?=\s*(?:€|[^\W\d_]+)?\s*$)")
_PERCENT_SUFFIX = re.compile(r"\s*(?:%|prozent)\Z", re.IGNORECASE)

_CURRENCY_WORDS: dict[str, Currency] = {
    "€": Currency.EUR,
    "eur": Currency.EUR,
    "euro": Currency.EUR,
    "dm": Currency.DM,
}


class FormatError(ValueError):
    """A text that cannot be read as the expected German format."""

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        shown = " ".join(text.split())  # one line, whatever the user typed
        super().__init__(f"„{shown}“ {problem}.")


# --- dates ---------------------------------------------------------------------


def format_date(d: date) -> str:
    """Format a date as "19.04.2012"."""
    return str(_babel_format_date(d, "dd.MM.yyyy", locale=LOCALE))


def format_date_long(d: date) -> str:
    """Format a date with the German month name: "19. April 2012"."""
    return str(_babel_format_date(d, "d. MMMM yyyy", locale=LOCALE))


#: Months in three letters, as the BA's statistics tables and our charts write them (Babel's are "Jan.", "Juni").
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")


@cache
def month_names() -> tuple[str, ...]:
    """The German month names, Januar first (Babel's, loaded once)."""
    names = get_month_names("wide", locale=LOCALE)
    return tuple(str(names[month]) for month in range(1, 13))


def month_name(month: int) -> str:
    """The German name of a month (1 = Januar)."""
    return month_names()[month - 1]


def parse_date(text: str) -> date:
    """Read "19.04.2012", "19.4.2012" or ISO "2012-04-19"; four-digit years only."""
    stripped = text.strip()
    match = _DATE_GERMAN.fullmatch(stripped)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := _DATE_ISO.fullmatch(stripped):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise FormatError(text, "ist kein gültiges Datum (TT.MM.JJJJ)")
    try:
        return date(year, month, day)
    except ValueError:
        raise FormatError(text, "ist kein gültiges Datum (TT.MM.JJJJ)") from None


# --- numbers -------------------------------------------------------------------


def _to_decimal(value: Decimal | float) -> Decimal:
    """Convert exactly; floats via repr so that 0.1 stays 0.1."""
    result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{value!r} ist keine endliche Zahl.")
    return result


def _strip_zeros(value: Decimal) -> Decimal:
    """Drop trailing fractional zeros without rounding or exponent notation."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    digit_list = list(digits)
    while exponent < 0 and digit_list[-1] == 0:
        digit_list.pop()
        exponent += 1
    return Decimal((sign, tuple(digit_list), exponent))


def format_number(value: Decimal | float, decimals: int | None = None) -> str:
    """Format as "1.234,56" ("−65,1" with the typographic minus); decimals=None keeps the value's own digits, else
    HALF_UP. Every parse function reads the minus back."""
    number = _to_decimal(value)
    if decimals is None:
        number = _strip_zeros(number)
        pattern = "#,##0.###"
    elif decimals < 0:
        raise ValueError(f"Ungültige Anzahl Nachkommastellen: {decimals}.")
    else:
        with localcontext() as ctx:
            ctx.prec = max(28, number.adjusted() + decimals + 3)
            number = number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    if number.is_zero():
        number = number.copy_abs()  # never print "-0,00"
    with localcontext() as ctx:
        ctx.prec = max(28, len(number.as_tuple().digits) + 3)
        text = str(_babel_format_decimal(number, format=pattern, locale=LOCALE, decimal_quantization=False))
    return text.replace("-", MINUS)  # the typographic minus of German print (DIN 5008), as in every change shown


def format_count(value: int) -> str:
    """A whole number grouped as German print groups it ("1.104", "−12.000"): the same text as ``format_number``
    gives, without loading Babel's locale data (for counts shown while the program starts)."""
    grouped = f"{abs(value):,d}".replace(",", ".")  # digits and commas only: nothing else is touched
    return MINUS + grouped if value < 0 else grouped


def _parse_number(text: str) -> Decimal | None:
    """The number in text, or None if it is not a well-formed German number."""
    candidate = text.strip()
    for sign in _MINUS_SIGNS:
        candidate = candidate.replace(sign, "-")
    if not _NUMBER_SHAPE.fullmatch(candidate):
        return None
    try:
        with localcontext() as ctx:
            ctx.prec = max(28, len(candidate) + 3)
            result = parse_decimal(candidate, locale=LOCALE, strict=True)
    except (NumberFormatError, InvalidOperation):
        return None
    assert isinstance(result, Decimal)
    return result.copy_abs() if result.is_zero() else result


def parse_number(text: str) -> Decimal:
    """Read a German number like "1.234,56", "-3,5" or "17.283" (= 17283)."""
    result = _parse_number(text)
    if result is None:
        raise FormatError(text, f"ist keine gültige Zahl ({_NUMBER_EXAMPLE})")
    return result


# --- money ---------------------------------------------------------------------


def format_money(m: Money, cents: bool | None = None) -> str:
    """Format as "1.234,56 €" or "211.000 DM"; cents=None shows cents only if needed."""
    if cents is None:
        decimals = 0 if m.amount == m.amount.to_integral_value() else 2
    else:
        decimals = 2 if cents else 0
    return f"{format_number(m.amount, decimals)} {m.currency.symbol}"


def parse_money(text: str, default_currency: Currency = Currency.EUR) -> Money:
    """Read "90.295.768 €", "211.000,00 DM", "5.000,- €", "€ 5.000" or a bare amount."""

    def fail() -> FormatError:
        return FormatError(text, "ist kein gültiger Geldbetrag (Beispiel: 1.234,56 € oder 1.234 DM)")

    # "5.000,- €" / "5.000,-- DM": the dash stands for no cents, as written on forms
    match = _MONEY.fullmatch(_NO_CENTS.sub("", text.strip()))
    if not match:
        raise fail()
    pre, post = match["pre"], match["post"]
    if pre and post:
        raise fail()
    word = pre or post
    if word is None:
        currency = default_currency
    elif word.lower() in _CURRENCY_WORDS:
        currency = _CURRENCY_WORDS[word.lower()]
    else:
        raise fail()
    amount = _parse_number(match["num"])
    if amount is None:
        raise fail()
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise FormatError(text, "hat mehr als zwei Nachkommastellen")
    try:
        return Money(amount, currency)
    except InvalidOperation:  # more digits than the decimal context holds
        raise FormatError(text, "ist kein gültiger Geldbetrag (zu groß)") from None


# --- percentages ---------------------------------------------------------------


def format_percent(value: Decimal | float, decimals: int = 1) -> str:
    """Format percentage points: Decimal("20.6") → "20,6 %"."""
    return f"{format_number(value, decimals)} %"


def parse_percent(text: str) -> Decimal:
    """Read "20,6 %", "20,6%", "20,6" or "7,5 Prozent" as percentage points."""
    result = _parse_number(_PERCENT_SUFFIX.sub("", text.strip(), count=1))
    if result is None:
        raise FormatError(text, "ist keine gültige Prozentangabe (Beispiel: 20,6 %)")
    return result
