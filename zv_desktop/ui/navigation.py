"""The navigation on the left: filters (Jahr, Träger, Status) above the tree of agreements and Vorlagen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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

Key = tuple[str, str]  # (kind, record id) of an entry; an agreement of three Träger has the same key three times
Path = tuple[Key, ...]  # the keys from the Träger down to an entry: tells the three copies apart


@dataclass(frozen=True)
class TreeState:
    """What a refresh keeps: the open entries and the selected one (by key path) and the scroll position."""

    expanded: frozenset[Path]
    current: Path | None
    scroll: int
    scroll_x: int = 0


def _key(index: QModelIndex) -> Key:
    return index.data(KIND_ROLE), index.data(ID_ROLE)


def _path_of(index: QModelIndex) -> Path:
    """The key path of a shown entry, from its Träger (or „Vorlagen“) down."""
    keys: list[Key] = []
    while index.isValid():
        keys.append(_key(index))
        index = index.parent()
    return tuple(reversed(keys))


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
        """Rebuild the tree from the file, keeping what was expanded, the selected entry and the scroll position."""
        state = self.state() if self._roots else None  # the first build opens the defaults
        tops_before = {(node.kind, node.record_id) for node in self._roots}
        self.model.clear()
        self._pending.clear()
        self._roots = build_tree(self.store, self.current_filter())
        for node in self._roots:
            self.model.appendRow(self._item(node))
        few = len(self._roots) <= FEW_PARTIES

        expanded = state.expanded if state is not None else frozenset()
        above = {path[:n] for path in expanded for n in range(1, len(path))}  # open entries inside closed ones

        def opens(path: Path) -> bool:
            if state is not None and path[0] in tops_before:  # was shown before: as the user left it
                return path in expanded
            return len(path) == 1 and (path[0][0] == "papers" or (few and path[0][0] == "party"))

        self._expand_where(QModelIndex(), (), opens, above)
        if state is None:
            return
        if state.current is not None:
            index = self._index_at(state.current)
            if index is not None:
                auto = self.tree.hasAutoScroll()
                self.tree.setAutoScroll(False)  # scrolling to it would open a Träger the user closed
                self.tree.setCurrentIndex(index)
                self.tree.setAutoScroll(auto)
            else:
                self._reselect(*state.current[-1], prefer=state.current[0])
        self.tree.doItemsLayout()  # the scroll bars learn the new height now, not at the next paint
        self.tree.verticalScrollBar().setValue(state.scroll)
        self.tree.horizontalScrollBar().setValue(state.scroll_x)

    def state(self) -> TreeState:
        """What the user sees of the tree: the open entries, the selected one, the scroll position."""
        expanded = {path for path, index in self._all_indexes() if self.tree.isExpanded(index)}
        current = self.tree.currentIndex()
        return TreeState(
            frozenset(expanded),
            _path_of(current) if current.isValid() else None,
            self.tree.verticalScrollBar().value(),
            self.tree.horizontalScrollBar().value(),
        )

    def _expand_where(self, parent: QModelIndex, trail: Path, opens: Callable[[Path], bool], above: set[Path]) -> None:
        """Open the entries below ``parent`` for which ``opens(path)`` holds, and their children likewise; inside a
        closed entry on one of the paths ``above``, open ones stay open for when the user opens it again."""
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            path = (*trail, _key(index))
            if opens(path):
                self.tree.setExpanded(index, True)
            elif path not in above:
                continue
            self._load_children(index)  # (opening loads them too, but not inside a closed entry)
            self._expand_where(index, path, opens, above)

    def _index_at(self, path: Path) -> QModelIndex | None:
        """The shown entry at this key path, or None (gone, or inside an entry never opened)."""
        index = QModelIndex()
        for key in path:
            found = self._child_index(index, key)
            if found is None:
                return None
            index = found
        return index

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
        """Select an entry showing this record (opening what lies above it); False if it is not shown.

        An agreement of several Träger appears under each of them: the entry already selected wins if it shows
        the record (the one the user clicked), else the copy under the Träger of the selected entry, else the
        first under an opened Träger, else the first of all.
        """
        current = self.tree.currentIndex()
        if current.isValid() and _key(current) == (kind, record_id):
            self.tree.scrollTo(current)
            return True
        return self._select(kind, record_id, agreement_id, _path_of(current)[0] if current.isValid() else None)

    def _select(self, kind: str, record_id: str, agreement_id: str | None, prefer: Key | None) -> bool:
        target = ("agreement", agreement_id) if agreement_id is not None else (kind, record_id)
        trails = self._trails_to(target)
        if not trails:
            return False
        path = self._choose(trails, prefer)
        if agreement_id is not None:
            path.append(target)
        parent = QModelIndex()
        for key in path:
            index = self._child_index(parent, key)
            if index is None:
                return False
            self.tree.setExpanded(index, True)
            parent = index
        if agreement_id is None:
            found = self._child_index(parent, (kind, record_id))
        else:
            found = self._find_below(parent, (kind, record_id))
        if found is None:
            return False
        self.tree.setCurrentIndex(found)
        self.tree.scrollTo(found)
        return True

    def _choose(self, trails: list[list[Key]], prefer: Key | None) -> list[Key]:
        """The trail under the preferred Träger, else under an opened one, else the first."""
        for trail in trails:
            if trail and trail[0] == prefer:
                return trail
        for trail in trails:
            top = self._child_index(QModelIndex(), trail[0]) if trail else None
            if top is not None and self.tree.isExpanded(top):
                return trail
        return trails[0]

    def _reselect(self, kind: str, record_id: str, prefer: Key | None = None) -> None:
        """Select again what was selected before a refresh, if it still exists (under the same Träger if it can)."""
        owner = {"goal": model.Goal, "section": model.Section}.get(kind)
        if owner is None:
            self._select(kind, record_id, None, prefer)
        elif self.store.exists(owner, record_id):
            self._select(kind, record_id, self.store.get(owner, record_id).agreement_id, prefer)

    def _find_below(self, parent: QModelIndex, key: tuple[str, str]) -> QModelIndex | None:
        """The entry with this key inside ``parent`` (an agreement), opening the section it sits in."""
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if _key(index) == key:
                return index
            holder = _key(index)
            if any((c.kind, c.record_id) == key for c in self._pending.get(holder, [])):
                self.tree.setExpanded(index, True)
                return self._child_index(index, key)
        return None

    def _trails_to(self, target: Key) -> list[list[Key]]:
        """For every node showing ``target``: the keys of the entries above it (Träger, Jahr)."""
        trails: list[list[Key]] = []

        def walk(nodes: list[NavNode], trail: list[Key]) -> None:
            for node in nodes:
                if (node.kind, node.record_id) == target:
                    trails.append(list(trail))
                walk(node.children, [*trail, (node.kind, node.record_id)])

        walk(self._roots, [])
        return trails

    def _child_index(self, parent: QModelIndex, key: tuple[str, str]) -> QModelIndex | None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if _key(index) == key:
                return index
        return None

    def current_key(self) -> tuple[str, str] | None:
        """(kind, id) of the selected entry."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return _key(index)

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
        key = _key(index)
        children = self._pending.get(key)
        if children is None and key[0] == "agreement":
            children = agreement_children(self.store, key[1])
        item.removeRow(0)
        for child in children or []:
            item.appendRow(self._item(child))

    def _all_indexes(self) -> list[tuple[Path, QModelIndex]]:
        """Every entry loaded so far with its key path."""
        found: list[tuple[Path, QModelIndex]] = []

        def walk(parent: QModelIndex, trail: Path) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                path = (*trail, _key(index))
                found.append((path, index))
                walk(index, path)

        walk(QModelIndex(), ())
        return found

    def _activated(self, index: QModelIndex) -> None:
        kind, record_id = _key(index)
        if kind in ("agreement", "section", "goal", "paper"):
            self.open_requested.emit(kind, record_id)
