"""The Vorlage editor: header, impact questions, Beschlussvorschlag, Sachverhalt, Beratungsfolge and Anlagen."""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.formats import FormatError, format_date, parse_date
from zv_desktop.core.services import papers
from zv_desktop.core.services.agreements import list_agreements
from zv_desktop.core.services.catalogue import list_parties
from zv_desktop.ui.editors.base import Editor
from zv_desktop.ui.editors.paper_fields import ImpactBox
from zv_desktop.ui.editors.paper_sections import AttachmentSection, ConsultationSection, Opener
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import CommitTextEdit

PAPER_TYPE_LABELS = {
    model.PaperType.BESCHLUSS: "Beschluss",
    model.PaperType.WAHL: "Wahl",
    model.PaperType.KENNTNISNAHME: "Kenntnisnahme",
}

#: The usual additions before a signature, offered while typing.
CAPACITIES = ["In Vertretung", "Im Auftrag"]


def _set_line(field: QLineEdit, text: str) -> None:
    """Show stored text in a line edit without moving the cursor more than needed."""
    if field.text() != text:
        position = field.cursorPosition()
        field.setText(text)
        field.setCursorPosition(min(position, len(text)))


class PaperEditor(Editor):
    """Edits one Vorlage; every change is saved at once as one undoable action (nothing to save on closing)."""

    def __init__(
        self, controller: ActionController, parent: QWidget | None = None, opener: Opener | None = None
    ) -> None:
        super().__init__(controller, parent)
        self.outline: papers.PaperOutline | None = None
        self.read_only = False
        self._agreement_items: list[tuple[str, str]] = []
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.outer.addWidget(self.heading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget(scroll)
        scroll.setWidget(self.body)
        self.outer.addWidget(scroll, 1)
        layout = QVBoxLayout(self.body)
        layout.addWidget(self._header_box(self.body))
        middle = QHBoxLayout()
        self.impacts = ImpactBox(self.body)
        self.impacts.answered.connect(self._save_impact)
        middle.addWidget(self.impacts)
        self.decision = CommitTextEdit(self.body, 4)
        middle.addLayout(
            self._labelled(self.tr("Beschlussvorschla&g:"), self.decision, self.tr("Beschlussvorschlag")), 1
        )
        layout.addLayout(middle)
        self.occasion = CommitTextEdit(self.body, 4)
        layout.addLayout(self._labelled(self.tr("Anlass der Vorlage:"), self.occasion, self.tr("Anlass der Vorlage")))
        self.facts = CommitTextEdit(self.body, 9)
        layout.addLayout(self._labelled(self.tr("&Sachverhalt:"), self.facts, self.tr("Sachverhalt")))
        self.consultations = ConsultationSection(controller, self.body)
        self.attachments = AttachmentSection(controller, self.body, opener)
        layout.addWidget(self.consultations)
        layout.addWidget(self.attachments)
        buttons = self.consultations.button_widgets() + self.attachments.button_widgets()
        width = max(button.sizeHint().width() for button in buttons)
        for button in buttons:  # both tables end at the same place
            button.setMinimumWidth(width)
        layout.addStretch(1)
        self.title.committed.connect(lambda: self._change(self.tr("Titel der Vorlage ändern"), title=self.title.text()))
        self.decision.committed.connect(
            lambda: self._change(self.tr("Beschlussvorschlag ändern"), decision_proposal=self.decision.toPlainText())
        )
        self.occasion.committed.connect(
            lambda: self._change(self.tr("Anlass der Vorlage ändern"), occasion=self.occasion.toPlainText())
        )
        self.facts.committed.connect(
            lambda: self._change(self.tr("Sachverhalt ändern"), facts=self.facts.toPlainText())
        )
        self._set_tab_order()

    # -- building ----------------------------------------------------------------------------------

    def _labelled(self, text: str, field: QWidget, name: str) -> QVBoxLayout:
        label = QLabel(text, self.body)
        label.setBuddy(field)
        field.setAccessibleName(name)
        column = QVBoxLayout()
        column.addWidget(label)
        column.addWidget(field)
        column.addStretch(1)
        return column

    def _header_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Kopfdaten"), parent)
        grid = QGridLayout(box)
        self.number, self.department, self.clerk, self.file_ref, self.issuer = (QLineEdit(box) for _ in range(5))
        self.capacity, self.signer = QLineEdit(box), QLineEdit(box)  # the signature block below the body line
        self.capacity.setPlaceholderText(self.tr("z. B. In Vertretung"))
        self.capacity.setCompleter(QCompleter(CAPACITIES, self.capacity))
        self.signer.setPlaceholderText(self.tr("Name unter der Unterschrift"))
        self.lines = {
            "number": self.number,
            "department": self.department,
            "clerk": self.clerk,
            "file_ref": self.file_ref,
            "body": self.issuer,
            "signing_capacity": self.capacity,
            "signer": self.signer,
        }
        self.public = QCheckBox(self.tr("öffentli&ch"), box)
        self.released = QCheckBox(self.tr("freigegeben (sonst druckt sie „ENTWURF“)"), box)
        self.paper_type = QComboBox(box)
        for paper_type, text in PAPER_TYPE_LABELS.items():
            self.paper_type.addItem(self.tr(text), paper_type.value)
        self.paper_date = QLineEdit(box)
        self.paper_date.setPlaceholderText(self.tr("TT.MM.JJJJ"))
        self.paper_date.setMaximumWidth(130)
        self.title = CommitTextEdit(box, 2, single_paragraph=True)
        self.agreement = QComboBox(box)
        self.agreement.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agreement.setMinimumContentsLength(30)
        self.issued_by = QComboBox(box)  # the authority whose letterhead heads the printed paper
        self.issued_by.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.issued_by.setMinimumContentsLength(30)
        self.date_problem = QLabel(box)
        self.date_problem.setStyleSheet("color: #a4262c;")
        self.date_problem.setWordWrap(True)
        self.date_problem.hide()
        rows: list[tuple[int, int, str, QWidget, str]] = [
            (0, 0, self.tr("&Nummer:"), self.number, self.tr("Nummer der Vorlage")),
            (1, 0, self.tr("&Art:"), self.paper_type, self.tr("Art der Vorlage")),
            (1, 2, self.tr("Datu&m:"), self.paper_date, self.tr("Datum der Vorlage")),
            (2, 0, self.tr("Fachbereich:"), self.department, self.tr("Fachbereich")),
            (2, 2, self.tr("Bearb&eiter/in:"), self.clerk, self.tr("Bearbeiter/in")),
            (3, 0, self.tr("A&z.:"), self.file_ref, self.tr("Aktenzeichen")),
            (3, 2, self.tr("Absende&r:"), self.issuer, self.tr("Absender")),
        ]
        for row, column, text, field, name in rows:
            label = QLabel(text, box)
            label.setBuddy(field)
            field.setAccessibleName(name)
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1)
        self.public.setAccessibleName(self.tr("öffentlich"))
        grid.addWidget(self.public, 0, 3)
        grid.addWidget(self.date_problem, 4, 1, 1, 3)
        for row, text, field, name in (
            (5, self.tr("&Titel:"), self.title, self.tr("Titel")),
            (6, self.tr("&Verknüpft mit:"), self.agreement, self.tr("Verknüpfte Zielvereinbarung")),
            (7, self.tr("Herausgebende Stelle:"), self.issued_by, self.tr("Herausgebende Stelle (Briefkopf)")),
        ):
            label = QLabel(text, box)
            label.setBuddy(field)
            field.setAccessibleName(name)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1, 1, 3)
        for column, text, field, name in (
            (0, self.tr("Zeichnungszusatz:"), self.capacity, self.tr("Zeichnungszusatz der Unterschrift")),
            (2, self.tr("Unterschrift:"), self.signer, self.tr("Name unter der Unterschrift")),
        ):
            label = QLabel(text, box)
            label.setBuddy(field)
            field.setAccessibleName(name)
            grid.addWidget(label, 8, column)
            grid.addWidget(field, 8, column + 1)
        self.released.setAccessibleName(self.tr("Vorlage freigegeben"))
        grid.addWidget(self.released, 9, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for name, line in self.lines.items():
            line.editingFinished.connect(partial(self._save_line, name))
        self.paper_date.editingFinished.connect(self._save_date)
        self.public.clicked.connect(lambda checked: self._change(self.tr("Öffentlichkeit ändern"), public=checked))
        self.released.clicked.connect(
            lambda checked: self._change(
                self.tr("Vorlage freigeben") if checked else self.tr("Freigabe zurücknehmen"), released=checked
            )
        )
        self.paper_type.activated.connect(self._save_type)
        self.agreement.activated.connect(self._save_agreement)
        self.issued_by.activated.connect(self._save_issuer)
        return box

    def _line_labels(self) -> dict[str, str]:
        return {
            "number": self.tr("Nummer der Vorlage ändern"),
            "department": self.tr("Fachbereich ändern"),
            "clerk": self.tr("Bearbeiter/in ändern"),
            "file_ref": self.tr("Aktenzeichen ändern"),
            "body": self.tr("Absender ändern"),
            "signing_capacity": self.tr("Zeichnungszusatz ändern"),
            "signer": self.tr("Unterschrift ändern"),
        }

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.number, self.public, self.paper_type, self.paper_date, self.department, self.clerk,
            self.file_ref, self.issuer, self.title, self.agreement, self.issued_by, self.capacity, self.signer,
            self.released, *self.impacts.radios(), self.decision, self.occasion, self.facts, self.consultations.table, *self.consultations.button_widgets(),
            self.attachments.table, *self.attachments.button_widgets(),
        ]  # fmt: skip
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- showing -----------------------------------------------------------------------------------

    def show_record(self, record_id: str) -> None:
        if record_id != self.record_id:
            self._set_date_problem("")
        super().show_record(record_id)

    def refresh(self) -> None:
        store = self.controller.store
        if self.record_id is None or not store.exists(model.Paper, self.record_id):
            self.outline = None
            self.heading.setText(self.tr("Diese Vorlage gibt es nicht mehr."))
            self.body.setEnabled(False)
            return
        self.body.setEnabled(True)
        self.outline = outline = papers.load_paper_outline(store, self.record_id)
        self._show_paper(outline.paper)
        self.consultations.committees = papers.known_committees(store)
        self.consultations.show_rows(outline.paper.id, outline.consultations)
        self.attachments.show_rows(outline.paper.id, outline.attachments)

    def _show_paper(self, paper: model.Paper) -> None:
        heading = self.tr("Vorlage {number}: {title}").format(number=paper.number, title=paper.title)
        self.heading.setText(heading if paper.released else self.tr("{heading} (Entwurf)").format(heading=heading))
        for field, line in self.lines.items():
            _set_line(line, getattr(paper, field))
        if not self.date_problem.text():
            _set_line(self.paper_date, format_date(paper.paper_date) if paper.paper_date else "")
        self.public.setChecked(paper.public)
        self.released.setChecked(paper.released)
        self.paper_type.setCurrentIndex(self.paper_type.findData(paper.paper_type.value))
        self.title.set_text(paper.title)
        self.decision.set_text(paper.decision_proposal)
        self.occasion.set_text(paper.occasion)
        self.facts.set_text(paper.facts)
        self.impacts.show_paper(paper)
        self._fill_agreements(paper.agreement_id)
        self._fill_issuers(paper.issuer_id)

    def _fill_issuers(self, current: str | None) -> None:
        items = [("", self.tr("(keine – Name der Datendatei)"))]
        items += [(p.id, p.name) for p in list_parties(self.controller.store)]
        if current and all(current != key for key, _text in items):
            items.append((current, self.tr("(nicht mehr vorhanden)")))
        self.issued_by.clear()
        for key, text in items:
            self.issued_by.addItem(text, key)
        self.issued_by.setCurrentIndex(self.issued_by.findData(current or ""))

    def _fill_agreements(self, current: str | None) -> None:
        items = [("", self.tr("(keine)"))]
        items += [(a.id, f"{a.year} – {a.title}") for a in list_agreements(self.controller.store)]
        if current and all(current != key for key, _text in items):
            items.append((current, self.tr("(nicht mehr vorhanden)")))
        if items != self._agreement_items:
            self._agreement_items = items
            self.agreement.clear()
            for key, text in items:
                self.agreement.addItem(text, key)
                self.agreement.setItemData(self.agreement.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        self.agreement.setCurrentIndex(self.agreement.findData(current or ""))
        self.agreement.setToolTip(self.agreement.currentText())

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        read_only, reason = self.file_lock(read_only, reason)
        super().set_read_only(read_only, reason)
        self.read_only = read_only
        for line in (*self.lines.values(), self.paper_date):
            line.setReadOnly(read_only)
        for text in (self.title, self.decision, self.occasion, self.facts):
            text.setReadOnly(read_only)
        for widget in (self.public, self.released, self.paper_type, self.agreement, self.issued_by):
            widget.setEnabled(not read_only)
        self.impacts.set_read_only(read_only)
        self.consultations.set_read_only(read_only)
        self.attachments.set_read_only(read_only)

    def commit_pending(self) -> None:
        """Save what is being typed (the field with the focus), e.g. before the window closes."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()

    # -- saving ------------------------------------------------------------------------------------

    def _change(self, label: str, **changes: Any) -> bool:
        """Save the header with some fields changed, as one action; if refused, show the stored values again."""
        if self.outline is None or self.read_only:
            return False
        old = self.outline.paper
        new = dataclasses.replace(old, **changes)
        if new == old:
            self._show_paper(old)  # e.g. only spaces were added: show the stored text
            return True
        store = self.controller.store
        if not self.controller.perform_edit(label, old, new, lambda p: papers.save_paper(store, p)):
            if self.outline is not None:
                self._show_paper(self.outline.paper)  # what is stored now (reloaded after a conflict)
            return False
        return True

    def _save_line(self, field: str) -> None:
        self._change(self._line_labels()[field], **{field: self.lines[field].text().strip()})

    def _save_date(self) -> None:
        text = self.paper_date.text().strip()
        try:
            value = parse_date(text) if text else None
        except FormatError as exc:
            self._set_date_problem(str(exc))
            return
        self._set_date_problem("")
        self._change(self.tr("Datum der Vorlage ändern"), paper_date=value)

    def _set_date_problem(self, problem: str) -> None:
        self.date_problem.setText(problem)
        self.date_problem.setVisible(bool(problem))
        self.paper_date.setStyleSheet("border: 2px solid #a4262c;" if problem else "")
        self.paper_date.setToolTip(problem)
        self.paper_date.setAccessibleDescription(problem)

    def _save_type(self, index: int) -> None:
        value = model.PaperType(self.paper_type.itemData(index))
        self._change(self.tr("Art der Vorlage ändern"), paper_type=value)

    def _save_agreement(self, index: int) -> None:
        key = self.agreement.itemData(index)
        self._change(self.tr("Verknüpfte Zielvereinbarung ändern"), agreement_id=key or None)

    def _save_issuer(self, index: int) -> None:
        key = self.issued_by.itemData(index)
        self._change(self.tr("Herausgebende Stelle ändern"), issuer_id=key or None)

    def _save_impact(self, field: str, value: model.Impact | None) -> None:
        question = dict(model.IMPACT_FIELDS)[field]
        self._change(self.tr("{question} ändern").format(question=self.tr(question)), **{field: value})
