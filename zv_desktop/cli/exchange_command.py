"""`zv exchange export|inspect|merge`: exchange files between offices (docs/exchange.md).

Exit codes of `merge`: 0 merged (or, with --dry-run, nothing to decide), 1 conflicts left undecided, 2 refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zv_desktop.cli.console import EXIT_OK, render_json, say
from zv_desktop.cli.data_file import open_data_file
from zv_desktop.cli.render import table
from zv_desktop.core import model
from zv_desktop.core.exchange.office.describe import describe_preview
from zv_desktop.core.exchange.office.export import export_exchange, with_extension
from zv_desktop.core.exchange.office.gate import ReceivedFile, receive
from zv_desktop.core.exchange.office.manifest import parse_manifest
from zv_desktop.core.exchange.office.merge import Decisions, Preview, apply_merge, preview_merge
from zv_desktop.core.exchange.office.partners import find_partner
from zv_desktop.core.exchange.office.scope import Selection
from zv_desktop.core.formats import format_number
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import local_time_text

EXIT_UNDECIDED = 1


def add_exchange_parsers(sub: argparse._SubParsersAction, year_argument: Any) -> None:  # type: ignore[type-arg]
    """Register `zv exchange` with its three sub-commands."""
    exchange = sub.add_parser("exchange", help="Austauschdateien zwischen Dienststellen schreiben, ansehen, übernehmen")
    kinds = exchange.add_subparsers(dest="exchange_command", required=True, parser_class=type(exchange))
    export = kinds.add_parser("export", help="Austauschdatei schreiben (ganz, Auswahl oder nur Änderungen)")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="DATEI", help="Ziel (Endung .zvx)")
    export.add_argument("--party", nargs="+", default=[], metavar="ID", help="nur diese Träger")
    export.add_argument("--year", nargs="+", type=year_argument, default=[], metavar="JAHR", help="nur diese Jahre")
    export.add_argument("--agreement", nargs="+", default=[], metavar="ID", help="nur diese Zielvereinbarungen")
    export.add_argument("--without-attachments", action="store_true", help="Anlagen der Vorlagen weglassen")
    export.add_argument(
        "--since-partner", metavar="DIENSTSTELLE", help="nur Änderungen seit dem letzten Austausch mit ihr"
    )
    inspect = kinds.add_parser("inspect", help="eine empfangene Austauschdatei prüfen und beschreiben")
    inspect.add_argument("file", type=Path, metavar="DATEI")
    inspect.add_argument("--json", action="store_true")
    merge = kinds.add_parser("merge", help="eine empfangene Austauschdatei übernehmen (Vorschau mit --dry-run)")
    merge.add_argument("file", type=Path, metavar="DATEI")
    merge.add_argument("--dry-run", action="store_true", help="nur zeigen, was geschähe; nichts schreiben")
    merge.add_argument("--prefer", choices=["mine", "theirs"], help="Konflikte entscheiden: meine / ihre Fassung")
    merge.add_argument("--separate", action="store_true", help="gleichnamige Träger und Gebiete nicht zusammenlegen")
    merge.add_argument("--json", action="store_true")


def cmd_exchange(args: argparse.Namespace, db: Path) -> int:
    """Dispatch `zv exchange …`."""
    if args.exchange_command == "export":
        return _export(args, db)
    if args.exchange_command == "inspect":
        return _inspect(args)
    return _merge(args, db)


def _export(args: argparse.Namespace, db: Path) -> int:
    store = open_data_file(db)
    try:
        partner = find_partner(store.conn, args.since_partner) if args.since_partner else None
        selection = Selection(
            parties=[store.resolve_id(model.Party, p) for p in args.party],
            years=list(args.year),
            agreements=[store.resolve_id(model.Agreement, a) for a in args.agreement],
            attachments=not args.without_attachments,
        )
        result = export_exchange(store, with_extension(args.output), selection, partner, delta=partner is not None)
    finally:
        store.close()
    say(f"Austauschdatei „{result.path}“ geschrieben ({result.manifest.kind_text}, {_size(result.size)}):")
    for line in result.manifest.count_lines():
        say(f"  {line}")
    return EXIT_OK


def _size(size: int) -> str:
    return f"{format_number(size / 1024, 0)} KB" if size < 1024 * 1024 else f"{format_number(size / 1048576, 1)} MB"


def _inspect(args: argparse.Namespace) -> int:
    with receive(args.file) as received:
        manifest = parse_manifest(received.manifest, args.file.name)
        if args.json:
            render_json(
                {
                    "datei": str(args.file),
                    "dienststelle": received.office_name,
                    "datenstand_gesendet": received.sent_version,
                    "manifest": manifest.to_json() if manifest else None,
                }
            )
            return EXIT_OK
        print(f"Austauschdatei „{args.file.name}“: geprüft, in Ordnung.")
        print(f"  Von: {received.office_name or 'unbekannte Dienststelle'}")
        if manifest is None:
            print("  Ohne Inhaltsverzeichnis: eine gewöhnliche ZV-Datendatei (wird als vollständige Datei übernommen).")
            return EXIT_OK
        print(f"  Geschrieben von {manifest.user} am {local_time_text(manifest.created_at)}")
        print(f"  Inhalt: {manifest.kind_text}; Datenstand {manifest.schema_version}")
        for line in manifest.count_lines():
            print(f"    {line}")
    return EXIT_OK


def _merge(args: argparse.Namespace, db: Path) -> int:
    with receive(args.file) as received:  # the gate first: the user's file is not even opened for a refused file
        store = open_data_file(db)
        try:
            return _merge_into(store, received, args)
        finally:
            store.close()


def _merge_into(store: Store, received: ReceivedFile, args: argparse.Namespace) -> int:
    preview = preview_merge(store, received)
    if args.separate:
        refused = frozenset(m.key for m in preview.plan.matches if m.optional)
        preview = preview_merge(store, received, refused)
    report = _report(store, preview)
    decided = args.prefer is not None
    if args.dry_run:
        _show(report, args.json)
        return EXIT_UNDECIDED if preview.plan.conflicts and not decided else EXIT_OK
    result = apply_merge(store, preview, Decisions(prefer=args.prefer))
    report["ergebnis"] = {
        "übernommen": result.taken,
        "entschieden": result.decided,
        "offen": result.left_open,
        "sicherung": str(result.backup) if result.backup else None,
        "hinweise": result.notes,
    }
    _show(report, args.json)
    return EXIT_UNDECIDED if result.left_open else EXIT_OK


def _report(store: Store, preview: Preview) -> dict[str, Any]:
    texts = [text for _, text in describe_preview(store, preview)]
    sender = preview.sender
    return {
        "von": {"dienststelle": sender.office, "benutzer": sender.user, "zeit": sender.created_at},
        "vorschau": preview.plan.counts(),
        "zuordnungen": [m.label for m in preview.plan.matches if m.accepted and m.table != "kpi_values"],
        "konflikte": [t.as_json() for t in texts if t.verdict == "Konflikt"],
        "änderungen": [t.as_json() for t in texts if t.verdict != "Konflikt"],
        "hinweis": preview.missing_basis,
    }


def _show(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        render_json(report)
        return
    sender = report["von"]
    print(f"Austauschdatei von {sender['dienststelle'] or 'unbekannter Dienststelle'} ({sender['benutzer'] or '?'}):")
    rows = [[kind, *(format_number(n) for n in counts.values())] for kind, counts in report["vorschau"].items()]
    print(table(["Art", "neu", "geändert", "gelöscht", "Konflikte"], rows))
    for label in report["zuordnungen"]:
        print(f"Zugeordnet: {label}")
    for conflict in report["konflikte"]:
        print(f"Konflikt: {conflict['art']} {conflict['datensatz']} – {conflict['grund']}")
        for item in conflict["felder"]:
            print(f"    {item['feld']}: hier „{item['hier']}“, dort „{item['dort']}“")
        print(f"    dort zuletzt: {conflict['herkunft']}; hier zuletzt: {conflict['hier_zuletzt']}")
    if report["hinweis"]:
        print(f"Hinweis: {report['hinweis']}")
    outcome = report.get("ergebnis")
    if outcome is None:
        print("Probelauf: nichts wurde geschrieben.")
        return
    print(
        f"Übernommen: {format_number(outcome['übernommen'])}, entschieden: {format_number(outcome['entschieden'])}, "
        f"offen: {format_number(outcome['offen'])}."
    )
    if outcome["sicherung"]:
        print(f"Sicherung vorher: {outcome['sicherung']}")
    for note in outcome["hinweise"]:
        print(f"Hinweis: {note}")
    if outcome["offen"]:
        print(
            "Offene Konflikte behalten Ihre Fassung; entscheiden mit --prefer mine|theirs oder im Programm unter Datei → Offene Austauschkonflikte."
        )
