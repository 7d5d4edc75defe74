"""The preview of an Excel import: read the sheet once, stage its values, compare them with the data file.

Nothing is written to the data file here; the values wait in a temporary table of the connection until
``run_import`` writes them (or the next preview replaces them).
"""

from __future__ import annotations

from collections.abc import Generator
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import.breakdown import Breakdown, names_a_group
from zv_desktop.core.exchange.xlsx_import.cell_values import CellValueError, cell_ref, check_year
from zv_desktop.core.exchange.xlsx_import.collector import Collector, Corrections, ReadContext
from zv_desktop.core.exchange.xlsx_import.file_check import WorkbookFileError, check_workbook_file, fingerprint
from zv_desktop.core.exchange.xlsx_import.headers import HEADER_SCAN_ROWS, Layout, find_layout
from zv_desktop.core.exchange.xlsx_import.marks import marks_note
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue, normalise
from zv_desktop.core.exchange.xlsx_import.merged import MergedCells
from zv_desktop.core.exchange.xlsx_import.plausible import refuse_implausible, unusual_note
from zv_desktop.core.exchange.xlsx_import.results import (
    KIND_LABELS,
    LAYOUT_TEMPLATE,
    LAYOUT_WIDE,
    CellProblem,
    Change,
    ImportPreview,
    ProblemList,
)
from zv_desktop.core.exchange.xlsx_import.sheet_rows import Row, read_template, read_wide
from zv_desktop.core.exchange.xlsx_import.staging import CHANGED, NEW, UNCHANGED, Stage, data_state
from zv_desktop.core.exchange.xlsx_import.title_measure import needs_title_measure, title_measure
from zv_desktop.core.exchange.xlsx_import.workbook import (
    formulas_without_result,
    hidden_sheets,
    open_workbook,
    row_estimate,
    rows,
    sheet_names,
    worksheet,
)
from zv_desktop.core.formats import format_number
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store

#: Source written on imported values when the sheet has no column "Quelle".
SOURCE_PREFIX = "Excel-Import"

_EXPECTED = (
    "Erwartet wird die Vorlage (Spalten Kennzahl, Gebiet, Jahr, Monat, Art, Wert, Quelle, Bemerkung) oder eine "
    f"Monatstabelle (eine Spalte je Monat: Jan … Dez oder 01/2014 … 12/2014), Kopfzeile in den ersten {HEADER_SCAN_ROWS} "
    "Zeilen."
)


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
        name, ws, layout, top, stream = _find_sheet(path, workbook, names, sheet)
        stage = Stage.create(store)
        try:
            preview = _read(store, path, catalogue, stage, (name, ws, layout, top, stream), options, progress)
            _check_unchanged(path, stamp)
        except BaseException:
            stage.drop()
            raise
        finally:
            stream.close()  # the sheet's XML, before the workbook closes
    preview.sheet_names, preview.fingerprint, preview.hidden_sheets = names, stamp, hidden
    if name in hidden and sheet is None:  # only a hidden sheet has a header: the user must look at it
        preview.problems.insert(
            0,
            CellProblem(
                name,
                "",
                f"Das Blatt „{name}“ ist in Excel ausgeblendet. Es wurde gewählt, weil kein sichtbares Blatt eine "
                "Kopfzeile mit Kennzahlen hat – bitte prüfen, ob es die richtigen Werte enthält.",
            ),
        )
    elif name in hidden:
        preview.notes.insert(0, f"Das Blatt „{name}“ ist in Excel ausgeblendet.")
    if sheet is None and len(names) > 1:
        preview.notes.insert(0, f"Blatt „{name}“ gewählt: das erste mit erkennbarer Kopfzeile.")
    preview.data_state = data_state(store)
    return preview


def _find_sheet(
    path: Path, workbook: Any, names: list[str], wanted: str | None
) -> tuple[str, Any, Layout, list[tuple[int, Row]], Generator[tuple[int, Row], None, None]]:
    """The sheet to import (the one asked for, else the first with a header), its layout and its row stream."""
    if not names:
        raise WorkbookFileError(f"„{path.name}“ enthält keine Tabellenblätter.")
    if wanted is not None and wanted not in names:
        raise ZvError(f"Ein Blatt „{wanted}“ gibt es in „{path.name}“ nicht; vorhanden: {', '.join(names)}.")
    empty: list[str] = []
    hidden = hidden_sheets(workbook)
    visible = [n for n in names if n not in hidden]
    order = [wanted] if wanted is not None else visible + [n for n in names if n not in visible]
    for name in order:
        ws = worksheet(workbook, name)
        stream = rows(path, ws)
        top = list(islice(stream, HEADER_SCAN_ROWS))
        layout = find_layout(top) if top else None
        if layout is not None:
            return name, ws, layout, top, stream
        if not top:
            empty.append(name)
        stream.close()
    if wanted is not None and empty:
        raise ZvError(f"Das Blatt „{wanted}“ in „{path.name}“ ist leer.")
    if len(empty) == len(names):
        raise ZvError(
            f"„{path.name}“ enthält keine Werte: {'alle Blätter sind' if len(names) > 1 else 'das Blatt ist'} leer."
        )
    where = f"im Blatt „{wanted}“ keine" if wanted is not None else "in keinem Blatt eine"
    raise ZvError(f"In „{path.name}“ ist {where} Kopfzeile mit Kennzahlen zu erkennen. {_EXPECTED}")


