"""The navigation tree of the client: Träger → Jahr → Zielvereinbarung (→ Abschnitte → Ziele on demand), Vorlagen."""

from __future__ import annotations

from dataclasses import dataclass, field

from zv_desktop.core import model
from zv_desktop.core.store import Store

#: Where agreements without any party yet appear (a new draft, before its parties are entered).
NO_PARTY = "(noch ohne Vertragspartner)"


@dataclass
class NavNode:
    """One entry of the tree: what it is (kind), which record (id), its German text, its children."""

    kind: str  # party, year, agreement, section, goal, papers, paper
    record_id: str
    text: str
    children: list[NavNode] = field(default_factory=list)
    signed: bool = False


@dataclass(frozen=True)
class NavFilter:
    """Restrictions the user set above the tree (None = all)."""

    year: int | None = None
    party_id: str | None = None
    status: model.AgreementStatus | None = None


def build_tree(store: Store, flt: NavFilter | None = None) -> list[NavNode]:
    """The tree down to the agreements for the current filter; an agreement appears under each of its parties.

    What lies inside an agreement comes from ``agreement_children`` when the user opens it, so a file
    with thousands of agreements opens quickly.
    """
    flt = flt or NavFilter()
    rows = store.query(
        """
        SELECT coalesce(p.id, '') AS party_id, coalesce(p.name, :none) AS party, a.id, a.year, a.title, a.status
        FROM agreements a
        LEFT JOIN agreement_parties ap ON ap.agreement_id = a.id AND ap.deleted = 0
        LEFT JOIN parties p ON p.id = ap.party_id
        WHERE a.deleted = 0
          AND (:year IS NULL OR a.year = :year)
          AND (:party IS NULL OR p.id = :party)
          AND (:status IS NULL OR a.status = :status)
        ORDER BY p.name IS NULL, p.name, a.year DESC, a.title
        """,
        {
            "year": flt.year,
            "party": flt.party_id,
            "status": flt.status.value if flt.status else None,
            "none": NO_PARTY,
        },
    )
    parties: dict[str, NavNode] = {}
    years: dict[tuple[str, int], NavNode] = {}
    for row in rows:
        party = parties.setdefault(row["party_id"], NavNode("party", row["party_id"], row["party"]))
        year_key = (row["party_id"], row["year"])
        if year_key not in years:
            years[year_key] = NavNode("year", f"{row['party_id']}/{row['year']}", str(row["year"]))
            party.children.append(years[year_key])
        status = model.AgreementStatus(row["status"])
        years[year_key].children.append(NavNode("agreement", row["id"], row["title"], signed=status.is_signed))
    tree = list(parties.values())
    papers = store.query(
        "SELECT id, number, title FROM papers WHERE deleted = 0 AND (:year IS NULL OR substr(paper_date, 1, 4) = "
        "printf('%04d', :year)) ORDER BY paper_date DESC, number",
        {"year": flt.year},
    )
    tree.append(
        NavNode("papers", "", "Vorlagen", [NavNode("paper", p["id"], f"{p['number']} – {p['title']}") for p in papers])
    )
    return tree


def agreement_children(store: Store, agreement_id: str) -> list[NavNode]:
    """Sections with their goals (and goals outside sections) of one agreement, loaded when it is opened."""
    signed = store.get(model.Agreement, agreement_id).status.is_signed
    sections = store.query(
        "SELECT id, number, title FROM sections WHERE agreement_id = ? AND deleted = 0 ORDER BY position, rowid",
        (agreement_id,),
    )
    goals = store.query(
        "SELECT id, section_id, title FROM goals WHERE agreement_id = ? AND deleted = 0 ORDER BY position, rowid",
        (agreement_id,),
    )
    nodes: list[NavNode] = []
    for section in sections:
        node = NavNode("section", section["id"], f"{section['number']} {section['title']}".strip(), signed=signed)
        node.children = [
            NavNode("goal", g["id"], g["title"], signed=signed) for g in goals if g["section_id"] == section["id"]
        ]
        nodes.append(node)
    nodes += [NavNode("goal", g["id"], g["title"], signed=signed) for g in goals if g["section_id"] is None]
    return nodes


def years_in_file(store: Store) -> list[int]:
    """The years of all agreements, newest first (for the year filter)."""
    return [r["year"] for r in store.query("SELECT DISTINCT year FROM agreements WHERE deleted = 0 ORDER BY year DESC")]
