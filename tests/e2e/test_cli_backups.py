"""`zv backups` and `zv restore FILE` on real files; the daily backup of the writing commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.services import agreements
from zv_desktop.core.store import backups, open_store, restoring


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "amt.sqlite"
    shutil.copy(demo_file, path)
    return path


def test_writing_commands_back_up_once_a_day(run_zv, demo_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dump = tmp_path / "alles.json"
    assert run_zv("--db", demo_copy, "dump", "-o", dump).code == 0
    assert not demo_copy.with_name("amt.sicherungen").exists()  # reading commands make none
    assert run_zv("--db", demo_copy, "load", dump).code == 0
    assert run_zv("--db", demo_copy, "load", dump).code == 0
    made = list(demo_copy.with_name("amt.sicherungen").iterdir())
    assert len(made) == 1 and made[0].name.startswith("amt.sicherung-")


def test_import_dry_run_makes_no_backup(run_zv, demo_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "vorlage.xlsx"
    assert run_zv("--db", demo_copy, "export-xlsx", "template", "-o", template).code == 0
    run_zv("--db", demo_copy, "import-xlsx", template, "--dry-run")
    assert not demo_copy.with_name("amt.sicherungen").exists()
    run_zv("--db", demo_copy, "import-xlsx", template)
    assert demo_copy.with_name("amt.sicherungen").is_dir()


def test_backup_folder_from_the_environment_and_a_failure_warns(  # type: ignore[no-untyped-def]
    run_zv, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("x")
    monkeypatch.setenv("ZV_BACKUP_DIR", str(blocker / "sicherungen"))
    dump = tmp_path / "alles.json"
    run_zv("--db", demo_copy, "dump", "-o", dump)
    result = run_zv("--db", demo_copy, "load", dump)
    assert result.code == 0
    assert "Warnung: Die Sicherungskopie im Ordner" in result.err
    monkeypatch.setenv("ZV_BACKUP_DIR", str(tmp_path / "sicherungen"))
    assert run_zv("--db", demo_copy, "load", dump).code == 0
    assert len(list((tmp_path / "sicherungen").iterdir())) == 1


def test_backups_lists_and_restore_restores(run_zv, demo_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_zv("--db", demo_copy, "backups").out.startswith("(keine Sicherungen")
    store = open_store(demo_copy)
    backup = backups.make_backup(store.conn, demo_copy)
    before = len(agreements.list_agreements(store))
    for item in agreements.list_agreements(store):
        store.delete(model.Agreement, item.id)
    store.close()

    listed = run_zv("--db", demo_copy, "backups")
    assert listed.code == 0
    assert "täglich" in listed.out and f"{before} ZV" in listed.out and str(backup) in listed.out
    data = json.loads(run_zv("--db", demo_copy, "backups", "--json").out)
    assert data[0]["kind"] == "daily" and data[0]["contents"]["agreements"] == before

    result = run_zv("--db", demo_copy, "restore", backup)
    assert result.code == 0, result.err
    assert "vorige Stand" in result.err
    store = open_store(demo_copy)
    try:
        assert len(agreements.list_agreements(store)) == before
        assert len(restoring.restores(store)) == 1
    finally:
        store.close()
    data = json.loads(run_zv("--db", demo_copy, "backups", "--json").out)
    assert [d["kind"] for d in data] == ["safety", "daily"]
    assert data[0]["contents"]["agreements"] == 0  # the state before the restore


def test_restore_file_errors_exit_2(run_zv, demo_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = demo_copy.read_bytes()
    missing = run_zv("--db", demo_copy, "restore", tmp_path / "gibt-es-nicht.sqlite")
    assert missing.code == 2 and "gibt es nicht" in missing.err
    foreign = tmp_path / "fremd.sqlite"
    foreign.write_text("kein SQLite " * 20)
    result = run_zv("--db", demo_copy, "restore", foreign)
    assert result.code == 2 and "keine ZV-Datei" in result.err
    assert demo_copy.read_bytes() == before
    assert run_zv("--db", tmp_path / "fehlt.sqlite", "backups").code == 2
