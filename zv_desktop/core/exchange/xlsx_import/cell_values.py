"""Reading single cells: numbers (Excel numbers or German text), months, years, value kinds and labels.

Each reader takes what openpyxl returns for a cell (None, int, float, str, bool, datetime …) and either
returns the value or raises CellValueError with the German reason, which the caller attaches to the cell.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from math import isfinite

from openpyxl.utils import get_column_letter

from zv_desktop.core.formats import FormatError, format_count
from zv_desktop.core.rules.validation import FIRST_YEAR, LAST_YEAR
from zv_desktop.core.services.kpi_cells import parse_cell

#: Longest text Excel keeps in one cell; longer cells come from other programs and are refused.
MAX_CELL_CHARS = 32_767
#: Marks of German statistics tables for "no figure" besides those of the KPI grid („–“, „.“): "x" (Fach
#: gesperrt), "…" (fällt später an), "/" (nicht sicher genug), "*" (Geheimhaltung, as the BA marks small counts).
_NO_FIGURE = frozenset({"x", "X", "...", "…", "/", "k.A.", "k. A.", "n.v.", "()", "*", "**", "(*)"})
#: Signs after a figure that do not change it: p vorläufig, r berichtigt, s geschätzt (DESTATIS' Zeichenerklärung),
#: and the footnote star; the figure is read, the sign counted for a note.
STATISTICS_SIGNS = {"p": "vorläufig", "r": "berichtigt", "s": "geschätzt", "*": "mit Fußnote"}
_SIGNED = re.compile(r"(.*\d(?:\s*[%€])?)\s*([prs*])")
#: Thousands separated by spaces, no-break spaces or narrow no-break spaces: "17 283", "1 234,5".
_SPACED_THOUSANDS = re.compile(r"[-−]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?:\s*[%€])?")
_DIGITS = re.compile(r"[0-9]+")
_ERROR_VALUE = re.compile(r"#(?:[A-Z0-9/]+[!?]|N/A|NV|GETTING_DATA)")
_TEXT_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})\s*(?:[/\-]|m)\s*(\d{1,2})")
_NAMED = re.compile(r"([a-zäöü]+)\.?(?:[\s\-/'’]*(\d{4}|\d{2}))?")

_MONTH_WORDS = {
    **dict.fromkeys(("jan", "jän", "januar", "jänner", "jaenner", "january"), 1),
    **dict.fromkeys(("feb", "febr", "februar", "feber", "february"), 2),
    **dict.fromkeys(("mär", "mrz", "märz", "maerz", "mar", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oktober", "oct", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dez", "dezember", "dec", "december"), 12),
}
_KINDS = {
    **dict.fromkeys(("", "ist", "istwert", "ist-wert", "ist wert", "i"), "ist"),
    **dict.fromkeys(("prognose", "prognosewert", "hochrechnung", "p"), "prognose"),
    **dict.fromkeys(("plan", "planwert", "soll", "sollwert", "ziel", "zielwert"), "plan"),
}
_DATES = (datetime, date, time, timedelta)


class CellValueError(ValueError):
    """A cell that cannot be read as what its column holds; the message is German."""


@lru_cache(maxsize=4096)
def cell_ref(row: int, column: int) -> str:
    """The A1 reference of a cell: ``cell_ref(7, 3)`` is "C7"."""
    return f"{get_column_letter(column)}{row}"


def shown(value: object, limit: int = 60) -> str:
    """A cell's content for a message: one line, shortened."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_length(value: object) -> None:
    """Refuse text longer than an Excel cell can hold."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        size, limit = format_count(len(value)), format_count(MAX_CELL_CHARS)
        raise CellValueError(
            f"Text mit {size} Zeichen – mehr, als eine Excel-Zelle fassen kann ({limit}); die Zeile wird nicht übernommen."
        )


def number_text(value: object) -> str | None:
    """The number in a value cell as stored text ("20.6", "17283"); None for an empty cell or „–“, „.“, „x“."""
    kind = type(value)
    if kind is float:
        return _float_text(value)  # type: ignore[arg-type]
    if kind is int:
        return str(value)
    if value is None:
        return None
    if kind is Decimal:  # a percent-formatted cell, already turned into the figure shown (see workbook.rows)
        return format(value.normalize(), "f")  # type: ignore[attr-defined]
    if kind is str:
        return _text_number(value)  # type: ignore[arg-type]
    if kind is bool:
        raise CellValueError("Wahrheitswert (WAHR/FALSCH) statt einer Zahl.")
    if isinstance(value, _DATES):
        raise CellValueError("Datum statt einer Zahl.")
    if isinstance(value, (int, float)):  # subclasses of the Excel types
        return _float_text(float(value))
    raise CellValueError(f"„{shown(value)}“ ist keine Zahl.")


def _float_text(number: float) -> str:
    """A float as exact decimal text via its shortest repr (20.6 stays "20.6"; 17283.0 becomes "17283")."""
    if not isfinite(number):
        raise CellValueError("Keine endliche Zahl (z. B. „unendlich“).")
    if number.is_integer() and -1e15 < number < 1e15:
        return str(int(number))
    text = repr(number)
    return text if "e" not in text else format(Decimal(text), "f")


def _text_number(text: str) -> str | None:
    check_length(text)
    stripped = text.strip()
    if stripped in _NO_FIGURE:
        return None
    if _ERROR_VALUE.fullmatch(stripped):
        raise CellValueError(f"Excel-Fehlerwert {stripped} statt einer Zahl (die Formel hat keinen gültigen Wert).")
    if _TEXT_DATE.fullmatch(stripped) or _ISO_DATE.fullmatch(stripped):
        raise CellValueError(f"Datum „{stripped}“ (als Text) statt einer Zahl.")
    signed = _SIGNED.fullmatch(stripped)
    if signed is not None:
        stripped = signed[1]
    if _SPACED_THOUSANDS.fullmatch(stripped):
        stripped = re.sub(r"[ \u00a0\u202f](?=\d{3})", "", stripped)
    try:
        number = parse_cell(stripped)
    except FormatError:
        raise CellValueError(f"„{shown(text)}“ ist keine gültige Zahl (Beispiel: 1.234,56 oder 20,6 %).") from None
    return None if number is None else format(number, "f")


def statistics_sign(value: object) -> str | None:
    """The sign after a figure read from text ("20,6 p" → "p"), or None."""
    if type(value) is not str or not value or value.rstrip()[-1:] not in STATISTICS_SIGNS:
        return None
    signed = _SIGNED.fullmatch(value.strip())
    return signed[2] if signed is not None else None


def year_of(value: object) -> int:
    """A year from a cell: 2014, "2014", 2014.0 or a date; CellValueError outside 1990–2100."""
    if isinstance(value, (datetime, date)):
        year = value.year
    elif isinstance(value, bool):
        raise CellValueError("Wahrheitswert statt eines Jahres.")
    elif isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        year = int(value)
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()) and len(value.strip()) <= 6:
        year = int(value.strip())
    else:
        raise CellValueError(f"„{shown(value)}“ ist kein Jahr (Beispiel: 2014).")
    check_year(year)
    return year


def check_year(year: int) -> None:
    """Refuse a year the program does not keep values for."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellValueError(f"Das Jahr {year} liegt außerhalb von {FIRST_YEAR}–{LAST_YEAR}.")


