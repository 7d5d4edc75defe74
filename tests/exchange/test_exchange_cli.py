"""`zv exchange export|inspect|merge` end to end on real files: the worked example of docs/exchange.md (the Jobcenter
sends its values and a comment while the Kreis changed a goal), conflicts and their exit codes, a delta, and hostile
received files refused with a German message while the user's file stays byte-identical."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import ZvResult
from tests.exchange.hostile import CASE_NAMES, make_case, mutations
from tests.exchange.offices import make_offices
from zv_desktop.core import model
from zv_desktop.core.exchange.office import gate
from zv_desktop.core.store import open_store


@pytest.fixture
def offices(demo_file: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The Kreis's file and the Jobcenter's, both from the demo (the Jobcenter's a copy: a replica of its own)."""
    return make_offices(demo_file, tmp_path)


def _goals(path: Path) -> list[model.Goal]:
    store = open_store(path, read_only=True)
    try:
        return store.find(model.Goal, order_by="title")
    finally:
        store.close()


def test_worked_example_values_and_a_comment_arrive_and_the_kreis_keeps_its_goal(
    run_zv: Callable[..., ZvResult], offices: tuple[Path, Path], tmp_path: Path
) -> None:
    kreis, jobcenter = offices
    jc = open_store(jobcenter)
    value = jc.find(model.KpiValue, "year = 2014 AND period_no = 9")[0]
    value.value = Decimal("21.7")
    jc.save(value)
    commented = jc.find(model.Goal, order_by="title")[0]
    commented.comment = "Zugänge im September höher als geplant"
    jc.save(commented)
    jc.close()
    kr = open_store(kreis)
    changed = kr.find(model.Goal, order_by="title")[1]
    changed.title = changed.title + " (angepasst)"
    kr.save(changed)
    kr.close()

    sent = tmp_path / "september"
    assert run_zv("--db", str(jobcenter), "exchange", "export", "-o", str(sent)).code == 0
    file = sent.with_suffix(".zvx")
    inspect = run_zv("exchange", "inspect", str(file))
    assert inspect.code == 0 and "Jobcenter Kreis Mettmann" in inspect.out and "Kennzahlwerte" in inspect.out
    dry = run_zv("--db", str(kreis), "exchange", "merge", str(file), "--dry-run")
    assert dry.code == 0 and "Probelauf" in dry.out
    merged = run_zv("--db", str(kreis), "exchange", "merge", str(file))
    assert merged.code == 0, merged.err
    assert "Übernommen: 2" in merged.out and "Sicherung vorher" in merged.out

    goals = {g.id: g for g in _goals(kreis)}
    assert goals[commented.id].comment == "Zugänge im September höher als geplant"
    assert goals[changed.id].title.endswith("(angepasst)")  # the Kreis's own change stays
    store = open_store(kreis, read_only=True)
    try:
        assert store.get(model.KpiValue, value.id).value == Decimal("21.7")
        audit = store.query("SELECT changes, user_name FROM audit_log WHERE row_id = ?", (value.id,))
        assert "Jobcenter Kreis Mettmann" in audit[-1]["changes"]  # the origin office is in the audit log
    finally:
        store.close()
    again = run_zv("--db", str(kreis), "exchange", "merge", str(file))
    assert again.code == 0 and "Nichts Neues" in again.out


def test_a_conflict_is_shown_left_open_with_exit_1_and_decided_with_prefer(
    run_zv: Callable[..., ZvResult], offices: tuple[Path, Path], tmp_path: Path
) -> None:
    kreis, jobcenter = offices
    for path, text in ((kreis, "Sicht des Kreises"), (jobcenter, "Sicht des Jobcenters")):
        store = open_store(path)
        goal = store.find(model.Goal, order_by="title")[0]
        goal.comment = text
        store.save(goal)
        store.close()
    file = tmp_path / "jc.zvx"
    assert run_zv("--db", str(jobcenter), "exchange", "export", "-o", str(file)).code == 0
    dry = run_zv("--db", str(kreis), "exchange", "merge", str(file), "--dry-run", "--json")
    assert dry.code == 1
    assert "Sicht des Jobcenters" in dry.out and "auf beiden Seiten geändert" in dry.out
    left = run_zv("--db", str(kreis), "exchange", "merge", str(file))
    assert left.code == 1 and "Offene Konflikte behalten Ihre Fassung" in left.out
    assert _goals(kreis)[0].comment == "Sicht des Kreises"
    decided = run_zv("--db", str(kreis), "exchange", "merge", str(file), "--prefer", "theirs")
    assert decided.code == 0
    assert _goals(kreis)[0].comment == "Sicht des Jobcenters"


