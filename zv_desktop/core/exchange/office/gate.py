"""The untrusted-file gate: every received exchange file (``.zvx``) passes here before anything else looks at it.

``receive(path)`` looks at the file the user chose without SQLite (``gate_files``), copies it into a private
temporary folder and does everything else on that copy, in this order: SQLite's quick check of the whole file, the
program's identity and the schema version, the schema allow-list of that version (``schema_guard``), a migration to
the current schema, and the meta values the merge needs (the office name and the manifest). What passes is a
``ReceivedFile`` whose copy holds exactly the current schema and can be attached or opened read-only; every
refusal is an ``ExchangeRefused`` with a German message naming the file, after the private folder was removed.
The chosen file stays byte-identical, and nothing appears beside it.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from zv_desktop.core.exchange.office.gate_files import (
    TEMP_PREFIX,
    ExchangeRefused,
    copy_log,
    copy_private,
    open_source,
    remove_workspace,
    workspace_refusal,
)
from zv_desktop.core.store.inspection import (
    BUSY_TIMEOUT_MS,
    connect_read_only,
    corrupt_message,
    prepare_connection,
    quick_check,
    sqlite_error_message,
)
from zv_desktop.core.store.migrations import APPLICATION_ID, apply_migrations, latest_version
from zv_desktop.core.store.schema_guard import check_schema

__all__ = ["MAX_EXCHANGE_BYTES", "ExchangeRefused", "ReceivedFile", "receive"]

#: The largest exchange file accepted (together with a write-ahead log sent beside it): 2 GiB.
MAX_EXCHANGE_BYTES = 2 * 1024**3

#: The meta keys read from a received file.
OFFICE_KEY = "site_name"
MANIFEST_KEY = "exchange_manifest"

#: A manifest is a table of contents, not data: a longer one is refused before it is parsed.
_MAX_MANIFEST_CHARS = 16 * 1024 * 1024
_COPY_NAME = "austausch.sqlite"
_SEND_AGAIN = " Bitte lassen Sie sich die Austauschdatei noch einmal schicken."


@dataclass(frozen=True)
class ReceivedFile:
    """A received exchange file that passed the gate, and its private copy at the current schema version.

    Close it (or use it in a ``with`` block) when done: that removes the copy. Connections to the copy must be
    closed first.
    """

    source: Path  # the file the user chose; never written, never opened by SQLite
    copy: Path  # the private copy, migrated to the latest schema, safe to ATTACH or open read-only
    sent_version: int  # the schema version the file had as sent
    manifest: dict[str, Any] | None  # the JSON object in meta 'exchange_manifest', None if there is none
    office_name: str  # meta 'site_name' of the file ('' if none)

    def close(self) -> None:
        """Remove the private copy and its folder; calling it again does nothing."""
        remove_workspace(self.copy.parent)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def receive(path: Path | str) -> ReceivedFile:
    """Check a received exchange file and return its private, migrated copy; raises ExchangeRefused (German).

    The file at ``path`` is only read: it is never opened by SQLite or for writing.
    """
    source = Path(path)
    shown = f"„{source}“"
    cap = MAX_EXCHANGE_BYTES
    folder: Path | None = None
    try:
        handle, header = open_source(source, cap)
        with handle:
            try:
                folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
            except OSError as exc:
                raise workspace_refusal(shown, exc) from exc
            copy = folder / _COPY_NAME
            size = copy_private(handle, header, copy, shown, cap)
        logged = copy_log(source, copy, cap, size)
        if logged or 2 in header[18:20]:  # a log to fold in, or a file in WAL mode: make it one plain file
            _make_self_contained(source, copy)
        return _check_copy(source, copy)
    except BaseException:
        if folder is not None:
            remove_workspace(folder)
        raise


def _harden(conn: sqlite3.Connection) -> None:
    """What every connection to a received file gets besides ``prepare_connection``."""
    conn.execute("PRAGMA cell_size_check = ON")  # a broken cell is an error, not a wild read
    conn.execute("PRAGMA trusted_schema = OFF")  # no function or virtual table runs from the file's own schema
    conn.execute("PRAGMA mmap_size = 0")  # a damaged page is read with read(), never through a mapping


def _sqlite_refusal(source: Path, exc: sqlite3.Error | UnicodeDecodeError) -> ExchangeRefused:
    if isinstance(exc, UnicodeDecodeError):  # SQLite's own message quoted bytes of the damaged file
        return ExchangeRefused(f"Die Austauschdatei „{source}“ ist beschädigt." + _SEND_AGAIN)
    return ExchangeRefused(sqlite_error_message(source, exc) + _SEND_AGAIN)


def _make_self_contained(source: Path, copy: Path) -> None:
    """Fold a copied write-ahead log into the copy and switch it to a rollback journal: one file, no -wal, no -shm."""
    try:
        conn = sqlite3.connect(copy, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            prepare_connection(conn)
            _harden(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise _sqlite_refusal(source, exc) from exc
    if str(mode).lower() != "delete" or Path(f"{copy}-wal").exists():
        detail = "das Änderungsprotokoll lässt sich nicht einarbeiten"
        raise ExchangeRefused(corrupt_message(source, detail) + _SEND_AGAIN)


@contextmanager
def _reading(source: Path, copy: Path) -> Iterator[sqlite3.Connection]:
    """A hardened read-only connection to the copy; any SQLite error in the block becomes a refusal."""
    try:
        conn = connect_read_only(copy)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise _sqlite_refusal(source, exc) from exc
    try:
        _harden(conn)
        yield conn
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise _sqlite_refusal(source, exc) from exc
    finally:
        conn.close()


def _check_copy(source: Path, copy: Path) -> ReceivedFile:
    """Steps 3 to 7 on the copy: intact, ours and known, our schema exactly, migrated, readable text and meta."""
    latest = latest_version()
    with _reading(source, copy) as conn:
        damage = quick_check(conn)  # the whole file, whatever its size
        if damage:
            first = " ".join(damage[0].replace("*** in database main ***", "").split())
            raise ExchangeRefused(corrupt_message(source, f"Schnellprüfung: {first}") + _SEND_AGAIN)
        sent = _sent_version(source, conn, latest)
        _check_objects(source, conn, sent)
    if sent < latest:
        _migrate(source, copy, sent, latest)
    with _reading(source, copy) as conn:
        if sent < latest:
            _check_migrated(source, conn, sent, latest)
        _check_text(source, conn)
        office_name, manifest = _read_meta(source, conn)
    return ReceivedFile(source, copy, sent, manifest, office_name)


def _sent_version(source: Path, conn: sqlite3.Connection, latest: int) -> int:
    """The schema version of a ZV file this program knows; refuses foreign, empty and too new files."""
    shown = f"„{source}“"
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        if app_id == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            raise ExchangeRefused(f"Die Datei {shown} enthält keine ZV-Daten (eine leere SQLite-Datenbank).")
        raise ExchangeRefused(f"Die Datei {shown} gehört zu einem anderen Programm und ist keine ZV-Austauschdatei.")
    if version > latest:
        raise ExchangeRefused(
            f"Die Austauschdatei {shown} stammt aus einer neueren Version von ZV Desktop (Datenstand {version}, "
            f"dieses Programm kennt bis {latest}). Bitte aktualisieren Sie ZV Desktop, um sie zu übernehmen."
        )
    if version < 1:
        raise ExchangeRefused(f"Die Datei {shown} enthält keine ZV-Daten (kein Datenstand eingetragen).")
    return int(version)


def _check_objects(source: Path, conn: sqlite3.Connection, version: int) -> None:
    """Refuse a file holding anything but the tables, indexes, triggers and views our migrations make for it."""
    report = check_schema(conn, version)
    if not report.ok:
        raise ExchangeRefused(
            f"Die Austauschdatei „{source}“ wurde außerhalb von ZV Desktop verändert ({report.describe()}) und wird "
            "nicht übernommen. Bitte die Herkunft der Datei klären."
        )


def _migrate(source: Path, copy: Path, sent: int, latest: int) -> None:
    """Bring the copy from schema version ``sent`` to the latest one.

    The file's schema was found to be exactly ours before, so every trigger that fires here is ours. That is why
    this connection trusts the schema, unlike every other one here: the migrations write to tables whose triggers
    keep the FTS5 search index current, and SQLite refuses a virtual table in a trigger of an untrusted schema.
    """
    try:
        conn = sqlite3.connect(copy, timeout=BUSY_TIMEOUT_MS / 1000)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise _sqlite_refusal(source, exc) from exc
    try:
        prepare_connection(conn)
        _harden(conn)
        conn.execute("PRAGMA trusted_schema = ON")  # see the docstring
        conn.execute("PRAGMA foreign_keys = ON")
        apply_migrations(conn, sent)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise ExchangeRefused(
            f"Die Austauschdatei „{source}“ (Datenstand {sent}) lässt sich nicht auf den Datenstand {latest} dieses "
            f"Programms bringen ({exc}); sie wird nicht übernommen." + _SEND_AGAIN
        ) from exc
    finally:
        conn.close()


def _check_migrated(source: Path, conn: sqlite3.Connection, sent: int, latest: int) -> None:
    """The migrated copy must have the latest version and exactly its schema."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    report = check_schema(conn, latest)
    if version != latest or not report.ok:
        found = report.describe() or f"Datenstand {version}"
        raise ExchangeRefused(
            f"Die Austauschdatei „{source}“ hat nach der Umstellung von Datenstand {sent} auf {latest} nicht den "
            f"erwarteten Aufbau ({found}); sie wird nicht übernommen."
        )


