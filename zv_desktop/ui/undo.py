"""User actions through one place: each runs in one transaction, lands on the undo stack, errors become dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from zv_desktop.core.errors import ConflictError, ValidationError, ZvError
from zv_desktop.core.services import history
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import collides, describe_edit, merged_notice, reapply_edit
from zv_desktop.core.store.journal import Action
from zv_desktop.ui import conflict_dialog

T = TypeVar("T")
R = TypeVar("R")


class _ActionCommand(QUndoCommand):
    """An already performed action on Qt's undo stack; undo/redo call the core history service."""

    def __init__(self, controller: ActionController, action: Action) -> None:
        super().__init__(action.label)
        self._controller = controller
        self._action = action
        self._done = True  # pushing calls redo(); the action has already happened then

    def undo(self) -> None:
        if not self._controller.replay(history.undo, self._action):
            self.setObsolete(True)  # refused (e.g. the agreement was signed since): Qt drops the step

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        if not self._controller.replay(history.redo, self._action):
            self.setObsolete(True)


class ActionController(QObject):
    """Runs user actions against the store; the UI never writes in any other way."""

    #: Emitted after anything in the file changed (an action, an undo, a redo).
    changed = Signal()
    #: A German note for the status bar (e.g. that another change was kept beside the user's own).
    notice = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.stack = QUndoStack(self)
        self.dialog_parent: QWidget | None = None

    def perform(self, label: str, work: Callable[[], T]) -> T | None:
        """Run ``work`` as one recorded action; on a rule violation show the German message, return None.

        If someone else changed what the action needed (ConflictError), every view reads the file again first.
        """
        try:
            return self._run(label, work)
        except ConflictError as exc:
            self.changed.emit()
            conflict_dialog.tell_conflict(self.dialog_parent, str(exc))
        except ZvError as exc:
            self.show_problem(exc)
        return None

    def perform_edit(self, label: str, original: R, edited: R, save: Callable[[R], object]) -> bool:
        """Save a record the user edited in a form (``original`` as shown, ``edited`` as typed) as one action.

        If someone else changed the record meanwhile, that write does not happen and the views show the stored
        state. If the other change touched none of the fields the user changed, the user's changes are applied to
        the stored state at once and the status bar says who changed what; if both changed the same field, the
        user decides in a dialog whether to apply their input or discard it. True if the user's input was saved.
        """

        def again() -> bool:  # runs inside the new action's transaction: the stored state cannot change under it
            cls: Any = type(edited)
            current = self.store.get(cls, str(getattr(edited, "id", "")))
            save(reapply_edit(original, edited, current))
            return True

        try:
            self._run(label, lambda: save(edited))
            return True
        except ConflictError as exc:
            self.changed.emit()  # every view shows the stored state now
            if collides(original, edited, self._current(edited)):
                if not conflict_dialog.ask_reapply(self.dialog_parent, str(exc), describe_edit(original, edited)):
                    return False
            else:  # nothing of the other change is touched: apply the user's input at once, and say so
                self.notice.emit(merged_notice(exc))
            return self.perform(label, again) is not None
        except ZvError as exc:
            self.show_problem(exc)
            return False

    def _current(self, record: R) -> R | None:
        cls: Any = type(record)
        record_id = str(getattr(record, "id", ""))
        return cast(R, self.store.get(cls, record_id)) if self.store.exists(cls, record_id) else None

    def perform_or_retry(self, label: str, work: Callable[[], T], mine: list[str], retry: Callable[[], T]) -> T | None:
        """Like ``perform``; if someone else changed what ``work`` needed, offer to apply the user's input (``mine``,
        German lines) to the stored state with ``retry``, as one new action, or to discard it."""
        try:
            return self._run(label, work)
        except ConflictError as exc:
            self.changed.emit()  # every view shows the stored state now
            if not conflict_dialog.ask_reapply(self.dialog_parent, str(exc), mine):
                return None
            return self.perform(label, retry)
        except ZvError as exc:
            self.show_problem(exc)
            return None

    def _run(self, label: str, work: Callable[[], T]) -> T:
        with self.store.recording(label) as action:
            result = work()
        if action.changes:
            self.stack.push(_ActionCommand(self, action))
            self.changed.emit()
        return result

    def replay(self, step: Callable[[Store, Action], None], action: Action) -> bool:
        """Undo or redo an action; if the rules forbid it, say why and return False."""
        try:
            step(self.store, action)
        except ConflictError as exc:
            self.changed.emit()
            conflict_dialog.tell_conflict(self.dialog_parent, str(exc))
            return False
        except ZvError as exc:
            self.show_problem(exc)
            return False
        self.changed.emit()
        return True

    def show_message(self, text: str) -> None:
        """A German hint to the user (nothing was changed)."""
        QMessageBox.information(self.dialog_parent, self.tr("Hinweis"), text)

    def show_problem(self, exc: ZvError) -> None:
        """The German message of a refused action in a dialog."""
        text = "\n".join(str(p.message) for p in exc.problems) if isinstance(exc, ValidationError) else str(exc)
        QMessageBox.warning(self.dialog_parent, self.tr("Nicht gespeichert"), text)
