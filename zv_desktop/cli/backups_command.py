"""`zv backups` lists the backups of the data file; `zv restore FILE` puts one back (after a safety backup).

The rolling backups are in ``<name>.sicherungen/`` beside the data file, or in the folder given with
``--folder`` or the environment variable ``ZV_BACKUP_DIR`` (the desktop client's administrator setting
``backup_folder`` is not read by the command line).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from zv_desktop.cli.console import EXIT_OK, render_json, say
from zv_desktop.cli.render import table
from zv_desktop.core.errors import DataFileError, ZvError
from zv_desktop.core.formats import format_date, format_number
from zv_desktop.core.store import Store, backups, restoring

#: The environment variable naming the folder of the rolling backups for `zv`.
FOLDER_ENV = "ZV_BACKUP_DIR"


def add_backup_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `zv backups` and `zv restore FILE`."""
    folder_help = f"Ordner der Sicherungen (sonst {FOLDER_ENV} oder <Name>.sicherungen neben der Datei)"
    lst = sub.add_parser("backups", help="Sicherungen der Datendatei auflisten")
    lst.add_argument("--folder", type=Path, metavar="ORDNER", help=folder_help)
    lst.add_argument("--json", action="store_true")
    restore = sub.add_parser(
        "restore", help="eine Sicherung wiederherstellen (der jetzige Stand wird vorher gesichert)"
    )
    restore.add_argument("file", type=Path, metavar="SICHERUNG", help="die Sicherung (eine Datei aus „zv backups“)")
    restore.add_argument("--folder", type=Path, metavar="ORDNER", help=folder_help)
    recover = sub.add_parser("recover", help="aus einer beschädigten Datei alles Lesbare in eine neue Datei retten")
    recover.add_argument("-o", "--output", type=Path, required=True, metavar="NEUE_DATEI", help="die gerettete Datei")


def configured_folder(args: argparse.Namespace | None = None) -> Path | None:
    """The folder the user asked for: ``--folder``, else ``ZV_BACKUP_DIR``, else None (beside the file)."""
    given = getattr(args, "folder", None) if args is not None else None
    env = os.environ.get(FOLDER_ENV)
    return given or (Path(env) if env else None)


def back_up_for_editing(store: Store) -> None:
    """The daily backup of a file a command is about to change; a failure is a warning, never an abort."""
    result = backups.daily_backup(store, configured_folder())
    if result.warning:
        say(f"Warnung: {result.warning}")


def _time(backup: backups.Backup) -> str:
    return f"{format_date(backup.made.date())} {backup.made:%H:%M}"


def cmd_backups(args: argparse.Namespace, db: Path) -> int:
    """List the backups of ``db``, newest first, with what they hold."""
    if not db.exists():
        raise DataFileError(f"Die Datei „{db}“ gibt es nicht.")
    found = backups.list_backups(db, configured_folder(args))
    rows, data = [], []
    for backup in found:
        try:
            contents: restoring.Contents | None = restoring.read_contents(backup.path)
        except ZvError:
            contents = None
        summary = (
            f"{contents.agreements} ZV, {contents.goals} Ziele, {format_number(contents.values)} Werte, "
            f"{contents.papers} Vorlagen"
            if contents
            else "nicht lesbar"
        )
        rows.append([_time(backup), backup.kind.label, backups.human_size(backup.size), summary, str(backup.path)])
        data.append(
            {
                "path": str(backup.path),
                "made": backup.made.isoformat(timespec="seconds"),
                "kind": backup.kind.name.lower(),
                "kind_label": backup.kind.label,
                "size": backup.size,
                "contents": None
                if contents is None
                else {
                    "agreements": contents.agreements,
                    "goals": contents.goals,
                    "values": contents.values,
                    "papers": contents.papers,
                    "last_change": contents.last_change.isoformat(timespec="seconds") if contents.last_change else None,
                    "schema_version": contents.schema_version,
                    "office": contents.office,
                },
            }
        )
    if args.json:
        render_json(data)
    elif rows:
        print(table(["Zeitpunkt", "Art", "Größe", "Inhalt", "Datei"], rows))
    else:
        print(f"(keine Sicherungen von „{db}“)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, db: Path) -> int:
    """Replace the content of ``db`` with the backup ``args.file``; the state before is backed up first."""
    if not args.file.exists():
        raise DataFileError(f"Die Sicherung „{args.file}“ gibt es nicht.")
    if not db.exists():
        raise DataFileError(f"Die Datei „{db}“ gibt es nicht.")
    safety = restoring.restore_backup(db, args.file, configured_folder(args))
    say(f"„{db}“ hat jetzt den Stand der Sicherung „{args.file}“. Der vorige Stand liegt in „{safety}“.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace, db: Path) -> int:
    """Copy every readable row of a damaged file into a new one; exit 1 if rows were lost (they are counted)."""
    from zv_desktop.core.store.recovery import recover_file

    report = recover_file(db, args.output)
    print(report.describe())
    return 0 if report.complete and not report.dangling else 1
