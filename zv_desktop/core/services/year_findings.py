"""Year references in next year's draft: places whose text still names an earlier year, and their review.

"Folgejahr anlegen" copies every text of an agreement, so texts tied to the old year („Kommunale Ziele 2022“,
„Herbst 2013“, „31.12.2014“) would reach the new year's document unnoticed. This module finds them in the
header (title, legal basis, preamble), the titles and texts of sections and clauses, and the title,
description, condition and comment of every goal.

What counts: a year 1990–2100 standing as a whole word, alone („2014“), after a word of time („Herbst 2013“,
„Jahresende 2014“, „Dezember 2014“), in a date („31.12.2014“, „31. Dezember 2014“, „12.2014“), in a span
(„2014/2015“, „2013–14“) or in a number („Vorlage 5/2013“), if it is earlier than the agreement's year.

When moving on is unambiguous (deliberately narrow): only in a title (of the agreement, a section, a clause or a
goal), only a year alone or after a word of time, and only the year just before the agreement's (the old
agreement's year). A title names what the document is about, so its year is the agreement's own year; anywhere
else — a sentence, a date, a span, a number, a year two back — the old year may be meant (a report on last year,
a decision of 2013) and only the user can tell. Unambiguous ones can be moved on (`year_references.move_years_on`); every finding
can be confirmed as correct („bleibt so“, `year_references.confirm`).

Confirmations are kept in ``Agreement.year_review`` as JSON ``{"confirmed": {key: checksum}}``: the key names the
place, the words found and their occurrence there; the checksum is that of the place's whole text, so a
confirmation lapses as soon as the text changes. An agreement with an empty ``year_review`` is not under review
(written by hand, not carried over); one under review cannot be signed while a finding is open
(``signing_problems``, asked by ``agreements.save_agreement``). What the user does about the findings (confirm,
move years on) is in ``year_references``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from zv_desktop.core import model
from zv_desktop.core.errors import Problem
from zv_desktop.core.field_labels import LABELS
from zv_desktop.core.services.agreement_docs import AgreementDoc, load_agreement
from zv_desktop.core.store import Store

#: ``year_review`` of a draft just carried over: under review, nothing confirmed yet.
START_REVIEW = '{"confirmed": {}}'

_YEAR = r"(?:199\d|20\d\d|2100)"
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_TIME_WORDS = (
    "Frühjahr|Frühling|Sommer|Herbst|Winter|Jahresbeginn|Jahresanfang|Jahresmitte|Jahresende|Jahreswechsel|"
    "Anfang|Beginn|Mitte|Ende|Halbjahr(?:es)?|Quartal(?:s)?|Haushaltsjahr(?:es)?|Kalenderjahr(?:es)?|"
    "Geschäftsjahr(?:es)?|Jahr(?:es)?|" + _MONTHS
)
_END = r"(?![\w/–]|-\d|[.,]\d)"  # the year ends the word: not "20145", "2014/…", "2014.5"
_PATTERN = re.compile(
    rf"(?P<date>(?<![\d.])(?:\d{{1,2}}\.\s?(?:\d{{1,2}}\.\s?|(?:{_MONTHS})\s+)|(?:0?[1-9]|1[0-2])\.)"
    rf"(?P<date_year>{_YEAR}))(?!\d)"
    rf"|(?P<span>(?<![\w./])(?P<span_year>{_YEAR})\s?[/–-]\s?(?P<span_end>{_YEAR}|\d\d))(?!\w|[.,]\d)"
    rf"|(?P<number>(?<![\w./])\d{{1,4}}\s?/\s?(?P<number_year>{_YEAR}))(?!\w|[.,]\d)"
    rf"|(?P<time>\b(?:{_TIME_WORDS})\s+(?P<time_year>{_YEAR})){_END}"
    rf"|(?P<bare>(?<![\w.,/–])(?<!\d-)(?P<bare_year>{_YEAR})){_END}"
)
#: What kind of mention each pattern group is, in German.
FORMS = {
    "date": "Datum",
    "span": "Zeitraum",
    "number": "Nummer mit Jahr",
    "time": "Zeitangabe",
    "bare": "Jahreszahl",
}
_MOVABLE_FORMS = ("time", "bare")
_TITLE = "title"


@dataclass(frozen=True)
class Mention:
    """One year mentioned in a text: the words found (``text[start:end]``), its form and where the year stands."""

    start: int
    end: int
    found: str
    form: str  # a key of FORMS
    year: int
    year_start: int  # index of the year's four digits in the text


def mentions(text: str, before: int) -> list[Mention]:
    """Every mention in ``text`` of a year earlier than ``before`` (a span counts by its first year)."""
    found = []
    for match in _PATTERN.finditer(text):
        form = next(name for name in FORMS if match.group(name) is not None)
        year_group = f"{form}_year"
        year = int(match.group(year_group))
        if year < before:
            found.append(Mention(match.start(), match.end(), match.group(), form, year, match.start(year_group)))
    return found


@dataclass(frozen=True)
class Place:
    """A text field of a record of an agreement, with its German name („Ziel „Joboffensive“ – Beschreibung“)."""

    kind: str  # "agreement", "section", "clause", "goal" (as the editors' open_requested)
    record_id: str
    field: str
    label: str

    @property
    def key(self) -> str:
        """The place as text: kind, id and field."""
        return f"{self.kind}:{self.record_id}:{self.field}"


@dataclass(frozen=True)
class YearFinding:
    """A place that names an earlier year: what was found, the text around it, and whether moving on is clear."""

    place: Place
    found: str  # "Herbst 2013", "31.12.2014", "2022"
    form: str  # German: "Jahreszahl", "Zeitangabe", "Datum", "Zeitraum", "Nummer mit Jahr"
    year: int
    excerpt: str  # "… von denen die Bundesregierung im Herbst 2013 ausging …"
    unambiguous: bool
    moved: str  # the words with the year moved on ("Kommunale Ziele 2023" → "2023"); '' if not unambiguous
    key: str  # place, words and occurrence: what a confirmation names
    checksum: str  # of the place's whole text
    year_at: int  # index of the year's four digits in the place's text


@dataclass(frozen=True)
class YearReview:
    """The findings of an agreement and which of them are confirmed („bleibt so“) for their current text."""

    agreement_id: str
    under_review: bool
    findings: tuple[YearFinding, ...]
    confirmed: frozenset[str]

    @property
    def open(self) -> tuple[YearFinding, ...]:
        """Findings neither moved on nor confirmed (all of them count only for an agreement under review)."""
        return tuple(f for f in self.findings if f.key not in self.confirmed)


@dataclass(frozen=True)
class Move:
    """Moving the unambiguous years of one place on: its text before and after."""

    place: Place
    old_text: str
    new_text: str


def checksum(text: str) -> str:
    """A short checksum of a text: a confirmation holds only for the text it was given for."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _short(title: str, limit: int = 50) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + " …"


