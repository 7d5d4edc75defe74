"""After "Folgejahr anlegen": what was carried over and converted, and the places that still name an earlier year.

The same list („Jahresangaben prüfen…“) stays reachable from the agreement editor until the draft is signed: each
place opens in its editor, unambiguous years can be moved on (with a preview), any place can be confirmed as
correct („bleibt so“). The dialog is not modal, so the user can edit a place and come back; it follows every change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.formats import format_date, format_money
from zv_desktop.core.services import agreements, lifecycle, year_findings, year_references
from zv_desktop.core.services.year_findings import Move, YearFinding
from zv_desktop.ui.undo import ActionController

FINDING = Qt.ItemDataRole.UserRole + 1


def _subheading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: bold; margin-top: 6px;")
    return label


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class MovePreview(QDialog):
    """The preview of „Jahreszahlen fortschreiben“: each place with its text before and after."""

    def __init__(self, moves: list[Move], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Jahreszahlen fortschreiben"))
        self.resize(760, 320)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Diese Texte werden geändert (mit „Rückgängig“ zurückzunehmen):"), self))
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Vorschau der Änderungen"))
        self.table.setHeaderLabels([self.tr("Stelle"), self.tr("Bisher"), self.tr("Neu")])
        self.table.setRootIsDecorated(False)
        for move in moves:
            self.table.addTopLevelItem(QTreeWidgetItem([move.place.label, move.old_text, move.new_text]))
        for column in range(3):
            self.table.resizeColumnToContents(column)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("&Fortschreiben"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setToolTip(self.tr("Die Jahreszahlen in allen gezeigten Texten auf einmal ändern"))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(self.tr("Nichts ändern"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class NextYearDialog(QDialog):
    """The summary of next year's draft (``created``) and the review of its year references."""

    #: Asks to show a place: kind ("agreement", "section", "clause", "goal"), id and the field of the text.
    open_requested = Signal(str, str, str)

    def __init__(
        self, controller: ActionController, agreement_id: str, created: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller, self.agreement_id, self.created = controller, agreement_id, created
        self.setWindowTitle(self.tr("Folgejahr angelegt") if created else self.tr("Jahresangaben prüfen"))
        self.resize(1100, 620)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.carried = QLabel(self)
        self.carried.setWordWrap(True)
        layout.addWidget(self.carried)
        self.converted_label = _subheading(self.tr("Umgerechnet und verschoben"), self)
        layout.addWidget(self.converted_label)
        self.converted = QListWidget(self)
        self.converted.setAccessibleName(self.tr("Umgerechnet und verschoben"))
        self.converted.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(self.converted)
        layout.addWidget(_subheading(self.tr("Jahresangaben"), self))
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.findings = QTreeWidget(self)
        self.findings.setAccessibleName(self.tr("Stellen mit früheren Jahresangaben"))
        self.findings.setHeaderLabels(
            [self.tr("Stelle"), self.tr("Textstelle"), self.tr("Gefunden"), self.tr("Vorschlag"), self.tr("Stand")]
        )
        self.findings.setRootIsDecorated(False)
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.findings.header()
        header.setStretchLastSection(False)
        for column, width in enumerate((340, 400, 130, 150, 80)):
            self.findings.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the excerpt takes what is left
        self.findings.setToolTip(self.tr("Doppelklick oder Eingabetaste öffnet die Stelle"))
        self.findings.itemActivated.connect(lambda _item, _column: self.open_place())
        self.findings.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.findings, 1)
        self.state = QLabel(self)
        layout.addWidget(self.state)
        layout.addLayout(self._buttons())
        controller.changed.connect(self.refresh)
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Stelle ö&ffnen"), self)
        self.open_button.setToolTip(self.tr("Die gewählte Stelle im Editor zeigen, um sie anzupassen"))
        self.confirm_button = QPushButton(self.tr("Bleibt &so"), self)
        self.confirm_button.setToolTip(
            self.tr("Die gewählten Stellen sind richtig, wie sie sind (gilt, solange ihr Text gleich bleibt)")
        )
        self.unconfirm_button = QPushButton(self.tr("Bestätigung &zurücknehmen"), self)
        self.unconfirm_button.setToolTip(self.tr("Die gewählten Stellen wieder als offen führen"))
        self.move_button = QPushButton(self.tr("&Jahreszahlen fortschreiben…"), self)
        self.move_button.setToolTip(
            self.tr("Die eindeutigen Jahreszahlen (das Vorjahr in Titeln) auf das neue Jahr setzen; mit Vorschau")
        )
        close = QPushButton(self.tr("Schließen"), self)
        close.setToolTip(self.tr("Die Liste schließen; sie bleibt im Editor unter „Jahresangaben prüfen…“"))
        self.open_button.clicked.connect(self.open_place)
        self.confirm_button.clicked.connect(lambda: self.confirm(True))
        self.unconfirm_button.clicked.connect(lambda: self.confirm(False))
        self.move_button.clicked.connect(self.move_years_on)
        close.clicked.connect(self.close)
        for button in (self.open_button, self.confirm_button, self.unconfirm_button, self.move_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the draft again (after any change, undo or redo); close if it is gone."""
        store = self.controller.store
        if not store.exists(model.Agreement, self.agreement_id):
            self.close()
            return
        doc = agreements.load_agreement(store, self.agreement_id)
        a = doc.agreement
        self.review = year_findings.review_of(doc)
        self.signed = a.status.is_signed or store.read_only  # nothing to confirm or move any more
        self.heading.setText(self.tr("{title} ({status})").format(title=a.title, status=a.status.label))
        self._show_summary()
        self.explanation.setText(
            self.tr(
                "Diese Stellen nennen ein früheres Jahr als {year}. Eindeutige (das Vorjahr in einem Titel) lassen "
                "sich fortschreiben; jede andere bitte öffnen und anpassen oder mit „Bleibt so“ bestätigen. "
                "Unterzeichnet werden kann der Entwurf erst, wenn keine Stelle mehr offen ist."
            ).format(year=a.year)
            if self.review.findings
            else self.tr("Keine Stelle nennt ein früheres Jahr als {year}.").format(year=a.year)
        )
        chosen = {f.key for f in self.selected()}
        self.findings.blockSignals(True)
        self.findings.clear()
        for finding in self.review.findings:
            self.findings.addTopLevelItem(self._item(finding, finding.key in self.review.confirmed))
        items = self._items()
        current = next((i for i in items if i.data(0, FINDING).key in chosen), items[0] if items else None)
        if current is not None:
            self.findings.setCurrentItem(current)
        for item in items:
            item.setSelected(item is current or item.data(0, FINDING).key in chosen)
        self.findings.blockSignals(False)
        movable = len(year_references.planned_moves(self.review, doc))
        self.state.setText(
            self.tr("{open} offen · {done} bestätigt · {movable} eindeutig fortzuschreiben").format(
                open=len(self.review.open), done=len(self.review.confirmed), movable=movable
            )
        )
        self.move_button.setEnabled(movable > 0 and not self.signed)
        self._update_buttons()

    def _show_summary(self) -> None:
        s = lifecycle.next_year_summary(self.controller.store, self.agreement_id) if self.created else None
        converted = s is not None and bool(s.amounts or s.deadlines)
        self.carried.setVisible(s is not None)
        self.converted_label.setVisible(converted)
        self.converted.setVisible(converted)
        if s is None:
            return
        self.carried.setText(
            self.tr(
                "Übernommen aus {previous}: {parties} Träger, {sections}, {clauses}, {goals}. "
                "Nicht übernommen: Kennzahlwerte, Kommentare und Erledigt-Daten.{nothing}"
            ).format(
                nothing="" if converted else self.tr(" Kein Betrag war umzurechnen, keine Frist zu verschieben."),
                previous=s.previous_year or self.tr("dem Vorjahr"),
                parties=s.parties,
                sections=_count(s.sections, self.tr("Abschnitt"), self.tr("Abschnitte")),
                clauses=_count(s.clauses, self.tr("Ziffer"), self.tr("Ziffern")),
                goals=_count(s.goals, self.tr("Ziel"), self.tr("Ziele")),
            )
        )
        self.converted.clear()
        for c in s.amounts:
            line = self.tr("Betrag umgerechnet – „{goal}“: {old} → {new}")
            self.converted.addItem(
                line.format(goal=c.goal_title, old=format_money(c.old, True), new=format_money(c.new, True))
            )
        for m in s.deadlines:
            line = self.tr("Frist verschoben – „{goal}“: {old} → {new}")
            self.converted.addItem(line.format(goal=m.goal_title, old=format_date(m.old), new=format_date(m.new)))
        rows = min(self.converted.count(), 5)  # as high as its lines, five at most (it scrolls beyond)
        self.converted.setFixedHeight(rows * max(self.converted.sizeHintForRow(0), 1) + 2 * self.converted.frameWidth())

    def _item(self, finding: YearFinding, confirmed: bool) -> QTreeWidgetItem:
        proposal = self.tr("→ {moved}").format(moved=finding.moved) if finding.unambiguous else self.tr("prüfen")
        state = self.tr("bleibt so") if confirmed else self.tr("offen")
        item = QTreeWidgetItem([finding.place.label, finding.excerpt, finding.found, proposal, state])
        item.setData(0, FINDING, finding)
        item.setToolTip(0, finding.place.label)
        item.setToolTip(1, finding.excerpt)
        item.setToolTip(2, self.tr("{form}, Jahr {year}").format(form=finding.form, year=finding.year))
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        return [item for i in range(self.findings.topLevelItemCount()) if (item := self.findings.topLevelItem(i))]

    def selected(self) -> list[YearFinding]:
        """The findings selected in the list."""
        return [item.data(0, FINDING) for item in self.findings.selectedItems()]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.open_button.setEnabled(bool(chosen))
        self.confirm_button.setEnabled(not self.signed and any(f.key not in self.review.confirmed for f in chosen))
        self.unconfirm_button.setEnabled(not self.signed and any(f.key in self.review.confirmed for f in chosen))

    # -- acting ----------------------------------------------------------------------------

    def open_place(self) -> None:
        """Show the place of the current finding (its goal, or the agreement at that section, clause or field)."""
        item = self.findings.currentItem()
        if item is not None:
            place = item.data(0, FINDING).place
            self.open_requested.emit(place.kind, place.record_id, place.field)

    def confirm(self, confirmed: bool = True) -> None:
        """Confirm the selected findings as correct („bleibt so“), or take that back; one undoable action."""
        keys = [f.key for f in self.selected()]
        if not keys:
            return
        store, agreement_id = self.controller.store, self.agreement_id
        label = self.tr("Jahresangaben bestätigen") if confirmed else self.tr("Bestätigung zurücknehmen")
        self.controller.perform(label, lambda: year_references.confirm(store, agreement_id, keys, confirmed))

    def move_years_on(self) -> None:
        """Preview the unambiguous replacements, then apply them all as one undoable action."""
        store, agreement_id = self.controller.store, self.agreement_id
        moves = year_references.planned_moves(self.review, agreements.load_agreement(store, agreement_id))
        if moves and MovePreview(moves, self).exec() == QDialog.DialogCode.Accepted:
            self.controller.perform(
                self.tr("Jahreszahlen fortschreiben"), lambda: year_references.move_years_on(store, agreement_id)
            )
