"""User settings (QSettings INI in the user's folder) with presets and locks from an administrator's file."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from zv_desktop.core.paths import program_folder, settings_file

ADMIN_FILE_NAME = "zv-desktop-admin.ini"
MAX_RECENT = 8

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
        raw = self._user.value("recent_files") or []
        items = [raw] if isinstance(raw, str) else list(raw)
        return [Path(p) for p in items if p and Path(p).exists()]

    def add_recent_file(self, path: Path) -> None:
        """Put a file at the top of the recent list."""
        entries = [str(path.resolve())] + [str(p) for p in self.recent_files() if p.resolve() != path.resolve()]
        self._user.setValue("recent_files", entries[:MAX_RECENT])
        self._user.sync()
