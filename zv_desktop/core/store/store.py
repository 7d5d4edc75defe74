"""The Store: one open data file; stamped inserts/updates/tombstones with an audit log entry each."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zv_desktop.core.errors import BusyError, NotFoundError, ReadOnlyError
from zv_desktop.core.store import locking, replica
from zv_desktop.core.store.conflicts import conflict_error
from zv_desktop.core.store.inspection import prepare_connection
from zv_desktop.core.store.journal import Action, Change
from zv_desktop.core.store.mapping import from_row, table_of, to_row
from zv_desktop.core.store.versions import Stamp, with_entry

if TYPE_CHECKING:
    from sqlite_utils import Database

T = TypeVar("T")

#: Columns not copied into the audit log (their checksum is logged instead).
_UNLOGGED = {"content"}


def loggable(value: Any) -> Any:
    """A field value as the audit log keeps it: binary content (a letterhead's logo) by its size and checksum."""
    if isinstance(value, bytes):
        return f"{len(value)} Bytes, SHA-256 {hashlib.sha256(value).hexdigest()[:16]}"
    return value


#: German names of the records an id may be asked for on the command line (for "not found" messages).
_KIND_NAMES = {
    "Agreement": "Zielvereinbarung",
    "Paper": "Vorlage",
    "Party": "Träger",
    "Goal": "Ziel",
    "Measure": "Messgröße",
    "Area": "Gebiet",
}


def utc_now() -> str:
    """Current time as ISO text in UTC, as stored in every timestamp column."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Store:
    """An open ZV data file. All writes go through here so that none escapes the audit log."""

    def __init__(self, conn: sqlite3.Connection, path: Path, site_id: str, site_name: str, user: str) -> None:
        self._conn = conn
        self._db: Database | None = None
        self.path = path
        self.site_id = site_id
        self.site_name = site_name
        self.user = user
        self.last_backup: Path | None = None
        #: Opened for looking only (write-protected file, foreign objects in it, "Nur ansehen"):
        #: every write is refused with ``read_only_reason``.
        self.read_only = False
        self.read_only_reason = ""
        #: Told while a write waits for another program's lock (German text), and with None when it may go on.
        self.on_wait: Callable[[str | None], None] | None = None
        #: Who else uses the file, for the waiting message ("Frau Muster auf PC-17"); set by the presence check.
        self.describe_others: Callable[[], str] = lambda: "einem anderen Programm"
        self._journal: list[Change] | None = None
        self._versions_set: list[tuple[Any, int]] = []  # records whose row_version this transaction changed
        self._tx_thread: int | None = None  # the thread whose transaction is open on the connection
        self._stamp: Stamp | None = None  # the open transaction's stamp, made at its first write
        conn.create_function("zv_vv_with", 3, with_entry, deterministic=True)  # for writers that stamp in SQL
        try:
            self.replica_id = replica.replica_id(conn)  # this file copy (exchange between offices)
        except sqlite3.Error:
            self.replica_id = ""  # a file being set up has no meta table yet

    @property
    def conn(self) -> sqlite3.Connection:
        """The underlying connection (read access for services and tests)."""
        return self._conn

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the connection, made on first write (its import is kept off start-up)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self._conn, execute_plugins=False)
        return self._db

    def close(self) -> None:
        """Close the file (the log is folded into it first, leaving one self-contained file)."""
        if not self.read_only:  # a connection for looking only must not write, not even a checkpoint
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # another process still reads the file; SQLite checkpoints when the last one closes
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: everything inside commits together or not at all (nests as savepoints).

        The outermost transaction takes the file's write lock first (``BEGIN IMMEDIATE``, waiting while another
        window or program writes), so what a write checks is what it changes. On a rollback the row versions the
        transaction gave to records are put back. After the commit the log is copied into the file (a passive
        checkpoint), so a copy of the file made while the program runs holds every saved change.
        """
        if self.conn.in_transaction:
            self._refuse_other_thread()
            with self.db.atomic():
                yield
            return
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason or f"Die Datei „{self.path.name}“ ist nur zum Ansehen geöffnet.")
        locking.begin_immediate(self.conn, self.path, self.describe_others, self.on_wait)
        self._versions_set = []
        self._stamp = None
        self._tx_thread = threading.get_ident()
        try:
            yield
            locking.commit(self.conn, self.path, self.describe_others)
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            for record, version in reversed(self._versions_set):
                record.row_version = version
            raise
        finally:
            self._versions_set = []
            self._tx_thread = None
            self._stamp = None
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    @contextmanager
    def scratch(self) -> Iterator[None]:
        """Work on this connection's temporary tables (an import's preview): a transaction that takes no lock on
        the file and is allowed on a file opened for looking only. Nothing in the file itself may be written here."""
        if self.conn.in_transaction:
            self._refuse_other_thread()
            with self.db.atomic():
                yield
            return
        self.conn.execute("BEGIN")
        self._tx_thread = threading.get_ident()
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise
        else:
            self.conn.commit()
        finally:
            self._tx_thread = None

    def open_reader(self) -> Store:
        """A second, read-only connection to the same file, for work on another thread (a long computation).

        It sees the file as committed (never a transaction still open on this connection) and can never write:
        the clear rule that lets background work and the user's edits run side by side. Close it when done.
        """
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        prepare_connection(conn)  # the busy timeout and the statement time limit of every connection
        reader = Store(conn, self.path, self.site_id, self.site_name, self.user)
        reader.read_only = True
        reader.read_only_reason = "Eine Hintergrundberechnung schreibt nichts."
        return reader

    def data_version(self) -> int | None:
        """SQLite's count of commits by other connections (other windows, programs, offices); None if unreadable.

        It changes exactly when someone else changed the file, so views can re-read it then (and only then).
        """
        try:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None  # closed or broken: the next action says so

    @property
    def busy_elsewhere(self) -> bool:
        """True while another thread (a background job of this window) has a transaction open on the file."""
        owner = self._tx_thread
        return owner is not None and owner != threading.get_ident()

    def _refuse_other_thread(self) -> None:
        """Never mix a second action into a background job's open transaction (it would commit or roll back too)."""
        if self.busy_elsewhere:
            raise BusyError(
                "Eine andere Arbeit mit dieser Datei läuft gerade (z. B. ein Excel-Import). Ihre Änderung wurde "
                "nicht gespeichert; bitte warten, bis sie fertig ist."
            )

    # -- reading -------------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def get(self, cls: type[T], record_id: str) -> T:
        """The live record with this id; NotFoundError if it is missing or deleted."""
        rows = self.query(f"SELECT * FROM {table_of(cls)} WHERE id = ? AND deleted = 0", (record_id,))
        if not rows:
            raise NotFoundError(f"Kein Datensatz mit der Kennung {record_id}.")
        return from_row(cls, rows[0])

    def find(self, cls: type[T], where: str = "1", params: tuple[Any, ...] = (), order_by: str = "rowid") -> list[T]:
        """Live records of a type matching a WHERE clause."""
        sql = f"SELECT * FROM {table_of(cls)} WHERE deleted = 0 AND ({where}) ORDER BY {order_by}"
        return [from_row(cls, row) for row in self.query(sql, params)]

    def exists(self, cls: type, record_id: str | None) -> bool:
        """True if a live record of this type has this id."""
        if record_id is None:
            return False
        sql = f"SELECT 1 FROM {table_of(cls)} WHERE id = ? AND deleted = 0"
        return self.conn.execute(sql, (record_id,)).fetchone() is not None

    def resolve_id(self, cls: type, prefix: str) -> str:
        """The full id of the one live record whose id starts with ``prefix``."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise NotFoundError("Bitte eine Kennung angeben.")
        rows = self.conn.execute(
            f"SELECT id FROM {table_of(cls)} WHERE deleted = 0 AND id LIKE ? ESCAPE '\\' LIMIT 2",
            (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        ).fetchall()
        if not rows:
            wanted = _KIND_NAMES.get(cls.__name__)
            raise NotFoundError(f"Keine Kennung beginnt mit „{prefix}“" + (f" (gesucht: {wanted})." if wanted else "."))
        if len(rows) > 1:
            raise NotFoundError(f"Die Kennung „{prefix}“ ist nicht eindeutig; bitte mehr Zeichen angeben.")
        return str(rows[0][0])

    # -- writing -------------------------------------------------------------------------

    def stamp(self) -> Stamp:
        """The sync columns of every row the open transaction changes (time, office, user, replica and its counter).

        Made at the transaction's first write, which counts the transaction in the replica counter; every writer
        (``write``, ``delete``, the Excel import's bulk writer, the merge) stamps its rows with it.
        """
        if not self.conn.in_transaction:
            raise RuntimeError("a stamp belongs to a writing transaction")
        if self._stamp is None:
            self._stamp = Stamp(utc_now(), self.site_id, self.user, self.replica_id, replica.next_tick(self.conn))
        return self._stamp

    def save(self, record: T) -> T:
        """Insert the record, or update it if a row with its id exists; audited, row version kept."""
        self.write(record)
        return record

    def write(self, record: object) -> str:
        """Like ``save``; returns what happened: insert, update, restore or unchanged.

        A record read from the file carries the row version it was read at: if the row has a newer one now
        (another window, program or office changed it since), nothing is written and ConflictError says who changed
        what and when. After the write the record carries the new version.
        """
        table = table_of(type(record))
        row = to_row(record)
        expected = int(getattr(record, "row_version", 0) or 0)
        with self.transaction():
            existing = self.query(f"SELECT * FROM {table} WHERE id = ?", (row["id"],))
            if not existing:
                stamp = self.stamp()
                stamped = {**row, "created_at": stamp.now, "modified_at": stamp.now, "site_id": stamp.site_id}
                stamped |= {"modified_by": stamp.user, "row_version": 1, "deleted": 0}
                stamped |= {"vv": stamp.vector(), "local_seq": stamp.tick}
                names = ", ".join(stamped)
                marks = ", ".join(f":{name}" for name in stamped)
                self.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", stamped)
                self._audit(table, row["id"], "insert", {k: [None, v] for k, v in row.items() if v not in (None, "")})
                self._set_version(record, 1)
                self._note(type(record), None, record)
                return "insert"
            old = existing[0]
            changes = {k: [old[k], v] for k, v in row.items() if old.get(k) != v}
            action = "restore" if old["deleted"] else "update"
            if not changes and not old["deleted"]:  # nothing to write, so nothing of anyone's is overwritten
                self._set_version(record, old["row_version"])
                return "unchanged"
            if expected and old["row_version"] != expected:
                raise conflict_error(self.conn, table, old, expected)
            if not expected:  # every path that writes over a row says which version it read (no blind writes)
                raise RuntimeError(f"{table} {row['id']}: written over without the row version it was read at")
            if old["deleted"]:
                changes["deleted"] = [1, 0]
            stamp = self.stamp()
            update = {k: v for k, v in row.items() if k != "id"}
            update |= {"modified_at": stamp.now, "site_id": stamp.site_id, "modified_by": stamp.user, "deleted": 0}
            update |= {"vv": stamp.vector(old["vv"]), "local_seq": stamp.tick}
            assignments = ", ".join(f"{name} = :{name}" for name in update)
            self.conn.execute(
                f"UPDATE {table} SET {assignments}, row_version = :new_version WHERE id = :id AND row_version = :old",
                {**update, "id": row["id"], "old": old["row_version"], "new_version": old["row_version"] + 1},
            )
            self._audit(table, row["id"], action, changes)
            self._set_version(record, old["row_version"] + 1)
            self._note(type(record), None if old["deleted"] else from_row(type(record), old), record)
        return action

    def adopt_version(self, record: T) -> T:
        """Mark ``record`` as meant to replace whatever is stored under its id (a file the user chose to load, the
        demo's own records): it takes the stored row's current version. Call it inside the writing transaction."""
        stored: Any = record
        row = self.conn.execute(f"SELECT row_version FROM {table_of(type(record))} WHERE id = ?", (stored.id,))
        found = row.fetchone()
        stored.row_version = found[0] if found else 0
        return record

    def delete(self, cls: type, record_id: str, expected_version: int = 0) -> int:
        """Mark a record as deleted (tombstone kept for the exchange); audited. Returns the tombstone's version.

        With ``expected_version`` (the version the user saw) a record changed since by someone else is not deleted:
        ConflictError says who changed it.
        """
        table = table_of(cls)
        with self.transaction():
            rows = self.query(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
            if not rows or rows[0]["deleted"]:
                if rows and expected_version and rows[0]["row_version"] != expected_version:
                    raise conflict_error(self.conn, table, rows[0], expected_version)
                raise NotFoundError(f"Kein Datensatz mit der Kennung {record_id}.")
            current = rows[0]
            if expected_version and current["row_version"] != expected_version:
                raise conflict_error(self.conn, table, current, expected_version)
            before = from_row(cls, current) if self._journal is not None else None
            version = current["row_version"] + 1
            stamp = self.stamp()
            self.conn.execute(
                f"UPDATE {table} SET deleted = 1, modified_at = ?, site_id = ?, modified_by = ?, "
                "row_version = ?, vv = ?, local_seq = ? WHERE id = ?",
                (stamp.now, stamp.site_id, stamp.user, version, stamp.vector(current["vv"]), stamp.tick, record_id),
            )
            self._audit(table, record_id, "delete", {"deleted": [0, 1]})
            self._note(cls, before, None)
        return int(version)

    def _set_version(self, record: Any, version: int) -> None:
        """Give the written record its row's version (put back if the transaction rolls back)."""
        self._versions_set.append((record, record.row_version))
        record.row_version = version

    def _audit(self, table: str, row_id: str, action: str, changes: dict[str, list[Any]]) -> None:
        logged = {k: [loggable(x) for x in v] for k, v in changes.items() if k not in _UNLOGGED}
        at = self._stamp.now if self._stamp is not None else utc_now()
        self.conn.execute(
            "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (at, self.site_id, self.user, table, row_id, action, json.dumps(logged, ensure_ascii=False)),
        )

    # -- recording user actions for undo ----------------------------------------------------

    @contextmanager
    def recording(self, label: str) -> Iterator[Action]:
        """One user action in one transaction; the yielded Action lists every record it changed."""
        self._refuse_other_thread()
        if self._journal is not None:
            raise RuntimeError("actions do not nest")
        action = Action(label)
        self._journal = action.changes
        try:
            with self.transaction():
                yield action
        except BaseException:
            action.changes.clear()
            raise
        finally:
            self._journal = None

    def _note(self, cls: type, before: object | None, after: object | None) -> None:
        if self._journal is not None:
            self._journal.append(Change(cls, before, copy.deepcopy(after)))

    # -- office identity -----------------------------------------------------------------

    def rename_office(self, name: str) -> None:
        """Change the office name of this file."""
        with self.transaction():
            self.conn.execute("UPDATE meta SET value = ? WHERE key = 'site_name'", (name,))
            self.conn.execute("UPDATE sites SET name = ? WHERE id = ?", (name, self.site_id))
            self._audit("meta", "site_name", "update", {"site_name": [self.site_name, name]})
        self.site_name = name
