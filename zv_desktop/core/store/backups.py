"""Rolling backups of a data file, their thinning, what is in them, and restoring one.

When a file is opened for editing, at most one backup a day is made with SQLite's backup API
(never a file copy: the file is in WAL mode) into a temporary name, which is then renamed. The
backups go into ``<stem>.sicherungen/`` beside the file, or into a folder the administrator set.
They are thinned (``keep``): every backup of the last 7 days stays, then the oldest of each ISO
week for 8 weeks, then the oldest of each calendar month for 24 months; older ones are deleted.
The backups made before a schema migration (``<stem>.sicherung-v<N>-<time>.sqlite`` beside the
file) and the newest backup are never deleted.

Restoring first backs up the current state („vor Wiederherstellung“), then copies the backup
onto the open file with the backup API and records the restore in the audit log.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path

from zv_desktop.core.errors import DataFileError, ZvError, os_reason
from zv_desktop.core.store import replica
from zv_desktop.core.store.migrations import apply_migrations
from zv_desktop.core.store.opening import inspect_file, open_store, read_only_uri
from zv_desktop.core.store.store import Store

#: Every backup of the last DAILY_DAYS days is kept …
DAILY_DAYS = 7
#: … then one a week for WEEKLY_WEEKS weeks …
WEEKLY_WEEKS = 8
#: … then one a month for MONTHLY_MONTHS months; older ones are deleted.
MONTHLY_MONTHS = 24

_STAMP = "%Y%m%d-%H%M%S"
_ROLLING = re.compile(
    r"\.sicherung-(?P<safety>vor-wiederherstellung-|vor-austausch-)?(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite$"
)
_MIGRATION = re.compile(r"\.sicherung-v(?P<version>\d+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?(?:\.[^.]*)?$")


class BackupError(ZvError):
    """A backup could not be made; the message is German and names the folder."""


class Kind(Enum):
    """What a backup is, with its German label."""

    DAILY = "täglich"
    WEEKLY = "wöchentlich"
    MONTHLY = "monatlich"
    SAFETY = "vor Wiederherstellung"
    EXCHANGE = "vor Austausch"
    MIGRATION = "vor Umstellung"

    @property
    def label(self) -> str:
        """The German name shown in the list."""
        return self.value


@dataclass(frozen=True)
class Backup:
    """One backup file of a data file."""

    path: Path
    made: datetime  # local time, from the file name
    kind: Kind
    size: int

    @property
    def rolling(self) -> bool:
        """True for the backups that are thinned (all but the ones made before a migration)."""
        return self.kind is not Kind.MIGRATION


@dataclass(frozen=True)
class Contents:
    """What a backup holds, read through a read-only connection."""

    agreements: int
    goals: int
    values: int
    papers: int
    last_change: datetime | None  # local time of the latest entry in the audit log
    agreement_list: list[tuple[int, str]]  # (year, title), by year
    schema_version: int
    site_id: str = ""
    office: str = ""


@dataclass(frozen=True)
class DailyResult:
    """The outcome of ``daily_backup``: the backup made (None if there was one today) or a German warning."""

    made: Path | None = None
    warning: str | None = None
    deleted: tuple[Path, ...] = ()


# -- where the backups are -------------------------------------------------------------------


def backup_folder(data_path: Path, configured: Path | str | None = None) -> Path:
    """The folder for the rolling backups: the configured one, else ``<stem>.sicherungen`` beside the file."""
    if configured:
        return Path(configured).expanduser()
    return data_path.with_name(f"{data_path.stem}.sicherungen")


def list_backups(data_path: Path, configured: Path | str | None = None, today: date | None = None) -> list[Backup]:
    """Every backup of the file, newest first: rolling ones in the folder beside it and the configured
    one, and the migration backups beside the file. Daily ones older than a week are shown as weekly
    or monthly, the bucket they are kept for."""
    today = today or date.today()
    stem = data_path.stem
    found: dict[Path, Backup] = {}
    folders = {backup_folder(data_path), backup_folder(data_path, configured)}
    for folder in folders:
        for path in _entries(folder, stem):
            match = _ROLLING.search(path.name[len(stem) :])
            made = _parse_stamp(match["stamp"]) if match and path.name.startswith(f"{stem}.") else None
            if match is None or made is None:
                continue
            safety = {"vor-wiederherstellung-": Kind.SAFETY, "vor-austausch-": Kind.EXCHANGE}.get(match["safety"] or "")
            kind = safety or _rolling_kind(made.date(), today)
            found[path.resolve()] = Backup(path, made, kind, _size(path))
    for path in _entries(data_path.parent, stem):
        match = _MIGRATION.search(path.name[len(stem) :])
        made = _parse_stamp(match["stamp"]) if match else None
        if made is not None and path.name.startswith(f"{stem}.sicherung-v"):
            found[path.resolve()] = Backup(path, made, Kind.MIGRATION, _size(path))
    return sorted(found.values(), key=lambda b: (b.made, b.path.name), reverse=True)


def _entries(folder: Path, stem: str) -> list[Path]:
    try:
        return [p for p in folder.glob(f"{glob_escape(stem)}.sicherung-*") if p.is_file()]
    except OSError:
        return []


def glob_escape(text: str) -> str:
    """``text`` with glob's special characters made literal."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def _parse_stamp(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp, _STAMP)
    except ValueError:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _rolling_kind(day: date, today: date) -> Kind:
    age = (today - day).days
    if age < DAILY_DAYS:
        return Kind.DAILY
    if age < DAILY_DAYS + 7 * WEEKLY_WEEKS:
        return Kind.WEEKLY
    return Kind.MONTHLY


