"""A document to a finished PDF: its pages, the appended Anlagen, written atomically (temp file, then rename)."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.constants import PageLabelStyle
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject, TextStringObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from zv_desktop.core.files import write_atomically
from zv_desktop.core.progress import Progress
from zv_desktop.core.reports.archive import is_pdfa, mark_pypdf, mark_reportlab
from zv_desktop.core.reports.document import CREATOR, Appendix, Document, render
from zv_desktop.core.reports.fonts import FONT, register_fonts
from zv_desktop.core.reports.markup import para
from zv_desktop.core.reports.styles import MUTED, make_styles


@dataclass(frozen=True)
class Finished:
    """A finished PDF: its bytes, its page count and what the reader should know (an Anlage left out …)."""

    content: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


_NUMBERED = re.compile(r"^\s*Anlage\b", re.IGNORECASE)


def _notice_page(document: Document, appendix: Appendix, reason: str) -> PdfReader:
    """A page standing in for an Anlage that could not be appended, saying which and why."""
    styles = make_styles()
    name = appendix.name if _NUMBERED.match(appendix.name) else f"Anlage: {appendix.name}"
    story = [para(name, styles.h1), para(f"{reason} Bitte legen Sie die Anlage gesondert bei.", styles.body)]
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


@dataclass(frozen=True)
class _Stamp:
    """What is printed on one page of an Anlage, and where that page is."""

    page: int  # index in the handout
    text: str
    width: float
    height: float
    left: float
    bottom: float


def _stamp(writer: PdfWriter, stamps: list[_Stamp]) -> None:
    """Mark the pages of the Anlagen along their left edge (a letter's left margin, clear of its letterhead): what
    the page is, its page within the Anlage and within the handout, so a loose page is placed. One overlay document
    for all of them, so the font is embedded once."""
    if not stamps:
        return
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=FONT)
    for stamp in stamps:
        canvas.setPageSize((stamp.width, stamp.height))
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        canvas.translate(7 * mm, 15 * mm)
        canvas.rotate(90)
        canvas.drawString(0, 0, stamp.text)
        canvas.restoreState()
        canvas.showPage()
    mark_reportlab(canvas)
    canvas.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue()))
    for stamp, page in zip(stamps, overlay.pages, strict=True):
        writer.pages[stamp.page].merge_transformed_page(page, Transformation().translate(stamp.left, stamp.bottom))


def _with_appendices(document: Document, warnings: list[str], progress: Progress | None) -> tuple[bytes, int]:
    readers = [(appendix, _appendix_reader(document, appendix, warnings)) for appendix in document.appendices]
    rendered = render(document, progress, extra_pages=sum(len(reader.pages) for _, reader in readers))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered.content)))
    total = rendered.pages + sum(len(reader.pages) for _, reader in readers)
    writer.add_outline_item(title=document.title, page_number=0)
    writer.set_page_label(0, rendered.pages - 1, style=PageLabelStyle.DECIMAL, start=1)
    not_pdfa, stamps = [], []
    for number, (appendix, reader) in enumerate(readers, start=1):
        start = len(writer.pages)
        if not is_pdfa(reader):
            not_pdfa.append(appendix.name)
        writer.append(reader, import_outline=False)
        count = len(writer.pages) - start
        writer.set_page_label(
            start, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, prefix=f"Anlage {number}, S. ", start=1
        )
        if appendix.stamp:
            for index in range(count):
                page = writer.pages[start + index]
                text = f"{appendix.stamp} · Seite {index + 1} von {count} · Seite {start + index + 1} von {total} insgesamt"
                box = page.mediabox
                stamps.append(
                    _Stamp(start + index, text, float(box.width), float(box.height), float(box.left), float(box.bottom))
                )
        writer.add_outline_item(title=appendix.name, page_number=start)
    _stamp(writer, stamps)
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
    """The whole PDF of a document, Anlagen appended (an unreadable Anlage becomes a page saying so); the page
    numbers of the document's own pages count the whole handout."""
    warnings = list(document.warnings)
    if not document.appendices:
        rendered = render(document, progress)
        return Finished(rendered.content, rendered.pages, warnings)
    content, pages = _with_appendices(document, warnings, progress)
    return Finished(content, pages, warnings)


def save_pdf(document: Document, target: Path, progress: Progress | None = None) -> Finished:
    """Render the document with its Anlagen and write it to ``target`` atomically."""
    finished = finish(document, progress)
    write_atomically(finished.content, target)
    return finished
