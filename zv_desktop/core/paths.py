"""Where ZV Desktop keeps its files: the default data file, the settings and the logs.

Normally in the user's folders (platformdirs). In portable mode, a file ``portable.ini`` beside the program (on a USB
stick or a network drive) keeps them all beside it: it is the settings file itself, the default data file goes to
``Daten/`` and the logs to ``Protokolle/`` in the program's folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "ZV Desktop"
DEFAULT_FILE_NAME = "zv-daten.sqlite"
PORTABLE_FILE = "portable.ini"


def program_folder() -> Path:
    """The program's folder: beside the executable when installed as a bundle, else the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def portable_folder() -> Path | None:
    """The program's folder if it holds ``portable.ini`` (portable mode), else None."""
    folder = program_folder()
    return folder if (folder / PORTABLE_FILE).is_file() else None


def default_db_path() -> Path:
    """The data file used without ``--db``: ``ZV_DB`` if set, else beside a portable program, else the user's."""
    override = os.environ.get("ZV_DB")
    if override:
        return Path(override)
    portable = portable_folder()
    if portable is not None:
        return portable / "Daten" / DEFAULT_FILE_NAME
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DEFAULT_FILE_NAME


def settings_file() -> Path:
    """The user's settings file: ``ZV_SETTINGS`` if set, else ``portable.ini`` in portable mode, else the user's."""
    override = os.environ.get("ZV_SETTINGS")
    if override:
        return Path(override)
    portable = portable_folder()
    if portable is not None:
        return portable / PORTABLE_FILE
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "zv-desktop.ini"


def log_dir() -> Path:
    """The folder for log files (crash reports): beside a portable program, else the user's log folder."""
    portable = portable_folder()
    if portable is not None:
        return portable / "Protokolle"
    return platformdirs.user_log_path(APP_NAME, appauthor=False)
