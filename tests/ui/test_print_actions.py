"""Drucken… and Als PDF speichern… driven as a caseworker would: real PDFs written, printed and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2014,
    agreement_id,
    paper_id,
)
from zv_desktop.core.progress import Progress
from zv_desktop.core.services import papers
from zv_desktop.core.store import Store
from zv_desktop.ui import print_actions, print_pages
from zv_desktop.ui.comparison_view import show_comparison_for
from zv_desktop.ui.dashboard import show_dashboard
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.print_preview import PrintPreview
from zv_desktop.ui.time_series_view import show_time_series

from ..reports.pdf_reading import flat, reader
from .conftest import SaveAs, show_active

METTMANN_2014 = agreement_id(AGREEMENT_METTMANN_2014)
PAPER = paper_id("50/003/2022")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDFs that would have opened in the system's viewer."""
    seen: list[Path] = []
    monkeypatch.setattr(print_actions, "open_in_viewer", seen.append)
    return seen


@pytest.fixture
def window(qtbot: QtBot, demo: Store, boxes: list[tuple[str, str]], opened: list[Path]) -> MainWindow:
    w = MainWindow(demo)
    show_active(qtbot, w)
    return w


def _printer(monkeypatch: pytest.MonkeyPatch, out: Path, pages: tuple[int, int] | None = None, dpi: int = 100):
    """A PDF printer writing to ``out``, and a print dialog that is accepted at once (with ``pages`` as range)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(dpi)
    asked: list[tuple[int, int, bool]] = []

    class Accepting(QPrintDialog):
        def exec(self) -> int:
            ranged = bool(self.options() & QAbstractPrintDialog.PrintDialogOption.PrintPageRange)
            asked.append((self.minPage(), self.maxPage(), ranged))
            if pages is not None:
                self.printer().setPrintRange(QPrinter.PrintRange.PageRange)
                self.printer().setFromTo(*pages)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(print_actions, "new_printer", lambda: printer)
    monkeypatch.setattr(print_actions, "QPrintDialog", Accepting)
    return asked


def shown_preview(owner: QWidget) -> PrintPreview:
    """The Druckvorschau that Drucken… opened over ``owner``'s window (once the event loop has made it active)."""
    QApplication.processEvents()
    previews = [p for p in owner.findChildren(PrintPreview) if p.isVisible()]
    assert len(previews) == 1, previews
    return previews[0]


def _finished(job: print_actions.Job):  # type: ignore[no-untyped-def]
    from zv_desktop.core.reports.output import finish

    return finish(job.make(job.store, Progress()))


