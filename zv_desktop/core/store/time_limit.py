"""A time limit on every SQL statement, so that a planted endless query (a recursive view) ends.

SQLite calls the progress handler every few thousand virtual-machine steps; the trace callback
notes when each statement starts. A statement running longer than the limit is interrupted and
fails with ``sqlite3.OperationalError("interrupted")``; ``time_limit_message`` words it in German.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

#: Seconds one statement may run. Generous: the largest real query takes well under a second.
STATEMENT_TIME_LIMIT = 45.0

#: Virtual-machine steps between two looks at the clock.
_STEPS = 20_000


class StatementClock:
    """Notes when the current statement started and stops it once it has run too long."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.started = time.monotonic()
        self.fired = False

    def statement_started(self, _sql: str) -> None:
        """Trace callback: a statement (or a trigger's statement) begins."""
        self.started = time.monotonic()

    def over_time(self) -> int:
        """Progress handler: non-zero stops the running statement."""
        if time.monotonic() - self.started > self.limit:
            self.fired = True
            return 1
        return 0


def install_time_limit(conn: sqlite3.Connection, limit: float | None = None) -> StatementClock:
    """Limit every statement on ``conn`` to ``limit`` seconds (default STATEMENT_TIME_LIMIT)."""
    clock = StatementClock(STATEMENT_TIME_LIMIT if limit is None else limit)
    conn.set_trace_callback(clock.statement_started)
    conn.set_progress_handler(clock.over_time, _STEPS)
    return clock


def is_interrupted(exc: sqlite3.Error) -> bool:
    """True if the error is the stop of a statement by the time limit."""
    return "interrupted" in str(exc).lower()


def time_limit_message(path: Path | str) -> str:
    """The German message for a statement stopped by the time limit."""
    return (
        f"Eine Abfrage der Datei „{path}“ lief länger als {STATEMENT_TIME_LIMIT:.0f} Sekunden und wurde abgebrochen. "
        "Die Datei enthält vermutlich Objekte, die nicht von ZV Desktop stammen; bitte „zv check“ ausführen."
    )
