"""Crash loop (issue 12, point 5): a writer killed with SIGKILL at random moments never leaves a broken file
and never loses a write it acknowledged. 100 rounds in `make test-thorough` (4 × 25, spread over the test workers),
6 in `make test`; the 1,000-round run with its figures is ``tests/benchmarks/bench_crash_loop.py``."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.crash.harness import lost_writes, run_round
from tests.depth import depth

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
BLOCKS = depth(1, 4)
ROUNDS = depth(6, 25)  # per block


@pytest.fixture
def base(demo_file: Path) -> Path:
    return demo_file  # each round works on a copy


@pytest.mark.thorough
@pytest.mark.parametrize("block", range(BLOCKS))
def test_killed_writers_leave_intact_files_with_every_acknowledged_write(
    base: Path, tmp_path: Path, block: int
) -> None:
    results = [run_round(base, tmp_path, seed) for seed in range(block * ROUNDS + 1, (block + 1) * ROUNDS + 1)]
    assert [r.seed for r in results if r.corrupt] == [], [r.check_output for r in results if r.corrupt][:2]
    assert [r.lost for r in results if r.lost] == []
    # the kills came while the writers were writing (not before their first write, not after they ended)
    assert sum(1 for r in results if r.killed and r.acks > 0) >= ROUNDS // 2


def test_the_check_notices_an_acknowledged_write_that_is_missing(base: Path, tmp_path: Path) -> None:
    result = run_round(base, tmp_path, 7, max_delay=0.5)
    assert result.lost == [] and result.acks > 0
    lines = ["TRY value:K2:5 123", "ACK value:K2:5 123", "TRY comment:x w1"]
    conn = sqlite3.connect(base)
    try:
        assert lost_writes(conn, lines) == ["value:K2:5: '-' not in ['123']"]  # never written: lost
    finally:
        conn.close()
