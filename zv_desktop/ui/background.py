"""Computations that read the file on another thread, through their own read-only connection.

Used where a view would otherwise freeze the window on a large file (the dashboard at four times the reference
workload took 0.8 s). The rule: a background computation only reads, on its own connection (``Store.open_reader``),
so it never sees or disturbs the user's edits, which go on meanwhile; its result reaches the UI thread by a signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from zv_desktop.core.store import Store


class _Thread(QThread):
    def __init__(self, store: Store, work: Callable[[Store], Any]) -> None:
        super().__init__()
        self.store, self.work = store, work
        self.result: Any = None
        self.error: Exception | None = None

    def run(self) -> None:
        reader = self.store.open_reader()
        try:
            self.result = self.work(reader)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which shows or raises it there
            self.error = exc
        finally:
            reader.close()


class BackgroundReader(QObject):
    """Runs one computation at a time; asking again while one runs computes once more afterwards (newest wins)."""

    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _Thread | None = None
        self._next: tuple[Store, Callable[[Store], Any]] | None = None

    @property
    def running(self) -> bool:
        """True while a computation runs."""
        return self._thread is not None

    def start(self, store: Store, work: Callable[[Store], Any]) -> None:
        """Compute ``work(reader)`` in the background (after the one running, if any)."""
        if self._thread is not None:
            self._next = (store, work)
            return
        thread = self._thread = _Thread(store, work)
        thread.finished.connect(lambda: self._done(thread))
        thread.start()

    def wait(self) -> None:
        """Block until nothing runs (closing the window, tests)."""
        while self._thread is not None:
            self._done(self._thread)

    def _done(self, thread: _Thread) -> None:
        if thread is not self._thread:
            return  # told twice (by wait and by the thread's signal)
        self._thread = None
        thread.wait()
        if self._next is not None:  # a newer request came meanwhile: its result is the one that counts
            store, work = self._next
            self._next = None
            self.start(store, work)
            return
        if thread.error is not None:
            self.failed.emit(thread.error)
        else:
            self.finished.emit(thread.result)
