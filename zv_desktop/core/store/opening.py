"""Opening a ZV data file safely: check it read-only first, back it up, migrate, set pragmas."""

from __future__ import annotations

import getpass
import os
import sqlite3
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.store.migrations import APPLICATION_ID, apply_migrations, latest_version
from zv_desktop.core.store.schema_guard import STATEMENT_LIMIT_SECONDS, SchemaReport, StatementGuard, check_schema
from zv_desktop.core.store.store import Store

_SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_OFFICE_NAME = "Unbenannte Dienststelle"


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
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", header[28:32])[0]
    if struct.unpack(">I", header[92:96])[0] != struct.unpack(">I", header[24:28])[0]:
        page_count = 0  # the size in the header is stale (written by an old tool): do not judge by it
    # after a crash in the middle of a checkpoint the last pages may still be only in the write-ahead log, where
    # SQLite finds them: a shorter file is broken only without a log beside it
    if page_count and size < page_count * page_size and not Path(f"{path}-wal").exists():
        raise DataFileError(
            f"Die Datei {shown} ist beschädigt: sie ist kürzer als angegeben "
            "(vermutlich unvollständig kopiert oder abgeschnitten)."
        )
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DataFileError(f"Die Datei {shown} ist beschädigt und kann nicht geöffnet werden ({exc}).") from exc
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


def read_only_uri(path: Path) -> str:
    """A URI that opens the file for reading without creating or changing anything beside it.

    Without a write-ahead log beside the file it is opened as immutable (no -wal or -shm files are
    made, which also works on write-protected media); with one, SQLite must read the log too.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def backup_file(conn: sqlite3.Connection, path: Path, version: int, progress: Progress | None = None) -> Path:
    """Copy the open database with SQLite's backup API next to the file; returns the copy's path.

    With ``progress`` the copy goes in steps that report how far it is; cancelling removes the copy.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.sicherung-v{version}-{stamp}{path.suffix or '.sqlite'}")
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(f"{path.stem}.sicherung-v{version}-{stamp}-{counter}{path.suffix}")
    dest = sqlite3.connect(target)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress.update(total - remaining, total, "Sicherungskopie wird angelegt …")

    try:
        conn.backup(dest, pages=1024 if progress is not None else -1, progress=step)
    except Cancelled:
        dest.close()
        target.unlink(missing_ok=True)
        raise
    finally:
        dest.close()
    return target


