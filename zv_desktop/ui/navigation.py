"""The navigation on the left: filters (Jahr, Träger, Status) above the tree of agreements and Vorlagen."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QTreeView, QVBoxLayout, QWidget

from zv_desktop.core import model
from zv_desktop.core.services.catalogue import list_parties
from zv_desktop.core.services.navigation import NavFilter, NavNode, agreement_children, build_tree, years_in_file
from zv_desktop.core.store import Store

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PLACEHOLDER = "placeholder"  # the child an unopened entry has, so that it shows as expandable
#: Up to this many Träger the tree opens them all at start; with more, the user opens the one needed.
FEW_PARTIES = 12


class NavigationPanel(QWidget):
    """Filters and the tree; emits ``open_requested(kind, id)`` when the user opens an entry."""

    open_requested = Signal(str, str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.year_box = QComboBox(self)
        self.party_box = QComboBox(self)
        self.status_box = QComboBox(self)
        form = QFormLayout()
        for text, box, name in (
            (self.tr("Jahr:"), self.year_box, self.tr("Filter Jahr")),
            (self.tr("Träger:"), self.party_box, self.tr("Filter Träger")),
            (self.tr("Status:"), self.status_box, self.tr("Filter Status")),
        ):
            label = QLabel(text, self)
            label.setBuddy(box)
            box.setAccessibleName(name)
            form.addRow(label, box)
        self.model = QStandardItemModel(self)
        self._roots: list[NavNode] = []
        self._pending: dict[tuple[str, str], list[NavNode]] = {}  # children not yet shown, by parent key
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Zielvereinbarungen und Vorlagen"))
        self.tree.setUniformRowHeights(True)
        self.tree.activated.connect(self._activated)
        self.tree.expanded.connect(self._load_children)
        self.tree.clicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        self._fill_filters()
        for box in (self.year_box, self.party_box, self.status_box):
            box.currentIndexChanged.connect(self.refresh)
        self.setTabOrder(self.year_box, self.party_box)
        self.setTabOrder(self.party_box, self.status_box)
        self.setTabOrder(self.status_box, self.tree)
        self.refresh()

    def _fill_filters(self) -> None:
        for box in (self.year_box, self.party_box, self.status_box):
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("alle"), None)
        for year in years_in_file(self.store):
            self.year_box.addItem(str(year), year)
        for party in list_parties(self.store):
            self.party_box.addItem(party.name, party.id)
        for status in model.AgreementStatus:
            self.status_box.addItem(status.label, status.value)
        for box in (self.year_box, self.party_box, self.status_box):
            box.blockSignals(False)

    def current_filter(self) -> NavFilter:
        """The filter the user set."""
        status = self.status_box.currentData()
        return NavFilter(
            year=self.year_box.currentData(),
            party_id=self.party_box.currentData(),
            status=model.AgreementStatus(status) if status else None,
        )

    def refresh(self) -> None:
        """Rebuild the tree from the file, keeping the selected entry and what was expanded."""
        selected = self.current_key()
        expanded = {key for key, index in self._all_indexes() if self.tree.isExpanded(index)}
        self.model.clear()
        self._pending.clear()
        self._roots = build_tree(self.store, self.current_filter())
        for node in self._roots:
            self.model.appendRow(self._item(node))
        few = len(self._roots) <= FEW_PARTIES
        for key, index in self._all_indexes():  # expanding loads the children, which the loop then visits
            if key in expanded or (not expanded and (key[0] == "papers" or (few and key[0] == "party"))):
                self.tree.setExpanded(index, True)
        if selected is not None:
            self._reselect(*selected)

    def refresh_filters(self) -> None:
        """Read years and parties again (after agreements or parties were added)."""
        current = (self.year_box.currentData(), self.party_box.currentData(), self.status_box.currentData())
        self._fill_filters()
        for box, value in zip((self.year_box, self.party_box, self.status_box), current, strict=True):
            index = box.findData(value)
            box.blockSignals(True)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)
        self.refresh()

    def select(self, kind: str, record_id: str, agreement_id: str | None = None) -> bool:
        """Select the first entry showing this record (opening what lies above it); False if it is not shown."""
        target = ("agreement", agreement_id) if agreement_id is not None else (kind, record_id)
        path = self._path_to(target)
        if path is None:
            return False
        if agreement_id is not None:
            path.append(target)
        parent = QModelIndex()
        for key in path:
            index = self._child_index(parent, key)
            if index is None:
                return False
            self.tree.setExpanded(index, True)
            parent = index
        found = self._find_below(parent, (kind, record_id)) if agreement_id is not None else None
        if agreement_id is None:
            found = self._child_index(parent, (kind, record_id))
        if found is None:
            return False
        self.tree.setCurrentIndex(found)
        self.tree.scrollTo(found)
        return True

    def _reselect(self, kind: str, record_id: str) -> None:
        """Select again what was selected before a refresh, if it still exists."""
        owner = {"goal": model.Goal, "section": model.Section}.get(kind)
        if owner is None:
            self.select(kind, record_id)
        elif self.store.exists(owner, record_id):
            self.select(kind, record_id, self.store.get(owner, record_id).agreement_id)

    def _find_below(self, parent: QModelIndex, key: tuple[str, str]) -> QModelIndex | None:
        """The entry with this key inside ``parent`` (an agreement), opening the section it sits in."""
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if (index.data(KIND_ROLE), index.data(ID_ROLE)) == key:
                return index
            holder = (index.data(KIND_ROLE), index.data(ID_ROLE))
            if any((c.kind, c.record_id) == key for c in self._pending.get(holder, [])):
                self.tree.setExpanded(index, True)
                return self._child_index(index, key)
        return None

    def _path_to(self, target: tuple[str, str]) -> list[tuple[str, str]] | None:
        """Keys of the entries above the first node showing ``target`` (party, year), or None."""

        def walk(nodes: list[NavNode], trail: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
            for node in nodes:
                if (node.kind, node.record_id) == target:
                    return trail
                found = walk(node.children, [*trail, (node.kind, node.record_id)])
                if found is not None:
                    return found
            return None

        return walk(self._roots, [])

    def _child_index(self, parent: QModelIndex, key: tuple[str, str]) -> QModelIndex | None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if (index.data(KIND_ROLE), index.data(ID_ROLE)) == key:
                return index
        return None

    def current_key(self) -> tuple[str, str] | None:
        """(kind, id) of the selected entry."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.data(KIND_ROLE), index.data(ID_ROLE)

    def _item(self, node: NavNode) -> QStandardItem:
        item = QStandardItem(node.text)
        item.setEditable(False)
        item.setData(node.kind, KIND_ROLE)
        item.setData(node.record_id, ID_ROLE)
        item.setToolTip(node.text + (self.tr(" (unterzeichnet – nur lesen)") if node.signed else ""))
        if node.kind in ("party", "papers"):
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        if node.children:
            self._pending[(node.kind, node.record_id)] = node.children
        if node.children or node.kind == "agreement":
            placeholder = QStandardItem("…")
            placeholder.setData(PLACEHOLDER, KIND_ROLE)
            placeholder.setEditable(False)
            item.appendRow(placeholder)
        return item

    def _load_children(self, index: QModelIndex) -> None:
        """Show an entry's children the first time it is opened (an agreement's are read from the file then)."""
        item = self.model.itemFromIndex(index)
        if item is None or item.rowCount() != 1 or item.child(0).data(KIND_ROLE) != PLACEHOLDER:
            return
        key = (index.data(KIND_ROLE), index.data(ID_ROLE))
        children = self._pending.get(key)
        if children is None and key[0] == "agreement":
            children = agreement_children(self.store, key[1])
        item.removeRow(0)
        for child in children or []:
            item.appendRow(self._item(child))

    def _all_indexes(self) -> list[tuple[tuple[str, str], QModelIndex]]:
        found: list[tuple[tuple[str, str], QModelIndex]] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                found.append(((index.data(KIND_ROLE), index.data(ID_ROLE)), index))
                walk(index)

        walk(QModelIndex())
        return found

    def _activated(self, index: QModelIndex) -> None:
        kind, record_id = index.data(KIND_ROLE), index.data(ID_ROLE)
        if kind in ("agreement", "section", "goal", "paper"):
            self.open_requested.emit(kind, record_id)
