"""`zv import-xlsx FILE`: preview an Excel file of KPI values and import it (or, with --dry-run, only preview).

Without --dry-run every valid value is imported in one transaction; values with a problem (a cell that is not a
number, a month that does not exist, a label without a catalogue measure …) are left out and listed. Exit codes:
0 everything was read (and imported), 1 the file had problems (the valid values were imported all the same; the
output says how many were left out), 2 the file cannot be used at all (nothing imported).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zv_desktop.cli.console import EXIT_DATA, EXIT_OK, UsageError, render_json, say
from zv_desktop.cli.data_file import back_up, open_data_file
from zv_desktop.core import model
from zv_desktop.core.errors import NotFoundError
from zv_desktop.core.exchange.xlsx_import import ImportPreview, ImportResult, preview_import, run_import
from zv_desktop.core.exchange.xlsx_import.matching import normalise
from zv_desktop.core.exchange.xlsx_import.results import sheet_label
from zv_desktop.core.formats import format_number
from zv_desktop.core.store import Store

#: How many mappings, problems and changes the text output lists (JSON has all the preview keeps).
SHOWN_MAPPINGS, SHOWN_PROBLEMS, SHOWN_CHANGES = 60, 100, 20


def cmd_import_xlsx(args: argparse.Namespace, db: Path) -> int:
    """Show the preview of ``args.file`` and, without --dry-run, import its valid values."""
    store = open_data_file(db, read_only=args.dry_run)
    if not args.dry_run:
        back_up(store)
    try:
        area_id = resolve_area(store, args.area) if args.area else None
        options: dict[str, Any] = {"sheet": args.sheet, "default_area_id": area_id, "year": args.year}
        options["area_mapping"] = area_corrections(store, args.map_area)
        preview = preview_import(store, Path(args.file), **options)
        for label in options["area_mapping"]:
            if not any(normalise(m.area_label) == normalise(label) for m in preview.mappings):
                say(f"Hinweis: --map-area „{label}“ passt zu keinem Gebietsnamen der Datei.")
        if args.map:
            corrections = map_corrections(store, preview, args.map)
            preview = preview_import(store, Path(args.file), mapping=corrections, **options)
        hidden = args.sheet is None and preview.sheet in preview.hidden_sheets  # chosen only for want of another
        result = None if args.dry_run or hidden else run_import(store, preview)
        names = {m.id: f"{m.code} {m.name}" for m in store.find(model.Measure)}
        areas = {a.id: a.name for a in store.find(model.Area)}
    finally:
        store.close()
    if args.json:
        render_json(preview_json(preview, result, names, areas))
    else:
        print(preview_text(preview, names, areas))
        print(result_text(preview, result, args.dry_run))
    if hidden and not args.dry_run:
        say(f"zv: nichts gespeichert – das Blatt „{preview.sheet}“ ist ausgeblendet; bitte mit --sheet bestätigen.")
    if preview.problems:
        skipped = f"{format_number(preview.skipped)} {'Wert wurde' if preview.skipped == 1 else 'Werte wurden'}"
        left_out = "" if hidden and not args.dry_run else f"; {skipped} nicht übernommen"
        say(f"zv: {format_number(len(preview.problems))} Problem(e) in „{preview.path.name}“{left_out}.")
        return EXIT_DATA
    return EXIT_OK


def resolve_area(store: Store, text: str) -> str:
    """The id of the area named ``text`` (its name, case and spaces ignored) or whose id starts with it."""
    wanted = normalise(text)
    areas = store.find(model.Area, order_by="name")
    named = [a.id for a in areas if normalise(a.name) == wanted]
    if len(named) == 1:
        return named[0]
    try:
        return store.resolve_id(model.Area, text)
    except NotFoundError:
        known = ", ".join(a.name for a in areas[:12]) + (" …" if len(areas) > 12 else "")
        raise NotFoundError(f"Ein Gebiet „{text}“ gibt es nicht (vorhanden: {known or 'keine'}).") from None


def area_corrections(store: Store, pairs: list[str]) -> dict[str, str | None]:
    """The --map-area NAME=GEBIET arguments: area names of the file → area ids (GEBIET "-": leave the rows out)."""
    chosen: dict[str, str | None] = {}
    for pair in pairs:
        label, sep, target = pair.rpartition("=")
        if not sep or not label.strip() or not target.strip():
            raise UsageError(
                f'--map-area „{pair}“: bitte als GEBIET_IN_DER_DATEI=GEBIET angeben, z. B. --map-area "Kreis ME=Kreis '
                'Mettmann".'
            )
        name = " ".join(label.split())
        chosen[name] = None if target.strip() == "-" else resolve_area(store, target.strip())
    return chosen


def map_corrections(store: Store, preview: ImportPreview, pairs: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """The --map LABEL=CODE arguments as corrections for ``preview_import`` (CODE "-" leaves the label out)."""
    measures = store.find(model.Measure)
    corrections: dict[str, tuple[str | None, str | None]] = {}
    for pair in pairs:
        label, sep, code = pair.rpartition("=")
        if not sep or not label.strip():
            raise UsageError(f'--map „{pair}“: bitte als BEZEICHNUNG=KÜRZEL angeben, z. B. --map "Quote=K2".')
        measure_id = None if code.strip() in ("", "-") else _measure_id(measures, code)
        matching = {m.label for m in preview.mappings if normalise(m.label) == normalise(label)}
        if not matching:
            say(f"Hinweis: --map „{label.strip()}“ passt zu keiner Zeilenbezeichnung der Datei.")
        for exact in matching or {" ".join(label.split())}:
            corrections[exact] = (measure_id, None)
    return corrections


def _measure_id(measures: list[model.Measure], code: str) -> str:
    key = "".join(code.split()).casefold()
    for measure in measures:
        if "".join(measure.code.split()).casefold() == key or normalise(measure.name) == normalise(code):
            return measure.id
    raise UsageError(f"Eine Kennzahl „{code.strip()}“ gibt es nicht (siehe „zv list measures“).")


def _mapping_line(mapping: Any, names: dict[str, str], areas: dict[str, str], left_out: set[str]) -> str:
    source = mapping.label + (f" | {mapping.area_label}" if mapping.area_label else "")
    if mapping.measure_id is None:
        if normalise(mapping.area_label) in left_out:
            target = "wird nicht übernommen (--map-area …=-)"
        elif mapping.label in left_out:
            target = "wird nicht übernommen (--map …=-)"
        else:
            target = "nicht erkannt – wird nicht übernommen"
    else:
        target = names.get(mapping.measure_id, "?")
        target += f" – {areas[mapping.area_id]}" if mapping.area_id in areas else " – kein Gebiet"
    return f"  {source} → {target} ({mapping.rows}){' (geraten)' if mapping.guessed else ''}"


def preview_text(preview: ImportPreview, names: dict[str, str], areas: dict[str, str]) -> str:
    """The preview in German: sheet, layout, mappings, notes, problems, counts and the first changes."""
    listed = ", ".join(sheet_label(preview, name) for name in preview.sheet_names)
    others = f" (Blätter: {listed})" if len(preview.sheet_names) > 1 else ""
    year = f", Jahr {preview.year}" if preview.year else ""
    lines = [
        f"Datei: {preview.path}",
        f"Blatt: {preview.sheet}{others}",
        f"Aufbau: {preview.layout}, Kopfzeile in Zeile {preview.header_row}{year}",
        "Zuordnung:",
    ]
    left_out = {key for key, (measure, _) in preview.options.get("mapping", {}).items() if measure is None}
    left_out |= {normalise(name) for name, area in preview.options.get("area_mapping", {}).items() if area is None}
    lines += [_mapping_line(m, names, areas, left_out) for m in preview.mappings[:SHOWN_MAPPINGS]]
    if len(preview.mappings) > SHOWN_MAPPINGS:
        lines.append(f"  … und {format_number(len(preview.mappings) - SHOWN_MAPPINGS)} weitere Zuordnungen")
    if not preview.mappings:
        lines.append("  (keine Zeilen mit Kennzahlen)")
    if preview.notes:
        lines += ["Hinweise:", *(f"  {note}" for note in preview.notes)]
    if preview.problems:
        lines.append(f"Probleme ({format_number(len(preview.problems))}):")
        lines += [f"  {problem}" for problem in preview.problems[:SHOWN_PROBLEMS]]
        if len(preview.problems) > SHOWN_PROBLEMS:
            lines.append(f"  … und {format_number(len(preview.problems) - SHOWN_PROBLEMS)} weitere (mit --json alle)")
        unknown = next((m.label for m in preview.mappings if m.measure_id is None and m.label not in left_out), None)
        if unknown is not None:
            lines.append(f'  Zuordnen mit --map, z. B. --map "{unknown}=K2" (Kürzel: zv list measures; - = weglassen)')
        area = next((m.area_label for m in preview.mappings if m.measure_id and not m.area_id and m.area_label), None)
        if area is not None:
            lines.append(f'  Gebiet zuordnen mit --map-area, z. B. --map-area "{area}=GEBIET" (- = weglassen)')
    lines.append(f"Vorschau: {counts_text(preview.new, preview.changed, preview.unchanged)}{_skipped(preview)}")
    if preview.changes:
        total = preview.new + preview.changed
        lines.append(f"Änderungen ({_first(len(preview.changes), total)}):")
        lines += [f"  {change}" for change in preview.changes[:SHOWN_CHANGES]]
    return "\n".join(lines)


def _first(shown: int, total: int) -> str:
    return f"die ersten {min(shown, SHOWN_CHANGES)} von {format_number(total)}" if total > SHOWN_CHANGES else "alle"


def _skipped(preview: ImportPreview) -> str:
    if not preview.skipped:
        return ""
    values = "Wert mit Problemen wird" if preview.skipped == 1 else "Werte mit Problemen werden"
    return f"; {format_number(preview.skipped)} {values} nicht übernommen"


def counts_text(new: int, changed: int, unchanged: int) -> str:
    """ "12 neu, 3 geändert, 40 unverändert"."""
    return f"{format_number(new)} neu, {format_number(changed)} geändert, {format_number(unchanged)} unverändert"


def result_text(preview: ImportPreview, result: ImportResult | None, dry_run: bool = True) -> str:
    """What was written, or that nothing was (dry run, or a hidden sheet not confirmed with --sheet)."""
    if result is None:
        return (
            "Nichts gespeichert (--dry-run)." if dry_run else "Nichts gespeichert (ausgeblendetes Blatt, siehe unten)."
        )
    text = f"Eingelesen: {counts_text(result.new, result.changed, result.unchanged)}."
    if result.marks:
        text += f" Zeichen ohne Zahl („.“, „x“ …) gespeichert: {format_number(result.marks)}."
    if preview.skipped:
        values = "Wert" if preview.skipped == 1 else "Werte"
        text += f" Nicht übernommen (Probleme, siehe oben): {format_number(preview.skipped)} {values}."
    return text


def preview_json(
    preview: ImportPreview, result: ImportResult | None, names: dict[str, str], areas: dict[str, str]
) -> dict[str, Any]:
    """Preview and result as JSON (numbers as exact decimal strings)."""
    return {
        "file": str(preview.path),
        "sheet": preview.sheet,
        "sheets": preview.sheet_names,
        "hidden_sheets": preview.hidden_sheets,
        "layout": preview.layout,
        "header_row": preview.header_row,
        "year": preview.year,
        "mappings": [
            {
                "label": m.label,
                "area_label": m.area_label,
                "measure_id": m.measure_id,
                "measure": names.get(m.measure_id or ""),
                "area_id": m.area_id,
                "area": areas.get(m.area_id or ""),
                "rows": m.rows,
                "guessed": m.guessed,
            }
            for m in preview.mappings
        ],
        "problems": [
            {"sheet": p.sheet, "cell": p.cell, "message": p.message, "text": str(p)} for p in preview.problems
        ],
        "notes": preview.notes,
        "new": preview.new,
        "changed": preview.changed,
        "unchanged": preview.unchanged,
        "marks": preview.marks,
        "skipped": preview.skipped,
        "changes": [
            {
                "cell": c.cell,
                "measure": c.measure,
                "area": c.area,
                "period": c.period,
                "kind": c.kind,
                "old": None if c.old is None else str(c.old),
                "new": str(c.new),
            }
            for c in preview.changes
        ],
        "imported": None if result is None else result._asdict(),
    }
