"""What the start page shows while no record is open: the file, the year's traffic lights, what is due, months
without Ist values, the last exchanges and the records opened lately.

Everything is read in a few queries: the lights come from ``year_status`` (the dashboard's own assessment), the
missing months from one grouped query over the Ist values of the goals' measures and areas.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sized
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.formats import MONTH_ABBREVIATIONS
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.services.status import MEASURED_KINDS, parties_and_home_area, year_status
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import local_time_text

#: How far ahead deadlines count as due.
DUE_DAYS = 30
#: At most this many entries per list (the rest is counted).
MAX_ENTRIES = 200
#: How many exchanges are listed.
LAST_EXCHANGES = 5
#: German names of the kinds of records the main window opens.
KIND_LABELS = {"agreement": "Zielvereinbarung", "goal": "Ziel", "values": "Kennzahlwerte", "paper": "Vorlage"}


@dataclass(frozen=True)
class LightCount:
    """How many goals of the year have which light, for all Träger (``party_id`` None) or one of them."""

    party_id: str | None
    name: str  # the short name
    full_name: str
    counts: dict[Light, int]

    @property
    def total(self) -> int:
        """All goals counted."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class DueGoal:
    """A milestone or reporting duty not yet done whose deadline has passed or comes within ``DUE_DAYS``."""

    goal_id: str
    title: str
    kind: model.GoalKind
    deadline: date
    agreement_title: str
    parties: str
    overdue: bool


@dataclass(frozen=True)
class MissingValues:
    """A goal measured by values whose measure has no Ist value for its area in months already over."""

    goal_id: str
    agreement_id: str
    title: str
    agreement_title: str
    parties: str
    months: tuple[int, ...]


@dataclass(frozen=True)
class Exchange:
    """One exchange file written for or received from an office."""

    when: str  # German local date and time
    sent: bool
    office: str
    file_name: str


@dataclass(frozen=True)
class RecentRecord:
    """A record opened lately that still exists, with its current German label."""

    kind: str
    record_id: str
    label: str


@dataclass(frozen=True)
class StartPage:
    """Everything the start page shows."""

    file_name: str
    path: Path
    office: str
    today: date
    year: int | None  # the year whose lights and missing months are shown; None: the file has no agreement
    lights: list[LightCount]  # all Träger first, then each Träger (if several)
    due: list[DueGoal]  # overdue first, then due soon
    overdue_count: int  # in all (``due`` lists at most ``MAX_ENTRIES`` of them)
    soon_count: int
    missing: list[MissingValues]
    missing_more: int
    measured: int  # goals of ``year`` measured by monthly Ist values (0: no month can be missing)
    exchanges: list[Exchange]
    recent: list[RecentRecord]


def start_page(store: Store, recent: list[tuple[str, str, str]] | None = None, today: date | None = None) -> StartPage:
    """What the start page shows on ``today`` (default: today); ``recent``: (kind, id, label) opened lately."""
    today = today or date.today()
    year = shown_year(store, today)
    lights: list[LightCount] = []
    due: tuple[list[DueGoal], int, int] = ([], 0, 0)
    missing: tuple[list[MissingValues], int, int] = ([], 0, 0)
    if year is not None:
        lights = light_counts(store, year, today)
        due = due_goals(store, year, today)
        missing = missing_values(store, year, today)
    return StartPage(
        store.path.name,
        store.path,
        store.site_name,
        today,
        year,
        lights,
        *due,
        *missing,
        last_exchanges(store),
        recent_records(store, recent or []),
    )


