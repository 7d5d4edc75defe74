"""Which agreements to compare: Träger with agreements, chains of previous years, a sensible first choice."""

from __future__ import annotations

from dataclasses import dataclass

from zv_desktop.core import model
from zv_desktop.core.services.agreements import list_agreements
from zv_desktop.core.store import Store


def _marks(values: list[str]) -> str:
    return ",".join("?" * len(values))


def previous_chain(store: Store, agreement_id: str, limit: int = 50) -> list[str]:
    """The agreement and its previous years (following ``previous_id``), oldest first; one query."""
    rows = store.query(
        """
        WITH RECURSIVE chain(id, previous_id, depth) AS (
            SELECT id, previous_id, 0 FROM agreements WHERE id = ? AND deleted = 0
            UNION ALL
            SELECT a.id, a.previous_id, chain.depth + 1 FROM agreements a
            JOIN chain ON a.id = chain.previous_id WHERE a.deleted = 0 AND chain.depth < ?
        )
        SELECT id FROM chain ORDER BY depth DESC
        """,
        (agreement_id, limit - 1),
    )
    return [str(r["id"]) for r in rows]


@dataclass(frozen=True)
class PartyChoice:
    """A Träger that takes part in agreements, with how many."""

    id: str
    name: str
    agreements: int


def parties_with_agreements(store: Store) -> list[PartyChoice]:
    """Träger with at least one agreement, by name."""
    rows = store.query(
        """
        SELECT p.id, p.name, count(DISTINCT a.id) AS n FROM parties p
        JOIN agreement_parties ap ON ap.party_id = p.id AND ap.deleted = 0
        JOIN agreements a ON a.id = ap.agreement_id AND a.deleted = 0
        WHERE p.deleted = 0 GROUP BY p.id ORDER BY p.name
        """
    )
    return [PartyChoice(str(r["id"]), str(r["name"]), int(r["n"])) for r in rows]


def main_party(store: Store, agreement_ids: list[str]) -> str | None:
    """The Träger taking part in most of these agreements (ties: the one with most agreements overall)."""
    if not agreement_ids:
        return None
    rows = store.query(
        f"""
        SELECT ap.party_id, count(DISTINCT ap.agreement_id) AS here,
               (SELECT count(*) FROM agreement_parties x WHERE x.party_id = ap.party_id AND x.deleted = 0) AS overall
        FROM agreement_parties ap WHERE ap.deleted = 0 AND ap.agreement_id IN ({_marks(agreement_ids)})
        GROUP BY ap.party_id ORDER BY here DESC, overall DESC LIMIT 1
        """,
        tuple(agreement_ids),
    )
    return str(rows[0]["party_id"]) if rows else None


def suggested_selection(store: Store, agreement_id: str) -> list[str]:
    """An agreement with its previous years, oldest first; without a previous year, also the latest
    earlier agreement of its main Träger (so that there is something to compare)."""
    chain = previous_chain(store, agreement_id)
    if len(chain) != 1:
        return chain
    year = store.get(model.Agreement, agreement_id).year
    party = main_party(store, [agreement_id])
    earlier = [s for s in list_agreements(store, party_id=party) if s.year < year] if party else []
    return ([max(earlier, key=lambda s: s.year).id] if earlier else []) + chain
