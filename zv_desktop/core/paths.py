"""Where ZV Desktop keeps its files: the default data file and the user's folders (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ZV Desktop"
DEFAULT_FILE_NAME = "zv-daten.sqlite"


def default_db_path() -> Path:
    """The data file used without ``--db``: ``ZV_DB`` if set, else in the user's data folder."""
    override = os.environ.get("ZV_DB")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DEFAULT_FILE_NAME


def log_dir() -> Path:
    """The user's folder for log files (crash reports)."""
    return platformdirs.user_log_path(APP_NAME, appauthor=False)
