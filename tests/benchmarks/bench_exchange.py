"""Exchange between offices (issue 13): two diverged copies of the reference file, exchanged and merged.

The case: two copies A and B of the reference file (``generate_workload``) are opened for editing, so each becomes
a replica of its own, and each side changes 2.5 % of its KPI values and 2.5 % of its goals through the app's
services (``save_values``, ``save_goal``); 500 of those records are changed on both sides, differently. Then:

1. ``sqldiff A B > /dev/null``: the floor, the time SQLite's own tool needs just to compute the difference;
2. A writes a full exchange file; B passes it through the gate (``receive``), previews and merges it with every
   conflict decided „mine“ (``Decisions(prefer="mine")``) — the first exchange of two copies;
3. B answers with a delta for A („Nur Änderungen“), which A previews and merges — the exchange as it then goes on;
4. A enters one month of values (one monthly delivery) and writes a delta for B, which B merges.

Every step runs in a process of its own (this script, ``--step …``), so its peak memory (``ru_maxrss``) is its own.
The counts of every preview and merge are checked against the changes made, so a run cannot silently measure
nothing. Run from the repository root; data files go to ``--workdir`` (default: a new folder in /tmp)::

    .venv/bin/python tests/benchmarks/bench_exchange.py --db /tmp/bench/referenzlast.sqlite [--json]
    .venv/bin/python tests/benchmarks/bench_exchange.py --scale 2 --workdir /tmp/bench/s2   # generates the file
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for zv_desktop

from zv_desktop.core import model
from zv_desktop.core.exchange.office import merge as merge_module
from zv_desktop.core.exchange.office.export import export_exchange
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.exchange.office.merge import Decisions, apply_merge, preview_merge
from zv_desktop.core.exchange.office.merge_plan import Verdict
from zv_desktop.core.exchange.office.partners import find_partner
from zv_desktop.core.services.agreements import save_goal
from zv_desktop.core.services.values import save_values
from zv_desktop.core.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SHARE = 0.025  # of its values and of its goals each side changes
CONFLICTS = 500  # records changed on both sides, differently
VALUE_BATCH = 1000  # values per transaction (a delivery or an edited sheet), so a side's changes span many ticks
MONTH = (2027, 1)  # the month of new values entered in step 4


# --- steps: each runs in a process of its own and prints one JSON object --------------------------------------


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    Linux's ``VmHWM`` of the process's own memory; ``ru_maxrss`` is a fallback only, because Linux carries it over from
    the parent at fork and exec (a step would start at the orchestrating process's size).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def _timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - started


def step_edit(data: Path, plan_file: Path, side: str) -> dict[str, Any]:
    """Change this side's share of values and goals through the services, as users and imports would."""
    plan = json.loads(plan_file.read_text())[side]
    seconds: dict[str, float] = {}
    mark = "A" if side == "a" else "B"
    with _timed(seconds, "open"):
        store = open_store(data)
    try:
        replica_before = plan["replica_before"]
        rotated = store.replica_id != replica_before
        if side == "b":
            store.rename_office("Referenzlast Amt B")  # the second office (as in tests/exchange)
        with _timed(seconds, "values"):
            ids: list[str] = plan["values"]
            for start in range(0, len(ids), VALUE_BATCH):
                batch = [store.get(model.KpiValue, i) for i in ids[start : start + VALUE_BATCH]]
                for value in batch:  # the two sides change a value differently
                    value.value += Decimal("0.1") if side == "a" else Decimal("0.2")
                save_values(store, batch)
        with _timed(seconds, "goals"):
            for number, goal_id in enumerate(plan["goals"]):
                goal = store.get(model.Goal, goal_id)
                goal.comment = f"Vermerk {mark} {number}"
                save_goal(store, goal)
        replica_id = store.replica_id
    finally:
        store.close()
    return {"seconds": seconds, "rotated": rotated, "replica": replica_id, "peak_mb": _peak_mb()}


