"""Two offices made from the demo for exchange tests: the Kreis's file and a copy that became the Jobcenter's."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.exchange.office.export import export_exchange
from zv_desktop.core.services import agreements
from zv_desktop.core.store import open_store

JOBCENTER = "Jobcenter Kreis Mettmann"


def make_offices(demo_file: Path, folder: Path) -> tuple[Path, Path]:
    """The Kreis's file and the Jobcenter's, both from the demo (the Jobcenter's a copy: a replica of its own)."""
    kreis, jobcenter = folder / "kreis.sqlite", folder / "jobcenter.sqlite"
    shutil.copy(demo_file, kreis)
    shutil.copy(demo_file, jobcenter)
    store = open_store(jobcenter)
    store.rename_office(JOBCENTER)
    store.close()
    return kreis, jobcenter


def comment_first_goal(path: Path, text: str) -> model.Goal:
    """Set the comment of the first goal (by title) in a file; returns the goal as saved."""
    store = open_store(path)
    try:
        goal = store.find(model.Goal, order_by="title")[0]
        goal.comment = text
        return store.save(goal)
    finally:
        store.close()


def send(path: Path, target: Path) -> Path:
    """Write the whole file as an exchange file."""
    store = open_store(path)
    try:
        return export_exchange(store, target).path
    finally:
        store.close()


def draft_agreement(path: Path) -> str:
    """The id of the demo's agreement still in negotiation (Kamen 2002)."""
    store = open_store(path, read_only=True)
    try:
        return next(a.id for a in store.find(model.Agreement) if a.status is model.AgreementStatus.VERHANDELT)
    finally:
        store.close()


def add_goal(path: Path, agreement_id: str, title: str) -> str:
    """Add a goal to an agreement (a copy of its first goal with another title); returns its id."""
    store = open_store(path)
    try:
        first = store.find(model.Goal, "agreement_id = ?", (agreement_id,))[0]
        first.id, first.title = model.new_id(), title
        return agreements.save_goal(store, first).id
    finally:
        store.close()


def sign(path: Path, agreement_id: str) -> None:
    """Sign an agreement in a file."""
    store = open_store(path)
    try:
        record = store.get(model.Agreement, agreement_id)
        record.status = model.AgreementStatus.UNTERZEICHNET
        record.signed_date = date(record.year, 3, 1)
        agreements.save_agreement(store, record)
    finally:
        store.close()


def same_key(value: model.KpiValue, figure: str) -> model.KpiValue:
    """A new value (new id) for the key of ``value``: measure, area, period and kind, with another figure."""
    return model.KpiValue(
        measure_id=value.measure_id,
        area_id=value.area_id,
        year=value.year,
        period_type=value.period_type,
        period_no=value.period_no,
        value_kind=value.value_kind,
        value=Decimal(figure),
    )
