"""Crash loop, 1,000 rounds (issue 12, point 5): writers killed with SIGKILL at random moments.

Each round copies the demo file, starts ``tests.crash.writer`` on it (values typed and cleared, goals changed,
Excel imports, undo), kills it with SIGKILL after a random time of 0–0.8 s, then runs ``zv check`` and SQLite's
``integrity_check`` and looks for every acknowledged write. Prints the figures for ``docs/benchmarks.md``.

Run from the repository root::

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_crash_loop.py --rounds 1000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.crash.harness import run_round
from zv_desktop.core.demo import build_demo
from zv_desktop.core.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--first-seed", type=int, default=10_001)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "basis.sqlite"
        store = open_store(base, create=True, office_name="Crashtest")
        build_demo(store)
        store.close()
        start = time.monotonic()
        killed = corrupt = lost = acks = 0
        for seed in range(args.first_seed, args.first_seed + args.rounds):
            round_folder = Path(folder) / "runde"
            round_folder.mkdir(exist_ok=True)
            result = run_round(base, round_folder, seed)
            killed += result.killed
            corrupt += result.corrupt
            lost += len(result.lost)
            acks += result.acks
            if result.corrupt or result.lost:
                print(f"seed {seed}: integrity {result.integrity!r}, check {result.check_ok}, lost {result.lost[:3]}")
                print(result.check_output[-500:])
            for leftover in round_folder.iterdir():
                leftover.unlink()
        seconds = time.monotonic() - start
    print(f"rounds {args.rounds}, killed while writing {killed}, acknowledged writes {acks}")
    print(
        f"corrupt files {corrupt}, lost acknowledged writes {lost}, {seconds:.0f} s ({seconds / args.rounds:.2f} s a round)"
    )


if __name__ == "__main__":
    main()