def month_of(value: object) -> tuple[int, int | None]:
    """Month (and year, if the cell names one) of a "Monat" cell: 3, "03", "März", "03/2014", "01.03.2014", a date."""
    if isinstance(value, (datetime, date)):
        return value.month, value.year
    if isinstance(value, bool):
        raise CellValueError("Wahrheitswert statt eines Monats.")
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return _valid_month(int(value)), None
    if isinstance(value, str):
        text = value.strip()
        if _DIGITS.fullmatch(text) and len(text) <= 2:
            return _valid_month(int(text)), None
        found = month_header(text)
        if found is not None:
            return _valid_month(found[0]), found[1]
    raise CellValueError(f"„{shown(value)}“ ist kein Monat (1–12, „März“ oder „03/2014“).")


def _valid_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise CellValueError(f"Monat {month} gibt es nicht (1–12).")
    return month


def month_header(value: object) -> tuple[int, int | None] | None:
    """Month and year of a column heading ("Jan", "Januar 2014", "01/2014", "2014-01", a date), else None.

    A numeric heading with an impossible month ("13/2014") is returned as it is, so the caller can say so.
    """
    if isinstance(value, (datetime, date)):
        return value.month, value.year
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = value.strip().lower()
    if match := _MONTH_YEAR.fullmatch(text):
        return int(match[1]), int(match[2])
    if match := _YEAR_MONTH.fullmatch(text):
        return int(match[2]), int(match[1])
    if match := _TEXT_DATE.fullmatch(text):
        return _real_date(int(match[1]), int(match[2]), _full_year(match[3]), value)
    if match := _ISO_DATE.fullmatch(text):
        return _real_date(int(match[3]), int(match[2]), int(match[1]), value)
    if (match := _NAMED.fullmatch(text)) and match[1] in _MONTH_WORDS:
        return _MONTH_WORDS[match[1]], _full_year(match[2]) if match[2] else None
    return None


def _real_date(day: int, month: int, year: int, value: str) -> tuple[int, int]:
    """Month and year of a date written as text; CellValueError for a day the calendar does not have."""
    if 1 <= month <= 12:
        try:
            date(year, month, day)
        except ValueError:
            raise CellValueError(f"Den Tag „{shown(value)}“ gibt es nicht.") from None
    return month, year


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 90 else 1900
    return year


def kind_of(value: object) -> str:
    """The value kind of an "Art" cell: "ist" (also for an empty cell), "prognose" or "plan"."""
    if value is None:
        return "ist"
    text = " ".join(str(value).split()).lower().rstrip(".")
    kind = _KINDS.get(text)
    if kind is None:
        raise CellValueError(f"„{shown(value)}“ ist keine Art (Ist, Prognose oder Plan).")
    return kind


def label_of(value: object) -> str:
    """A label cell as text, whitespace collapsed ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    return str(value)


def plain_text(value: object) -> str:
    """A Quelle or Bemerkung cell as text."""
    if value is None:
        return ""
    check_length(value)
    return label_of(value) if not isinstance(value, str) else value.strip()
