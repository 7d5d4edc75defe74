"""Maps domain dataclasses to table rows and back (Decimal, date, Money, enums, bool)."""

from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from zv_desktop.core import model
from zv_desktop.core.errors import CorruptRecordError
from zv_desktop.core.money import Currency, Money

T = TypeVar("T")

#: Which table holds which record type.
TABLES: dict[type, str] = {
    model.Party: "parties",
    model.Signatory: "signatories",
    model.Area: "areas",
    model.Measure: "measures",
    model.Agreement: "agreements",
    model.AgreementParty: "agreement_parties",
    model.Amendment: "amendments",
    model.Section: "sections",
    model.Clause: "clauses",
    model.Goal: "goals",
    model.KpiValue: "kpi_values",
    model.Paper: "papers",
    model.Consultation: "consultations",
    model.Attachment: "attachments",
    model.GoalMatch: "goal_matches",
}

#: Columns every record table has besides the record's own fields.
SYNC_COLUMNS = ("created_at", "modified_at", "site_id", "modified_by", "row_version", "deleted")


def table_of(cls: type) -> str:
    """The table name for a record class."""
    return TABLES[cls]


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def _field_types(cls: type) -> dict[str, Any]:
    if cls not in _FIELD_TYPES:
        hints = typing.get_type_hints(cls, vars(model))
        _FIELD_TYPES[cls] = {f.name: hints[f.name] for f in model.data_fields(cls)}
    return _FIELD_TYPES[cls]


def _base_type(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if args else hint


def to_row(record: Any) -> dict[str, Any]:
    """The column values of a record, as stored in SQLite."""
    row: dict[str, Any] = {}
    for name in _field_types(type(record)):
        value = getattr(record, name)
        if isinstance(value, Money):
            row["amount_cents"] = value.cents
            row["currency"] = value.currency.value
        elif name == "amount":
            row["amount_cents"] = None
            row["currency"] = None
        else:
            row[name] = to_column(value)
    return row


def to_column(value: Any) -> Any:
    """One value as stored: Decimal and date as text, enums by value, bool as 0/1."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """Build a record of ``cls`` from a row read from SQLite; CorruptRecordError if a value is unreadable."""
    values: dict[str, Any] = {}
    for name, hint in _field_types(cls).items():
        try:
            if name == "amount":
                cents = row.get("amount_cents")
                currency = row.get("currency") or Currency.EUR.value
                values[name] = None if cents is None else Money.from_cents(cents, currency)
                continue
            values[name] = from_column(hint, row.get(name))
        except (ArithmeticError, ValueError, TypeError) as exc:
            raise CorruptRecordError(TABLES.get(cls, cls.__name__), str(row.get("id")), name, row.get(name)) from exc
    record = cls(**values)
    version = row.get(model.VERSION_FIELD)
    setattr(record, model.VERSION_FIELD, version if isinstance(version, int) else 0)
    return record


def from_column(hint: Any, raw: Any) -> Any:
    """One stored value converted to the field's Python type."""
    if raw is None:
        return None
    base = _base_type(hint)
    if base is Decimal:
        value = Decimal(str(raw))
        if not value.is_finite():
            raise ValueError(f"not a finite number: {raw!r}")
        return value
    if base is date:
        return date.fromisoformat(raw)
    if base is bool:
        return bool(raw)
    if isinstance(base, type) and issubclass(base, Enum):
        return base(raw)
    return raw


def decimal_columns(table: str) -> set[str]:
    """The columns of ``table`` that hold decimal numbers (stored as text), for showing them in German."""
    found = next((cls for cls, name in TABLES.items() if name == table), None)
    if found is None:
        return set()
    return {name for name, hint in _field_types(found).items() if _base_type(hint) is Decimal}
