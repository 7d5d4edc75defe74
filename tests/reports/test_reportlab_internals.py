"""ReportLab's internals that the reports use (``reports/reportlab_internals.py``): a ReportLab upgrade fails here
first, by version and by what the internals must still do, before a report goes wrong quietly."""

from __future__ import annotations

import io

import reportlab
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from tests.reports.pdf_reading import flat
from zv_desktop.core.reports import reportlab_internals as internals
from zv_desktop.core.reports.document import Document
from zv_desktop.core.reports.fast_table import LEFT, FastTable
from zv_desktop.core.reports.fonts import FONT, register_fonts
from zv_desktop.core.reports.output import finish

#: More than 256 different characters: a TrueType subset holds 256 glyphs, so this text needs two subsets.
LETTERS = (*range(0x41, 0x5B), *range(0xC0, 0x180), *range(0x391, 0x3CA), *range(0x410, 0x450))
MANY = "".join(chr(c) for c in LETTERS if chr(c).isalpha())


def test_the_internals_were_checked_against_this_reportlab() -> None:
    assert reportlab.Version == internals.TESTED_WITH, (
        f"ReportLab {reportlab.Version}: check zv_desktop/core/reports/reportlab_internals.py against it "
        "(Canvas._doc, TTFont.splitString, getSubsetInternalName, _pagesize, KeepTogether._content, _timeStamp, "
        "the catalog's __NoDefault__), then set TESTED_WITH"
    )


def test_text_over_two_subsets_is_written_and_reads_back() -> None:
    register_fonts()
    canvas = Canvas(io.BytesIO())
    document = internals.document_of(canvas)
    pieces = internals.shown_pieces(internals.truetype(FONT), MANY, document)
    assert len({subset for subset, _, _ in pieces}) >= 2
    assert all(name.startswith("/F") and "+" in name and shown.endswith(") Tj") for _, name, shown in pieces)
    assert internals.page_size(canvas) == tuple(float(x) for x in canvas._pagesize)
    words = [MANY[i : i + 40] for i in range(0, len(MANY), 40)]
    pdf = finish(
        Document("Schriftprobe", "Kreis Testland", "Test", [FastTable(["Text"], [[w] for w in words], [None], [LEFT])])
    )
    printed = "".join(flat(pdf.content).split())  # a long word is broken over lines in its cell
    assert all(word in printed for word in words)


def test_kept_together_gives_what_it_holds() -> None:
    first, second = Paragraph("Kopf"), Spacer(1, 10)
    assert internals.kept_together(KeepTogether([first, second])) == [first, second]
    assert internals.kept_together(first) == [first]
