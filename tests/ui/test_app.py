"""Starting the desktop client: it opens a file, refuses a broken one in German, and logs crashes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from zv_desktop import app


@pytest.fixture(autouse=True)
def _user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _keep_hook_and_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """app.main installs its crash handler and runs the event loop; keep both local to each test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_client_opens_a_file_and_quits_cleanly(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "amt.sqlite"
    seen: list[str] = []

    def look_and_close(self: QApplication) -> int:  # stands in for the event loop of a real start
        QApplication.processEvents()
        seen.extend(w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible())
        QApplication.closeAllWindows()
        return 0

    monkeypatch.setattr(QApplication, "exec", look_and_close)
    assert app.main(["--db", str(db)]) == 0
    assert any("amt.sqlite" in title for title in seen)
    assert db.exists()  # a new file was created for a path that did not exist


def test_client_refuses_a_foreign_file_with_a_german_message(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "brief.sqlite"
    db.write_text("kein SQLite", encoding="utf-8")
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    assert app.main(["--db", str(db)]) == 2
    assert messages == [f"Die Datei „{db}“ ist keine ZV-Datei (keine SQLite-Datenbank)."]
    assert db.read_text(encoding="utf-8") == "kein SQLite"


def test_unexpected_error_is_logged_and_shown_in_german(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    try:
        raise RuntimeError("Testfehler im Editor")
    except RuntimeError:
        app._excepthook(*sys.exc_info())  # type: ignore[arg-type]
    reports = list((tmp_path / "state").rglob("absturz-*.log"))
    assert len(reports) == 1 and "Testfehler im Editor" in reports[0].read_text(encoding="utf-8")
    assert "unerwarteter Fehler" in messages[0] and str(reports[0]) in messages[0]


def test_a_damaged_file_met_while_browsing_gets_the_german_message_not_a_crash_report(
    qtbot,
    store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import sqlite3

    from zv_desktop.ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    try:
        raise sqlite3.DatabaseError("database disk image is malformed")
    except sqlite3.DatabaseError:
        app._excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert shown and "ist beschädigt" in shown[0] and store.path.name in shown[0]
    assert list((tmp_path / "state").rglob("absturz-*.log")) == []
    window.close()
