"""`zv export-xlsx values|agreement|status|comparison|template … -o F.xlsx`: the app's tables as Excel files.

The same files the client's "Als Excel-Datei speichern…" writes (``core/exchange/xlsx_export``), written atomically;
the last line says how many data rows were written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zv_desktop.cli.console import EXIT_OK, UsageError
from zv_desktop.cli.data_file import open_data_file
from zv_desktop.core import model
from zv_desktop.core.errors import NotFoundError
from zv_desktop.core.exchange import xlsx_export
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.store import Store


def _target(args: argparse.Namespace) -> Path:
    if not args.output.strip():
        raise UsageError("Bitte eine Ausgabedatei angeben: -o DATEI.xlsx")
    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"Die Ausgabedatei „{target}“ muss auf .xlsx enden.")
    return target


def resolve_area(store: Store, text: str) -> str:
    """The id of the area named ``text`` (case ignored), else of the one whose id starts with it."""
    wanted = " ".join(text.split()).casefold()
    named = [a.id for a in store.find(model.Area) if a.name.casefold() == wanted]
    if len(named) == 1:
        return named[0]
    try:
        return store.resolve_id(model.Area, text)
    except NotFoundError:
        raise NotFoundError(f"Ein Gebiet „{text}“ gibt es nicht (Name oder Kennung).") from None


def _export(store: Store, args: argparse.Namespace, target: Path) -> int:
    if args.table == "values":
        area = resolve_area(store, args.area) if args.area else None
        return xlsx_export.export_values(store, target, args.year, area)
    if args.table == "agreement":
        return xlsx_export.export_agreement_grid(store, target, store.resolve_id(model.Agreement, args.id))
    if args.table == "status":
        party = store.resolve_id(model.Party, args.party) if args.party else None
        method = Method.ROLLING_12 if args.rolling else Method.YEAR_TO_DATE
        return xlsx_export.export_status(store, target, args.year, args.month, party, method)
    ids = list(dict.fromkeys(store.resolve_id(model.Agreement, text) for text in args.ids))
    if len(ids) < 2:
        raise UsageError("Für einen Vergleich bitte mindestens zwei verschiedene Zielvereinbarungen angeben.")
    return xlsx_export.export_comparison(store, target, ids)


def cmd_export_xlsx(args: argparse.Namespace, db: Path) -> int:
    """Write the chosen table as .xlsx to ``--output``."""
    target = _target(args)
    if args.table == "template":
        # with a data file, the template lists its measures
        store = open_data_file(db, read_only=True) if db.exists() else None
        try:
            xlsx_export.write_template(target, store)
        finally:
            if store is not None:
                store.close()
        print(f"{target}: Vorlage geschrieben.")
        return EXIT_OK
    store = open_data_file(db, read_only=True)
    try:
        rows = _export(store, args, target)
    finally:
        store.close()
    print(f"{target}: {rows} Zeile{'n' if rows != 1 else ''} geschrieben.")
    return EXIT_OK
