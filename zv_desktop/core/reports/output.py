"""A document to a finished PDF: its pages, the appended Anlagen, written atomically (temp file, then rename)."""

from __future__ import annotations

import errno
import io
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject, TextStringObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from zv_desktop.core.errors import ZvError
from zv_desktop.core.progress import Progress
from zv_desktop.core.reports.archive import is_pdfa, mark_pypdf
from zv_desktop.core.reports.document import CREATOR, Appendix, Document, render
from zv_desktop.core.reports.fonts import FONT, register_fonts
from zv_desktop.core.reports.markup import para
from zv_desktop.core.reports.styles import MUTED, make_styles

_UMASK = os.umask(0o022)  # read once at import (os.umask can only be read by setting it) and put back
os.umask(_UMASK)


@dataclass(frozen=True)
class Finished:
    """A finished PDF: its bytes, its page count and what the reader should know (an Anlage left out …)."""

    content: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


def _notice_page(document: Document, appendix: Appendix, reason: str) -> PdfReader:
    """A page standing in for an Anlage that could not be appended, saying which and why."""
    styles = make_styles()
    story = [
        para(f"Anlage: {appendix.name}", styles.h1),
        para(f"{reason} Bitte legen Sie die Anlage gesondert bei.", styles.body),
    ]
    notice = Document(
        document.title, document.office, document.subject, story, printed=document.printed, page_numbers=False
    )
    return PdfReader(io.BytesIO(render(notice).content))


def _appendix_reader(document: Document, appendix: Appendix, warnings: list[str]) -> PdfReader:
    """The pages of an Anlage; a notice page (and a warning) if it is no readable PDF."""
    problem = "ist beschädigt oder keine PDF-Datei"
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # a broken Anlage is reported in German below, not as pypdf's log lines
    try:
        reader = PdfReader(io.BytesIO(appendix.content))
        if reader.is_encrypted:
            problem = "ist mit einem Kennwort geschützt"
        elif not reader.pages:
            problem = "hat keine Seiten"
        else:
            return reader
    except (PyPdfError, ValueError, OSError, KeyError, TypeError):
        pass  # the German problem above is what the user can act on
    finally:
        pypdf_log.setLevel(level)
    reason = f"Die Anlage „{appendix.name}“ {problem} und wurde nicht angehängt."
    warnings.append(reason)
    return _notice_page(document, appendix, reason)


def _stamp(pages: Sequence[PageObject], text: str) -> None:
    """Mark each page of an Anlage at its top right: what it is and "Seite i von n" (so a loose page is placed)."""
    register_fonts()
    for number, page in enumerate(pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(width, height), initialFontName=FONT)
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        label = f"{text} · Seite {number} von {len(pages)}"
        canvas.drawRightString(width - 10 * mm, height - 7 * mm, label)
        canvas.showPage()
        canvas.save()
        overlay = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
        page.merge_transformed_page(
            overlay, Transformation().translate(float(page.mediabox.left), float(page.mediabox.bottom))
        )


def _with_appendices(document: Document, own: bytes, pages: int, warnings: list[str]) -> tuple[bytes, int]:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(own)))
    writer.add_outline_item(title=document.title, page_number=0)
    not_pdfa = []
    for appendix in document.appendices:
        start = len(writer.pages)
        reader = _appendix_reader(document, appendix, warnings)
        if not is_pdfa(reader):
            not_pdfa.append(appendix.name)
        writer.append(reader, import_outline=False)
        if appendix.stamp:
            _stamp(writer.pages[start:], appendix.stamp)
        writer.add_outline_item(title=appendix.name, page_number=start)
    info = {
        "/Title": document.title,
        "/Author": document.office,
        "/Subject": document.subject,
        "/Creator": CREATOR,
        "/Producer": CREATOR,
    }
    writer.add_metadata(info)
    mark_pypdf(writer, info, pdfa=not not_pdfa)
    if not_pdfa:
        names = ", ".join(f"„{name}“" for name in not_pdfa)
        warnings.append(
            f"{'Die Anlage' if len(not_pdfa) == 1 else 'Die Anlagen'} {names} "
            f"{'ist' if len(not_pdfa) == 1 else 'sind'} kein PDF/A; die Druckfassung ist deshalb nicht als PDF/A "
            "(archivtauglich) gekennzeichnet."
        )
    writer._root_object[NameObject("/Lang")] = TextStringObject("de-DE")
    writer.page_mode = "/UseOutlines"  # the reader opens with the bookmarks: the paper and each Anlage
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def finish(document: Document, progress: Progress | None = None) -> Finished:
    """The whole PDF of a document, Anlagen appended (an unreadable Anlage becomes a page saying so)."""
    rendered = render(document, progress)
    warnings = list(document.warnings)
    if not document.appendices:
        return Finished(rendered.content, rendered.pages, warnings)
    content, pages = _with_appendices(document, rendered.content, rendered.pages, warnings)
    return Finished(content, pages, warnings)


_WHY = {
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.ENOSPC: "der Datenträger ist voll",
    errno.ENAMETOOLONG: "der Dateiname ist zu lang",
    errno.EISDIR: "dort liegt ein Ordner",
    errno.ENOENT: "dort können keine Dateien angelegt werden",
}


def _why(exc: OSError) -> str:
    return _WHY.get(exc.errno or 0, f"Fehler {exc.errno} des Betriebssystems")


def write_atomically(content: bytes, target: Path, what: str = "PDF-Datei") -> None:
    """Write ``content`` to ``target`` through a temp file in the same folder, so a reader never sees half a file.

    ``what`` names the kind of file in the German messages ("PDF-Datei", "Excel-Datei").
    """
    target = Path(target)
    try:
        is_folder, has_folder = target.is_dir(), target.parent.is_dir()
    except OSError as exc:  # a name too long for the file system, …
        raise ZvError(f"„{target}“ kann nicht verwendet werden ({_why(exc)}); es wurde nichts geschrieben.") from exc
    if is_folder:
        raise ZvError(f"„{target}“ ist ein Ordner; bitte einen Dateinamen für die {what} angeben.")
    if not has_folder:
        raise ZvError(f"Den Ordner „{target.parent}“ gibt es nicht; die {what} wurde nicht geschrieben.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".zv-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ZvError(
            f"In den Ordner „{target.parent}“ kann nicht geschrieben werden ({_why(exc)}); "
            f"die {what} wurde nicht geschrieben."
        ) from exc
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK
        os.chmod(temp_name, mode)  # mkstemp makes it private to the user; a PDF is shared like any document
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise ZvError(
            f"Die Datei „{target}“ kann nicht geschrieben werden ({_why(exc)}). "
            "Ist sie in einem anderen Programm geöffnet? Es wurde nichts geschrieben."
        ) from exc


def save_pdf(document: Document, target: Path, progress: Progress | None = None) -> Finished:
    """Render the document with its Anlagen and write it to ``target`` atomically."""
    finished = finish(document, progress)
    write_atomically(finished.content, target)
    return finished
