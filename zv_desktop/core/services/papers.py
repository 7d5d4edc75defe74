"""Council papers (Vorlagen) with their Beratungsfolge and Anlagen: read, list, validated saves, files in and out."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar

from zv_desktop.core import model
from zv_desktop.core.errors import DataFileError, Problem, ValidationError
from zv_desktop.core.rules import validation
from zv_desktop.core.store import Store

#: Largest Anlage accepted into the data file (files travel by e-mail).
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


class _Ordered(Protocol):  # a record listed in order under a paper: a Beratungsfolge step, an Anlage
    id: str
    paper_id: str
    position: int


_Item = TypeVar("_Item", bound=_Ordered)


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
    if paper.issuer_id is not None and not store.exists(model.Party, paper.issuer_id):
        problems.append(Problem("issuer_id", "Die herausgebende Stelle gibt es nicht (mehr) unter den Trägern."))
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


# --- outline for editors: the Anlagen without their content ----------------------------------
@dataclass(frozen=True)
class AttachmentInfo:
    """What a list of Anlagen shows: everything but the (possibly large) content."""

    id: str
    name: str
    mime_type: str
    size: int
    sha256: str
    position: int


@dataclass
class PaperOutline:
    """A Vorlage with its Beratungsfolge and the list of its Anlagen (content not loaded)."""

    paper: model.Paper
    consultations: list[model.Consultation] = field(default_factory=list)
    attachments: list[AttachmentInfo] = field(default_factory=list)


def load_paper_outline(store: Store, paper_id: str) -> PaperOutline:
    """The Vorlage for an editor: header, Beratungsfolge, Anlagen without content, all in order."""
    rows = store.query(
        "SELECT id, name, mime_type, size, sha256, position FROM attachments "
        "WHERE paper_id = ? AND deleted = 0 ORDER BY position, rowid",
        (paper_id,),
    )
    return PaperOutline(
        paper=store.get(model.Paper, paper_id),
        consultations=store.find(model.Consultation, "paper_id = ?", (paper_id,), "position, rowid"),
        attachments=[AttachmentInfo(**row) for row in rows],
    )


def known_committees(store: Store) -> list[str]:
    """Names of the committees used in any Beratungsfolge so far, sorted (for completion)."""
    rows = store.query("SELECT DISTINCT committee FROM consultations WHERE deleted = 0 ORDER BY committee")
    return [str(r["committee"]) for r in rows]


# --- Beratungsfolge and Anlagen: add, move, delete (positions kept 0..n-1) --------------------
def _siblings(store: Store, cls: type[_Item], paper_id: str) -> list[_Item]:
    return store.find(cls, "paper_id = ?", (paper_id,), "position, rowid")


def _renumber(store: Store, items: list[_Item]) -> None:
    """Give the records the positions 0..n-1 in list order (only changed ones are written)."""
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            store.write(item)


def _move(store: Store, cls: type[_Item], record_id: str, delta: int) -> int:
    record = store.get(cls, record_id)
    items = _siblings(store, cls, record.paper_id)
    index = next(i for i, item in enumerate(items) if item.id == record_id)
    target = max(0, min(len(items) - 1, index + delta))
    items.insert(target, items.pop(index))
    with store.transaction():
        _renumber(store, items)
    return target


def _delete(store: Store, cls: type[_Item], record_id: str) -> None:
    record = store.get(cls, record_id)
    with store.transaction():
        store.delete(cls, record_id)
        _renumber(store, _siblings(store, cls, record.paper_id))


def add_consultation(
    store: Store, paper_id: str, committee: str, meeting_date: date | None = None, role: str = ""
) -> model.Consultation:
    """Append a step to the end of the Beratungsfolge."""
    with store.transaction():
        steps = _siblings(store, model.Consultation, paper_id)
        _renumber(store, steps)
        step = model.Consultation(paper_id, committee.strip(), meeting_date, role.strip(), len(steps))
        return save_consultation(store, step)


def move_consultation(store: Store, consultation_id: str, delta: int) -> int:
    """Move a step ``delta`` places (negative: up), clamped to the list; returns its new index."""
    return _move(store, model.Consultation, consultation_id, delta)


def delete_consultation(store: Store, consultation_id: str) -> None:
    """Remove a step of the Beratungsfolge; the others close up."""
    _delete(store, model.Consultation, consultation_id)


def add_attachment(store: Store, attachment: model.Attachment) -> model.Attachment:
    """Store a new Anlage at the end of the paper's list."""
    with store.transaction():
        others = _siblings(store, model.Attachment, attachment.paper_id)
        _renumber(store, others)
        attachment.position = len(others)
        return save_attachment(store, attachment)


def rename_attachment(store: Store, attachment_id: str, name: str) -> model.Attachment:
    """Change the name an Anlage is listed under."""
    attachment = store.get(model.Attachment, attachment_id)
    attachment.name = name.strip()
    return save_attachment(store, attachment)


