"""A program that writes to a data file through the services until it is killed: the crash loop's victim.

Run as ``python -m tests.crash.writer FILE SEED``. Before each write it prints ``TRY <key> <state>`` and after the
commit returned ``ACK <key> <state>`` (flushed), so the harness knows which writes were acknowledged when it sent
``kill -9``. A key is one thing a user relies on (a goal's comment or title, one monthly value); a state is what the
file must hold for it. The kinds of write: values typed (and cleared) in the KPI grid's way, a goal's comment, a
goal's title, an Excel import of a few values, and an action undone right after.
"""

from __future__ import annotations

import dataclasses
import random
import sys
from decimal import Decimal
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.services import agreements, history, values
from zv_desktop.core.store import Store, open_store

#: The keys of monthly values the writer plays with: (measure code, month).
# change rates (K1, K3): unbounded above, so the counter can serve as a unique figure
VALUE_KEYS = [(code, month) for code in ("K1", "K3") for month in range(1, 13)]
DELETED = "-"


def _say(kind: str, key: str, state: str) -> None:
    sys.stdout.write(f"{kind} {key} {state}\n")
    sys.stdout.flush()


class Writer:
    """Random writes through the services, each announced (TRY) and acknowledged (ACK)."""

    def __init__(self, store: Store, seed: int) -> None:
        self.store = store
        self.random = random.Random(seed)
        self.count = seed * 100_000
        self.area = store.query("SELECT id FROM areas WHERE deleted = 0 ORDER BY id LIMIT 1")[0]["id"]
        self.measures = {row["code"]: row["id"] for row in store.query("SELECT id, code FROM measures")}
        self.goals = [g.id for g in store.find(model.Goal, order_by="id")][:6]

    def step(self) -> None:
        """One random write."""
        self.count += 1
        kind = self.random.choice(["value", "value", "clear", "comment", "title", "undo", "import"])
        getattr(self, f"_{kind}")()

    def _value_key(self) -> tuple[str, str, int]:
        code, month = self.random.choice(VALUE_KEYS)
        return f"value:{code}:{month}", code, month

    def _value(self) -> None:
        key, code, month = self._value_key()
        number = Decimal(self.count)
        _say("TRY", key, str(number))
        value = model.KpiValue(self.measures[code], self.area, 2030, number, period_no=month, source="Crashtest")
        values.save_values(self.store, [value])
        _say("ACK", key, str(number))

    def _clear(self) -> None:
        key, code, month = self._value_key()
        stored = self.store.find(
            model.KpiValue,
            "measure_id = ? AND area_id = ? AND year = 2030 AND period_no = ?",
            (self.measures[code], self.area, month),
        )
        if not stored:
            return
        _say("TRY", key, DELETED)
        self.store.delete(model.KpiValue, stored[0].id, expected_version=stored[0].row_version)
        _say("ACK", key, DELETED)

    def _goal(self) -> model.Goal:
        return self.store.get(model.Goal, self.random.choice(self.goals))

    def _comment(self) -> None:
        goal = self._goal()
        text = f"w{self.count}"
        _say("TRY", f"comment:{goal.id}", text)
        agreements.save_goal(self.store, dataclasses.replace(goal, comment=text))
        _say("ACK", f"comment:{goal.id}", text)

    def _title(self) -> None:
        goal = self._goal()
        if self.store.get(model.Agreement, goal.agreement_id).status.is_signed:
            return self._comment()
        text = f"Ziel w{self.count}"
        _say("TRY", f"title:{goal.id}", text)
        agreements.save_goal(self.store, dataclasses.replace(goal, title=text))
        _say("ACK", f"title:{goal.id}", text)
        return None

    def _undo(self) -> None:
        goal = self._goal()
        before = goal.comment
        _say("TRY", f"comment:{goal.id}", f"w{self.count}")  # the action, then its undo: either may be the last
        with self.store.recording("Ziel ändern") as action:
            agreements.save_goal(self.store, dataclasses.replace(goal, comment=f"w{self.count}"))
        _say("TRY", f"comment:{goal.id}", before)
        history.undo(self.store, action)
        _say("ACK", f"comment:{goal.id}", before)

    def _import(self) -> None:
        from tests.crash.import_book import import_values

        chosen = self.random.sample(VALUE_KEYS, 3)
        numbers = {key: Decimal(self.count * 10 + i) for i, key in enumerate(chosen)}
        for (code, month), number in numbers.items():
            _say("TRY", f"value:{code}:{month}", str(number))
        import_values(self.store, self.area, numbers)
        for (code, month), number in numbers.items():
            _say("ACK", f"value:{code}:{month}", str(number))


def main(argv: list[str]) -> int:
    """Write until killed (or for ``argv[2]`` steps, for a test of the writer itself)."""
    path, seed = Path(argv[0]), int(argv[1])
    steps = int(argv[2]) if len(argv) > 2 else -1
    store = open_store(path, user=f"crash{seed}")
    writer = Writer(store, seed)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while steps:
        writer.step()
        steps -= 1
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
