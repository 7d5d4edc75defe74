"""The two forms a Vorlage prints in, as data the PDF and the Word document both follow.

A Kreis's *Sitzungsvorlage* (Kreis Mettmann, seeds 002 and 004): the kind of paper as tick boxes, „Betreff“,
„Anlass der Vorlage“ and „Sachverhaltsdarstellung“ with numbered sub-chapters. A town's *Ratsvorlage* (Stadt
Kamen, seed 003): „Beschlussvorlage öffentlich Rat“, a TOP-Nr. column before the Beratungsfolge, „Bezeichnung
des TOP“ and „Sachverhalt und Begründung (einschl. finanzielle Möglichkeit der Verwirklichung)“. The authority
that issues the paper chooses the form in the Stammdaten; a paper without one prints as a Sitzungsvorlage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zv_desktop.core import model

FORM = model.PaperForm
#: The kind of paper as a Ratsvorlage names it in its head line.
KIND_NAMES: dict[model.PaperType, str] = {
    model.PaperType.BESCHLUSS: "Beschlussvorlage",
    model.PaperType.WAHL: "Wahlvorlage",
    model.PaperType.KENNTNISNAHME: "Mitteilungsvorlage",
}
#: The caption above the paper's title.
TITLE_CAPTIONS: dict[model.PaperForm, str] = {FORM.SITZUNGSVORLAGE: "Betreff", FORM.RATSVORLAGE: "Bezeichnung des TOP"}
DECISION_HEADING = "Beschlussvorschlag:"
OCCASION_HEADING = "Anlass der Vorlage:"
FACTS_HEADINGS: dict[model.PaperForm, str] = {
    FORM.SITZUNGSVORLAGE: "Sachverhaltsdarstellung:",
    FORM.RATSVORLAGE: "Sachverhalt und Begründung (einschl. finanzielle Möglichkeit der Verwirklichung):",
}
# A numbered sub-chapter heading on a line of its own: „I. Verfahren“, „8.1. Trilaterale Zielvereinbarung …“.
# A sentence („1. Der Rat beschließt …“) ends with a full stop or colon and is not a heading.
_CHAPTER = re.compile(r"^(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.\s+\S.{0,88}$")
_SENTENCE_END = (".", ":", ";", "!", "?", ",")
_BLANK_LINES = re.compile(r"\n\s*\n")
# the committee that decides: its role names the decision
_DECIDES = re.compile(r"entscheid|beschluss|beschließ", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """One part of a long text: a numbered sub-chapter heading, or a paragraph."""

    text: str
    heading: bool = False


def form_of(issued_by: model.Party | None) -> model.PaperForm:
    """The form of the issuing authority, a Sitzungsvorlage if the paper names none."""
    return issued_by.paper_form if issued_by is not None else FORM.SITZUNGSVORLAGE


def deciding_body(consultations: Sequence[model.Consultation]) -> str:
    """The committee that decides (its role says Entscheidung or Beschluss), else the last one; '' if none."""
    deciding = [step for step in consultations if _DECIDES.search(step.role)]
    chosen = deciding[-1] if deciding else (consultations[-1] if consultations else None)
    return chosen.committee.strip() if chosen is not None else ""


def text_sections(paper: model.Paper, form: model.PaperForm) -> list[tuple[str, str]]:
    """The paper's long texts with their headings in print order; empty texts are left out."""
    sections = [
        (DECISION_HEADING, paper.decision_proposal),
        (OCCASION_HEADING, paper.occasion),
        (FACTS_HEADINGS[form], paper.facts),
    ]
    return [(heading, text) for heading, text in sections if text.strip()]


def _is_chapter(line: str) -> bool:
    line = line.strip()
    return bool(_CHAPTER.match(line)) and not line.endswith(_SENTENCE_END)


def chapters(text: str) -> list[Block]:
    """A long text as paragraphs (split at blank lines), a numbered first line of a block as its heading."""
    blocks: list[Block] = []
    for raw in _BLANK_LINES.split(text.replace("\r\n", "\n")):
        block = raw.strip("\n")
        if not block.strip():
            continue
        first, _, rest = block.partition("\n")
        if _is_chapter(first):
            blocks.append(Block(first.strip(), heading=True))
            if rest.strip():
                blocks.append(Block(rest.strip("\n")))
        else:
            blocks.append(Block(block))
    return blocks


def signature_lines(paper: model.Paper) -> tuple[str, str, str]:
    """(body, capacity, signer) of the signature block, e.g. („Der Landrat“, „In Vertretung“, „Müller“)."""
    return paper.body.strip(), paper.signing_capacity.strip(), paper.signer.strip()
