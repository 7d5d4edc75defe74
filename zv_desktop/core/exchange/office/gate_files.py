"""The file side of the exchange gate: look at the chosen file without SQLite and copy it (and its log) privately.

The user's file is only ever opened for reading, never handed to SQLite and never written. It is opened without
waiting for a writer (``O_NONBLOCK``), so a pipe or a device given a ``.zvx`` name cannot stall the program, then
judged by ``fstat`` of the open handle (a plain file, 1 byte … the size cap) and by its first 100 bytes (SQLite's
header), and read in chunks into a new file of mode 0o600 in the private folder, stopping as soon as it grows past
the cap. A write-ahead log beside it is copied too (it may hold committed rows); a hot rollback journal beside it
(a write cut off half-way) makes the file unusable, because the copy would hold half-written pages.
"""

from __future__ import annotations

import os
import shutil
import stat
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from zv_desktop.core.errors import DataFileError, os_reason
from zv_desktop.core.formats import format_number

#: The first 16 bytes of every SQLite database.
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Prefix of the private folders the copies live in (``tempfile.mkdtemp``).
TEMP_PREFIX = "zv-austausch-"

_CHUNK = 1024 * 1024
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class ExchangeRefused(DataFileError):
    """A received exchange file was refused; ``str()`` names the file and what is wrong, in German.

    Nothing of the file was changed and nothing of it was kept.
    """


def size_text(size: int) -> str:
    """A file size for a German message: „2 GB“, „4,8 MB“, „512 Bytes“ (units of 1024)."""
    if size >= 1024**3:
        return f"{format_number(round(size / 1024**3, 1))} GB"
    if size >= 1024**2:
        return f"{format_number(round(size / 1024**2, 1))} MB"
    return f"{format_number(size, 0)} Bytes"


def _too_big(shown: str, cap: int, size: int | None = None) -> ExchangeRefused:
    actual = ""
    if size is not None:  # just over the cap rounds to the cap: then in bytes, so the two figures differ
        exact = size_text(size) == size_text(cap)
        actual = f"{format_number(size, 0) + ' Bytes' if exact else size_text(size)}; "
    return ExchangeRefused(
        f"Die Datei {shown} ist zu groß für eine ZV-Austauschdatei ({actual}höchstens {size_text(cap)} "
        f"= {format_number(cap, 0)} Bytes sind erlaubt)."
    )


def _unreadable(shown: str, exc: OSError) -> ExchangeRefused:
    return ExchangeRefused(f"Die Austauschdatei {shown} {os_reason(exc)}.")


def workspace_refusal(shown: str, exc: OSError) -> ExchangeRefused:
    """The refusal when the private copy cannot be made (temporary folder full or not writable)."""
    return ExchangeRefused(
        f"Für die Prüfung der Austauschdatei {shown} kann keine Arbeitskopie angelegt werden: "
        f"der temporäre Ordner {os_reason(exc)}."
    )


def open_source(source: Path, cap: int) -> tuple[BinaryIO, bytes]:
    """Open the chosen file for reading and check it: a plain file of 1 … ``cap`` bytes with SQLite's header.

    Returns the open handle, positioned after the first 100 bytes, and those bytes; the caller closes the handle.
    """
    shown = f"„{source}“"
    if source.is_dir():
        raise ExchangeRefused(f"{shown} ist ein Ordner, keine ZV-Austauschdatei.")
    try:
        handle = os.fdopen(os.open(source, _READ_FLAGS), "rb")
    except OSError as exc:
        raise _unreadable(shown, exc) from exc
    with ExitStack() as stack:
        stack.enter_context(handle)
        header = _check_opened(handle, shown, cap)
        stack.pop_all()  # checked: the caller gets the handle open
    return handle, header


