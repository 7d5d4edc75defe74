"""Council papers (Vorlagen) with their Beratungsfolge and Anlagen: read, list, validated saves."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, field

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.rules import validation
from zv_desktop.core.store import Store

#: Largest Anlage accepted into the data file (files travel by e-mail).
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


@dataclass
class PaperDoc:
    """A Vorlage with its Beratungsfolge and Anlagen, in order."""

    paper: model.Paper
    consultations: list[model.Consultation] = field(default_factory=list)
    attachments: list[model.Attachment] = field(default_factory=list)


@dataclass(frozen=True)
class PaperSummary:
    """One line of the paper list."""

    id: str
    number: str
    title: str
    paper_date: str | None
    paper_type: model.PaperType
    department: str


def list_papers(store: Store, year: int | None = None) -> list[PaperSummary]:
    """Vorlagen (optionally of one year by their date), newest first."""
    rows = store.query(
        "SELECT id, number, title, paper_date, paper_type, department FROM papers WHERE deleted = 0 "
        "AND (:year IS NULL OR substr(paper_date, 1, 4) = printf('%04d', :year)) "
        "ORDER BY paper_date DESC, number",
        {"year": year},
    )
    return [
        PaperSummary(
            r["id"], r["number"], r["title"], r["paper_date"], model.PaperType(r["paper_type"]), r["department"]
        )
        for r in rows
    ]


def load_paper(store: Store, paper_id: str) -> PaperDoc:
    """The whole Vorlage."""
    key = (paper_id,)
    return PaperDoc(
        paper=store.get(model.Paper, paper_id),
        consultations=store.find(model.Consultation, "paper_id = ?", key, "position, rowid"),
        attachments=store.find(model.Attachment, "paper_id = ?", key, "position, rowid"),
    )


def save_paper(store: Store, paper: model.Paper) -> model.Paper:
    """Insert or update a Vorlage header."""
    problems = validation.check_paper(paper)
    if paper.agreement_id is not None and not store.exists(model.Agreement, paper.agreement_id):
        problems.append(Problem("agreement_id", "Die verknüpfte Zielvereinbarung gibt es nicht."))
    if problems:
        raise ValidationError(problems)
    return store.save(paper)


def save_consultation(store: Store, consultation: model.Consultation) -> model.Consultation:
    """Add or change one step of the Beratungsfolge."""
    store.get(model.Paper, consultation.paper_id)
    problems = validation.check_consultation(consultation)
    if problems:
        raise ValidationError(problems)
    return store.save(consultation)


def make_attachment(
    paper_id: str, name: str, content: bytes, position: int = 0, mime_type: str | None = None
) -> model.Attachment:
    """An Anlage record for file content, with size, checksum and type (from the name or content) filled in."""
    mime = mime_type or mimetypes.guess_type(name)[0] or _sniff_type(content)
    return model.Attachment(
        paper_id=paper_id,
        name=name,
        content=content,
        mime_type=mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        position=position,
    )


def _sniff_type(content: bytes) -> str:
    """The type of common office files recognised by their first bytes."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"PK\x03\x04"):
        return "application/zip"
    return "application/octet-stream"


def save_attachment(store: Store, attachment: model.Attachment) -> model.Attachment:
    """Store an Anlage inside the data file after checking size and checksum."""
    store.get(model.Paper, attachment.paper_id)
    problems = validation.check_attachment(attachment)
    if attachment.size > MAX_ATTACHMENT_BYTES:
        limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
        problems.append(Problem("content", f"Die Anlage „{attachment.name}“ ist größer als {limit} MB."))
    if problems:
        raise ValidationError(problems)
    return store.save(attachment)
