"""Datei → Als Word-Dokument speichern… driven as a caseworker would: the Vorlage and the agreement shown are written
as .docx where the user chooses and opened; on the welcome page the entry is off; cancelling writes nothing."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id, paper_id
from zv_desktop.core.store import Store
from zv_desktop.ui import word_actions
from zv_desktop.ui.main_window import MainWindow

from .conftest import SaveAs, show_active


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    monkeypatch.setattr(word_actions, "open_in_word_processor", seen.append)
    return seen


@pytest.fixture
def window(qtbot: QtBot, demo: Store, opened: list[Path]) -> MainWindow:
    w = MainWindow(demo)
    show_active(qtbot, w)
    return w


def test_the_vorlage_shown_is_saved_as_word_and_opened(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    assert not window.word_action.isEnabled()  # the welcome page: nothing to save
    window.open_record("paper", paper_id("50/003/2022"))
    assert window.word_action.isEnabled()
    target = tmp_path / "vorlage"
    save_as = SaveAs(monkeypatch, target)
    window.word_action.trigger()
    written = tmp_path / "vorlage.docx"  # the suffix is added
    assert opened == [written] and written.exists()
    assert save_as.suggested[0].name == "Vorlage 50-003-2022 – Sachstandsbericht des Sozialamtes.docx"
    document = docx.Document(str(written))
    assert document.core_properties.title == "Vorlage 50/003/2022 – Sachstandsbericht des Sozialamtes"
    assert "Word-Dokument gespeichert" in window.statusBar().currentMessage()


def test_the_agreement_is_saved_and_cancelling_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    window.open_record("agreement", agreement_id(AGREEMENT_METTMANN_2014))
    SaveAs(monkeypatch, None)
    window.word_action.trigger()
    assert opened == [] and list(tmp_path.glob("*.docx")) == []
    SaveAs(monkeypatch, tmp_path / "zv.docx")
    window.word_action.trigger()
    headings = [p.text for p in docx.Document(str(tmp_path / "zv.docx")).paragraphs if p.style.name == "Title"]
    assert headings == ["Zielvereinbarung 2014"]
