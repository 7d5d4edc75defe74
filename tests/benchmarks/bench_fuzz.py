"""Fuzzing, full corpus (issue 12, point 7): 500 byte mutations of the demo data file (each through `zv check`,
`zv list agreements`, `zv list parties --json` and `zv dump`) and 500 of an exported workbook (each through
`zv import-xlsx --dry-run` and `zv import-xlsx`). Prints the figures for ``docs/benchmarks.md`` and every bad case
(a crash, a hang over 10 s, a changed input, or an error without a German message).

Run from the repository root::

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_fuzz.py --mutations 500
"""

from __future__ import annotations

import argparse
import collections
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from tests.fuzz.corpus import Outcome, data_file_cases, workbook_cases
from zv_desktop.cli.main import main as zv_main
from zv_desktop.core.demo import build_demo
from zv_desktop.core.store import open_store


def _summary(name: str, outcomes: Iterable[Outcome]) -> None:
    started = time.monotonic()
    codes: collections.Counter[int] = collections.Counter()
    bad: list[Outcome] = []
    slowest = 0.0
    for outcome in outcomes:
        codes[outcome.code] += 1
        slowest = max(slowest, outcome.seconds)
        if outcome.bad:
            bad.append(outcome)
    total = sum(codes.values())
    print(f"{name}: {total} runs in {time.monotonic() - started:.0f} s, exit codes {dict(sorted(codes.items()))}, ")
    print(f"  slowest {slowest:.2f} s, bad {len(bad)}")
    for outcome in bad[:20]:
        print(
            f"  seed {outcome.seed} {outcome.command}: exit {outcome.code}, {outcome.seconds:.1f} s, "
            f"changed {outcome.changed}: {outcome.message[:200]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mutations", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base = folder / "demo.sqlite"
        store = open_store(base, create=True, office_name="Fuzz")
        build_demo(store)
        store.close()
        book = folder / "werte.xlsx"
        zv_main(["--db", str(base), "export-xlsx", "values", "--year", "2014", "-o", str(book)])
        seeds = range(100_001, 100_001 + args.mutations)
        _summary("data file", data_file_cases(base.read_bytes(), folder, seeds))
        _summary("workbook", workbook_cases(book.read_bytes(), base.read_bytes(), folder, seeds))


if __name__ == "__main__":
    main()
