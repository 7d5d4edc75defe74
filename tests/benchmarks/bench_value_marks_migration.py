"""Benchmark of migration 0011 (a KPI value may be a sign without a figure) on the reference workload.

The migration rebuilds ``kpi_values`` (SQLite cannot drop NOT NULL): it copies every row with its rowid into the new
table, drops the old one and builds the three indexes again; both runs get the page cache ``apply_migrations`` sets. Measured on a copy of the reference file, against a
floor of plain SQL doing the same copy: ``CREATE TABLE … AS SELECT`` of the same rows into a table without
constraints, then the index of its ids and the same three indexes. Prints seconds, rows and the ratio as JSON.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_value_marks_migration.py --db /tmp/referenzlast.sqlite
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for zv_desktop
sys.path.insert(0, str(Path(__file__).resolve().parent))  # generate_workload beside this file

from generate_workload import generate

from zv_desktop.core.store.migrations import MIGRATION_CACHE_KIB, load_migrations

_FLOOR = """
CREATE TABLE plain AS SELECT rowid AS rid, * FROM kpi_values ORDER BY rowid;
CREATE UNIQUE INDEX plain_id ON plain (id);
CREATE UNIQUE INDEX plain_key ON plain (area_id, measure_id, year, period_type, period_no, value_kind)
    WHERE deleted = 0;
CREATE INDEX plain_local_seq ON plain (local_seq);
CREATE INDEX plain_deleted_key ON plain (area_id, measure_id, year, period_type, period_no, value_kind, local_seq)
    WHERE deleted = 1;
"""


def _timed(path: Path, script: str) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA cache_size = {MIGRATION_CACHE_KIB}")  # as apply_migrations runs them
        started = time.perf_counter()
        conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nCOMMIT;")
        return time.perf_counter() - started
    finally:
        conn.close()


def main() -> None:
    """Time the migration's SQL and the floor, each on its own fresh copy of the reference file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/referenzlast.sqlite"))
    args = parser.parse_args()
    if not args.db.exists():
        generate(args.db)
    migration = next(m for m in load_migrations() if m.version == 11)
    with tempfile.TemporaryDirectory() as folder:
        results: dict[str, float] = {}
        for name, script in (("floor", _FLOOR), ("migration", migration.sql)):
            copy = Path(folder) / f"{name}.sqlite"
            shutil.copy(args.db, copy)
            results[name] = _timed(copy, script)
            rows = sqlite3.connect(copy).execute("SELECT count(*) FROM kpi_values").fetchone()[0]
            copy.unlink()
    print(
        json.dumps(
            {
                "rows": rows,
                "floor_s": round(results["floor"], 2),
                "migration_s": round(results["migration"], 2),
                "ratio": round(results["migration"] / results["floor"], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