def current_user() -> str:
    """The name written into every change: ``ZV_USER`` or the login name."""
    name = os.environ.get("ZV_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unbekannt"


def open_store(
    path: Path | str,
    *,
    create: bool = False,
    office_name: str | None = None,
    user: str | None = None,
    progress: Progress | None = None,
) -> Store:
    """Open (or with ``create`` make) a data file, migrating it after a backup; returns the Store."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise DataFileError(f"Die Datei „{path}“ gibt es nicht.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFileError(f"Der Ordner „{path.parent}“ kann nicht angelegt werden: {exc.strerror}.") from exc
        info = FileInfo(path, 0, latest_version())
    else:
        info = inspect_file(path)
        if info.schema_version == 0 and not create:
            raise DataFileError(
                f"Die Datei „{path}“ enthält noch keine ZV-Daten (neu anlegen mit Datei → Neu oder „zv init“)."
            )
    _ensure_writable(path)
    try:
        conn = sqlite3.connect(path, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Datei „{path}“ kann nicht geöffnet werden ({exc}).") from exc
    StatementGuard().install(conn)
    try:  # (trusted_schema stays on: our own search triggers write to an FTS5 table, which it would forbid)
        schema = check_schema(conn, info.schema_version) if info.schema_version else None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DataFileError(f"Die Datei „{path}“ ist beschädigt und kann nicht geöffnet werden ({exc}).") from exc
    if schema is not None and not schema.ok:  # before anything of ours writes to it (or fires its triggers)
        conn.close()
        return _open_foreign(path, info, schema, user)
    try:
        backup = None
        if info.needs_migration:  # before anything touches the old file, even the journal mode
            try:
                backup = backup_file(conn, path, info.schema_version, progress)
            except Cancelled:
                conn.close()
                raise
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        apply_migrations(conn, info.schema_version)
        site_id, site_name = _ensure_office(conn, office_name)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise DataFileError(busy_message(path, exc)) from exc
    except sqlite3.Error as exc:
        conn.close()
        raise DataFileError(f"Die Datei „{path}“ konnte nicht vorbereitet werden ({exc}).") from exc
    store = Store(conn, path, site_id, site_name, user or current_user())
    store.last_backup = backup
    return store


def _open_foreign(path: Path, info: FileInfo, schema: SchemaReport, user: str | None) -> Store:
    """A file with objects our migrations did not make: read-only if only extra ones, else refused."""
    if schema.missing or info.needs_migration:
        raise DataFileError(
            f"Die Datei „{path}“ wurde außerhalb von ZV Desktop verändert ({schema.describe()}) und wird nicht "
            "geöffnet. Bitte die Herkunft der Datei klären oder eine Sicherung verwenden; „zv check“ nennt die "
            "Abweichungen."
        )
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    StatementGuard().install(conn)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('site_id', 'site_name')").fetchall())
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DataFileError(f"Die Datei „{path}“ ist beschädigt und kann nicht geöffnet werden ({exc}).") from exc
    store = Store(
        conn, path, meta.get("site_id", ""), meta.get("site_name", DEFAULT_OFFICE_NAME), user or current_user()
    )
    store.read_only = True
    store.read_only_reason = (
        f"Die Datei „{path.name}“ enthält {schema.describe()}, die nicht von ZV Desktop stammen. Sie ist deshalb nur "
        "zum Ansehen geöffnet, damit nichts davon auf Ihre Änderungen wirkt. „zv check“ nennt sie."
    )
    return store


def _ensure_writable(path: Path) -> None:
    """A clear message if the file or its folder cannot be written (write-protected stick, CD, share)."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        raise DataFileError(
            f"Die Datei „{path}“ ist schreibgeschützt. Zum Bearbeiten bitte an einen beschreibbaren Ort "
            "kopieren; ansehen und prüfen geht auch so („zv check“)."
        )
    if not os.access(folder, os.W_OK):
        raise DataFileError(
            f"Im Ordner „{folder}“ darf nicht geschrieben werden (schreibgeschützter Datenträger oder fehlende "
            "Berechtigung). ZV Desktop braucht dort Platz für sein Änderungsprotokoll; bitte die Datei an einen "
            "beschreibbaren Ort kopieren."
        )


def busy_message(path: Path, exc: sqlite3.OperationalError) -> str:
    """The German message for an operational error of SQLite on the data file."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"Die Datei „{path}“ wird gerade von einem anderen Programm benutzt. Bitte später erneut versuchen."
    if "readonly" in text or "read-only" in text:
        return f"Die Datei „{path}“ kann nicht beschrieben werden (schreibgeschützt)."
    if "interrupted" in text:
        return (
            f"Eine Abfrage in „{path}“ lief länger als {int(STATEMENT_LIMIT_SECONDS)} Sekunden und wurde abgebrochen; "
            "die Datei wurde vermutlich außerhalb von ZV Desktop verändert („zv check“)."
        )
    if "disk" in text and "full" in text:
        return f"Der Datenträger von „{path}“ ist voll; nichts wurde gespeichert."
    return f"Die Datei „{path}“ kann nicht bearbeitet werden ({exc})."


def _ensure_office(conn: sqlite3.Connection, office_name: str | None) -> tuple[str, str]:
    """Read the office identity of the file, creating it on first open."""
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('site_id', 'site_name')").fetchall())
    if "site_id" in rows:
        return rows["site_id"], rows.get("site_name", DEFAULT_OFFICE_NAME)
    site_id = str(uuid.uuid4())
    name = office_name or DEFAULT_OFFICE_NAME
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('site_id', ?), ('site_name', ?)", (site_id, name))
        conn.execute("INSERT INTO sites (id, name, first_seen) VALUES (?, ?, ?)", (site_id, name, now))
    return site_id, name