def shown_year(store: Store, today: date) -> int | None:
    """Today's year if the file has an agreement of it, else the newest year with agreements (None: none)."""
    row = store.conn.execute(
        "SELECT max(year), max(year = ?) FROM agreements WHERE deleted = 0", (today.year,)
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return today.year if row[1] else int(row[0])


def light_counts(store: Store, year: int, today: date) -> list[LightCount]:
    """The goals of ``year`` by light as the dashboard judges them (latest month with values, year to date):
    all Träger first, then each Träger of the year's agreements if there are several, worst first."""
    rows = year_status(store, year, today=today).rows
    total = Counter(row.status.light for row in rows)
    result = [LightCount(None, "Alle Träger", "Alle Träger", {light: total[light] for light in Light})]
    parties: dict[str, tuple[str, str, list[str]]] = {}
    for agreement_id, party_id, name, short in store.conn.execute(
        "SELECT ap.agreement_id, p.id, p.name, p.short_name FROM agreement_parties ap JOIN parties p ON p.id = ap.party_id "
        "WHERE ap.deleted = 0 AND ap.agreement_id IN (SELECT id FROM agreements WHERE deleted = 0 AND year = ?)",
        (year,),
    ):
        parties.setdefault(party_id, (short or name, name, []))[2].append(agreement_id)
    if len(parties) < 2:
        return result
    by_agreement: dict[str, Counter[Light]] = {}
    for row in rows:
        by_agreement.setdefault(row.agreement_id, Counter())[row.status.light] += 1
    each = []
    for party_id, (name, full_name, agreement_ids) in parties.items():
        counts: Counter[Light] = Counter()
        for agreement_id in set(agreement_ids):
            counts.update(by_agreement.get(agreement_id, Counter()))
        each.append(LightCount(party_id, name, full_name, {light: counts[light] for light in Light}))
    each.sort(key=lambda c: (-c.counts[Light.RED], -c.counts[Light.AMBER], c.name.casefold()))
    return result + each


_DUE_SQL = f"""
SELECT g.id, g.title, g.kind, g.deadline, a.id, a.title, count(*) OVER ()
FROM goals g JOIN agreements a ON a.id = g.agreement_id AND a.deleted = 0
WHERE g.deleted = 0 AND g.kind IN ('{model.GoalKind.MILESTONE.value}', '{model.GoalKind.REPORTING.value}')
  AND g.done_date IS NULL AND g.deadline IS NOT NULL AND g.deadline BETWEEN :first AND :last
  AND a.year BETWEEN :year - 1 AND :year
ORDER BY g.deadline, a.title, g.position
LIMIT :limit
"""


def due_goals(store: Store, year: int, today: date) -> tuple[list[DueGoal], int, int]:
    """Milestones and reporting duties of the agreements of ``year`` and the year before, not done, whose deadline
    is over (oldest first) or comes within ``DUE_DAYS`` days; at most ``MAX_ENTRIES`` of either; and how many are
    overdue and due soon in all."""
    found: list[DueGoal] = []
    totals = []
    for first, last in (
        (date.min, today - timedelta(days=1)),
        (today, today + timedelta(days=DUE_DAYS)),
    ):
        params = {"first": first.isoformat(), "last": last.isoformat(), "year": year, "limit": MAX_ENTRIES}
        rows = store.conn.execute(_DUE_SQL, params).fetchall()
        parties, _ = parties_and_home_area(store, sorted({r[4] for r in rows}))
        for goal_id, title, kind, deadline_text, agreement_id, agreement_title, _ in rows:
            deadline = date.fromisoformat(deadline_text)
            party_names = parties.get(agreement_id, "")
            kind_ = model.GoalKind(kind)
            found.append(DueGoal(goal_id, title, kind_, deadline, agreement_title, party_names, deadline < today))
        totals.append(rows[0][6] if rows else 0)
    return found, totals[0], totals[1]


def past_months(year: int, today: date) -> range:
    """The months of ``year`` that are over on ``today``."""
    if year < today.year:
        return range(1, 13)
    return range(1, today.month) if year == today.year else range(1, 1)


def missing_values(store: Store, year: int, today: date) -> tuple[list[MissingValues], int, int]:
    """Goals of ``year`` measured by values whose measure lacks an Ist value for the goal's area (its own, else
    its agreement's Kreis area, as on the dashboard) in a month already over; how many more than listed; and how
    many goals of the year are measured by values at all (a sign such as „…“ is no value: the month is missing)."""
    months = past_months(year, today)
    if not months:
        return [], 0, 0
    goals = store.conn.execute(
        "SELECT g.id, g.title, g.measure_id, g.area_id, a.id, a.title "
        "FROM goals g JOIN agreements a ON a.id = g.agreement_id AND a.deleted = 0 "
        f"WHERE g.deleted = 0 AND a.year = ? AND g.measure_id IS NOT NULL AND g.kind IN ({_marks(MEASURED_KINDS)}) "
        "ORDER BY a.title, a.id, g.position",
        (year, *(k.value for k in MEASURED_KINDS)),
    ).fetchall()
    parties, home = parties_and_home_area(store, sorted({g[4] for g in goals}))
    wanted = {(g[2], g[3] or home.get(g[4])) for g in goals}
    filled = _filled_months(store, {(m, a) for m, a in wanted if a is not None}, year, months.stop - 1)
    found: list[MissingValues] = []
    more = measured = 0
    for goal_id, title, measure_id, area_id, agreement_id, agreement_title in goals:
        area = area_id or home.get(agreement_id)
        if area is None:
            continue  # no area to measure in: the dashboard cannot judge it either
        measured += 1
        gaps = tuple(m for m in months if m not in filled.get((measure_id, area), set()))
        if not gaps:
            continue
        if len(found) >= MAX_ENTRIES:
            more += 1
            continue
        found.append(MissingValues(goal_id, agreement_id, title, agreement_title, parties.get(agreement_id, ""), gaps))
    return found, more, measured


def _filled_months(store: Store, wanted: set[tuple[str, str]], year: int, last: int) -> dict[tuple[str, str], set[int]]:
    """Per (measure, area): the months 1..``last`` of ``year`` with an Ist value (one grouped query)."""
    if not wanted:
        return {}
    measures, areas = sorted({m for m, _ in wanted}), sorted({a for _, a in wanted})
    rows = store.conn.execute(
        "SELECT measure_id, area_id, group_concat(period_no) FROM kpi_values "
        f"WHERE deleted = 0 AND value IS NOT NULL AND area_id IN ({_marks(areas)}) AND measure_id IN ({_marks(measures)}) "
        "AND year = ? AND period_type = 'M' AND value_kind = 'ist' AND period_no BETWEEN 1 AND ? "
        "GROUP BY measure_id, area_id",
        (*areas, *measures, year, last),
    )
    return {(m, a): {int(n) for n in str(numbers).split(",")} for m, a, numbers in rows if (m, a) in wanted}


def last_exchanges(store: Store, limit: int = LAST_EXCHANGES) -> list[Exchange]:
    """The latest exchange files written or received, newest first."""
    rows = store.conn.execute(
        "SELECT at, direction, office_name, file_name FROM exchange_log ORDER BY at DESC, id DESC LIMIT ?", (limit,)
    )
    return [Exchange(local_time_text(at), direction == "sent", office, name) for at, direction, office, name in rows]


def recent_records(store: Store, entries: list[tuple[str, str, str]]) -> list[RecentRecord]:
    """The records of ``entries`` (kind, id, label) that still exist, with their current labels."""
    found = []
    for kind, record_id, label in entries:
        current = record_label(store, kind, record_id)
        if current is not None:
            found.append(RecentRecord(kind, record_id, current or label))
    return found


def record_label(store: Store, kind: str, record_id: str) -> str | None:
    """How the start page names a record (None if it no longer exists)."""
    sql = {
        "agreement": "SELECT title FROM agreements WHERE id = ? AND deleted = 0",
        "values": "SELECT title FROM agreements WHERE id = ? AND deleted = 0",
        "goal": "SELECT g.title || ' (' || a.title || ')' FROM goals g JOIN agreements a ON a.id = g.agreement_id "
        "WHERE g.id = ? AND g.deleted = 0 AND a.deleted = 0",
        "paper": "SELECT trim(number || ' ' || title) FROM papers WHERE id = ? AND deleted = 0",
    }.get(kind)
    row = store.conn.execute(sql, (record_id,)).fetchone() if sql else None
    return None if row is None else str(row[0])


def month_list(months: tuple[int, ...]) -> str:
    """Months as short German text, runs of three or more as a range: (1, 2, 3, 5, 6) → "Jan–Mär, Mai, Jun"."""
    names = MONTH_ABBREVIATIONS
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0] - 1]}–{names[run[-1] - 1]}")
        else:
            parts.extend(names[m - 1] for m in run)
    return ", ".join(parts)


def _marks(items: Sized) -> str:
    return ",".join("?" * len(items))
