"""A Vorlage with its Anlagen is one handout (issue 15, point 3), read back from the PDF: its own pages count the
whole handout, each Anlage page says where it belongs (in the left margin, clear of the Anlage's letterhead), the
viewer's page labels name the Anlagen, and the stamps embed their font once however many pages they mark."""

from __future__ import annotations

from pypdf import PdfReader

from tests.reports.pdf_reading import page_texts, reader
from zv_desktop.core.demo.ids import paper_id
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.paper_report import paper_document
from zv_desktop.core.store import Store

PAPER = "50/015/2012"  # five Anlagen, one page each


def _handout(store: Store) -> tuple[bytes, int, list[str]]:
    document = paper_document(store, paper_id(PAPER))
    finished = finish(document)
    return finished.content, finished.pages, [a.name for a in document.appendices]


def _font_files(pdf: PdfReader) -> set[int]:
    """The embedded font programs of the whole file, by object number."""
    found = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            found.add(descriptor.get_object().raw_get("/FontFile2").idnum)
    return found


def test_the_papers_own_pages_count_the_whole_handout(demo: Store) -> None:
    content, total, names = _handout(demo)
    pages = [" ".join(text.split()) for text in page_texts(content)]
    own = total - len(names)
    assert total == 7 and own == 2
    for number in range(1, own + 1):
        assert f"Seite {number} von {total}" in pages[number - 1]


def test_each_anlage_page_says_where_it_belongs(demo: Store) -> None:
    content, total, names = _handout(demo)
    pages = [" ".join(text.split()) for text in page_texts(content)]
    own = total - len(names)
    for index, name in enumerate(names):
        text = pages[own + index]
        assert f"{name} zur Vorlage {PAPER} · Seite 1 von 1 · Seite {own + index + 1} von {total} insgesamt" in text
        assert "Anlage: Anlage" not in text


def test_the_stamp_runs_up_the_left_margin_clear_of_a_letterhead(demo: Store) -> None:
    content, total, names = _handout(demo)
    page = reader(content).pages[total - 1]
    placed: list[tuple[float, float, list[float]]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if "insgesamt" in text:
            placed.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5], cm))

    page.extract_text(visitor_text=visit)
    [(x, y, matrix)] = placed
    assert x < 25 and y < 100  # within the left margin (< 9 mm), starting low on the page
    assert abs(matrix[1]) > 0.9  # turned by 90°: it runs up the margin, not across the top


def test_page_labels_name_the_anlagen(demo: Store) -> None:
    content, total, names = _handout(demo)
    labels = reader(content).page_labels
    assert labels[:2] == ["1", "2"]
    assert labels[2:] == [f"Anlage {n}, S. 1" for n in range(1, len(names) + 1)]


def test_the_stamps_embed_their_font_once(demo: Store) -> None:
    content, total, names = _handout(demo)
    pdf = reader(content)
    own = total - len(names)
    fonts_own = set().union(*(_font_files_of_page(pdf, i) for i in range(own)))
    fonts_all = _font_files(pdf)
    # the paper's fonts, each Anlage's own font (the demo's placeholders embed two each) and one for all stamps
    anlagen = set().union(*(_font_files_of_page(pdf, i) for i in range(own, total))) - fonts_own
    assert len(anlagen) <= 2 * len(names) + 1
    assert len(fonts_all) == len(fonts_own | anlagen)


def _font_files_of_page(pdf: PdfReader, index: int) -> set[int]:
    found = set()
    for font in pdf.pages[index]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        found.add(descriptor.get_object().raw_get("/FontFile2").idnum)
    return found
