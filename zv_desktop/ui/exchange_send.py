"""Datei → Für Austausch speichern…: the whole file, a selection of Träger, years and agreements, or only the changes
since the last exchange with an office, written as an exchange file (.zvx) for another office."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.office.export import ExportResult, export_exchange, with_extension
from zv_desktop.core.exchange.office.gate_files import size_text
from zv_desktop.core.exchange.office.manifest import EXTENSION
from zv_desktop.core.exchange.office.partners import Partner, known_partners
from zv_desktop.core.exchange.office.scope import Selection
from zv_desktop.core.progress import Cancelled
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import local_time_text
from zv_desktop.ui.file_actions import start_folder
from zv_desktop.ui.worker import run_with_progress

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow

_TITLE = "Für Austausch speichern"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeSend", text)


def _checklist(parent: QWidget, name: str, items: list[tuple[str, object]]) -> QListWidget:
    box = QListWidget(parent)
    box.setAccessibleName(name)
    for text, data in items:
        item = QListWidgetItem(text, box)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
    return box


def _checked(box: QListWidget) -> list[object]:
    return [
        box.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(box.count())
        if box.item(i).checkState() is Qt.CheckState.Checked
    ]


class SendDialog(QDialog):
    """What goes into the exchange file."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr(_TITLE))
        self.resize(820, 520)
        self.whole = QRadioButton(_tr("&Ganze Datei"), self)
        self.chosen = QRadioButton(_tr("&Auswahl (wo nichts angekreuzt ist: alle)"), self)
        self.delta = QRadioButton(_tr("&Nur Änderungen seit dem letzten Austausch mit:"), self)
        group = QButtonGroup(self)
        for button in (self.whole, self.chosen, self.delta):
            group.addButton(button)
        self.whole.setChecked(True)
        self.partner = QComboBox(self)
        self.partner.setAccessibleName(_tr("Dienststelle"))
        self.known: list[Partner] = known_partners(store)
        for partner in self.known:
            when = local_time_text(partner.last_exchange) if partner.last_exchange else _tr("nie")
            self.partner.addItem(_tr("{office} (zuletzt {when})").format(office=partner.label, when=when), partner)
        self.delta.setEnabled(bool(self.known))
        if not self.known:
            self.partner.setPlaceholderText(_tr("noch kein Austausch – zuerst eine Datei der Dienststelle übernehmen"))
        parties = sorted(store.find(model.Party), key=lambda p: p.name.casefold())
        found = sorted(store.find(model.Agreement), key=lambda a: (a.year, a.title))
        self.parties = _checklist(self, _tr("Träger"), [(p.name, p.id) for p in parties])
        self.years = _checklist(self, _tr("Jahre"), [(str(y), y) for y in sorted({a.year for a in found})])
        self.agreements = _checklist(self, _tr("Zielvereinbarungen"), [(f"{a.year} – {a.title}", a.id) for a in found])
        self.attachments = QCheckBox(_tr("Anlagen der Vorlagen &mitgeben"), self)
        self.attachments.setChecked(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_tr("&Speichern unter…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        for column, (label, box) in enumerate(
            ((_tr("Träger"), self.parties), (_tr("Jahre"), self.years), (_tr("Zielvereinbarungen"), self.agreements))
        ):
            grid.addWidget(QLabel(label, self), 0, column)
            grid.addWidget(box, 1, column)
        for column, stretch in enumerate((3, 1, 4)):
            grid.setColumnStretch(column, stretch)
        layout = QVBoxLayout(self)
        for widget in (self.whole, self.chosen):
            layout.addWidget(widget)
        layout.addLayout(grid, 1)
        layout.addWidget(self.attachments)
        layout.addWidget(self.delta)
        layout.addWidget(self.partner)
        layout.addWidget(buttons)
        group.buttonToggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        for box in (self.parties, self.years, self.agreements):
            box.setEnabled(self.chosen.isChecked())
        self.attachments.setEnabled(not self.delta.isChecked())
        self.partner.setEnabled(self.delta.isChecked())

    def selection(self) -> Selection:
        """The content the user picked (everything for „Ganze Datei“ and for a delta)."""
        if not self.chosen.isChecked():
            return Selection()
        return Selection(
            parties=[str(p) for p in _checked(self.parties)],
            years=[int(str(y)) for y in _checked(self.years)],
            agreements=[str(a) for a in _checked(self.agreements)],
            attachments=self.attachments.isChecked(),
        )

    def chosen_partner(self) -> Partner | None:
        """The office of „Nur Änderungen seit …“ (None for the other two choices)."""
        if not self.delta.isChecked():
            return None
        partner = self.partner.currentData()
        return partner if isinstance(partner, Partner) else None


def _suggested_name(store: Store, partner: Partner | None) -> str:
    office = (store.site_name or "ZV").replace("/", "-").replace(" ", "-")
    extra = f"-fuer-{partner.office_name.replace(' ', '-')}" if partner else ""
    return f"austausch-{office}{extra}-{date.today():%Y-%m-%d}{EXTENSION}"


def result_text(result: ExportResult) -> str:
    """The file written, its size and what it holds, in German."""
    lines = [
        _tr("„{file}“ geschrieben ({content}, {size}).").format(
            file=result.path, content=result.manifest.kind_text, size=size_text(result.size)
        )
    ]
    return "\n".join([*lines, *result.manifest.count_lines()])


def send_exchange(window: MainWindow) -> ExportResult | None:
    """Ask what to send and where, write the exchange file in the background, say what it holds."""
    store = window.store
    if store is None:
        return None
    dialog = SendDialog(store, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    selection, partner = dialog.selection(), dialog.chosen_partner()
    folder = Path(start_folder(window)) / _suggested_name(store, partner)
    filters = _tr("Austauschdateien (*.zvx)")
    name, _ = QFileDialog.getSaveFileName(window, _tr(_TITLE), str(folder), filters)
    if not name:
        return None
    target = with_extension(Path(name))
    try:
        result = run_with_progress(
            window,
            _tr("Die Austauschdatei wird geschrieben …"),
            lambda progress: export_exchange(
                store, target, selection, partner, delta=partner is not None, progress=progress
            ),
        )
    except Cancelled:
        return None
    except ZvError as exc:
        QMessageBox.critical(window, _tr(_TITLE), str(exc))
        return None
    QMessageBox.information(window, _tr(_TITLE), result_text(result))
    return result
