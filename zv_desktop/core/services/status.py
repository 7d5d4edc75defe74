"""Where every goal of a year stands (the dashboard and `zv status`): goals, their values, their status.

Everything is read in a handful of queries (agreements, parties, goals, numbering, measures, the Ist values of
the year and the year before for just the measures and areas the goals use), then judged by
``zv_desktop.core.rules.goal_status``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.choices import Aggregation, Direction
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.rules.goal_status import GoalStatus, Inputs, Series, end_of_month, evaluate
from zv_desktop.core.store import Store

#: Catalogue measures of staffing goals (fixed ids of migration 0004).
STAFF_MEASURE_ID = "8aee6e7f-8813-5824-80f6-b19213e190aa"
TEMP_SHARE_MEASURE_ID = "25903a1a-b51d-55e7-9152-1b2df750c2e8"

#: Goal kinds whose status is measured by the values of a measure.
MEASURED_KINDS = (
    model.GoalKind.KPI_TARGET,
    model.GoalKind.MONITORING,
    model.GoalKind.RELATIVE_CHANGE,
    model.GoalKind.BUDGET,
    model.GoalKind.THRESHOLD,
)


@dataclass(frozen=True)
class MeasureInfo:
    """What the status needs of a measure."""

    code: str
    name: str
    unit: str
    direction: Direction
    aggregation: Aggregation


@dataclass(frozen=True)
class GoalRow:
    """One line of the dashboard: a goal, where it belongs, and its status."""

    goal: model.Goal
    agreement_id: str
    agreement_title: str
    year: int
    parties: str
    place: str
    measure: MeasureInfo | None
    area_name: str
    status: GoalStatus


@dataclass(frozen=True)
class YearStatus:
    """The status of every goal of a year's agreements for one reporting month."""

    year: int
    month: int
    as_of: date
    method: Method
    rows: list[GoalRow]


def _in(ids: list[str] | set[str]) -> str:
    return ",".join("?" * len(ids))


def year_status(
    store: Store,
    year: int,
    month: int | None = None,
    party_id: str | None = None,
    method: Method = Method.YEAR_TO_DATE,
    today: date | None = None,
) -> YearStatus:
    """Every goal of the live agreements of ``year`` (of one party if given) with its status.

    ``month`` defaults to the latest month of the year with an Ist value of any goal's measure (December for a
    year without values that is over, the current month otherwise). Deadlines are judged on the last day of the
    reporting month, but never later than ``today``.
    """
    today = today or date.today()
    titles = dict(agreements_of_year(store, year, party_id))
    return _status_of(store, titles, year, month, method, today)


def agreements_of_year(store: Store, year: int, party_id: str | None = None) -> list[tuple[str, str]]:
    """(id, title) of the live agreements of a year (of one party, if given), by title: ``year_status``'s order."""
    sql = "SELECT id, title FROM agreements WHERE deleted = 0 AND year = ?"
    params: tuple[str | int, ...] = (year,)
    if party_id is not None:
        sql += " AND id IN (SELECT agreement_id FROM agreement_parties WHERE deleted = 0 AND party_id = ?)"
        params += (party_id,)
    return [(str(i), str(t)) for i, t in store.conn.execute(sql + " ORDER BY title", params)]


def goal_count(store: Store, year: int) -> int:
    """How many goals the live agreements of ``year`` have (how long ``year_status`` will take)."""
    row = store.conn.execute(
        "SELECT count(*) FROM goals WHERE deleted = 0 AND agreement_id IN "
        "(SELECT id FROM agreements WHERE deleted = 0 AND year = ?)",
        (year,),
    ).fetchone()
    return int(row[0])


def goal_row(store: Store, goal_id: str, month: int | None = None, method: Method = Method.YEAR_TO_DATE) -> GoalRow:
    """The status of one goal (its agreement's year), as on the dashboard."""
    goal = store.get(model.Goal, goal_id)
    agreement = store.get(model.Agreement, goal.agreement_id)
    status = _status_of(store, {agreement.id: agreement.title}, agreement.year, month, method, date.today(), goal_id)
    return status.rows[0]


