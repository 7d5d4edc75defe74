"""Benchmark of the Excel import (Issue 6) on the reference workload: our import against openpyxl reading the file.

For both layouts — the template (one row per value, 100,000 rows × 8 columns) and a monthly table (8,427 rows:
53 Träger × 53 measures × 3 years, Jahr | Gebiet | Kennzahl | Bezeichnung | Jan … Dez) — it measures in one run:

* the floors: ``openpyxl.load_workbook(read_only=True, data_only=True)`` and ``iter_rows(values_only=True)`` over all
  rows, nothing else; the same read with calamine (``CalamineWorkbook.from_path``, the sheet, ``iter_rows``; issue
  17); and plain ``sqlite3`` writing as many values with their audit rows;
* our preview (``preview_import``: read, match, stage, compare with the data file);
* our import as ``zv import-xlsx`` does it: ``preview_import`` + ``run_import`` (one transaction, an audit row per
  value), and the same file once more (all values unchanged);
* for comparison, what SQLite alone needs to write the same number of values and audit rows (``executemany``).

Every time is the best of ``--repeat`` runs (3), each on a fresh copy of the data file: the machine is shared, and
the shortest run shows what the code does undisturbed; the JSON keeps every run.

Peak memory (``ru_maxrss`` of a fresh process, and tracemalloc's peak of Python objects) is measured for 25,000 and
100,000 values of each layout to show that it stays flat. The data file is a copy of the reference workload.

    .venv/bin/python tests/benchmarks/bench_xlsx_import.py [--db /tmp/referenzlast.sqlite] [--out DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for zv_desktop

from openpyxl import Workbook, load_workbook

from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.exchange.xlsx_import.workbook import open_workbook, worksheet
from zv_desktop.core.store.opening import open_store
from zv_desktop.core.store.store import utc_now

HERE = Path(__file__).resolve().parent
MONTHS = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
TEMPLATE_HEADER = ["Kennzahl", "Gebiet", "Jahr", "Monat", "Art", "Wert", "Quelle", "Bemerkung"]


def ensure_workload(path: Path) -> None:
    """Generate the reference workload at ``path`` unless it exists."""
    if not path.exists():
        print(f"Erzeuge die Referenzlast {path} …", flush=True)
        subprocess.run([sys.executable, str(HERE / "generate_workload.py"), "-o", str(path)], check=True)


def catalogue(db: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Area names and (code, name) of 53 measures of the workload."""
    conn = sqlite3.connect(db)
    try:
        areas = [r[0] for r in conn.execute("SELECT name FROM areas WHERE deleted = 0 ORDER BY name")]
        measures = conn.execute("SELECT code, name FROM measures WHERE deleted = 0 ORDER BY code LIMIT 53").fetchall()
    finally:
        conn.close()
    return areas, measures


def _figure(n: int) -> float:
    return round(10 + (n * 7919 % 90_000) / 1000, 1)


def _with_dimension(path: Path, ref: str) -> None:
    """Put the <dimension> element where Excel writes it (openpyxl's write-only mode leaves it out)."""
    with zipfile.ZipFile(path) as source:
        parts = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts:
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"(</sheetPr>)", rb'\1<dimension ref="' + ref.encode() + rb'"/>', data, count=1)
            target.writestr(item, data)


