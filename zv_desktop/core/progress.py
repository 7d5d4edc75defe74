"""Progress of long work, reported to whoever shows it, and the user's wish to cancel it."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the work; whatever it wrote was rolled back."""


class Progress:
    """Passed to long-running core functions: they report how far they are and check for cancelling."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def update(self, done: int, total: int, text: str = "") -> None:
        """Say how far the work is (``total`` 0 means unknown); raises Cancelled if the user asked."""
        if self._report is not None:
            self._report(done, total, text)
        self.check()

    def cancel(self) -> None:
        """Ask the work to stop at its next check (called from the UI thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once cancelling was asked for."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()
