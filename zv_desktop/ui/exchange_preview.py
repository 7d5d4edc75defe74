"""The preview of a received exchange file: who sent it, what is new, changed, deleted and in conflict per kind,
every change field by field with its origin, the records matched by natural key, and the conflicts to decide."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.exchange.office.describe import ChangeText
from zv_desktop.core.exchange.office.manifest import KIND_TABLES
from zv_desktop.core.exchange.office.merge import Preview
from zv_desktop.core.exchange.office.merge_plan import RowChange, Verdict
from zv_desktop.core.formats import format_number
from zv_desktop.core.store.conflicts import local_time_text
from zv_desktop.ui.exchange_conflicts import ConflictEntry, ConflictPanel

#: The preview lists at most this many records per kind (all conflicts are always listed).
LIST_LIMIT = 2000
_COLUMNS = (Verdict.NEW, Verdict.CHANGED, Verdict.DELETED, Verdict.CONFLICT)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangePreview", text)


def sender_text(preview: Preview) -> str:
    """„Von Jobcenter …, geschrieben von anna am 05.12.2026 um 14:10 Uhr. Inhalt: …“"""
    sender, manifest = preview.sender, preview.manifest
    office = sender.office or _tr("unbekannter Dienststelle")
    if manifest is None:
        return _tr("Eine gewöhnliche ZV-Datendatei von {office} (ohne Inhaltsverzeichnis).").format(office=office)
    return _tr("Von {office}, geschrieben von {user} am {time}. Inhalt: {content}.").format(
        office=office, user=manifest.user or "?", time=local_time_text(manifest.created_at), content=manifest.kind_text
    )


class MergeDialog(QDialog):
    """Shows what merging would do and lets the user decide conflicts and matches before anything is written.

    ``rebuild`` makes a new preview with some natural-key matches refused (the user unticked them); ``view`` opens
    the received file read-only. The merge itself is the caller's (``accepted`` → ``decisions``).
    """

    def __init__(
        self,
        preview: Preview,
        texts: list[tuple[RowChange, ChangeText]],
        rebuild: Callable[[frozenset[tuple[str, str]]], tuple[Preview, list[tuple[RowChange, ChangeText]]] | None],
        view: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rebuild, self.view = rebuild, view
        self.setWindowTitle(_tr("Austauschdatei übernehmen – {file}").format(file=preview.received.source.name))
        self.resize(1100, 720)
        self.sender_label = QLabel(self)
        self.sender_label.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("exchangeNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background: #fff4ce; border: 1px solid #c8a600; padding: 6px;")
        self.counts = QTableWidget(len(KIND_TABLES), len(_COLUMNS), self)
        self.counts.setAccessibleName(_tr("Übersicht nach Art"))
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.setHorizontalHeaderLabels([_tr("neu"), _tr("geändert"), _tr("gelöscht"), _tr("Konflikte")])
        self.counts.setVerticalHeaderLabels(list(KIND_TABLES))
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.tabs = QTabWidget(self)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton(_tr("Ü&bernehmen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.view_button = self.buttons.addButton(_tr("&Ansehen…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(_tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.view_button.clicked.connect(lambda: self.view())
        layout = QVBoxLayout(self)
        for widget in (self.sender_label, self.note, self.counts):
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.show_preview(preview, texts)

    def show_preview(
        self, preview: Preview, texts: list[tuple[RowChange, ChangeText]], earlier: Sequence[ConflictEntry] = ()
    ) -> None:
        """Fill the dialog from a (new) preview; decisions in ``earlier`` on conflicts still there are kept."""
        decided = {e.change.key: e for e in earlier}
        self.preview = preview
        self.sender_label.setText(sender_text(preview))
        self.note.setText(preview.missing_basis)
        self.note.setVisible(bool(preview.missing_basis))
        for row, counts in enumerate(preview.plan.counts().values()):
            for column, verdict in enumerate(_COLUMNS):
                item = QTableWidgetItem(format_number(counts[verdict.value]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.setItem(row, column, item)
        self.counts.setFixedHeight(
            self.counts.horizontalHeader().height() + sum(self.counts.rowHeight(r) for r in range(len(KIND_TABLES))) + 4
        )
        entries = []
        for change, text in texts:
            if change.verdict is Verdict.CONFLICT:
                entry = ConflictEntry(change, text, preview.sender.office or _tr("andere Dienststelle"))
                before = decided.get(change.key)
                if before is not None and before.text.fields == text.fields:
                    entry.sides, entry.whole = before.sides, before.whole
                entries.append(entry)
        self.tabs.clear()
        self.conflicts = ConflictPanel(entries, self)
        self.changes = self._changes_tree([(c, t) for c, t in texts if c.verdict is not Verdict.CONFLICT])
        self.matches = self._matches_list(preview)
        self.tabs.addTab(self.conflicts, _tr("&Konflikte ({n})").format(n=format_number(len(entries))))
        self.tabs.addTab(self.changes, _tr("Ä&nderungen ({n})").format(n=format_number(self._change_count())))
        self.tabs.addTab(self.matches, _tr("&Zuordnungen ({n})").format(n=format_number(self.matches.count())))
        self.tabs.setCurrentWidget(self.conflicts if entries else self.changes)
        nothing = preview.plan.empty
        self.merge_button.setText(_tr("Schließen") if nothing else _tr("Ü&bernehmen"))
        if nothing:
            self.sender_label.setText(
                self.sender_label.text() + " " + _tr("Nichts Neues: die Datei ist schon übernommen.")
            )

    def _change_count(self) -> int:
        counts = self.preview.plan.counts().values()
        return sum(c[v.value] for c in counts for v in (Verdict.NEW, Verdict.CHANGED, Verdict.DELETED))

    def _changes_tree(self, texts: list[tuple[RowChange, ChangeText]]) -> QTreeWidget:
        """Per kind the records taken without asking, each with its fields old → new and its origin."""
        tree = QTreeWidget(self)
        tree.setAccessibleName(_tr("Änderungen"))
        tree.setHeaderLabels([_tr("Datensatz / Feld"), _tr("bisher hier"), _tr("neu von dort"), _tr("Herkunft")])
        tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        groups: dict[str, QTreeWidgetItem] = {}
        counts = self.preview.plan.counts()
        for change, text in texts:
            group = groups.get(change.kind)
            if group is None:
                total = sum(counts[change.kind][v.value] for v in (Verdict.NEW, Verdict.CHANGED, Verdict.DELETED))
                group = QTreeWidgetItem(tree, [f"{change.kind} ({format_number(total)})"])
                if total > LIST_LIMIT:
                    QTreeWidgetItem(
                        group,
                        [
                            _tr("… die ersten {n} von {total}").format(
                                n=format_number(LIST_LIMIT), total=format_number(total)
                            )
                        ],
                    )
                groups[change.kind] = group
            title = f"{text.kind} {text.label} – {text.verdict}"
            if len(text.fields) == 1:  # one field (a value's figure): old and new on the record's own line
                only = text.fields[0]
                QTreeWidgetItem(group, [f"{title}: {only.label}", only.mine, only.theirs, text.origin])
                continue
            record = QTreeWidgetItem(group, [title, "", "", text.origin])
            for item in text.fields:
                QTreeWidgetItem(record, [item.label, item.mine, item.theirs, ""])
            record.setExpanded(len(texts) <= 200)
        for group in groups.values():
            group.setExpanded(True)
        for column, width in enumerate((470, 170, 170)):
            tree.setColumnWidth(column, width)
        return tree

    def _matches_list(self, preview: Preview) -> QListWidget:
        """Records both offices made independently, matched by natural key; optional ones can be refused."""
        box = QListWidget(self)
        box.setAccessibleName(_tr("Zuordnungen"))
        for match in preview.plan.matches:
            if match.table == "kpi_values":
                continue  # a value's key is its identity: nothing to confirm
            item = QListWidgetItem(match.label, box)
            item.setData(Qt.ItemDataRole.UserRole, match.key)
            flags = Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsUserCheckable if match.optional else Qt.ItemFlag(0))
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if match.accepted else Qt.CheckState.Unchecked)
            if not match.optional:
                item.setToolTip(_tr("Gleiche Messgröße: wird immer zusammengeführt."))
        box.itemChanged.connect(self._match_changed)
        return box

    def _match_changed(self, _item: QListWidgetItem) -> None:
        refused = frozenset(
            self.matches.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.matches.count())
            if self.matches.item(i).checkState() is Qt.CheckState.Unchecked
        )
        rebuilt = self.rebuild(refused)
        if rebuilt is not None:
            current = self.tabs.currentIndex()
            self.show_preview(*rebuilt, self.conflicts.entries)
            self.tabs.setCurrentIndex(current)
