"""Watching the open data file: who else has it open, and changes made by other windows, programs or offices."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QStatusBar, QWidget

from zv_desktop.core.store import Store
from zv_desktop.core.store.presence import HEARTBEAT_SECONDS, Presence, describe_others, others
from zv_desktop.ui import conflict_dialog
from zv_desktop.ui.widgets import CommitTextEdit

#: How often the file is asked whether another connection committed something (milliseconds).
POLL_MS = 1500


def user_is_typing() -> bool:
    """True while the field with the focus holds typed input that is not saved yet (a refresh would throw it away)."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QLineEdit):
        return focus.isModified() and not focus.isReadOnly()
    if isinstance(focus, CommitTextEdit):
        return focus.is_dirty()
    return False


class FileWatch(QObject):
    """This window's marker beside the file, and ``changed_outside`` when another connection changed the file.

    SQLite counts the commits of other connections (``PRAGMA data_version``); the count is read every
    ``POLL_MS``. A change is passed on as soon as the user is not in the middle of typing into a field, so the
    views never show stale figures for long and typed input is never replaced under the user's fingers.
    """

    changed_outside = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.presence = Presence(store.path, store.user, editing=not store.read_only)
        store.describe_others = self.describe_others
        self._version = self.store.data_version()
        self._pending = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check)
        self._poll.start()
        self._beat = QTimer(self)
        self._beat.setInterval(HEARTBEAT_SECONDS * 1000)
        self._beat.timeout.connect(self.presence.touch)
        self._beat.start()

    def check(self) -> None:
        """Look whether the file changed underneath; tell the views unless the user is typing (then later)."""
        if self.store.busy_elsewhere:
            return  # a background job of this window is writing: its own changes are told when it ends
        version = self.store.data_version()
        if version is not None and version != self._version:
            self._version = version
            self._pending = True
        if self._pending and not user_is_typing():
            self._pending = False
            self.changed_outside.emit()

    def describe_others(self) -> str:
        """Who else has the file open, for the waiting message; a neutral phrase if nobody is known."""
        return describe_others(self.presence.others()) or "einem anderen Programm"

    def stop(self) -> None:
        """The file is closed: no more polling, and the marker goes."""
        self._poll.stop()
        self._beat.stop()
        self.presence.leave()


def open_shared(parent: QWidget, store: Store) -> FileWatch:
    """Start watching a file just opened: if others are editing it, ask whether to edit too or only look."""
    editing = [s for s in others(store.path) if s.editing]
    if editing and not store.read_only:
        who = describe_others(editing)
        if not conflict_dialog.ask_shared_open(parent, store.path.name, who):
            store.read_only = True
            store.read_only_reason = QCoreApplication.translate(
                "FileWatch",
                "„{file}“ ist nur zum Ansehen geöffnet, weil {who} sie bearbeitet. Zum Bearbeiten die Datei erneut "
                "öffnen und „Trotzdem bearbeiten“ wählen.",
            ).format(file=store.path.name, who=who)
    return FileWatch(store, parent)


class WaitNotice:
    """Shows "Die Datei wird gerade von … benutzt – warte …" in the status bar while a write waits for a lock."""

    def __init__(self, status: QStatusBar) -> None:
        self.status = status
        self.waiting = False

    def __call__(self, text: str | None) -> None:
        if text is not None:
            self.status.showMessage(text)
            self.status.repaint()  # the UI thread is waiting: paint now, no events (no action may start meanwhile)
            if not self.waiting:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                self.waiting = True
        elif self.waiting:
            self.waiting = False
            QApplication.restoreOverrideCursor()
            self.status.clearMessage()
