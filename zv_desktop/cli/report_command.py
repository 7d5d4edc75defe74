"""`zv report agreement|paper|achievement|comparison … -o F.pdf`: the printed documents as PDF files; an agreement or
a Vorlage also as a Word document (`-o F.docx`, accessible, see ``core/reports/word``).

The same documents the client prints (``core/reports``); the file is written atomically, warnings (an Anlage
that is not a PDF) go to standard error, and the last line says how many pages were written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from zv_desktop.cli.console import EXIT_OK, UsageError
from zv_desktop.cli.data_file import open_data_file
from zv_desktop.core import model
from zv_desktop.core.reports.document import Document
from zv_desktop.core.reports.output import save_pdf
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.store import Store


def add_report_parser(sub: argparse._SubParsersAction, year: Callable[[str], int], month: Callable[[str], int]) -> None:  # type: ignore[type-arg]
    """Register `zv report` and its four documents."""
    report = sub.add_parser("report", help="Dokument als PDF drucken (Vereinbarung, Vorlage, Bericht, Vergleich)")
    kinds = report.add_subparsers(dest="document", metavar="DOKUMENT", required=True, parser_class=type(report))
    agreement = kinds.add_parser("agreement", help="die Zielvereinbarung mit Unterschriftenblöcken")
    agreement.add_argument("id", help="Kennung der Zielvereinbarung (oder eindeutiger Anfang)")
    paper = kinds.add_parser("paper", help="die Sitzungsvorlage mit ihren PDF-Anlagen")
    paper.add_argument("id", help="Kennung der Vorlage (oder eindeutiger Anfang)")
    achievement = kinds.add_parser("achievement", help="Zielerreichungsbericht eines Berichtsmonats")
    achievement.add_argument("--year", type=year, required=True)
    achievement.add_argument("--month", type=month, help="Berichtsmonat 1–12 (sonst der letzte mit Werten)")
    achievement.add_argument("--party", help="nur Vereinbarungen dieses Trägers")
    achievement.add_argument("--rolling", action="store_true", help="Hochrechnung gleitend über 12 Monate")
    comparison = kinds.add_parser("comparison", help="Jahresvergleich: Änderungen gegenüber dem Vorjahr")
    comparison.add_argument("ids", nargs="+", metavar="ID", help="zwei oder mehr Zielvereinbarungen")
    for parser in (agreement, paper, achievement, comparison):
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            help="PDF-Datei, die geschrieben wird (Vereinbarung und Vorlage auch .docx: Word-Dokument)",
        )


def _document(store: Store, args: argparse.Namespace) -> Document:
    if args.document == "agreement":
        from zv_desktop.core.reports.agreement_report import agreement_document

        return agreement_document(store, store.resolve_id(model.Agreement, args.id))
    if args.document == "paper":
        from zv_desktop.core.reports.paper_report import paper_document

        return paper_document(store, store.resolve_id(model.Paper, args.id))
    if args.document == "achievement":
        from zv_desktop.core.reports.achievement_report import achievement_document

        party = store.resolve_id(model.Party, args.party) if args.party else None
        method = Method.ROLLING_12 if args.rolling else Method.YEAR_TO_DATE
        return achievement_document(store, args.year, args.month, party, method)
    from zv_desktop.core.reports.comparison_report import comparison_document

    ids = list(dict.fromkeys(store.resolve_id(model.Agreement, text) for text in args.ids))
    if len(ids) < 2:
        raise UsageError("Für einen Vergleich bitte mindestens zwei verschiedene Zielvereinbarungen angeben.")
    return comparison_document(store, ids)


def cmd_report(args: argparse.Namespace, db: Path) -> int:
    """Write the chosen document as PDF to ``--output``."""
    if not args.output.strip():
        raise UsageError("Bitte eine Ausgabedatei angeben: -o DATEI.pdf")
    target = Path(args.output)
    if target.suffix.lower() == ".docx":
        return _word(args, db, target)
    if target.suffix.lower() != ".pdf":
        raise UsageError(f"Die Ausgabedatei „{target}“ muss auf .pdf (oder .docx) enden.")
    store = open_data_file(db, read_only=True)
    try:
        document = _document(store, args)
    finally:
        store.close()
    finished = save_pdf(document, target)
    for warning in finished.warnings:
        print(f"zv: Hinweis: {warning}", file=sys.stderr)
    print(f"{target}: {finished.pages} Seite{'n' if finished.pages != 1 else ''} geschrieben.")
    return EXIT_OK


def _word(args: argparse.Namespace, db: Path, target: Path) -> int:
    """The agreement or Vorlage as a Word document (written atomically)."""
    from zv_desktop.core.files import write_atomically
    from zv_desktop.core.reports.word import agreement_word, paper_word

    if args.document not in ("agreement", "paper"):
        raise UsageError("Als Word-Dokument (.docx) gibt es die Zielvereinbarung und die Vorlage; sonst bitte .pdf.")
    store = open_data_file(db, read_only=True)
    try:
        if args.document == "agreement":
            word = agreement_word(store, store.resolve_id(model.Agreement, args.id))
        else:
            word = paper_word(store, store.resolve_id(model.Paper, args.id))
    finally:
        store.close()
    write_atomically(word.content, target, "Word-Datei")
    print(f"{target}: Word-Dokument geschrieben.")
    return EXIT_OK
