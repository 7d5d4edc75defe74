"""Merging a received exchange file: the preview (nothing written), then the merge in one transaction after a backup.

    with receive(path) as received:          # the untrusted-file gate: a checked private copy
        preview = preview_merge(store, received)
        result = apply_merge(store, preview, Decisions(prefer=None))

The preview and the merge compute the same plan; the merge refuses to write if the data file changed in between
(someone else saved meanwhile), so what was shown is what is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from zv_desktop.core.errors import BusyError, DataFileError, ReadOnlyError
from zv_desktop.core.exchange.office import merge_write, partners
from zv_desktop.core.exchange.office.gate import ReceivedFile
from zv_desktop.core.exchange.office.manifest import Manifest, parse_manifest
from zv_desktop.core.exchange.office.merge_plan import ConflictKind, MergePlan, RowChange, Verdict, classify
from zv_desktop.core.exchange.office.merge_write import MINE, THEIRS, Choice
from zv_desktop.core.exchange.office.natural_keys import apply_matches, find_matches, second_value_ids, settle_ids
from zv_desktop.core.store import Store, replica
from zv_desktop.core.store.backups import make_backup
from zv_desktop.core.store.conflicts import record_label


@dataclass(frozen=True)
class Sender:
    """Who sent the received file, from its manifest (or its own meta table for a plain data file)."""

    office: str
    site_id: str
    replica: str
    user: str
    created_at: str
    knowledge: dict[str, int]


@dataclass
class Preview:
    """What merging the received file would do; nothing is written."""

    received: ReceivedFile
    manifest: Manifest | None
    sender: Sender
    plan: MergePlan
    learn: bool  # the file holds everything the sender had seen: this file may take over its knowledge
    missing_basis: str  # German note if a delta builds on a file not merged here ('' otherwise)
    refused: frozenset[tuple[str, str]] = frozenset()
    file_state: tuple[object, ...] = ()  # the data file's state the plan was computed on (``_file_state``)


@dataclass
class Decisions:
    """The user's decisions: per conflict (table, id) → mine / theirs / {field: side}; refused matches; a default."""

    choices: dict[tuple[str, str], Choice] = field(default_factory=dict)
    prefer: str | None = None  # "mine" or "theirs" for every conflict without a choice; None leaves them open


@dataclass
class MergeResult:
    """What the merge did."""

    taken: int
    joined: int
    decided: int
    left_open: int
    backup: Path | None
    learned: bool
    rotated: bool
    notes: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        """True if the data file was written."""
        return self.backup is not None


@contextmanager
def attached(store: Store, received: ReceivedFile) -> Iterator[sqlite3.Connection]:
    """The received copy attached as ``x`` to the data file's connection (for the duration of the block)."""
    conn = store.conn
    if store.busy_elsewhere or conn.in_transaction:
        raise BusyError("Eine andere Arbeit mit dieser Datei läuft gerade; bitte warten, bis sie fertig ist.")
    conn.execute("ATTACH DATABASE ? AS x", (str(received.copy),))
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.rollback()
        conn.execute("DETACH DATABASE x")


def _sender(conn: sqlite3.Connection, manifest: Manifest | None) -> Sender:
    if manifest is not None:
        return Sender(
            manifest.office, manifest.site_id, manifest.replica, manifest.user, manifest.created_at, manifest.knowledge
        )
    meta = dict(conn.execute("SELECT key, value FROM x.meta WHERE key IN ('site_name', 'site_id')").fetchall())
    return Sender(
        str(meta.get("site_name", "")),
        str(meta.get("site_id", "")),
        replica.replica_id(conn, "x"),
        "",
        "",
        replica.knowledge(conn, "x"),
    )


def _file_state(store: Store) -> tuple[object, ...]:
    """What changes whenever anything is written to the data file: this connection's count of changed rows, SQLite's
    ``data_version`` (changes when any other connection or program commits), and the replica with its counter."""
    conn = store.conn
    data_version = conn.execute("PRAGMA main.data_version").fetchone()[0]
    return (conn.total_changes, data_version, replica.replica_id(conn), replica.current_tick(conn))


