"""Errors as values the UI and the CLI can show: German messages, never tracebacks."""

from __future__ import annotations

import errno
from dataclasses import dataclass

_OS_ERRORS = {
    errno.ENOENT: "gibt es nicht (oder der Ordner fehlt)",
    errno.EACCES: "darf nicht gelesen oder geschrieben werden (keine Berechtigung)",
    errno.EPERM: "darf nicht gelesen oder geschrieben werden (keine Berechtigung)",
    errno.EROFS: "liegt auf einem schreibgeschützten Datenträger",
    errno.ENOSPC: "kann nicht geschrieben werden: der Datenträger ist voll",
    errno.EISDIR: "ist ein Ordner, keine Datei",
    errno.ENOTDIR: "liegt nicht in einem Ordner",
    errno.ENAMETOOLONG: "hat einen zu langen Namen",
}


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, as the end of a German sentence ("gibt es nicht …")."""
    return _OS_ERRORS.get(exc.errno or 0, f"kann nicht verwendet werden ({exc.strerror or exc})")


@dataclass(frozen=True)
class Problem:
    """One problem with input: where (a field or a JSON path) and what, in German."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ZvError(Exception):
    """Base of all errors ZV Desktop reports to the user; ``str()`` is German."""


class DataFileError(ZvError):
    """The data file cannot be used (missing, foreign, broken, too new); nothing was changed."""


class ValidationError(ZvError):
    """Input breaks one or more rules; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class NotFoundError(ZvError):
    """A record asked for by id does not exist (or the id prefix is ambiguous)."""


class CorruptRecordError(DataFileError):
    """A stored value cannot be read (the file was changed outside the program)."""

    def __init__(self, table: str, row_id: str, column: str, raw: object) -> None:
        self.table, self.row_id, self.column = table, row_id, column
        shown = repr(raw) if len(repr(raw)) <= 40 else repr(raw)[:40] + "…"
        super().__init__(
            f"Unlesbarer Wert in Tabelle „{table}“, Datensatz {row_id}, Feld „{column}“: {shown}. "
            "Die Datei wurde außerhalb von ZV Desktop verändert; bitte „zv check“ ausführen."
        )


class ConflictError(ZvError):
    """A record was changed by someone else since it was read; nothing was written.

    ``record_id`` and ``table`` name the record; ``who``, ``office`` and ``when`` the other change (ISO time);
    ``fields`` the German names of what they changed. ``str()`` is the whole German message.
    """

    def __init__(
        self,
        message: str,
        *,
        table: str,
        record_id: str,
        who: str,
        office: str,
        when: str,
        fields: list[str],
        subject: str = "",
    ) -> None:
        super().__init__(message)
        self.table, self.record_id, self.subject = table, record_id, subject
        self.who, self.office, self.when, self.fields = who, office, when, list(fields)


class FileBusyError(DataFileError):
    """The data file stayed locked by another program or window for too long; nothing was written."""


class ReadOnlyError(DataFileError):
    """The file was opened for looking only; nothing was written. ``str()`` says why."""


class BusyError(ZvError):
    """A background job of this window is writing the file; the action was not carried out."""


class InstallationError(ZvError):
    """A file of the program itself is missing or damaged: the German message asks to reinstall."""
