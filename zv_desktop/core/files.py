"""Writing the user's files safely: a whole file or none, with a German message naming what went wrong.

Used for every document the program saves (PDF, Excel, Word, JSON): the content goes to a temp file in the same
folder and replaces the target in one step, so a reader (or a crash) never sees half a file.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from zv_desktop.core.errors import ZvError

_UMASK = os.umask(0o022)  # read once at import (os.umask can only be read by setting it) and put back
os.umask(_UMASK)

_WHY = {
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.ENOSPC: "der Datenträger ist voll",
    errno.ENAMETOOLONG: "der Dateiname ist zu lang",
    errno.EISDIR: "dort liegt ein Ordner",
    errno.ENOENT: "dort können keine Dateien angelegt werden",
}


def _why(exc: OSError) -> str:
    return _WHY.get(exc.errno or 0, f"Fehler {exc.errno} des Betriebssystems")


def write_atomically(content: bytes, target: Path, what: str = "PDF-Datei") -> None:
    """Write ``content`` to ``target`` through a temp file in the same folder, so a reader never sees half a file.

    ``what`` names the kind of file in the German messages ("PDF-Datei", "Excel-Datei").
    """
    target = Path(target)
    try:
        is_folder, has_folder = target.is_dir(), target.parent.is_dir()
    except OSError as exc:  # a name too long for the file system, …
        raise ZvError(f"„{target}“ kann nicht verwendet werden ({_why(exc)}); es wurde nichts geschrieben.") from exc
    if is_folder:
        raise ZvError(f"„{target}“ ist ein Ordner; bitte einen Dateinamen für die {what} angeben.")
    if not has_folder:
        raise ZvError(f"Den Ordner „{target.parent}“ gibt es nicht; die {what} wurde nicht geschrieben.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".zv-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ZvError(
            f"In den Ordner „{target.parent}“ kann nicht geschrieben werden ({_why(exc)}); "
            f"die {what} wurde nicht geschrieben."
        ) from exc
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK
        os.chmod(temp_name, mode)  # mkstemp makes it private to the user; a PDF is shared like any document
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise ZvError(
            f"Die Datei „{target}“ kann nicht geschrieben werden ({_why(exc)}). "
            "Ist sie in einem anderen Programm geöffnet? Es wurde nichts geschrieben."
        ) from exc
