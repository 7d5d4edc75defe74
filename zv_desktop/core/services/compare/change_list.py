"""The list "Änderungen gegenüber dem Vorjahr": what changed from one agreement to the next, clause by clause.

Built from a ``Comparison`` (no further queries). Sections and clauses are paired by their place
("Ziffer 5 c", "Abschnitt II"); each entry names the place and says in German sentences which clause
came or went, whose wording changed, and which goals are new, removed or changed (money in € with
the change in %, e.g. a premium falling from 211.000,00 DM (107.882,59 €) to 50.000,00 €, −53,7 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zv_desktop.core import model
from zv_desktop.core.services.compare.comparison import (
    AgreementParts,
    Comparison,
    Status,
    Step,
    compare_agreements,
    place_label,
)
from zv_desktop.core.services.compare.field_changes import FieldChange, Segment, word_diff
from zv_desktop.core.store import Store

#: Subjects of the sentences about changed figures (German, with article).
_SUBJECTS = {
    "target_value": "Der Zielwert",
    "corridor_low": "Die untere Grenze des Korridors",
    "corridor_high": "Die obere Grenze des Korridors",
    "forecast_value": "Die Prognose",
    "change_percent": "Die angestrebte Veränderung zum Vorjahr",
    "threshold_value": "Der Schwellenwert",
    "staff_target_vza": "Die Soll-Ausstattung",
    "temp_share_max": "Der höchste Befristungsanteil",
    "extra_vza_max": "Die höchste zusätzliche Ausstattung",
}


@dataclass(frozen=True)
class ChangeEntry:
    """The changes at one place of the agreement: its label, its title and German sentences."""

    place: str
    title: str
    sentences: tuple[str, ...]
    #: Word diff of the place's own wording, if it changed (for showing it coloured).
    wording: tuple[Segment, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        """The entry as one paragraph: 'Ziffer 5 c (Vermittlungsprämie): Die Prämie …'."""
        head = f"{self.place} ({self.title})" if self.title and f"„{self.title}“" not in self.place else self.place
        return f"{head}: {' '.join(self.sentences)}"


@dataclass
class _Place:
    key: str
    title: str = ""
    text: str = ""
    earlier: bool = False
    later: bool = False
    old_title: str = ""
    old_text: str = ""
    steps: list[Step] = field(default_factory=list)


def _places(part: AgreementParts) -> list[tuple[str, str, str]]:
    """(place label, title, text) of every section and clause, in document order."""
    found = []
    for section in part.sections:
        found.append((place_label(section, None), section.title, section.text))
        found += [
            (place_label(section, clause), clause.title, clause.text)
            for clause in part.clauses
            if clause.section_id == section.id
        ]
    return found


def _ordered_places(comparison: Comparison, pair: int) -> list[_Place]:
    """The places of both agreements: the later one's order, places that went inserted after their predecessor."""
    later_places = _places(comparison.parts[pair + 1])
    earlier_places = _places(comparison.parts[pair])
    places: dict[str, _Place] = {}
    order: list[str] = []
    for key, title, text in later_places:
        if key not in places:
            places[key] = _Place(key, title, text, later=True)
            order.append(key)
    predecessor = ""
    for key, title, text in earlier_places:
        if key in places:
            place = places[key]
            place.earlier, place.old_title, place.old_text = True, title, text
        else:
            places[key] = _Place(key, title, "", earlier=True, old_title=title, old_text=text)
            order.insert(order.index(predecessor) + 1 if predecessor in places else 0, key)
        predecessor = key
    for row in comparison.rows:
        step = row.steps[pair]
        if step is None:
            continue
        goal = step.later or step.earlier
        assert goal is not None
        key = comparison.places.get(goal.id, "")
        if key not in places:
            places[key] = _Place(key, later=step.later is not None, earlier=step.earlier is not None)
            order.append(key)
        places[key].steps.append(step)
    return [places[key] for key in order]


def change_list(comparison: Comparison, pair: int) -> list[ChangeEntry]:
    """What changed from agreement ``pair`` to ``pair + 1`` of the comparison, place by place."""
    entries = []
    for place in _ordered_places(comparison, pair):
        sentences, wording = _place_sentences(place)
        for step in place.steps:
            sentences += _goal_sentences(step, comparison)
        if sentences:
            title = place.title if place.later else place.old_title
            entries.append(ChangeEntry(place.key, title, tuple(sentences), tuple(wording)))
    return entries


