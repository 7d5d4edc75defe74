"""The page frame of every printed document and its rendering to PDF bytes.

DIN A4 portrait, or landscape where a table needs it (``NextPageTemplate(LANDSCAPE)``); 25 mm left margin; a
header with the document's title and the office; a footer with the print date and "Seite X von Y". PDF metadata
carry title, author (the office), subject and the language de-DE; the document is not encrypted and is written as
PDF/A-2b (``archive``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from zv_desktop.core.formats import format_date
from zv_desktop.core.progress import Progress
from zv_desktop.core.reports.archive import mark_reportlab
from zv_desktop.core.reports.fonts import BOLD, FONT, register_fonts
from zv_desktop.core.reports.navigation import HEADER_ATTR, write_bookmarks, write_page_numbers
from zv_desktop.core.reports.reportlab_internals import page_size
from zv_desktop.core.reports.styles import MARK_COLOR, MARK_TINT, MUTED, RULE_COLOR

# page streams stay binary (compressed) instead of ASCII85 text: smaller files, and no pure-Python encoding pass
rl_config.useA85 = 0

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 18 * mm, 22 * mm, 20 * mm
_HEADER_SIZE = 8
CREATOR = "ZV Desktop"


@dataclass
class Appendix:
    """A PDF appended after the document's own pages (the Anlagen of a Vorlage)."""

    name: str
    content: bytes
    #: Printed at the top of each of its pages ("Anlage 1: … zur Vorlage 50/003/2022"), with its page numbers.
    stamp: str = ""


@dataclass
class Document:
    """A printable document: what the header and metadata say, and its flowing content."""

    title: str
    office: str
    subject: str
    story: list[Flowable]
    landscape: bool = False
    appendices: list[Appendix] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    printed: date | None = None
    #: False for a page standing in for an Anlage: it is not part of the document's own count.
    page_numbers: bool = True
    #: A word printed in the header of every page and faintly across it ("ENTWURF" for an unsigned agreement).
    mark: str = ""


def frame_width(orientation: str = PORTRAIT) -> float:
    """The width text and tables can use on a page of this orientation, in points."""
    width = (landscape(A4) if orientation == LANDSCAPE else A4)[0]
    return float(width - LEFT - RIGHT)


def frame_height(orientation: str = PORTRAIT) -> float:
    """The height of the text frame on a page of this orientation, in points."""
    height = (landscape(A4) if orientation == LANDSCAPE else A4)[1]
    return float(height - TOP - BOTTOM)


def _fit(canvas: Canvas, text: str, width: float) -> str:
    """Text cut with "…" so it fits ``width`` in the header font (binary search: fast for any length)."""
    if canvas.stringWidth(text, FONT, _HEADER_SIZE) <= width:
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if canvas.stringWidth(text[:middle] + "…", FONT, _HEADER_SIZE) <= width:
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + "…"


def _draw_mark_under(document: Document) -> Callable[[Canvas, BaseDocTemplate], None]:
    """When a page begins: the draft mark across it, under everything the page will hold."""

    def draw(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if document.mark:
            page_width, page_height = page_size(canvas)
            _draw_mark(canvas, document.mark, page_width, page_height)

    return draw


def _draw_header(document: Document) -> Callable[[Canvas, BaseDocTemplate], None]:
    """When a page is finished: the header (title, the running text of the page, the office) and the print date."""

    def draw(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        page_width, page_height = page_size(canvas)
        y = page_height - TOP + 6 * mm
        usable = page_width - LEFT - RIGHT
        canvas.saveState()
        canvas.setFont(FONT, _HEADER_SIZE)
        canvas.setFillColor(MUTED)
        office = _fit(canvas, document.office, usable * 0.4)
        canvas.drawRightString(page_width - RIGHT, y, office)
        room = usable - canvas.stringWidth(office, FONT, _HEADER_SIZE) - 8 * mm
        if document.mark:
            canvas.setFont(BOLD, _HEADER_SIZE)
            canvas.setFillColor(MARK_COLOR)
            canvas.drawString(LEFT, y, document.mark)
            shift = canvas.stringWidth(document.mark + "  ", BOLD, _HEADER_SIZE)
            canvas.translate(shift, 0)
            room -= shift
            canvas.setFont(FONT, _HEADER_SIZE)
            canvas.setFillColor(MUTED)
        running = getattr(canvas, HEADER_ATTR, "")
        canvas.drawString(LEFT, y, _fit(canvas, f"{document.title} · {running}" if running else document.title, room))
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(FONT, _HEADER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE_COLOR)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, y - 2 * mm, page_width - RIGHT, y - 2 * mm)
        printed = format_date(document.printed or date.today())
        canvas.drawString(LEFT, BOTTOM - 10 * mm, f"Gedruckt am {printed}")
        canvas.restoreState()

    return draw


def _draw_mark(canvas: Canvas, mark: str, width: float, height: float) -> None:
    """The mark faintly across the page, so a copied page still says what it is (a pale solid tint under the
    page's content, not a transparent one: PDF/A for the archive)."""
    canvas.saveState()
    canvas.setFillColor(MARK_TINT)
    canvas.setFont(BOLD, 96)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -32, mark)
    canvas.restoreState()


