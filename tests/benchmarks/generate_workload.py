"""Generator of the reference workload "a Land's worth of data" (Referenzlast, issue 2) as a ZV data file.

At scale 1: 53 Träger (one Kreis area each) × 25 years (2002–2026) × 60 measures × 12 months
= 954,000 monthly KPI values, plus one signed agreement per Träger and year (1,325 agreements,
4 sections each) with 34–42 goals of mixed kinds (≈50,000 goals). ``scale`` multiplies the
number of Träger, so ``--scale 2`` gives 106 Träger and twice the rows.

Run from the repository root::

    .venv/bin/python tests/benchmarks/generate_workload.py -o /tmp/referenzlast.sqlite [--scale 2]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for zv_desktop

from zv_desktop.core.store import Store
from zv_desktop.core.store.mapping import SYNC_COLUMNS
from zv_desktop.core.store.opening import open_store

FIRST_YEAR, LAST_YEAR = 2002, 2026
PARTIES_AT_SCALE_1 = 53
USER_MEASURES = 45  # in addition to the 15 built-in ones of migration 0002
SOURCE = "Referenzlast"
OFFICE_NAME = "Referenzlast Land"

#: Goal kinds with their relative frequency and the section (0–3) they are filed under.
GOAL_KINDS: dict[str, tuple[int, int]] = {
    "kpi_target": (40, 0),
    "monitoring": (15, 0),
    "relative_change": (10, 0),
    "threshold": (7, 0),
    "budget": (8, 1),
    "premium": (3, 1),
    "staffing": (5, 2),
    "milestone": (7, 3),
    "reporting": (5, 3),
}
SECTIONS = (
    ("I", "Geschäftspolitische Ziele"),
    ("II", "Finanzen"),
    ("III", "Personal"),
    ("IV", "Umsetzung und Berichtswesen"),
)
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
#: The columns each generated table gets (besides the sync columns), in insertion order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "parties": ("id", "name", "short_name", "role"),
    "areas": ("id", "name", "kind", "party_id", "ags"),
    "measures": ("id", "code", "name", "unit", "direction"),
    "agreements": ("id", "year", "title", "status", "signed_date", "signed_place", "legal_basis", "preamble",
                   "previous_id"),
    "agreement_parties": ("id", "agreement_id", "party_id", "position"),
    "sections": ("id", "agreement_id", "number", "title", "position"),
    "goals": ("id", "agreement_id", "section_id", "position", "kind", "title", "measure_id", "area_id", "unit",
              "direction", "target_value", "corridor_low", "corridor_high", "forecast_value", "change_percent",
              "comparator", "threshold_value", "amount_cents", "currency", "staff_target_vza", "temp_share_max",
              "extra_vza_max", "deadline", "responsible_party_id", "done_date", "breakdown", "condition"),
    "kpi_values": ("id", "measure_id", "area_id", "year", "period_type", "period_no", "value_kind", "value", "source"),
}  # fmt: skip


def _new_id(rng: random.Random) -> str:
    """A version-4 UUID as text, drawn from ``rng`` so that a seed gives the same ids every time."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


#: The sync columns every generated row gets, filled from the transaction's stamp (``_sync_values``).
STAMPED_COLUMNS = (*SYNC_COLUMNS, "vv", "local_seq")


def _sync_values(store: Store) -> tuple[Any, ...]:
    """Values of ``STAMPED_COLUMNS`` for rows inserted by the open transaction, from ``Store.stamp()``.

    The stamp counts the transaction in the replica counter, as every writing transaction of the app does; the rows
    get the version vector and ``local_seq`` of that tick, as the Excel import's bulk writer stamps its rows.
    """
    stamp = store.stamp()
    return (stamp.now, stamp.now, stamp.site_id, stamp.user, 1, 0, stamp.vector(), stamp.tick)


