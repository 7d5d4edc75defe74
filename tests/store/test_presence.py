"""Markers of who has a data file open: written, touched, removed, and stale ones recognised and cleared."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from zv_desktop.core.store import presence
from zv_desktop.core.store.presence import Presence, Session, is_stale, others


def _session(heartbeat: datetime, host: str = "PC-17", pid: int = 1) -> Session:
    iso = heartbeat.isoformat().replace("+00:00", "Z")
    return Session("anna", host, pid, iso, iso, True, Path("x"))


def test_a_fresh_marker_of_another_pc_counts_and_an_old_one_is_stale() -> None:
    now = datetime.now(UTC)
    assert not is_stale(_session(now - timedelta(seconds=30)), now, host="PC-3")
    assert is_stale(_session(now - timedelta(seconds=presence.STALE_AFTER_SECONDS + 1)), now, host="PC-3")


def test_a_marker_of_a_process_gone_on_this_pc_is_stale_at_once() -> None:
    now = datetime.now(UTC)
    assert is_stale(_session(now, host="PC-17", pid=4_000_000), now, host="PC-17")
    assert not is_stale(_session(now, host="PC-17", pid=os.getpid()), now, host="PC-17")


def test_others_sees_the_other_window_not_itself_and_clears_stale_and_skips_junk(tmp_path: Path) -> None:
    data = tmp_path / "amt.sqlite"
    data.touch()
    mine = Presence(data, "anna", editing=True)
    theirs = Presence(data, "bernd", editing=False)
    gone = tmp_path / f".~zv-{data.name}.dead.json"
    old = (datetime.now(UTC) - timedelta(hours=2)).isoformat().replace("+00:00", "Z")
    record = {"user": "carla", "host": "PC-9", "pid": 5, "since": old, "heartbeat": old, "editing": True}
    gone.write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / f".~zv-{data.name}.junk.json").write_text("{halb", encoding="utf-8")
    seen = mine.others()
    assert [(s.user, s.editing) for s in seen] == [("bernd", False)]
    assert not gone.exists()
    assert "bernd auf " in seen[0].describe() and " seit " in seen[0].describe()
    theirs.leave()
    assert mine.others() == [] and not theirs.marker.exists()
    assert others(tmp_path / "andere.sqlite") == []  # markers belong to their file only
