"""Full-text search (SQLite FTS5) across agreements, sections, clauses, goals and papers of all years."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zv_desktop.core.store import Store

KIND_LABELS = {
    "agreement": "Zielvereinbarung",
    "section": "Abschnitt",
    "clause": "Ziffer",
    "goal": "Ziel",
    "paper": "Vorlage",
}

#: For each kind: how to find the agreement (and its year) a hit belongs to.
_CONTEXT_SQL = {
    "agreement": "SELECT a.id, a.year, a.title FROM agreements a WHERE a.id = ?",
    "section": "SELECT a.id, a.year, a.title FROM sections s JOIN agreements a ON a.id = s.agreement_id WHERE s.id = ?",
    "clause": (
        "SELECT a.id, a.year, a.title FROM clauses c JOIN sections s ON s.id = c.section_id "
        "JOIN agreements a ON a.id = s.agreement_id WHERE c.id = ?"
    ),
    "goal": "SELECT a.id, a.year, a.title FROM goals g JOIN agreements a ON a.id = g.agreement_id WHERE g.id = ?",
    "paper": "SELECT p.agreement_id, CAST(substr(p.paper_date, 1, 4) AS INTEGER), p.number FROM papers p WHERE p.id = ?",
}


@dataclass(frozen=True)
class SearchHit:
    """One search result: what was found, where it belongs, and a snippet with the match in »…«."""

    kind: str
    record_id: str
    title: str
    snippet: str
    agreement_id: str | None
    year: int | None
    context: str

    @property
    def kind_label(self) -> str:
        """German name of the kind of record."""
        return KIND_LABELS[self.kind]


def fts_query(text: str) -> str:
    """The FTS5 query for what a user typed: every word must occur, as a word or a word's beginning."""
    words = re.findall(r"\w+", text.casefold())
    return " ".join(f'"{word}"*' for word in words)


def search(store: Store, text: str, limit: int = 200) -> list[SearchHit]:
    """Records whose title or text contain all the words typed, best matches first."""
    query = fts_query(text)
    if not query:
        return []
    rows = store.conn.execute(
        "SELECT kind, record_id, title, snippet(search_index, 3, '»', '«', '…', 12) "
        "FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index, 0, 0, 5.0, 1.0) LIMIT ?",
        (query, limit),
    ).fetchall()
    hits = []
    for kind, record_id, title, snippet in rows:
        context = store.conn.execute(_CONTEXT_SQL[kind], (record_id,)).fetchone() or (None, None, "")
        agreement_id, year, context_title = context
        hits.append(SearchHit(kind, record_id, title, snippet, agreement_id, year, context_title or ""))
    return hits