def _insert(store: Store, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert rows (values for ``columns``) with the stamped sync columns appended, via executemany.

    Runs inside ``store.transaction()``: one stamp (one tick of this replica) for all rows of the transaction.
    """
    names = (*columns, *STAMPED_COLUMNS)
    sync = _sync_values(store)
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    store.conn.executemany(sql, (row + sync for row in rows))


def _goal(
    rng: random.Random, kind: str, year: int, area_id: str, party_id: str, measures: list[tuple[str, str, str]]
) -> dict[str, Any]:
    """The kind-specific columns of one goal (rules of ``check_goal`` respected)."""
    measure_id, code, direction = rng.choice(measures)
    level = rng.uniform(5, 60)
    if kind == "kpi_target":
        return {
            "title": f"Zielwert {code}",
            "measure_id": measure_id,
            "area_id": area_id,
            "unit": "%",
            "direction": direction,
            "target_value": f"{level:.1f}",
            "corridor_low": f"{level - 2:.1f}",
            "corridor_high": f"{level + 2:.1f}",
        }
    if kind == "monitoring":
        return {
            "title": f"Beobachtung {code}",
            "measure_id": measure_id,
            "area_id": area_id,
            "unit": "%",
            "forecast_value": f"{level:.1f}",
        }
    if kind == "relative_change":
        return {
            "title": f"Veränderung {code} zum Vorjahr",
            "measure_id": measure_id,
            "unit": "%",
            "direction": direction,
            "change_percent": f"{rng.uniform(-5, 5):.1f}",
        }
    if kind == "threshold":
        return {
            "title": f"Quote {code}",
            "measure_id": measure_id,
            "unit": "%",
            "comparator": rng.choice((">=", "<=")),
            "threshold_value": f"{level:.1f}",
            "deadline": f"{year}-12-31",
        }
    if kind in ("budget", "premium"):
        title = "Eingliederungsbudget" if kind == "budget" else f"Prämie bei Erreichen von {code}"
        goal = {"title": title, "amount_cents": rng.randrange(50_000_00, 5_000_000_00, 100), "currency": "EUR"}
        if kind == "premium":
            goal |= {"measure_id": measure_id, "condition": f"{code} erreicht"}
        else:
            goal["responsible_party_id"] = party_id
        return goal
    if kind == "staffing":
        return {
            "title": "Personalausstattung",
            "staff_target_vza": f"{rng.uniform(40, 400):.1f}",
            "temp_share_max": f"{rng.uniform(5, 20):.1f}",
            "extra_vza_max": f"{rng.uniform(0, 10):.1f}",
        }
    deadline = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "milestone":
        return {
            "title": "Meilenstein Umsetzung",
            "deadline": deadline,
            "responsible_party_id": party_id,
            "done_date": deadline if year < LAST_YEAR else None,
        }
    return {
        "title": "Bericht an das Land",
        "deadline": deadline,
        "responsible_party_id": party_id,
        "breakdown": rng.choice(("", "stadtscharf")),
    }


def _master_rows(rng: random.Random, n_parties: int) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of the Träger (role KREIS), their areas (one Kreis each) and the 45 user-defined measures."""
    parties = [(_new_id(rng), f"Kreis {i:02d}", f"K{i:02d}", "KREIS") for i in range(1, n_parties + 1)]
    areas = [(_new_id(rng), name, "KREIS", pid, f"{5000 + i:05d}") for i, (pid, name, _, _) in enumerate(parties)]
    measures = [
        (_new_id(rng), f"E{i:02d}", f"Eigene Kennzahl {i:02d}", "%", rng.choice(("higher", "lower", "none")))
        for i in range(1, USER_MEASURES + 1)
    ]
    return {"parties": parties, "areas": areas, "measures": measures}


def _agreement_rows(
    rng: random.Random,
    parties: list[tuple[Any, ...]],
    areas: list[tuple[Any, ...]],
    measures: list[tuple[str, str, str]],
) -> dict[str, list[tuple[Any, ...]]]:
    """One signed agreement per Träger and year, chained by ``previous_id``, with its sections and goals."""
    kinds, weights = list(GOAL_KINDS), [weight for weight, _ in GOAL_KINDS.values()]
    previous: dict[str, str] = {}
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in ("agreements", "agreement_parties", "sections", "goals")}
    for year in YEARS:
        for (party_id, name, *_), (area_id, *_) in zip(parties, areas, strict=True):
            agreement_id = _new_id(rng)
            signed = f"{year - 1}-12-{rng.randint(1, 20):02d}"
            rows["agreements"].append(
                (agreement_id, year, f"Zielvereinbarung {year} – {name}", "abgeschlossen", signed, "Hannover",
                 "§ 48b SGB II", "", previous.get(party_id))
            )  # fmt: skip
            previous[party_id] = agreement_id
            rows["agreement_parties"].append((_new_id(rng), agreement_id, party_id, 0))
            section_ids = [_new_id(rng) for _ in SECTIONS]
            rows["sections"] += [
                (sid, agreement_id, f"{number})", title, n)
                for n, (sid, (number, title)) in enumerate(zip(section_ids, SECTIONS, strict=True))
            ]
            for position, kind in enumerate(rng.choices(kinds, weights, k=rng.randint(34, 42))):
                section_id = section_ids[GOAL_KINDS[kind][1]]
                goal = {"id": _new_id(rng), "agreement_id": agreement_id, "section_id": section_id,
                        "position": position, "kind": kind, "unit": "", "breakdown": "", "condition": ""}  # fmt: skip
                goal |= _goal(rng, kind, year, area_id, party_id, measures)
                rows["goals"].append(tuple(goal.get(column) for column in COLUMNS["goals"]))
    return rows


