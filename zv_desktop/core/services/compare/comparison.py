"""Comparison of agreements across years: goals matched into chains, side by side, with what changed.

``compare_agreements(store, ids)`` is the one call that reads everything (a fixed handful of
queries, whatever the number of agreements or goals) and returns a ``Comparison``: the agreements
ordered by year, and one row per chain of matched goals with a cell per agreement and, for each
adjacent pair of agreements, a step saying whether the goal is new, removed, changed or unchanged,
why the two goals were paired (see ``goal_matching``) and which fields changed (``field_changes``).
Word diffs of changed texts are only computed when asked for.

The user's corrections of the matching are ``GoalMatch`` records: ``set_match`` and ``clear_match``.
The list "Änderungen gegenüber dem Vorjahr" comes from ``change_list``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from zv_desktop.core import model
from zv_desktop.core.errors import NotFoundError, Problem, ValidationError
from zv_desktop.core.services.compare.field_changes import FieldChange, Names, goal_changes, key_figure
from zv_desktop.core.services.compare.goal_matching import GoalInfo, match_goals, stored_reason
from zv_desktop.core.store import Store


class Status(StrEnum):
    """What happened to a goal from one agreement to the next."""

    NEW = "new"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        """German word for the status."""
        return {"new": "neu", "removed": "entfällt", "changed": "geändert", "unchanged": "unverändert"}[self.value]

    @property
    def after_count(self) -> str:
        """The German word after a count: "3 neu, 4 entfallen"."""
        return "entfallen" if self is Status.REMOVED else self.label


@dataclass
class Step:
    """A goal chain between two adjacent agreements of the comparison."""

    status: Status
    earlier: model.Goal | None
    later: model.Goal | None
    reason: str = ""  # why the two goals were paired; '' if they were not
    manual: bool = False  # paired by a stored pairing (the user's, or "Folgejahr anlegen"'s)
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class Row:
    """One chain of matched goals: a cell per agreement (None where the goal is absent)."""

    cells: list[model.Goal | None]
    steps: list[Step | None] = field(default_factory=list)  # steps[i]: agreement i → i + 1

    @property
    def title(self) -> str:
        """The title of the most recent goal of the chain."""
        return next(g.title for g in reversed(self.cells) if g is not None)

    def differs(self) -> bool:
        """True if the goal is new, removed or changed anywhere in the chain."""
        return any(s is not None and s.status is not Status.UNCHANGED for s in self.steps)


@dataclass
class AgreementParts:
    """Sections and clauses of one compared agreement in document order (for places and the change list)."""

    agreement: model.Agreement
    sections: list[model.Section] = field(default_factory=list)
    clauses: list[model.Clause] = field(default_factory=list)
    goals: list[model.Goal] = field(default_factory=list)


@dataclass
class Comparison:
    """Agreements ordered by year and the goal chains across them."""

    agreements: list[model.Agreement]
    rows: list[Row]
    parts: list[AgreementParts]
    places: dict[str, str]  # goal id → "Ziffer 5 c", "Abschnitt I" …
    names: Names

    def counts(self, pair: int) -> dict[Status, int]:
        """How many goals are new, removed, changed and unchanged from agreement ``pair`` to ``pair + 1``."""
        found = dict.fromkeys(Status, 0)
        for row in self.rows:
            step = row.steps[pair]
            if step is not None:
                found[step.status] += 1
        return found

    def row_of(self, goal_id: str) -> tuple[int, int] | None:
        """(row, column) of a goal, or None if it is not part of the comparison."""
        for r, row in enumerate(self.rows):
            for c, goal in enumerate(row.cells):
                if goal is not None and goal.id == goal_id:
                    return r, c
        return None

    def key_figure(self, goal: model.Goal) -> str:
        """The goal's main figure in a few German words."""
        return key_figure(goal, self.names)


def place_label(section: model.Section | None, clause: model.Clause | None) -> str:
    """Where a goal stands: 'Ziffer 5 c', 'Abschnitt I, „Schuldnerberatung“', 'Abschnitt II'."""
    if section is None:
        return "ohne Abschnitt"
    section_text = f"Abschnitt {section.number}" if section.number else f"Abschnitt „{section.title}“"
    if clause is None:
        return section_text
    if clause.number:
        return f"Ziffer {section.number} {clause.number}" if section.number else f"Ziffer {clause.number}"
    return f"{section_text}, „{clause.title}“"


def _marks(values: list[str]) -> str:
    return ",".join("?" * len(values))


