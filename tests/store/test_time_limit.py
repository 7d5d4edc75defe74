"""The statement time limit: an endless recursive query on a real file ends with a German message."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from zv_desktop.core.store.time_limit import install_time_limit, is_interrupted, time_limit_message

ENDLESS_VIEW = (
    "CREATE VIEW endlos AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n"
)


def test_endless_view_is_stopped_after_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "falle.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(ENDLESS_VIEW)
    conn.commit()
    install_time_limit(conn, limit=0.2)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("SELECT * FROM endlos").fetchall()
    assert time.monotonic() - started < 5
    assert is_interrupted(caught.value)
    message = time_limit_message(path)
    assert "falle.sqlite" in message and "abgebrochen" in message
    # the connection stays usable, and a short statement after a long one gets its own time
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 1
    conn.close()


def test_ordinary_statements_are_not_stopped(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "gut.sqlite")
    install_time_limit(conn, limit=2.0)
    conn.execute("CREATE TABLE t (x)")
    total = conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT sum(i) FROM n"
    ).fetchone()[0]
    assert total == 5000050000
    conn.close()
