"""Undo and redo of recorded user actions; a signed agreement stays as signed."""

from __future__ import annotations

import copy
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.field_labels import LABELS
from zv_desktop.core.services.agreements import agreement_of
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import conflict_error
from zv_desktop.core.store.journal import Action, Change
from zv_desktop.core.store.mapping import table_of, to_row


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


def _differences(current: dict[str, Any] | None, state: Any | None) -> list[str] | None:
    """German names of the fields in which the stored row differs from ``state`` (None: it is as expected)."""
    if state is None:
        return None if current is None or current["deleted"] else ["gelöscht"]
    if current is None:
        return ["gelöscht"]
    expected = to_row(state)
    differing = [LABELS.get(k, k) for k, v in expected.items() if current.get(k) != v]
    if current["deleted"]:
        differing.insert(0, "gelöscht")
    return differing or None


def _apply(store: Store, change: Change, expected: Any | None, target: Any | None) -> None:
    """Bring one record from the state ``expected`` to ``target`` (None: deleted); refuse if it is not as expected.

    A record that someone else (another window, program or office) changed after this action is not overwritten:
    ConflictError names who changed what.
    """
    table = table_of(change.cls)
    rows = store.query(f"SELECT * FROM {table} WHERE id = ?", (change.record_id,))
    current = rows[0] if rows else None
    differing = _differences(current, expected)
    if differing is not None and current is not None:
        raise conflict_error(store.conn, table, current, 0, differing)
    version = int(current["row_version"]) if current is not None else 0
    if target is None:
        if current is not None and not current["deleted"]:
            store.delete(change.cls, change.record_id, expected_version=version)
        return
    record = copy.deepcopy(target)
    record.row_version = version
    store.write(record)


def undo(store: Store, action: Action) -> None:
    """Put every record the action changed back as it was, in one transaction.

    Each record must still be as the action left it; one changed since by someone else stops the whole undo.
    """
    _check_not_signed(store, action.changes, "Rückgängig")
    with store.transaction():
        for change in reversed(action.changes):
            _apply(store, change, change.after, change.before)


def redo(store: Store, action: Action) -> None:
    """Do the action's changes again, in one transaction (refused like ``undo`` if a record was changed since)."""
    _check_not_signed(store, action.changes, "Wiederholen")
    with store.transaction():
        for change in action.changes:
            _apply(store, change, change.before, change.after)
