"""Long work off the UI thread: a progress dialog after half a second, with Abbrechen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from zv_desktop.core.progress import Cancelled, Progress

T = TypeVar("T")
#: Work that ends sooner than this shows no dialog at all.
DIALOG_DELAY_MS = 500


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
    button asks the work to stop (it raises Cancelled at its next check). Errors of the work are
    raised here, on the UI thread.
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
    loop = QEventLoop()
    runner.finished.connect(loop.quit)
    QTimer.singleShot(DIALOG_DELAY_MS, lambda: dialog.show() if runner.isRunning() else None)
    runner.start()
    if runner.isRunning():
        loop.exec()
    runner.wait()
    dialog.close()
    if runner.error is not None:
        raise runner.error
    return runner.result  # type: ignore[no-any-return]


__all__ = ["Cancelled", "run_with_progress"]