def write_template(path: Path, areas: list[str], measures: list[tuple[str, str]], years: range, limit: int) -> int:
    """The template layout: a title block, the header, one row per value."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Kennzahlwerte")
    ws.append(["Kennzahlwerte (Benchmark)"])
    ws.append([])
    ws.append(TEMPLATE_HEADER)
    count = 0
    for year in years:
        for area in areas:
            for code, _ in measures:
                for month in range(1, 13):
                    if count == limit:
                        break
                    ws.append([code, area, year, month, "Ist", _figure(count), "Benchmark", None])
                    count += 1
    workbook.save(path)
    _with_dimension(path, f"A1:H{count + 3}")
    return count


def write_wide(path: Path, areas: list[str], measures: list[tuple[str, str]], years: range, limit: int) -> int:
    """A monthly table: title, Jahr | Gebiet | Kennzahl | Bezeichnung | Jan … Dez, footnote rows below."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Tabelle 1")
    ws.append(["Kennzahlen nach § 48a SGB II (Benchmark)"])
    ws.append(["Stand: 15.04.2033"])
    ws.append([])
    ws.append(["Jahr", "Gebiet", "Kennzahl", "Bezeichnung", *MONTHS])
    count, rows = 0, 4
    for year in years:
        for area in areas:
            for code, name in measures:
                if count >= limit:
                    break
                ws.append([year, area, code, name, *(_figure(count + m) for m in range(12))])
                count, rows = count + 12, rows + 1
    ws.append([])
    ws.append(["Quelle: Benchmark, erfundene Werte"])
    workbook.save(path)
    _with_dimension(path, f"A1:P{rows + 2}")
    return count


def floor(path: Path) -> float:
    """Seconds openpyxl needs to read every row of the file in read-only mode (values only)."""
    started = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    for _ in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - started


def calamine_floor(path: Path) -> float:
    """Seconds calamine needs to read every row of the file's first sheet (the reader the import uses)."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    for _ in book.get_sheet_by_index(0).iter_rows():
        pass
    book.close()
    return time.perf_counter() - started


def ours(db: Path, path: Path) -> dict[str, Any]:
    """Preview, then preview + import as `zv import-xlsx` does, then the same file again (all unchanged)."""
    store = open_store(db)
    try:
        started = time.perf_counter()
        preview = preview_import(store, path)
        preview_s = time.perf_counter() - started
        started = time.perf_counter()
        result = run_import(store, preview)
        run_s = time.perf_counter() - started
        assert not preview.problems, preview.problems[:3]
        started = time.perf_counter()
        again = preview_import(store, path)
        repeat = run_import(store, again)
        repeat_s = time.perf_counter() - started
    finally:
        store.close()
    return {
        "preview_s": preview_s,
        "import_s": preview_s + run_s,
        "run_import_s": run_s,
        "result": result._asdict(),
        "reimport_s": repeat_s,
        "reimport": repeat._asdict(),
    }


def opening_without_dimension(out: Path, areas: list[str], measures: list[tuple[str, str]]) -> dict[str, float]:
    """Seconds to open a 400,000-row template sheet without <dimension> (as write-only openpyxl and many other
    programs write it): openpyxl's ``load_workbook`` parses the whole sheet for its size; ``open_workbook`` not."""
    path = out / "ohne-dimension.xlsx"
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Kennzahlwerte")
    ws.append(TEMPLATE_HEADER)
    for count in range(400_000):
        ws.append([measures[count % len(measures)][0], areas[count % len(areas)], 2040, 1, "Ist", _figure(count)])
    workbook.save(path)
    # openpyxl alone in a fresh process: this one has already opened workbooks the importer's way
    script = (
        "import sys, time; from openpyxl import load_workbook; t = time.perf_counter(); "
        "load_workbook(sys.argv[1], read_only=True, data_only=True, keep_links=False).close(); "
        "print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], check=True, capture_output=True, text=True)
    plain = float(done.stdout.strip())
    started = time.perf_counter()
    with open_workbook(path) as opened:
        worksheet(opened, "Kennzahlwerte")
    ours_s = time.perf_counter() - started
    return {"openpyxl_open_s": plain, "ours_open_s": ours_s, "bytes": path.stat().st_size}


def sqlite_floor(db: Path, values: int, year: int) -> float:
    """Seconds plain sqlite3 needs to insert ``values`` KPI rows and as many audit rows (executemany)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    areas = [r[0] for r in conn.execute("SELECT id FROM areas")]
    measures = [r[0] for r in conn.execute("SELECT id FROM measures LIMIT 53")]
    keys = [(m, a, y, p) for y in range(year, year + 3) for a in areas for m in measures for p in range(1, 13)]
    now, site = utc_now(), conn.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()[0]
    started = time.perf_counter()
    rows = [(str(uuid.uuid4()), m, a, y, p, "20.6") for m, a, y, p in keys[:values]]
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO kpi_values (id, measure_id, area_id, year, period_type, period_no, value_kind, value, source, "
        "comment, created_at, modified_at, site_id, modified_by, row_version, deleted) "
        "VALUES (?, ?, ?, ?, 'M', ?, 'ist', ?, 'x', '', ?, ?, ?, 'bench', 1, 0)",
        [(*r, now, now, site) for r in rows],
    )
    conn.executemany(
        "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
        "VALUES (?, ?, 'bench', 'kpi_values', ?, 'insert', ?)",
        [(now, site, r[0], json.dumps({"value": [None, r[5]]})) for r in rows],
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _peak_rss_kb() -> int:
    """The process's peak resident memory (VmHWM; ru_maxrss on Linux keeps the parent's peak across exec)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        return int(re.search(r"VmHWM:\s+(\d+)", status)[1])  # type: ignore[index]
    except (OSError, TypeError):
        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def child(db: Path, path: Path, what: str) -> None:
    """(In a fresh process) read the file with openpyxl only, or preview + import it; prints peak memory as JSON.

    ``what`` is "floor" or "import", with "-traced" for tracemalloc's peak (which itself costs memory, so the
    resident size is measured in runs without it).
    """
    store = open_store(db)
    before = _peak_rss_kb()
    traced = what.endswith("-traced")
    if traced:
        tracemalloc.start()
    if what.startswith("floor"):
        floor(path)
    else:
        run_import(store, preview_import(store, path))
    peak = tracemalloc.get_traced_memory()[1] if traced else None
    store.close()
    print(json.dumps({"peak_rss_kb": _peak_rss_kb(), "before_kb": before, "tracemalloc_peak": peak}))


