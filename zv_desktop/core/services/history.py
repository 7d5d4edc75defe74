"""Undo and redo of recorded user actions; a signed agreement stays as signed."""

from __future__ import annotations

from typing import Any

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.services.agreements import agreement_of
from zv_desktop.core.store import Store
from zv_desktop.core.store.journal import Action, Change


def _owning_agreement(store: Store, record: Any) -> str | None:
    """The agreement whose signature protects a record (amendments may be added to signed agreements)."""
    return None if isinstance(record, model.Amendment) else agreement_of(store, record)


def _check_not_signed(store: Store, changes: list[Change], verb: str) -> None:
    signed = {a.id: a for a in store.find(model.Agreement) if a.status.is_signed}
    for change in changes:
        before, after = change.before, change.after
        if isinstance(before, model.Goal) and isinstance(after, model.Goal):
            if model.differs_only_in_tracking(before, after):
                continue  # comments and done dates stay editable after signing
        for record in (before, after):
            agreement_id = _owning_agreement(store, record) if record is not None else None
            if agreement_id in signed:
                agreement = signed[agreement_id]
                message = (
                    f"„{verb}“ ist nicht möglich: die Zielvereinbarung {agreement.year} „{agreement.title}“ ist "
                    f"{agreement.status.label}."
                )
                raise ValidationError([Problem("status", message)])


def _apply(store: Store, cls: type, target: Any | None, current_id: str) -> None:
    if target is None:
        if store.exists(cls, current_id):
            store.delete(cls, current_id)
    else:
        store.write(target)


def undo(store: Store, action: Action) -> None:
    """Put every record the action changed back as it was, in one transaction."""
    _check_not_signed(store, action.changes, "Rückgängig")
    with store.transaction():
        for change in reversed(action.changes):
            _apply(store, change.cls, change.before, change.record_id)


def redo(store: Store, action: Action) -> None:
    """Do the action's changes again, in one transaction."""
    _check_not_signed(store, action.changes, "Wiederholen")
    with store.transaction():
        for change in action.changes:
            _apply(store, change.cls, change.after, change.record_id)