def _plan(conn: sqlite3.Connection, store: Store, refused: frozenset[tuple[str, str]]) -> MergePlan:
    """Match by natural keys (in the received copy), then classify; the caller's transaction is rolled back or kept."""
    conn.execute("PRAGMA defer_foreign_keys = ON")
    matches = find_matches(conn)
    for match in matches:
        match.accepted = not (match.optional and match.key in refused)
    apply_matches(conn, matches)
    plan = classify(conn, store.replica_id, replica.current_tick(conn))
    plan.matches = matches
    return plan


def preview_merge(store: Store, received: ReceivedFile, refused: frozenset[tuple[str, str]] = frozenset()) -> Preview:
    """What merging ``received`` into ``store`` would do, with the natural-key matches in ``refused`` refused."""
    manifest = parse_manifest(received.manifest, received.source.name)
    with attached(store, received) as conn:
        sender = _sender(conn, manifest)
        if sender.replica and sender.replica == store.replica_id:
            raise DataFileError(
                f"„{received.source.name}“ wurde aus dieser Datei selbst geschrieben; es gibt nichts zusammenzuführen."
            )
        conn.execute("BEGIN")
        try:
            plan = _plan(conn, store, refused)
        finally:
            conn.rollback()
        mine = replica.knowledge(conn)
    state = _file_state(store)
    if sender.knowledge.get(store.replica_id, 0) > mine.get(store.replica_id, 0):
        plan.rewound = True
    complete = manifest.complete if manifest is not None else True
    missing = ""
    if manifest is not None and manifest.delta and not _covers(mine, manifest.basis, store.replica_id):
        missing = (
            f"Diese Änderungsdatei baut auf einem früheren Austausch mit „{sender.office}“ auf"
            + (f" (vom {manifest.since[:10]})" if manifest.since else "")
            + ", der hier noch nicht übernommen wurde. Ihre Inhalte werden trotzdem sicher zusammengeführt; "
            "bitte die fehlende Datei nachholen oder eine vollständige Datei anfordern."
        )
    return Preview(received, manifest, sender, plan, complete and not missing, missing, refused, state)


def _covers(mine: dict[str, int], basis: dict[str, int], own: str) -> bool:
    return all(counter <= mine.get(r, 0) for r, counter in basis.items() if r != own)


def apply_merge(
    store: Store, preview: Preview, decisions: Decisions, *, backup_folder: Path | None = None
) -> MergeResult:
    """Merge the previewed file in one transaction, after a backup; DataFileError if the file changed since."""
    if store.read_only:
        raise ReadOnlyError(store.read_only_reason or f"„{store.path.name}“ ist nur zum Ansehen geöffnet.")
    plan = preview.plan
    nothing_new = plan.empty or all(
        c.verdict is Verdict.CONFLICT
        and c.key not in decisions.choices
        and decisions.prefer is None
        and _noted(store, c)
        for c in plan.changes
    )
    if nothing_new and not (preview.learn and _learns(store, preview.sender.knowledge)):
        return MergeResult(
            0, 0, 0, len(plan.conflicts), None, False, False, ["Nichts Neues: die Datei ist schon übernommen."]
        )
    backup = make_backup(store.conn, store.path, backup_folder, exchange=True)
    origin = f"{preview.sender.office or 'unbekannte Dienststelle'}, Datei „{preview.received.source.name}“"
    result = MergeResult(0, 0, 0, 0, backup, False, False)
    try:
        with attached(store, preview.received) as conn, store.transaction():
            if preview.file_state and _file_state(store) == preview.file_state:
                # Nothing was written to the data file since the preview (by this connection or any other): the plan
                # computed again would be the same, so the preview's is used. The received copy is only read from here on.
                conn.execute("PRAGMA defer_foreign_keys = ON")
                again = plan
            else:
                again = _plan(conn, store, preview.refused)
            if again.signature() != plan.signature():
                raise DataFileError(
                    "Die Datendatei wurde seit der Vorschau geändert (von Ihnen oder an einem anderen Arbeitsplatz). "
                    "Nichts wurde übernommen; bitte die Vorschau neu aufbauen."
                )
            if again.rewound or plan.rewound:  # this file went back in time (a copied-over backup): a new replica
                store.replica_id = replica.rotate(conn, replica.file_identity(store.path), "älterer Stand erkannt")
                result.rotated = True
            stamp = store.stamp()
            taken = [c for c in again.changes if merge_write.is_taken(c)]
            result.taken = merge_write.take(store, taken, stamp, origin)
            result.joined = merge_write.join(store, [c for c in again.changes if c.verdict is Verdict.JOINED], stamp)
            merge_write.settle_open(store, [c.key for c in again.changes if c.verdict is not Verdict.CONFLICT], stamp)
            for change in again.conflicts:
                choice = decisions.choices.get(change.key, decisions.prefer)
                if choice == THEIRS and change.conflict is ConflictKind.SIGNED and change.key not in decisions.choices:
                    choice = MINE  # "take theirs" never changes a signed agreement; only an explicit choice could try
                if choice is None:
                    merge_write.keep_open(store, change, stamp, preview.sender.replica, preview.sender.office)
                    result.left_open += 1
                else:
                    merge_write.decide(store, change, choice, stamp, origin)
                    result.decided += 1
            for table, old, new in settle_ids(conn, again.matches):
                store._audit(
                    table, new, "update", {"id": [old, new], "_austausch": [None, f"zusammengeführt ({origin})"]}
                )
            if preview.learn:
                result.learned = _learn(conn, preview.sender.knowledge, store.replica_id)
            partners.record_received(
                store,
                preview.sender.replica,
                preview.sender.site_id,
                preview.sender.office,
                stamp.now,
                preview.sender.knowledge,
            )
            counts = {"übernommen": result.taken, "entschieden": result.decided, "offen": result.left_open}
            manifest_json = preview.manifest.to_json() if preview.manifest else {}
            partners.log_exchange(
                store,
                "received",
                preview.sender.replica,
                preview.sender.office,
                preview.received.source.name,
                manifest_json,
                counts,
            )
    except sqlite3.IntegrityError as exc:  # rolled back: the data file is as it was
        raise DataFileError(_refusal(store, preview.received, backup, exc)) from exc
    if preview.missing_basis:
        result.notes.append(preview.missing_basis)
    return result