def move_attachment(store: Store, attachment_id: str, delta: int) -> int:
    """Move an Anlage ``delta`` places (negative: up), clamped to the list; returns its new index."""
    return _move(store, model.Attachment, attachment_id, delta)


def delete_attachment(store: Store, attachment_id: str) -> None:
    """Remove an Anlage from its paper; the others close up."""
    _delete(store, model.Attachment, attachment_id)


# --- Anlagen as files: read from disk, write to disk --------------------------------------------
def _too_large(name: str) -> ValidationError:
    limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
    return ValidationError([Problem("content", f"Die Datei „{name}“ ist größer als {limit} MB.")])


def attachment_from_file(paper_id: str, path: Path) -> model.Attachment:
    """An Anlage record holding the content of a file; German errors for missing, unreadable or too large files."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DataFileError(f"„{path}“ ist ein Ordner, keine Datei.")
        if info.st_size > MAX_ATTACHMENT_BYTES:
            raise _too_large(path.name)
        with path.open("rb") as handle:
            content = handle.read(MAX_ATTACHMENT_BYTES + 1)
    except FileNotFoundError:
        raise DataFileError(f"Die Datei „{path}“ gibt es nicht (mehr).") from None
    except PermissionError:
        raise DataFileError(f"Die Datei „{path}“ darf nicht gelesen werden (fehlende Berechtigung).") from None
    except OSError:
        raise DataFileError(f"Die Datei „{path}“ kann nicht gelesen werden.") from None
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise _too_large(path.name)
    if not content:
        raise ValidationError([Problem("content", f"Die Datei „{path.name}“ ist leer.")])
    return make_attachment(paper_id, path.name, content)


def export_attachment(store: Store, attachment_id: str, target: Path) -> Path:
    """Write an Anlage to ``target`` atomically (temporary file in the same folder, then replace)."""
    attachment = store.get(model.Attachment, attachment_id)
    if hashlib.sha256(attachment.content).hexdigest() != attachment.sha256:
        raise DataFileError(
            f"Die Anlage „{attachment.name}“ ist in der Datendatei beschädigt (Prüfsumme stimmt nicht); sie wurde nicht gespeichert."
        )
    if not target.parent.is_dir():
        raise DataFileError(f"Den Ordner „{target.parent}“ gibt es nicht.")
    temporary = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with temporary.open("xb") as handle:
            handle.write(attachment.content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise DataFileError(
            f"Die Anlage konnte nicht als „{target}“ gespeichert werden. Ist der Ordner schreibgeschützt oder die Datei in einem anderen Programm geöffnet?"
        ) from None
    return target


#: File extensions for the types of common office files (mimetypes' answer differs between systems).
# fmt: off
_EXTENSIONS = {
    "application/pdf": ".pdf", "text/plain": ".txt", "text/csv": ".csv", "application/zip": ".zip",
    "application/msword": ".doc", "application/vnd.ms-excel": ".xls", "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt", "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif",
}
# fmt: on
_REPLACEMENTS = {":": " - ", "/": "-", "\\": "-", "|": "-", '"': "'", "*": "", "?": "", "<": "", ">": ""}
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: Longest file name produced (keeps paths below Windows' 260 characters in ordinary folders).
MAX_FILE_NAME = 120


def _own_extension(name: str) -> str:
    """The extension of ``name`` if it is one of a known file type ("" for none, or ".2012" in a date)."""
    suffix = Path(name).suffix
    known = suffix.lower() in _EXTENSIONS.values() or mimetypes.guess_type(name)[0] is not None
    return suffix if suffix and known else ""


def safe_file_name(name: str, mime_type: str | None = None) -> str:
    """A file name valid on Windows for an Anlage name, with an extension from its type if it lacks one.

    "Anlage 1: Kommunale Ziele 2022" (PDF) → "Anlage 1 - Kommunale Ziele 2022.pdf".
    """
    text = "".join(_REPLACEMENTS.get(ch, ch) if ch >= " " and ch != "\x7f" else " " for ch in name)
    text = " ".join(text.split()).strip(" .")
    suffix = _own_extension(text)
    stem = text[: len(text) - len(suffix)]
    if not suffix and mime_type and mime_type != "application/octet-stream":
        suffix = _EXTENSIONS.get(mime_type) or mimetypes.guess_extension(mime_type) or ""
    stem = stem[: MAX_FILE_NAME - len(suffix)].rstrip(" .") or "Anlage"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = f"{stem}_"
    return stem + suffix


def delete_paper(store: Store, paper_id: str) -> None:
    """Delete a Vorlage with its Beratungsfolge and Anlagen (tombstoned, so undo and exchange keep them)."""
    outline = load_paper_outline(store, paper_id)
    with store.transaction():
        for consultation in outline.consultations:
            store.delete(model.Consultation, consultation.id)
        for attachment in outline.attachments:
            store.delete(model.Attachment, attachment.id)
        store.delete(model.Paper, paper_id)
