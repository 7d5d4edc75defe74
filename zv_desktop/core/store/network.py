"""Is a data file on a network drive? SQLite's write-ahead log must not be used there.

The WAL needs shared memory between all programs using the file, which network file systems
(SMB/CIFS, NFS …) do not provide; on such a drive the file is kept in rollback-journal mode.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

#: File system types (Linux mount table) that live on another machine.
NETWORK_FS_TYPES = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "9p",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.davfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.ceph",
        "lustre",
        "gfs2",
        "ocfs2",
        "coda",
    }
)

_DRIVE_REMOTE = 4  # GetDriveTypeW


def is_network_path(path: Path | str, mount_table: Path | str | None = None) -> bool:
    """True if ``path`` is a UNC path, a mapped network drive (Windows) or on a network mount (Linux).

    ``mount_table`` replaces ``/proc/self/mountinfo`` (or ``/proc/mounts``) for tests.
    """
    text = str(path)
    if _is_unc(text):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    fstype = mount_fstype(path, mount_table)
    return fstype is not None and fstype.lower() in NETWORK_FS_TYPES


def _is_unc(text: str) -> bool:
    """``\\\\server\\share`` or ``//server/share`` (not the device paths ``\\\\?\\C:`` or ``\\\\.\\``)."""
    if text.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return True
    if text.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./")):
        return False
    if not (text.startswith("\\\\") or text.startswith("//")):
        return False
    rest = text[2:].replace("\\", "/")
    return bool(rest) and not rest.startswith("/")


def _windows_drive_is_remote(text: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return False
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return False
    return int(windll.kernel32.GetDriveTypeW(drive + "\\")) == _DRIVE_REMOTE


def mount_fstype(path: Path | str, mount_table: Path | str | None = None) -> str | None:
    """The file system type of the mount holding ``path`` (longest mount point that is a prefix)."""
    mounts = read_mounts(mount_table)
    if not mounts:
        return None
    target = PurePath(os.path.abspath(os.fspath(path)))
    best: tuple[int, str] | None = None
    for mount_point, fstype in mounts:
        point = PurePath(mount_point)
        if target == point or point in target.parents:
            depth = len(point.parts)
            if best is None or depth >= best[0]:  # later entries of the same point stack on top
                best = (depth, fstype)
    return None if best is None else best[1]


def read_mounts(mount_table: Path | str | None = None) -> list[tuple[str, str]]:
    """(mount point, fstype) of every mount, in table order; empty if no table can be read."""
    candidates = [Path(mount_table)] if mount_table else [Path("/proc/self/mountinfo"), Path("/proc/mounts")]
    for table in candidates:
        try:
            text = table.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return [entry for line in text.splitlines() if (entry := _parse_line(line)) is not None]
    return []


def _parse_line(line: str) -> tuple[str, str] | None:
    """One line of mountinfo (``… mount_point … - fstype source options``) or of /proc/mounts."""
    fields = line.split()
    if " - " in line and len(fields) >= 7:  # mountinfo
        separator = fields.index("-", 6) if "-" in fields[6:] else -1
        if separator < 0 or separator + 1 >= len(fields):
            return None
        return _unescape(fields[4]), fields[separator + 1]
    if len(fields) >= 3:  # /proc/mounts: source mount_point fstype options …
        return _unescape(fields[1]), fields[2]
    return None


def _unescape(text: str) -> str:
    """Mount tables write space, tab, newline and backslash as octal escapes (``\\040``)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        chunk = text[i + 1 : i + 4]
        if text[i] == "\\" and len(chunk) == 3 and all(c in "01234567" for c in chunk):
            out.append(chr(int(chunk, 8)))
            i += 4
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
