"""What a user action changed, record by record, so that it can be undone and redone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Change:
    """One record before and after an action: ``before`` None means it was created, ``after`` None deleted."""

    cls: type
    before: Any | None
    after: Any | None

    @property
    def record_id(self) -> str:
        """The id of the changed record."""
        record: Any = self.after if self.after is not None else self.before
        return str(record.id)


@dataclass
class Action:
    """A user action: its German label (for "Rückgängig: …") and the records it changed, in order."""

    label: str
    changes: list[Change] = field(default_factory=list)
