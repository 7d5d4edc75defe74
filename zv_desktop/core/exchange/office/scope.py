"""Which rows an exchange file takes: everything, a selection of Träger, years and agreements, and only the changes
an office has not seen yet; then every record those rows refer to, so the file is whole on its own.

The rows are chosen by SQL on the sending file (attached as ``src`` to the new exchange file's connection); the
chosen ids land in temporary tables ``temp.pick_<table>``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from zv_desktop.core.store import table_shapes
from zv_desktop.core.store.mapping import TABLES

#: Tables of records, parents before children (the order rows are copied and merged in).
RECORD_TABLES: tuple[str, ...] = (
    "parties",
    "signatories",
    "areas",
    "measures",
    "agreements",
    "agreement_parties",
    "amendments",
    "sections",
    "clauses",
    "goals",
    "goal_matches",
    "kpi_values",
    "papers",
    "consultations",
    "attachments",
)
assert set(RECORD_TABLES) == set(TABLES.values())

#: Children that go with a chosen agreement, paper or section: table → (column, parent pick table).
_CHILDREN: tuple[tuple[str, str, str], ...] = (
    ("agreement_parties", "agreement_id", "agreements"),
    ("amendments", "agreement_id", "agreements"),
    ("sections", "agreement_id", "agreements"),
    ("goals", "agreement_id", "agreements"),
    ("clauses", "section_id", "sections"),
    ("goal_matches", "later_goal_id", "goals"),
    ("papers", "agreement_id", "agreements"),
    ("consultations", "paper_id", "papers"),
    ("attachments", "paper_id", "papers"),
)


@dataclass
class Selection:
    """What the user chose to send (empty lists: no restriction of that kind)."""

    parties: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    attachments: bool = True

    @property
    def everything(self) -> bool:
        """True if nothing restricts the content (Anlagen left out restrict it too)."""
        return not (self.parties or self.years or self.agreements) and self.attachments


def _in(values: list[str] | list[int]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def pick(conn: sqlite3.Connection, selection: Selection) -> None:
    """Fill ``temp.pick_<table>`` with the ids of the chosen rows of the sending file (tombstones included)."""
    for table in RECORD_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.pick_{table}")
        conn.execute(f"CREATE TEMP TABLE pick_{table} (id TEXT PRIMARY KEY) WITHOUT ROWID")
    if selection.everything:
        for table in RECORD_TABLES:
            conn.execute(f"INSERT INTO temp.pick_{table} SELECT id FROM src.{table}")
        return
    _pick_chosen_parties(conn, selection.parties)
    where: list[str] = ["1"]
    params: list[str | int] = []
    if selection.years:
        where.append(f"a.year IN {_in(selection.years)}")
        params += selection.years
    if selection.agreements:
        where.append(f"a.id IN {_in(selection.agreements)}")
        params += selection.agreements
    if selection.parties:
        where.append(
            "EXISTS (SELECT 1 FROM src.agreement_parties ap WHERE ap.agreement_id = a.id "
            f"AND ap.party_id IN {_in(selection.parties)})"
        )
        params += selection.parties
    conn.execute(
        f"INSERT INTO temp.pick_agreements SELECT a.id FROM src.agreements a WHERE {' AND '.join(where)}", params
    )
    for table, column, parent in _CHILDREN:
        if table == "attachments" and not selection.attachments:
            continue
        conn.execute(
            f"INSERT OR IGNORE INTO temp.pick_{table} SELECT c.id FROM src.{table} c "
            f"WHERE c.{column} IN (SELECT id FROM temp.pick_{parent})"
        )
    _pick_values(conn, selection)


def _pick_chosen_parties(conn: sqlite3.Connection, parties: list[str]) -> None:
    """The chosen Träger with their signatories, areas and the cities in those areas (tombstones included).

    Other master data goes into a selection only as far as a chosen row refers to it (``close_over_references``):
    a Träger-year does not carry every Träger, area and measure of the sending office.
    """
    if not parties:
        return
    chosen = _in(parties)
    conn.execute(f"INSERT OR IGNORE INTO temp.pick_parties SELECT id FROM src.parties WHERE id IN {chosen}", parties)
    conn.execute(
        f"INSERT OR IGNORE INTO temp.pick_signatories SELECT id FROM src.signatories WHERE party_id IN {chosen}",
        parties,
    )
    conn.execute(
        "INSERT OR IGNORE INTO temp.pick_areas SELECT id FROM src.areas "
        f"WHERE party_id IN {chosen} OR parent_id IN (SELECT id FROM src.areas WHERE party_id IN {chosen})",
        parties + parties,
    )


def _pick_values(conn: sqlite3.Connection, selection: Selection) -> None:
    """The values of the chosen Träger's areas (and their cities) in the chosen years (or the agreements' years)."""
    parties = list(selection.parties)
    years = list(selection.years)
    if selection.agreements:
        chosen = _in(selection.agreements)
        if not parties:
            parties = [
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT party_id FROM src.agreement_parties WHERE agreement_id IN {chosen}",
                    selection.agreements,
                )
            ]
        if not years:
            years = [
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT year FROM src.agreements WHERE id IN {chosen}", selection.agreements
                )
            ]
    where: list[str] = ["1"]
    params: list[str | int] = []
    if parties:
        where.append(
            f"(area_id IN (SELECT id FROM src.areas WHERE party_id IN {_in(parties)}) OR area_id IN (SELECT id FROM "
            f"src.areas WHERE parent_id IN (SELECT id FROM src.areas WHERE party_id IN {_in(parties)})))"
        )
        params += parties + parties
    if years:
        where.append(f"year IN {_in(years)}")
        params += years
    conn.execute(f"INSERT INTO temp.pick_kpi_values SELECT id FROM src.kpi_values WHERE {' AND '.join(where)}", params)
    _pick_tracked_values(conn)


def _pick_tracked_values(conn: sqlite3.Connection) -> None:
    """The values the chosen goals track in their agreement's year: the goal's measure in the goal's area (and in its
    cities for a „stadtscharf“ goal), so a Jobcenter's year carries its figures although the areas are the Kreis's.

    The few (measure, area, year) keys are gathered first, then the values are found in one pass over the table.
    """
    conn.execute("DROP TABLE IF EXISTS temp.tracked")
    conn.execute(
        "CREATE TEMP TABLE tracked AS SELECT DISTINCT g.measure_id, g.area_id, a.year FROM src.goals g "
        "JOIN src.agreements a ON a.id = g.agreement_id "
        "WHERE g.id IN (SELECT id FROM temp.pick_goals) AND g.measure_id IS NOT NULL AND g.area_id IS NOT NULL"
    )
    conn.execute(
        "INSERT INTO temp.tracked SELECT DISTINCT g.measure_id, c.id, a.year FROM src.goals g "
        "JOIN src.agreements a ON a.id = g.agreement_id JOIN src.areas c ON c.parent_id = g.area_id "
        "WHERE g.id IN (SELECT id FROM temp.pick_goals) AND g.measure_id IS NOT NULL AND g.breakdown = 'stadtscharf'"
    )
    conn.execute(
        "INSERT OR IGNORE INTO temp.pick_kpi_values SELECT id FROM src.kpi_values "
        "WHERE (measure_id, area_id, year) IN (SELECT measure_id, area_id, year FROM temp.tracked)"
    )


def keep_unseen(conn: sqlite3.Connection, since_seq: int) -> None:
    """Keep only rows changed here after ``since_seq`` that the receiving office has not seen (SQL function
    ``zv_unseen(vv)`` on the connection decides the latter)."""
    for table in RECORD_TABLES:
        conn.execute(
            f"DELETE FROM temp.pick_{table} WHERE id NOT IN (SELECT id FROM src.{table} "
            "WHERE local_seq > ? AND zv_unseen(vv))",
            (since_seq,),
        )


def close_over_references(conn: sqlite3.Connection) -> None:
    """Add every record a chosen row refers to (and so on), so the exchange file has no dangling reference."""
    links = table_shapes.references(conn, RECORD_TABLES)  # child table, column, parent table
    while True:
        added = 0
        for table, column, parent in links:
            cursor = conn.execute(
                f"INSERT OR IGNORE INTO temp.pick_{parent} SELECT DISTINCT c.{column} FROM src.{table} c "
                f"WHERE c.id IN (SELECT id FROM temp.pick_{table}) AND c.{column} IS NOT NULL"
            )
            added += cursor.rowcount
        if not added:
            return