def _check_text(source: Path, conn: sqlite3.Connection) -> None:
    """Every text value in the copy must be UTF-8, as this program reads it.

    SQLite's checks do not look at encodings; a value that is not UTF-8 would break every later read of its row in
    this program, and a merge would carry it into the office's own file. One scan per table: SQLite joins the text
    values of a row with an ASCII separator and Python decodes a thousand rows at a time. That is exact: an ASCII byte
    neither continues nor completes a multi-byte sequence, so the joined bytes are UTF-8 exactly when every value is.
    Only a table found wrong is scanned value by value, to name the first bad value's column.
    """
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
    ).fetchall()
    conn.text_factory = bytes
    try:
        for (table,) in tables:
            columns = [d[0] for d in conn.execute(f"SELECT * FROM {_quoted(table)} LIMIT 0").description]
            texts = [f"CASE WHEN typeof({_quoted(c)}) = 'text' THEN {_quoted(c)} END" for c in columns]
            joined = " || '|' || ".join(f"coalesce({text}, '')" for text in texts)
            cursor = conn.execute(f"SELECT {joined} FROM {_quoted(table)}")
            while rows := cursor.fetchmany(1000):
                if not _is_utf8(b"|".join(row[0] for row in rows)):
                    _name_bad_text(source, conn, table, columns, texts)
                    raise ExchangeRefused(  # not reached: the scan value by value names the bad value
                        f"Die Austauschdatei „{source}“ enthält in Tabelle „{table}“ einen Text, der kein gültiges "
                        "UTF-8 ist." + _SEND_AGAIN
                    )
    finally:
        conn.text_factory = str


