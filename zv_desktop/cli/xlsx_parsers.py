"""Arguments of `zv import-xlsx` and `zv export-xlsx` (the commands themselves live in their own modules)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_xlsx_parsers(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    year: Callable[[str], int],
    month: Callable[[str], int],
) -> None:
    """Register `zv import-xlsx FILE …` and `zv export-xlsx WHAT … -o F.xlsx`."""
    imp = sub.add_parser("import-xlsx", help="Kennzahlen aus einer Excel-Datei einlesen (mit Vorschau)")
    imp.add_argument("file", help="Excel-Datei (.xlsx)")
    imp.add_argument("--sheet", help="Tabellenblatt (sonst das erste mit erkennbaren Kennzahlen)")
    imp.add_argument("--dry-run", action="store_true", help="nur die Vorschau zeigen, nichts speichern")
    imp.add_argument("--json", action="store_true", help="Vorschau und Ergebnis als JSON")
    imp.add_argument("--area", help="Gebiet für Zeilen ohne Gebiet (Name oder Kennung)")
    imp.add_argument("--year", type=year, help="Jahr, wenn das Blatt keines nennt")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="BEZEICHNUNG=KENNZAHL",
        help="Zuordnung korrigieren: Zeilenbezeichnung der Datei = Kennzahl-Kürzel (mehrfach möglich)",
    )
    imp.add_argument(
        "--map-area",
        action="append",
        default=[],
        metavar="GEBIET_IN_DER_DATEI=GEBIET",
        help="Gebiet korrigieren: Gebietsname der Datei = Gebiet in ZV Desktop (Name oder Kennung; „-“ lässt die Zeilen weg; mehrfach möglich)",
    )
    exp = sub.add_parser("export-xlsx", help="Tabellen als Excel-Datei ausgeben")
    kinds = exp.add_subparsers(dest="table", metavar="TABELLE", required=True, parser_class=type(exp))
    values = kinds.add_parser("values", help="Kennzahlwerte, eine Zeile je Wert (das Format der Vorlage)")
    values.add_argument("--year", type=year)
    values.add_argument("--area", help="nur dieses Gebiet (Name oder Kennung)")
    agreement = kinds.add_parser("agreement", help="Kennzahlen einer Zielvereinbarung als Monatstabelle")
    agreement.add_argument("id", help="Kennung der Zielvereinbarung (oder eindeutiger Anfang)")
    status = kinds.add_parser("status", help="Zielerreichung eines Jahres")
    status.add_argument("--year", type=year, required=True)
    status.add_argument("--month", type=month, help="Berichtsmonat 1–12 (sonst der letzte mit Werten)")
    status.add_argument("--party", help="nur Vereinbarungen dieses Trägers")
    status.add_argument("--rolling", action="store_true", help="Hochrechnung gleitend über 12 Monate")
    comparison = kinds.add_parser("comparison", help="Jahresvergleich mehrerer Zielvereinbarungen")
    comparison.add_argument("ids", nargs="+", metavar="ID")
    kinds.add_parser("template", help="leere Vorlage für den Import von Kennzahlen")
    for parser in (values, agreement, status, comparison, kinds.choices["template"]):
        parser.add_argument("-o", "--output", required=True, help="Excel-Datei, die geschrieben wird (.xlsx)")