def step_month(data: Path) -> dict[str, Any]:
    """Enter one monthly delivery: a value for every area and measure (one transaction, as an import)."""
    seconds: dict[str, float] = {}
    store = open_store(data)
    try:
        areas = [r["id"] for r in store.query("SELECT id FROM areas WHERE deleted = 0 ORDER BY name")]
        measures = [r["id"] for r in store.query("SELECT id FROM measures WHERE deleted = 0 ORDER BY code")]
        rng = random.Random(7)
        year, month = MONTH
        values = [
            model.KpiValue(m, a, year, Decimal(f"{rng.uniform(2, 80):.1f}"), period_no=month, source="Lieferung")
            for a in areas
            for m in measures
        ]
        with _timed(seconds, "values"):
            written = save_values(store, values)
    finally:
        store.close()
    return {"seconds": seconds, "written": written, "peak_mb": _peak_mb()}


def step_export(data: Path, target: Path, partner: str) -> dict[str, Any]:
    """Write an exchange file: the whole file (no partner), or only what ``partner`` has not seen (a delta)."""
    seconds: dict[str, float] = {}
    store = open_store(data)
    try:
        found = find_partner(store.conn, partner) if partner else None
        with _timed(seconds, "export"):
            result = export_exchange(store, target, partner=found, delta=found is not None)
    finally:
        store.close()
    counts = result.manifest.counts
    return {"seconds": seconds, "bytes": result.size, "counts": counts, "peak_mb": _peak_mb()}


def step_merge(data: Path, received_path: Path, backups: Path, variant: str = "") -> dict[str, Any]:
    """Gate, preview and merge a received file; conflicts decided „mine“. Peak memory of this process.

    ``variant`` "no-search-trigger": the search index's update triggers are dropped first (a measurement of what
    they cost; the file is unusable afterwards: its schema is no longer the program's).
    """
    seconds: dict[str, float] = {}
    baseline = _peak_mb()
    original_backup: Callable[..., Path] = merge_module.make_backup

    def timed_backup(*args: Any, **kwargs: Any) -> Path:
        with _timed(seconds, "backup"):
            return original_backup(*args, **kwargs)

    merge_module.make_backup = timed_backup  # only to report the backup's share of apply_merge
    store = open_store(data)
    if variant == "no-search-trigger":
        triggers = store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%_upd'"
        )
        for (name,) in triggers.fetchall():
            store.conn.execute(f"DROP TRIGGER {name}")
    try:
        after_open = _peak_mb()
        with _timed(seconds, "gate"):
            received = receive(received_path)
        with received:
            with _timed(seconds, "preview"):
                preview = preview_merge(store, received)
            verdicts: dict[str, int] = {}
            for change in preview.plan.changes:
                verdicts[change.verdict.value] = verdicts.get(change.verdict.value, 0) + 1
            by_table: dict[str, int] = {}
            for change in preview.plan.changes:
                if change.verdict is not Verdict.JOINED:
                    by_table[change.table] = by_table.get(change.table, 0) + 1
            with _timed(seconds, "merge"):
                result = apply_merge(store, preview, Decisions(prefer="mine"), backup_folder=backups)
    finally:
        store.close()
        merge_module.make_backup = original_backup
    for backup in backups.glob("*"):
        backup.unlink()
    return {
        "seconds": seconds,
        "verdicts": verdicts,
        "tables": by_table,
        "conflicts": len(preview.plan.conflicts),
        "taken": result.taken,
        "joined": result.joined,
        "decided": result.decided,
        "left_open": result.left_open,
        "learned": result.learned,
        "peak_mb": _peak_mb(),
        "baseline_mb": baseline,
        "after_open_mb": after_open,
    }


STEPS: dict[str, Callable[..., dict[str, Any]]] = {
    "edit": step_edit,
    "month": step_month,
    "export": step_export,
    "merge": step_merge,
}


# --- the orchestration --------------------------------------------------------------------------------------------


