"""Saying who changed a record since it was read: the German message of a refused (conflicting) write."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from zv_desktop.core.errors import ConflictError
from zv_desktop.core.field_labels import LABELS
from zv_desktop.core.model import data_fields

#: German names of the records, by table (for "Ziel „…“ wurde … geändert").
KIND_NAMES = {
    "parties": "Träger",
    "signatories": "Unterzeichner/in",
    "areas": "Gebiet",
    "measures": "Messgröße",
    "agreements": "Zielvereinbarung",
    "agreement_parties": "Vertragspartner",
    "amendments": "Änderung",
    "sections": "Abschnitt",
    "clauses": "Ziffer",
    "goals": "Ziel",
    "kpi_values": "Kennzahlwert",
    "papers": "Vorlage",
    "consultations": "Beratung",
    "attachments": "Anlage",
    "goal_matches": "Zuordnung",
}

#: Columns that name a record, tried in this order.
_NAME_COLUMNS = ("title", "name", "number", "committee", "file_name", "code")
#: Columns every change touches; never listed as "what was changed".
_BOOKKEEPING = {"modified_at", "site_id", "modified_by", "row_version", "created_at", "id"}


def local_time_text(iso: str) -> str:
    """A stored UTC time as German local date and time: "05.12.2026 um 13:10 Uhr"."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return moment.strftime("%d.%m.%Y um %H:%M Uhr")


def record_label(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> str:
    """How a user recognises the record: its title or name, a value by measure, area and month."""
    if table == "kpi_values":
        found = conn.execute(
            "SELECT (SELECT code FROM measures WHERE id = ?), (SELECT name FROM areas WHERE id = ?)",
            (row.get("measure_id"), row.get("area_id")),
        ).fetchone()
        code, area = found if found else (None, None)
        period = (
            f"{row.get('period_no', 0):02d}/{row.get('year')}" if row.get("period_type") == "M" else row.get("year")
        )
        return f"„{code or '?'}, {area or '?'}, {period}“"
    for column in _NAME_COLUMNS:
        if row.get(column):
            return f"„{row[column]}“"
    return ""


def changed_fields(
    conn: sqlite3.Connection, table: str, row_id: str, since_version: int, now_version: int
) -> list[str]:
    """German names of the fields the audit log shows as changed after ``since_version`` (newest entries)."""
    count = max(now_version - since_version, 1)
    entries = conn.execute(
        "SELECT action, changes FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY seq DESC LIMIT ?",
        (table, row_id, count),
    ).fetchall()
    names: list[str] = []
    for action, changes in entries:
        if action == "delete":
            return ["gelöscht"]
        try:
            keys = list(json.loads(changes))
        except (ValueError, TypeError):
            continue
        for key in keys:
            label = LABELS["amount"] if key in ("amount_cents", "currency") else LABELS.get(key, key)
            if key not in _BOOKKEEPING and label not in names:
                names.append(label)
    return names


def conflict_error(
    conn: sqlite3.Connection,
    table: str,
    current: dict[str, Any],
    expected_version: int,
    fields: list[str] | None = None,
) -> ConflictError:
    """The error for a write that expected ``expected_version`` but found the row ``current`` (newer).

    ``fields`` (German names of what differs) is read from the audit log when not given.
    """
    office_row = conn.execute("SELECT name FROM sites WHERE id = ?", (current.get("site_id"),)).fetchone()
    office = office_row[0] if office_row else ""
    who = str(current.get("modified_by") or "unbekannt")
    when = str(current.get("modified_at") or "")
    if fields is None:
        fields = changed_fields(conn, table, str(current["id"]), expected_version, int(current["row_version"]))
    kind = KIND_NAMES.get(table, "Datensatz")
    label = record_label(conn, table, current)
    by = f"{who} ({office})" if office else who
    what = "gelöscht" if current.get("deleted") else "geändert"
    detail = f" ({', '.join(fields)})" if fields and what == "geändert" else ""
    message = (
        f"{kind} {label} wurde inzwischen von {by} am {local_time_text(when)} {what}{detail}. "
        "Ihre Änderung wurde nicht gespeichert, damit nichts überschrieben wird; die Anzeige zeigt jetzt den "
        "gespeicherten Stand."
    ).replace("  ", " ")
    return ConflictError(
        message,
        table=table,
        record_id=str(current["id"]),
        who=who,
        office=office,
        when=when,
        fields=fields,
        subject=f"{kind} {label}".strip(),
    )


def merged_notice(exc: ConflictError) -> str:
    """German note after the user's change was saved on top of another one that touched other fields."""
    by = f"{exc.who} ({exc.office})" if exc.office else exc.who
    fields = f" ({', '.join(exc.fields)})" if exc.fields else ""
    return (
        f"{exc.subject} war inzwischen von {by} am {local_time_text(exc.when)} geändert worden{fields}; "
        "Ihre Änderung wurde zusätzlich gespeichert, beides bleibt erhalten."
    )


def edited_fields(original: Any, edited: Any) -> list[str]:
    """Names of the data fields the user changed between ``original`` (as shown) and ``edited`` (as typed)."""
    return [f.name for f in data_fields(type(edited)) if getattr(original, f.name) != getattr(edited, f.name)]


def collides(original: Any, edited: Any, current: Any | None) -> bool:
    """True if the stored ``current`` record differs from what the user saw in a field the user changed too
    (or the record is gone): then only the user can decide which value is right."""
    if current is None:
        return True
    return any(getattr(current, name) != getattr(original, name) for name in edited_fields(original, edited))


def reapply_edit(original: Any, edited: Any, current: Any) -> Any:
    """The stored ``current`` record with only the user's own changes (``original`` → ``edited``) applied again.

    Fields the user did not touch keep what is stored now, so the other change is kept; the result carries the
    current version and can be saved over it.
    """
    merged = copy.deepcopy(current)
    for name in edited_fields(original, edited):
        setattr(merged, name, copy.deepcopy(getattr(edited, name)))
    return merged


def describe_edit(original: Any, edited: Any) -> list[str]:
    """The user's own changes as German lines ("Kommentar: „…“"), for the conflict dialog."""
    from zv_desktop.core.formats import format_date, format_money, format_number
    from zv_desktop.core.money import Money

    lines: list[str] = []
    for name in edited_fields(original, edited):
        value = getattr(edited, name)
        if value is None or value == "":
            shown = "(leer)"
        elif isinstance(value, Money):
            shown = format_money(value)
        elif isinstance(value, Decimal):
            shown = format_number(value)
        elif isinstance(value, date):
            shown = format_date(value)
        elif isinstance(value, Enum):
            shown = str(getattr(value, "label", value.value))
        elif isinstance(value, bool):
            shown = "ja" if value else "nein"
        else:
            text = str(value)
            shown = f"„{text if len(text) <= 80 else text[:80] + ' …'}“"
        lines.append(f"{LABELS.get(name, name)}: {shown}")
    return lines
