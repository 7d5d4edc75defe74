"""Cost of a safe single write (issue 12): one goal saved through the service, as the editor does it, against the
floor of plain sqlite3 doing the same row update and audit row in its own transaction.

The service path takes the write lock first (BEGIN IMMEDIATE), reads the row, checks the version the editor read,
writes the row with its sync columns and an audit row, commits with synchronous=FULL and checkpoints passively.

Run from the repository root::

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_writes.py --saves 2000
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.demo import build_demo
from zv_desktop.core.services import agreements
from zv_desktop.core.store import open_store


def _service(path: Path, saves: int) -> float:
    store = open_store(path)
    goal = store.find(model.Goal)[0]
    started = time.perf_counter()
    for i in range(saves):
        goal = agreements.save_goal(store, dataclasses.replace(goal, comment=f"Kommentar {i}"))
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def _floor(path: Path, saves: int) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    goal_id = conn.execute("SELECT id FROM goals LIMIT 1").fetchone()[0]
    started = time.perf_counter()
    for i in range(saves):
        conn.execute("BEGIN")
        conn.execute("UPDATE goals SET comment = ?, row_version = row_version + 1 WHERE id = ?", (f"K {i}", goal_id))
        conn.execute(
            "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
            "VALUES ('t', 's', 'u', 'goals', ?, 'update', ?)",
            (goal_id, json.dumps({"comment": ["a", f"K {i}"]})),
        )
        conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite"
        store = open_store(path, create=True, office_name="Bench")
        build_demo(store)
        store.close()
        service = [_service(path, args.saves) for _ in range(args.runs)]
        floor = [_floor(path, args.saves) for _ in range(args.runs)]
    per_save = statistics.median(service) / args.saves * 1000
    per_floor = statistics.median(floor) / args.saves * 1000
    print(f"service save: {per_save:.2f} ms (runs {[round(s, 2) for s in service]} s for {args.saves})")
    print(f"raw sqlite3 floor: {per_floor:.2f} ms (runs {[round(s, 2) for s in floor]} s)")
    print(f"ratio {per_save / per_floor:.1f}x")


if __name__ == "__main__":
    main()
