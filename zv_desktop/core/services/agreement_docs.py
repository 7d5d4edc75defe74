"""Reading agreements: the whole document of one (``load_agreement``) and the list of them (``list_agreements``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zv_desktop.core import model
from zv_desktop.core.store import Store


@dataclass
class AgreementDoc:
    """An agreement with everything that belongs to it, in document order."""

    agreement: model.Agreement
    parties: list[model.AgreementParty] = field(default_factory=list)
    sections: list[model.Section] = field(default_factory=list)
    clauses: list[model.Clause] = field(default_factory=list)
    goals: list[model.Goal] = field(default_factory=list)
    amendments: list[model.Amendment] = field(default_factory=list)

    def clauses_of(self, section_id: str) -> list[model.Clause]:
        """The clauses of one section in order."""
        return [c for c in self.clauses if c.section_id == section_id]

    def goals_of(self, section_id: str | None = None, clause_id: str | None = None) -> list[model.Goal]:
        """Goals placed in a section (not in one of its clauses) or in a clause."""
        if clause_id is not None:
            return [g for g in self.goals if g.clause_id == clause_id]
        return [g for g in self.goals if g.section_id == section_id and g.clause_id is None]


@dataclass(frozen=True)
class AgreementSummary:
    """One line of the agreement list."""

    id: str
    year: int
    title: str
    status: model.AgreementStatus
    parties: str
    goal_count: int


def list_agreements(store: Store, year: int | None = None, party_id: str | None = None) -> list[AgreementSummary]:
    """Agreements (optionally of one year or party), newest first, with their party names."""
    sql = """
        SELECT a.id, a.year, a.title, a.status,
               (SELECT group_concat(name, ' – ') FROM (
                    SELECT CASE WHEN length(p.name) > 40 AND p.short_name != '' THEN p.short_name ELSE p.name END AS name
                    FROM agreement_parties ap
                    JOIN parties p ON p.id = ap.party_id
                    WHERE ap.agreement_id = a.id AND ap.deleted = 0 ORDER BY ap.position)) AS parties,
               (SELECT count(*) FROM goals g WHERE g.agreement_id = a.id AND g.deleted = 0) AS goal_count
        FROM agreements a
        WHERE a.deleted = 0
          AND (:year IS NULL OR a.year = :year)
          AND (:party IS NULL OR EXISTS (SELECT 1 FROM agreement_parties ap
               WHERE ap.agreement_id = a.id AND ap.party_id = :party AND ap.deleted = 0))
        ORDER BY a.year DESC, a.title
    """
    rows = store.query(sql, {"year": year, "party": party_id})
    return [
        AgreementSummary(
            r["id"], r["year"], r["title"], model.AgreementStatus(r["status"]), r["parties"] or "", r["goal_count"]
        )
        for r in rows
    ]


def load_agreement(store: Store, agreement_id: str) -> AgreementDoc:
    """The whole agreement document."""
    agreement = store.get(model.Agreement, agreement_id)
    key = (agreement_id,)
    sections = store.find(model.Section, "agreement_id = ?", key, "position, rowid")
    order = {s.id: index for index, s in enumerate(sections)}
    clauses: list[model.Clause] = []
    if sections:
        marks = ",".join("?" * len(sections))
        found = store.find(model.Clause, f"section_id IN ({marks})", tuple(order), "position, rowid")
        clauses = sorted(found, key=lambda c: order[c.section_id])  # stable: position order kept per section
    return AgreementDoc(
        agreement=agreement,
        parties=store.find(model.AgreementParty, "agreement_id = ?", key, "position, rowid"),
        sections=sections,
        clauses=clauses,
        goals=store.find(model.Goal, "agreement_id = ?", key, "position, rowid"),
        amendments=store.find(model.Amendment, "agreement_id = ?", key, "number"),
    )