def _status_of(
    store: Store,
    titles: dict[str, str],
    year: int,
    month: int | None,
    method: Method,
    today: date,
    only_goal: str | None = None,
) -> YearStatus:
    agreement_ids = list(titles)
    where = f"agreement_id IN ({_in(agreement_ids)})"
    goal_params: tuple[str, ...] = tuple(agreement_ids)
    if only_goal is not None:
        where, goal_params = "id = ?", (only_goal,)
    goals = store.find(model.Goal, where, goal_params, order_by="agreement_id, position") if agreement_ids else []
    parties, home_area = parties_and_home_area(store, agreement_ids)
    places = _places(store, agreement_ids)
    measures = _measures(store)
    areas = dict(store.conn.execute("SELECT id, name FROM areas WHERE deleted = 0").fetchall())

    def area_of(goal: model.Goal) -> str | None:
        return goal.area_id or home_area.get(goal.agreement_id)

    wanted: set[tuple[str, str]] = set()
    for goal in goals:
        area = area_of(goal)
        if area is None:
            continue
        if goal.kind in MEASURED_KINDS and goal.measure_id is not None:
            wanted.add((goal.measure_id, area))
        elif goal.kind is model.GoalKind.STAFFING:
            wanted |= {(STAFF_MEASURE_ID, area), (TEMP_SHARE_MEASURE_ID, area)}
    values = monthly_values(store, wanted, year)
    if month is None:
        month = _latest_month(values, year) or (12 if year < today.year else today.month)
    as_of = min(end_of_month(year, month), today)

    def series(measure_id: str | None, area: str | None) -> Series | None:
        info = measures.get(measure_id or "")
        by_year = values.get((measure_id or "", area or ""))
        if info is None or by_year is None:
            return None
        return Series(info.aggregation, info.direction, info.unit, by_year.get(year, {}), by_year.get(year - 1, {}))

    rows = []
    for goal in goals:
        area = area_of(goal)
        inputs = Inputs(year, month, as_of, method)
        if goal.kind is model.GoalKind.STAFFING:
            inputs = Inputs(year, month, as_of, method, None, series(STAFF_MEASURE_ID, area),
                            series(TEMP_SHARE_MEASURE_ID, area))  # fmt: skip
        elif goal.kind in MEASURED_KINDS:
            inputs = Inputs(year, month, as_of, method, series(goal.measure_id, area))
        rows.append(
            GoalRow(
                goal,
                goal.agreement_id,
                titles[goal.agreement_id],
                year,
                parties.get(goal.agreement_id, ""),
                places.get(goal.clause_id or goal.section_id or "", ""),
                measures.get(goal.measure_id or ""),
                areas.get(area or "", ""),
                evaluate(goal, inputs),
            )
        )
    return YearStatus(year, month, as_of, method, rows)


def party_names(store: Store, agreement_ids: list[str]) -> dict[str, list[str]]:
    """The full names of each agreement's parties, in their order (the first is the Träger the report files it
    under)."""
    names: dict[str, list[str]] = defaultdict(list)
    for agreement_id, name in store.conn.execute(
        "SELECT ap.agreement_id, p.name FROM agreement_parties ap JOIN parties p ON p.id = ap.party_id "
        f"WHERE ap.deleted = 0 AND ap.agreement_id IN ({_in(agreement_ids)}) ORDER BY ap.agreement_id, ap.position",
        agreement_ids,
    ):
        names[agreement_id].append(name)
    return dict(names)