def _kpi_rows(
    rng: random.Random, year: int, levels: dict[str, list[tuple[str, float, float]]]
) -> list[tuple[Any, ...]]:
    """The monthly Ist values of one year for every area and measure, in delivery order (month, area, measure).

    ``levels`` gives per area each measure's (id, level in 2002, trend per year); values scatter by 5 %.
    """
    rows = []
    for month in range(1, 13):
        for area_id, series in levels.items():
            for measure_id, base, trend in series:
                value = max(0.0, base + trend * (year - FIRST_YEAR) + rng.gauss(0, base * 0.05))
                rows.append((_new_id(rng), measure_id, area_id, year, "M", month, "ist", f"{value:.1f}", SOURCE))
    return rows


def generate(path: Path, scale: float = 1.0, seed: int = 1) -> dict[str, Any]:
    """Create the reference data file at ``path``; returns row counts, seconds per phase and file bytes."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; the generator only writes new files")
    rng = random.Random(seed)
    seconds: dict[str, float] = {}
    started = t = time.perf_counter()

    def lap(phase: str) -> None:
        """Record the seconds since the previous lap as ``phase``."""
        nonlocal t
        t, seconds[phase] = time.perf_counter(), time.perf_counter() - t

    store = open_store(path, create=True, office_name=OFFICE_NAME)  # runs the real migrations
    conn = store.conn
    lap("open_and_migrate")
    # Synthetic bulk load: rows go straight into the tables with executemany in a few large transactions,
    # bypassing Store.save() and so, on purpose, its audit_log entry per row (not what this workload measures).
    # Each transaction is stamped as the app stamps one (Store.stamp(): replica counter, vv, local_seq).
    master = _master_rows(rng, max(1, round(PARTIES_AT_SCALE_1 * scale)))
    with store.transaction():
        for table, rows in master.items():
            _insert(store, table, COLUMNS[table], rows)
    measures = conn.execute("SELECT id, code, direction FROM measures WHERE deleted = 0 ORDER BY code").fetchall()
    lap("master_data")
    with store.transaction():
        for table, rows in _agreement_rows(rng, master["parties"], master["areas"], measures).items():
            _insert(store, table, COLUMNS[table], rows)
    lap("agreements_and_goals")
    # Values arrive as monthly deliveries for all Träger, so they are written in time order (one
    # transaction per year): one Träger's series is spread over the whole table, as in real use.
    levels = {a[0]: [(m[0], rng.uniform(2, 80), rng.uniform(-0.5, 0.5)) for m in measures] for a in master["areas"]}
    for year in YEARS:
        with store.transaction():
            _insert(store, "kpi_values", COLUMNS["kpi_values"], _kpi_rows(rng, year, levels))
    lap("kpi_values")
    conn.execute("ANALYZE")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lap("analyze")
    counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in (*COLUMNS, "audit_log")}
    store.close()
    seconds["total"] = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())
    return {"path": str(path), "scale": scale, "seed": seed, "counts": counts, "seconds": seconds, "file_bytes": size}


def main(argv: list[str] | None = None) -> int:
    """Command line: generate the file and print the summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True, help="new data file to write")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the number of Träger (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    result = generate(args.output, args.scale, args.seed)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
