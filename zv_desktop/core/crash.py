"""Crash reports: the traceback of an unexpected error written to a file in the user's log folder."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from zv_desktop.core.paths import log_dir


def write_crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """Write the traceback to ``absturz-<time>.log`` in the log folder; returns the file's path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"absturz-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    path.write_text("".join(traceback.format_exception(exc_type, exc, tb)), encoding="utf-8")
    return path