class _ArchiveCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """A canvas whose document is written as PDF/A-2b (XMP metadata and OutputIntent, see ``archive``)."""

    def save(self) -> None:
        mark_reportlab(self)
        Canvas.save(self)


class _NumberedCanvas(_ArchiveCanvas):
    """A canvas that holds its pages back until the end, to print "Seite X von Y" on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    #: Pages that follow this document's own in the handout (its Anlagen): counted in "Seite x von y".
    extra_pages = 0

    def save(self) -> None:
        total = len(self._held) + self.extra_pages
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            page_width = page_size(self)[0]
            write_bookmarks(self, number)
            write_page_numbers(self, number)
            self.saveState()
            self.setFont(FONT, _HEADER_SIZE)
            self.setFillColor(MUTED)
            self.drawRightString(page_width - RIGHT, BOTTOM - 10 * mm, f"Seite {number} von {total}")
            self.restoreState()
            Canvas.showPage(self)
        _ArchiveCanvas.save(self)


@dataclass(frozen=True)
class Rendered:
    """A document's own pages as PDF."""

    content: bytes
    pages: int


def render(document: Document, progress: Progress | None = None, extra_pages: int = 0) -> Rendered:
    """Lay out the document and return its PDF (without appendices); reports each page to ``progress``.

    ``extra_pages``: the pages of the Anlagen that will follow, so "Seite x von y" counts the whole handout.
    """
    register_fonts()
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=landscape(A4) if document.landscape else A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=document.title,
        author=document.office,
        subject=document.subject,
        creator=CREATOR,
        producer=CREATOR,
        lang="de-DE",
        encrypt=None,
        initialFontName=FONT,  # no page refers to a font that is not embedded (Helvetica)
        initialFontSize=10,
    )
    header, mark = _draw_header(document), _draw_mark_under(document)
    templates = []
    for orientation, size in ((PORTRAIT, A4), (LANDSCAPE, landscape(A4))):
        frame = Frame(LEFT, BOTTOM, size[0] - LEFT - RIGHT, size[1] - TOP - BOTTOM, 0, 0, 0, 0, id=orientation)
        templates.append(PageTemplate(id=orientation, frames=[frame], onPage=mark, onPageEnd=header, pagesize=size))
    if document.landscape:
        templates.reverse()
    template.addPageTemplates(templates)
    pages = 0

    def after_page() -> None:
        nonlocal pages
        pages += 1
        if progress is not None:
            progress.update(pages, 0, f"Seite {pages} gesetzt")

    template.afterPage = after_page
    canvas_class: type[Canvas] = _ArchiveCanvas
    if document.page_numbers:
        canvas_class = type("_HandoutCanvas", (_NumberedCanvas,), {"extra_pages": extra_pages})
    template.build(list(document.story), canvasmaker=canvas_class)
    return Rendered(buffer.getvalue(), pages)