def _load_parts(store: Store, ids: list[str]) -> list[AgreementParts]:
    """The agreements with sections, clauses and goals: four queries for any number of agreements."""
    marks = _marks(ids)
    agreements = {a.id: a for a in store.find(model.Agreement, f"id IN ({marks})", tuple(ids))}
    missing = [i for i in ids if i not in agreements]
    if missing:
        raise NotFoundError(f"Keine Zielvereinbarung mit der Kennung {missing[0]}.")
    parts = {i: AgreementParts(agreements[i]) for i in ids}
    sections = store.find(model.Section, f"agreement_id IN ({marks})", tuple(ids), "position, rowid")
    for section in sections:
        parts[section.agreement_id].sections.append(section)
    section_of = {s.id: s for s in sections}
    clause_sql = f"section_id IN (SELECT id FROM sections WHERE deleted = 0 AND agreement_id IN ({marks}))"
    for clause in store.find(model.Clause, clause_sql, tuple(ids), "position, rowid"):
        if clause.section_id in section_of:
            parts[section_of[clause.section_id].agreement_id].clauses.append(clause)
    for goal in store.find(model.Goal, f"agreement_id IN ({marks})", tuple(ids), "position, rowid"):
        parts[goal.agreement_id].goals.append(goal)
    ordered = sorted(parts.values(), key=lambda p: (p.agreement.year, p.agreement.title, p.agreement.id))
    for part in ordered:
        rank = {s.id: n for n, s in enumerate(part.sections)}
        part.clauses.sort(key=lambda c: rank[c.section_id])  # stable: clause positions kept per section
    return ordered


def _goal_infos(part: AgreementParts, places: dict[str, str]) -> list[GoalInfo]:
    """The goals of an agreement in document order (section, clause, position) with their places."""
    section_rank = {s.id: n for n, s in enumerate(part.sections)}
    clause_rank = {c.id: n for n, c in enumerate(part.clauses)}
    sections = {s.id: s for s in part.sections}
    clauses = {c.id: c for c in part.clauses}

    def order(goal: model.Goal) -> tuple[int, int, int]:
        return (
            section_rank.get(goal.section_id or "", len(section_rank)),
            clause_rank.get(goal.clause_id or "", -1),
            goal.position,
        )

    infos = []
    for index, goal in enumerate(sorted(part.goals, key=order)):
        section, clause = sections.get(goal.section_id or ""), clauses.get(goal.clause_id or "")
        place = place_label(section, clause)
        places[goal.id] = place
        context = f"{section.title if section else ''}\n{clause.title if clause else ''}"
        infos.append(GoalInfo(goal, place, clause is not None and bool(clause.number), context, index))
    part.goals = [info.goal for info in infos]
    return infos


def _load_names(store: Store) -> Names:
    return Names(
        measures={m.id: m for m in store.find(model.Measure)},
        areas={a.id: a for a in store.find(model.Area)},
        parties={p.id: p for p in store.find(model.Party)},
    )


def _load_corrections(store: Store, ids: list[str]) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """Stored pairings among the goals of these agreements: (forced pairs with their reason, forbidden pairs)."""
    goals_sql = f"SELECT id FROM goals WHERE deleted = 0 AND agreement_id IN ({_marks(ids)})"
    where = f"later_goal_id IN ({goals_sql}) AND earlier_goal_id IN ({goals_sql})"
    forced: dict[tuple[str, str], str] = {}
    forbidden: set[tuple[str, str]] = set()
    for match in store.find(model.GoalMatch, where, tuple(ids) * 2):
        pair = (match.earlier_goal_id, match.later_goal_id)
        if match.matched:
            forced[pair] = stored_reason(match)
        else:
            forbidden.add(pair)
    return forced, forbidden


TOO_FEW = "Für einen Vergleich bitte mindestens zwei verschiedene Zielvereinbarungen wählen."