def _read(
    store: Store,
    path: Path,
    catalogue: Catalogue,
    stage: Stage,
    found: tuple[str, Any, Layout, list[tuple[int, Row]], Generator[tuple[int, Row], None, None]],
    options: dict[str, Any],
    progress: Progress | None,
) -> ImportPreview:
    name, ws, layout, top, stream = found
    problems = ProblemList(name)
    area_id = options["default_area_id"] or catalogue.single_kreis()
    collector = Collector(problems, catalogue, stage, options["mapping"], area_id)
    collector.area_corrections = {normalise(label): chosen for label, chosen in options["area_mapping"].items()}
    label_columns = [i for role, i in layout.columns.items() if role in ("code", "name", "area")]
    names = [m.code for m in catalogue.measures.values()] + [a.name for a in catalogue.areas.values()]
    collector.breakdown = Breakdown(layout.breakdowns, [*label_columns, *layout.free_columns], names)
    below = [row for number, row in top if number > layout.header_row]
    if layout.kind == LAYOUT_WIDE and needs_title_measure(layout, catalogue, below):
        label, match, collector.sheet_measure_reason = title_measure(catalogue, [*layout.title_texts, name])
        collector.sheet_measure = (label, match)
    if not layout.breakdowns:  # a sheet for one group of people ("K2 Frauen"): no measure is matched on its own
        known = [text for m in catalogue.measures.values() for text in (m.code, m.name)]
        own_title = collector.sheet_measure is not None  # the title names the measure only without a Kennzahl column
        texts = [*layout.title_texts, name] if own_title else [name]
        collector.sheet_group = next((g for t in texts if (g := names_a_group(t, known))), "")
    fallback_year = options["year"] or layout.title_year  # where neither the rows nor the month headers name one
    source = f"{SOURCE_PREFIX} {path.name}"[:200]
    context = ReadContext(fallback_year, source, progress, row_estimate(ws), merged=MergedCells(ws))
    if progress is not None:
        progress.update(0, context.estimate, f"Blatt „{name}“ wird gelesen …")
    for index, message in layout.bad_months:
        problems.add(cell_ref(layout.header_row, index + 1), message)
    data = chain((item for item in top if item[0] > layout.header_row), stream)
    (read_template if layout.kind == LAYOUT_TEMPLATE else read_wide)(layout, data, collector, context)
    for cell, message in collector.breakdown.problems():
        problems.add(cell, message)
    collector.counts.skipped += collector.breakdown.values_without_total()
    notes = _formula_notes(ws, layout, collector)
    mappings = collector.finish("area" in layout.columns)
    if "area" not in layout.columns and options["default_area_id"] is None and area_id is not None:
        assumed = [m for m in mappings if m.area_id == area_id and not m.area_label]
        for mapping in assumed:  # the sheet names no area: the office's only Kreis is a guess, shown as one
            mapping.guessed = True
        if assumed:
            notes.append(
                f"Das Blatt nennt kein Gebiet; angenommen: „{catalogue.areas[area_id].name}“ – bitte prüfen "
                "(in der Zuordnung änderbar)."
            )
    measure_codes = {i: m.code for i, m in catalogue.measures.items()}
    area_names = {i: a.name for i, a in catalogue.areas.items()}
    repeats, conflicts = stage.leave_out_duplicates(problems, {**measure_codes, **area_names})
    collector.counts.skipped += conflicts + refuse_implausible(stage, catalogue.measures, problems)
    notes += _year_notes(layout, options["year"], collector)
    if layout.ignored:
        shown = ", ".join(f"„{text[:30]}“" for text in layout.ignored[:6]) + (" …" if len(layout.ignored) > 6 else "")
        notes.append(f"Spalten ohne Monat übergangen: {shown}.")
    notes += collector.notes()
    if repeats:
        twice = "doppelt eingetragener Wert" if repeats == 1 else "doppelt eingetragene Werte"
        notes.append(f"{format_number(repeats)} {twice} (gleiche Zahl) nur einmal gezählt.")
    if progress is not None:
        progress.update(context.estimate, context.estimate, "Vergleich mit den gespeicherten Werten …")
    counts = stage.classify()
    if (unusual := unusual_note(stage, catalogue.measures, area_names)) is not None:
        notes.append(unusual)
    emptied, cells = stage.empties_over_stored()
    if emptied:
        listed = ", ".join(cells) + (" …" if emptied > len(cells) else "")
        notes.append(
            f"{format_number(emptied)} {'Zelle' if emptied == 1 else 'Zellen'} ohne Zahl (leer, „.“, „x“ …; "
            f"{listed}), für die ein Wert gespeichert ist: diese Werte bleiben, wie sie sind – der Import löscht "
            "keine Werte. Wegfallende Werte bitte im Programm löschen."
        )
    marks = len(stage.marks_to_store())
    if (kept := marks_note(marks)) is not None:
        notes.append(kept)
    changes = [
        Change(
            cell,
            measure_codes.get(m, "?"),
            area_names.get(a, "?"),
            f"{p:02d}/{y}",
            KIND_LABELS[k],
            _dec(old),
            Decimal(new),
        )
        for cell, m, a, y, p, k, old, new in stage.shown_changes()
    ]
    years = [row[0] for row in store.conn.execute(f"SELECT DISTINCT year FROM {stage.name} LIMIT 2")]
    return ImportPreview(
        path=path,
        sheet=name,
        sheet_names=[],
        layout=layout.kind,
        header_row=layout.header_row,
        year=years[0] if len(years) == 1 else fallback_year if not years else None,
        mappings=mappings,
        problems=problems.final(),
        changes=changes,
        new=counts[NEW],
        changed=counts[CHANGED],
        unchanged=counts[UNCHANGED],
        marks=marks,
        notes=notes,
        fingerprint="",
        skipped=collector.counts.skipped,
        options=options,
        staged=stage.name,
    )


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _formula_notes(ws: Any, layout: Layout, collector: Collector) -> list[str]:
    """Problems for formulas without a stored result where values were expected (only looked for then)."""
    if not collector.counts.expected_empty:
        return []
    if layout.kind == LAYOUT_TEMPLATE:
        columns = {layout.columns["value"] + 1}
    else:
        columns = {m.index + 1 for m in layout.months}
    found, count = formulas_without_result(ws.parent, ws, columns, layout.header_row)
    for row, column, formula in found:
        collector.problem(
            cell_ref(row, column),
            f"Formel ohne gespeichertes Ergebnis (={formula}): die Datei wurde nie in Excel berechnet und "
            "gespeichert. Bitte in Excel öffnen, speichern und erneut einlesen.",
        )
    collector.counts.skipped += count - len(found)
    if not count:
        return []
    return [
        f"{format_number(count)} {'Formel' if count == 1 else 'Formeln'} ohne gespeichertes Ergebnis; sonst "
        "werden bei Formeln die in der Datei gespeicherten Ergebnisse übernommen (nichts wird ausgeführt)."
    ]


