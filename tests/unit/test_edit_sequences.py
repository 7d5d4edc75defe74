"""Random sequences of edits, deletes, Excel imports, undo and redo through the services (a hypothesis state
machine). After every step: the audit log says what the data holds, row versions only rise, and an undo or redo
either finds every record as its action left it or changes nothing (it never overwrites a later change). At the
end of each sequence a dump, loaded into a new file and dumped again, is the same."""

from __future__ import annotations

import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.unit.test_xlsx_import_support import TEMPLATE_HEADER, make_areas, measure_id, write_book
from zv_desktop.core import model
from zv_desktop.core.errors import ConflictError
from zv_desktop.core.exchange import json_format
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.services import history, values
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.journal import Action
from zv_desktop.core.store.mapping import to_row
from zv_desktop.core.store.store import loggable

CODES = ("K2",)
AREAS = ("Kreis Testland", "Musterstadt")
keys = st.tuples(st.sampled_from(CODES), st.sampled_from(AREAS), st.integers(1, 2))  # few keys: steps meet
figures = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
#: Audited columns of kpi_values compared with the audit log's latest entry for each row.
AUDITED = ("value", "mark", "source", "comment", "deleted")
#: What the user sees of a value (an undo must find it as the action left it).
SHOWN = ("value", "mark", "source", "comment")


class EditSequences(RuleBasedStateMachine):
    """One data file, edited as a caseworker would, with the program's own undo stack."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="zv-sequences-"))
        self.store: Store = open_store(self.folder / "daten.sqlite", create=True, office_name="Kreis Testland")
        self.areas = make_areas(self.store)
        self.measures = {code: measure_id(self.store, code) for code in CODES}
        self.done: list[Action] = []  # the undo stack
        self.undone: list[Action] = []  # the redo stack
        self.versions: dict[str, int] = {}
        self.imports = 0

    # -- what the user does ---------------------------------------------------------------------------------------

    def _record(self, label: str, work: Any) -> None:
        with self.store.recording(label) as action:
            work()
        if action.changes:
            self.done.append(action)
            self.undone.clear()

    @rule(key=keys, figure=figures)
    def type_a_value(self, key: tuple[str, str, int], figure: Decimal) -> None:
        code, area, month = key
        value = model.KpiValue(self.measures[code], self.areas[area], 2014, figure, period_no=month)
        self._record("Wert eintragen", lambda: values.save_values(self.store, [value]))

    @rule(key=keys)
    def delete_a_value(self, key: tuple[str, str, int]) -> None:
        found = self._live(key)
        if found is not None:
            self._record("Wert löschen", lambda: self.store.delete(model.KpiValue, found))

    @rule(entries=st.lists(st.tuples(keys, figures), min_size=1, max_size=4))
    def import_a_sheet(self, entries: list[tuple[tuple[str, str, int], Decimal]]) -> None:
        """An Excel import is no action of the undo stack: it happens between the user's own edits."""
        self.imports += 1
        rows = [TEMPLATE_HEADER]
        rows += [[code, area, 2014, month, "Ist", float(figure), None, None] for (code, area, month), figure in entries]
        preview = preview_import(self.store, write_book(self.folder / f"import-{self.imports}.xlsx", {"Daten": rows}))
        run_import(self.store, preview)

    @precondition(lambda self: self.done)
    @rule()
    def undo(self) -> None:
        self._replay(self.done, self.undone, history.undo, undoing=True)

    @precondition(lambda self: self.undone)
    @rule()
    def redo(self) -> None:
        self._replay(self.undone, self.done, history.redo, undoing=False)

    def _replay(self, source: list[Action], target: list[Action], step: Any, undoing: bool) -> None:
        action = source[-1]
        as_left = self._as_left(action, undoing)  # nobody changed its records since
        before = self._rows()
        try:
            step(self.store, action)
        except ConflictError:
            assert not as_left, "refused although every record was as the action left it"
            assert self._rows() == before, "a refused undo or redo changed the data"
            return
        assert as_left, "an undo or redo overwrote a change made after its action"
        target.append(source.pop())

    def _as_left(self, action: Action, undoing: bool) -> bool:
        """Whether every record of the action holds what the action left in it (undo) or what it found (redo):
        what the user saw. Compared by what the user sees of a value, not by version."""
        expected: dict[str, Any] = {}
        for change in reversed(action.changes) if undoing else action.changes:
            expected.setdefault(change.record_id, change.after if undoing else change.before)
        for record_id, state in expected.items():
            row = self._row(record_id)
            if state is None:
                if row is not None and not row["deleted"]:
                    return False
            elif row is None or row["deleted"] or any(row[k] != to_row(state)[k] for k in SHOWN):
                return False
        return True

    # -- what must hold ------------------------------------------------------------------------------------------

    @invariant()
    def the_audit_log_says_what_the_data_holds(self) -> None:
        logged: dict[str, dict[str, Any]] = {}
        for row_id, changes in self.store.conn.execute(
            "SELECT row_id, changes FROM audit_log WHERE table_name = 'kpi_values' ORDER BY seq"
        ):
            for name, (_old, new) in json.loads(changes).items():
                logged.setdefault(row_id, {})[name] = new
        for row in self._rows():
            assert row["id"] in logged, f"no audit row for {row['id']}"
            for name in AUDITED:
                if name in logged[row["id"]]:
                    assert logged[row["id"]][name] == loggable(row[name]), (name, row, logged[row["id"]])

    @invariant()
    def row_versions_only_rise(self) -> None:
        for row in self._rows():
            assert row["row_version"] >= self.versions.get(row["id"], 0)
            self.versions[row["id"]] = row["row_version"]

    def teardown(self) -> None:
        try:
            first = json_format.dump(self.store)
            again = open_store(self.folder / "wieder.sqlite", create=True, office_name="Kreis Testland")
            try:
                json_format.load(again, json.loads(json.dumps(first)))
                second = json_format.dump(again)
            finally:
                again.close()
            assert _content(second) == _content(first)
        finally:
            self.store.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers --------------------------------------------------------------------------------------------------

    def _rows(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.store.query("SELECT * FROM kpi_values ORDER BY id")]

    def _live(self, key: tuple[str, str, int]) -> str | None:
        code, area, month = key
        row = self.store.conn.execute(
            "SELECT id FROM kpi_values WHERE deleted = 0 AND measure_id = ? AND area_id = ? AND year = 2014 "
            "AND period_no = ?",
            (self.measures[code], self.areas[area], month),
        ).fetchone()
        return None if row is None else str(row[0])

    def _row(self, record_id: str) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM kpi_values WHERE id = ?", (record_id,))
        return dict(rows[0]) if rows else None


def _content(dump: dict[str, Any]) -> dict[str, Any]:
    """A dump without what differs between two files by nature (when it was made, which office made it)."""
    return {key: value for key, value in dump.items() if key not in ("exported_at", "office")}


EditSequences.TestCase.settings = settings(
    max_examples=25, stateful_step_count=10, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_edit_sequences = EditSequences.TestCase
