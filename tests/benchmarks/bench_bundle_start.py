"""Start-up of the installed program (the Linux bundle of `make installer-linux`) on the reference workload.

Times whole processes, from exec to the main window shown with its event loop running (``zv-desktop --start-check``
prints and quits there), against an empty ``QMainWindow`` started from the same bundle (``--start-check bare``, the
floor). Cold: after ``sync`` and dropping the page cache (needs root; skipped otherwise). Warm: the median of
repeated runs. A first run beforehand makes the day's backup of the data file, which is not part of start-up on the
later starts of the day.

    .venv/bin/python tests/benchmarks/bench_bundle_start.py --db /tmp/ref/referenzlast.sqlite [--bundle DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start(bundle: Path, home: Path, *args: str) -> float:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    began = time.perf_counter()
    done = subprocess.run(
        [str(bundle / "zv-desktop"), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    took = time.perf_counter() - began
    if done.returncode != 0 or "Fenster bereit" not in done.stdout:
        raise SystemExit(f"start failed: {done.stderr or done.stdout}")
    return took


def _drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")
    except OSError:
        return False
    return True


def measure(bundle: Path, db: Path, repeat: int) -> dict[str, object]:
    """Cold and warm start of the window and of the floor, in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        window = ("--db", str(db), "--start-check")
        first = _start(bundle, home, *window)  # makes the day's backup of the data file
        cold: dict[str, list[float]] = {"window": [], "bare": []}
        for _ in range(3):
            for name, args in (("window", window), ("bare", ("--start-check", "bare"))):
                if not _drop_caches():
                    break
                cold[name].append(_start(bundle, home, *args))
        warm = {
            "window": [_start(bundle, home, *window) for _ in range(repeat)],
            "bare": [_start(bundle, home, "--start-check", "bare") for _ in range(repeat)],
        }
    result: dict[str, object] = {"first_start_with_daily_backup_s": round(first, 3), "repeat": repeat}
    for kind, runs in (("cold", cold), ("warm", warm)):
        for name, values in runs.items():
            if values:
                result[f"{kind}_{name}_median_s"] = round(statistics.median(values), 3)
    if warm["bare"]:
        result["warm_ratio"] = round(statistics.median(warm["window"]) / statistics.median(warm["bare"]), 2)
    result["bundle_bytes"] = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    result["db_bytes"] = db.stat().st_size
    return result


def main() -> None:
    """Print the figures (as JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the reference workload file (generate_workload.py)")
    parser.add_argument("--bundle", type=Path, default=ROOT / "build" / "linux" / "dist" / "zv-desktop")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.bundle, args.db, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
