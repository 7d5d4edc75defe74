"""The goal editor: title and description, then exactly the fields the goal's kind asks for."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.formats import FormatError
from zv_desktop.core.services import agreements, catalogue
from zv_desktop.ui.editors import goal_fields as gf
from zv_desktop.ui.editors.base import Editor
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import CommitTextEdit, add_row, fill_combo


class GoalEditor(Editor):
    """Edits one goal; the form shows the fields of its kind; changes are saved on leaving a field."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.goal: model.Goal | None = None
        self._invalid: dict[str, str] = {}  # field → typed text that could not be read
        self._invalid_for: str | None = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.outer.addWidget(self.heading)
        self.back = QPushButton(self.tr("← Zur Zielvereinbaru&ng"), self)
        self.back.clicked.connect(self._open_agreement)
        self.back.setToolTip(self.tr("Die Zielvereinbarung dieses Ziels öffnen"))
        self.outer.addWidget(self.back)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self.outer.addWidget(scroll, 1)
        box = QGroupBox(self.tr("Ziel"), body)
        self.form = QFormLayout(box)
        QVBoxLayout(body).addWidget(box)
        self.kind = QComboBox(box)
        for kind in model.GoalKind:
            self.kind.addItem(kind.label, kind.value)
        self.title = QLineEdit(box)
        self.description = CommitTextEdit(box)
        self.description.setMaximumHeight(110)
        add_row(self.form, self.tr("&Art:"), self.kind, self.tr("Art des Ziels"))
        add_row(self.form, self.tr("&Titel:"), self.title, self.tr("Titel des Ziels"))
        add_row(self.form, self.tr("Bes&chreibung:"), self.description, self.tr("Beschreibung"))
        self.fields: dict[str, gf.Field] = {}
        self.rows: dict[str, QLabel] = {}
        self._build_fields(box)
        self.measure_hint = QLabel(box)
        self.measure_hint.setWordWrap(True)
        self.measure_hint.setStyleSheet("color: #555;")
        self.new_measure_button = QPushButton(self.tr("Neue Messgröße an&legen…"), box)
        self.new_measure_button.setAutoDefault(False)
        self.new_measure_button.clicked.connect(self._new_measure)
        self.new_measure_button.setToolTip(self.tr("Eine eigene Messgröße anlegen und für dieses Ziel wählen"))
        hint_row = QWidget(box)
        hint_layout = QVBoxLayout(hint_row)
        hint_layout.setContentsMargins(0, 0, 0, 0)
        hint_layout.addWidget(self.measure_hint)
        hint_layout.addWidget(self.new_measure_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.form.insertRow(self.form.rowCount() - len(self.fields) + 1, "", hint_row)
        self.hint_row = hint_row
        self.setTabOrder(self.fields["measure_id"].widget, self.new_measure_button)
        self.comment = CommitTextEdit(box)
        self.comment.setMaximumHeight(90)
        add_row(self.form, self.tr("&Kommentar:"), self.comment, self.tr("Kommentar des Jobcenters"))
        self.kind.activated.connect(self._change_kind)
        self.title.editingFinished.connect(self.save)
        self.description.committed.connect(self.save)
        self.comment.committed.connect(self.save)

    def _build_fields(self, box: QWidget) -> None:
        store = self.controller.store
        measures = [(self.tr(gf.NONE_CHOICE), None)] + [
            (f"{m.code} – {m.name}", m.id) for m in catalogue.list_measures(store)
        ]
        areas = [(self.tr("(Gebiet des Kreises)"), None)] + [(a.name, a.id) for a in catalogue.list_areas(store)]
        parties = [(self.tr("(niemand bestimmt)"), None)] + [(p.name, p.id) for p in catalogue.list_parties(store)]
        for name, label in gf.FIELD_LABELS.items():
            if name in gf.DECIMAL_FIELDS:
                field = gf.decimal_field(box)
            elif name == "amount":
                field = gf.money_field(box)
            elif name in ("deadline", "done_date"):
                field = gf.date_field(box)
            elif name == "measure_id":
                field = gf.choice_field(box, measures)
            elif name == "area_id":
                field = gf.choice_field(box, areas)
            elif name == "responsible_party_id":
                field = gf.choice_field(box, parties)
            elif name == "direction":
                field = gf.choice_field(box, gf.direction_items(), model.Direction)
            elif name == "comparator":
                field = gf.choice_field(box, gf.comparator_items(), model.Comparator)
            elif name == "breakdown":
                field = gf.breakdown_field(box)
            else:
                field = gf.text_field(box)
            self.fields[name] = field
            accessible = self.tr(label.replace("&", "")[:-1])
            self.rows[name] = add_row(self.form, self.tr(label), field.shown, accessible)
            self.rows[name].setBuddy(field.widget)
            field.widget.setAccessibleName(accessible)
            if field.problem is not None and isinstance(field.widget, QLineEdit):
                field.widget.textEdited.connect(lambda _text, n=name: self._check_typed(n))
            signal = getattr(field.widget, "editingFinished", None) or getattr(field.widget, "activated", None)
            if signal is None:
                signal = field.widget.toggled  # type: ignore[attr-defined]
            signal.connect(self.save)
        measure_box = self.fields["measure_id"].widget
        assert isinstance(measure_box, QComboBox)
        measure_box.currentIndexChanged.connect(self._show_measure_hint)

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.controller.store
        if self.record_id is None or not store.exists(model.Goal, self.record_id):
            self.goal = None
            self.heading.setText(self.tr("Dieses Ziel gibt es nicht mehr."))
            self.setEnabled(False)
            return
        self.setEnabled(True)
        if self._invalid_for != self.record_id:  # another goal: forget marks of the previous one
            for name in list(self._invalid):
                self._unmark(name, self.fields[name])
            self._invalid_for = self.record_id
        self.goal = goal = store.get(model.Goal, self.record_id)
        self._refill_choices()
        agreement = store.get(model.Agreement, goal.agreement_id)
        self.heading.setText(
            self.tr("{kind}: {title}\nin Zielvereinbarung {year} „{agreement}“").format(
                kind=goal.kind.label, title=goal.title, year=agreement.year, agreement=agreement.title
            )
        )
        self.kind.setCurrentIndex(self.kind.findData(goal.kind.value))
        self.title.setText(goal.title)
        self.description.set_text(goal.description)
        self.comment.set_text(goal.comment)
        wanted = set(model.GOAL_KIND_REQUIRED[goal.kind]) | set(model.GOAL_KIND_OPTIONAL[goal.kind])
        for name, field in self.fields.items():
            field.show(getattr(goal, name))
            visible = name in wanted
            self.form.setRowVisible(field.shown, visible)  # hides label and field without leaving a gap
            label = self.tr(gf.FIELD_LABELS[name])
            self.rows[name].setText(label[:-1] + " *:" if name in model.GOAL_KIND_REQUIRED[goal.kind] else label)
        for name, typed in self._invalid.items():  # typed but invalid input stays visible until corrected
            widget = self.fields[name].widget
            if isinstance(widget, QLineEdit):
                widget.setText(typed)
        self._show_measure_hint()
        signed = agreement.status.is_signed
        self.set_read_only(
            signed,
            self.tr(
                "Die Zielvereinbarung ist {status}; das Ziel kann nicht mehr geändert werden. "
                "Kommentar, Erledigungsdatum und Ampelschwellen bleiben offen."
            ).format(status=agreement.status.label),
        )

    def _refill_choices(self) -> None:
        """Read measures, areas and parties again (they may have been added in Stammdaten)."""
        store = self.controller.store
        choices: dict[str, list[tuple[str, Any]]] = {
            "measure_id": [(self.tr(gf.NONE_CHOICE), None)]
            + [(f"{m.code} – {m.name}", m.id) for m in catalogue.list_measures(store)],
            "area_id": [(self.tr("(Gebiet des Kreises)"), None)]
            + [(a.name, a.id) for a in catalogue.list_areas(store)],
            "responsible_party_id": [(self.tr("(niemand bestimmt)"), None)]
            + [(p.name, p.id) for p in catalogue.list_parties(store)],
        }
        for name, items in choices.items():
            box = self.fields[name].widget
            assert isinstance(box, QComboBox)
            fill_combo(box, items, None)

    def _new_measure(self) -> None:
        """Create a measure of the office's own and use it for this goal."""
        if self.goal is None:
            return
        from zv_desktop.ui.measure_dialog import MeasureDialog

        dialog = MeasureDialog(self.controller, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id():
            self._refill_choices()
            self.fields["measure_id"].show(dialog.created_id())
            self.save()

    def _show_measure_hint(self) -> None:
        measure_id = self.fields["measure_id"].read()
        shown = self.goal is not None and "measure_id" in (
            model.GOAL_KIND_REQUIRED[self.goal.kind] + model.GOAL_KIND_OPTIONAL[self.goal.kind]
        )
        visible = shown and measure_id is not None
        if visible and self.controller.store.exists(model.Measure, measure_id):
            measure = self.controller.store.get(model.Measure, measure_id)
            self.measure_hint.setText(f"{measure.definition} (Einheit: {measure.unit})")
        self.measure_hint.setVisible(visible)
        self.form.setRowVisible(self.hint_row, shown)

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """Lock what was agreed; the tracking fields (comment, done date) stay open after signing."""
        read_only, reason = self.file_lock(read_only, reason)
        super().set_read_only(read_only, reason)
        self.new_measure_button.setEnabled(not read_only)
        whole_file = self.controller.store.read_only  # then not even the tracking fields stay open
        locked = [self.kind, self.title, self.description] + [
            f.widget for name, f in self.fields.items() if whole_file or name not in model.GOAL_TRACKING_FIELDS
        ]
        if whole_file:
            locked.append(self.comment)
        for widget in locked:
            if isinstance(widget, QLineEdit | CommitTextEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)

    # -- saving ----------------------------------------------------------------------------

    def _read_form(self) -> model.Goal | None:
        assert self.goal is not None
        values: dict[str, Any] = {}
        kind = self.goal.kind
        wanted = set(model.GOAL_KIND_REQUIRED[kind]) | set(model.GOAL_KIND_OPTIONAL[kind])
        readable: list[str] = []
        for name, field in self.fields.items():
            if name not in wanted:
                values[name] = getattr(self.goal, name)
                continue
            try:
                values[name] = field.read()
            except FormatError as exc:  # keep what was typed, marked, and save the other fields
                values[name] = getattr(self.goal, name)
                self._mark_invalid(name, field, str(exc))
            else:
                readable.append(name)
        problems = agreements.goal_figure_problems(self.controller.store, dataclasses.replace(self.goal, **values))
        for name in readable:
            if name in problems:  # a figure its measure cannot have: kept, marked, not saved
                values[name] = getattr(self.goal, name)
                self._mark_invalid(name, self.fields[name], problems[name])
            else:
                self._unmark(name, self.fields[name])
        return dataclasses.replace(
            self.goal,
            title=self.title.text().strip(),
            description=self.description.toPlainText(),
            comment=self.comment.toPlainText(),
            **values,
        )

    def _check_typed(self, name: str) -> None:
        """Say at once, beside the field, what is wrong with the text being typed (saved only when left)."""
        field = self.fields[name]
        try:
            value = field.read()
        except FormatError as exc:
            field.say(self.tr("Nicht gespeichert: {why}").format(why=exc))
            return
        problem = None
        if self.goal is not None and name in agreements.FIGURE_FIELDS:
            typed = dataclasses.replace(self.goal, **{name: value})
            problem = agreements.goal_figure_problems(self.controller.store, typed).get(name)
        field.say(self.tr("Nicht gespeichert: {why}").format(why=problem) if problem else "")

    def _mark_invalid(self, name: str, field: gf.Field, message: str) -> None:
        typed = field.widget.text() if isinstance(field.widget, QLineEdit) else ""
        self._invalid[name] = typed
        field.say(self.tr("Nicht gespeichert: {why}").format(why=message))

    def _unmark(self, name: str, field: gf.Field) -> None:
        if self._invalid.pop(name, None) is not None or (field.problem is not None and field.problem.isVisible()):
            field.say("")

    def save(self) -> None:
        """Save the form if anything changed (one undoable action)."""
        if self.goal is None:
            return
        new = self._read_form()
        if new is None or new == self.goal:
            return
        store = self.controller.store
        if not self.controller.perform_edit(
            self.tr("Ziel ändern"), self.goal, new, lambda g: agreements.save_goal(store, g)
        ):
            self.refresh()

    def _change_kind(self) -> None:
        if self.goal is None:
            return
        kind = model.GoalKind(self.kind.currentData())
        if kind == self.goal.kind:
            return
        template = agreements.goal_template(self.controller.store, self.goal.agreement_id, kind)
        new = dataclasses.replace(self.goal, kind=kind)
        for name in model.GOAL_KIND_REQUIRED[kind]:
            if getattr(new, name) is None:
                setattr(new, name, getattr(template, name))
        store = self.controller.store
        label = self.tr("Art des Ziels ändern")
        if not self.controller.perform_edit(label, self.goal, new, lambda g: agreements.save_goal(store, g)):
            self.refresh()

    def _open_agreement(self) -> None:
        if self.goal is not None:
            self.open_requested.emit("agreement", self.goal.agreement_id)
