"""The German notes of an import preview, in the order they are shown, and the sheet-wide problems among them.

Each function turns facts gathered while reading (the layout, the collector's counts, the stage's findings) into
sentences; none reads the sheet or the data file itself, except ``formula_notes``, which looks for formulas
without a stored result only when cells that should hold values were empty.
"""

from __future__ import annotations

from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_values import cell_ref
from zv_desktop.core.exchange.xlsx_import.collector import Collector
from zv_desktop.core.exchange.xlsx_import.headers import Layout
from zv_desktop.core.exchange.xlsx_import.marks import marks_note
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue
from zv_desktop.core.exchange.xlsx_import.results import LAYOUT_TEMPLATE, RowMapping
from zv_desktop.core.exchange.xlsx_import.stage_findings import Comparison
from zv_desktop.core.exchange.xlsx_import.workbook import formulas_without_result
from zv_desktop.core.formats import format_number

#: Columns without a month named one by one in the note; more end in "…".
SHOWN_IGNORED = 6


def formula_notes(ws: Any, layout: Layout, collector: Collector) -> list[str]:
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


def guessed_area_notes(mappings: list[RowMapping], catalogue: Catalogue, area_id: str | None) -> list[str]:
    """Mark the rows given the office's only Kreis as a guess (the sheet names no area), with a note saying so."""
    if area_id is None:
        return []
    assumed = [m for m in mappings if m.area_id == area_id and not m.area_label]
    for mapping in assumed:
        mapping.guessed = True
    if not assumed:
        return []
    return [
        f"Das Blatt nennt kein Gebiet; angenommen: „{catalogue.areas[area_id].name}“ – bitte prüfen "
        "(in der Zuordnung änderbar)."
    ]


def year_notes(layout: Layout, asked: int | None, collector: Collector) -> list[str]:
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


def column_notes(layout: Layout) -> list[str]:
    """The columns of the header passed over because they name no month."""
    if not layout.ignored:
        return []
    shown = ", ".join(f"„{text[:30]}“" for text in layout.ignored[:SHOWN_IGNORED])
    more = " …" if len(layout.ignored) > SHOWN_IGNORED else ""
    return [f"Spalten ohne Monat übergangen: {shown}{more}."]


def repeat_notes(repeats: int) -> list[str]:
    """Values the sheet gives twice with the same figure."""
    if not repeats:
        return []
    twice = "doppelt eingetragener Wert" if repeats == 1 else "doppelt eingetragene Werte"
    return [f"{format_number(repeats)} {twice} (gleiche Zahl) nur einmal gezählt."]


def comparison_notes(found: Comparison) -> list[str]:
    """Unusual figures, empty cells over stored values, and signs kept as marks."""
    notes = [] if found.unusual is None else [found.unusual]
    if found.emptied:
        listed = ", ".join(found.emptied_cells) + (" …" if found.emptied > len(found.emptied_cells) else "")
        notes.append(
            f"{format_number(found.emptied)} {'Zelle' if found.emptied == 1 else 'Zellen'} ohne Zahl (leer, „.“, "
            f"„x“ …; {listed}), für die ein Wert gespeichert ist: diese Werte bleiben, wie sie sind – der Import "
            "löscht keine Werte. Wegfallende Werte bitte im Programm löschen."
        )
    if (kept := marks_note(found.marks)) is not None:
        notes.append(kept)
    return notes
