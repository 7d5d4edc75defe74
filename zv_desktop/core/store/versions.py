"""Version vectors of records, and the stamp every writing transaction puts on the rows it changes.

A record's version vector (column ``vv``) names, for every replica (file copy) that changed the record, that
replica's counter at its latest change: ``"3f9c…:17 a01b…:4"`` (16 hex digits, a colon, the counter; entries sorted
by replica, separated by one space, so equal vectors are equal texts). Of two versions of a record, one is newer if
its vector is at least the other's in every entry; if each has an entry the other lacks, both were changed
independently since they last met: a conflict. Built-in catalogue rows have the empty vector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

#: One entry of a vector: a replica id (16 lower-case hex digits) and a positive counter.
_ENTRY = re.compile(r"^([0-9a-f]{16}):([1-9][0-9]{0,17})$")


class Order(Enum):
    """How one version of a record relates to another."""

    EQUAL = "equal"
    NEWER = "newer"  # it has everything the other has, and more
    OLDER = "older"
    CONCURRENT = "concurrent"  # each has changes the other has not seen


def parse(text: str) -> dict[str, int]:
    """The entries of a vector; ValueError for text that is not one (a file changed outside the program)."""
    entries: dict[str, int] = {}
    for part in text.split():
        match = _ENTRY.match(part)
        if match is None or match[1] in entries:
            raise ValueError(f"not a version vector: {text!r}")
        entries[match[1]] = int(match[2])
    return entries


def render(entries: dict[str, int]) -> str:
    """The canonical text of a vector (sorted, so that equal vectors compare equal as text)."""
    return " ".join(f"{replica}:{entries[replica]}" for replica in sorted(entries) if entries[replica] > 0)


def with_entry(text: str, replica: str, counter: int) -> str:
    """The vector after a change by ``replica`` at ``counter``."""
    entries = parse(text)
    entries[replica] = counter
    return render(entries)


def merged(a: str, b: str) -> str:
    """The smallest vector that is at least ``a`` and ``b`` (what a version that has seen both carries)."""
    entries = parse(a)
    for replica, counter in parse(b).items():
        entries[replica] = max(counter, entries.get(replica, 0))
    return render(entries)


def compare(a: str, b: str) -> Order:
    """How version ``a`` relates to version ``b``."""
    if a == b:
        return Order.EQUAL
    left, right = parse(a), parse(b)
    a_more = any(counter > right.get(replica, 0) for replica, counter in left.items())
    b_more = any(counter > left.get(replica, 0) for replica, counter in right.items())
    if a_more and b_more:
        return Order.CONCURRENT
    if a_more:
        return Order.NEWER
    if b_more:
        return Order.OLDER
    return Order.EQUAL


def covered(text: str, knowledge: dict[str, int]) -> bool:
    """True if a file that has seen ``knowledge`` (replica → counter) has seen this version or a newer one."""
    return all(counter <= knowledge.get(replica, 0) for replica, counter in parse(text).items())


@dataclass(frozen=True)
class Stamp:
    """What one writing transaction writes into the sync columns of every row it changes."""

    now: str  # modified_at (UTC, ISO text; for people, never for ordering)
    site_id: str  # the office
    user: str  # modified_by
    replica: str  # this file copy's replica id
    tick: int  # this replica's counter for the transaction: the vector entry and local_seq of changed rows

    def vector(self, old: str = "") -> str:
        """The version vector of a row this transaction changes (``old``: the row's vector before)."""
        return with_entry(old, self.replica, self.tick)
