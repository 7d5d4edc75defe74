"""Benchmark of one Träger's series fetch on the reference workload: series_for_area() against raw sqlite3.

Fetches one area's full 25-year series of all 60 measures (≈18,000 rows at scale 1) through the
service function the app uses, ``series_for_area(store, area_id)``, and with the very same SELECT and
parameters on a separate plain ``sqlite3`` connection (``fetchall``), and for comparison with that query
using ``+year``; the variants take turns over many repetitions after warming the caches. Prints the query
plans, median, min and max of each variant and the service / raw ratio.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_series.py                      # generates into a temp dir
    .venv/bin/python tests/benchmarks/bench_series.py --db /tmp/referenzlast.sqlite   # reuses or creates it
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for zv_desktop
sys.path.insert(0, str(Path(__file__).resolve().parent))  # generate_workload beside this file

from generate_workload import generate

from zv_desktop.core.services.values import series_for_area
from zv_desktop.core.store.opening import open_store

_SELECT = (
    "SELECT measure_id, year, period_type, period_no, value_kind, value FROM kpi_values "
    "WHERE area_id = ? AND deleted = 0 AND value IS NOT NULL"
)
_ORDER = " ORDER BY measure_id, year, period_type, period_no, value_kind"
#: The SELECT of ``series_for_area(store, area_id)`` (checked against the service below).
SERIES_SQL = _SELECT + _ORDER
#: The SELECT of ``series_for_area(store, area_id, YEARS[0], YEARS[1])``: the year term written as
#: ``+year`` so the planner seeks on ``area_id = ?`` and reads the index in ORDER BY order.
RANGE_SQL = _SELECT + " AND +year BETWEEN ? AND ?" + _ORDER
YEARS = (2002, 2026)
GOAL_RATIO = 1.5


def pick_area(conn: sqlite3.Connection, name: str) -> tuple[str, str]:
    """Id and name of the area called ``name``, else of the middle one by name."""
    row = conn.execute("SELECT id, name FROM areas WHERE deleted = 0 AND name = ?", (name,)).fetchone()
    if row is None:
        rows = conn.execute("SELECT id, name FROM areas WHERE deleted = 0 ORDER BY name").fetchall()
        row = rows[len(rows) // 2]
    return row[0], row[1]


def traced_sql(conn: sqlite3.Connection, action: Callable[[], object]) -> list[str]:
    """The statements (with bound parameters expanded) that ``action`` runs on ``conn``."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        conn.set_trace_callback(None)
    return statements


def time_alternating(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Run each action ``repeat`` times, taking turns, and return the seconds of every run per action."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            started = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - started)
    return times


def query_plan(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[str]:
    """The lines of EXPLAIN QUERY PLAN for ``sql``."""
    return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def run(path: Path, repeat: int, warmup: int, area_name: str) -> dict[str, Any]:
    """Time the series fetch of one area in the data file at ``path``; returns all figures."""
    store = open_store(path)
    raw = sqlite3.connect(path)
    try:
        area_id, area = pick_area(raw, area_name)
        params, range_params = (area_id,), (area_id, *YEARS)

        def service() -> object:
            return series_for_area(store, area_id)

        def raw_sql() -> object:
            return raw.execute(SERIES_SQL, params).fetchall()

        def service_range() -> object:
            return series_for_area(store, area_id, *YEARS)

        def raw_range() -> object:
            return raw.execute(RANGE_SQL, range_params).fetchall()

        for ours, theirs in ((service, raw_sql), (service_range, raw_range)):
            service_sql, plain_sql = traced_sql(store.conn, ours), traced_sql(raw, theirs)
            if service_sql != plain_sql:
                raise SystemExit(f"series_for_area no longer runs the mirrored query:\n{service_sql}\n{plain_sql}")
        points, rows = series_for_area(store, area_id), raw_sql()
        if [tuple(p) for p in points] != rows or raw_range() != rows:
            raise SystemExit("series_for_area and the raw queries return different rows")
        variants = {"service": service, "raw": raw_sql, "service_range": service_range, "raw_range": raw_range}
        time_alternating(variants, warmup)
        times = time_alternating(variants, repeat)
        stats = {
            name: {"median_ms": statistics.median(ts) * 1e3, "min_ms": min(ts) * 1e3, "max_ms": max(ts) * 1e3}
            for name, ts in times.items()
        }
        return {
            "area": area,
            "rows": len(rows),
            "measures": len({r[0] for r in rows}),
            "years": f"{min(r[1] for r in rows)}–{max(r[1] for r in rows)}",
            "repeat": repeat,
            "plan": query_plan(raw, SERIES_SQL, params),
            "plan_range": query_plan(raw, RANGE_SQL, range_params),
            "sqlite_version": sqlite3.sqlite_version,
            "times": stats,
            "ratio_median": stats["service"]["median_ms"] / stats["raw"]["median_ms"],
            "ratio_min": stats["service"]["min_ms"] / stats["raw"]["min_ms"],
            "ratio_range_median": stats["service_range"]["median_ms"] / stats["raw_range"]["median_ms"],
        }
    finally:
        raw.close()
        store.close()


def report(result: dict[str, Any]) -> str:
    """The figures as readable text."""
    lines = [
        f"Area {result['area']}: {result['rows']} rows, {result['measures']} measures, {result['years']}",
        f"SQLite {result['sqlite_version']}, {result['repeat']} alternating runs each, GC enabled",
        "EXPLAIN QUERY PLAN:",
        *(f"  {line}" for line in result["plan"]),
    ]
    labels = (
        ("service", "series_for_area"),
        ("raw", "raw sqlite3 fetchall"),
        ("service_range", f"same, years {YEARS[0]}–{YEARS[1]}"),
        ("raw_range", "raw, same years"),
    )
    for name, label in labels:
        t = result["times"][name]
        lines.append(
            f"{label:>22}: median {t['median_ms']:7.2f} ms   min {t['min_ms']:7.2f} ms   max {t['max_ms']:7.2f} ms"
        )
    verdict = "within" if result["ratio_median"] <= GOAL_RATIO else "ABOVE"
    lines.append(
        f"ratio service / raw: median {result['ratio_median']:.2f}×, min {result['ratio_min']:.2f}× "
        f"({verdict} the goal of ≤ {GOAL_RATIO}×)"
    )
    lines.append(
        f"with a year range: ratio {result['ratio_range_median']:.2f}×, plan {' / '.join(result['plan_range'])}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate or reuse the reference file, run the benchmark, print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reference file to reuse (generated there if missing)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale when generating (default 1)")
    parser.add_argument("--repeat", type=int, default=50, help="timed runs of each variant (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs of each variant first (default 5)")
    parser.add_argument("--area", default="Kreis 27", help="area to fetch (default: Kreis 27)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    tmpdir = None
    path = args.db
    if path is None:
        tmpdir = Path(tempfile.mkdtemp(prefix="zv-bench-"))
        path = tmpdir / "referenzlast.sqlite"
    try:
        generated = None
        if not path.exists():
            generated = generate(path, args.scale)
            seconds, size = generated["seconds"]["total"], generated["file_bytes"]
            print(f"generated {path} in {seconds:.1f} s, {size:,} bytes", file=sys.stderr)
        result = run(path, args.repeat, args.warmup, args.area)
        result["generated"] = generated
        print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else report(result))
    finally:
        if tmpdir is not None:
            shutil.rmtree(tmpdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
