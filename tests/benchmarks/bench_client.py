"""Benchmark of the desktop client on the reference workload: start-up, opening agreements, memory.

Start-up is measured in fresh processes from interpreter start to an interactive main window
(shown and the event queue drained), against a bare PySide6 ``QMainWindow`` measured the same way
in the same run (the floor). Opening an agreement (editor filled, tree selection updated) is timed
in one process over many agreements. Memory is the peak resident set size of that process.

Run from the repository root (offscreen, no screen needed)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_client.py --db /tmp/referenzlast.sqlite
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents()
print(time.perf_counter(), flush=True)
"""

CLIENT = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from zv_desktop.core.store import open_store
from zv_desktop.ui.main_window import MainWindow
w = MainWindow(open_store({db!r})); w.show(); app.processEvents()
print(time.perf_counter(), flush=True)
"""


def start_seconds(code: str) -> float:
    """Seconds from launching a Python process until it reports its window ready (its exit is not counted)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as process:
        assert process.stdout is not None
        process.stdout.readline()  # the line is printed once the window is shown and the queue drained
        ready = time.perf_counter() - started
        process.wait()
    return ready


def open_times(db: Path, count: int) -> dict[str, float]:
    """Median and max milliseconds to open ``count`` agreements in the client, and peak memory."""
    import resource

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from zv_desktop.core.store import open_store
    from zv_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = open_store(db)
    window = MainWindow(store)
    window.show()
    app.processEvents()
    agreements = [
        r["id"] for r in store.query("SELECT id FROM agreements WHERE deleted = 0 ORDER BY random() LIMIT ?", (count,))
    ]
    goals = [r["id"] for r in store.query("SELECT id FROM goals WHERE deleted = 0 ORDER BY random() LIMIT ?", (count,))]
    result: dict[str, float] = {}
    for kind, ids in (("agreement", agreements), ("goal", goals), ("values", agreements)):
        times = []
        for record_id in ids:
            started = time.perf_counter()
            window.open_record(kind, record_id)
            app.processEvents()
            times.append((time.perf_counter() - started) * 1000)
        result[f"{kind}_first_ms"] = times[0]  # includes importing and building the editor
        result[f"{kind}_median_ms"] = statistics.median(times[1:])
        result[f"{kind}_max_ms"] = max(times[1:])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    return {**result, "peak_rss_mb": peak}


def main() -> int:
    """Command line: run all measurements and print them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="reference file (tests/benchmarks/generate_workload.py)")
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each kind (default 7)")
    parser.add_argument("--count", type=int, default=100, help="agreements and goals opened (default 100)")
    args = parser.parse_args()
    bare, client = [], []
    for _ in range(args.runs):  # alternate, so both see the same machine state
        bare.append(start_seconds(BARE))
        client.append(start_seconds(CLIENT.format(root=str(ROOT), db=str(args.db))))
    result = {
        "bare_start_median_s": statistics.median(bare),
        "client_start_median_s": statistics.median(client),
        "start_ratio": statistics.median(client) / statistics.median(bare),
        **open_times(args.db, args.count),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