def test_a_delta_holds_only_what_the_partner_has_not_seen(
    run_zv: Callable[..., ZvResult], offices: tuple[Path, Path], tmp_path: Path
) -> None:
    kreis, jobcenter = offices
    full = tmp_path / "kreis-ganz.zvx"
    assert run_zv("--db", str(kreis), "exchange", "export", "-o", str(full)).code == 0
    assert run_zv("--db", str(jobcenter), "exchange", "merge", str(full)).code == 0
    back = tmp_path / "jc-ganz.zvx"
    assert run_zv("--db", str(jobcenter), "exchange", "export", "-o", str(back)).code == 0
    assert run_zv("--db", str(kreis), "exchange", "merge", str(back)).code == 0
    jc = open_store(jobcenter)
    value = jc.find(model.KpiValue, "year = 2014 AND period_no = 10")[0]
    value.value = Decimal("22.5")
    jc.save(value)
    jc.close()
    delta = tmp_path / "jc-oktober.zvx"
    export = run_zv(
        "--db", str(jobcenter), "exchange", "export", "-o", str(delta), "--since-partner", "Demo-Dienststelle"
    )
    if export.code != 0:  # the demo's office name: ask by the name the Kreis's file has
        kreis_name = open_store(kreis, read_only=True)
        name = kreis_name.site_name
        kreis_name.close()
        export = run_zv("--db", str(jobcenter), "exchange", "export", "-o", str(delta), "--since-partner", name)
    assert export.code == 0, export.err
    assert "Änderungen seit dem letzten Austausch" in export.err and "Kennzahlwerte: 1" in export.err
    assert delta.stat().st_size < full.stat().st_size / 5
    merged = run_zv("--db", str(kreis), "exchange", "merge", str(delta))
    assert merged.code == 0 and "Übernommen: 1" in merged.out


@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_files_are_refused_by_inspect_and_merge(
    run_zv: Callable[..., ZvResult],
    name: str,
    exchange_bytes: bytes,
    demo_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = tmp_path / "amt.sqlite"
    shutil.copy(demo_file, own)
    before = own.read_bytes()
    (tmp_path / "post").mkdir()
    case = make_case(name, exchange_bytes, tmp_path / "post")
    if case.cap is not None:
        monkeypatch.setattr(gate, "MAX_EXCHANGE_BYTES", case.cap)
    for command in (["exchange", "inspect", str(case.path)], ["--db", str(own), "exchange", "merge", str(case.path)]):
        run = run_zv(*command)
        assert run.code == 2, (name, run.out, run.err)
        assert run.err.startswith("zv: ") and "Traceback" not in run.err
    assert own.read_bytes() == before


def test_mutated_exchange_files_never_crash_merge(
    run_zv: Callable[..., ZvResult], exchange_bytes: bytes, demo_file: Path, tmp_path: Path
) -> None:
    own = tmp_path / "amt.sqlite"
    shutil.copy(demo_file, own)
    for seed, data in mutations(exchange_bytes, range(1, 16)):
        received = tmp_path / f"m{seed}.zvx"
        received.write_bytes(data)
        run = run_zv("--db", str(own), "exchange", "merge", str(received), "--dry-run")
        assert run.code in (0, 1, 2), (seed, run.err)
        assert "Traceback" not in run.err and "Unerwarteter Fehler" not in run.err, (seed, run.err)
