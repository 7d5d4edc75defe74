"""One of two programs writing one data file in rollback-journal mode (as on a network drive) for some seconds.

Run as ``python -m tests.crash.journal_writer FILE NAME SECONDS``. Each acknowledged write is printed as
``ACK <key> <state>`` after its commit returned; refused ones (a conflict, a lock held too long) as ``REFUSED``.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from decimal import Decimal
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.errors import ZvError
from zv_desktop.core.services import agreements, values
from zv_desktop.core.store import open_store, opening


def main(argv: list[str]) -> int:
    """Write values and a goal's comment until the time is up."""
    path, name, seconds = Path(argv[0]), argv[1], float(argv[2])
    opening.is_network_path = lambda _path: True  # type: ignore[attr-defined]  # as on a share: no WAL
    store = open_store(path, user=name)
    mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    sys.stdout.write(f"MODE {mode}\n")
    area = store.query("SELECT id FROM areas WHERE deleted = 0 ORDER BY id LIMIT 1")[0]["id"]
    k2 = store.query("SELECT id FROM measures WHERE code = 'K2'")[0]["id"]
    goal_id = sorted(g.id for g in store.find(model.Goal))[0 if name == "a" else 1]
    year = 2040 if name == "a" else 2041
    deadline = time.monotonic() + seconds
    count = 0
    while time.monotonic() < deadline:
        count += 1
        try:
            if count % 2:
                month = count % 12 + 1
                number = Decimal(count)
                values.save_values(store, [model.KpiValue(k2, area, year, number, period_no=month)])
                sys.stdout.write(f"ACK value:{year}:{month} {number}\n")
            else:
                goal = store.get(model.Goal, goal_id)
                agreements.save_goal(store, dataclasses.replace(goal, comment=f"{name}{count}"))
                sys.stdout.write(f"ACK comment:{goal_id} {name}{count}\n")
        except ZvError as exc:
            sys.stdout.write(f"REFUSED {type(exc).__name__}: {exc}\n")
    store.close()
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
