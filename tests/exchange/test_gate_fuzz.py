"""Fuzzing the untrusted-file gate: 500 byte mutations (seeds 1 … 500; 60 in `make test`) of a real exchange file
through ``receive``.

Each one either passes, and then its copy is a ZV file of the current schema whose every row can be read, or is
refused with a German message naming the file; no other exception, no case over ``TIME_LIMIT`` seconds, the
mutated file and its folder byte-identical afterwards, no temporary folder left behind.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import pytest

from tests.depth import depth
from tests.exchange.hostile import mutations, receive_mutation
from tests.fuzz.corpus import TIME_LIMIT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM")

SEEDS = range(1, depth(60, 500) + 1)


@pytest.mark.thorough
def test_mutated_exchange_files_pass_whole_or_are_refused_in_german(
    exchange_bytes: bytes, inbox: Path, private_temp: Path
) -> None:
    outcomes = [receive_mutation(data, seed, inbox) for seed, data in mutations(exchange_bytes, SEEDS)]
    assert len(outcomes) == len(SEEDS)
    assert [o for o in outcomes if o.bad] == []
    assert list(private_temp.iterdir()) == []
    assert list(inbox.iterdir()) == []
    results = collections.Counter(o.result for o in outcomes)
    assert results["passed"] > 0 and results["refused"] > 0, results  # the mutations hit both ways
    assert any("beschädigt" in o.message for o in outcomes)
    assert max(o.seconds for o in outcomes) < TIME_LIMIT