def _name_bad_text(source: Path, conn: sqlite3.Connection, table: str, columns: list[str], texts: list[str]) -> None:
    """Refuse the file, naming the first text value of ``table`` that is not UTF-8 (its table and column)."""
    cursor = conn.execute(f"SELECT {', '.join(texts)} FROM {_quoted(table)}")
    while rows := cursor.fetchmany(1000):
        for row in rows:
            for column, value in zip(columns, row, strict=True):
                if value is not None and not _is_utf8(value):
                    raise ExchangeRefused(
                        f"Die Austauschdatei „{source}“ enthält in Tabelle „{table}“, Spalte „{column}“ einen "
                        "Text, der kein gültiges UTF-8 ist: sie ist beschädigt oder wurde außerhalb von ZV "
                        "Desktop verändert." + _SEND_AGAIN
                    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_meta(source: Path, conn: sqlite3.Connection) -> tuple[str, dict[str, Any] | None]:
    """The office name and the manifest of the file (meta 'site_name' and 'exchange_manifest')."""
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", (OFFICE_KEY, MANIFEST_KEY)).fetchall())
    office_name = rows.get(OFFICE_KEY, "")
    if not isinstance(office_name, str):
        raise ExchangeRefused(f"Der Name der Dienststelle in der Austauschdatei „{source}“ ist unlesbar (kein Text).")
    raw = rows.get(MANIFEST_KEY)
    return office_name, None if raw is None else _parse_manifest(source, raw)


def _parse_manifest(source: Path, raw: object) -> dict[str, Any]:
    """The manifest as a JSON object; anything else (no text, no JSON, no object, too big or too deep) is refused."""
    reason = ""
    value: object = None
    if not isinstance(raw, str):
        reason = "kein Text"
    elif len(raw) > _MAX_MANIFEST_CHARS:
        reason = "zu groß"
    else:
        try:
            value = json.loads(raw, parse_constant=_no_constant)
        except RecursionError:
            reason = "zu tief verschachtelt"
        except json.JSONDecodeError as exc:
            reason = f"kein gültiges JSON: Fehler in Zeile {exc.lineno}, Spalte {exc.colno}"
        except ValueError:  # NaN/Infinity, or an integer too long to convert
            reason = "kein gültiges JSON"
        else:
            reason = "" if isinstance(value, dict) else "kein JSON-Objekt"
    if reason or not isinstance(value, dict):
        raise ExchangeRefused(
            f"Das Inhaltsverzeichnis (Manifest) der Austauschdatei „{source}“ ist unlesbar ({reason})." + _SEND_AGAIN
        )
    return value


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} ist in JSON nicht erlaubt")