def _check_opened(handle: BinaryIO, shown: str, cap: int) -> bytes:
    try:
        status = os.fstat(handle.fileno())
        if stat.S_ISDIR(status.st_mode):
            raise ExchangeRefused(f"{shown} ist ein Ordner, keine ZV-Austauschdatei.")
        if not stat.S_ISREG(status.st_mode):
            raise ExchangeRefused(
                f"{shown} ist keine gewöhnliche Datei (sondern etwa ein Gerät oder eine Pipe) und damit keine "
                "ZV-Austauschdatei."
            )
        header = handle.read(100) if 0 < status.st_size <= cap else b""
    except OSError as exc:
        raise _unreadable(shown, exc) from exc
    if status.st_size == 0:
        raise ExchangeRefused(f"Die Datei {shown} ist leer und damit keine ZV-Austauschdatei.")
    if status.st_size > cap:
        raise _too_big(shown, cap, status.st_size)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise ExchangeRefused(f"Die Datei {shown} ist keine ZV-Austauschdatei (keine SQLite-Datenbank).")
    return header


def copy_private(handle: BinaryIO, first: bytes, target: Path, shown: str, cap: int, already: int = 0) -> int:
    """Write ``first`` and the rest of ``handle`` into the new file ``target`` (mode 0o600); returns the bytes written.

    Stops with a refusal as soon as ``already`` plus the bytes written exceed ``cap`` (a file growing while it is
    copied, or a log beside it, cannot get past the cap).
    """
    try:
        out = os.fdopen(os.open(target, _WRITE_FLAGS, 0o600), "wb")
    except OSError as exc:
        raise workspace_refusal(shown, exc) from exc
    written = 0
    with out:
        chunk = first
        while True:
            if not chunk:
                try:
                    chunk = handle.read(_CHUNK)
                except OSError as exc:
                    raise _unreadable(shown, exc) from exc
                if not chunk:
                    return written
            written += len(chunk)
            if already + written > cap:
                raise _too_big(shown, cap)
            try:
                out.write(chunk)
            except OSError as exc:
                raise workspace_refusal(shown, exc) from exc
            chunk = b""


def _open_beside(path: Path, shown: str) -> BinaryIO | None:
    """A plain, non-empty file ``path`` opened for reading, or None if there is none (folders, pipes … are ignored)."""
    try:
        handle = os.fdopen(os.open(path, _READ_FLAGS), "rb")
    except FileNotFoundError:
        return None
    except OSError as exc:
        if path.is_dir():
            return None
        raise ExchangeRefused(
            f"„{path.name}“ neben der Austauschdatei {shown} {os_reason(exc)}; ohne diese Datei ist die "
            "Austauschdatei womöglich unvollständig."
        ) from exc
    try:
        status = os.fstat(handle.fileno())
    except OSError as exc:
        handle.close()
        raise _unreadable(shown, exc) from exc
    if not stat.S_ISREG(status.st_mode) or status.st_size == 0:
        handle.close()
        return None
    return handle


def copy_log(source: Path, copy: Path, cap: int, already: int) -> bool:
    """Copy the write-ahead log beside ``source`` (if there is one) beside ``copy``; True if one was copied.

    A hot rollback journal beside ``source`` (non-empty, its first byte not zero: a write was cut off) is refused.
    """
    shown = f"„{source}“"
    journal = _open_beside(Path(f"{source}-journal"), shown)
    if journal is not None:
        with journal:
            try:
                first = journal.read(1)
            except OSError as exc:
                raise _unreadable(shown, exc) from exc
        if first not in (b"", b"\x00"):
            raise ExchangeRefused(
                f"Die Austauschdatei {shown} wurde nicht sauber geschlossen: daneben liegt „{source.name}-journal“ "
                "mit einer unterbrochenen Änderung. Bitte die Datei beim Absender einmal in ZV Desktop öffnen und "
                "schließen und dann noch einmal schicken."
            )
    log = _open_beside(Path(f"{source}-wal"), shown)
    if log is None:
        return False
    with log:
        copy_private(log, b"", Path(f"{copy}-wal"), shown, cap, already)
    return True


def remove_workspace(folder: Path) -> None:
    """Remove a private folder made by the gate, with everything in it; any other folder is left alone."""
    if folder.name.startswith(TEMP_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)
