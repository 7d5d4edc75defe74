"""Entry point of the `zv` command: argument parsing, dispatch, exit codes and German messages.

Exit codes: 0 ok, 1 data problems (rule violations, a failed check), 2 usage or file error,
3 an unexpected error (a crash report was written).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from zv_desktop.cli import commands, german_argparse
from zv_desktop.cli.console import EXIT_DATA, EXIT_USAGE, UsageError
from zv_desktop.core.crash import write_crash_report
from zv_desktop.core.errors import DataFileError, NotFoundError, ValidationError, ZvError, os_reason
from zv_desktop.core.paths import default_db_path
from zv_desktop.core.rules.validation import FIRST_YEAR, LAST_YEAR
from zv_desktop.core.store.inspection import corrupt_message
from zv_desktop.core.store.opening import busy_message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"Aufruf fehlerhaft: {message} (Hilfe: zv --help)")


def year_argument(text: str) -> int:
    """A year given on the command line, within the range the program handles."""
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Jahr zwischen {FIRST_YEAR} und {LAST_YEAR}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `zv` with all sub-commands."""
    parser = _Parser(prog="zv", description="ZV Desktop – Zielvereinbarungen auf der Kommandozeile.")
    parser.add_argument("--db", type=Path, help="Datendatei (sonst ZV_DB oder der Benutzerordner)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    init = sub.add_parser("init", help="neue Datendatei anlegen")
    init.add_argument("--office", help="Name der Dienststelle")
    demo = sub.add_parser("demo", help="Demodaten aus den Beispieldokumenten einspielen")
    demo.add_argument("--force", action="store_true", help="auch in eine Datei mit eigenen Daten einspielen")
    sub.add_parser("check", help="Datei prüfen, ohne sie zu verändern")
    lst = sub.add_parser("list", help="Einträge auflisten")
    lst.add_argument("what", choices=["agreements", "papers", "parties", "measures"])
    lst.add_argument("--year", type=year_argument)
    lst.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="einen Eintrag anzeigen")
    show.add_argument("what", choices=["agreement", "paper"])
    show.add_argument("id", help="Kennung (UUID) oder ein eindeutiger Anfang davon")
    show.add_argument("--json", action="store_true")
    dump = sub.add_parser("dump", help="alles als JSON ausgeben (docs/json-format.md)")
    dump.add_argument("-o", "--output", type=Path)
    dump.add_argument("--with-sync", action="store_true", help="mit Versionsvektoren und Löschvermerken (Austausch)")
    load = sub.add_parser("load", help="JSON-Datei einspielen (geprüft, alles oder nichts)")
    load.add_argument("file", type=Path)
    status = sub.add_parser("status", help="Zielerreichung aller Ziele eines Jahres")
    status.add_argument("--year", type=year_argument, required=True)
    status.add_argument("--party", help="nur Vereinbarungen dieses Trägers (Kennung oder eindeutiger Anfang)")
    status.add_argument("--month", type=month_argument, help="Berichtsmonat 1–12 (sonst der letzte mit Werten)")
    status.add_argument("--rolling", action="store_true", help="Hochrechnung gleitend über 12 Monate")
    status.add_argument("--json", action="store_true")
    compare = sub.add_parser("compare", help="Zielvereinbarungen mehrerer Jahre vergleichen")
    compare.add_argument("ids", nargs="+", metavar="ID", help="zwei oder mehr Zielvereinbarungen")
    compare.add_argument("--json", action="store_true")
    from zv_desktop.cli.report_command import add_report_parser

    add_report_parser(sub, year_argument, month_argument)
    from zv_desktop.cli.xlsx_parsers import add_xlsx_parsers

    add_xlsx_parsers(sub, year_argument, month_argument)
    from zv_desktop.cli.backups_command import add_backup_parsers

    add_backup_parsers(sub)
    from zv_desktop.cli.exchange_command import add_exchange_parsers

    add_exchange_parsers(sub, year_argument)
    return parser


def month_argument(text: str) -> int:
    """A reporting month given on the command line: 1 to 12."""
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Monat zwischen 1 und 12")
    return int(text)


def _cmd_status(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.status_command import cmd_status

    return cmd_status(args, db)


def _cmd_compare(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.compare_command import cmd_compare

    return cmd_compare(args, db)


def _cmd_import_xlsx(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.import_xlsx_command import cmd_import_xlsx

    return cmd_import_xlsx(args, db)


def _cmd_export_xlsx(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.export_xlsx_command import cmd_export_xlsx

    return cmd_export_xlsx(args, db)


def _cmd_report(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.report_command import cmd_report

    return cmd_report(args, db)


def _cmd_backups(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.backups_command import cmd_backups

    return cmd_backups(args, db)


def _cmd_recover(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.backups_command import cmd_recover

    return cmd_recover(args, db)


def _cmd_restore(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.backups_command import cmd_restore

    return cmd_restore(args, db)


def _cmd_exchange(args: argparse.Namespace, db: Path) -> int:
    from zv_desktop.cli.exchange_command import cmd_exchange

    return cmd_exchange(args, db)


HANDLERS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "init": commands.cmd_init,
    "demo": commands.cmd_demo,
    "check": commands.cmd_check,
    "list": commands.cmd_list,
    "show": commands.cmd_show,
    "dump": commands.cmd_dump,
    "load": commands.cmd_load,
    "status": _cmd_status,
    "compare": _cmd_compare,
    "report": _cmd_report,
    "import-xlsx": _cmd_import_xlsx,
    "export-xlsx": _cmd_export_xlsx,
    "backups": _cmd_backups,
    "restore": _cmd_restore,
    "recover": _cmd_recover,
    "exchange": _cmd_exchange,
}


def os_error_message(exc: OSError) -> str:
    """A German sentence for a file error, naming the file."""
    return f"Datei „{exc.filename}“ {os_reason(exc)}."


def _use_utf8_output() -> None:
    """Write UTF-8 even where the console's code page cannot show €, „“ or − (Windows, redirected)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run `zv` with ``argv``; returns the exit code."""
    _use_utf8_output()
    german_argparse.install()
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"zv: {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = args.db or default_db_path()
    try:
        return HANDLERS[args.command](args, db)
    except ValidationError as exc:
        print(f"zv: {len(exc.problems)} Problem(e), nichts wurde gespeichert:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_DATA
    except (DataFileError, NotFoundError, UsageError, ZvError) as exc:
        print(f"zv: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"zv: {os_error_message(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.OperationalError as exc:
        print(f"zv: {busy_message(db, exc)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed" and its kind, met while reading
        if type(exc) is not sqlite3.DatabaseError:  # integrity and programming errors are bugs: crash report
            return _crash()
        message = corrupt_message(db, str(exc))
        print(f"zv: {message} Bitte „zv check“ ausführen oder eine Sicherung verwenden.", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # noqa: BLE001 - last resort: the user gets a German line and a report, never a traceback
        return _crash()


def _crash() -> int:
    """Write a crash report for the exception being handled; the user gets one German line."""
    report = write_crash_report(*sys.exc_info())
    print(f"zv: Unerwarteter Fehler; nichts Unfertiges wurde gespeichert. Bericht: {report}", file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
