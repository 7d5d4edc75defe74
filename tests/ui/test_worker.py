"""Long work in the background: result and errors come back, a dialog appears after half a second, Abbrechen stops it."""

from __future__ import annotations

import itertools
import shutil
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.store import open_store
from zv_desktop.ui.worker import run_with_progress

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_quick_work_returns_its_result_without_a_dialog(qapp: QApplication) -> None:
    assert run_with_progress(None, "kurz", lambda progress: 6 * 7) == 42
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_errors_of_the_work_arrive_on_the_ui_thread(qapp: QApplication) -> None:
    def fail(progress: Progress) -> None:
        raise DataFileError("Die Datei ist beschädigt.")

    with pytest.raises(DataFileError, match="beschädigt"):
        run_with_progress(None, "fehlerhaft", fail)


def test_slow_work_shows_the_dialog_and_can_be_cancelled(qapp: QApplication) -> None:
    """No timing is assumed: the work runs until it is cancelled, and the test presses Abbrechen as soon as the
    dialog shows (it looks every 20 ms)."""
    seen: list[str] = []
    steps: list[int] = []

    def press_cancel() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible() and not seen:
                seen.append(widget.labelText())
                button = widget.findChild(QPushButton)
                assert button is not None and button.text() == "Abbrechen"
                button.click()

    def slow(progress: Progress) -> str:
        for step in itertools.count():  # until Abbrechen (pytest-timeout ends a hang)
            progress.update(step, 0, f"Schritt {step}")
            steps.append(step)
            time.sleep(0.005)
        return "nie"

    looking = QTimer()
    looking.timeout.connect(press_cancel)
    looking.start(20)
    with pytest.raises(Cancelled):
        run_with_progress(None, "Lange Arbeit …", slow)
    looking.stop()
    assert seen and seen[0].startswith("Schritt")


def test_cancelled_backup_leaves_the_old_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "alt.sqlite"
    shutil.copy(FIXTURES / "schema_v1.sqlite", path)
    before = path.read_bytes()
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        open_store(path, progress=progress)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alt.sqlite"]


def test_no_click_or_key_reaches_a_window_while_the_work_runs(qapp: QApplication) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    field.show()
    clicked: list[bool] = []
    button = QPushButton("Speichern")
    button.clicked.connect(lambda: clicked.append(True))
    button.show()

    meddled = threading.Event()

    def meddle() -> None:  # the user types and clicks while the import runs (before its dialog shows, too)
        QTest.keyClicks(field, "99")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        meddled.set()

    def slow(progress: Progress) -> str:
        assert meddled.wait(30)  # the work lasts until the user has typed and clicked
        return "fertig"

    QTimer.singleShot(0, meddle)
    assert run_with_progress(None, "Import …", slow) == "fertig"
    assert field.text() == "" and clicked == []
    QTest.keyClicks(field, "7")  # afterwards everything works again
    assert field.text() == "7"
    field.close()
    button.close()