def _place_sentences(place: _Place) -> tuple[list[str], list[Segment]]:
    if place.later and not place.earlier:
        return (["Neu aufgenommen."] if place.title or place.text else []), []
    if place.earlier and not place.later:
        return ["Entfällt."], []
    sentences: list[str] = []
    if place.old_title != place.title:
        if place.old_title and place.title:
            sentences.append(f"Die Überschrift lautet jetzt „{place.title}“ (bisher „{place.old_title}“).")
        elif place.title:
            sentences.append(f"Neue Überschrift „{place.title}“.")
        else:
            sentences.append(f"Die Überschrift „{place.old_title}“ entfällt.")
    wording: list[Segment] = []
    if " ".join(place.old_text.split()) != " ".join(place.text.split()):
        if not place.old_text.strip():
            sentences.append("Ein Text wurde neu aufgenommen.")
        elif not place.text.strip():
            if place.key.startswith("Abschnitt"):
                sentences.append("Der einleitende Text entfällt; der Abschnitt und seine Ziffern bleiben.")
            else:
                sentences.append("Der bisherige Wortlaut entfällt; die Ziffer bleibt.")
        else:
            wording = word_diff(place.old_text, place.text)
            sentences.append("Der Wortlaut wurde neu gefasst.")
    return sentences, wording


def _kind_words(goal: model.Goal, comparison: Comparison) -> str:
    figure = comparison.key_figure(goal)
    return f"{goal.kind.label}: {figure}" if figure else goal.kind.label


def _goal_sentences(step: Step, comparison: Comparison) -> list[str]:
    if step.status is Status.NEW:
        goal = step.later
        assert goal is not None
        return [f"Neues Ziel „{goal.title}“ ({_kind_words(goal, comparison)})."]
    if step.status is Status.REMOVED:
        goal = step.earlier
        assert goal is not None
        return [f"Das Ziel „{goal.title}“ ({_kind_words(goal, comparison)}) entfällt."]
    if step.status is Status.UNCHANGED:
        return []
    assert step.earlier is not None and step.later is not None
    return [_sentence(step.earlier, step.later, change) for change in step.changes]


def _rise_or_fall(change: FieldChange) -> str:
    return {1: "steigt", -1: "sinkt"}.get(change.direction, "ändert sich")


def _sentence(old: model.Goal, new: model.Goal, change: FieldChange) -> str:
    """One German sentence about one changed field of a goal."""
    title, name = new.title, change.field
    delta = f" ({change.delta})" if change.delta else ""
    if name == "title":
        return f"Das Ziel „{change.old}“ heißt jetzt „{change.new}“."
    if name == "amount":
        noun = {model.GoalKind.PREMIUM: "Prämie", model.GoalKind.BUDGET: "Budget"}.get(new.kind, "Betrag")
        article = {"Prämie": "Die", "Budget": "Das"}.get(noun, "Der")
        # "Die Prämie „Prämie für …“" says the noun twice: a title that starts with it is subject enough
        subject = "" if title.split()[:1] == [noun] else f"{article} {noun} "
        if change.old and change.new:
            return f"{subject}„{title}“ {_rise_or_fall(change)} von {change.old} auf {change.new}{delta}."
        return f"{subject}„{title}“: jetzt {change.new or 'kein Betrag'} (bisher {change.old or 'kein Betrag'})."
    if name in _SUBJECTS:
        subject = _SUBJECTS[name]
        if change.old and change.new:
            return f"{subject} für „{title}“ {_rise_or_fall(change)} von {change.old} auf {change.new}{delta}."
        if change.new:
            return f"{subject} für „{title}“ wird neu auf {change.new} festgelegt."
        return f"{subject} für „{title}“ entfällt (bisher {change.old})."
    if name == "condition":
        if not change.old:
            return f"„{title}“ ist neu an eine Bedingung geknüpft: {_sentence_end(change.new)}"
        if not change.new:
            return f"Die Bedingung für „{title}“ entfällt (bisher: {_sentence_end(change.old)})"
        return f"Die Bedingung für „{title}“ lautet jetzt: {_sentence_end(change.new)}"
    if name == "description":
        return f"Die Beschreibung von „{title}“ wurde geändert."
    if name == "deadline":
        if change.old and change.new:
            return f"Die Frist für „{title}“ ist jetzt der {change.new} (bisher {change.old})."
        return f"Die Frist für „{title}“: jetzt {change.new or 'keine'} (bisher {change.old or 'keine'})."
    if name == "place":
        return f"Das Ziel „{title}“ steht jetzt unter {change.new} (bisher {change.old})."
    return f"{change.label} von „{title}“: jetzt {change.new or '–'} (bisher {change.old or '–'})."


def _sentence_end(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def changes_against_previous(store: Store, agreement_id: str) -> list[ChangeEntry]:
    """The list "Änderungen gegenüber dem Vorjahr" of an agreement, clause by clause; [] without a previous year."""
    agreement = store.get(model.Agreement, agreement_id)
    if agreement.previous_id is None or not store.exists(model.Agreement, agreement.previous_id):
        return []
    return change_list(compare_agreements(store, [agreement.previous_id, agreement_id]), 0)