def _refusal(store: Store, received: ReceivedFile, backup: Path, exc: sqlite3.IntegrityError) -> str:
    """The German message of a merge the data file's rules refused (after the rollback)."""
    with attached(store, received) as conn:
        pairs = second_value_ids(conn)
        labels = ", ".join(record_label(conn, "kpi_values", row) for row in pairs)
    if pairs:
        what = (
            f"Sie bringt für Kennzahlwerte, die hier gelten ({labels}), je einen zweiten Eintrag: dort wurde der Wert "
            "gelöscht und unter neuer Kennung wieder erfasst (wie es der Excel-Import älterer Programmversionen tat). "
            "Abhilfe: den Wert hier notieren und löschen, die Datei übernehmen und den Wert danach prüfen."
        )
    else:
        what = f"Sie verletzt eine Regel der Datendatei ({exc})."
    return (
        f"Die Austauschdatei lässt sich nicht zusammenführen. {what} Nichts wurde übernommen; die Sicherung von "
        f"vorher liegt in „{backup}“."
    )


def _noted(store: Store, change: RowChange) -> bool:
    """True if this conflict is already noted as open with the same version of the other side."""
    row = store.conn.execute(
        "SELECT theirs_vv FROM exchange_conflicts WHERE table_name = ? AND row_id = ? AND state = 'open'", change.key
    ).fetchone()
    return row is not None and row[0] == change.theirs["vv"]


def _learns(store: Store, knowledge: dict[str, int]) -> bool:
    mine = replica.knowledge(store.conn)
    return any(counter > mine.get(r, 0) for r, counter in knowledge.items() if r != store.replica_id)


def _learn(conn: sqlite3.Connection, knowledge: dict[str, int], own: str) -> bool:
    """Take over what the other file had seen (its knowledge vector); True if anything was new."""
    learned = False
    for replica_id, counter in knowledge.items():
        if replica_id == own:
            continue
        row = conn.execute(
            "SELECT site_id, office_name, parent_id, first_seen FROM x.replicas WHERE id = ?", (replica_id,)
        ).fetchone()
        site, office, parent, seen = row if row else ("", "", "", "")
        cursor = conn.execute(
            "INSERT INTO main.replicas (id, site_id, office_name, known_seq, parent_id, first_seen) "
            "VALUES (?, ?, ?, ?, ?, coalesce(nullif(?, ''), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) "
            "ON CONFLICT (id) DO UPDATE SET known_seq = excluded.known_seq WHERE excluded.known_seq > known_seq",
            (replica_id, site, office, counter, parent, seen),
        )
        learned = learned or cursor.rowcount > 0
    return learned