def _excerpt(text: str, start: int, end: int, margin: int = 45) -> str:
    """The words around ``text[start:end]`` on one line, with "…" where the text goes on."""
    left, right = max(0, start - margin), min(len(text), end + margin)
    while left > 0 and not text[left - 1].isspace():
        left += 1
    while right < len(text) and not text[right].isspace():
        right -= 1
    piece = " ".join(text[left:right].split())
    return ("… " if left > 0 else "") + piece + (" …" if right < len(text) else "")


def texts_of(doc: AgreementDoc) -> Iterator[tuple[Place, str]]:
    """Every text field of an agreement that can name a year, in document order, with its place."""
    a = doc.agreement
    for name in ("title", "legal_basis", "preamble"):
        yield Place("agreement", a.id, name, f"Kopfdaten – {LABELS[name]}"), getattr(a, name)
    numbers = {s.id: s.number for s in doc.sections}

    def goals(items: list[model.Goal]) -> Iterator[tuple[Place, str]]:
        for goal in items:
            for name in ("title", "description", "condition", "comment"):
                label = f"Ziel „{_short(goal.title)}“ – {LABELS[name]}"
                yield Place("goal", goal.id, name, label), getattr(goal, name)

    for section in doc.sections:
        name = " ".join(p for p in ("Abschnitt", section.number, f"„{_short(section.title)}“") if p)
        for field in ("title", "text"):
            yield Place("section", section.id, field, f"{name} – {LABELS[field]}"), getattr(section, field)
        yield from goals(doc.goals_of(section_id=section.id))
        for clause in doc.clauses_of(section.id):
            title = f"„{_short(clause.title)}“" if clause.title.strip() else ""
            name = " ".join(p for p in ("Ziffer", numbers[clause.section_id], clause.number, title) if p)
            for field in ("title", "text"):
                yield Place("clause", clause.id, field, f"{name} – {LABELS[field]}"), getattr(clause, field)
            yield from goals(doc.goals_of(clause_id=clause.id))
    yield from goals([g for g in doc.goals if g.section_id is None and g.clause_id is None])