def _year_notes(layout: Layout, asked: int | None, collector: Collector) -> list[str]:
    """Where the year came from, and a problem if values have none."""
    notes: list[str] = []
    named = {m.year for m in layout.months if m.year is not None}
    used = collector.counts.fallback_year
    if used:
        origin = "wie angegeben" if asked is not None else "aus der Überschrift des Blatts"
        values = "Wert" if used == 1 else "Werte"
        notes.append(
            f"Jahr {asked or layout.title_year} {origin} für {format_number(used)} {values} ohne eigenes Jahr."
        )
        if asked is not None and layout.title_year not in (None, asked):
            notes.append(f"Die Überschrift nennt das Jahr {layout.title_year}; verwendet wurde die Angabe {asked}.")
    if asked is not None and named and asked not in named:
        shown = ", ".join(str(y) for y in sorted(named))
        notes.append(f"Das Blatt nennt das Jahr {shown}; die Angabe {asked} wurde dafür nicht verwendet.")
    missing = collector.counts.year_missing
    yearless_columns = any(m.year is None for m in layout.months) and "year" not in layout.columns
    if missing or (yearless_columns and layout.title_year is None and asked is None):
        several = sorted(layout.title_years)
        hint = f" (die Überschrift nennt mehrere: {', '.join(map(str, several))})" if len(several) > 1 else ""
        what = f"Für {format_number(missing)} Werte" if missing else "Für die Monatsspalten"
        collector.problems.add(
            "",
            f"{what} ist kein Jahr zu erkennen{hint}; ohne Jahr wird nichts übernommen. Bitte das Jahr angeben "
            "(in der Vorschau bzw. mit --year).",
        )
    return notes


def _check_unchanged(path: Path, stamp: str) -> None:
    """Refuse a preview of a file that was saved again while it was read."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise WorkbookFileError(f"„{path.name}“ ist während des Einlesens verschwunden.") from exc
    if f"{stat.st_size}:{stat.st_mtime_ns}:" != stamp[: stamp.rindex(":") + 1]:
        raise WorkbookFileError(f"„{path.name}“ wurde während des Einlesens verändert; bitte erneut einlesen.")
