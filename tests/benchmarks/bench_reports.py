"""Benchmark of the printed Zielerreichungsbericht (Issue 5) on the reference workload, against LibreOffice.

Ours: ``achievement_document`` for ALL Träger of one year in one PDF, split into data (``year_status``), story
(tables, charts and texts as flowables), layout/render (``finish``) and writing the file. The comparison (floor):
the same figures, one row per goal with the same columns, written to an xlsx with openpyxl and converted to PDF by
LibreOffice headless (``soffice --headless --convert-to pdf``); a first (cold) conversion creates LibreOffice's
profile, the warm one after it is the comparison. Both PDFs are left in ``--out`` to look at.

    .venv/bin/python tests/benchmarks/bench_reports.py [--db /tmp/referenzlast.sqlite] [--year 2014] [--month 9]

The workload is generated with ``generate_workload.py`` if ``--db`` does not exist (takes about a minute).
LibreOffice: ``apt-get install -y libreoffice-calc-nogui`` (without it only our figures are printed).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for zv_desktop

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from pypdf import PdfReader
from reportlab.platypus import Flowable, Paragraph

from zv_desktop.core.files import write_atomically
from zv_desktop.core.reports.achievement_report import achievement_document
from zv_desktop.core.reports.achievement_tables import actual_text, forecast_text, goal_table, target_text
from zv_desktop.core.reports.document import Document
from zv_desktop.core.reports.fonts import register_fonts
from zv_desktop.core.reports.markup import esc
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.styles import make_styles
from zv_desktop.core.services.status import GoalRow, YearStatus, year_status
from zv_desktop.core.services.status_text import percent_text
from zv_desktop.core.store.opening import open_store

HERE = Path(__file__).resolve().parent
HEADER = ("Zielvereinbarung", "Stelle", "Ziel", "Zielwert", "Ist", "Prognose", "Zielerreichung", "Status", "Bewertung")


def ensure_workload(path: Path) -> None:
    """Generate the reference workload at ``path`` unless it exists."""
    if path.exists():
        return
    print(f"Erzeuge die Referenzlast {path} …", flush=True)
    subprocess.run([sys.executable, str(HERE / "generate_workload.py"), "-o", str(path)], check=True)


def ours(db: Path, year: int, month: int, out: Path, profile: bool) -> dict[str, Any]:
    """Build, render and write our report; seconds per phase."""
    store = open_store(db)
    try:
        register_fonts()
        gc.collect()  # leftovers of an earlier run are not this phase's time
        start = time.perf_counter()
        year_status(store, year, month)
        data = time.perf_counter() - start
        profiler = cProfile.Profile() if profile else None
        if profiler is not None:
            profiler.enable()
        gc.collect()  # leftovers of an earlier run are not this phase's time
        start = time.perf_counter()
        document = achievement_document(store, year, month)
        built = time.perf_counter() - start
        gc.collect()  # leftovers of an earlier run are not this phase's time
        start = time.perf_counter()
        finished = finish(document)
        render = time.perf_counter() - start
        gc.collect()  # leftovers of an earlier run are not this phase's time
        start = time.perf_counter()
        write_atomically(finished.content, out)
        write = time.perf_counter() - start
        if profiler is not None:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    finally:
        store.close()
    total = built + render + write  # achievement_document reads its data itself (year_status and the values)
    return {
        "pages": finished.pages,
        "bytes": len(finished.content),
        "data_s": round(data, 3),
        "story_s": round(built - data, 3),
        "render_s": round(render, 3),
        "write_s": round(write, 3),
        "total_s": round(total, 3),
        "pages_per_s": round(finished.pages / total, 1),
    }


def table_only(db: Path, year: int, month: int, out: Path) -> dict[str, Any]:
    """Like for like with LibreOffice: only the goal tables of our report (same figures, same rows), rendered."""
    store = open_store(db)
    try:
        gc.collect()  # leftovers of an earlier run are not this phase's time
        start = time.perf_counter()
        status = year_status(store, year, month)
        styles = make_styles()
        by_agreement: dict[str, list[GoalRow]] = {}
        for row in status.rows:
            by_agreement.setdefault(row.agreement_id, []).append(row)
        story: list[Flowable] = []
        for rows in by_agreement.values():
            _, table = goal_table(rows, status.month, year, status.method, styles)
            story += [Paragraph(esc(rows[0].agreement_title), styles.h2), table] if table is not None else []
        finished = finish(Document(f"Zielerreichung {year}", store.site_name, "Zielerreichungsbericht", story))
        write_atomically(finished.content, out)
        total = time.perf_counter() - start
    finally:
        store.close()
    return {"pages": finished.pages, "total_s": round(total, 3), "pages_per_s": round(finished.pages / total, 1)}


def write_xlsx(status: YearStatus, target: Path) -> int:
    """The figures of the report, one row per goal with the same columns, as a printable sheet; returns rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"Zielerreichung {status.year}"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in status.rows:
        sheet.append(
            (
                row.agreement_title,
                row.place,
                row.goal.title,
                target_text(row),
                actual_text(row),
                forecast_text(row),
                percent_text(row.status.percent),
                row.status.light.label,
                row.status.verdict,
            )
        )
    for letter, width in zip("ABCDEFGHI", (30, 7, 40, 16, 16, 16, 12, 14, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = wrap
    sheet.print_title_rows = "1:1"  # header repeated on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(target)
    return len(status.rows)


def libreoffice(db: Path, year: int, month: int, out: Path) -> dict[str, Any] | None:
    """Write the xlsx and convert it twice (cold: new profile; warm); None if soffice is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(
            "LibreOffice (soffice) fehlt: kein Vergleich. Installieren mit "
            "`apt-get update && apt-get install -y libreoffice-calc-nogui`.",
            file=sys.stderr,
        )
        return None
    store = open_store(db)
    try:
        gc.collect()  # leftovers of an earlier run are not this phase's time
        start = time.perf_counter()
        status = year_status(store, year, month)
        xlsx = out / f"zielerreichung-{year}.xlsx"
        rows = write_xlsx(status, xlsx)
        xlsx_s = time.perf_counter() - start
    finally:
        store.close()
    profile_dir = Path(tempfile.mkdtemp(prefix="zv-bench-lo-"))
    times = []
    try:
        for _ in range(2):
            gc.collect()  # leftovers of an earlier run are not this phase's time
            start = time.perf_counter()
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile_dir.as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    str(xlsx),
                ],  # fmt: skip
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(profile_dir, ignore_errors=True)
    pages = len(PdfReader(out / f"zielerreichung-{year}.pdf").pages)
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "version": version,
        "rows": rows,
        "xlsx_s": round(xlsx_s, 3),
        "pages": pages,
        "cold_s": round(times[0], 3),
        "warm_s": round(times[1], 3),
        "pages_per_s": round(pages / times[1], 1),
    }


def main() -> None:
    """Run both and print the figures (a table and one JSON line)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/referenzlast.sqlite"))
    parser.add_argument("--year", type=int, default=2014)
    parser.add_argument("--month", type=int, default=9)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "zv-bench-reports")
    parser.add_argument("--runs", type=int, default=3, help="runs of our report (the median is reported)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run of our report")
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()
    ensure_workload(args.db)
    args.out.mkdir(parents=True, exist_ok=True)
    pdf = args.out / f"zielerreichungsbericht-{args.year}.pdf"
    runs = [ours(args.db, args.year, args.month, pdf, args.profile and i == 0) for i in range(max(1, args.runs))]
    runs.sort(key=lambda r: r["total_s"])
    mine = runs[len(runs) // 2]
    mine["runs_total_s"] = [r["total_s"] for r in runs]
    tables = table_only(args.db, args.year, args.month, args.out / f"zielerreichung-tabellen-{args.year}.pdf")
    lo = None if args.no_libreoffice else libreoffice(args.db, args.year, args.month, args.out)
    print(f"\nZielerreichungsbericht {args.year}, Berichtsmonat {args.month}, {args.db}")
    print(f"  ZV Desktop: {mine['pages']} Seiten in {mine['total_s']} s = {mine['pages_per_s']} Seiten/s")
    print(
        f"    Daten (year_status) {mine['data_s']} s · Story {mine['story_s']} s · Satz/Render {mine['render_s']} s"
        f" · Schreiben {mine['write_s']} s · 200 Seiten ≈ {200 / mine['pages_per_s']:.1f} s"
    )
    print(
        f"  ZV Desktop, nur die Tabellen: {tables['pages']} Seiten in {tables['total_s']} s = {tables['pages_per_s']} Seiten/s"
    )
    result: dict[str, Any] = {"ours": mine, "ours_tables_only": tables, "libreoffice": lo}
    if lo is not None:
        per_page = (mine["total_s"] / mine["pages"]) / (lo["warm_s"] / lo["pages"])
        result["ratio_overall"] = round(mine["total_s"] / lo["warm_s"], 2)
        result["ratio_per_page"] = round(per_page, 2)
        print(
            f"  LibreOffice: {lo['pages']} Seiten in {lo['warm_s']} s (kalt {lo['cold_s']} s) = "
            f"{lo['pages_per_s']} Seiten/s; xlsx schreiben {lo['xlsx_s']} s"
        )
        result["ratio_tables_only"] = round(tables["total_s"] / lo["warm_s"], 2)
        result["ratio_tables_only_per_page"] = round(
            (tables["total_s"] / tables["pages"]) / (lo["warm_s"] / lo["pages"]), 2
        )
        print(f"  Verhältnis ZV/LibreOffice: gesamt {result['ratio_overall']}×, je Seite {result['ratio_per_page']}×")
        print(
            f"  nur Tabellen: gesamt {result['ratio_tables_only']}×, je Seite {result['ratio_tables_only_per_page']}×"
        )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
