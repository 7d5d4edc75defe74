"""The KPI value grid of one agreement year: measure × area columns, month rows, cell parsing, paste and save.

Columns come from the goals with a measure ("stadtscharf" adds one per city of the area); cells are typed or
pasted from Excel and saved by ``save_cells`` in one transaction, which the UI runs as one undoable action.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.formats import month_name
from zv_desktop.core.rules.plausibility import MARKS, StatisticsSign, mark_meaning, unusual
from zv_desktop.core.services import values as value_service
from zv_desktop.core.services.agreements import AgreementDoc, load_agreement
from zv_desktop.core.services.status import STAFF_MEASURE_ID, TEMP_SHARE_MEASURE_ID
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import conflict_error

#: Rows of the grid: the months of the agreement year.
MONTHS = 12
#: Source written on values typed or pasted into the grid.
INPUT_SOURCE = "Eingabe"
#: Goal kinds whose measure gets a column (a threshold only if it names a measure).
MEASURED_KINDS = frozenset(
    {
        model.GoalKind.KPI_TARGET,
        model.GoalKind.MONITORING,
        model.GoalKind.RELATIVE_CHANGE,
        model.GoalKind.THRESHOLD,
        model.GoalKind.BUDGET,  # money spent, where the budget names a measure to record it in
    }
)
#: Written into the note of an unusual value the user confirmed as correct (the warning then stays away).
CONFIRMED_NOTE = "Ungewöhnlicher Wert geprüft"

Position = tuple[int, int]
#: What is saved into a cell: a figure, a sign of official statistics for "no figure" (``MARKS``), or None to clear.
Entry = Decimal | StatisticsSign | None


@dataclass(frozen=True)
class GridColumn:
    """One column: the values of a measure for an area (``measure`` and ``area`` are the two parts of the label)."""

    measure_id: str
    area_id: str
    goal_id: str
    label: str
    unit: str
    measure: str = ""
    area: str = ""


@dataclass(frozen=True)
class GridCell:
    """The stored Ist value of one month and column (``value`` None: no figure; ``mark`` a sign stored instead)."""

    value: Decimal | None = None
    mark: str = ""  # „.“, „…“, „x“ or „*“ stored for the month: no figure, with its meaning in ``comment``
    value_id: str | None = None
    source: str = ""
    comment: str = ""
    version: int = 0  # the stored value's row version when the grid was read (0: nothing stored)
    warning: str = ""  # why the value looks unusual for its measure (until the user confirms it)


@dataclass(frozen=True)
class CellProblem:
    """Why a typed or pasted text was not taken: where (grid row and column), the text, a German message."""

    row: int
    column: int
    text: str
    message: str


@dataclass
class KpiGrid:
    """The Ist values of one agreement year: ``rows[month - 1][column]``."""

    agreement_id: str
    year: int
    title: str
    columns: list[GridColumn]
    rows: list[list[GridCell]]

    @property
    def row_count(self) -> int:
        """Number of rows: the twelve months."""
        return len(self.rows)

    @property
    def column_count(self) -> int:
        """Number of columns."""
        return len(self.columns)

    def contains(self, row: int, column: int) -> bool:
        """True if (row, column) is a cell of the grid."""
        return 0 <= row < len(self.rows) and 0 <= column < len(self.columns)

    def cell(self, row: int, column: int) -> GridCell:
        """The stored value of a cell with its source and comment."""
        return self.rows[row][column]

    def value(self, row: int, column: int) -> Decimal | None:
        """The stored Ist value of a cell, or None (nothing stored, or a mark)."""
        return self.rows[row][column].value

    def stored(self, row: int, column: int) -> bool:
        """True if the cell holds a stored record: a figure or a mark."""
        cell = self.rows[row][column]
        return cell.value is not None or bool(cell.mark)

    def differs(self, row: int, column: int, entry: Entry) -> bool:
        """True if saving ``entry`` would change the cell (another figure or mark, or clearing a stored one)."""
        cell = self.rows[row][column]
        if entry is None:
            return cell.value is not None or bool(cell.mark)
        if isinstance(entry, StatisticsSign):
            return cell.value is not None or cell.mark != entry.sign
        return cell.value != entry

    def where(self, row: int, column: int) -> str:
        """A cell in German words: "März 2014, K2 Integrationsquote – Hilden"."""
        return f"{month_name(row + 1)} {self.year}, {self.columns[column].label}"


# --- building the grid ------------------------------------------------------------------------


def build_grid(store: Store, agreement_id: str) -> KpiGrid:
    """The grid of an agreement: its measure columns and the stored monthly Ist values of its year."""
    doc = load_agreement(store, agreement_id)
    columns = grid_columns(store, doc)
    year = doc.agreement.year
    stored = _stored_values(store, columns, year)
    before = _stored_values(store, columns, year - 1)
    rows: list[list[GridCell]] = [[] for _ in range(MONTHS)]
    for c in columns:
        history = [before.get((c.measure_id, c.area_id, month)) for month in range(1, MONTHS + 1)]
        for month in range(1, MONTHS + 1):
            value = stored.get((c.measure_id, c.area_id, month))
            known = [v.value for v in history[-MONTHS:] if v is not None and v.value is not None]
            rows[month - 1].append(_grid_cell(value, known, c))
            history.append(value)
    return KpiGrid(agreement_id, year, doc.agreement.title, columns, rows)


def grid_columns(store: Store, doc: AgreementDoc) -> list[GridColumn]:
    """One column per (measure, area) of the goals with a measure, in document order; cities after their Kreis."""
    measures = {m.id: m for m in store.find(model.Measure)}
    areas = store.find(model.Area, order_by="CASE kind WHEN 'KREIS' THEN 0 ELSE 1 END, name")
    by_id = {a.id: a for a in areas}
    home_area = default_area(areas, {p.party_id for p in doc.parties})
    columns: list[GridColumn] = []
    seen: set[tuple[str, str]] = set()
    for goal in _in_document_order(doc):
        area = by_id.get(goal.area_id or "") or home_area
        if goal.kind is model.GoalKind.STAFFING:  # VZA and the temporary share, in the catalogue's measures
            wanted = [STAFF_MEASURE_ID, TEMP_SHARE_MEASURE_ID]
        elif goal.kind in MEASURED_KINDS:
            wanted = [goal.measure_id or ""]
        else:
            continue
        goal_measures = [measures[m] for m in wanted if m in measures]
        targets = [] if area is None else [area]
        if area is not None and goal.breakdown == "stadtscharf":
            targets += [a for a in areas if a.parent_id == area.id]
        for measure in goal_measures:
            for target in targets:
                if (measure.id, target.id) in seen:
                    continue
                seen.add((measure.id, target.id))
                name = f"{measure.code} {measure.name}"
                unit = measure.unit if goal.kind is model.GoalKind.STAFFING else goal.unit or measure.unit
                columns.append(
                    GridColumn(measure.id, target.id, goal.id, f"{name} – {target.name}", unit, name, target.name)
                )
    return columns


def default_area(areas: list[model.Area], party_ids: set[str]) -> model.Area | None:
    """The Kreis area of one of the parties, else the first Kreis area of the file."""
    kreise = [a for a in areas if a.kind is model.AreaKind.KREIS]
    own = [a for a in kreise if a.party_id in party_ids] or [a for a in areas if a.party_id in party_ids]
    candidates = own or kreise
    return candidates[0] if candidates else None


def _in_document_order(doc: AgreementDoc) -> list[model.Goal]:
    """The goals section by section, each section's own goals before those of its clauses."""
    ordered: list[model.Goal] = []
    for section in doc.sections:
        ordered += doc.goals_of(section.id)
        for clause in doc.clauses_of(section.id):
            ordered += doc.goals_of(clause_id=clause.id)
    placed = {g.id for g in ordered}
    return ordered + [g for g in doc.goals if g.id not in placed]


