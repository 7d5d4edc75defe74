"""What a preview of an Excel import reports: problems, row mappings, changes, counts and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from zv_desktop.core.formats import format_number

#: How many new or changed values a preview keeps for display (the counts stay exact).
MAX_SHOWN_CHANGES = 1_000
#: How many problems a preview keeps; one more line then says how many were left out.
MAX_SHOWN_PROBLEMS = 1_000

#: The two sheet layouts the importer reads.
LAYOUT_TEMPLATE = "Vorlage"
LAYOUT_WIDE = "Monatstabelle"

#: German labels of the value kinds, as written in the column "Art".
KIND_LABELS = {"ist": "Ist", "prognose": "Prognose", "plan": "Plan"}


@dataclass(frozen=True)
class CellProblem:
    """One problem: the sheet, the cell ("C7"; "" for the whole sheet or file) and a German reason."""

    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        where = f"Blatt „{self.sheet}“" if self.sheet else "Datei"
        if self.cell:
            where += f", Zelle {self.cell}"
        return f"{where}: {self.message}"


@dataclass
class RowMapping:
    """One row label of the sheet (a Kennzahl/Gebiet pair) and the catalogue measure and area it maps to."""

    label: str
    area_label: str
    measure_id: str | None
    area_id: str | None
    rows: str
    guessed: bool

    @property
    def key(self) -> str:
        """The key of this row label in the ``mapping`` argument of ``preview_import``."""
        return mapping_key(self.label, self.area_label)


def mapping_key(label: str, area_label: str) -> str:
    """The key of a correction in ``preview_import(mapping=…)``: label, unit separator, area label."""
    return f"{label}\x1f{area_label}"


@dataclass(frozen=True)
class Change:
    """One value the import would add or change (``old`` None: new)."""

    cell: str
    measure: str
    area: str
    period: str
    kind: str
    old: Decimal | None
    new: Decimal

    def __str__(self) -> str:
        what = f"{self.measure} {self.area} {self.period} {self.kind}"
        if self.old is None:
            return f"{what}: neu {format_number(self.new)}"
        return f"{what}: {format_number(self.old)} → {format_number(self.new)}"


@dataclass
class ImportPreview:
    """What importing a sheet would do; nothing has been written to the data file yet.

    ``skipped`` counts the values that will not be imported because of a problem (their cell, or their
    row's label, is listed in ``problems``). ``options``, ``staged`` and ``data_state`` belong to the importer.
    """

    path: Path
    sheet: str
    sheet_names: list[str]
    layout: str
    header_row: int
    year: int | None
    mappings: list[RowMapping]
    problems: list[CellProblem]
    changes: list[Change]
    new: int
    changed: int
    unchanged: int
    notes: list[str]
    fingerprint: str
    skipped: int = 0
    marks: int = 0  # cells whose sign („.“, „…“, „x“, „*“) is kept as „keine Zahl“
    hidden_sheets: list[str] = field(default_factory=list)  # sheets Excel does not show (ausgeblendet)
    options: dict[str, Any] = field(default_factory=dict, repr=False)
    staged: str = field(default="", repr=False)
    data_state: tuple[int, int] = field(default=(0, 0), repr=False)


def sheet_label(preview: ImportPreview, name: str) -> str:
    """A sheet's name as the chooser shows it: "Daten", "Alt (ausgeblendet)"."""
    return f"{name} (ausgeblendet)" if name in preview.hidden_sheets else name


class ImportResult(NamedTuple):
    """What an import wrote: values added, values changed, values found as they were, signs kept as marks."""

    new: int
    changed: int
    unchanged: int
    marks: int = 0


class ProblemList:
    """Problems as they are found: the first MAX_SHOWN_PROBLEMS kept, all counted."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.items: list[CellProblem] = []
        self.count = 0

    def add(self, cell: str, message: str) -> None:
        """Record a problem with ``cell`` ("" for the whole sheet)."""
        if not cell:  # problems of the whole sheet are few and always kept
            self.items.append(CellProblem(self.sheet, cell, message))
            return
        self.count += 1
        if self.count <= MAX_SHOWN_PROBLEMS:
            self.items.append(CellProblem(self.sheet, cell, message))

    def final(self) -> list[CellProblem]:
        """The kept problems in sheet order (those of the whole sheet first), and a line saying how many more there were."""
        kept = sorted(self.items, key=_position)
        if self.count <= MAX_SHOWN_PROBLEMS:
            return kept
        more = format_number(self.count - MAX_SHOWN_PROBLEMS)
        return [*kept, CellProblem(self.sheet, "", f"… und {more} weitere Probleme (nicht einzeln aufgeführt).")]


def _position(problem: CellProblem) -> tuple[int, int, int]:
    """Sort key of a problem: sheet-wide ones first, then by row and column."""
    letters = problem.cell.rstrip("0123456789")
    digits = problem.cell[len(letters) :]
    if not problem.cell or not digits:
        return (0, 0, 0)
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return (1, int(digits), column)