def memory(db: Path, paths: tuple[Path, Path]) -> dict[str, Any]:
    """Peak memory of fresh processes reading a file with openpyxl only, and importing it (the second file, with
    other years, for the traced import, so that both imports write every value)."""
    figures: dict[str, Any] = {}
    for what in ("floor", "import", "floor-traced", "import-traced"):
        path = paths[1] if what == "import-traced" else paths[0]
        command = [sys.executable, __file__, "--child", str(path), "--child-does", what, "--db", str(db)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        figures[what] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def summary(report: dict[str, Any]) -> str:
    """The figures as the table rows of docs/benchmarks.md."""
    lines = []
    for name in ("template", "wide"):
        f = report[name]
        lines.append(
            f"{name}: {f['values']} values, floor {f['floor_s']:.2f} s, preview {f['preview_s']:.2f} s "
            f"({f['preview_ratio']:.2f}x), import {f['import_s']:.2f} s ({f['import_ratio']:.2f}x; run_import "
            f"{f['run_import_s']:.2f} s), re-import {f['reimport_s']:.2f} s; calamine read {f['calamine_s']:.2f} s, "
            f"import / (calamine read + sqlite write) {f['calamine_write_ratio']:.2f}x"
        )
    lines.append(f"sqlite alone, 100,000 values + audit rows: {report['sqlite_floor_s']:.2f} s")
    plain = report["no_dimension"]
    lines.append(
        f"opening 400,000 rows without <dimension> ({plain['bytes'] / 1e6:.1f} MB): openpyxl "
        f"{plain['openpyxl_open_s']:.2f} s, ours {plain['ours_open_s']:.3f} s"
    )
    for key, value in report.items():
        if key.startswith("memory_"):
            floor_mb = value["floor-traced"]["tracemalloc_peak"] / 1e6
            ours_mb = value["import-traced"]["tracemalloc_peak"] / 1e6
            lines.append(
                f"{key}: peak RSS openpyxl {value['floor']['peak_rss_kb'] / 1024:.0f} MiB, ours "
                f"{value['import']['peak_rss_kb'] / 1024:.0f} MiB (after opening the file: "
                f"{value['import']['before_kb'] / 1024:.0f} MiB); tracemalloc peak openpyxl {floor_mb:.1f} MB, "
                f"ours {ours_mb:.1f} MB"
            )
    return "\n".join(lines)


def timed_run(work: Path, out: Path, files: dict[str, Any], areas: list[str], measures: list[Any]) -> dict[str, Any]:
    """One run of every timed figure: the floors and ours for both layouts, and the plain sqlite3 write."""
    run: dict[str, Any] = {}
    for name, (writer, years) in files.items():
        path = out / f"{name}-100k.xlsx"
        values = writer(path, areas, measures, years, 100_000 if name == "template" else 101_124)
        base = floor(path)
        figures = ours(work, path)
        figures.update(values=values, bytes=path.stat().st_size, floor_s=base, calamine_s=calamine_floor(path))
        run[name] = figures
        print(json.dumps({name: figures}), flush=True)
    run["sqlite_floor_s"] = sqlite_floor(work, 100_000, 2041)
    return run


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each time the shortest of the runs (what the code can do when nothing else disturbs the machine)."""
    best: dict[str, Any] = {"sqlite_floor_s": min(run["sqlite_floor_s"] for run in runs)}
    for name in ("template", "wide"):
        figures = dict(runs[0][name])
        for key in list(figures):
            if key.endswith("_s"):
                figures[key] = min(run[name][key] for run in runs)
        figures["all_runs"] = {key: [round(run[name][key], 3) for run in runs] for key in figures if key.endswith("_s")}
        best[name] = figures
    return best


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/referenzlast.sqlite"))
    parser.add_argument("--out", type=Path, help="folder for the copy and the workbooks (default: a temp folder)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; each time is the best of them")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-does", default="import", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.child, args.child_does)
        return
    ensure_workload(args.db)
    with tempfile.TemporaryDirectory() as temp:
        out = args.out or Path(temp)
        out.mkdir(parents=True, exist_ok=True)
        work = out / "referenzlast-kopie.sqlite"
        shutil.copy(args.db, work)
        areas, measures = catalogue(work)
        files = {
            "template": (write_template, range(2027, 2030)),
            "wide": (write_wide, range(2030, 2033)),
        }
        report: dict[str, Any] = {"areas": len(areas), "measures": len(measures), "repeat": args.repeat}
        runs = []
        for _ in range(args.repeat):  # each on a fresh copy, so that every run writes every value
            shutil.copy(args.db, work)
            os.sync()  # the copy written out before anything is timed (its writeback slowed the first figures)
            runs.append(timed_run(work, out, files, areas, measures))
        report.update(best_of(runs))
        for name in files:
            figures = report[name]
            figures["preview_ratio"] = figures["preview_s"] / figures["floor_s"]
            figures["import_ratio"] = figures["import_s"] / figures["floor_s"]
            both = figures["calamine_s"] + report["sqlite_floor_s"]
            figures["calamine_write_ratio"] = figures["import_s"] / both
        report["no_dimension"] = opening_without_dimension(out, areas, measures)
        year = 2044
        for name, (writer, _) in files.items():
            for size in (25_000, 100_000):
                pair = []
                for copy in ("a", "b"):
                    path = out / f"{name}-{size // 1000}k-{copy}.xlsx"
                    writer(path, areas, measures, range(year, year + 3), size)
                    pair.append(path)
                    year += 3
                key = f"memory_{name}_{size // 1000}k"
                report[key] = memory(work, (pair[0], pair[1]))
                print(json.dumps({key: report[key]}), flush=True)
    print(json.dumps(report, indent=1) if args.json else summary(report))


if __name__ == "__main__":
    main()