# -- thinning (pure) ---------------------------------------------------------------------------


def keep(made: Iterable[datetime], today: date) -> set[datetime]:
    """Which of the rolling backups (by the time they were made) to keep on ``today``.

    All of the last ``DAILY_DAYS`` days (and any from the future, a clock set wrong); then the oldest
    of each ISO week up to ``WEEKLY_WEEKS`` weeks further back; then the oldest of each calendar month
    for ``MONTHLY_MONTHS`` months; and always the newest. Keeping the oldest of a bucket means a backup
    that was kept once stays kept until its bucket runs out.
    """
    times = sorted(set(made))
    if not times:
        return set()
    kept = {times[-1]}
    weekly_limit = DAILY_DAYS + 7 * WEEKLY_WEEKS
    month_limit = _months_back(today, MONTHLY_MONTHS)
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    for moment in times:  # oldest first, so the first of a bucket is its oldest
        day = moment.date()
        age = (today - day).days
        if age < DAILY_DAYS:
            kept.add(moment)
        elif age < weekly_limit:
            week = day.isocalendar()[:2]
            if week not in weeks:
                weeks.add(week)
                kept.add(moment)
        elif (day.year, day.month) >= month_limit:
            month = (day.year, day.month)
            if month not in months:
                months.add(month)
                kept.add(moment)
    return kept


