"""The manifest of an exchange file: who sent it, when, what it holds, full or delta (meta key 'exchange_manifest').

It is one JSON object in the file's ``meta`` table, so the exchange file stays an ordinary ZV data file. The
receiving side reads it only after the untrusted-file gate, and checks every field before use: a missing or
malformed field makes the manifest unusable (German message), never a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.formats import format_number

#: File name extension of exchange files ("ZV-Austausch"), registered by the installer for double-click.
EXTENSION = ".zvx"
MANIFEST_KEY = "exchange_manifest"
FORMAT = "zv-austausch"
FORMAT_VERSION = 1

#: The kinds of content shown per line of a manifest and a merge preview, with their German names.
KIND_TABLES: dict[str, tuple[str, ...]] = {
    "Stammdaten": ("parties", "signatories", "areas", "measures"),
    "Zielvereinbarungen": ("agreements", "agreement_parties", "amendments", "sections", "clauses"),
    "Ziele": ("goals", "goal_matches"),
    "Kennzahlwerte": ("kpi_values",),
    "Vorlagen": ("papers", "consultations"),
    "Anlagen": ("attachments",),
}
_REPLICA = re.compile(r"^[0-9a-f]{16}$")


@dataclass
class Manifest:
    """What an exchange file says about itself."""

    office: str  # sender office name
    site_id: str
    replica: str  # sender's replica id
    user: str
    created_at: str  # UTC, ISO
    schema_version: int
    complete: bool  # every change the sender had (full or delta); False for a selection
    delta: bool  # only changes since the last exchange with ``for_office``
    knowledge: dict[str, int]  # sender's knowledge vector when it wrote the file
    basis: dict[str, int] = field(default_factory=dict)  # delta: what the sender assumed the receiver has
    for_replica: str = ""
    for_office: str = ""
    since: str = ""  # delta: time of the exchange it builds on
    selection: dict[str, list[Any]] = field(default_factory=dict)  # parties, years, agreements chosen
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # kind → {"live": n, "deleted": m}

    def to_json(self) -> dict[str, Any]:
        """The JSON object stored in the file."""
        return {"format": FORMAT, "format_version": FORMAT_VERSION, **self.__dict__}

    @property
    def kind_text(self) -> str:
        """German description: "vollständig", "Änderungen seit … für …", "Auswahl"."""
        if self.delta:
            target = f" für {self.for_office}" if self.for_office else ""
            return f"Änderungen seit dem letzten Austausch{target}"
        return "vollständig" if self.complete else "Auswahl"

    def count_lines(self) -> list[str]:
        """What the file holds per kind, in German („Kennzahlwerte: 744, 3 Löschvermerke“); empty kinds left out."""
        lines = []
        for kind in KIND_TABLES:
            counts = self.counts.get(kind, {})
            live, deleted = int(counts.get("live", 0)), int(counts.get("deleted", 0))
            if live or deleted:
                extra = f", {format_number(deleted)} Löschvermerke" if deleted else ""
                lines.append(f"{kind}: {format_number(live)}{extra}")
        return lines


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(key)
    return value


def _vector(data: dict[str, Any], key: str) -> dict[str, int]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ValueError(key)
    out: dict[str, int] = {}
    for replica, counter in value.items():
        if not isinstance(replica, str) or not _REPLICA.match(replica) or type(counter) is not int or counter < 0:
            raise ValueError(key)
        out[replica] = counter
    return out


def parse_manifest(data: dict[str, Any] | None, file_name: str) -> Manifest | None:
    """The manifest of a received file (None if it has none: a plain data file); DataFileError if malformed."""
    if data is None:
        return None
    try:
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ValueError("format")
        flags = [data.get(k) for k in ("complete", "delta")]
        if not all(isinstance(f, bool) for f in flags) or type(data.get("schema_version")) is not int:
            raise ValueError("flags")
        selection, counts = data.get("selection", {}), data.get("counts", {})
        if not isinstance(selection, dict) or not isinstance(counts, dict):
            raise ValueError("selection")
        replica = _text(data, "replica")
        if replica and not _REPLICA.match(replica):
            raise ValueError("replica")
        return Manifest(
            office=_text(data, "office"),
            site_id=_text(data, "site_id"),
            replica=replica,
            user=_text(data, "user"),
            created_at=_text(data, "created_at"),
            schema_version=int(data["schema_version"]),
            complete=bool(flags[0]),
            delta=bool(flags[1]),
            knowledge=_vector(data, "knowledge"),
            basis=_vector(data, "basis"),
            for_replica=_text(data, "for_replica"),
            for_office=_text(data, "for_office"),
            since=_text(data, "since"),
            selection={str(k): list(v) for k, v in selection.items() if isinstance(v, list)},
            counts={str(k): dict(v) for k, v in counts.items() if isinstance(v, dict)},
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFileError(
            f"Das Inhaltsverzeichnis (Manifest) der Austauschdatei „{file_name}“ ist unvollständig oder "
            f"fehlerhaft ({exc}); die Datei wird nicht übernommen."
        ) from exc
