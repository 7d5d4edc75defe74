"""Which goal of one agreement is which goal of the next one: the matching rules of the comparison.

Goals of two agreements (an earlier and a later one) are paired by these rules, in this order; each
goal is paired at most once, and a rule only looks at goals no earlier rule has paired:

1. stored pairings: a ``GoalMatch`` with ``matched`` pairs the two goals ("von Hand zugeordnet", or
   "ins Folgejahr übernommen" for the one "Folgejahr anlegen" writes for each copied goal); one with
   ``matched`` false keeps them apart in every rule below;
2. the same measure (Messgröße), the same kind of goal and the same area ("Messgröße");
3. the same measure and area, the kind of goal changed ("Messgröße, Zielart geändert");
4. the same numbered clause and the same kind of goal ("Ziffer 5 c");
5. the same kind of goal and similar titles: difflib's ratio of the titles (case and spaces
   ignored) at least ``TITLE_THRESHOLD`` ("Titel gleich", "Titel ähnlich (87 %)"); goals that
   name two different measures are never paired by their titles.

Where a rule finds several candidates, the most similar titles win, then goals in the same place
(section and clause titles), then the nearest position in the document.
"""

from __future__ import annotations

import difflib
import uuid
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from zv_desktop.core import model

#: Lowest difflib ratio (0–1) of two titles for rule 5; 0,8 pairs a title with a year or a word
#: added or changed, but not "Zielwert E12" with "Zielwert E13" when measures differ (they never pair).
TITLE_THRESHOLD = 0.8

MANUAL = "von Hand zugeordnet"
CARRIED_OVER = "ins Folgejahr übernommen"
BY_MEASURE = "Messgröße"
BY_MEASURE_KIND_CHANGED = "Messgröße, Zielart geändert"
SAME_TITLE = "Titel gleich"


#: Namespace of the ids of the pairings "Folgejahr anlegen" writes (uuid5 of the two goal ids), which
#: tells them apart from the user's own corrections without a column of their own.
_CARRIED_OVER_NAMESPACE = uuid.UUID("8f6b1f8e-3c1d-5a7e-9b0c-2d4e6f8a1c3b")


def carried_over_match(earlier_goal_id: str, later_goal_id: str) -> model.GoalMatch:
    """The stored pairing of a goal with its copy in next year's draft (made by "Folgejahr anlegen")."""
    key = uuid.uuid5(_CARRIED_OVER_NAMESPACE, f"{earlier_goal_id}/{later_goal_id}")
    return model.GoalMatch(earlier_goal_id, later_goal_id, matched=True, id=str(key))


def stored_reason(match: model.GoalMatch) -> str:
    """Why a stored pairing exists: carried over into next year's draft, or set by hand."""
    carried = carried_over_match(match.earlier_goal_id, match.later_goal_id).id
    return CARRIED_OVER if match.id == carried else MANUAL


@dataclass(frozen=True)
class GoalInfo:
    """A goal with what the rules look at: its place, its context and its position in the document."""

    goal: model.Goal
    place: str  # "Ziffer 5 c", "Abschnitt I" …
    numbered_clause: bool  # the place is a clause with a number (rule 4 applies)
    context: str  # section and clause titles, for telling equal titles apart
    index: int  # position among the goals of its agreement

    @property
    def id(self) -> str:
        """The goal's id."""
        return self.goal.id

    @property
    def title_key(self) -> str:
        """The title as compared: lower case, spaces collapsed."""
        return " ".join(self.goal.title.casefold().split())


@dataclass(frozen=True)
class Match:
    """A pairing of an earlier and a later goal, with the German reason why."""

    earlier: GoalInfo
    later: GoalInfo
    reason: str
    manual: bool = False