def _stored_values(store: Store, columns: list[GridColumn], year: int) -> dict[tuple[str, str, int], model.KpiValue]:
    """The live monthly Ist values of the columns' measures and areas in a year, by (measure, area, month)."""
    if not columns:
        return {}
    measure_ids = sorted({c.measure_id for c in columns})
    area_ids = sorted({c.area_id for c in columns})
    where = (
        f"year = ? AND period_type = ? AND value_kind = ? AND measure_id IN ({','.join('?' * len(measure_ids))}) "
        f"AND area_id IN ({','.join('?' * len(area_ids))})"
    )
    params = (year, model.PeriodType.MONTH.value, model.ValueKind.IST.value, *measure_ids, *area_ids)
    return {(v.measure_id, v.area_id, v.period_no): v for v in store.find(model.KpiValue, where, params)}


def _grid_cell(value: model.KpiValue | None, history: list[Decimal], column: GridColumn) -> GridCell:
    """A stored value with a warning if it is far from the twelve months before it (and not confirmed)."""
    if value is None:
        return GridCell()
    warning = None
    if value.value is not None and CONFIRMED_NOTE not in value.comment:
        warning = unusual(value.value, history, column.unit, column.measure)
    return GridCell(value.value, value.mark, value.id, value.source, value.comment, value.row_version, warning or "")


# --- saving -----------------------------------------------------------------------------------


