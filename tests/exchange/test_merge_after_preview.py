"""The merge writes what the preview showed: the preview's plan is used when nothing was written to the data file
since, it is computed again when anything was, and the merge refuses when the new plan differs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.choices import PartyRole
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.exchange.office import merge
from zv_desktop.core.exchange.office.export import export_exchange
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.exchange.office.merge import Decisions, apply_merge, preview_merge
from zv_desktop.core.store import Store, open_store


@pytest.fixture
def sent(demo_file: Path, tmp_path: Path) -> tuple[Path, Path, model.Party]:
    """The Kreis's file (a copy of the demo) and the Jobcenter's exchange file with one new Träger in it."""
    kreis, jobcenter = tmp_path / "kreis.sqlite", tmp_path / "jobcenter.sqlite"
    shutil.copy(demo_file, kreis)
    shutil.copy(demo_file, jobcenter)
    store = open_store(jobcenter)
    try:
        store.rename_office("Jobcenter Test")
        party = store.save(model.Party("Gemeinde Neuland", PartyRole.STADT))
        target = tmp_path / "jobcenter.zvx"
        export_exchange(store, target)
    finally:
        store.close()
    return kreis, target, party


def _counting_plans(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = merge._plan

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(merge, "_plan", counted)
    return calls


def test_an_unchanged_file_is_merged_with_the_previews_plan(
    sent: tuple[Path, Path, model.Party], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kreis, target, party = sent
    calls = _counting_plans(monkeypatch)
    store = open_store(kreis)
    try:
        with receive(target) as received:
            preview = preview_merge(store, received)
            result = apply_merge(store, preview, Decisions(prefer="mine"), backup_folder=tmp_path / "sicherungen")
        assert len(calls) == 1  # the preview's plan, not a second one
        assert result.taken == len(preview.plan.changes) > 0
        assert store.get(model.Party, party.id).name == "Gemeinde Neuland"
    finally:
        store.close()


def test_a_write_since_the_preview_makes_the_merge_plan_again(
    sent: tuple[Path, Path, model.Party], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kreis, target, party = sent
    calls = _counting_plans(monkeypatch)
    store = open_store(kreis)
    other = open_store(kreis)  # another window or program on the same file
    try:
        with receive(target) as received:
            preview = preview_merge(store, received)
            other.save(model.Party("Gemeinde Altland", PartyRole.STADT))  # not in the plan: the plan stays the same
            result = apply_merge(store, preview, Decisions(prefer="mine"), backup_folder=tmp_path / "sicherungen")
        assert len(calls) == 2
        assert result.taken == len(preview.plan.changes)
        assert store.get(model.Party, party.id).name == "Gemeinde Neuland"
    finally:
        other.close()
        store.close()


def _same_party_here(store: Store, party: model.Party) -> None:
    store.save(model.Party(party.name, party.role, id=party.id))


def test_a_write_that_changes_the_plan_is_refused(sent: tuple[Path, Path, model.Party], tmp_path: Path) -> None:
    kreis, target, party = sent
    store = open_store(kreis)
    try:
        with receive(target) as received:
            preview = preview_merge(store, received)
            _same_party_here(store, party)  # the record the preview would bring in now exists here too
            with pytest.raises(DataFileError, match="seit der Vorschau geändert"):
                apply_merge(store, preview, Decisions(prefer="mine"), backup_folder=tmp_path / "sicherungen")
    finally:
        store.close()