def find_year_references(doc: AgreementDoc) -> list[YearFinding]:
    """Every place of the agreement that names a year earlier than the agreement's, in document order."""
    year = doc.agreement.year
    findings = []
    for place, text in texts_of(doc):
        seen: dict[str, int] = {}
        for m in mentions(text, year):
            occurrence = seen.get(m.found, 0)
            seen[m.found] = occurrence + 1
            unambiguous = place.field == _TITLE and m.form in _MOVABLE_FORMS and m.year == year - 1
            offset = m.year_start - m.start
            moved = m.found[:offset] + str(year) + m.found[offset + 4 :] if unambiguous else ""
            findings.append(
                YearFinding(
                    place,
                    m.found,
                    FORMS[m.form],
                    m.year,
                    _excerpt(text, m.start, m.end),
                    unambiguous,
                    moved,
                    f"{place.key}|{m.found}|{occurrence}",
                    checksum(text),
                    m.year_start,
                )
            )
    return findings


def confirmations(agreement: model.Agreement) -> dict[str, str]:
    """The stored confirmations of an agreement (key → checksum); an unreadable value confirms nothing."""
    try:
        data = json.loads(agreement.year_review) if agreement.year_review.strip() else {}
    except ValueError:
        return {}
    confirmed = data.get("confirmed") if isinstance(data, dict) else None
    if not isinstance(confirmed, dict):
        return {}
    return {str(k): str(v) for k, v in confirmed.items()}


def review_of(doc: AgreementDoc) -> YearReview:
    """The findings of a loaded agreement with the confirmations still valid for their text."""
    findings = find_year_references(doc)
    stored = confirmations(doc.agreement)
    confirmed = frozenset(f.key for f in findings if stored.get(f.key) == f.checksum)
    under_review = bool(doc.agreement.year_review.strip())
    return YearReview(doc.agreement.id, under_review, tuple(findings), confirmed)


def signing_problems(store: Store, agreement: model.Agreement) -> list[Problem]:
    """Why an agreement under review cannot be signed yet: places naming an earlier year that nobody checked."""
    if not agreement.year_review.strip():
        return []
    doc = load_agreement(store, agreement.id)
    open_findings = review_of(dataclasses.replace(doc, agreement=agreement)).open
    if not open_findings:
        return []
    count = len(open_findings)
    what = (
        "1 Stelle nennt noch ein früheres Jahr und ist nicht geprüft"
        if count == 1
        else f"{count} Stellen nennen noch ein früheres Jahr und sind nicht geprüft"
    )
    first = "; ".join(f"{f.place.label} („{f.found}“)" for f in open_findings[:3])
    more = f" und {count - 3} weitere" if count > 3 else ""
    message = (
        f"Die Zielvereinbarung {agreement.year} „{agreement.title}“ kann noch nicht unterzeichnet werden: {what}: "
        f"{first}{more}. Schreiben Sie die Jahresangaben unter „Jahresangaben prüfen…“ fort oder bestätigen Sie "
        "sie mit „Bleibt so“."
    )
    return [Problem("status", message)]
