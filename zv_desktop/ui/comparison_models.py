"""The parts of the comparison window: its table model (a column per agreement, a row per goal chain), the
dialog for pairing a goal by hand, and the HTML of the detail pane and of the change list."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from zv_desktop.core import model
from zv_desktop.core.services.compare.change_list import ChangeEntry
from zv_desktop.core.services.compare.comparison import AgreementParts, Comparison, Row, Status, Step
from zv_desktop.core.services.compare.field_changes import FieldChange, Segment

_Index = QModelIndex | QPersistentModelIndex

#: The goal id of a cell (None where the chain has no goal in that agreement).
GOAL_ROLE = Qt.ItemDataRole.UserRole + 1
#: The status of a cell against the agreement before it ("new", "changed" …; None for the first column).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

#: The agreement or goal id of a list entry.
ID_ROLE = Qt.ItemDataRole.UserRole + 1

#: Background per status; the status is also written in the cell, so colour is never the only sign.
COLOURS = {
    Status.NEW: QColor("#dcefd9"),
    Status.CHANGED: QColor("#fbf0c8"),
    Status.REMOVED: QColor("#f5d9d6"),
}


class ComparisonModel(QAbstractTableModel):
    """Cells of a Comparison: the goal's title and, below it, its status against the year before."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._rows: list[Row] = []
        self._only_differences = False

    @property
    def comparison(self) -> Comparison | None:
        """The comparison shown (None before two agreements are chosen)."""
        return self._comparison

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show another comparison (or none)."""
        self.beginResetModel()
        self._comparison = comparison
        self._filter()
        self.endResetModel()

    def set_only_differences(self, only: bool) -> None:
        """Hide the goal chains that stay the same in every year."""
        self.beginResetModel()
        self._only_differences = only
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        rows = self._comparison.rows if self._comparison is not None else []
        self._rows = [r for r in rows if r.differs()] if self._only_differences else list(rows)

    # -- lookups for the window ----------------------------------------------------------------

    def row(self, row: int) -> Row | None:
        """The goal chain shown in a row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def goal(self, index: _Index) -> model.Goal | None:
        """The goal of a cell."""
        row = self.row(index.row()) if index.isValid() else None
        return row.cells[index.column()] if row is not None else None

    def step(self, index: _Index) -> Step | None:
        """The step into a cell's agreement from the one before (None in the first column)."""
        row = self.row(index.row()) if index.isValid() else None
        if row is None or index.column() == 0:
            return None
        return row.steps[index.column() - 1]

    def index_of(self, goal_id: str) -> QModelIndex:
        """The index of the cell holding a goal (invalid if it is not shown)."""
        for r, row in enumerate(self._rows):
            for c, goal in enumerate(row.cells):
                if goal is not None and goal.id == goal_id:
                    return self.index(r, c)
        return QModelIndex()

    def first_goal_index(self) -> QModelIndex:
        """The first cell that holds a goal (the first row's first cell may be empty), else the first cell."""
        for r, row in enumerate(self._rows):
            for c, goal in enumerate(row.cells):
                if goal is not None:
                    return self.index(r, c)
        return self.index(0, 0)

    # -- the model -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._comparison is None:
            return 0
        return len(self._comparison.agreements)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._comparison is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self._comparison.agreements):
            return None
        agreement = self._comparison.agreements[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{agreement.year} ({agreement.status.label})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return agreement.title
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None or self._comparison is None or not 0 <= index.column() < len(row.cells):
            return None
        goal, step = row.cells[index.column()], self.step(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(goal, step)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(goal, step)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = COLOURS.get(step.status) if step is not None else None
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and goal is None and step is not None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == GOAL_ROLE:
            return goal.id if goal is not None else None
        if role == STATUS_ROLE:
            return step.status.value if step is not None else None
        return None

    def _text(self, goal: model.Goal | None, step: Step | None) -> str:
        assert self._comparison is not None
        if goal is None:
            return self.tr("– entfällt –") if step is not None and step.status is Status.REMOVED else ""
        figure = self._comparison.key_figure(goal) or goal.kind.label
        if step is None:
            second = figure
        elif step.status is Status.CHANGED:
            second = self.tr("geändert: {fields}").format(fields=", ".join(c.label for c in step.changes))
        else:
            second = f"{step.status.label} · {figure}"
        return f"{goal.title}\n{second}"

    def _tooltip(self, goal: model.Goal | None, step: Step | None) -> str:
        assert self._comparison is not None
        lines = []
        if goal is not None:
            lines.append(f"{goal.title} – {self._comparison.places.get(goal.id, '')}")
        if step is not None:
            lines.append(
                step.status.label
                + (self.tr(" (Zuordnung: {reason})").format(reason=step.reason) if step.reason else "")
            )
            for change in step.changes:
                delta = f" ({change.delta})" if change.delta else ""
                lines.append(f"{change.label}: {change.old or '–'} → {change.new or '–'}{delta}")
        return "\n".join(lines)


# --- choosing a goal to pair with ---------------------------------------------------------------------


class MatchDialog(QDialog):
    """Choose the goal of the earlier agreement that the selected goal continues; emits ``chosen(goal id)``."""

    chosen = Signal(str)

    def __init__(
        self, comparison: Comparison, part: AgreementParts, goal: model.Goal, current: str | None,
        parent: QWidget,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        year = part.agreement.year
        self.setWindowTitle(self.tr("Ziel zuordnen"))
        self.resize(640, 420)
        intro = QLabel(
            self.tr("„{title}“ setzt folgendes Ziel aus {year} fort:").format(title=goal.title, year=year), self
        )
        intro.setWordWrap(True)
        self.goals = QListWidget(self)
        self.goals.setAccessibleName(self.tr("Ziele aus {year}").format(year=year))
        label = QLabel(self.tr("&Ziel aus {year}:").format(year=year), self)
        label.setBuddy(self.goals)
        for earlier in part.goals:
            figure = comparison.key_figure(earlier)
            place = comparison.places.get(earlier.id, "")
            item = QListWidgetItem(f"{earlier.title}\n{place}{' · ' + figure if figure else ''}")
            item.setData(ID_ROLE, earlier.id)
            self.goals.addItem(item)
            if earlier.id == current:
                self.goals.setCurrentItem(item)
        if self.goals.currentItem() is None and self.goals.count():
            self.goals.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.goals.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        for widget in (intro, label, self.goals, buttons):
            layout.addWidget(widget)

    def accept(self) -> None:
        """Close and report the chosen goal."""
        item = self.goals.currentItem()
        super().accept()
        if item is not None:
            self.chosen.emit(str(item.data(ID_ROLE)))


# --- the texts of the detail pane and the change list (HTML for QTextBrowser) ---------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _tr(text: str) -> str:
    """Qt's translation of a text of the comparison window (German is the source language)."""
    return QCoreApplication.translate("ComparisonView", text)


#: How inserted and deleted words of a word diff look: colour, and also strike-through / underline.
_DIFF_STYLE = {
    "equal": "{}",
    "delete": '<span style="background:#f5d9d6; color:#8b1a10; text-decoration:line-through">{}</span>',
    "insert": '<span style="background:#dcefd9; color:#1d5a1d; text-decoration:underline">{}</span>',
}


def diff_html(segments: list[Segment] | tuple[Segment, ...]) -> str:
    """A word diff as HTML: deleted words red and struck through, inserted words green and underlined."""
    return " ".join(_DIFF_STYLE[op].format(_esc(text)) for op, text in segments)


def hint(text: str) -> str:
    """A short note in the detail pane."""
    return f"<p><i>{_esc(text)}</i></p>"


def _change_rows(changes: list[FieldChange]) -> str:
    rows = []
    for change in changes:
        if change.is_text and change.old and change.new:
            value = f'<td colspan="2">{diff_html(change.diff)}</td>'
        else:
            value = f"<td>{_esc(change.old or '–')}</td><td>{_esc(change.new or '–')}</td>"
        rows.append(f"<tr><td><b>{_esc(change.label)}</b></td>{value}<td>{_esc(change.delta)}</td></tr>")
    head = "".join(f"<th align='left'>{_tr(name)}</th>" for name in ("Feld", "bisher", "jetzt", "Veränderung"))
    head = f"<tr>{head}</tr>"
    return f"<table cellspacing='0' cellpadding='4' border='1'>{head}{''.join(rows)}</table>"


def cell_html(comparison: Comparison, agreement: model.Agreement, goal: model.Goal | None, step: Step | None) -> str:
    """What the detail pane says about one cell: the goal, its status against the year before and why."""
    parts = []
    if goal is not None:
        figure = comparison.key_figure(goal)
        place = comparison.places.get(goal.id, "")
        parts.append(f"<h3>{agreement.year}: {_esc(goal.title)}</h3>")
        parts.append(f"<p>{_esc(goal.kind.label)} · {_esc(place)}{' · ' + _esc(figure) if figure else ''}</p>")
        if goal.description:
            parts.append(f"<p>{_esc(goal.description)}</p>")
    else:
        parts.append(f"<h3>{agreement.year}: {_tr('kein Ziel dieser Reihe')}</h3>")
    if step is None:
        return "".join(parts)
    previous = comparison.agreements[comparison.agreements.index(agreement) - 1].year
    if step.status is Status.NEW:
        text = _tr("<b>Neu gegenüber {year}</b>: kein Ziel aus {year} wurde zugeordnet.")
        parts.append(f"<p>{text.format(year=previous)}</p>")
    elif step.status is Status.REMOVED and step.earlier is not None:
        text = _tr("<b>Entfällt</b>: „{title}“ aus {year} hat hier keine Fortsetzung.")
        parts.append(f"<p>{text.format(title=_esc(step.earlier.title), year=previous)}</p>")
    else:
        assert step.earlier is not None
        text = _tr("<b>{status} gegenüber {year}</b> – zugeordnet zu „{title}“, Grund: {reason}.")
        status = _esc(step.status.label.capitalize())
        reason = _esc(step.reason)
        parts.append(
            f"<p>{text.format(status=status, year=previous, title=_esc(step.earlier.title), reason=reason)}</p>"
        )
        if step.changes:
            parts.append(_change_rows(step.changes))
    return "".join(parts)


def changes_html(comparison: Comparison, pairs: list[list[ChangeEntry]]) -> str:
    """The lists "Änderungen gegenüber dem Vorjahr", one per pair of adjacent agreements, newest first."""
    parts = []
    for pair in reversed(range(len(pairs))):
        earlier, later = comparison.agreements[pair], comparison.agreements[pair + 1]
        parts.append(f"<h3>{_tr('{later} gegenüber {earlier}').format(later=later.year, earlier=earlier.year)}</h3>")
        if not pairs[pair]:
            parts.append(f"<p>{_tr('Keine Änderungen.')}</p>")
            continue
        items = []
        for entry in pairs[pair]:
            head = entry.text[: len(entry.text) - len(" ".join(entry.sentences))].rstrip()
            body = _esc(" ".join(entry.sentences))
            wording = f"<br><small>{diff_html(entry.wording)}</small>" if entry.wording else ""
            items.append(f"<li><b>{_esc(head)}</b> {body}{wording}</li>")
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)
