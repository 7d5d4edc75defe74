"""German descriptions of a merge preview: per record what it is, what changes (old → new) and where it came from."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zv_desktop.core.exchange.office.merge import Preview, attached
from zv_desktop.core.exchange.office.merge_plan import RowChange, Verdict
from zv_desktop.core.field_labels import LABELS
from zv_desktop.core.formats import format_number
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import KIND_NAMES, local_time_text, record_label
from zv_desktop.core.store.mapping import decimal_columns

_HIDDEN = {"id", "content", "deleted", "sha256", "logo"}
_EXTRA_LABELS = {
    "comment": "Kommentar",
    "description": "Beschreibung",
    "text": "Text",
    "status": "Status",
    "value": "Wert",
    "source": "Quelle",
    "preamble": "Präambel",
    "number": "Nummer",
    "position": "Reihenfolge",
    "role": "Rolle",
    "short_name": "Kurzname",
    "definition": "Definition",
}


@dataclass(frozen=True)
class FieldChange:
    """One field of a record on both sides."""

    name: str  # column
    label: str  # German
    mine: str
    theirs: str


@dataclass(frozen=True)
class ChangeText:
    """A record of the preview in words."""

    kind: str  # "Ziel", "Kennzahlwert" …
    label: str  # "„Integrationsquote“"
    verdict: str  # "neu", "geändert", "gelöscht", "Konflikt"
    reason: str  # conflict reason ('' otherwise)
    fields: list[FieldChange]
    origin: str  # "anna, Jobcenter Unna, am 05.12.2026 um 14:10 Uhr"
    mine_origin: str  # the same for this file's version ('' if it has none)

    def as_json(self) -> dict[str, Any]:
        """The description as JSON (``zv exchange merge --json``)."""
        return {
            "art": self.kind,
            "datensatz": self.label,
            "ergebnis": self.verdict,
            "grund": self.reason,
            "felder": [{"feld": f.label, "hier": f.mine, "dort": f.theirs} for f in self.fields],
            "herkunft": self.origin,
            "hier_zuletzt": self.mine_origin,
        }


def field_label(name: str) -> str:
    """The German name of a column."""
    return LABELS.get(name) or _EXTRA_LABELS.get(name) or name.replace("_", " ")


def _shown(value: Any, name: str = "", decimals: set[str] | frozenset[str] = frozenset()) -> str:
    """A stored value as the user reads it: numbers in German format, money in euros, nothing as „–“."""
    if value is None or value == "":
        return "–"
    try:
        if name.endswith("_cents") and isinstance(value, int):
            return f"{format_number(Decimal(value) / 100, 2)} €"
        if name in decimals or isinstance(value, float):
            number = Decimal(str(value))
            exponent = number.as_tuple().exponent
            return format_number(number, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    except ArithmeticError:
        pass  # not a number after all (a foreign file): shown as it is
    return str(value)


def _office(conn: sqlite3.Connection, site_id: str, schemas: tuple[str, ...]) -> str:
    for schema in schemas:
        try:
            row = conn.execute(f"SELECT name FROM {schema}.sites WHERE id = ?", (site_id,)).fetchone()
        except sqlite3.OperationalError:
            continue  # no received file attached
        if row:
            return str(row[0])
    return ""


def origin_text(conn: sqlite3.Connection, row: dict[str, Any] | None, theirs: bool = False) -> str:
    """Who changed this version of a record, where and when (from the row's own columns).

    The office is named as the file the version comes from names it (a copied file keeps the site of its
    original, under the name its office gave it).
    """
    if row is None:
        return ""
    office = _office(conn, str(row.get("site_id", "")), ("x", "main") if theirs else ("main", "x"))
    who = str(row.get("modified_by") or "unbekannt")
    at = local_time_text(str(row.get("modified_at") or ""))
    return f"{who}{', ' + office if office else ''}, am {at}"


def describe(conn: sqlite3.Connection, change: RowChange) -> ChangeText:
    """The record of a preview in German words."""
    mine, theirs = change.mine, change.theirs
    numbers = decimal_columns(change.table)
    fields = [
        FieldChange(
            name,
            field_label(name),
            _shown(mine.get(name), name, numbers) if mine else "",
            _shown(theirs.get(name), name, numbers),
        )
        for name in change.fields
        if name not in _HIDDEN
    ]
    if change.table == "attachments" and "content" in change.fields:
        fields.append(FieldChange("content", "Inhalt der Anlage", "(bisherige Fassung)", "(andere Fassung)"))
    if mine is not None and mine["deleted"] != theirs["deleted"]:
        fields.append(
            FieldChange(
                "deleted", "gelöscht", "ja" if mine["deleted"] else "nein", "ja" if theirs["deleted"] else "nein"
            )
        )
    label = record_label(conn, change.table, mine or theirs)
    return ChangeText(
        KIND_NAMES.get(change.table, change.table),
        label,
        change.verdict.value,
        change.conflict.value if change.verdict is Verdict.CONFLICT and change.conflict else "",
        fields,
        origin_text(conn, theirs, theirs=True),
        origin_text(conn, mine),
    )


def describe_preview(store: Store, preview: Preview, limit: int | None = None) -> list[tuple[RowChange, ChangeText]]:
    """The preview's records in words (joined ones left out): every conflict, and at most ``limit`` others per kind."""
    shown: dict[str, int] = {}
    picked = []
    for change in preview.plan.changes:
        if change.verdict is Verdict.JOINED:
            continue
        if change.verdict is not Verdict.CONFLICT:
            shown[change.kind] = shown.get(change.kind, 0) + 1
            if limit is not None and shown[change.kind] > limit:
                continue
        picked.append(change)
    with attached(store, preview.received) as conn:
        return [(change, describe(conn, change)) for change in picked]