def _ink(pdf: bytes | Path, index: int) -> float:
    """The share of dark pixels on a page, rendered as the printing does."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = print_pages.render_page(document[index], 40).convertToFormat(QImage.Format.Format_Grayscale8)
    finally:
        document.close()
    data, line = bytes(image.constBits()), image.bytesPerLine()
    dark = sum(sum(1 for v in data[y * line : y * line + image.width()] if v < 128) for y in range(image.height()))
    return dark / (image.width() * image.height())


def _sizes(path: Path) -> list[str]:
    return ["quer" if p.mediabox.width > p.mediabox.height else "hoch" for p in reader(path).pages]


def test_actions_follow_what_the_window_shows(window: MainWindow, demo: Store) -> None:
    files = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Datei")
    texts = [a.text() for a in files.actions() if a.text()]
    assert "D&rucken…" in texts and "Als &PDF speichern…" in texts
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) == len(set(letters)), texts
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert not window.print_action.isEnabled() and not window.pdf_action.isEnabled()
    goal = demo.find(model.Goal, "agreement_id = ?", (METTMANN_2014,))[0]
    for kind, key in (("agreement", METTMANN_2014), ("goal", goal.id), ("values", METTMANN_2014), ("paper", PAPER)):
        window.open_record(kind, key)
        assert window.print_action.isEnabled() and window.pdf_action.isEnabled(), kind
        job = print_actions.shown_job(window)
        assert job is not None and ("Vorlage" if kind == "paper" else "Zielvereinbarung") in job.label
    window.pages.setCurrentWidget(window.welcome)
    assert not window.print_action.isEnabled() and not window.pdf_action.isEnabled()


def test_save_agreement_writes_the_pdf_and_opens_it(
    window: MainWindow, demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path], boxes
) -> None:
    window.open_record("agreement", METTMANN_2014)
    dialog = SaveAs(monkeypatch, tmp_path / "out" / "zv-2014")  # typed without ".pdf"
    (tmp_path / "out").mkdir()
    window.pdf_action.trigger()
    target = tmp_path / "out" / "zv-2014.pdf"
    assert opened == [target] and boxes == []
    assert dialog.suggested[0].name == (
        "Zielvereinbarung 2014 Agentur für Arbeit Mettmann – Jobcenter ME-aktiv – Kreis Mettmann.pdf"
    )
    assert flat(target).count(demo.get(model.Agreement, METTMANN_2014).title) >= 1
    pages = len(reader(target).pages)
    assert window.statusBar().currentMessage() == f"PDF gespeichert: {target} ({pages} Seiten)"
    saved = target.read_bytes()
    window.pdf_action.trigger()  # again without ".pdf": the dialog could not ask about replacing "zv-2014.pdf"
    assert boxes == [("question", f"„{target}“ gibt es schon. Ersetzen?")]
    assert target.read_bytes() == saved and opened == [target]  # answered "Nein"
    assert dialog.suggested[1].parent == tmp_path / "out"  # the next time the dialog starts in that folder


def test_existing_file_is_replaced_atomically(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    folder = tmp_path / "ablage"
    folder.mkdir()
    target = folder / "Vorlage.pdf"
    target.write_bytes(b"alter Stand")
    window.open_record("paper", PAPER)
    SaveAs(monkeypatch, target)
    window.pdf_action.trigger()
    assert target.read_bytes().startswith(b"%PDF-") and "Sachstandsbericht" in flat(target)
    assert [p.name for p in folder.iterdir()] == ["Vorlage.pdf"]  # no temp file left beside it
    assert opened == [target]


@pytest.mark.parametrize("where", ["missing-folder", "folder-in-the-way"])
def test_unwritable_target_shows_the_german_error_and_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes, opened: list[Path], where: str
) -> None:
    folder = tmp_path / "ziel"
    folder.mkdir()
    if where == "missing-folder":
        target = folder / "fehlt" / "zv.pdf"
    else:
        target = folder / "zv.pdf"
        target.mkdir()  # a folder of that name: the file cannot take its place
    window.open_record("agreement", METTMANN_2014)
    SaveAs(monkeypatch, target)
    window.pdf_action.trigger()
    assert len(boxes) == 1 and boxes[0][0] == "warning"
    assert "PDF-Datei" in boxes[0][1] and str(target.parent) in boxes[0][1]  # German, names the place
    assert not target.is_file() and opened == []
    assert [p for p in folder.rglob("*") if p.is_file()] == []  # no temp file left behind
    assert window.settings.value(print_actions.FOLDER_KEY) == ""


def test_print_all_pages_by_shortcut(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes
) -> None:
    out = tmp_path / "gedruckt.pdf"
    asked = _printer(monkeypatch, out, dpi=300)
    window.open_record("agreement", METTMANN_2014)
    original = _finished(print_actions.agreement_job(window.store, METTMANN_2014))  # type: ignore[arg-type]
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # the preview opens ...
    preview = shown_preview(window)
    assert asked == [] and preview.view.page_count() == original.pages
    qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # ... and Strg+P there prints
    assert asked == [(1, original.pages, True)]
    assert len(reader(out).pages) == original.pages and boxes == []
    for page in (0, original.pages - 1):  # the printed pages carry the document's text, not blank or garbled
        assert _ink(out, page) == pytest.approx(_ink(original.content, page), rel=0.25)
    assert window.statusBar().currentMessage().startswith("Gedruckt: Zielvereinbarung 2014")


def test_print_a_page_range_keeps_landscape_pages(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "seiten.pdf"
    asked = _printer(monkeypatch, out, pages=(2, 3))
    dashboard = show_dashboard(window)
    qtbot.addWidget(dashboard)
    dashboard.year.setCurrentIndex(dashboard.year.findData(2014))
    dashboard.month.setCurrentIndex(dashboard.month.findData(9))
    whole = tmp_path / "ganz.pdf"
    SaveAs(monkeypatch, whole)
    dashboard.printing.pdf_button.click()
    dashboard.activateWindow()
    QApplication.processEvents()
    qtbot.keyClick(dashboard.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Strg+P in its own window
    shown_preview(dashboard).print_button.click()
    assert asked == [(1, len(reader(whole).pages), True)]
    assert len(reader(out).pages) == 2
    assert _sizes(out) == _sizes(whole)[1:3] == ["quer", "hoch"]  # the report turns from landscape to portrait


def test_dashboard_saves_the_report_of_its_choice(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    dashboard = show_dashboard(window)
    qtbot.addWidget(dashboard)
    dashboard.year.setCurrentIndex(dashboard.year.findData(2014))
    dashboard.month.setCurrentIndex(dashboard.month.findData(9))
    QApplication.processEvents()
    assert dashboard.printing.pdf_button.accessibleName() == "Als PDF speichern"
    assert dashboard.printing.print_button.accessibleName() == "Drucken"
    dialog = SaveAs(monkeypatch, tmp_path / "bericht.pdf")
    dashboard.printing.pdf_button.click()
    assert dialog.suggested[0].name == "Zielerreichungsbericht 2014 – Berichtsmonat September.pdf"
    text = flat(tmp_path / "bericht.pdf")
    assert "Zielerreichungsbericht 2014" in text and "September" in text
    assert opened == [tmp_path / "bericht.pdf"]
    assert window.statusBar().currentMessage().startswith("PDF gespeichert:")


def test_dashboard_prints_only_the_goals_its_filters_show(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zv_desktop.core.rules.achievement import Light

    dashboard = show_dashboard(window)
    qtbot.addWidget(dashboard)
    dashboard.year.setCurrentIndex(dashboard.year.findData(2014))
    dashboard.month.setCurrentIndex(dashboard.month.findData(9))
    dashboard.light.setCurrentIndex(dashboard.light.findData(Light.AMBER.value))
    QApplication.processEvents()
    SaveAs(monkeypatch, tmp_path / "gefaehrdet.pdf")
    dashboard.printing.pdf_button.click()
    text = flat(tmp_path / "gefaehrdet.pdf")
    assert "Auswahl: Ampel „gefährdet“ – 2 Ziele" in text
    assert "Soll-Ausstattung des Jobcenters" in text and "Vermeidung von langfristigem Leistungsbezug" in text
    assert "Verbesserung der Integration in Erwerbstätigkeit" not in text  # erreicht: filtered out
    dashboard.words.setText("gibt es nicht")
    QApplication.processEvents()
    assert dashboard.proxy.rowCount() == 0 and not dashboard.printing.isEnabled()


def test_comparison_window_prints_the_ticked_agreements(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    kamen = [agreement_id(AGREEMENT_KAMEN_2001), agreement_id(AGREEMENT_KAMEN_2002)]
    view = show_comparison_for(window, kamen)
    assert view is not None and view.printing.isEnabled()
    SaveAs(monkeypatch, tmp_path / "vergleich.pdf")
    view.printing.pdf_button.click()
    assert "Jahresvergleich 2001 → 2002" in flat(tmp_path / "vergleich.pdf")
    view.select_agreements(kamen[:1])  # one agreement: nothing to compare, nothing to print
    assert not view.printing.isEnabled()
    view.close()


def test_time_series_window_saves_its_chart_and_table(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    view = show_time_series(window)  # opens on K2 of the Kreis
    SaveAs(monkeypatch, tmp_path / "zeitreihe.pdf")
    view.printing.pdf_button.click()
    text = flat(tmp_path / "zeitreihe.pdf")
    assert "Zeitreihe – K2 Integrationsquote – Kreis Mettmann" in text and "Jahreswerte" in text
    table = view.model.table
    assert " ".join(table.text(row, key) for row in range(len(table.rows)) for key in table.keys) in text
    view.close()


def test_anlage_that_is_no_pdf_is_reported_after_saving(
    window: MainWindow, demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes
) -> None:
    papers.add_attachment(demo, papers.make_attachment(PAPER, "Tabelle.xlsx", b"PK\x03\x04 keine PDF"))
    window.open_record("paper", PAPER)
    SaveAs(monkeypatch, tmp_path / "vorlage.pdf")
    window.pdf_action.trigger()
    assert (tmp_path / "vorlage.pdf").is_file()
    assert len(boxes) == 1 and boxes[0][0] == "warning" and "„Tabelle.xlsx“ ist keine PDF-Datei" in boxes[0][1]


def test_cancel_while_building_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes, opened: list[Path]
) -> None:
    def cancel_at_first_page(self: Progress, done: int, total: int, text: str = "") -> None:
        self.cancel()  # as the dialog's Abbrechen does
        self.check()

    monkeypatch.setattr(Progress, "update", cancel_at_first_page)
    dialog = SaveAs(monkeypatch, tmp_path / "nie.pdf")
    out = tmp_path / "nie-gedruckt.pdf"
    asked = _printer(monkeypatch, out)
    window.open_record("agreement", METTMANN_2014)
    window.pdf_action.trigger()
    window.print_action.trigger()
    assert dialog.suggested == [] and asked == [] and boxes == [] and opened == []
    assert not (tmp_path / "nie.pdf").exists() and not out.exists()


def test_cancel_while_printing_leaves_no_half_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes
) -> None:
    class CancelledAfterOnePage(QProgressDialog):
        checks = 0

        def wasCanceled(self) -> bool:
            CancelledAfterOnePage.checks += 1
            return CancelledAfterOnePage.checks > 1

    monkeypatch.setattr(print_pages, "QProgressDialog", CancelledAfterOnePage)
    out = tmp_path / "abgebrochen.pdf"
    _printer(monkeypatch, out)
    window.open_record("agreement", METTMANN_2014)
    window.print_action.trigger()
    preview = shown_preview(window)
    preview.print_button.click()
    assert preview.isVisible()  # not printed: the preview stays open
    assert CancelledAfterOnePage.checks == 2 and not out.exists() and boxes == []
    assert not window.statusBar().currentMessage().startswith("Gedruckt")
