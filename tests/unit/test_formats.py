"""Tests for German formatting and parsing in zv_desktop.core.formats."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zv_desktop.core.formats import (
    FormatError,
    format_count,
    format_date,
    format_date_long,
    format_money,
    format_number,
    format_percent,
    parse_date,
    parse_money,
    parse_number,
    parse_percent,
)
from zv_desktop.core.money import Currency, Money

EUR, DM = Currency.EUR, Currency.DM
GERMAN_NUMBER = re.compile(r"[-\u2212]?[0-9]{1,3}(?:\.[0-9]{3})*(?:,[0-9]+)?")

# --- dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "short", "long"),
    [
        (date(2012, 4, 19), "19.04.2012", "19. April 2012"),
        (date(2001, 1, 1), "01.01.2001", "1. Januar 2001"),
        (date(1999, 3, 31), "31.03.1999", "31. März 1999"),
        (date(2024, 12, 5), "05.12.2024", "5. Dezember 2024"),
    ],
)
def test_format_date(d: date, short: str, long: str) -> None:
    assert format_date(d) == short
    assert format_date_long(d) == long


@pytest.mark.parametrize(
    "text",
    ["19.04.2012", "19.4.2012", " 19.04.2012 ", "2012-04-19", "\t19.4.2012\n"],
)
def test_parse_date_accepts(text: str) -> None:
    assert parse_date(text) == date(2012, 4, 19)


def test_parse_date_leap_day() -> None:
    assert parse_date("29.02.2024") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2012",
        "29.02.2023",
        "19.04.12",
        "19.13.2012",
        "00.04.2012",
        "",
        "   ",
        "19/04/2012",
        "2012-4-19",
        "19.04.2012 12:00",
        "heute",
        "19. April 2012",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_date(text)
    assert str(info.value) == f"„{text.strip()}“ ist kein gültiges Datum (TT.MM.JJJJ)."


# --- numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("1234.56"), None, "1.234,56"),
        (Decimal("1234.5600"), None, "1.234,56"),
        (Decimal("1234.00"), None, "1.234"),
        (Decimal("1E+3"), None, "1.000"),
        (1234567, None, "1.234.567"),
        (0, None, "0"),
        (0.1, None, "0,1"),
        (1234.5, None, "1.234,5"),
        (Decimal("-1234.5"), None, "\u22121.234,5"),
        (Decimal("0.000001"), None, "0,000001"),
        (Decimal("1234.565"), 2, "1.234,57"),
        (Decimal("0.125"), 2, "0,13"),
        (2.675, 2, "2,68"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("-2.5"), 0, "\u22123"),
        (Decimal("-0.001"), 2, "0,00"),
        (5, 2, "5,00"),
        (Decimal("999.999"), 2, "1.000,00"),
    ],
)
def test_format_number(value: Decimal | float, decimals: int | None, expected: str) -> None:
    assert format_number(value, decimals) == expected


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_count_groups_as_format_number_does(value: int) -> None:
    assert format_count(value) == format_number(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("inf")])
def test_format_number_rejects_non_finite(value: Decimal | float) -> None:
    with pytest.raises(ValueError):
        format_number(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,56", Decimal("1234.56")),
        ("1.234", Decimal(1234)),
        ("17.283", Decimal(17283)),
        ("1.234.567,5", Decimal("1234567.5")),
        ("-3,5", Decimal("-3.5")),
        ("\u22123,5", Decimal("-3.5")),
        ("+2", Decimal(2)),
        ("0,5", Decimal("0.5")),
        ("  42  ", Decimal(42)),
        ("-0", Decimal(0)),
    ],
)
def test_parse_number_accepts(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        ",5",
        "5,",
        "1.23,4",
        "1,234.56",
        "1.5",
        "1234.567",
        "1..234",
        "1,2,3",
        "12a",
        "abc",
        "",
        "  ",
        "1e5",
        "NaN",
        "Infinity",
        "1 234",
        "--3",
        "\u0663",  # Arabic-Indic digit three
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_number(text)
    expected = f"„{text.strip()}“ ist keine gültige Zahl (Beispiel: 1.234,56)."
    assert str(info.value) == expected


# --- money ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("money", "cents", "expected"),
    [
        (Money(Decimal(90295768), EUR), None, "90.295.768 €"),
        (Money(Decimal(211000), DM), True, "211.000,00 DM"),
        (Money(Decimal("1234.56"), EUR), None, "1.234,56 €"),
        (Money(Decimal("1234.50"), EUR), None, "1.234,50 €"),
        (Money(Decimal("1234.56"), EUR), False, "1.235 €"),
        (Money(Decimal("1234.49"), DM), False, "1.234 DM"),
        (Money(Decimal(-50), EUR), None, "\u221250 €"),
        (Money(Decimal(0), DM), True, "0,00 DM"),
    ],
)
def test_format_money(money: Money, cents: bool | None, expected: str) -> None:
    assert format_money(money, cents) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90.295.768 €", Money(Decimal(90295768), EUR)),
        ("90.295.768€", Money(Decimal(90295768), EUR)),
        ("211.000,00 DM", Money(Decimal(211000), DM)),
        ("50.000,00 Euro", Money(Decimal(50000), EUR)),
        ("500.000 EUR", Money(Decimal(500000), EUR)),
        ("€ 5.000", Money(Decimal(5000), EUR)),
        ("5.000", Money(Decimal(5000), EUR)),
        ("12,5 dm", Money(Decimal("12.5"), DM)),
        ("-1.234,56 €", Money(Decimal("-1234.56"), EUR)),
    ],
)
def test_parse_money_accepts(text: str, expected: Money) -> None:
    assert parse_money(text) == expected


def test_parse_money_default_currency() -> None:
    assert parse_money("5.000", default_currency=DM) == Money(Decimal(5000), DM)
    assert parse_money("5.000 €", default_currency=DM) == Money(Decimal(5000), EUR)


@pytest.mark.parametrize(
    "text",
    [
        "1,234 €",
        "5,123",
        "12 USD",
        "12 Dollar",
        "",
        "€",
        "5 € €",
        "€ 5 DM",
        "1.5 €",
        "fünf €",
        "100.000.000.000.000.000.000.000.000 €",  # beyond Decimal precision
    ],
)
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_money(text)
    message = str(info.value)
    assert message.startswith(f"„{text}“ ")
    assert "Geldbetrag" in message or "Nachkommastellen" in message


# --- percentages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("20.6"), 1, "20,6 %"),
        (-53.65, 1, "\u221253,7 %"),
        (7, 1, "7,0 %"),
        (Decimal("1234.5"), 0, "1.235 %"),
        (Decimal("0.125"), 2, "0,13 %"),
    ],
)
def test_format_percent(value: Decimal | float, decimals: int, expected: str) -> None:
    assert format_percent(value, decimals) == expected


def test_format_percent_default_one_decimal() -> None:
    assert format_percent(Decimal("20.64")) == "20,6 %"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20,6 %", Decimal("20.6")),
        ("20,6%", Decimal("20.6")),
        ("20,6", Decimal("20.6")),
        ("7,5 Prozent", Decimal("7.5")),
        (" -1,5 % ", Decimal("-1.5")),
    ],
)
def test_parse_percent_accepts(text: str, expected: Decimal) -> None:
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["%", "", "20,6 % %", "zwanzig %", "20.6 %", "20,6 ‰"])
def test_parse_percent_rejects(text: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_percent(text)
    assert str(info.value) == f"„{text}“ ist keine gültige Prozentangabe (Beispiel: 20,6 %)."


# --- no non-breaking spaces ----------------------------------------------------


def test_units_use_plain_space() -> None:
    for text in (
        format_money(Money(Decimal("1234.5"), EUR)),
        format_money(Money(Decimal("1234.5"), DM)),
        format_percent(Decimal("12.5")),
    ):
        assert "\u00a0" not in text and "\u202f" not in text
        number, unit = text.split(" ")
        assert GERMAN_NUMBER.fullmatch(number)
        assert unit in {"€", "DM", "%"}


# --- properties ----------------------------------------------------------------

bounded_decimals = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=6)


@given(bounded_decimals)
def test_number_round_trip(value: Decimal) -> None:
    text = format_number(value)
    assert GERMAN_NUMBER.fullmatch(text)
    assert parse_number(text) == value


@given(bounded_decimals, st.integers(min_value=0, max_value=6))
def test_number_round_trip_with_decimals(value: Decimal, decimals: int) -> None:
    text = format_number(value, decimals)
    expected = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    assert parse_number(text) == expected
    assert len(text.partition(",")[2]) == decimals


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_float_formats_like_its_repr(value: float) -> None:
    assert parse_number(format_number(value)) == Decimal(repr(value))


@given(
    st.decimals(min_value=Decimal("-1e11"), max_value=Decimal("1e11"), places=2),
    st.sampled_from(Currency),
)
def test_money_round_trip(amount: Decimal, currency: Currency) -> None:
    money = Money(amount, currency)
    text = format_money(money, cents=True)
    assert text.endswith(f",{abs(money.cents) % 100:02d} {currency.symbol}")
    assert parse_money(text) == money
    assert parse_money(format_money(money)) == money


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_date_round_trip(d: date) -> None:
    text = format_date(d)
    assert re.fullmatch(r"[0-9]{2}\.[0-9]{2}\.[0-9]{4}", text)
    assert parse_date(text) == d
    assert parse_date(d.isoformat()) == d


@given(st.decimals(min_value=Decimal(-1000), max_value=Decimal(1000), places=4))
def test_percent_round_trip(value: Decimal) -> None:
    assert parse_percent(format_percent(value, 2)) == value.quantize(Decimal("0.01"), ROUND_HALF_UP)


PARSERS: list[Callable[[str], object]] = [
    parse_date,
    parse_number,
    parse_money,
    parse_percent,
]


# Arbitrary text plus text built from the characters the parsers care about.
parser_inputs = st.text(max_size=30) | st.text(alphabet="0123456789.,-+\u2212 €DMEURuro%Prozent\t\n", max_size=30)


@given(st.sampled_from(PARSERS), parser_inputs)
def test_error_messages_are_german_and_quote_input(parse: Callable[[str], object], text: str) -> None:
    try:
        parse(text)
    except FormatError as error:
        message = str(error)
        assert len(message.splitlines()) == 1
        assert message.startswith("„") and message.endswith(".")
        assert f"„{' '.join(text.split())}“" in message
        assert re.search(r"\b(ist keine?|hat mehr als zwei)\b", message)
        assert error.text == text


@pytest.mark.parametrize(("text", "cents"), [("5.000,- €", 500000), ("5.000,-- DM", 500000), ("12,-", 1200)])
def test_money_with_a_dash_for_no_cents(text: str, cents: int) -> None:
    assert parse_money(text).cents == cents
