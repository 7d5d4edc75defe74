"""A one-page PDF note: a bold heading and a few lines, in the fonts and the PDF/A form of the printed documents.

The demo's Anlagen are such notes, standing in for documents the seeds do not contain.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from zv_desktop.core.reports.archive import mark_reportlab
from zv_desktop.core.reports.fonts import BOLD, FONT, register_fonts


def note_pdf(title: str, author: str, heading: str, lines: list[str]) -> bytes:
    """The note as PDF/A-2b bytes; the same input always gives the same bytes (no dates, a fixed document id)."""
    buffer = io.BytesIO()
    register_fonts()  # every font embedded, as in the printed documents
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, initialFontName=FONT)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    left, top = 25 * mm, A4[1] - 30 * mm
    pdf.setFont(BOLD, 14)
    pdf.drawString(left, top, heading)
    pdf.setFont(FONT, 12)
    for number, line in enumerate(lines):
        pdf.drawString(left, top - (12 + 7 * number) * mm, line)
    pdf.showPage()
    mark_reportlab(pdf)  # PDF/A-2b like the printed documents, so a handout with it is archivable as a whole
    pdf.save()
    return buffer.getvalue()
