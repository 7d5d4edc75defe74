"""User settings (QSettings INI in the user's folder) with presets and locks from an administrator's file."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings

from zv_desktop.core.paths import program_folder, settings_file

ADMIN_FILE_NAME = "zv-desktop-admin.ini"
MAX_RECENT = 8
#: How many recently opened records the start page lists (per data file).
MAX_RECENT_RECORDS = 10

#: Settings the program knows, with their defaults.
DEFAULTS: dict[str, str] = {
    "office_name": "",
    "default_folder": "",
    "last_file": "",
    "backup_folder": "",  # the daily backups: empty = „<name>.sicherungen“ beside the data file
}


def user_settings_path() -> Path:
    """The user's own settings file (``ZV_SETTINGS`` overrides; ``portable.ini`` in portable mode)."""
    return settings_file()


def admin_settings_path() -> Path:
    """The administrator's file next to the program (``ZV_ADMIN_SETTINGS`` overrides)."""
    override = os.environ.get("ZV_ADMIN_SETTINGS")
    if override:
        return Path(override)
    return program_folder() / ADMIN_FILE_NAME


class Settings:
    """Reads and writes the user's settings; values the administrator locked cannot be changed.

    The administrator's file has a ``[preset]`` group with values and a ``[locked]`` group whose
    ``keys`` entry lists (comma-separated) which of them the user may not change.
    """

    def __init__(self) -> None:
        self._user = QSettings(str(user_settings_path()), QSettings.Format.IniFormat)
        admin = admin_settings_path()
        self._admin = QSettings(str(admin), QSettings.Format.IniFormat) if admin.exists() else None

    def _admin_value(self, group: str, key: str) -> str | None:
        if self._admin is None:
            return None
        value = self._admin.value(f"{group}/{key}")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return None if value is None else str(value)

    def is_locked(self, key: str) -> bool:
        """True if the administrator fixed this setting."""
        keys = self._admin_value("locked", "keys") or ""
        return key in {k.strip() for k in keys.split(",")}

    def value(self, key: str) -> str:
        """The setting: the administrator's if locked, else the user's, else the preset, else the default."""
        preset = self._admin_value("preset", key)
        if self.is_locked(key) and preset is not None:
            return preset
        stored = self._user.value(key)
        if stored is not None:
            return str(stored)
        return preset if preset is not None else DEFAULTS.get(key, "")

    def set_value(self, key: str, value: str) -> bool:
        """Store a setting; returns False (and stores nothing) if the administrator locked it."""
        if self.is_locked(key):
            return False
        self._user.setValue(key, value)
        self._user.sync()
        return True

    def recent_files(self) -> list[Path]:
        """Recently opened data files, newest first, only those that still exist."""
        return [p for p in self.recent_file_entries() if p.exists()]

    def recent_file_entries(self) -> list[Path]:
        """Recently opened data files, newest first, also those not found any more (Datei → Zuletzt geöffnet marks
        them: a network drive may only be unreachable for the moment)."""
        raw = self._user.value("recent_files") or []
        items = [raw] if isinstance(raw, str) else list(raw)
        return [Path(p) for p in items if p]

    def add_recent_file(self, path: Path) -> None:
        """Put a file at the top of the recent list."""
        entries = [str(path.resolve())] + [str(p) for p in self.recent_file_entries() if p.resolve() != path.resolve()]
        self._user.setValue("recent_files", entries[:MAX_RECENT])
        self._user.sync()

    def clear_recent_files(self) -> None:
        """Datei → Zuletzt geöffnet → Liste leeren."""
        self._user.remove("recent_files")
        self._user.sync()

    def recent_records(self, data_file: Path) -> list[tuple[str, str, str]]:
        """Records lately opened in this data file as (kind, id, label), newest first."""
        raw = self._user.value(_records_key(data_file)) or "[]"
        try:
            items = json.loads(str(raw))
        except ValueError:
            return []
        if not isinstance(items, list):
            return []
        return [(str(i[0]), str(i[1]), str(i[2])) for i in items if isinstance(i, list) and len(i) == 3]

    def add_recent_record(self, data_file: Path, kind: str, record_id: str, label: str) -> None:
        """Put a record at the top of the data file's list of records opened lately."""
        entries = [(kind, record_id, label)] + [
            e for e in self.recent_records(data_file) if (e[0], e[1]) != (kind, record_id)
        ]
        key = _records_key(data_file)
        self._user.setValue(key, json.dumps(entries[:MAX_RECENT_RECORDS], ensure_ascii=False))
        kept = {key} | {_records_key(p) for p in self.recent_file_entries()}
        self._user.beginGroup("recent_records")  # forget the lists of files gone from the recent list
        for child in self._user.childKeys():
            if f"recent_records/{child}" not in kept:
                self._user.remove(child)
        self._user.endGroup()
        self._user.sync()


def _records_key(data_file: Path) -> str:
    """The settings key of a data file's recent records (its resolved path, hashed: paths hold "/" and ":")."""
    digest = hashlib.sha1(str(data_file.resolve()).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"recent_records/{digest}"
