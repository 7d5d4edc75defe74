"""What the staged values of a preview show against the data file: duplicates and implausible figures left out,
new, changed and unchanged values, unusual figures, empty cells over stored values, signs kept as marks.

Every step is SQL over the stage (see ``staging.Stage``); the German texts of the notes are in ``preview_notes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zv_desktop.core.exchange.xlsx_import.matching import Catalogue
from zv_desktop.core.exchange.xlsx_import.plausible import refuse_implausible
from zv_desktop.core.exchange.xlsx_import.results import KIND_LABELS, Change, ProblemList
from zv_desktop.core.exchange.xlsx_import.staging import Stage
from zv_desktop.core.exchange.xlsx_import.unusual_values import unusual_note


@dataclass
class Screening:
    """Values left out before the comparison: repeats of an equal figure, and cells refused with a problem."""

    repeats: int
    refused: int


@dataclass
class Comparison:
    """The staged values compared with the data file (status counts as in ``staging``)."""

    counts: dict[int, int]
    unusual: str | None
    emptied: int
    emptied_cells: list[str]
    marks: int
    changes: list[Change]
    years: list[int]


def screen(stage: Stage, catalogue: Catalogue, problems: ProblemList) -> Screening:
    """Leave out repeated and conflicting cells and implausible figures, each conflict or refusal a problem."""
    repeats, conflicts = stage.leave_out_duplicates(problems, _names(catalogue))
    return Screening(repeats, conflicts + refuse_implausible(stage, catalogue.measures, problems))


def compare(stage: Stage, catalogue: Catalogue) -> Comparison:
    """Classify the staged values against the data file and gather what the preview shows of them."""
    counts = stage.classify()
    codes = {i: m.code for i, m in catalogue.measures.items()}
    area_names = {i: a.name for i, a in catalogue.areas.items()}
    unusual = unusual_note(stage, catalogue.measures, area_names)
    emptied, cells = stage.empties_over_stored()
    changes = [
        Change(cell, codes.get(m, "?"), area_names.get(a, "?"), f"{p:02d}/{y}", KIND_LABELS[k], _dec(old), Decimal(new))
        for cell, m, a, y, p, k, old, new in stage.shown_changes()
    ]
    return Comparison(counts, unusual, emptied, cells, len(stage.marks_to_store()), changes, stage.years())


def _names(catalogue: Catalogue) -> dict[str, str]:
    """Measure codes and area names by id, as the problems of conflicting cells name them."""
    return {**{i: m.code for i, m in catalogue.measures.items()}, **{i: a.name for i, a in catalogue.areas.items()}}


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