def _run_step(name: str, *args: str) -> dict[str, Any]:
    """Run one step in a fresh process; its last output line is its JSON result."""
    out = subprocess.run(
        [sys.executable, __file__, "--step", name, *args], check=False, capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(f"step {name} {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _plan(reference: Path, seed: int) -> dict[str, Any]:
    """Which values and goals each side changes: 2.5 % each, ``CONFLICTS`` of them on both sides."""
    conn = sqlite3.connect(f"file:{reference}?mode=ro", uri=True)
    try:
        values = [r[0] for r in conn.execute("SELECT id FROM kpi_values WHERE deleted = 0 ORDER BY id")]
        goals = [r[0] for r in conn.execute("SELECT id FROM goals WHERE deleted = 0 ORDER BY id")]
        replica_id = conn.execute("SELECT value FROM meta WHERE key = 'replica_id'").fetchone()[0]
    finally:
        conn.close()
    rng = random.Random(seed)
    n_values, n_goals = round(len(values) * SHARE), round(len(goals) * SHARE)
    both_goals = round(CONFLICTS * n_goals / (n_values + n_goals))
    both_values = CONFLICTS - both_goals
    sides: dict[str, Any] = {"a": {"replica_before": replica_id}, "b": {"replica_before": replica_id}}
    for kind, ids, n, both in (("values", values, n_values, both_values), ("goals", goals, n_goals, both_goals)):
        pool = rng.sample(ids, 2 * n - both)
        sides["a"][kind], sides["b"][kind] = pool[:n], pool[n - both :]
    sides["conflicts"] = {"values": both_values, "goals": both_goals}
    return sides


def _sqldiff(a: Path, b: Path, repeat: int) -> list[float]:
    """Seconds of ``sqldiff A B > /dev/null``, ``repeat`` times."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(["sqldiff", str(a), str(b)], check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - started)
    return runs


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise SystemExit(f"check failed: {what}")


def run(reference: Path, workdir: Path, seed: int, repeat: int = 3, full_only: bool = False) -> dict[str, Any]:
    """The whole case on copies of ``reference`` in ``workdir``; returns the figures."""
    a, b = workdir / "amt_a.sqlite", workdir / "amt_b.sqlite"
    backups = workdir / "sicherungen"
    backups.mkdir(exist_ok=True)
    for copy in (a, b):
        shutil.copyfile(reference, copy)  # a copy: a file of its own, becomes a new replica when opened
    plan = _plan(reference, seed)
    plan_file = workdir / "plan.json"
    plan_file.write_text(json.dumps(plan))
    n_a = len(plan["a"]["values"]) + len(plan["a"]["goals"])
    n_b = len(plan["b"]["values"]) + len(plan["b"]["goals"])
    out: dict[str, Any] = {"reference": str(reference), "file_bytes": reference.stat().st_size, "plan": {}}
    out["plan"] = {"a": n_a, "b": n_b, "conflicts": plan["conflicts"]}
    out["edit_a"] = _run_step("edit", str(a), str(plan_file), "a")
    out["edit_b"] = _run_step("edit", str(b), str(plan_file), "b")
    _check(out["edit_a"]["rotated"] and out["edit_b"]["rotated"], "both copies became replicas of their own")
    replica_a, replica_b = out["edit_a"]["replica"], out["edit_b"]["replica"]

    # the floor, on the same pair, before anything is merged (median of ``repeat`` runs)
    out["sqldiff_runs"] = runs = _sqldiff(a, b, repeat)
    out["sqldiff_seconds"] = sorted(runs)[len(runs) // 2]
    b_copy = workdir / "amt_b_ohne_suchtrigger.sqlite"
    shutil.copyfile(b, b_copy)  # for the same merge without the search index's update triggers

    full = workdir / "a_voll.zvx"
    out["export_full"] = _run_step("export", str(a), str(full), "")
    out["merge_full"] = merged = _run_step("merge", str(b), str(full), str(backups))
    _check(merged["conflicts"] == CONFLICTS, f"{CONFLICTS} conflicts found (found {merged['conflicts']})")
    _check(merged["decided"] == CONFLICTS and merged["left_open"] == 0, "every conflict decided")
    _check(merged["taken"] == n_a - CONFLICTS, f"A's {n_a - CONFLICTS} other changes taken ({merged['taken']})")
    out["merge_full_no_search_trigger"] = merged = _run_step(
        "merge", str(b_copy), str(full), str(backups), "no-search-trigger"
    )
    _check(merged["taken"] == n_a - CONFLICTS and merged["decided"] == CONFLICTS, "the same merge without the triggers")
    b_copy.unlink()
    full.unlink()
    if full_only:
        return out

    delta = workdir / "b_aenderungen.zvx"
    out["export_delta"] = _run_step("export", str(b), str(delta), replica_a)
    out["merge_delta"] = merged = _run_step("merge", str(a), str(delta), str(backups))
    _check(merged["conflicts"] == 0, "B's decisions reach A without a conflict")
    _check(merged["taken"] == n_b, f"B's {n_b} changes (its decisions included) taken ({merged['taken']})")
    delta.unlink()

    out["month"] = _run_step("month", str(a))
    month = workdir / "a_monat.zvx"
    out["export_month"] = _run_step("export", str(a), str(month), replica_b)
    out["merge_month"] = merged = _run_step("merge", str(b), str(month), str(backups))
    written = out["month"]["written"]
    _check(merged["taken"] == written and merged["conflicts"] == 0, f"the month's {written} values taken")
    month.unlink()
    return out


def _ratio(seconds: float, floor: float) -> str:
    return f"{seconds / floor:.2f}×"


def _print_summary(out: dict[str, Any]) -> None:
    floor = out["sqldiff_seconds"]
    print(f"reference file: {out['reference']} ({out['file_bytes']:,} bytes)")
    print(f"changes: A {out['plan']['a']:,}, B {out['plan']['b']:,}, on both sides {out['plan']['conflicts']}")
    runs = ", ".join(f"{r:.2f}" for r in out["sqldiff_runs"])
    print(f"sqldiff A B > /dev/null: {floor:.2f} s, the floor (median of {runs} s)")
    for name in ("merge_full", "merge_full_no_search_trigger", "merge_delta", "merge_month"):
        if name not in out:
            continue
        step = out[name]
        s = step["seconds"]
        both = s["preview"] + s["merge"]
        print(
            f"{name}: gate {s['gate']:.2f} s, preview {s['preview']:.2f} s, merge {s['merge']:.2f} s "
            f"(backup {s.get('backup', 0):.2f} s); preview+merge {both:.2f} s = {_ratio(both, floor)} of sqldiff; "
            f"taken {step['taken']:,}, conflicts {step['conflicts']}, peak {step['peak_mb']:.0f} MB"
        )
    for name in ("export_full", "export_delta", "export_month"):
        if name not in out:
            continue
        step = out[name]
        print(f"{name}: {step['seconds']['export']:.2f} s, {step['bytes']:,} bytes, peak {step['peak_mb']:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    """Command line: run the case (or, internally, one step of it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reference file to copy (generated there if missing)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale of a generated reference file (default 1)")
    parser.add_argument("--workdir", type=Path, help="folder for the copies (default: a new one in /tmp)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the changes (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the copies A and B afterwards")
    parser.add_argument("--repeat", type=int, default=3, help="runs of sqldiff (median; default 3)")
    parser.add_argument("--full-only", action="store_true", help="only the first exchange (full file), no deltas")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(STEPS[args.step](*(Path(x) if "/" in x else x for x in args.args))))  # ids and words stay text
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-austausch-", dir="/tmp"))
    workdir.mkdir(parents=True, exist_ok=True)
    reference = args.db or workdir / "referenzlast.sqlite"
    if not reference.exists():
        from generate_workload import generate  # only needed without a given file

        generate(reference, args.scale)
    try:
        out = run(reference, workdir, args.seed, args.repeat, args.full_only)
    finally:
        if not args.keep:
            for name in ("amt_a.sqlite", "amt_b.sqlite", "amt_b_ohne_suchtrigger.sqlite"):
                for suffix in ("", "-wal", "-shm"):
                    (workdir / f"{name}{suffix}").unlink(missing_ok=True)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        _print_summary(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
