"""What every sub-command of `zv` shares: exit codes, German messages on stderr, JSON on stdout, usage errors."""

from __future__ import annotations

import json
import sys

from zv_desktop.core.errors import ZvError

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class UsageError(ZvError):
    """The command cannot be carried out as asked; the message is German."""


def say(message: str) -> None:
    """A German message for the user, on stderr (stdout carries only results)."""
    print(message, file=sys.stderr)


def render_json(data: object) -> None:
    """Print data as indented JSON with umlauts kept."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
