"""Who else has a data file open: one small marker file per open window beside the data file.

Each program instance that shows a file writes ``.~zv-<file name>.<token>.json`` next to it (user, PC, process,
since when, editing or only looking) and touches it every ``HEARTBEAT_SECONDS``; closing removes it. Markers work
on every drive the file itself works on, also network shares, without locking. A marker whose process is gone (same
PC) or whose heartbeat is older than ``STALE_AFTER_SECONDS`` (another PC, e.g. after a crash or a power cut) is
stale: it is ignored and cleared.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from zv_desktop.core.store.conflicts import local_time_text

_log = logging.getLogger(__name__)

#: How often a running instance touches its marker (seconds).
HEARTBEAT_SECONDS = 60
#: A marker not touched for this long belongs to an instance that is gone (seconds).
STALE_AFTER_SECONDS = 5 * HEARTBEAT_SECONDS


@dataclass(frozen=True)
class Session:
    """Another instance that has the file open, as its marker says."""

    user: str
    host: str
    pid: int
    since: str  # ISO, UTC
    heartbeat: str  # ISO, UTC
    editing: bool
    marker: Path

    def describe(self) -> str:
        """German: "Anna Muster auf PC-17 seit 05.12.2026 um 13:10 Uhr"."""
        return f"{self.user} auf {self.host} seit {local_time_text(self.since)}"


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _pattern(path: Path) -> str:
    return f".~zv-{path.name}.*.json"


def this_host() -> str:
    """The name of this PC, as shown to colleagues."""
    return socket.gethostname() or "unbekanntem PC"


def process_alive(pid: int) -> bool:
    """True if a process with this id runs on this PC."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it belongs to someone else
    return True


def _read(marker: Path) -> Session | None:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        return Session(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            str(data["since"]),
            str(data["heartbeat"]),
            bool(data["editing"]),
            marker,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # half written, removed meanwhile, or not ours: not a session


def is_stale(session: Session, now: datetime | None = None, host: str | None = None) -> bool:
    """True if the instance behind a marker is gone: its process ended (this PC) or it stopped touching it."""
    now = now or _now()
    try:
        beat = datetime.fromisoformat(session.heartbeat.replace("Z", "+00:00"))
    except ValueError:
        return True
    if now - beat > timedelta(seconds=STALE_AFTER_SECONDS):
        return True
    return session.host == (host or this_host()) and not process_alive(session.pid)


def others(path: Path, own_marker: Path | None = None) -> list[Session]:
    """The other instances that have ``path`` open now (stale markers are cleared on the way)."""
    found: list[Session] = []
    try:
        markers = sorted(path.parent.glob(_pattern(path)))
    except OSError:
        return []
    for marker in markers:
        if own_marker is not None and marker == own_marker:
            continue
        session = _read(marker)
        if session is None:
            continue
        if is_stale(session):
            _log.info("clearing stale marker %s", marker)
            marker.unlink(missing_ok=True)
            continue
        found.append(session)
    return found


class Presence:
    """This instance's marker beside a data file: ``touch`` it regularly, ``leave`` when the file is closed."""

    def __init__(self, path: Path, user: str, editing: bool) -> None:
        self.path = path
        self.user = user
        self.editing = editing
        self.since = _iso(_now())
        self.marker = path.parent / f".~zv-{path.name}.{secrets.token_hex(6)}.json"
        self.touch()

    def touch(self) -> None:
        """Write the marker with a fresh heartbeat (atomically; a folder that cannot be written is logged)."""
        data = {
            "user": self.user,
            "host": this_host(),
            "pid": os.getpid(),
            "since": self.since,
            "heartbeat": _iso(_now()),
            "editing": self.editing,
        }
        temp = self.marker.with_suffix(".tmp")
        try:
            temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(temp, self.marker)
        except OSError as exc:
            _log.warning("presence marker %s not written: %s", self.marker, exc)
            temp.unlink(missing_ok=True)

    def others(self) -> list[Session]:
        """The other instances that have the file open."""
        return others(self.path, self.marker)

    def leave(self) -> None:
        """Remove the marker (the file is closed)."""
        try:
            self.marker.unlink(missing_ok=True)
        except OSError as exc:
            _log.warning("presence marker %s not removed: %s", self.marker, exc)


def describe_others(sessions: list[Session]) -> str:
    """German list of who has the file open ("Anna auf PC-17 seit …; Bernd auf PC-3 seit …")."""
    return "; ".join(s.describe() for s in sessions)
