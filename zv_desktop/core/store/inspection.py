"""A read-only look at a data file: is it a ZV file, which version, is it intact, what SQLite says.

Nothing here changes a byte of the file or leaves anything beside it (on media where that is
possible at all: a file with a write-ahead log must be read together with its log).
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.store.migrations import APPLICATION_ID, latest_version
from zv_desktop.core.store.time_limit import install_time_limit, is_interrupted, time_limit_message

_SQLITE_MAGIC = b"SQLite format 3\x00"

#: How long a connection waits for another program to finish writing (milliseconds).
BUSY_TIMEOUT_MS = 5000

#: Files up to this size get ``PRAGMA quick_check`` when opened for editing. Measured with a warm disk cache:
#: demo file (4.8 MB) 4–6 ms, 22 MB file 23–26 ms; reading a cold or networked file adds its transfer time.
QUICK_CHECK_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class FileInfo:
    """What a read-only look at a data file found."""

    path: Path
    schema_version: int  # 0 = empty SQLite file, to be initialised
    latest_version: int

    @property
    def needs_migration(self) -> bool:
        """True if the file has an older schema than this program writes."""
        return 0 < self.schema_version < self.latest_version


def inspect_file(path: Path | str) -> FileInfo:
    """Check that ``path`` is a ZV data file this program can open, without changing a byte."""
    path = Path(path)
    shown = f"„{path}“"
    if not path.exists():
        raise DataFileError(f"Die Datei {shown} gibt es nicht.")
    if path.is_dir():
        raise DataFileError(f"{shown} ist ein Ordner, keine ZV-Datei.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise DataFileError(f"Die Datei {shown} kann nicht gelesen werden: {exc.strerror}.") from exc
    if size == 0:
        return FileInfo(path, 0, latest_version())
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise DataFileError(f"Die Datei {shown} ist keine ZV-Datei (keine SQLite-Datenbank).")
    if _too_short(header, size) and not _has_log(path):
        # with a write-ahead log beside it the missing pages may be in the log: SQLite decides then
        raise DataFileError(
            f"Die Datei {shown} ist beschädigt: sie ist kürzer als angegeben "
            "(vermutlich unvollständig kopiert oder abgeschnitten)."
        )
    try:
        conn = connect_read_only(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DataFileError(sqlite_error_message(path, exc)) from exc
    latest = latest_version()
    if app_id == 0 and tables == 0:
        return FileInfo(path, 0, latest)
    if app_id != APPLICATION_ID:
        raise DataFileError(f"Die Datei {shown} gehört zu einem anderen Programm und ist keine ZV-Datei.")
    if version > latest:
        raise DataFileError(
            f"Die Datei {shown} stammt aus einer neueren Version von ZV Desktop "
            f"(Datenstand {version}, dieses Programm kennt bis {latest}). "
            "Bitte aktualisieren Sie ZV Desktop."
        )
    return FileInfo(path, version, latest)


def _too_short(header: bytes, size: int) -> bool:
    """True if the file is shorter than the page count its header gives (when that count is valid)."""
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", header[28:32])[0]
    if struct.unpack(">I", header[92:96])[0] != struct.unpack(">I", header[24:28])[0]:
        return False  # the size in the header is stale (written by an old tool): do not judge by it
    return bool(page_count) and size < page_count * page_size


def _has_log(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _header_says_wal(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def read_only_uri(path: Path, *, locking: bool = False) -> str:
    """A URI that opens the file for reading without creating or changing anything beside it.

    A file in write-ahead-log mode without a log beside it is opened as immutable (otherwise
    SQLite would create -wal and -shm files, impossible on write-protected media). A file in
    rollback-journal mode is opened normally read-only, so that SQLite honours the locks of other
    programs and notices a hot journal (an interrupted write) instead of reading half-written pages.
    With ``locking`` (the file is about to be opened for editing, so files beside it may be made) the
    locks are always honoured: another program may be switching the file out of WAL mode right now
    (its log already gone, the header not yet rewritten), and an immutable reader would then read
    pages while they are written.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if locking:
        return uri
    if _header_says_wal(path) and not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists():
        uri += "&immutable=1"
    return uri


def prepare_connection(conn: sqlite3.Connection) -> None:
    """What every connection to a data file gets: a busy timeout and the statement time limit."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    install_time_limit(conn)


def connect_read_only(path: Path, *, check_same_thread: bool = True, locking: bool = False) -> sqlite3.Connection:
    """A prepared read-only connection to ``path`` (see ``read_only_uri``)."""
    conn = sqlite3.connect(
        read_only_uri(path, locking=locking),
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=check_same_thread,
    )
    prepare_connection(conn)
    return conn


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """The findings of ``PRAGMA quick_check`` (empty if the file is intact).

    The findings may quote names from the damaged file, which need not be UTF-8: they are read as bytes and decoded
    leniently, so a damaged file is reported, never a decoding error.
    """
    factory = conn.text_factory
    conn.text_factory = bytes
    try:
        rows = conn.execute("PRAGMA quick_check(10)").fetchall()
    finally:
        conn.text_factory = factory
    lines = [row[0].decode("utf-8", "replace") if isinstance(row[0], bytes) else str(row[0]) for row in rows]
    return [] if lines == ["ok"] else lines


def newest_backup(path: Path) -> Path | None:
    """The newest backup the program wrote beside ``path`` (``<stem>.sicherung-….sqlite``), if any."""
    try:
        found = [p for p in path.parent.glob(f"{path.stem}.sicherung-*") if p.is_file()]
    except OSError:
        return None
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def corrupt_message(path: Path, detail: str) -> str:
    """The German message for a damaged file, naming the newest backup beside it."""
    backup = newest_backup(path)
    hint = f" Die neueste Sicherung daneben ist „{backup.name}“." if backup is not None else ""
    return f"Die Datei „{path}“ ist beschädigt ({detail}).{hint}"


def sqlite_error_message(path: Path, exc: sqlite3.Error) -> str:
    """The German message for an error of SQLite while reading the file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return (
            f"Die Datei „{path}“ wird gerade von einem anderen Programm benutzt (gesperrt). "
            "Bitte später erneut versuchen."
        )
    if name == "SQLITE_READONLY_ROLLBACK":
        return (
            f"Die Datei „{path}“ wurde nicht sauber geschlossen; sie wird beim nächsten Öffnen zum Bearbeiten "
            "wiederhergestellt (dazu muss sie an einem beschreibbaren Ort liegen)."
        )
    if is_interrupted(exc):
        return time_limit_message(path)
    if name.startswith("SQLITE_CANTOPEN"):
        return (
            f"Die Datei „{path}“ kann nicht geöffnet werden ({exc}). Liegt ihr Änderungsprotokoll („-wal“) auf "
            "einem schreibgeschützten Datenträger daneben, bitte beides an einen beschreibbaren Ort kopieren."
        )
    return corrupt_message(path, f"kann nicht gelesen werden: {exc}")
