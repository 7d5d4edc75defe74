"""The exchange in the desktop client: the preview of a received file with a conflict decided side by side, a
conflict left for later and decided from the Datei menu, the read-only view with its bar, a refused file, and
sending a selection."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from tests.exchange.offices import JOBCENTER, comment_first_goal, make_offices, send
from tests.ui.conftest import SaveAs, show_active
from zv_desktop.core import model
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.services import catalogue
from zv_desktop.core.store import open_store
from zv_desktop.ui.exchange_conflicts import ConflictPanel
from zv_desktop.ui.exchange_preview import MergeDialog
from zv_desktop.ui.exchange_receive import OpenConflictsDialog, receive_exchange, show_open_conflicts, view_exchange
from zv_desktop.ui.exchange_send import SendDialog, send_exchange
from zv_desktop.ui.main_window import MainWindow


@pytest.fixture
def exchange(demo_file: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    """The Kreis's file and the Jobcenter's September file: a value, and a comment the Kreis changed too."""
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    comment_first_goal(kreis, "Sicht des Kreises")
    goal = comment_first_goal(jobcenter, "Sicht des Jobcenters")
    store = open_store(jobcenter)
    value = store.find(model.KpiValue, "year = 2014 AND period_no = 9")[0]
    value.value = Decimal("21.7")
    store.save(value)
    store.close()
    return kreis, send(jobcenter, tmp_path / "september.zvx"), f"{goal.id}|{value.id}"


@pytest.fixture
def window(qtbot: QtBot, exchange: tuple[Path, Path, str], boxes: list[tuple[str, str]]) -> MainWindow:
    w = MainWindow(open_store(exchange[0]))
    show_active(qtbot, w)
    return w


def _answer(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], act: Callable[[QDialog], bool]) -> list[QDialog]:
    """Stand in for the user in a modal dialog: ``act`` looks and clicks, and says whether to confirm."""
    shown: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        shown.append(dialog)
        dialog.show()
        return int(QDialog.DialogCode.Accepted if act(dialog) else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(cls, "exec", run)
    return shown


def _fields(panel: ConflictPanel) -> list[list[str]]:
    table = panel.fields
    return [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]


def test_the_preview_shows_the_conflict_side_by_side_and_theirs_is_taken(
    window: MainWindow, exchange: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch, boxes: list
) -> None:
    kreis, file, ids = exchange
    goal_id, value_id = ids.split("|")

    def look_and_take(dialog: QDialog) -> bool:
        assert isinstance(dialog, MergeDialog)
        assert JOBCENTER in dialog.sender_label.text()
        kinds = [dialog.counts.verticalHeaderItem(r).text() for r in range(dialog.counts.rowCount())]
        values = kinds.index("Kennzahlwerte")
        assert dialog.counts.item(values, 1).text() == "1"  # one value changed
        assert dialog.counts.item(kinds.index("Ziele"), 3).text() == "1"  # one goal in conflict
        panel = dialog.conflicts
        assert dialog.tabs.currentWidget() is panel
        assert _fields(panel) == [["Kommentar", "Sicht des Kreises", "Sicht des Jobcenters"]]
        assert "auf beiden Seiten geändert" in panel.reason.text()
        assert "testerin" in panel.origins.text()
        panel.take_button.click()
        assert panel.records.item(0).text().endswith("von dort übernommen")
        changes = dialog.changes
        texts = [changes.topLevelItem(i).text(0) for i in range(changes.topLevelItemCount())]
        assert "Kennzahlwerte (1)" in texts
        return True

    shown = _answer(monkeypatch, MergeDialog, look_and_take)
    result = receive_exchange(window, file)
    assert shown and result is not None and result.taken == 1 and result.decided == 1
    assert result.backup is not None and result.backup.exists()
    assert boxes and "Übernommen: 1, entschieden: 1, offen: 0" in boxes[-1][1]
    assert window.store is not None
    assert window.store.get(model.Goal, goal_id).comment == "Sicht des Jobcenters"
    assert window.store.get(model.KpiValue, value_id).value == Decimal("21.7")


def test_cancelling_the_preview_leaves_the_file_byte_identical(
    window: MainWindow, exchange: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kreis, file, _ = exchange
    before = kreis.read_bytes()
    _answer(monkeypatch, MergeDialog, lambda dialog: False)
    assert receive_exchange(window, file) is None
    assert kreis.read_bytes() == before


def test_a_conflict_left_open_is_decided_later_field_by_field(
    window: MainWindow, exchange: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch, boxes: list
) -> None:
    _, file, ids = exchange
    goal_id = ids.split("|")[0]
    _answer(monkeypatch, MergeDialog, lambda dialog: True)  # confirmed without deciding: the conflict stays open
    result = receive_exchange(window, file)
    assert result is not None and result.left_open == 1
    assert "Offene Austauschkonflikte" in boxes[-1][1]
    assert window.store is not None and window.store.get(model.Goal, goal_id).comment == "Sicht des Kreises"

    def choose_theirs_for_the_comment(dialog: QDialog) -> bool:
        assert isinstance(dialog, OpenConflictsDialog)
        combo = dialog.panel.fields.cellWidget(0, 3)
        assert isinstance(combo, QComboBox) and combo.currentText() == "offen"
        combo.setCurrentIndex(combo.findData("theirs"))
        assert dialog.panel.choices() == {("goals", goal_id): "theirs"}
        return True

    _answer(monkeypatch, OpenConflictsDialog, choose_theirs_for_the_comment)
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if "Austauschkonflikte" in a.text().replace("&", "")
    )
    action.trigger()
    assert window.store.get(model.Goal, goal_id).comment == "Sicht des Jobcenters"
    assert show_open_conflicts(window) == 0 and boxes[-1][1] == "Es gibt keine offenen Konflikte."


def test_the_received_file_opens_read_only_with_its_bar_and_its_copy_goes_on_close(
    window: MainWindow, exchange: tuple[Path, Path, str]
) -> None:
    _, file, ids = exchange
    view = view_exchange(window, file)
    assert view is not None
    try:
        bar = view.read_only_banner
        assert bar.isVisible()
        assert bar.text().startswith(f"Austauschdatei von {JOBCENTER}, Stand ") and bar.text().endswith("nur ansehen")
        assert view.store is not None and view.store.read_only
        copy = view.received.copy
        assert copy.exists()
        view.open_record("goal", ids.split("|")[0])
        editor = view.editors["goal"]
        assert editor.banner.isVisibleTo(editor) and editor.banner.text() == bar.text()  # the editor is locked
        assert str(copy) not in [str(p) for p in view.settings.recent_files()]
        assert view in window.exchange_views
    finally:
        view.close()  # deletes the window
    QApplication.processEvents()
    assert not copy.parent.exists()
    assert window.exchange_views == []


def test_a_foreign_file_is_refused_with_a_german_message(
    window: MainWindow, exchange: tuple[Path, Path, str], tmp_path: Path, boxes: list
) -> None:
    kreis = exchange[0]
    window.store.close() if window.store else None
    before = kreis.read_bytes()
    window.store = open_store(kreis)
    foreign = tmp_path / "brief.zvx"
    foreign.write_text("Sehr geehrte Damen und Herren", encoding="utf-8")
    assert receive_exchange(window, foreign) is None
    kind, text = boxes[-1]
    assert kind == "critical" and "brief.zvx" in text and "Traceback" not in text
    window.store.close()
    assert kreis.read_bytes() == before


def test_sending_a_selection_of_one_traeger(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, boxes: list
) -> None:
    target = tmp_path / "ausgang" / "auswahl"
    target.parent.mkdir()
    save = SaveAs(monkeypatch, target)
    chosen: list[str] = []

    def pick_first_traeger(dialog: QDialog) -> bool:
        assert isinstance(dialog, SendDialog)
        assert not dialog.delta.isEnabled()  # no exchange yet: nothing to send changes since
        dialog.chosen.setChecked(True)
        dialog.parties.item(0).setCheckState(Qt.CheckState.Checked)
        chosen.append(dialog.parties.item(0).data(Qt.ItemDataRole.UserRole))
        return True

    _answer(monkeypatch, SendDialog, pick_first_traeger)
    result = send_exchange(window)
    assert result is not None and result.path == target.with_suffix(".zvx") and result.path.exists()
    assert save.suggested[0].name.startswith("austausch-") and save.suggested[0].suffix == ".zvx"
    assert "(Auswahl, " in boxes[-1][1]
    with receive(result.path) as received:
        assert received.manifest is not None
        assert received.manifest["selection"]["parties"] == [chosen[0]]


def test_a_traeger_made_in_both_offices_is_matched_unless_the_user_refuses(
    demo_file: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, boxes: list
) -> None:
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    for path in (kreis, jobcenter):
        store = open_store(path)
        catalogue.save_party(store, model.Party(name="Stadt Erkrath", role=model.PartyRole.STADT))
        store.close()
    file = send(jobcenter, tmp_path / "jc.zvx")
    window = MainWindow(open_store(kreis))
    show_active(qtbot, window)

    def refuse_the_match(dialog: QDialog) -> bool:
        assert isinstance(dialog, MergeDialog)
        matches = dialog.matches
        labels = [matches.item(i).text() for i in range(matches.count())]
        row = next(i for i, text in enumerate(labels) if "Stadt Erkrath" in text)
        assert matches.item(row).checkState() is Qt.CheckState.Checked
        assert dialog.counts.item(0, 0).text() == "0"  # matched: nothing new in Stammdaten
        matches.item(row).setCheckState(Qt.CheckState.Unchecked)  # the user says: not the same Träger
        assert dialog.counts.item(0, 0).text() == "1"  # the preview is built again: now a new Träger
        return True

    _answer(monkeypatch, MergeDialog, refuse_the_match)
    assert receive_exchange(window, file) is not None
    assert window.store is not None
    assert len(window.store.find(model.Party, "name = 'Stadt Erkrath'")) == 2