def _months_back(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - months
    return index // 12, index % 12 + 1


def thin(data_path: Path, configured: Path | str | None = None, today: date | None = None) -> list[Path]:
    """Delete the rolling backups ``keep`` does not keep; returns what was deleted (never raises)."""
    today = today or date.today()
    rolling = [b for b in list_backups(data_path, configured, today) if b.rolling]
    kept = keep((b.made for b in rolling), today)
    deleted = []
    for backup in rolling:
        if backup.made in kept:
            continue
        try:
            backup.path.unlink()
        except OSError:
            continue  # tried again next time
        deleted.append(backup.path)
    return deleted


# -- making backups ----------------------------------------------------------------------------


def make_backup(
    conn: sqlite3.Connection,
    data_path: Path,
    configured: Path | str | None = None,
    now: datetime | None = None,
    *,
    safety: bool = False,
    exchange: bool = False,
) -> Path:
    """Copy the open database with the backup API into the backup folder (temp name, then rename).

    The copy is switched to a rollback journal, so it is one self-contained file. BackupError if the
    folder cannot be made or written, or the disk is full; nothing half-written is left behind.
    """
    now = now or datetime.now()
    folder = backup_folder(data_path, configured)
    prefix = "vor-wiederherstellung-" if safety else "vor-austausch-" if exchange else ""
    base = f"{data_path.stem}.sicherung-{prefix}{now.strftime(_STAMP)}"
    target = folder / f"{base}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}.sqlite"
    tmp = folder / f".{target.name}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise BackupError(_failure(folder, exc)) from exc
    return target


def _failure(folder: Path, exc: OSError | sqlite3.Error) -> str:
    if isinstance(exc, OSError):
        reason = os_reason(exc)
        return f"Die Sicherungskopie im Ordner „{folder}“ konnte nicht angelegt werden: der Ordner {reason}."
    text = str(exc).lower()
    if "full" in text:
        reason = "der Datenträger ist voll"
    elif "readonly" in text or "unable to open" in text or "read-only" in text:
        reason = "dort darf nicht geschrieben werden"
    else:
        reason = str(exc)
    return f"Die Sicherungskopie im Ordner „{folder}“ konnte nicht angelegt werden ({reason})."


def back_up_now(store: Store, folder: Path | str | None = None) -> Path:
    """A backup of the open file right now (backup API; a copy that is a replica of its own once opened)."""
    return make_backup(store.conn, store.path, folder)


def daily_backup(store: Store, configured: Path | str | None = None, now: datetime | None = None) -> DailyResult:
    """Back up a file opened for editing unless it was backed up today already; then thin the backups.

    Never raises: a failure comes back as a German warning (the file stays open and usable).
    """
    if store.read_only:
        return DailyResult()
    now = now or datetime.now()
    existing = [b for b in list_backups(store.path, configured, now.date()) if b.rolling]
    if any(b.made.date() == now.date() for b in existing):
        return DailyResult()
    try:
        made = make_backup(store.conn, store.path, configured, now)
    except BackupError as exc:
        return DailyResult(warning=f"{exc} Die Datei ist trotzdem geöffnet; bitte den Ordner prüfen.")
    deleted = thin(store.path, configured, now.date())
    return DailyResult(made=made, deleted=tuple(deleted))


# -- looking into a backup ---------------------------------------------------------------------


def read_contents(path: Path) -> Contents:
    """Counts and the agreement list of a backup, read without writing a byte (``mode=ro``)."""
    info = inspect_file(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Sicherung „{path}“ kann nicht gelesen werden ({exc}).") from exc
    try:

        def count(table: str) -> int:
            return int(conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0])

        last = conn.execute("SELECT max(at) FROM audit_log").fetchone()[0]
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('site_id', 'site_name')").fetchall())
        rows = conn.execute("SELECT year, title FROM agreements WHERE deleted = 0 ORDER BY year DESC, title").fetchall()
        return Contents(
            agreements=count("agreements"),
            goals=count("goals"),
            values=count("kpi_values"),
            papers=count("papers"),
            last_change=_local_time(last),
            agreement_list=[(int(year), str(title)) for year, title in rows],
            schema_version=info.schema_version,
            site_id=str(meta.get("site_id", "")),
            office=str(meta.get("site_name", "")),
        )
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Sicherung „{path}“ ist beschädigt ({exc}).") from exc
    finally:
        conn.close()


def _local_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


# -- restoring ---------------------------------------------------------------------------------


def restore_backup(
    store_or_path: Store | Path,
    backup_path: Path,
    configured: Path | str | None = None,
    now: datetime | None = None,
) -> Path:
    """Replace the file's content with the backup's; returns the safety backup of the state before.

    With a Store the backup is copied onto its open connection (the caller reopens its views); with
    a path the file is opened for this and closed again. The backup itself is only read. A backup
    of an older schema is brought up to date after copying. The restore lands in the audit log.
    DataFileError if the backup cannot be used, BackupError if the safety backup fails (then nothing
    was changed).
    """
    backup_path = Path(backup_path)
    info = inspect_file(backup_path)
    if info.schema_version == 0:
        raise DataFileError(f"„{backup_path}“ enthält keine ZV-Daten und kann nicht wiederhergestellt werden.")
    own = not isinstance(store_or_path, Store)
    store = open_store(store_or_path) if not isinstance(store_or_path, Store) else store_or_path
    try:
        if store.read_only:
            raise DataFileError(f"„{store.path}“ ist nur zum Ansehen geöffnet: {store.read_only_reason}")
        if _same_file(backup_path, store.path):
            raise DataFileError(f"„{backup_path}“ ist die Datendatei selbst, keine Sicherung.")
        contents = read_contents(backup_path)
        if contents.site_id and contents.site_id != store.site_id:
            raise DataFileError(
                f"Die Sicherung „{backup_path.name}“ stammt aus der Datei einer anderen Dienststelle "
                f"(„{contents.office}“) und wird nicht über „{store.path.name}“ gelegt."
            )
        safety = make_backup(store.conn, store.path, configured, now, safety=True)
        try:
            source = sqlite3.connect(read_only_uri(backup_path), uri=True)
        except sqlite3.Error as exc:
            raise DataFileError(f"Die Sicherung „{backup_path}“ kann nicht gelesen werden ({exc}).") from exc
        try:
            source.backup(store.conn)
        except sqlite3.Error as exc:
            raise DataFileError(
                f"„{store.path}“ konnte nicht wiederhergestellt werden ({exc}); der vorige Stand liegt in „{safety}“."
            ) from exc
        finally:
            source.close()
        conn = store.conn
        conn.execute("PRAGMA foreign_keys = ON")
        if info.schema_version < info.latest_version:
            apply_migrations(conn, info.schema_version)
        # the backup's counter values were used again since: the restored file is a replica of its own
        store.replica_id = replica.rotate(conn, replica.file_identity(store.path), "Sicherung wiederhergestellt")
        with store.transaction():
            store._audit(  # the store's own audit entry, for an action on the whole file
                "file",
                store.path.name,
                "restore",
                {"backup": [None, str(backup_path.resolve())], "safety_backup": [None, str(safety.resolve())]},
            )
    finally:
        if own:
            store.close()
    return safety


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def restores(store: Store) -> list[dict[str, object]]:
    """The restores recorded in the audit log of an open file, newest first (for tests and the CLI)."""
    rows = store.query(
        "SELECT at, user_name, changes FROM audit_log WHERE table_name = 'file' AND action = 'restore' "
        "ORDER BY seq DESC"
    )
    return [{**row, "changes": json.loads(row["changes"])} for row in rows]


def human_size(size: int) -> str:
    """A file size the German way: 812 KB, 3,4 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
