"""Druckvorschau: Drucken… shows the very PDF first; pages are browsed, zoomed, then printed, saved or closed."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2001, AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.store import Store
from zv_desktop.ui import print_actions
from zv_desktop.ui.comparison_view import show_comparison_for
from zv_desktop.ui.dashboard import show_dashboard
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.print_preview import GAP, PrintPreview
from zv_desktop.ui.time_series_view import show_time_series

from ..reports.pdf_reading import reader
from .conftest import SaveAs, show_active
from .test_accessibility import _duplicate_shortcuts, _labels_without_buddy, _unnamed
from .test_print_actions import _finished, _printer, shown_preview

METTMANN_2014 = agreement_id(AGREEMENT_METTMANN_2014)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDFs that would have opened in the system's viewer."""
    seen: list[Path] = []
    monkeypatch.setattr(print_actions, "open_in_viewer", seen.append)
    return seen


@pytest.fixture
def window(qtbot: QtBot, demo: Store, boxes: list[tuple[str, str]], opened: list[Path]) -> MainWindow:
    w = MainWindow(demo)
    w.resize(1366, 768)
    show_active(qtbot, w)
    w.open_record("agreement", METTMANN_2014)
    return w


def _open(qtbot: QtBot, window: MainWindow) -> PrintPreview:
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Datei → Drucken…
    preview = shown_preview(window)
    qtbot.waitUntil(lambda: preview.view.rendered_size(0) is not None)
    return preview


def _rendered(preview: PrintPreview) -> list[int]:
    return [i for i in range(preview.view.page_count()) if preview.view.rendered_size(i) is not None]


def test_drucken_opens_the_preview_of_the_whole_document(qtbot: QtBot, window: MainWindow) -> None:
    pages = _finished(print_actions.agreement_job(window.store, METTMANN_2014)).pages  # type: ignore[arg-type]
    preview = _open(qtbot, window)
    assert preview.windowModality() == Qt.WindowModality.WindowModal
    assert preview.windowTitle().startswith("Druckvorschau – Zielvereinbarung 2014")
    assert preview.view.page_count() == pages > 1
    assert preview.page_text() == f"Seite 1 von {pages}" and preview.of.text() == f"von {pages}"
    assert not preview.previous.isEnabled() and preview.next.isEnabled()
    assert _unnamed(preview) == [] and _labels_without_buddy(preview) == [] and _duplicate_shortcuts(preview) == []
    buttons = [b for b in preview.findChildren(QAbstractButton) if b.isVisibleTo(preview)]
    assert all(b.toolTip() for b in buttons), [b.accessibleName() for b in buttons if not b.toolTip()]
    letters = [m.group(1).lower() for b in buttons if (m := re.search(r"&(\w)", b.text()))]
    assert not {"d", "b"} & set(letters)  # the main window's &Datei and &Bearbeiten
    labels = [label.text() for label in preview.findChildren(QLabel)]
    assert "S&eite" in labels
    assert _rendered(preview) != list(range(pages))  # only what is in sight (and a neighbour) is rendered


def test_pages_are_browsed_by_buttons_keys_and_number(qtbot: QtBot, window: MainWindow) -> None:
    preview = _open(qtbot, window)
    count = preview.view.page_count()
    preview.next.click()
    assert preview.page_text() == f"Seite 2 von {count}" and preview.previous.isEnabled()
    preview.last.click()
    assert preview.page_text() == f"Seite {count} von {count}" and not preview.next.isEnabled()
    qtbot.waitUntil(lambda: preview.view.rendered_size(count - 1) is not None)  # rendered once in sight
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    assert preview.page_text() == f"Seite {count - 1} von {count}"
    preview.previous.click()
    assert preview.page.value() == count - 2
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert preview.page.value() == count - 1
    preview.first.click()
    assert preview.page_text() == f"Seite 1 von {count}" and not preview.first.isEnabled()
    preview.page.setFocus()
    preview.page.selectAll()
    qtbot.keyClicks(preview.page, "3")
    qtbot.keyClick(preview.page, Qt.Key.Key_Return)  # a page number typed and confirmed
    assert preview.view.current() == 2
    assert preview.view.verticalScrollBar().value() == preview.view.page_rect(2).top() - GAP  # page 3 at the top
    preview.view.verticalScrollBar().setValue(preview.view.page_rect(1).top())  # scrolling moves the number
    assert preview.page_text() == f"Seite 2 von {count}"


