"""The light table of long reports: header on every page, a huge cell over pages, literal text, alignment, fonts."""

from __future__ import annotations

import re

import pytest
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from tests.reports.pdf_reading import flat, font_files, page_texts, reader
from zv_desktop.core.reports.document import LEFT as PAGE_LEFT
from zv_desktop.core.reports.document import Document, frame_height, frame_width
from zv_desktop.core.reports.fast_table import (
    LEFT,
    RIGHT,
    SIDE_PADDING,
    SIZE,
    Cell,
    FastTable,
    Run,
    wrap_text,
)
from zv_desktop.core.reports.fonts import FONT, register_fonts
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.styles import MUTED

MARKUP = "<b>Test</b> & </para><font size=40>"
HEADER = ["Bezeichnung", "Betrag", "Stand"]


def _pdf(*story: Flowable) -> bytes:
    return finish(Document("Tabellentest", "Kreis Testland", "Test", list(story))).content


def _table(rows: list[list[Cell | str]]) -> FastTable:
    return FastTable(HEADER, rows, [None, 90, 110], [LEFT, RIGHT, LEFT])


def _texts_at(pdf: bytes, page: int = 0) -> list[tuple[str, float]]:
    """Each text line pypdf reads on a page with the x where it starts on the page."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if text.strip():
            found.append((text.strip(), cm[4] + tm[4] * cm[0]))

    reader(pdf).pages[page].extract_text(visitor_text=visit)
    return found


def test_header_is_repeated_on_every_page_and_every_row_printed_once() -> None:
    rows: list[list[Cell | str]] = [[f"Zeile {i}", f"{i * 7},00 €", "offen"] for i in range(300)]
    pages = page_texts(_pdf(_table(rows)))
    assert len(pages) >= 5
    for page in pages:
        assert page.count("Bezeichnung") == 1 and "Betrag" in page and "Stand" in page
    printed = [int(n) for page in pages for n in re.findall(r"Zeile (\d+)\b", page)]
    assert printed == list(range(300))  # in order, none lost, none twice


def test_a_cell_of_5000_words_runs_over_pages_with_every_word() -> None:
    words = " ".join(f"Wort{i}" for i in range(5000))
    rows: list[list[Cell | str]] = [["davor", "1", "a"], [f"ANFANG {words} ENDE", "2", "b"], ["danach", "3", "c"]]
    pages = page_texts(_pdf(_table(rows)))
    assert len(pages) >= 4
    assert all("Bezeichnung" in p for p in pages)  # the header above every piece of the row
    assert "ANFANG" in pages[0] and "davor" in pages[0]  # the long row fills the first page, none left empty
    text = " ".join(pages)
    assert [int(n) for n in re.findall(r"Wort(\d+)\b", text)] == list(range(5000))
    assert text.index("davor") < text.index("ANFANG") < text.index("ENDE") < text.index("danach")


def test_a_row_that_fits_a_page_is_not_cut_at_the_foot_of_one() -> None:
    rows: list[list[Cell | str]] = [["Zeile 0\nZweite\nDritte", "1", "x"], ["Zeile 1", "2", "y"]]
    pages = page_texts(_pdf(Spacer(1, frame_height() - 40), _table(rows)))  # room for the header and one line
    assert "Bezeichnung" not in pages[0] and "Zeile 0" not in pages[0]  # no header alone, no row cut
    assert "Bezeichnung" in pages[1] and "Dritte" in pages[1] and "Zeile 1" in pages[1]


def test_markup_typed_by_a_user_prints_literally() -> None:
    cell = Cell([Run(MARKUP), Run(MARKUP + " klein", FONT, 7, MUTED)], dot=colors.red)
    text = flat(_pdf(_table([[cell, MARKUP, "\x07Steuer\tzeichen\r\nZeile 2"]])))
    assert text.count(MARKUP) == 3 and f"{MARKUP} klein" in text
    assert "● " + MARKUP in text  # the traffic light dot before the first line
    assert "Steuer zeichen Zeile 2" in text


def test_right_aligned_figures_end_at_the_column_edge() -> None:
    figures = ["1 €", "12.345,67 €", "—", "1.234.567.890 €"]
    table = FastTable(["Betrag"], [[f] for f in figures], [120], [RIGHT])
    lines = _texts_at(_pdf(table))
    edge = PAGE_LEFT + 120 - SIDE_PADDING
    register_fonts()
    ends = {text: x + stringWidth(text, FONT, SIZE) for text, x in lines if text in figures}
    assert set(ends) == set(figures)
    assert all(end == pytest.approx(edge, abs=0.02) for end in ends.values()), ends


def test_a_long_word_is_broken_inside_its_column() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze" * 6
    table = FastTable(["Wort"], [[word]], [100])
    lines = _texts_at(_pdf(table))
    pieces = [(text, x) for text, x in lines if text in word]  # not the header, page header or footer
    assert "".join(t for t, _ in pieces) == word
    assert len(pieces) > 3
    assert all(x + stringWidth(t, FONT, SIZE) <= PAGE_LEFT + 100 - SIDE_PADDING + 0.02 for t, x in pieces)


def test_fonts_are_embedded_and_the_table_fills_the_frame() -> None:
    table = _table([["a", "1", "b"]])
    assert table.wrap(frame_width(), 1000)[0] == pytest.approx(frame_width())
    fonts = font_files(_pdf(table))
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_wrapping_keeps_every_word_and_the_width() -> None:
    register_fonts()
    text = "Ein Satz mit einigen Wörtern\nund einem Umbruch " + "x" * 80
    lines = wrap_text(text, FONT, SIZE, 60)
    assert all(width <= 60 + 1e-6 for _, width in lines)
    assert all(width == pytest.approx(stringWidth(line, FONT, SIZE)) for line, width in lines)
    assert "".join(line for line, _ in lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert lines[0][0] == "Ein Satz mit" and wrap_text("", FONT, SIZE, 60) == [("", 0.0)]


def test_rows_need_a_cell_per_column() -> None:
    with pytest.raises(ValueError, match="3 Zellen"):
        _table([["nur zwei", "1"]])
