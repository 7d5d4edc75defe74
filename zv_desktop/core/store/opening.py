"""Opening a ZV data file safely: look at it read-only first, back it up, migrate, set pragmas.

A file is opened for editing only if it is intact (``PRAGMA quick_check`` for files up to
QUICK_CHECK_MAX_BYTES), holds exactly the schema the migrations create (``schema_guard``) and can
be written; otherwise it is opened read-only and ``Store.read_only_reason`` says why, in German.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from zv_desktop.core.errors import DataFileError, FileBusyError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.store import inspection, locking, replica
from zv_desktop.core.store.inspection import (
    FileInfo,
    connect_read_only,
    corrupt_message,
    inspect_file,
    prepare_connection,
    quick_check,
    read_only_uri,
    sqlite_error_message,
)
from zv_desktop.core.store.migrations import apply_migrations, latest_version
from zv_desktop.core.store.network import is_network_path
from zv_desktop.core.store.schema_guard import SchemaReport, check_schema
from zv_desktop.core.store.store import Store
from zv_desktop.core.store.time_limit import install_time_limit, is_interrupted

__all__ = ["FileInfo", "busy_message", "inspect_file", "open_store", "read_only_uri", "view_only_reason"]

DEFAULT_OFFICE_NAME = "Unbenannte Dienststelle"


def view_only_reason(path: Path) -> str:
    """The reason of a file opened read-only because the caller asked for it."""
    return f"Die Datei „{path}“ ist nur zum Ansehen geöffnet."


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
    read_only: bool = False,
) -> Store:
    """Open (or with ``create`` make) a data file, migrating it after a backup; returns the Store.

    With ``read_only`` nothing in the file or beside it is changed (no migration, no journal mode,
    no office record); a file of an older version is then migrated in memory only.
    """
    path = Path(path)
    if not path.exists():
        if not create or read_only:
            raise DataFileError(f"Die Datei „{path}“ gibt es nicht.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFileError(f"Der Ordner „{path.parent}“ kann nicht angelegt werden: {exc.strerror}.") from exc
        info = FileInfo(path, 0, latest_version())
    else:
        if not read_only:
            _recover_interrupted_write(path)
        info = inspect_file(path)
        if info.schema_version == 0 and not (create and not read_only):
            raise DataFileError(
                f"Die Datei „{path}“ enthält noch keine ZV-Daten (neu anlegen mit Datei → Neu oder „zv init“)."
            )
    reasons = _examine(path, info, editing=not read_only) if info.schema_version else []
    if not read_only:
        blocker = _write_blocker(path)
        if blocker is not None:
            if info.schema_version == 0:
                raise DataFileError(blocker)
            reasons.append(blocker)
    if read_only or reasons:
        return _open_read_only(path, info, " ".join(reasons) or view_only_reason(path), user)
    deadline = time.monotonic() + locking.LOCK_WAIT_SECONDS
    while True:
        try:
            return _open_for_editing(path, info, office_name, user, progress)
        except FileBusyError:
            # another program opens or writes it at this moment (e.g. switches the journal mode): wait a little
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
        except DataFileError as exc:
            if "schreibgeschützt" not in str(exc) or info.schema_version == 0:
                raise
            return _open_read_only(path, info, str(exc), user)  # a medium that only looked writable


def _recover_interrupted_write(path: Path) -> None:
    """Let SQLite roll back a hot journal (a write cut off by a crash) before the file is looked at.

    A read-only look cannot do that (and would read half-written pages); the roll-back restores the
    last saved state and runs no SQL of the file. Where the file cannot be written, nothing happens here.
    """
    if not Path(f"{path}-journal").exists() or _write_blocker(path) is not None:
        return
    try:
        conn = sqlite3.connect(path, timeout=inspection.BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return  # inspect_file names the problem
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error:
        pass  # not a database, locked …: inspect_file names the problem
    finally:
        conn.close()


def _connect_for_examining(path: Path, editing: bool) -> sqlite3.Connection:
    """A read-only connection for the look before opening: honouring other programs' locks when the file is to be
    edited (see ``read_only_uri``), unless the folder turns out not to take SQLite's WAL index after all."""
    if not editing or _write_blocker(path) is not None:
        return connect_read_only(path)
    conn = connect_read_only(path, locking=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        return connect_read_only(path)  # a medium that only looked writable: read it as it lies
    return conn


def _examine(path: Path, info: FileInfo, *, editing: bool) -> list[str]:
    """Reasons (German) why the file may not be edited: foreign schema objects, a failed quick_check.

    A file whose own tables, indexes or triggers are missing or altered (or an older one with foreign
    objects, which cannot be migrated) is refused: DataFileError.
    """
    try:
        conn = _connect_for_examining(path, editing)
        try:
            schema = check_schema(conn, info.schema_version)
            damage: list[str] = []
            if editing and schema.ok and path.stat().st_size <= inspection.QUICK_CHECK_MAX_BYTES:
                damage = quick_check(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DataFileError(sqlite_error_message(path, exc)) from exc
    if not schema.ok and (schema.missing or info.needs_migration):
        raise DataFileError(
            f"Die Datei „{path}“ wurde außerhalb von ZV Desktop verändert ({schema.describe()}) und wird nicht "
            "geöffnet. Bitte die Herkunft der Datei klären oder eine Sicherung verwenden; „zv check“ nennt die "
            "Abweichungen."
        )
    if damage:
        detail = f"Schnellprüfung: {damage[0]}"
        message = corrupt_message(path, detail)
        if info.needs_migration:
            raise DataFileError(f"{message} Auf den aktuellen Datenstand bringen lässt sie sich so nicht.")
        return [
            f"{message} Sie wird nur zum Ansehen geöffnet. Alles noch Lesbare rettet Datei → Gerettete Kopie "
            "anlegen… (oder „zv recover -o NEUE_DATEI“) in eine neue Datei; eine Sicherung holt Datei → Sicherung "
            "wiederherstellen… zurück."
        ]
    return [] if schema.ok else [_foreign_reason(path, schema)]


def _foreign_reason(path: Path, schema: SchemaReport) -> str:
    return (
        f"Die Datei „{path.name}“ enthält {schema.describe()}, die nicht von ZV Desktop stammen. Sie ist deshalb nur "
        "zum Ansehen geöffnet, damit nichts davon auf Ihre Änderungen wirkt. „zv check“ nennt sie."
    )


def _write_blocker(path: Path) -> str | None:
    """Why the file cannot be edited where it is (write-protected file or folder), or None."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return (
            f"Die Datei „{path}“ ist schreibgeschützt und wird nur zum Ansehen geöffnet. "
            "Zum Bearbeiten bitte an einen beschreibbaren Ort kopieren."
        )
    if not os.access(folder, os.W_OK):
        return (
            f"Im Ordner „{folder}“ darf nicht geschrieben werden (schreibgeschützter Datenträger oder fehlende "
            f"Berechtigung); „{path.name}“ wird nur zum Ansehen geöffnet. Zum Bearbeiten bitte an einen "
            "beschreibbaren Ort kopieren."
        )
    return None


def _open_read_only(path: Path, info: FileInfo, reason: str, user: str | None) -> Store:
    """A Store on a read-only connection; an older file is migrated in a copy in memory."""
    if info.schema_version == 0:
        raise DataFileError(f"Die Datei „{path}“ enthält noch keine ZV-Daten.")
    try:
        conn = connect_read_only(path, check_same_thread=False)
        if info.needs_migration:
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            conn.backup(memory)
            conn.close()
            conn = memory
            prepare_connection(conn)
            apply_migrations(conn, info.schema_version)
            reason += (
                f" Sie hat Datenstand {info.schema_version}; für diese Sitzung wurde eine Kopie im Arbeitsspeicher "
                f"auf Datenstand {info.latest_version} gebracht, die Datei selbst bleibt unverändert."
            )
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")  # nothing of the file's own runs while it is only looked at
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('site_id', 'site_name')").fetchall())
    except sqlite3.Error as exc:
        raise DataFileError(sqlite_error_message(path, exc)) from exc
    store = Store(
        conn, path, meta.get("site_id", ""), meta.get("site_name", DEFAULT_OFFICE_NAME), user or current_user()
    )
    store.read_only = True
    store.read_only_reason = reason
    return store


def _open_for_editing(
    path: Path, info: FileInfo, office_name: str | None, user: str | None, progress: Progress | None
) -> Store:
    try:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=inspection.BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Datei „{path}“ kann nicht geöffnet werden ({exc}).") from exc
    try:
        prepare_connection(conn)
        backup = None
        if info.needs_migration:  # before anything touches the old file, even the journal mode
            try:
                backup = backup_file(conn, path, info.schema_version, progress)
            except Cancelled:
                conn.close()
                raise
        conn.execute("PRAGMA foreign_keys = ON")
        # the write-ahead log needs memory shared between programs, which network drives do not provide
        conn.execute(f"PRAGMA journal_mode = {'DELETE' if is_network_path(path) else 'WAL'}")
        conn.execute("PRAGMA synchronous = FULL")
        # our own migrations may rebuild a table of a million values (14 s here, more on a slow PC): the time
        # limit that guards against files made elsewhere does not stop them
        conn.set_progress_handler(None, 0)
        apply_migrations(conn, info.schema_version)
        install_time_limit(conn)
        site_id, site_name = _ensure_office(conn, office_name)
        replica.ensure_replica(conn, path)  # a copy of a file becomes a replica of its own before it writes
    except sqlite3.OperationalError as exc:
        conn.close()
        if locking.is_busy(exc):
            raise FileBusyError(busy_message(path, exc)) from exc
        raise DataFileError(busy_message(path, exc)) from exc
    except sqlite3.Error as exc:
        conn.close()
        raise DataFileError(f"Die Datei „{path}“ konnte nicht vorbereitet werden ({exc}).") from exc
    store = Store(conn, path, site_id, site_name, user or current_user())
    store.last_backup = backup
    return store


def busy_message(path: Path, exc: sqlite3.OperationalError) -> str:
    """The German message for an operational error of SQLite on the data file."""
    text = str(exc).lower()
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "locked" in text or "busy" in text or name == "SQLITE_READONLY_ROLLBACK" or is_interrupted(exc):
        return sqlite_error_message(path, exc)
    if "readonly" in text or "read-only" in text:
        return f"Die Datei „{path}“ kann nicht beschrieben werden (schreibgeschützt)."
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
