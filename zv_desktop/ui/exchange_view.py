"""A received exchange file in the normal views, read-only, in a window of its own with a bar naming sender and date.

The window shows the gate's private copy of the file; closing the window removes the copy.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent

from zv_desktop.core.exchange.office.gate import ReceivedFile
from zv_desktop.core.exchange.office.manifest import parse_manifest
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.conflicts import local_time_text
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.settings import Settings
from zv_desktop.ui.window_keys import add_close_keys


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeView", text)


def view_bar_text(received: ReceivedFile) -> str:
    """„Austauschdatei von Jobcenter …, Stand 05.12.2026 um 14:10 Uhr – nur ansehen“."""
    manifest = parse_manifest(received.manifest, received.source.name)
    office = (manifest.office if manifest else "") or received.office_name or _tr("unbekannter Dienststelle")
    when = local_time_text(manifest.created_at) if manifest and manifest.created_at else _tr("unbekannt")
    return _tr("Austauschdatei von {office}, Stand {when} – nur ansehen").format(office=office, when=when)


class ExchangeViewWindow(MainWindow):
    """The main window on a received file: every view works, nothing can be changed, nothing is remembered."""

    def __init__(self, received: ReceivedFile, store: Store, settings: Settings | None = None) -> None:
        self.received = received
        super().__init__(store, settings)
        self.read_only_banner.setObjectName("exchangeViewBanner")
        self.setWindowTitle(
            _tr("ZV Desktop – Austauschdatei {file} – nur zum Ansehen").format(file=received.source.name)
        )
        self.statusBar().showMessage(str(received.source))
        add_close_keys(self)  # a window for a look only: Esc or Strg+W closes it like the overviews

    def _remember_file(self, path: object) -> None:
        """A private copy is not a file to reopen: it stays off the recent list."""

    def _remember_record(self, kind: str, record_id: str) -> None:
        """A received file's records are not put on the start page's recent list (the copy goes away)."""

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the file, then remove the private copy."""
        super().closeEvent(event)
        self.received.close()


def open_view_window(received: ReceivedFile, settings: Settings | None = None) -> ExchangeViewWindow:
    """Open the checked copy read-only (ZvError if that fails) and make its window (not shown yet)."""
    store = open_store(received.copy, read_only=True)
    store.read_only_reason = view_bar_text(received)
    return ExchangeViewWindow(received, store, settings)
