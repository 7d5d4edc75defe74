"""Benchmark of target tracking on the reference workload: the dashboard of a year and a 25-year comparison.

* **Dashboard**: ``year_status(store, year)`` – every goal of every agreement of one year over all Träger with its
  status – against the floor: the same rows fetched with plain ``sqlite3`` (the year's agreements, their parties,
  all their goals with every column, section and clause numbers, the measures and areas, and the monthly Ist
  values of the year and the year before for the (measure, area) pairs the goals use), ``fetchall`` only.
* **Comparison**: ``compare_agreements(store, ids)`` of one Träger's 25 agreements (chained by ``previous_id``).

Variants take turns after a warm-up; the medians are reported. Pass several files (``--db`` repeatedly, e.g. the
reference file at scale 1, 2 and 4 from ``generate_workload.py --scale``) to see how the figures grow.

    .venv/bin/python tests/benchmarks/bench_tracking.py --db /tmp/referenzlast.sqlite --db /tmp/referenzlast-x2.sqlite
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for zv_desktop

from zv_desktop.core.services.status import STAFF_MEASURE_ID, TEMP_SHARE_MEASURE_ID, year_status
from zv_desktop.core.store.opening import open_store

YEAR = 2014


def _in(items: list[str]) -> str:
    return ",".join("?" * len(items))


def raw_dashboard_rows(conn: sqlite3.Connection, year: int) -> int:
    """Fetch the rows the dashboard is computed from, with plain SQL; returns how many rows."""
    agreements = conn.execute("SELECT id, title FROM agreements WHERE deleted = 0 AND year = ?", (year,)).fetchall()
    ids = [a[0] for a in agreements]
    parties = conn.execute(
        "SELECT ap.agreement_id, p.id, p.short_name, p.name FROM agreement_parties ap JOIN parties p "
        f"ON p.id = ap.party_id WHERE ap.deleted = 0 AND ap.agreement_id IN ({_in(ids)})",
        ids,
    ).fetchall()
    goals = conn.execute(f"SELECT * FROM goals WHERE deleted = 0 AND agreement_id IN ({_in(ids)})", ids).fetchall()
    sections = conn.execute(
        f"SELECT id, number FROM sections WHERE deleted = 0 AND agreement_id IN ({_in(ids)})", ids
    ).fetchall()
    section_ids = [s[0] for s in sections]
    clauses = conn.execute(
        f"SELECT id, section_id, number FROM clauses WHERE deleted = 0 AND section_id IN ({_in(section_ids)})",
        section_ids,
    ).fetchall()
    measures = conn.execute("SELECT id, code, name, unit, direction, aggregation FROM measures").fetchall()
    areas = conn.execute("SELECT id, name, party_id, kind FROM areas WHERE deleted = 0").fetchall()
    names = [d[0] for d in conn.execute("SELECT * FROM goals LIMIT 0").description]
    measure, area = names.index("measure_id"), names.index("area_id")
    measure_ids = {g[measure] for g in goals if g[measure]} | {STAFF_MEASURE_ID, TEMP_SHARE_MEASURE_ID}
    party_ids = {p[1] for p in parties}
    area_ids = {g[area] for g in goals if g[area]} | {a[0] for a in areas if a[2] in party_ids}  # home areas too
    values = conn.execute(
        "SELECT measure_id, area_id, year, period_no, value FROM kpi_values "
        f"WHERE deleted = 0 AND area_id IN ({_in(sorted(area_ids))}) AND measure_id IN ({_in(sorted(measure_ids))}) "
        "AND year IN (?, ?) AND period_type = 'M' AND value_kind = 'ist'",
        (*sorted(area_ids), *sorted(measure_ids), year - 1, year),
    ).fetchall()
    return sum(map(len, (agreements, parties, goals, sections, clauses, measures, areas, values)))


def _median_ms(function: Callable[[], Any], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def bench_file(db: Path, runs: int) -> dict[str, Any]:
    """All measurements on one file."""
    store = open_store(db)
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    status = year_status(store, YEAR)  # warm-up: caches and imports
    raw_rows = raw_dashboard_rows(raw, YEAR)
    service, raw_times = [], []
    for _ in range(runs):  # take turns
        service.append(_median_ms(lambda: year_status(store, YEAR), 1)[0])
        raw_times.append(_median_ms(lambda: raw_dashboard_rows(raw, YEAR), 1)[0])
    result: dict[str, Any] = {
        "file": str(db),
        "agreements": store.conn.execute("SELECT count(*) FROM agreements").fetchone()[0],
        "dashboard_goals": len(status.rows),
        "dashboard_raw_rows": raw_rows,
        "dashboard_ms": statistics.median(service),
        "dashboard_max_ms": max(service),
        "raw_sql_ms": statistics.median(raw_times),
        "dashboard_ratio": statistics.median(service) / statistics.median(raw_times),
    }
    try:
        from zv_desktop.core.services.compare.comparison import compare_agreements
    except ImportError:
        return result
    party = store.conn.execute("SELECT party_id FROM agreement_parties LIMIT 1").fetchone()[0]
    chain = [
        r[0]
        for r in store.conn.execute(
            "SELECT a.id FROM agreements a JOIN agreement_parties ap ON ap.agreement_id = a.id "
            "WHERE ap.party_id = ? AND a.deleted = 0 ORDER BY a.year",
            (party,),
        )
    ]
    compare_agreements(store, chain)  # warm-up
    median, times = _median_ms(lambda: compare_agreements(store, chain), runs)
    result |= {"compare_agreements": len(chain), "compare_ms": median, "compare_max_ms": max(times)}
    store.close()
    return result


def main() -> int:
    """Command line: measure each file and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", required=True, help="workload file (repeatable)")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(json.dumps([bench_file(db, args.runs) for db in args.db], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
