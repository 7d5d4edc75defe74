"""`zv check`: a read-only health check of a data file (integrity, references, domain rules)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.errors import CorruptRecordError, DataFileError, Problem
from zv_desktop.core.rules import validation
from zv_desktop.core.store import Store, inspect_file
from zv_desktop.core.store.inspection import connect_read_only, newest_backup, sqlite_error_message
from zv_desktop.core.store.mapping import from_row, table_of
from zv_desktop.core.store.schema_guard import check_schema
from zv_desktop.core.store.time_limit import install_time_limit

#: Seconds the full integrity check may take (it runs no SQL of the file, only reads its pages).
INTEGRITY_CHECK_TIME_LIMIT = 600.0

_RULES: tuple[tuple[type, Any], ...] = (
    (model.Party, validation.check_party),
    (model.Signatory, validation.check_signatory),
    (model.Area, validation.check_area),
    (model.Measure, validation.check_measure),
    (model.Agreement, validation.check_agreement),
    (model.Paper, validation.check_paper),
    (model.Consultation, validation.check_consultation),
    (model.Attachment, validation.check_attachment),
)


@dataclass
class CheckReport:
    """Result of a check: facts about the file and the problems found."""

    path: Path
    schema_version: int
    latest_version: int
    office: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Objects the migrations did not create, or ours changed (German); the file is then not trustworthy.
    schema: str = ""


def check_file(path: Path | str) -> CheckReport:
    """Check a data file without changing it; DataFileError if it is not a usable ZV file."""
    info = inspect_file(path)
    report = CheckReport(info.path, info.schema_version, info.latest_version)
    if info.schema_version == 0:
        raise DataFileError(f"Die Datei „{info.path}“ enthält noch keine ZV-Daten.")
    try:
        conn = connect_read_only(info.path)
        try:
            _check(conn, report)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DataFileError(sqlite_error_message(info.path, exc)) from exc
    return report


def _check(conn: sqlite3.Connection, report: CheckReport) -> None:
    install_time_limit(conn, INTEGRITY_CHECK_TIME_LIMIT)  # reads every page: a large file may take a while
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    install_time_limit(conn)
    if integrity != ["ok"]:
        report.problems += [Problem("Datei", f"Integritätsprüfung: {line}") for line in integrity]
        backup = newest_backup(report.path)
        if backup is not None:
            report.notes.append(f"Die Datei ist beschädigt; die neueste Sicherung daneben ist „{backup.name}“.")
        return
    schema = check_schema(conn, report.schema_version)
    if not schema.ok:  # its own views and triggers are not to be run, not even to read
        report.schema = schema.describe()
        report.problems.append(Problem("Datei", f"nicht von ZV Desktop angelegt – {report.schema}"))
        return
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        report.problems.append(
            Problem(f"{table} (Zeile {rowid})", f"verweist auf einen fehlenden Eintrag in {parent}.")
        )
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    report.office = meta.get("site_name", "")
    if report.schema_version < report.latest_version:
        report.notes.append(
            f"Die Datei hat Datenstand {report.schema_version}; beim nächsten Öffnen zum Bearbeiten wird sie "
            f"nach einer Sicherung auf Datenstand {report.latest_version} gebracht. Fachliche Regeln werden "
            "erst danach geprüft."
        )
        return
    store = Store(conn, report.path, meta.get("site_id", ""), report.office, "check")
    years: dict[str, int] = {}
    for cls, rule in _RULES:
        records = _readable(store, cls, report)
        report.counts[cls.__name__] = len(records)
        for record in records:
            if isinstance(record, model.Agreement):
                years[record.id] = record.year
            label = getattr(record, "title", None) or getattr(record, "name", None) or record.id
            report.problems += [Problem(f"{cls.__name__} „{label}“: {p.where}", p.message) for p in rule(record)]
    goals = _readable(store, model.Goal, report)
    report.counts["Goal"] = len(goals)
    for goal in goals:
        for p in validation.check_goal(goal, years.get(goal.agreement_id, validation.LAST_YEAR)):
            report.problems.append(Problem(f"Ziel „{goal.title}“: {p.where}", p.message))
    values = _readable(store, model.KpiValue, report)
    report.counts["KpiValue"] = len(values)
    for value in values:
        for p in validation.check_kpi_value(value):
            report.problems.append(Problem(f"Wert {value.id}: {p.where}", p.message))


def _readable(store: Store, cls: type, report: CheckReport) -> list[Any]:
    """The live records of a type that can be read; unreadable rows become problems."""
    records: list[Any] = []
    for row in store.query(f"SELECT * FROM {table_of(cls)} WHERE deleted = 0 ORDER BY rowid"):
        try:
            records.append(from_row(cls, row))
        except CorruptRecordError as exc:
            report.problems.append(Problem("Datei", str(exc)))
    return records
