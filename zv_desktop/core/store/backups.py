"""Rolling backups of a data file, their thinning, what is in them, and restoring one.

When a file is opened for editing, at most one backup a day is made with SQLite's backup API
(never a file copy: the file is in WAL mode) into a temporary name, which is then renamed. The
backups go into ``<stem>.sicherungen/`` beside the file, or into a folder the administrator set.
They are thinned (``keep``): every backup of the last 7 days stays, then the oldest of each ISO
week for 8 weeks, then the oldest of each calendar month for 24 months; older ones are deleted.
The backups made before a schema migration (``<stem>.sicherung-v<N>-<time>.sqlite`` beside the
file) and the newest backup are never deleted.

Looking into a backup and restoring one are in ``restoring``.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from zv_desktop.core.errors import ZvError, os_reason
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


def human_size(size: int) -> str:
    """A file size the German way: 812 KB, 3,4 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
