"""The crash loop: a writer process killed with SIGKILL at a random moment, then the file checked.

After each kill: SQLite's ``integrity_check`` must be ``ok``, ``zv check`` must pass, and every write the writer
acknowledged must be in the file (or a later write of the same thing it had started). Used by the test (100
rounds) and by ``tests/benchmarks/bench_crash_loop.py`` (1,000 rounds).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tests.crash.writer import DELETED

ROOT = Path(__file__).parents[2]


@dataclass
class RoundResult:
    """What one round found."""

    seed: int
    acks: int = 0
    killed: bool = False
    integrity: str = ""
    check_ok: bool = False
    check_output: str = ""
    lost: list[str] = field(default_factory=list)

    @property
    def corrupt(self) -> bool:
        return self.integrity != "ok" or not self.check_ok


def _expected(lines: list[str]) -> dict[str, set[str]]:
    """Per key the states the file may hold: the last acknowledged one and any started after it."""
    allowed: dict[str, set[str]] = {}
    acked: set[str] = set()
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) != 3 or parts[0] not in ("TRY", "ACK"):
            continue
        kind, key, state = parts
        if kind == "ACK":
            allowed[key] = {state}
            acked.add(key)
        elif key in acked:
            allowed[key].add(state)
    return {key: states for key, states in allowed.items() if key in acked}


def lost_writes(conn: sqlite3.Connection, lines: list[str]) -> list[str]:
    """The acknowledged writes (from the writer's TRY/ACK lines) that the file does not hold."""
    lost = []
    for key, states in _expected(lines).items():
        found = _state(conn, key)
        if found not in states:
            lost.append(f"{key}: {found!r} not in {sorted(states)}")
    return lost


def _state(conn: sqlite3.Connection, key: str) -> str:
    kind, *rest = key.split(":")
    if kind in ("comment", "title"):
        row = conn.execute(f"SELECT {kind} FROM goals WHERE id = ?", (rest[0],)).fetchone()
        return "" if row is None else str(row[0])
    code, month = rest[0], int(rest[1])
    row = conn.execute(
        "SELECT v.value FROM kpi_values v JOIN measures m ON m.id = v.measure_id WHERE v.deleted = 0 "
        "AND m.code = ? AND v.year = 2030 AND v.period_type = 'M' AND v.period_no = ? AND v.value_kind = 'ist'",
        (code, month),
    ).fetchone()
    return DELETED if row is None else str(Decimal(row[0]))


def _zv_check(path: Path) -> tuple[bool, str]:
    done = subprocess.run(
        [sys.executable, "-m", "zv_desktop.cli.main", "--db", str(path), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def run_round(base: Path, folder: Path, seed: int, max_delay: float = 0.8) -> RoundResult:
    """Copy ``base`` into ``folder``, let a writer work on it, kill it after a random delay, check the file."""
    rng = random.Random(seed)
    path = folder / f"runde-{seed}.sqlite"
    path.write_bytes(base.read_bytes())
    result = RoundResult(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZV_USER": f"crash{seed}"}
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.writer", str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert writer.stdout is not None
    ready = writer.stdout.readline()  # the kill lands among the writes, not in Python's start
    if ready.strip() != "READY":
        writer.kill()
        raise RuntimeError(f"writer did not start: {ready!r} {writer.communicate()[1][-2000:]}")
    time.sleep(rng.uniform(0.0, max_delay))
    if writer.poll() is None:
        os.kill(writer.pid, signal.SIGKILL)
        result.killed = True
    out, err = writer.communicate()
    if writer.returncode not in (-signal.SIGKILL, 0):
        raise RuntimeError(f"writer failed on its own (seed {seed}):\n{err[-3000:]}")
    lines = out.splitlines()
    result.acks = sum(1 for line in lines if line.startswith("ACK "))
    result.check_ok, result.check_output = _zv_check(path)  # first, as a user would: nothing has repaired it yet
    conn = sqlite3.connect(path)
    try:
        result.integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        result.lost = lost_writes(conn, lines)
    finally:
        conn.close()
    return result