class _Pairing:
    """The state of matching two agreements: what is paired so far and what must stay apart."""

    def __init__(self, earlier: list[GoalInfo], later: list[GoalInfo], forbidden: set[tuple[str, str]]) -> None:
        self.earlier, self.later, self.forbidden = earlier, later, forbidden
        self.matches: dict[str, Match] = {}  # by later goal id
        self.used: set[str] = set()  # earlier goal ids already paired

    def free(self) -> tuple[list[GoalInfo], list[GoalInfo]]:
        """The goals on both sides not paired yet."""
        return [e for e in self.earlier if e.id not in self.used], [
            later for later in self.later if later.id not in self.matches
        ]

    def pair(self, earlier: GoalInfo, later: GoalInfo, reason: str, manual: bool = False) -> None:
        """Record a pairing."""
        self.matches[later.id] = Match(earlier, later, reason, manual)
        self.used.add(earlier.id)

    def allowed(self, earlier: GoalInfo, later: GoalInfo) -> bool:
        """False if the user forbade this pairing."""
        return (earlier.id, later.id) not in self.forbidden

    def by_key(self, key: Callable[[GoalInfo], Hashable | None], reason: Callable[[GoalInfo], str]) -> None:
        """Pair goals with the same non-empty key; several candidates are told apart by their titles."""
        groups_e: dict[Hashable, list[GoalInfo]] = defaultdict(list)
        free_e, free_l = self.free()
        for info in free_e:
            k = key(info)
            if k is not None:
                groups_e[k].append(info)
        groups_l: dict[Hashable, list[GoalInfo]] = defaultdict(list)
        for info in free_l:
            k = key(info)
            if k is not None and k in groups_e:
                groups_l[k].append(info)
        for k, later in groups_l.items():
            self.best_pairs(groups_e[k], later, lambda e, _l: reason(e))

    def best_pairs(
        self, earlier: list[GoalInfo], later: list[GoalInfo], reason: Callable[[GoalInfo, GoalInfo], str]
    ) -> None:
        """Pair candidates greedily: most similar titles first, then same context, then nearest position."""
        if len(earlier) == 1 and len(later) == 1:
            if self.allowed(earlier[0], later[0]):
                self.pair(earlier[0], later[0], reason(earlier[0], later[0]))
            return
        ranked = []
        for e in earlier:
            for lat in later:
                if self.allowed(e, lat):
                    ratio = _ratio(e.title_key, lat.title_key)
                    ranked.append((-ratio, e.context != lat.context, abs(e.index - lat.index), e.index, lat.index))
        ranked.sort()
        by_index_e = {e.index: e for e in earlier}
        by_index_l = {lat.index: lat for lat in later}
        for *_, ie, il in ranked:
            e, lat = by_index_e[ie], by_index_l[il]
            if e.id not in self.used and lat.id not in self.matches:
                self.pair(e, lat, reason(e, lat))


def _ratio(a: str, b: str) -> float:
    return 1.0 if a == b else difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _measure_conflict(a: model.Goal, b: model.Goal) -> bool:
    return a.measure_id is not None and b.measure_id is not None and a.measure_id != b.measure_id


def match_goals(
    earlier: list[GoalInfo],
    later: list[GoalInfo],
    forced: dict[tuple[str, str], str] | None = None,
    forbidden: set[tuple[str, str]] | None = None,
) -> dict[str, Match]:
    """Pair the goals of two agreements by the rules above; the result maps later goal ids to matches.

    ``forced`` maps stored (earlier goal id, later goal id) pairings to their reason; ``forbidden``
    holds the pairs the user keeps apart.
    """
    state = _Pairing(earlier, later, forbidden or set())
    by_id_e = {e.id: e for e in earlier}
    by_id_l = {lat.id: lat for lat in later}
    for (e_id, l_id), why in sorted((forced or {}).items()):
        e, lat = by_id_e.get(e_id), by_id_l.get(l_id)
        if e is not None and lat is not None and e_id not in state.used and l_id not in state.matches:
            state.pair(e, lat, why, manual=True)
    state.by_key(lambda i: (i.goal.measure_id, i.goal.kind, i.goal.area_id) if i.goal.measure_id else None,
                 lambda _i: BY_MEASURE)  # fmt: skip
    state.by_key(lambda i: (i.goal.measure_id, i.goal.area_id) if i.goal.measure_id else None,
                 lambda _i: BY_MEASURE_KIND_CHANGED)  # fmt: skip
    state.by_key(lambda i: (i.place, i.goal.kind) if i.numbered_clause else None, lambda i: i.place)
    _by_title(state)
    return state.matches


def _by_title(state: _Pairing) -> None:
    """Rule 5: equal titles first, then similar ones (ratio ≥ TITLE_THRESHOLD), within one kind of goal."""
    state.by_key(lambda i: (i.title_key, i.goal.kind), lambda _i: SAME_TITLE)
    free_e, free_l = state.free()
    if not free_e or not free_l:
        return
    kinds: dict[model.GoalKind, list[GoalInfo]] = defaultdict(list)
    for e in free_e:
        kinds[e.goal.kind].append(e)
    ranked: list[tuple[float, int, int, GoalInfo, GoalInfo]] = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for lat in free_l:
        candidates = kinds.get(lat.goal.kind, [])
        if not candidates:
            continue
        matcher.set_seq2(lat.title_key)  # difflib caches what it learns about the second sequence
        for e in candidates:
            if _measure_conflict(e.goal, lat.goal) or not state.allowed(e, lat):
                continue
            matcher.set_seq1(e.title_key)
            if matcher.real_quick_ratio() < TITLE_THRESHOLD or matcher.quick_ratio() < TITLE_THRESHOLD:
                continue  # cheap upper bounds of the ratio rule most pairs out
            ratio = matcher.ratio()
            if ratio >= TITLE_THRESHOLD:
                ranked.append((-ratio, abs(e.index - lat.index), e.index, e, lat))
    ranked.sort(key=lambda item: item[:3])
    for negative, _distance, _index, e, lat in ranked:
        if e.id not in state.used and lat.id not in state.matches:
            state.pair(e, lat, f"Titel ähnlich ({round(-negative * 100)} %)")