def save_cells(store: Store, grid: KpiGrid, cells: dict[Position, Entry]) -> int:
    """Save cells in one transaction: a number as the month's Ist value, None deletes the stored value, a sign of
    official statistics („.“, „…“, „x“, „*“) is stored as the month's mark with its meaning as the note.

    Unchanged values are left as they are; a changed one gets the source "Eingabe" (and loses its old comment).
    A mark never replaces a stored figure (ValidationError: Entf deletes it first).
    Nothing is written if any cell is outside the grid or not a finite number, or if a cell's stored value was
    changed, entered or deleted by someone else since the grid was read (ConflictError names who and when).
    Returns how many values changed.
    """
    problems: list[Problem] = []
    for (row, column), number in sorted(cells.items()):
        if not grid.contains(row, column):
            problems.append(Problem(f"Zeile {row + 1}, Spalte {column + 1}", "liegt außerhalb der Tabelle."))
        elif isinstance(number, StatisticsSign):
            if number.sign not in MARKS:
                problems.append(Problem(grid.where(row, column), f"„{number.sign}“ ist kein Zeichen für „keine Zahl“."))
        elif number is not None and not number.is_finite():
            problems.append(Problem(grid.where(row, column), "muss eine endliche Zahl sein."))
    if problems:
        raise ValidationError(problems)
    with store.transaction():  # holds the write lock: the file cannot change between the check and the write
        stored = _stored_values(store, grid.columns, grid.year)
        to_save: list[model.KpiValue] = []
        to_delete: list[model.KpiValue] = []
        for (row, column), number in sorted(cells.items()):
            col = grid.columns[column]
            current = stored.get((col.measure_id, col.area_id, row + 1))
            if current is None and number is None:
                continue
            if current is not None and number is not None and _holds(current, number):
                continue  # already stored as typed: nothing to write, nothing of anyone's overwritten
            _check_unchanged_since_read(store, grid.cell(row, column), current)
            if number is None:
                assert current is not None
                to_delete.append(current)
                continue
            if isinstance(number, StatisticsSign) and current is not None and current.value is not None:
                why = f"„{number.sign}“ löscht keinen gespeicherten Wert – zum Löschen Entf drücken."
                raise ValidationError([Problem(grid.where(row, column), why)])
            figure, mark, note = _parts(number)
            if current is None:
                to_save.append(
                    model.KpiValue(
                        col.measure_id,
                        col.area_id,
                        grid.year,
                        figure,
                        period_no=row + 1,
                        mark=mark,
                        source=INPUT_SOURCE,
                        comment=note,
                    )
                )
            else:
                to_save.append(dataclasses.replace(current, value=figure, mark=mark, source=INPUT_SOURCE, comment=note))
        if to_save:
            value_service.save_values(store, to_save)
        for value in to_delete:
            store.delete(model.KpiValue, value.id, expected_version=value.row_version)
    return len(to_save) + len(to_delete)


def _holds(current: model.KpiValue, entry: Decimal | StatisticsSign) -> bool:
    """True if the stored record already says what ``entry`` says (the same figure, or the same mark)."""
    if isinstance(entry, StatisticsSign):
        return current.value is None and current.mark == entry.sign
    return current.value == entry


def _parts(entry: Decimal | StatisticsSign) -> tuple[Decimal | None, str, str]:
    """(value, mark, note) of a record saving ``entry``: a figure has no note, a mark its meaning."""
    if isinstance(entry, StatisticsSign):
        return None, entry.sign, mark_meaning(entry.sign)
    return entry, "", ""


def _check_unchanged_since_read(store: Store, shown: GridCell, current: model.KpiValue | None) -> None:
    """Refuse to write a cell whose stored value someone else changed, entered or deleted since the grid was read."""
    if current is not None and current.id == shown.value_id and current.row_version == shown.version:
        return
    if current is None and shown.value_id is None:
        return
    row_id = current.id if current is not None else shown.value_id
    rows = store.query("SELECT * FROM kpi_values WHERE id = ?", (row_id,))
    raise conflict_error(store.conn, "kpi_values", rows[0], shown.version)


def confirm_cells(store: Store, grid: KpiGrid, positions: list[Position]) -> int:
    """Confirm unusual values as correct, in one transaction: the note of each says so and its warning goes away.

    Cells without a warning are left alone; returns how many were confirmed.
    """
    chosen = [(r, c) for r, c in positions if grid.contains(r, c) and grid.cell(r, c).warning]
    if not chosen:
        return 0
    with store.transaction():
        stored = _stored_values(store, grid.columns, grid.year)
        confirmed: list[model.KpiValue] = []
        for row, column in chosen:
            col = grid.columns[column]
            current = stored.get((col.measure_id, col.area_id, row + 1))
            _check_unchanged_since_read(store, grid.cell(row, column), current)
            assert current is not None
            note = f"{current.comment} · {CONFIRMED_NOTE}" if current.comment else CONFIRMED_NOTE
            confirmed.append(dataclasses.replace(current, comment=note))
        value_service.save_values(store, confirmed)
    return len(confirmed)