def compare_agreements(store: Store, agreement_ids: list[str]) -> Comparison:
    """Compare agreements (two or more, in any order; columns go by year): goal chains, statuses, changes.

    Reads everything in eight queries whatever the number of agreements and goals; NotFoundError for
    an unknown id, ValidationError for fewer than two different agreements.
    """
    ids = list(dict.fromkeys(agreement_ids))
    if len(ids) < 2:
        raise ValidationError([Problem("agreement_ids", TOO_FEW)])
    parts = _load_parts(store, ids)
    names = _load_names(store)
    forced, forbidden = _load_corrections(store, ids)
    places: dict[str, str] = {}
    infos = [_goal_infos(part, places) for part in parts]
    count = len(parts)
    rows: list[Row] = []
    row_of: dict[str, int] = {}
    after: dict[int, list[int]] = defaultdict(list)  # row → rows first seen right after it (newest first)
    for k, goals in enumerate(infos):
        matches = match_goals(infos[k - 1], goals, forced, forbidden) if k else {}
        years_apart = parts[k].agreement.year - parts[k - 1].agreement.year if k else 0
        anchor = -1
        for info in goals:
            match = matches.get(info.id)
            if match is not None:
                r = row_of[match.earlier.id]
                old = match.earlier.goal
                changes = goal_changes(old, info.goal, names, years_apart, (match.earlier.place, info.place))
                status = Status.CHANGED if changes else Status.UNCHANGED
                rows[r].steps[k - 1] = Step(status, old, info.goal, match.reason, match.manual, changes)
            else:
                r = len(rows)
                rows.append(Row([None] * count, [None] * (count - 1)))
                after[anchor].insert(0, r)
                if k:
                    rows[r].steps[k - 1] = Step(Status.NEW, None, info.goal)
            rows[r].cells[k] = info.goal
            row_of[info.id] = r
            anchor = r
        if k:
            for row in rows:
                previous = row.cells[k - 1]
                if previous is not None and row.cells[k] is None:
                    row.steps[k - 1] = Step(Status.REMOVED, previous, None)
    ordered = _in_document_order(after)
    return Comparison([p.agreement for p in parts], [rows[r] for r in ordered], parts, places, names)


def _in_document_order(after: dict[int, list[int]]) -> list[int]:
    """Rows in order: each row is followed by the rows first seen right after it (depth first, no recursion)."""
    order: list[int] = []
    stack = list(reversed(after.get(-1, [])))
    while stack:
        r = stack.pop()
        order.append(r)
        stack.extend(reversed(after.get(r, [])))
    return order


# --- the user's corrections -------------------------------------------------------------------


def _check_pair(store: Store, earlier_goal_id: str, later_goal_id: str) -> tuple[model.Goal, model.Goal]:
    earlier, later = store.get(model.Goal, earlier_goal_id), store.get(model.Goal, later_goal_id)
    if earlier.agreement_id == later.agreement_id:
        message = f"„{earlier.title}“ und „{later.title}“ stehen in derselben Zielvereinbarung; zuordnen lassen sich nur Ziele verschiedener Vereinbarungen."
        raise ValidationError([Problem("later_goal_id", message)])
    year_e = store.get(model.Agreement, earlier.agreement_id).year
    year_l = store.get(model.Agreement, later.agreement_id).year
    if year_e > year_l:
        message = (
            f"„{earlier.title}“ ({year_e}) ist jünger als „{later.title}“ ({year_l}); das frühere Ziel zuerst angeben."
        )
        raise ValidationError([Problem("earlier_goal_id", message)])
    return earlier, later


def _stored(store: Store, earlier_goal_id: str, later_goal_id: str) -> model.GoalMatch | None:
    found = store.find(model.GoalMatch, "earlier_goal_id = ? AND later_goal_id = ?", (earlier_goal_id, later_goal_id))
    return found[0] if found else None


def set_match(store: Store, earlier_goal_id: str, later_goal_id: str, matched: bool) -> model.GoalMatch:
    """Store a correction: the two goals are the same goal (``matched``) or must not be paired.

    Also allowed for goals of signed agreements (a correction is a note about the comparison). A
    forced pairing replaces other forced pairings of either goal with the other goal's agreement.
    """
    earlier, later = _check_pair(store, earlier_goal_id, later_goal_id)
    with store.transaction():
        if matched:
            rivals = store.find(
                model.GoalMatch,
                "matched = 1 AND ((later_goal_id = ? AND earlier_goal_id IN "
                "(SELECT id FROM goals WHERE agreement_id = ?)) OR (earlier_goal_id = ? AND later_goal_id IN "
                "(SELECT id FROM goals WHERE agreement_id = ?)))",
                (later.id, earlier.agreement_id, earlier.id, later.agreement_id),
            )
            for rival in rivals:
                if (rival.earlier_goal_id, rival.later_goal_id) != (earlier.id, later.id):
                    store.delete(model.GoalMatch, rival.id)
        record = _stored(store, earlier.id, later.id) or model.GoalMatch(earlier.id, later.id)
        record.matched = matched
        store.save(record)
    return record


def clear_match(store: Store, earlier_goal_id: str, later_goal_id: str) -> bool:
    """Remove the correction stored for two goals (the rules decide again); False if there was none."""
    record = _stored(store, earlier_goal_id, later_goal_id)
    if record is None:
        return False
    with store.transaction():
        store.delete(model.GoalMatch, record.id)
    return True
