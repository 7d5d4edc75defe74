"""Issue 13, proven by a Hypothesis state machine: three or more offices edit at random (values, goals, agreements,
deletes, Träger created twice, signing), copy a file to a laptop, and exchange full and delta files in random order;
conflicts are decided by one fixed rule. It must hold that

* merging the same file again changes nothing;
* no edit disappears unless the record met a conflict or was changed again later;
* after everyone has exchanged with everyone, all files hold the same content (``zv dump --with-sync``).

25 runs of 25 steps in `make test-thorough`, 2 in `make test`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from tests.depth import depth
from zv_desktop.core import model
from zv_desktop.core.exchange import json_format
from zv_desktop.core.exchange.office.export import export_exchange
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.exchange.office.merge import Decisions, apply_merge, preview_merge
from zv_desktop.core.exchange.office.merge_plan import content_columns
from zv_desktop.core.exchange.office.partners import partners
from zv_desktop.core.services import values
from zv_desktop.core.store import Store, open_store

K2 = "04f120ee-0ed4-5340-a650-1fbba1bf51c8"  # a catalogue measure (migration 0002)

NAMES = ("Stadt Kamen", "Stadt Unna", "Jobcenter Unna")
TEXTS = ("gut", "schlecht", "offen", "")
MAX_OFFICES = 4


def _fixed_rule(store: Store, change: Any) -> str:
    """Decide a conflict the same way on every side: the version whose content sorts first wins (explicitly, so
    also where this side has the agreement signed: two offices that signed different texts must settle on one)."""
    columns = content_columns(store.conn, change.table)
    mine = json.dumps([change.mine[c] for c in columns], default=str)
    theirs = json.dumps([change.theirs[c] for c in columns], default=str)
    return "mine" if mine <= theirs else "theirs"


def _canonical(data: Any) -> Any:
    """The dump with every list of records in id order (files list records in the order they arrived)."""
    if isinstance(data, dict):
        return {key: _canonical(value) for key, value in data.items()}
    if isinstance(data, list):
        items = [_canonical(item) for item in data]
        if all(isinstance(item, dict) and "id" in item for item in items):
            return sorted(items, key=lambda item: str(item["id"]))
        return items
    return data


class Offices(RuleBasedStateMachine):
    """Offices with one data file each, editing and exchanging."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="zv-offices-"))
        self.stores: list[Store] = []
        self.edits: list[tuple[str, str, str, Any, int]] = []  # (table, id, field, value, step)
        self.touched: dict[tuple[str, str], list[int]] = {}  # record → steps it was edited at
        self.conflicted: set[tuple[str, str]] = set()
        self.step = 0
        self.files = 0

    @initialize()
    def setup(self) -> None:
        base = open_store(self.folder / "kreis.sqlite", create=True, office_name="Kreis Unna")
        party = base.save(model.Party(name="Kreis Unna", role=model.PartyRole.KREIS))
        base.save(model.Area(name="Kreis Unna", kind=model.AreaKind.KREIS, party_id=party.id, ags="05978"))
        agreement = base.save(model.Agreement(year=2024, title="Zielvereinbarung 2024"))
        base.save(model.AgreementParty(agreement_id=agreement.id, party_id=party.id))
        for n in range(3):
            base.save(model.Goal(agreement_id=agreement.id, kind=model.GoalKind.MILESTONE, title=f"Ziel {n + 1}"))
        base.close()
        for n in range(3):
            target = self.folder / f"amt{n}.sqlite"
            shutil.copy(self.folder / "kreis.sqlite", target)
            store = open_store(target)
            store.rename_office(f"Amt {n}")
            self.stores.append(store)

    def teardown(self) -> None:
        try:
            if self.stores:
                self._everyone_with_everyone()
        finally:
            for store in self.stores:
                store.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- edits --------------------------------------------------------------------------------

    def _note(self, table: str, row_id: str, name: str, value: Any) -> None:
        self.step += 1
        self.edits.append((table, row_id, name, value, self.step))
        self.touched.setdefault((table, row_id), []).append(self.step)

    @rule(office=st.integers(0, MAX_OFFICES - 1), month=st.integers(1, 3), value=st.sampled_from(["1", "2", "3"]))
    def set_value(self, office: int, month: int, value: str) -> None:
        store = self.stores[office % len(self.stores)]
        area = store.find(model.Area)[0]
        found = store.find(
            model.KpiValue, "measure_id = ? AND area_id = ? AND year = 2024 AND period_no = ?", (K2, area.id, month)
        )
        if found:
            record = found[0]
            if record.value == Decimal(value):
                return  # saving what is there is no edit
            record.value = Decimal(value)
        else:
            record = model.KpiValue(
                id=str(uuid.uuid4()),
                measure_id=K2,
                area_id=area.id,
                year=2024,
                period_type=model.PeriodType.MONTH,
                period_no=month,
                value_kind=model.ValueKind.IST,
                value=Decimal(value),
            )
        values.save_values(store, [record])  # as the Kennzahlen grid does: a deleted value's record is revived
        self._note("kpi", str(month), "value", value)

    @rule(office=st.integers(0, MAX_OFFICES - 1), month=st.integers(1, 3))
    def delete_value(self, office: int, month: int) -> None:
        store = self.stores[office % len(self.stores)]
        for record in store.find(model.KpiValue, "period_no = ?", (month,)):
            store.delete(model.KpiValue, record.id, record.row_version)
            self._note("kpi", str(month), "value", "gelöscht")

    @rule(office=st.integers(0, MAX_OFFICES - 1), goal=st.integers(0, 2), text=st.sampled_from(TEXTS))
    def comment_goal(self, office: int, goal: int, text: str) -> None:
        store = self.stores[office % len(self.stores)]
        goals = store.find(model.Goal, order_by="title")
        if goal < len(goals) and goals[goal].comment != text:
            record = goals[goal]
            record.comment = text
            store.save(record)
            self._note("goals", record.id, "comment", text)

    @rule(office=st.integers(0, MAX_OFFICES - 1), goal=st.integers(0, 2))
    def delete_goal(self, office: int, goal: int) -> None:
        store = self.stores[office % len(self.stores)]
        goals = store.find(model.Goal, order_by="title")
        if goal < len(goals) and goals[goal].title != "Ziel 1":
            store.delete(model.Goal, goals[goal].id, goals[goal].row_version)
            self._note("goals", goals[goal].id, "deleted", 1)

    @rule(office=st.integers(0, MAX_OFFICES - 1), name=st.sampled_from(NAMES))
    def create_party(self, office: int, name: str) -> None:
        store = self.stores[office % len(self.stores)]
        if not store.find(model.Party, "name = ?", (name,)):
            record = store.save(model.Party(name=name, role=model.PartyRole.STADT))
            self._note("parties", record.id, "name", name)

    @rule(office=st.integers(0, MAX_OFFICES - 1), title=st.sampled_from(["A", "B"]))
    def retitle_agreement(self, office: int, title: str) -> None:
        store = self.stores[office % len(self.stores)]
        record = store.find(model.Agreement)[0]
        if record.status is model.AgreementStatus.ENTWURF and record.title != f"Zielvereinbarung 2024 {title}":
            record.title = f"Zielvereinbarung 2024 {title}"
            store.save(record)
            self._note("agreements", record.id, "title", record.title)

    @rule(office=st.integers(0, MAX_OFFICES - 1))
    def sign(self, office: int) -> None:
        store = self.stores[office % len(self.stores)]
        record = store.find(model.Agreement)[0]
        if record.status is model.AgreementStatus.ENTWURF:
            record.status = model.AgreementStatus.UNTERZEICHNET
            record.signed_date = date(2024, 3, 1)
            store.save(record)
            self._note("agreements", record.id, "status", "unterzeichnet")

    @precondition(lambda self: len(self.stores) < MAX_OFFICES)
    @rule(office=st.integers(0, MAX_OFFICES - 1))
    def copy_to_laptop(self, office: int) -> None:
        """A file copied to a laptop: a replica of its own that must merge back later."""
        source = self.stores[office % len(self.stores)]
        target = self.folder / f"laptop{len(self.stores)}.sqlite"
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(source.path, target)
        copy = open_store(target)
        assert copy.replica_id != source.replica_id and copy.site_id == source.site_id
        self.stores.append(copy)

    # -- exchange -----------------------------------------------------------------------------

    @rule(sender=st.integers(0, MAX_OFFICES - 1), receiver=st.integers(0, MAX_OFFICES - 1), delta=st.booleans())
    def exchange(self, sender: int, receiver: int, delta: bool) -> None:
        a, b = self.stores[sender % len(self.stores)], self.stores[receiver % len(self.stores)]
        if a is not b:
            self._send(a, b, delta)

    def _send(self, a: Store, b: Store, delta: bool) -> bool:
        known = {p.replica_id: p for p in partners(a.conn)}
        partner = known.get(b.replica_id) if delta else None
        self.files += 1
        path = self.folder / f"f{self.files}.zvx"
        export_exchange(a, path, partner=partner, delta=partner is not None)
        with receive(path) as received:
            preview = preview_merge(b, received)
            choices = {c.key: _fixed_rule(b, c) for c in preview.plan.conflicts}
            self.conflicted |= set(choices)
            self.conflicted |= {
                ("kpi", str((c.mine or c.theirs)["period_no"]))
                for c in preview.plan.conflicts
                if c.table == "kpi_values"
            }
            result = apply_merge(b, preview, Decisions(choices=choices))
            assert result.left_open == 0
            again = apply_merge(b, preview_merge(b, received), Decisions())
            assert not again.changed_anything, "merging the same file twice changed the file"
        return result.changed_anything

    def _everyone_with_everyone(self) -> None:
        for _ in range(8):
            changed = False
            for a in self.stores:
                for b in self.stores:
                    if a is not b:
                        changed = self._send(a, b, delta=False) or changed
            if not changed:
                break
        dumps = []
        for store in self.stores:
            data = json_format.dump(store, with_sync=True)
            del data["exported_at"], data["office"]
            dumps.append(json.dumps(_canonical(data), sort_keys=True, default=str))
        assert all(d == dumps[0] for d in dumps), "the files differ after everyone exchanged with everyone"
        self._no_silent_loss()

    def _no_silent_loss(self) -> None:
        final = self.stores[0]
        for table, row_id, name, value, step in self.edits:
            if table == "kpi":  # a value is the same value on every side by its key (measure, area, year, month)
                rows = final.query("SELECT value FROM kpi_values WHERE deleted = 0 AND period_no = ?", (int(row_id),))
                rows = rows or [{"value": "gelöscht"}]
            else:
                rows = final.query(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
            if not rows:
                continue  # a record that took the other office's id (same Träger, same value key)
            if str(rows[0][name]) == str(value) or (table, row_id) in self.conflicted:
                continue
            later = [s for s in self.touched[(table, row_id)] if s > step]
            assert later, f"edit of {table} {row_id} ({name} = {value!r}) vanished without a conflict"


Offices.TestCase.settings = settings(
    max_examples=depth(2, 25),
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
TestOffices = pytest.mark.thorough(Offices.TestCase)
