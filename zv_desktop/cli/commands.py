"""The sub-commands of `zv`; each opens the file, calls core services and prints the result."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from zv_desktop.cli import render
from zv_desktop.cli.console import EXIT_DATA, EXIT_OK, EXIT_USAGE, UsageError, render_json, say
from zv_desktop.cli.data_file import back_up, open_data_file, refuse_read_only, tell_about_migration
from zv_desktop.core import model
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.exchange import json_format
from zv_desktop.core.exchange.json_codec import encode_record
from zv_desktop.core.formats import format_date, format_number
from zv_desktop.core.services import agreements, catalogue, checks, papers
from zv_desktop.core.store import Store, inspect_file, open_store


def cmd_init(args: argparse.Namespace, db: Path) -> int:
    """Create a new data file (or report on an existing one)."""
    if db.exists() and db.stat().st_size > 0 and inspect_file(db).schema_version > 0:
        store = open_store(db, read_only=True)
        say(f"„{db}“ ist bereits eine ZV-Datei der Dienststelle „{store.site_name}“; nichts geändert.")
        store.close()
        return EXIT_OK
    store = open_store(db, create=True, office_name=args.office)  # a new file: nothing to back up yet
    refuse_read_only(store)
    say(f"Neue ZV-Datei „{db}“ für „{store.site_name}“ angelegt (Kennung {store.site_id}).")
    store.close()
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, db: Path) -> int:
    """Fill the file (created if needed) with the demo data from the seed documents."""
    from zv_desktop.core.demo import build_demo, holds_only_demo_data

    new_file = not db.exists() or db.stat().st_size == 0
    store = open_store(db, create=True, office_name="Demo-Dienststelle")
    refuse_read_only(store)
    try:
        if not args.force and not holds_only_demo_data(store):
            raise UsageError(
                f"„{db}“ enthält eigene Daten. Demodaten (erfundene Werte) gehören in eine eigene Datei, "
                "z. B. „zv --db demo.sqlite demo“; wer es trotzdem will: „zv demo --force“."
            )
        if not new_file:
            back_up(store)
        summary = build_demo(store)
    finally:
        store.close()
    counts = (
        f"{summary.parties} Träger, {summary.agreements} Zielvereinbarungen, {summary.goals} Ziele, "
        f"{summary.papers} Vorlagen, {summary.attachments} Anlagen, {format_number(summary.values)} Werte"
    )
    say(f"Demodaten in „{db}“ eingespielt: {counts} (Quelle der Werte: „Demo“, keine amtlichen Zahlen).")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, db: Path) -> int:
    """Check the file read-only; exit 1 if problems were found."""
    report = checks.check_file(db)
    counts = ", ".join(f"{name}: {count}" for name, count in report.counts.items())
    print(f"Datei: {report.path}")
    print(f"Dienststelle: {report.office}")
    print(f"Datenstand: {report.schema_version} (aktuell: {report.latest_version})")
    if counts:
        print(f"Einträge: {counts}")
    for note in report.notes:
        print(f"Hinweis: {note}")
    if report.problems:
        say(f"zv: {len(report.problems)} Problem(e) gefunden:")
        for problem in report.problems:
            say(f"  {problem}")
        return EXIT_USAGE if report.schema else EXIT_DATA  # a file changed outside the program: a file error
    print("Ergebnis: in Ordnung.")
    return EXIT_OK


def cmd_list(args: argparse.Namespace, db: Path) -> int:
    """List agreements, papers, parties or measures."""
    store = open_data_file(db, read_only=True)
    try:
        headers, rows, data = _list_rows(store, args.what, args.year)
    finally:
        store.close()
    if args.json:
        render_json(data)
    else:
        print(render.table(headers, rows) if rows else "(keine Einträge)")
    return EXIT_OK


def _list_rows(store: Store, what: str, year: int | None) -> tuple[list[str], list[list[str]], list[object]]:
    if what == "agreements":
        items = agreements.list_agreements(store, year)
        rows = [[a.id[:8], str(a.year), a.status.label, a.title, a.parties, str(a.goal_count)] for a in items]
        data: list[object] = [
            {**vars(a), "status": a.status.value}
            for a in items  # dataclass fields, status by value
        ]
        return ["Kennung", "Jahr", "Status", "Titel", "Vertragspartner", "Ziele"], rows, data
    if what == "papers":
        found = papers.list_papers(store, year)
        rows = [[p.id[:8], p.number, _date_text(p.paper_date), p.paper_type.value.capitalize(), p.title] for p in found]
        data = [{**vars(p), "paper_type": p.paper_type.value} for p in found]
        return ["Kennung", "Nummer", "Datum", "Art", "Titel"], rows, data
    if what == "parties":
        parties = catalogue.list_parties(store)
        rows = [[p.id[:8], p.role.label, p.name] for p in parties]
        return ["Kennung", "Rolle", "Name"], rows, [encode_record(p) for p in parties]
    measures = catalogue.list_measures(store)
    rows = [[m.code, m.unit, m.name, "Katalog" if m.builtin else "eigene"] for m in measures]
    return ["Kürzel", "Einheit", "Name", "Herkunft"], rows, [encode_record(m) for m in measures]


def _date_text(iso: str | None) -> str:
    return format_date(date.fromisoformat(iso)) if iso else ""


def write_output(text: str, output: Path | None) -> None:
    """Print text, or write it atomically (temp file, then rename) to ``output``."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    output = output.resolve()
    if not output.parent.is_dir():
        raise DataFileError(f"Den Ordner „{output.parent}“ für „{output.name}“ gibt es nicht.")
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # like any file the user saves, not private to the temp file's 0600
        os.replace(tmp, output)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        exc.filename = str(output)
        raise