def test_zoom_changes_the_rendered_size(qtbot: QtBot, window: MainWindow) -> None:
    preview = _open(qtbot, window)
    view = preview.view
    assert preview.fit_page.isChecked()  # a whole page in sight to begin with
    assert view.page_rect(0).height() <= view.viewport().height()
    before = view.rendered_size(0)
    assert before is not None
    preview.zoom_in.click()
    assert not preview.fit_page.isChecked() and preview.zoom.text() == f"{round(view.factor() * 100)} %"
    qtbot.waitUntil(lambda: (view.rendered_size(0) or before).width() > before.width())
    larger = view.rendered_size(0)
    assert larger is not None
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # Strg+Minus
    qtbot.waitUntil(lambda: (view.rendered_size(0) or larger).width() < before.width())
    shown, factor = preview.zoom.text(), view.factor()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # Strg+Plus
    assert view.factor() > factor and preview.zoom.text() != shown
    preview.fit_width.click()
    assert preview.fit_width.isChecked() and not preview.fit_page.isChecked()
    assert view.page_rect(0).width() == pytest.approx(view.viewport().width() - 2 * GAP, abs=2)
    wide = view.page_rect(0).width()
    preview.resize(preview.width() - 200, preview.height())  # the width follows the window
    QApplication.processEvents()
    assert view.page_rect(0).width() < wide
    assert view.page_rect(0).width() == pytest.approx(view.viewport().width() - 2 * GAP, abs=2)


def test_drucken_in_the_preview_prints_every_page_and_closes_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes
) -> None:
    out = tmp_path / "gedruckt.pdf"
    asked = _printer(monkeypatch, out)
    preview = _open(qtbot, window)
    count = preview.view.page_count()
    closed: list[int] = []
    preview.finished.connect(closed.append)
    assert asked == [] and not out.exists()  # nothing printed before the user says so
    preview.print_button.click()
    assert asked == [(1, count, True)]  # the existing print dialog, with the page range of the PDF
    assert len(reader(out).pages) == count and boxes == []
    assert closed == [QDialog.DialogCode.Accepted]
    message = window.statusBar().currentMessage()
    assert message.startswith("Gedruckt: Zielvereinbarung 2014") and message.endswith(f"({count} Seiten)")


def test_als_pdf_speichern_in_the_preview_saves_that_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    preview = _open(qtbot, window)
    SaveAs(monkeypatch, tmp_path / "vorschau.pdf")
    preview.pdf_button.click()
    assert opened == [tmp_path / "vorschau.pdf"]
    assert len(reader(tmp_path / "vorschau.pdf").pages) == preview.view.page_count()
    assert preview.isVisible()  # still there for Drucken…


@pytest.mark.parametrize("keys", ["Esc", "Ctrl+W", "button"])
def test_closing_prints_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: str
) -> None:
    asked = _printer(monkeypatch, tmp_path / "nie.pdf")
    preview = _open(qtbot, window)
    closed: list[int] = []
    preview.finished.connect(closed.append)
    if keys == "Esc":
        qtbot.keyClick(preview.view, Qt.Key.Key_Escape)
    elif keys == "Ctrl+W":
        qtbot.keyClick(preview.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    else:
        preview.close_button.click()
    assert closed == [QDialog.DialogCode.Rejected] and asked == []
    assert not (tmp_path / "nie.pdf").exists()


def test_every_print_button_opens_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    dashboard = show_dashboard(window)
    qtbot.addWidget(dashboard)
    dashboard.year.setCurrentIndex(dashboard.year.findData(2014))
    QApplication.processEvents()
    comparison = show_comparison_for(window, [agreement_id(AGREEMENT_KAMEN_2001), agreement_id(AGREEMENT_KAMEN_2002)])
    assert comparison is not None
    series = show_time_series(window)
    for view, title in ((dashboard, "Zielerreichung"), (comparison, "Jahresvergleich"), (series, "Zeitreihe")):
        view.printing.print_button.click()
        preview = shown_preview(view)
        assert title in preview.windowTitle() and preview.view.page_count() >= 1
        preview.close_button.click()
    comparison.close()
    series.close()


def _long_pdf(content: bytes, pages: int) -> bytes:
    """A PDF of at least ``pages`` pages: the given document over and over."""
    source, pdf = pypdfium2.PdfDocument(content), pypdfium2.PdfDocument.new()
    while len(pdf) < pages:
        pdf.import_pages(source)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    source.close()
    return out.getvalue()


def test_a_700_page_report_opens_at_once_and_renders_only_what_is_seen(qtbot: QtBot, window: MainWindow) -> None:
    content = _long_pdf(_finished(print_actions.agreement_job(window.store, METTMANN_2014)).content, 700)  # type: ignore[arg-type]
    start = time.monotonic()
    preview = PrintPreview(window, "Langer Bericht", content)
    qtbot.addWidget(preview)
    preview.resize(1366, 768)
    preview.show()
    qtbot.waitUntil(lambda: preview.view.rendered_size(0) is not None)
    assert time.monotonic() - start < 3  # a few pages rendered, not 700
    count = preview.view.page_count()
    assert count >= 700 and len(_rendered(preview)) <= 3
    preview.last.click()
    qtbot.waitUntil(lambda: preview.view.rendered_size(count - 1) is not None)
    assert preview.page_text() == f"Seite {count} von {count}"
    for _ in range(30):  # browsing on keeps only a few pages in memory
        qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
        QApplication.processEvents()
    qtbot.waitUntil(lambda: preview.view.rendered_size(count - 31) is not None)
    assert len(_rendered(preview)) <= 12
    preview.close()
