"""The table sections of the Vorlage editor: the Beratungsfolge and the Anlagen, each with its buttons."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox, QWidget

from zv_desktop.core.errors import ZvError
from zv_desktop.core.services import papers
from zv_desktop.ui.editors.paper_table import CompletingDelegate, TableSection
from zv_desktop.ui.paper_models import TYPE_LABELS, AttachmentModel, ConsultationModel
from zv_desktop.ui.undo import ActionController

#: Opens a file with the program the system has for it; returns False if there is none.
Opener = Callable[[Path], bool]

#: Kinds of decision offered while typing in the Beratungsfolge.
DECISION_KINDS = ("Kenntnisnahme", "Vorberatung", "Entscheidung", "Beschluss", "Anhörung")


def open_with_system(path: Path) -> bool:
    """Open a file in the viewer the user has for its type."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ConsultationSection(TableSection):
    """The Beratungsfolge: add, remove, reorder steps; cells are edited in place."""

    def __init__(self, controller: ActionController, parent: QWidget) -> None:
        model = ConsultationModel()
        super().__init__(controller, model, parent)
        self.consultations = model
        model.on_edit = self._save_cell
        self._name(self.tr("Beratungs&folge:"), self.tr("Beratungsfolge"))
        self.committees: list[str] = []
        self.table.setItemDelegate(CompletingDelegate(self._words, {1: self.tr("TT.MM.JJJJ")}, self.table))
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.add_button = self._button(
            self.tr("Hinzufügen"), self.tr("Gremium anfügen"), self.add, QKeySequence(Qt.Key.Key_Insert)
        )
        self.remove_button = self._button(
            self.tr("Entfernen"),
            self.tr("Gremium entfernen"),
            self.remove,
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.up_button = self._button(
            self.tr("Nach oben"), self.tr("Gremium nach oben"), lambda: self.move_row(-1), QKeySequence("Alt+Up")
        )
        self.down_button = self._button(
            self.tr("Nach unten"), self.tr("Gremium nach unten"), lambda: self.move_row(1), QKeySequence("Alt+Down")
        )
        self._finish_buttons()

    def _words(self, column: int) -> Sequence[str]:
        if column == 0:
            return [name for name in self.committees if name != self.tr("Neues Gremium")]
        return [self.tr(kind) for kind in DECISION_KINDS] if column == 3 else ()

    def update_buttons(self) -> None:
        up, down = self._move_enabled()
        self.add_button.setEnabled(self.paper_id is not None and not self.read_only)
        self.remove_button.setEnabled(not self.read_only and self.current_id() is not None)
        self.up_button.setEnabled(up)
        self.down_button.setEnabled(down)

    def add(self) -> None:
        """Append a committee and start typing its name."""
        if self.paper_id is None or self.read_only:
            return
        store, paper_id, name = self.controller.store, self.paper_id, self.tr("Neues Gremium")
        step = self._run(self.tr("Gremium hinzufügen"), lambda: papers.add_consultation(store, paper_id, name))
        if step is not None:
            self.select(step.id)
            self.table.setFocus()
            self.table.edit(self.table.currentIndex())

    def remove(self) -> None:
        """Remove the current committee from the Beratungsfolge."""
        record_id, row = self.current_id(), self.table.currentIndex().row()
        if record_id is None or self.read_only:
            return
        store = self.controller.store
        self._run(self.tr("Gremium entfernen"), lambda: papers.delete_consultation(store, record_id))
        self.select(None, row)

    def move_row(self, delta: int) -> None:
        """Move the current committee up (-1) or down (+1)."""
        record_id = self.current_id()
        if record_id is None or self.read_only:
            return
        label = self.tr("Gremium nach oben verschieben") if delta < 0 else self.tr("Gremium nach unten verschieben")
        store = self.controller.store
        self._run(label, lambda: papers.move_consultation(store, record_id, delta))
        self.select(record_id, column=max(0, self.table.currentIndex().column()))

    def _save_cell(self, record_id: str, name: str, value: Any) -> bool:
        labels = {
            "committee": self.tr("Gremium ändern"),
            "meeting_date": self.tr("Sitzungstermin ändern"),
            "role": self.tr("Art der Entscheidung ändern"),
        }
        step, store = self.consultations.with_change(record_id, name, value), self.controller.store
        return self._run(labels[name], lambda: papers.save_consultation(store, step)) is not None


class AttachmentSection(TableSection):
    """The Anlagen: add a file from disk, open it, save it elsewhere, rename (F2), remove, reorder."""

    def __init__(self, controller: ActionController, parent: QWidget, opener: Opener | None = None) -> None:
        super().__init__(controller, AttachmentModel(), parent)
        self.model.on_edit = self._rename
        self._name(self.tr("An&lagen:"), self.tr("Anlagen"))
        self.opener: Opener = opener or open_with_system
        self.folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.EditKeyPressed | triggers.SelectedClicked)
        self.table.activated.connect(lambda _index: self.open_current())
        self.add_button = self._button(
            self.tr("Hinzufügen…"),
            self.tr("Eine Datei als Anlage in die Datendatei übernehmen"),
            self.add,
            QKeySequence(Qt.Key.Key_Insert),
        )
        self.open_button = self._button(
            self.tr("&Öffnen"), self.tr("Anlage anzeigen (Eingabetaste)"), self.open_current
        )
        self.save_button = self._button(
            self.tr("Speichern &unter…"), self.tr("Anlage als Datei speichern"), self.save_current_as
        )
        self.remove_button = self._button(
            self.tr("Entfernen"),
            self.tr("Anlage entfernen"),
            self.remove,
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.up_button = self._button(
            self.tr("Nach oben"), self.tr("Anlage nach oben"), lambda: self.move_row(-1), QKeySequence("Alt+Up")
        )
        self.down_button = self._button(
            self.tr("Nach unten"), self.tr("Anlage nach unten"), lambda: self.move_row(1), QKeySequence("Alt+Down")
        )
        self._finish_buttons()

    def update_buttons(self) -> None:
        up, down = self._move_enabled()
        selected = self.current_id() is not None
        self.add_button.setEnabled(self.paper_id is not None and not self.read_only)
        self.open_button.setEnabled(selected)
        self.save_button.setEnabled(selected)
        self.remove_button.setEnabled(selected and not self.read_only)
        self.up_button.setEnabled(up)
        self.down_button.setEnabled(down)

    def _current(self) -> papers.AttachmentInfo | None:
        record_id = self.current_id()
        return None if record_id is None else self.model.row_at(self.model.row_of(record_id))

    def add(self) -> None:
        """Choose a file and store it in the data file as the last Anlage."""
        if self.paper_id is None or self.read_only:
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Anlage hinzufügen"), self.folder)
        if not chosen:
            return
        path, store, paper_id = Path(chosen), self.controller.store, self.paper_id
        self.folder = str(path.parent)
        work = lambda: papers.add_attachment(store, papers.attachment_from_file(paper_id, path))  # noqa: E731
        added = self._run(self.tr("Anlage hinzufügen"), work)
        if added is not None:
            self.select(added.id)

    def open_current(self) -> None:
        """Write the current Anlage to a private temporary folder and open it in the system's viewer."""
        info = self._current()
        if info is None:
            return
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(prefix="zv-anlagen-", ignore_cleanup_errors=True)
        folder = Path(self._temp.name) / info.sha256[:16]
        target = folder / papers.safe_file_name(info.name, info.mime_type)
        try:
            if not (target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == info.sha256):
                folder.mkdir(exist_ok=True)
                papers.export_attachment(self.controller.store, info.id, target)
        except ZvError as exc:
            self.controller.show_problem(exc)
            return
        if not self.opener(target):
            message = self.tr(
                "Für „{name}“ ist kein Programm zum Anzeigen eingerichtet. Bitte mit „Speichern unter…“ speichern und von dort öffnen."
            )
            QMessageBox.warning(self, self.tr("Anlage öffnen"), message.format(name=target.name))

    def save_current_as(self) -> None:
        """Ask where to, then write the current Anlage there (atomically)."""
        info = self._current()
        if info is None:
            return
        name = papers.safe_file_name(info.name, info.mime_type)
        suffix = Path(name).suffix
        kind = self.tr(TYPE_LABELS.get(info.mime_type, "Datei"))
        filters = ([f"{kind} (*{suffix})"] if suffix else []) + [self.tr("Alle Dateien (*)")]
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Anlage speichern unter"), str(Path(self.folder) / name), ";;".join(filters)
        )
        if not chosen:
            return
        self.folder = str(Path(chosen).parent)
        try:
            papers.export_attachment(self.controller.store, info.id, Path(chosen))
        except ZvError as exc:
            self.controller.show_problem(exc)

    def remove(self) -> None:
        """Remove the current Anlage (Rückgängig brings it back)."""
        record_id, row = self.current_id(), self.table.currentIndex().row()
        if record_id is None or self.read_only:
            return
        store = self.controller.store
        self._run(self.tr("Anlage entfernen"), lambda: papers.delete_attachment(store, record_id))
        self.select(None, row)

    def move_row(self, delta: int) -> None:
        """Move the current Anlage up (-1) or down (+1)."""
        record_id = self.current_id()
        if record_id is None or self.read_only:
            return
        label = self.tr("Anlage nach oben verschieben") if delta < 0 else self.tr("Anlage nach unten verschieben")
        store = self.controller.store
        self._run(label, lambda: papers.move_attachment(store, record_id, delta))
        self.select(record_id)

    def _rename(self, record_id: str, _name: str, value: Any) -> bool:
        store = self.controller.store
        work = lambda: papers.rename_attachment(store, record_id, str(value))  # noqa: E731
        return self._run(self.tr("Anlage umbenennen"), work) is not None
