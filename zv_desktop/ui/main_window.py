"""The main window: the agreements of the open data file in a table; title shows file and office."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMainWindow, QTableView

from zv_desktop.core.services.agreements import list_agreements
from zv_desktop.core.store import Store
from zv_desktop.ui.agreement_list_model import AgreementListModel


class MainWindow(QMainWindow):
    """Lists the agreements of one data file (the editors follow in the desktop-client issue)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(
            self.tr("ZV Desktop – {file} – {office}").format(file=store.path.name, office=store.site_name)
        )
        self.model = AgreementListModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Zielvereinbarungen"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setCentralWidget(self.table)
        self.status_label = QLabel(self)
        self.statusBar().addWidget(self.status_label)
        self._build_menu()
        self.resize(1200, 700)
        self.refresh()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Datei"))
        reload_action = QAction(self.tr("&Aktualisieren"), self)
        reload_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        reload_action.triggered.connect(self.refresh)
        file_menu.addAction(reload_action)
        quit_action = QAction(self.tr("&Beenden"), self)
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def refresh(self) -> None:
        """Read the agreement list again from the file."""
        rows = list_agreements(self.store)
        self.model.set_rows(rows)
        self.status_label.setText(
            self.tr("{count} Zielvereinbarungen – {path}").format(count=len(rows), path=self.store.path)
        )
