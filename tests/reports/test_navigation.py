"""Finding one's way in a long achievement report (issue 15, point 4), read back from the PDF: bookmarks Träger →
agreement → goal pointing at the right pages, a contents page whose page numbers are those pages, the Träger and
agreement in every page's header, and every agreement's table in one orientation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.benchmarks.generate_workload import generate
from tests.reports.pdf_reading import reader
from zv_desktop.core.reports.achievement_report import achievement_document
from zv_desktop.core.reports.output import finish
from zv_desktop.core.store import open_store

YEAR = 2010


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    """The 2010 report of a small reference workload: three Kreise, an agreement each, 27 to 39 goals each."""
    path = tmp_path_factory.mktemp("last") / "klein.sqlite"
    generate(path, scale=0.06)
    store = open_store(path)
    try:
        return reader(finish(achievement_document(store, YEAR)).content)
    finally:
        store.close()


def _outline(pdf: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, pdf.get_destination_page_number(item) + 1))  # type: ignore[attr-defined]

    walk(pdf.outline, 0)
    return found


def test_bookmarks_go_traeger_agreement_goal_and_point_at_their_pages(report: PdfReader) -> None:
    outline = _outline(report)
    traeger = [(title, page) for level, title, page in outline if level == 0]
    agreements = [(title, page) for level, title, page in outline if level == 1]
    goals = [(title, page) for level, title, page in outline if level == 2]
    assert [t for t, _ in traeger] == ["Kreis 01", "Kreis 02", "Kreis 03"]
    assert [t for t, _ in agreements] == [f"Zielvereinbarung {YEAR} – Kreis 0{n}" for n in (1, 2, 3)]
    assert len(goals) > 60
    for title, page in agreements:
        assert title in report.pages[page - 1].extract_text()  # the agreement begins there
    for title, page in goals[:10]:
        assert title in report.pages[page - 1].extract_text()  # the goal's block is there
    assert report.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def _lines(pdf: PdfReader, index: int) -> dict[int, list[tuple[float, str]]]:
    """The text pieces of a page by the height they are printed at (rounded to a point): [(x, text)] left to right."""
    found: dict[int, list[tuple[float, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found.setdefault(round(y), []).append((x, text.strip()))

    pdf.pages[index].extract_text(visitor_text=visit)
    return {y: sorted(pieces) for y, pieces in found.items()}


def test_the_contents_page_numbers_are_the_pages_of_the_bookmarks(report: PdfReader) -> None:
    lines = _lines(report, 0)
    printed = {}
    for pieces in lines.values():
        texts = [text for _, text in pieces]
        if len(texts) >= 2 and texts[-1].isdigit():
            printed[texts[0]] = int(texts[-1])  # title … page number, on one line
    expected = {title: page for level, title, page in _outline(report) if level <= 1}
    assert printed == expected


def test_every_page_header_names_the_traeger_and_agreement_it_shows(report: PdfReader) -> None:
    outline = [(title, page) for level, title, page in _outline(report) if level == 0]
    starts = [page for _, page in outline] + [len(report.pages) + 1]
    for (traeger, start), end in zip(outline, starts[1:], strict=True):
        for number in range(start, end):
            text = report.pages[number - 1].extract_text()
            assert f"· {traeger} · Zielvereinbarung {YEAR}" in text, number


def test_the_tables_of_one_handout_share_one_orientation(report: PdfReader) -> None:
    agreement_pages = [page for level, _, page in _outline(report) if level == 1]
    shapes = {
        report.pages[page - 1].mediabox.width > report.pages[page - 1].mediabox.height for page in agreement_pages
    }
    assert len(shapes) == 1


def test_the_report_is_no_slower_to_lay_out_for_its_navigation(tmp_path: Path) -> None:
    """The contents and bookmarks need no second layout pass: the number of pages laid out equals the pages."""
    path = tmp_path / "klein.sqlite"
    generate(path, scale=0.03)
    store = open_store(path)
    laid: list[int] = []

    class Count:
        def update(self, done: int, total: int, text: str) -> None:
            if text.startswith("Seite"):
                laid.append(done)

    try:
        finished = finish(achievement_document(store, YEAR), Count())  # type: ignore[arg-type]
    finally:
        store.close()
    assert max(laid) == finished.pages
