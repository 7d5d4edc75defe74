"""KPI values: validated saves keyed by measure, area, period and kind; series across years."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.rules import validation
from zv_desktop.core.store import Store
from zv_desktop.core.store.mapping import from_row

#: The stored value of a key: the live one (unique key index), else the latest deletion (index of deleted values),
#: so entering a deleted value again revives its record instead of making a second one for the same key.
_LIVE_SQL = (
    "SELECT id, row_version FROM kpi_values WHERE deleted = 0 AND area_id = ? AND measure_id = ? AND year = ? "
    "AND period_type = ? AND period_no = ? AND value_kind = ?"
)
_DELETED_SQL = (
    "SELECT id, row_version FROM kpi_values WHERE deleted = 1 AND area_id = ? AND measure_id = ? AND year = ? "
    "AND period_type = ? AND period_no = ? AND value_kind = ? ORDER BY local_seq DESC LIMIT 1"
)


def adopt_stored_id(store: Store, value: model.KpiValue) -> None:
    """Give ``value`` the id and version of the value stored for the same key (live, else deleted), so saving it
    updates (or restores) that record.

    Called inside the saving transaction (which holds the write lock), so the version read is the one written over.
    """
    key = (value.area_id, value.measure_id, value.year, value.period_type.value, value.period_no)
    params = (*key, value.value_kind.value)
    row = store.conn.execute(_LIVE_SQL, params).fetchone() or store.conn.execute(_DELETED_SQL, params).fetchone()
    if row is not None and row[0] != value.id:
        value.id, value.row_version = row


def period_label(value: model.KpiValue) -> str:
    """The period in German notation: 03/2014, Q1/2014 or 2014."""
    if value.period_type is model.PeriodType.MONTH:
        return f"{value.period_no:02d}/{value.year}"
    if value.period_type is model.PeriodType.QUARTER:
        return f"Q{value.period_no}/{value.year}"
    return str(value.year)


def save_values(store: Store, values: Iterable[model.KpiValue]) -> int:
    """Save values in one transaction; an existing value for the same key is updated, not duplicated.

    Returns how many values were written. Nothing is written if any value breaks a rule.
    """
    values = list(values)
    problems: list[Problem] = []
    known_measures = {row["id"] for row in store.query("SELECT id FROM measures WHERE deleted = 0")}
    known_areas = {row["id"] for row in store.query("SELECT id FROM areas WHERE deleted = 0")}
    for index, value in enumerate(values):
        where = f"Wert {index + 1} ({period_label(value)})"
        problems += [Problem(where, p.message) for p in validation.check_kpi_value(value)]
        if value.measure_id not in known_measures:
            problems.append(Problem(where, f"Die Messgröße {value.measure_id} gibt es nicht."))
        if value.area_id not in known_areas:
            problems.append(Problem(where, f"Das Gebiet {value.area_id} gibt es nicht."))
    if problems:
        raise ValidationError(problems)
    with store.transaction():
        for value in values:
            adopt_stored_id(store, value)
            store.save(value)
    return len(values)


class SeriesPoint(NamedTuple):
    """One value of a series (a plain tuple: series run to tens of thousands of rows)."""

    measure_id: str
    year: int
    period_type: str
    period_no: int
    value_kind: str
    value: str


def series_for_area(
    store: Store,
    area_id: str,
    year_from: int | None = None,
    year_to: int | None = None,
    measure_ids: list[str] | None = None,
) -> list[SeriesPoint]:
    """All values of one area (optionally some measures and years), ordered by measure and period."""
    sql = (
        "SELECT measure_id, year, period_type, period_no, value_kind, value FROM kpi_values "
        "WHERE area_id = ? AND deleted = 0 AND value IS NOT NULL"
    )
    params: list[object] = [area_id]
    if year_from is not None or year_to is not None:
        # "+year": filter rows but keep the planner on the (area_id, measure_id, …) index order
        sql += " AND +year BETWEEN ? AND ?"
        params += [year_from or validation.FIRST_YEAR, year_to or validation.LAST_YEAR]
    if measure_ids:
        sql += f" AND measure_id IN ({','.join('?' * len(measure_ids))})"
        params += measure_ids
    sql += " ORDER BY measure_id, year, period_type, period_no, value_kind"
    return list(map(SeriesPoint._make, store.conn.execute(sql, params)))


def list_values(store: Store, area_id: str | None = None, year: int | None = None) -> list[model.KpiValue]:
    """Values as records, optionally of one area and/or year."""
    rows = store.query(
        "SELECT * FROM kpi_values WHERE deleted = 0 AND (:area IS NULL OR area_id = :area) "
        "AND (:year IS NULL OR year = :year) ORDER BY area_id, measure_id, year, period_type, period_no",
        {"area": area_id, "year": year},
    )
    return [from_row(model.KpiValue, r) for r in rows]
