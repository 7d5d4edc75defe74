"""The preview of an Excel import: read the sheet once, stage its values, compare them with the data file.

Nothing is written to the data file here; the values wait in a temporary table of the connection until
``run_import`` writes them (or the next preview replaces them). The steps live in their own modules: the choice
of sheet and layout (``sheet_choice``), reading the rows (``sheet_reading``, ``row_rules``), SQL over the stage
(``stage_findings``) and the German notes (``preview_notes``); this module runs them in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import import preview_notes as say
from zv_desktop.core.exchange.xlsx_import.cell_values import CellValueError, check_year
from zv_desktop.core.exchange.xlsx_import.collector import Corrections
from zv_desktop.core.exchange.xlsx_import.file_check import WorkbookFileError, check_workbook_file, fingerprint
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue
from zv_desktop.core.exchange.xlsx_import.results import ImportPreview
from zv_desktop.core.exchange.xlsx_import.sheet_choice import FoundSheet, find_sheet, note_choice
from zv_desktop.core.exchange.xlsx_import.sheet_reading import SOURCE_PREFIX, read_sheet
from zv_desktop.core.exchange.xlsx_import.stage_findings import compare, screen
from zv_desktop.core.exchange.xlsx_import.staging import CHANGED, NEW, UNCHANGED, Stage, data_state
from zv_desktop.core.exchange.xlsx_import.workbook import hidden_sheets, open_workbook, sheet_names
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store

__all__ = ["SOURCE_PREFIX", "preview_import"]


def preview_import(
    store: Store,
    path: Path,
    sheet: str | None = None,
    mapping: Corrections | None = None,
    default_area_id: str | None = None,
    year: int | None = None,
    progress: Progress | None = None,
    area_mapping: dict[str, str | None] | None = None,
) -> ImportPreview:
    """Read a workbook and show what importing it would do; ZvError if the file cannot be used at all.

    ``mapping`` holds the user's corrections, keyed by ``RowMapping.key`` (label, "\\x1f", area label) or by the
    label alone (for every area), each (measure_id, area_id); a measure of None leaves the label out, an area of
    None keeps the area found by name. ``area_mapping`` maps an area name of the sheet (wherever it occurs) to an
    area id (None: leave its rows out). ``default_area_id`` is the area of rows without one; ``year`` the year of a sheet that names none.
    """
    path = Path(path)
    check_workbook_file(path)
    stamp = fingerprint(path)
    catalogue = Catalogue(store)
    for area_id in (default_area_id, *(area_mapping or {}).values()):
        if area_id is not None and area_id not in catalogue.areas:
            raise ZvError(f"Ein Gebiet mit der Kennung {area_id} gibt es nicht.")
    if year is not None:
        try:
            check_year(year)
        except CellValueError as exc:
            raise ZvError(str(exc)) from None
    options: dict[str, Any] = {"sheet": sheet, "mapping": dict(mapping or {}), "default_area_id": default_area_id}
    options.update(year=year, area_mapping=dict(area_mapping or {}))
    with open_workbook(path) as workbook:
        names, hidden = sheet_names(workbook), hidden_sheets(workbook)
        found = find_sheet(path, workbook, names, sheet)
        stage = Stage.create(store)
        try:
            preview = _read(path, catalogue, stage, found, options, progress)
            _check_unchanged(path, stamp)
        except BaseException:
            stage.drop()
            raise
        finally:
            found.stream.close()  # the sheet's rows, before the workbook closes
    preview.sheet_names, preview.fingerprint, preview.hidden_sheets = names, stamp, hidden
    note_choice(preview, found.name, sheet)
    preview.data_state = data_state(store)
    return preview


def _read(
    path: Path,
    catalogue: Catalogue,
    stage: Stage,
    found: FoundSheet,
    options: dict[str, Any],
    progress: Progress | None,
) -> ImportPreview:
    """Read the sheet into the stage, screen and compare the staged values, and put the preview together."""
    layout = found.layout
    reading = read_sheet(path, catalogue, stage, found, options, progress)
    collector = reading.collector
    notes = say.formula_notes(found.ws, layout, collector)
    mappings = collector.finish("area" in layout.columns)
    if "area" not in layout.columns and options["default_area_id"] is None:  # the office's only Kreis, a guess
        notes += say.guessed_area_notes(mappings, catalogue, reading.area_id)
    screened = screen(stage, catalogue, collector.problems)
    collector.counts.skipped += screened.refused
    notes += say.year_notes(layout, options["year"], collector)
    notes += say.column_notes(layout) + collector.notes() + say.repeat_notes(screened.repeats)
    if progress is not None:
        progress.update(reading.estimate, reading.estimate, "Vergleich mit den gespeicherten Werten …")
    found_out = compare(stage, catalogue)
    notes += say.comparison_notes(found_out)
    years = found_out.years
    return ImportPreview(
        path=path,
        sheet=found.name,
        sheet_names=[],
        layout=layout.kind,
        header_row=layout.header_row,
        year=years[0] if len(years) == 1 else reading.fallback_year if not years else None,
        mappings=mappings,
        problems=collector.problems.final(),
        changes=found_out.changes,
        new=found_out.counts[NEW],
        changed=found_out.counts[CHANGED],
        unchanged=found_out.counts[UNCHANGED],
        marks=found_out.marks,
        notes=notes,
        fingerprint="",
        skipped=collector.counts.skipped,
        options=options,
        staged=stage.name,
    )


def _check_unchanged(path: Path, stamp: str) -> None:
    """Refuse a preview of a file that was saved again while it was read."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise WorkbookFileError(f"„{path.name}“ ist während des Einlesens verschwunden.") from exc
    if f"{stat.st_size}:{stat.st_mtime_ns}:" != stamp[: stamp.rindex(":") + 1]:
        raise WorkbookFileError(f"„{path.name}“ wurde während des Einlesens verändert; bitte erneut einlesen.")
