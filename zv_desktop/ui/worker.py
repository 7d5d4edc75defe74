"""Long work off the UI thread: a progress dialog after half a second, with Abbrechen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from zv_desktop.core.progress import Cancelled, Progress

T = TypeVar("T")
#: Work that ends sooner than this shows no dialog at all.
DIALOG_DELAY_MS = 500


#: Events of the user that must not reach any window while background work writes the file.
_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.Wheel,
    QEvent.Type.Shortcut,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.ContextMenu,
    QEvent.Type.Drop,
}


class _InputBlocker(QObject):
    """Swallows the user's clicks and keys everywhere but in the progress dialog (as Anki does during its jobs).

    The work runs on the window's connection: an edit made meanwhile would land inside the work's transaction, so
    nothing the user does may start an action until the work is over. The mouse shows the busy cursor.
    """

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.swallowed = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _INPUT:
            return False
        if isinstance(watched, QWidget) and (watched is self.dialog or self.dialog.isAncestorOf(watched)):
            return False  # Abbrechen stays usable
        self.swallowed += 1
        return True


class _Runner(QThread, Generic[T]):
    progressed = Signal(int, int, str)

    def __init__(self, work: Callable[[Progress], T]) -> None:
        super().__init__()
        self.work = work
        self.progress = Progress(lambda done, total, text: self.progressed.emit(done, total, text))
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread, which re-raises it there
            self.error = exc


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[Progress], T]) -> T:
    """Run ``work`` in a background thread while the UI stays responsive; returns its result.

    A modal progress dialog appears if the work takes longer than half a second; its Abbrechen
    button asks the work to stop (it raises Cancelled at its next check). Until the work is over,
    no click or key reaches another window (from the very start, not only once the dialog shows),
    so no edit can mix into the work's transaction. Errors of the work are raised here, on the UI
    thread.
    """
    runner: _Runner[T] = _Runner(work)
    dialog = QProgressDialog(label, runner.tr("Abbrechen"), 0, 0, parent)
    dialog.setWindowTitle(runner.tr("Bitte warten"))
    dialog.setMinimumDuration(DIALOG_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def show_progress(done: int, total: int, text: str) -> None:
        if dialog.wasCanceled():  # however it was cancelled: button, Escape, closing the dialog
            runner.progress.cancel()
        dialog.setMaximum(total)
        dialog.setValue(done)
        if text:
            dialog.setLabelText(text)

    runner.progressed.connect(show_progress)
    dialog.canceled.connect(runner.progress.cancel)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    loop = QEventLoop()
    runner.finished.connect(loop.quit)
    QTimer.singleShot(DIALOG_DELAY_MS, lambda: dialog.show() if runner.isRunning() else None)
    app = QApplication.instance()
    blocker = _InputBlocker(dialog)
    if app is not None:
        app.installEventFilter(blocker)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        runner.start()
        if runner.isRunning():
            loop.exec()
        runner.wait()
    finally:
        if app is not None:
            app.removeEventFilter(blocker)
            QApplication.restoreOverrideCursor()
        dialog.close()
    if runner.error is not None:
        raise runner.error
    return runner.result  # type: ignore[no-any-return]


__all__ = ["Cancelled", "run_with_progress"]