def parties_and_home_area(store: Store, agreement_ids: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Per agreement: its parties' short names ("JC ME / Kreis ME") and the Kreis area of one of them."""
    if not agreement_ids:
        return {}, {}
    rows = store.conn.execute(
        "SELECT ap.agreement_id, p.id, CASE WHEN p.short_name <> '' THEN p.short_name ELSE p.name END "
        "FROM agreement_parties ap JOIN parties p ON p.id = ap.party_id "
        f"WHERE ap.deleted = 0 AND ap.agreement_id IN ({_in(agreement_ids)}) ORDER BY ap.agreement_id, ap.position",
        agreement_ids,
    ).fetchall()
    kreis_of_party = dict(
        store.conn.execute(
            "SELECT party_id, id FROM areas WHERE deleted = 0 AND party_id IS NOT NULL "
            "ORDER BY CASE kind WHEN 'KREIS' THEN 1 ELSE 0 END, name"  # a Kreis area wins over a city's
        ).fetchall()
    )
    names: dict[str, list[str]] = defaultdict(list)
    home: dict[str, str] = {}
    for agreement_id, party, name in rows:
        names[agreement_id].append(name)
        if agreement_id not in home and party in kreis_of_party:
            home[agreement_id] = kreis_of_party[party]
    return {k: " / ".join(v) for k, v in names.items()}, home


def _places(store: Store, agreement_ids: list[str]) -> dict[str, str]:
    """Section and clause numbers by their id ("II", "IV / 2")."""
    if not agreement_ids:
        return {}
    sections = dict(
        store.conn.execute(
            f"SELECT id, number FROM sections WHERE deleted = 0 AND agreement_id IN ({_in(agreement_ids)})",
            agreement_ids,
        ).fetchall()
    )
    places = dict(sections)
    if sections:
        ids = list(sections)
        for clause_id, section_id, number, title in store.conn.execute(
            f"SELECT id, section_id, number, title FROM clauses WHERE deleted = 0 AND section_id IN ({_in(ids)})", ids
        ):  # a clause without a number is named by its title: goals of the same name in one section stay apart
            places[clause_id] = " / ".join(p for p in (sections[section_id], number or _short(title)) if p)
    return places


def _short(title: str, limit: int = 60) -> str:
    """A clause title for a table's small print: cut at a word with "…" beyond ``limit`` characters."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0] + " …"


def _measures(store: Store) -> dict[str, MeasureInfo]:
    rows = store.conn.execute("SELECT id, code, name, unit, direction, aggregation FROM measures WHERE deleted = 0")
    return {r[0]: MeasureInfo(r[1], r[2], r[3], Direction(r[4]), Aggregation(r[5])) for r in rows}


def monthly_values(
    store: Store, wanted: set[tuple[str, str]], year: int
) -> dict[tuple[str, str], dict[int, dict[int, Decimal]]]:
    """Monthly Ist values of the wanted (measure, area) pairs in ``year`` and the year before."""
    if not wanted:
        return {}
    measure_ids = sorted({m for m, _ in wanted})
    area_ids = sorted({a for _, a in wanted})
    cursor = store.conn.execute(
        "SELECT measure_id, area_id, year, period_no, value FROM kpi_values "
        f"WHERE deleted = 0 AND value IS NOT NULL AND area_id IN ({_in(area_ids)}) AND measure_id IN ({_in(measure_ids)}) "
        "AND year IN (?, ?) AND period_type = 'M' AND value_kind = 'ist'",
        (*area_ids, *measure_ids, year - 1, year),
    )
    found: dict[tuple[str, str], dict[int, dict[int, Decimal]]] = {}
    for measure_id, area_id, value_year, month, value in cursor:
        key = (measure_id, area_id)
        if key in wanted:
            found.setdefault(key, {}).setdefault(value_year, {})[month] = Decimal(value)
    return found


def _latest_month(values: dict[tuple[str, str], dict[int, dict[int, Decimal]]], year: int) -> int | None:
    months = [max(by_year[year]) for by_year in values.values() if by_year.get(year)]
    return max(months) if months else None


def agreement_years(store: Store) -> list[int]:
    """The years that have agreements, newest first (for the year pickers)."""
    rows = store.conn.execute("SELECT DISTINCT year FROM agreements WHERE deleted = 0 ORDER BY year DESC")
    return [year for (year,) in rows]
