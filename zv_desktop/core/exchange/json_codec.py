"""Encodes records as JSON objects and decodes them back with type checks naming the JSON path."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
import typing
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from zv_desktop.core import model
from zv_desktop.core.errors import Problem
from zv_desktop.core.money import Currency, Money

T = TypeVar("T")

#: Bounds of exact decimals in a file: enough for any budget in cents and any rate.
MAX_INTEGER_DIGITS, MAX_DECIMALS = 15, 6
#: Characters refused in texts: control characters (but tab and line breaks) and lone surrogates.
_BAD_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


_FIELDS: dict[type, dict[str, tuple[Any, bool]]] = {}


def record_fields(cls: type) -> dict[str, tuple[Any, bool]]:
    """Field name → (type, required) of a record class."""
    if cls not in _FIELDS:
        hints = typing.get_type_hints(cls, vars(model))
        result: dict[str, tuple[Any, bool]] = {}
        for f in model.data_fields(cls):
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            result[f.name] = (hints[f.name], required)
        _FIELDS[cls] = result
    return _FIELDS[cls]


def _base(hint: Any) -> tuple[Any, bool]:
    args = typing.get_args(hint)
    if type(None) in args:
        return next(a for a in args if a is not type(None)), True
    return hint, False


def encode_value(value: Any) -> Any:
    """A field value as JSON: Decimal as string, date ISO, Money as object, bytes as base64."""
    if value is None or isinstance(value, (bool, int, str)) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Money):
        return {"amount": format(value.amount, "f"), "currency": value.currency.value}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot encode {type(value).__name__}")


def encode_record(record: Any, omit: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record as a JSON object (fields in declaration order, ``omit`` left out)."""
    return {name: encode_value(getattr(record, name)) for name in record_fields(type(record)) if name not in omit}


def decode_record(
    cls: type[T],
    data: Any,
    path: str,
    problems: list[Problem],
    implied: dict[str, Any] | None = None,
    children: tuple[str, ...] = (),
) -> T | None:
    """Build a record from a JSON object; problems are appended with their JSON path and None returned.

    ``implied`` holds fields given by the enclosing object (a clause's section id); ``children``
    names the keys that hold nested lists, decoded by the caller.
    """
    if not isinstance(data, dict):
        problems.append(Problem(path, "muss ein Objekt {…} sein."))
        return None
    fields = record_fields(cls)
    before = len(problems)
    values: dict[str, Any] = dict(implied or {})
    for key in data:
        if key not in fields and key not in children:
            problems.append(Problem(f"{path}.{key}", "ist kein bekanntes Feld."))
    for name, (hint, required) in fields.items():
        if name in values:
            continue
        if name not in data:
            if required:
                problems.append(Problem(f"{path}.{name}", "fehlt."))
            continue
        ok, value = _decode_value(hint, data[name])
        if ok and name == "id" and not _UUID.match(value):
            ok, value = False, f"„{value}“ ist keine gültige Kennung (UUID in Kleinbuchstaben)."
        if not ok:
            problems.append(Problem(f"{path}.{name}", value))
        else:
            values[name] = value
    if len(problems) > before:
        return None
    return cls(**values)


def _decode_value(hint: Any, raw: Any) -> tuple[bool, Any]:
    """(True, value) or (False, German message)."""
    base, optional = _base(hint)
    if raw is None:
        return (True, None) if optional else (False, "darf nicht leer (null) sein.")
    if base is str:
        if not isinstance(raw, str):
            return False, "muss ein Text sein."
        bad = _BAD_CHARACTERS.search(raw)
        if bad:
            return False, f"enthält ein unzulässiges Zeichen (U+{ord(bad.group()):04X}) an Stelle {bad.start() + 1}."
        return True, raw
    if base is bool:
        return (True, raw) if isinstance(raw, bool) else (False, "muss true oder false sein.")
    if base is int:
        if not isinstance(raw, int) or isinstance(raw, bool):
            return False, "muss eine ganze Zahl sein."
        if not -(2**63) <= raw < 2**63:
            return False, "ist als ganze Zahl zu groß."
        return True, raw
    if base is Decimal:
        return _decode_decimal(raw)
    if base is date:
        message = f"„{raw}“ ist kein gültiges Datum (JJJJ-MM-TT)."
        if not isinstance(raw, str) or len(raw) != 10:
            return False, message
        try:
            return True, date.fromisoformat(raw)
        except ValueError:
            return False, message
    if base is bytes:
        try:
            return True, base64.b64decode(raw, validate=True)
        except (binascii.Error, TypeError, ValueError):
            return False, "muss Base64-kodierter Inhalt sein."
    if base is Money:
        return _decode_money(raw)
    if isinstance(base, type) and issubclass(base, Enum):
        allowed = [m.value for m in base]
        if raw in allowed:
            return True, base(raw)
        return False, f"„{raw}“ ist nicht erlaubt (erlaubt: {', '.join(allowed)})."
    raise TypeError(f"no decoder for {hint}")


def _decode_decimal(raw: Any) -> tuple[bool, Any]:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        return False, 'muss eine Zahl sein (z. B. "20.6").'
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        return False, f'„{raw}“ ist keine Zahl (Dezimalpunkt, z. B. "20.6").'
    if not value.is_finite():
        return False, "muss eine endliche Zahl sein."
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        return False, f"ist zu groß (höchstens {MAX_INTEGER_DIGITS} Stellen vor dem Komma)."
    places = Decimal(10) ** -MAX_DECIMALS
    if value != value.quantize(places):
        return False, f"ist zu genau (höchstens {MAX_DECIMALS} Stellen nach dem Komma)."
    return True, value


def _decode_money(raw: Any) -> tuple[bool, Any]:
    if not isinstance(raw, dict) or set(raw) != {"amount", "currency"}:
        return False, 'muss ein Objekt {"amount": "…", "currency": "EUR" | "DM"} sein.'
    ok, amount = _decode_decimal(raw["amount"])
    if not ok:
        return False, f"amount {amount}"
    if raw["currency"] not in ("EUR", "DM"):
        return False, f"„{raw['currency']}“ ist keine erlaubte Währung (EUR, DM)."
    if amount.as_tuple().exponent < -2:
        return False, "amount darf höchstens zwei Nachkommastellen haben."
    return True, Money(amount, Currency(raw["currency"]))
