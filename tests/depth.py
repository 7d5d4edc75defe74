"""How hard the slow property, fuzz and crash tests push: a little in `make test`, fully in `make test-thorough`.

`make test` runs every test, the slow ones with few examples, seeds or rounds, so that a developer's run stays short.
`make test-thorough` (``ZV_TESTS=thorough``, run by CI after `make test`) runs the tests marked ``thorough`` with the
numbers their docstrings name. Both use the same seeds from the start, so a quick run is a prefix of a thorough one.
"""

from __future__ import annotations

import os

THOROUGH = os.environ.get("ZV_TESTS", "") == "thorough"


def depth(quick: int, thorough: int) -> int:
    """``thorough`` in a thorough run, ``quick`` otherwise."""
    return thorough if THOROUGH else quick
