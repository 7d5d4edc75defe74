"""Entry point of the `zv` command: argument parsing, dispatch, exit codes and German messages.

Exit codes: 0 ok, 1 data problems (rule violations, a failed check), 2 usage or file error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from zv_desktop.cli import commands
from zv_desktop.core.errors import DataFileError, NotFoundError, ValidationError
from zv_desktop.core.paths import default_db_path

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong arguments; the message is German."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"Aufruf fehlerhaft: {message} (Hilfe: zv --help)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `zv` with all sub-commands."""
    parser = _Parser(prog="zv", description="ZV Desktop – Zielvereinbarungen auf der Kommandozeile.")
    parser.add_argument("--db", type=Path, help="Datendatei (sonst ZV_DB oder der Benutzerordner)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    init = sub.add_parser("init", help="neue Datendatei anlegen")
    init.add_argument("--office", help="Name der Dienststelle")
    sub.add_parser("demo", help="Demodaten aus den Beispieldokumenten einspielen")
    sub.add_parser("check", help="Datei prüfen, ohne sie zu verändern")
    lst = sub.add_parser("list", help="Einträge auflisten")
    lst.add_argument("what", choices=["agreements", "papers", "parties", "measures"])
    lst.add_argument("--year", type=int)
    lst.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="einen Eintrag anzeigen")
    show.add_argument("what", choices=["agreement", "paper"])
    show.add_argument("id", help="Kennung (UUID) oder ein eindeutiger Anfang davon")
    show.add_argument("--json", action="store_true")
    dump = sub.add_parser("dump", help="alles als JSON ausgeben (docs/json-format.md)")
    dump.add_argument("-o", "--output", type=Path)
    load = sub.add_parser("load", help="JSON-Datei einspielen (geprüft, alles oder nichts)")
    load.add_argument("file", type=Path)
    return parser


HANDLERS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "init": commands.cmd_init,
    "demo": commands.cmd_demo,
    "check": commands.cmd_check,
    "list": commands.cmd_list,
    "show": commands.cmd_show,
    "dump": commands.cmd_dump,
    "load": commands.cmd_load,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run `zv` with ``argv``; returns the exit code."""
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
    except (DataFileError, NotFoundError, UsageError) as exc:
        print(f"zv: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"zv: Datei „{exc.filename}“: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
