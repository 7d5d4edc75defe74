"""Datei → Austauschdatei übernehmen / ansehen, and the open conflicts of earlier merges.

The received file passes the untrusted-file gate first (a checked private copy); the user's own file is written
only when the user confirms the preview, after a backup, in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.office.describe import ChangeText, describe_preview
from zv_desktop.core.exchange.office.gate import ReceivedFile, receive
from zv_desktop.core.exchange.office.merge import Decisions, MergeResult, Preview, apply_merge, preview_merge
from zv_desktop.core.exchange.office.merge_plan import RowChange
from zv_desktop.core.exchange.office.open_conflicts import decide_open, open_conflicts
from zv_desktop.core.formats import format_number
from zv_desktop.core.progress import Cancelled
from zv_desktop.core.store import Store
from zv_desktop.ui.exchange_conflicts import ConflictEntry, ConflictPanel
from zv_desktop.ui.exchange_preview import LIST_LIMIT, MergeDialog
from zv_desktop.ui.file_actions import start_folder
from zv_desktop.ui.worker import run_with_progress

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow

EXCHANGE_FILTER = "Austauschdateien (*.zvx);;ZV-Dateien (*.sqlite *.zv);;Alle Dateien (*)"
_TITLE = "Austauschdatei übernehmen"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeReceive", text)


def _ask_file(window: MainWindow, caption: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(window, caption, start_folder(window), _tr(EXCHANGE_FILTER))
    return Path(name) if name else None


def _gate(window: QWidget, path: Path, title: str) -> ReceivedFile | None:
    """The received file through the gate, in the background; a refusal is shown in German (None)."""
    try:
        return run_with_progress(window, _tr("Die Austauschdatei wird geprüft …"), lambda _p: receive(path))
    except Cancelled:
        return None
    except ZvError as exc:
        QMessageBox.critical(window, _tr(title), str(exc))
        return None


def build_preview(
    store: Store, received: ReceivedFile, refused: frozenset[tuple[str, str]]
) -> tuple[Preview, list[tuple[RowChange, ChangeText]]]:
    preview = preview_merge(store, received, refused)
    return preview, describe_preview(store, preview, LIST_LIMIT)


def receive_exchange(window: MainWindow, path: Path | None = None) -> MergeResult | None:
    """Datei → Austauschdatei übernehmen…: gate, preview, decisions, merge; returns what the merge did (or None)."""
    store = window.store
    if store is None:
        return None
    if store.read_only:
        QMessageBox.information(window, _tr(_TITLE), store.read_only_reason)
        return None
    path = path or _ask_file(window, _tr(_TITLE))
    if path is None:
        return None
    received = _gate(window, path, _TITLE)
    if received is None:
        return None
    try:
        return _preview_and_merge(window, store, received)
    finally:
        received.close()


def _preview_and_merge(window: MainWindow, store: Store, received: ReceivedFile) -> MergeResult | None:
    def rebuild(refused: frozenset[tuple[str, str]]) -> tuple[Preview, list[tuple[RowChange, ChangeText]]] | None:
        try:
            return run_with_progress(
                window, _tr("Die Vorschau wird erstellt …"), lambda _p: build_preview(store, received, refused)
            )
        except Cancelled:
            return None
        except ZvError as exc:
            QMessageBox.critical(window, _tr(_TITLE), str(exc))
            return None

    first = rebuild(frozenset())
    if first is None:
        return None
    dialog = MergeDialog(*first, rebuild=rebuild, view=lambda: view_exchange(window, received.source), parent=window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.preview.plan.empty:
        return None
    return _merge(window, store, dialog)


def _merge(window: MainWindow, store: Store, dialog: MergeDialog) -> MergeResult | None:
    preview, choices = dialog.preview, dialog.conflicts.choices()
    try:
        result = run_with_progress(
            window,
            _tr("Die Austauschdatei wird übernommen …"),
            lambda _p: apply_merge(store, preview, Decisions(choices=choices)),
        )
    except ZvError as exc:  # nothing was written (one transaction)
        QMessageBox.critical(window, _tr(_TITLE), str(exc))
        return None
    if window.controller is not None:
        window.controller.changed.emit()
    QMessageBox.information(window, _tr(_TITLE), result_text(result))
    return result


def result_text(result: MergeResult) -> str:
    """What the merge did, in German."""
    lines = [
        _tr("Übernommen: {taken}, entschieden: {decided}, offen: {left}.").format(
            taken=format_number(result.taken),
            decided=format_number(result.decided),
            left=format_number(result.left_open),
        )
    ]
    if result.backup is not None:
        lines.append(_tr("Sicherung vorher: {path}").format(path=result.backup))
    if result.left_open:
        lines.append(
            _tr("Offene Konflikte behalten Ihre Fassung; entscheiden später mit Datei → Offene Austauschkonflikte.")
        )
    lines.extend(result.notes)
    return "\n".join(lines)


def view_exchange(window: MainWindow, path: Path | None = None) -> QWidget | None:
    """Datei → Austauschdatei ansehen…: the received file read-only in a window of its own (its own private copy)."""
    path = path or _ask_file(window, _tr("Austauschdatei ansehen"))
    if path is None:
        return None
    received = _gate(window, path, "Austauschdatei ansehen")
    if received is None:
        return None
    from zv_desktop.ui.exchange_view import open_view_window

    try:
        view = open_view_window(received, window.settings)
    except ZvError as exc:
        received.close()
        QMessageBox.critical(window, _tr("Austauschdatei ansehen"), str(exc))
        return None
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.exchange_views.append(view)
    view.destroyed.connect(lambda: window.exchange_views.remove(view) if view in window.exchange_views else None)
    view.show()
    return view


class OpenConflictsDialog(QDialog):
    """Datei → Offene Austauschkonflikte…: conflicts left for later, decided side by side."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Offene Austauschkonflikte"))
        self.resize(1000, 600)
        entries = [ConflictEntry(c.change, c.text, c.from_office) for c in open_conflicts(store)]
        self.panel = ConflictPanel(entries, self)
        intro = QLabel(
            _tr(
                "{n} Konflikte aus früheren Austauschdateien sind offen; bis zur Entscheidung gilt Ihre Fassung."
            ).format(n=format_number(len(entries))),
            self,
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_tr("Entscheidungen &speichern"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)


def show_open_conflicts(window: MainWindow) -> int:
    """Decide open conflicts of earlier merges; returns how many were decided."""
    store = window.store
    if store is None:
        return 0
    dialog = OpenConflictsDialog(store, window)
    if not dialog.panel.entries:
        QMessageBox.information(window, _tr("Offene Austauschkonflikte"), _tr("Es gibt keine offenen Konflikte."))
        return 0
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.panel.choices():
        return 0
    return _decide(window, store, dialog.panel.choices())


def _decide(window: MainWindow, store: Store, choices: dict[Any, Any]) -> int:
    try:
        decided = decide_open(store, choices)
    except ZvError as exc:
        QMessageBox.warning(window, _tr("Offene Austauschkonflikte"), str(exc))
        return 0
    if window.controller is not None:
        window.controller.changed.emit()
    window.statusBar().showMessage(_tr("{n} Konflikte entschieden.").format(n=format_number(decided)), 20_000)
    return decided
