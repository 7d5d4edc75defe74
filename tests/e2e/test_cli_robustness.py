"""`zv` on hostile input: never a traceback, always a German message, files unchanged when refused."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from zv_desktop.core.store import locking, open_store

from .test_cli_data import _fill


@pytest.fixture
def dumped(tmp_path: Path, db_path: Path, run_zv) -> dict:  # type: ignore[type-arg]
    _fill(db_path)
    return json.loads(run_zv("--db", db_path, "dump").out)


def _refused(tmp_path: Path, db_path: Path, run_zv, data: object, expected: str) -> None:
    src = tmp_path / "in.json"
    src.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    before = db_path.read_bytes()
    result = run_zv("--db", db_path, "load", src)
    assert result.code == 1, result.err
    assert expected in result.err and "Traceback" not in result.err
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["agreements"][0]["sections"][0].update(position=10**23), "als ganze Zahl zu groß"),
        (lambda d: d["agreements"][0]["goals"][1].update(amount={"amount": "1e30", "currency": "EUR"}), "zu groß"),
        (lambda d: d["kpi_values"][0].update(value="1e999999999"), "zu groß"),
        (lambda d: d["kpi_values"][0].update(value="0.0000001"), "zu genau"),
        (lambda d: d["parties"][0].update(name="Kreis\ud800"), "unzulässiges Zeichen (U+D800)"),
        (lambda d: d["parties"][0].update(name="Kreis\x00Mettmann"), "unzulässiges Zeichen (U+0000)"),
        (lambda d: d["parties"][0].update(id="kein-uuid"), "keine gültige Kennung"),
        (
            lambda d: d["measures"].append(
                {
                    "id": "11111111-2222-4333-8444-555555555555",
                    "code": "K2",
                    "name": "x",
                    "unit": "%",
                    "direction": "higher",
                }
            ),
            "Kürzel „K2“ ist schon vergeben",
        ),
        (
            lambda d: d["measures"].append(
                {
                    "id": "11111111-2222-4333-8444-555555555555",
                    "code": "X1",
                    "name": "x",
                    "unit": "%",
                    "direction": "higher",
                    "builtin": True,
                }
            ),
            "können nicht angelegt werden",
        ),
        (
            lambda d: d["kpi_values"].append({**d["kpi_values"][0], "id": "11111111-2222-4333-8444-555555555555"}),
            "steht schon ein Wert in $.kpi_values[0]",
        ),
    ],
    ids=[
        "huge-int",
        "huge-money",
        "huge-exponent",
        "too-precise",
        "surrogate",
        "nul",
        "bad-id",
        "code-clash",
        "fake-builtin",
        "duplicate-value",
    ],
)
def test_hostile_values_are_listed_not_crashing(
    tmp_path: Path, db_path: Path, dumped: dict, run_zv, change, expected
) -> None:  # type: ignore[type-arg]
    change(dumped)
    _refused(tmp_path, db_path, run_zv, dumped, expected)


def test_deeply_nested_json_is_refused(tmp_path: Path, db_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    _refused(tmp_path, db_path, run_zv, "[" * 100_000, "zu tief verschachtelt")


def test_load_cannot_hide_a_goal_in_another_agreements_section(
    tmp_path: Path,
    db_path: Path,
    dumped: dict,
    run_zv,  # type: ignore[type-arg]
) -> None:
    signed = dumped["agreements"][0]
    other = {
        "id": "22222222-0000-4000-8000-000000000000",
        "year": 2015,
        "title": "ZV 2015",
        "status": "entwurf",
        "goals": [
            {
                "id": "22222222-0000-4000-8000-000000000001",
                "kind": "milestone",
                "title": "versteckt",
                "section_id": signed["sections"][0]["id"],
            }
        ],
    }
    data = {**dumped, "agreements": [signed, other]}
    _refused(tmp_path, db_path, run_zv, data, "Der Abschnitt gehört zu einer anderen Zielvereinbarung.")


def test_load_cannot_skip_the_lifecycle(tmp_path: Path, db_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    store = open_store(db_path)
    from zv_desktop.core import model
    from zv_desktop.core.services import agreements

    draft = agreements.save_agreement(store, model.Agreement(year=2016, title="ZV 2016"))
    draft.status = model.AgreementStatus.VERHANDELT
    agreements.save_agreement(store, draft)
    store.close()
    item = {"id": draft.id, "year": 2016, "title": "ZV 2016", "status": "abgeschlossen", "signed_date": "2016-02-01"}
    data = {**dumped, "agreements": [item], "kpi_values": [], "papers": []}
    _refused(tmp_path, db_path, run_zv, data, "kann nicht von „verhandelt“ auf „abgeschlossen“")


def test_refused_load_into_a_new_path_leaves_no_file(tmp_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    dumped["parties"][0]["role"] = "KOMMUNE"
    src = tmp_path / "in.json"
    src.write_text(json.dumps(dumped), encoding="utf-8")
    target = tmp_path / "neu" / "ziel.sqlite"
    target.parent.mkdir()
    assert run_zv("--db", target, "load", src).code == 1
    assert list(target.parent.iterdir()) == []


def test_json_with_a_byte_order_mark_loads(tmp_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    src = tmp_path / "notepad.json"
    src.write_text(json.dumps(dumped, ensure_ascii=False), encoding="utf-8-sig")
    assert run_zv("--db", tmp_path / "f.sqlite", "load", src).code == 0


def test_dump_into_a_missing_folder_names_the_target(tmp_path: Path, db_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    result = run_zv("--db", db_path, "dump", "-o", tmp_path / "fehlt" / "x.json")
    assert result.code == 2 and "Den Ordner" in result.err and "x.json" in result.err


def test_dump_file_is_readable_by_colleagues(tmp_path: Path, db_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    out = tmp_path / "alles.json"
    assert run_zv("--db", db_path, "dump", "-o", out).code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_locked_file_gets_a_german_message(
    tmp_path: Path,
    db_path: Path,
    dumped: dict,  # type: ignore[type-arg]
    run_zv,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(locking, "LOCK_WAIT_SECONDS", 1.0)  # a user waits 30 s; the test need not
    src = tmp_path / "eine-partei.json"
    party = {"id": "33333333-0000-4000-8000-000000000000", "name": "Stadt Hilden", "role": "STADT"}
    src.write_text(json.dumps({"format": "zv-desktop", "format_version": 1, "parties": [party]}), encoding="utf-8")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN EXCLUSIVE")  # another program in the middle of writing
    try:
        result = run_zv("--db", db_path, "load", src)
    finally:
        other.rollback()
        other.close()
    assert result.code == 2 and "von einem anderen Programm benutzt" in result.err, result.err


def test_values_changed_behind_the_programs_back_are_reported(db_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE kpi_values SET value = 'abc' WHERE rowid = 1")
    conn.execute("UPDATE goals SET deadline = '31.12.2014' WHERE rowid = 1")
    conn.commit()
    conn.close()
    check = run_zv("--db", db_path, "check")
    assert check.code == 1 and "Unlesbarer Wert in Tabelle „kpi_values“" in check.err and "„deadline“" in check.err
    dump = run_zv("--db", db_path, "dump")
    assert dump.code == 2 and "zv check" in dump.err and "Traceback" not in dump.err


def test_id_prefix_with_backslash_matches_nothing(db_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    assert run_zv("--db", db_path, "show", "agreement", "\\").code == 2


def test_demo_is_refused_in_a_file_with_own_data(db_path: Path, dumped: dict, run_zv) -> None:  # type: ignore[type-arg]
    before = db_path.read_bytes()
    result = run_zv("--db", db_path, "demo")
    assert result.code == 2 and "enthält eigene Daten" in result.err
    assert db_path.read_bytes() == before


def test_output_works_in_a_windows_code_page(tmp_path: Path, db_path: Path, dumped: dict) -> None:  # type: ignore[type-arg]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    cmd = [sys.executable, "-m", "zv_desktop.cli.main", "--db", str(db_path)]
    shown = subprocess.run([*cmd, "show", "agreement", dumped["agreements"][0]["id"]], capture_output=True, env=env)
    assert shown.returncode == 0 and b"Zielwert 20,6 %" in shown.stdout
    dump = subprocess.run([*cmd, "dump"], capture_output=True, env=env)
    assert dump.returncode == 0 and json.loads(dump.stdout.decode("utf-8"))["format"] == "zv-desktop"