def cmd_show(args: argparse.Namespace, db: Path) -> int:
    """Show one agreement or paper in full."""
    store = open_data_file(db, read_only=True)
    try:
        if args.what == "agreement":
            doc = agreements.load_agreement(store, store.resolve_id(model.Agreement, args.id))
            output = render.agreement_json(doc) if args.json else render.agreement_text(store, doc)
        else:
            paper = papers.load_paper(store, store.resolve_id(model.Paper, args.id))
            output = render.paper_json(paper) if args.json else render.paper_text(paper)
    finally:
        store.close()
    if isinstance(output, str):
        print(output)
    else:
        render_json(output)
    return EXIT_OK


def cmd_dump(args: argparse.Namespace, db: Path) -> int:
    """Write everything as JSON to stdout or a file."""
    store = open_data_file(db, read_only=True)
    try:
        data = json_format.dump(store, with_sync=args.with_sync)
    finally:
        store.close()
    write_output(json.dumps(data, ensure_ascii=False, indent=1), args.output)
    if args.output:
        agreements_count, values_count = format_number(len(data["agreements"])), format_number(len(data["kpi_values"]))
        say(f"{agreements_count} Zielvereinbarungen, {values_count} Werte nach „{args.output}“ geschrieben.")
    return EXIT_OK


def cmd_load(args: argparse.Namespace, db: Path) -> int:
    """Load a JSON file (validated; all or nothing)."""
    try:
        text = args.file.read_text(encoding="utf-8-sig")  # a BOM as Windows editors write it is fine
    except UnicodeDecodeError as exc:
        raise DataFileError(f"Die Datei „{args.file}“ ist kein UTF-8-Text.") from exc
    data = json_format.parse_json(text)
    new_file = not db.exists()
    store = open_store(db, create=True)
    refuse_read_only(store)
    tell_about_migration(store)
    if not new_file:
        back_up(store)
    try:
        result = json_format.load(store, data)
    except BaseException:
        store.close()
        if new_file:  # a refused load leaves no half-made file behind
            for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                leftover.unlink(missing_ok=True)
        raise
    store.close()
    for table, counts in result.counts.items():
        detail = ", ".join(f"{_ACTIONS.get(k, k)}: {format_number(v)}" for k, v in sorted(counts.items()))
        print(f"{table}: {detail}")
    return EXIT_OK


_ACTIONS = {"insert": "neu", "update": "geändert", "unchanged": "unverändert", "restore": "wiederhergestellt"}
