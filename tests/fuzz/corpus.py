"""Byte mutations of a data file and of a workbook, and running them through the program's entry points.

Each mutation is made from a seed, so a failing case can be made again. Every entry point must answer with a German
message (exit 0, 1 or 2; never 3, the crash report of an unexpected error), within ``TIME_LIMIT`` seconds, and must
leave the input byte-identical (the data file is compared for the read commands, the workbook for the import).
"""

from __future__ import annotations

import hashlib
import io
import random
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from zv_desktop.cli.main import main as zv_main

#: Longest time an entry point may take on a mutated file (seconds).
TIME_LIMIT = 10


def mutate(data: bytes, seed: int) -> bytes:
    """One mutation of ``data``: flipped bytes, a zeroed or copied range, or a cut, chosen by ``seed``."""
    rng = random.Random(seed)
    out = bytearray(data)
    kind = rng.choice(["flip", "flip", "header", "zero", "copy", "cut"])
    if kind == "flip":
        for _ in range(rng.randint(1, 16)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    elif kind == "header":  # the first page: SQLite's header and the schema, a zip's first entry
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(min(len(out), 4096))] = rng.randrange(256)
    elif kind == "zero":
        start = rng.randrange(len(out))
        length = rng.choice([1, 8, 64, 512, 4096])
        out[start : start + length] = bytes(len(out[start : start + length]))
    elif kind == "copy":
        length = rng.choice([16, 256, 4096])
        source, target = rng.randrange(len(out)), rng.randrange(len(out))
        piece = out[source : source + length]
        out[target : target + len(piece)] = piece
    else:
        out = out[: rng.randrange(1, len(out))]
    return bytes(out)


@dataclass
class Outcome:
    """How one entry point answered one mutated file."""

    seed: int
    command: str
    code: int
    seconds: float
    changed: bool
    message: str

    @property
    def bad(self) -> bool:
        """A crash (exit 3 or an exception), a hang, a changed input, or an error without a German line."""
        unexplained = self.code != 0 and not self.message.startswith("zv:")
        return self.code not in (0, 1, 2) or self.seconds > TIME_LIMIT or self.changed or unexplained


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def run_zv(args: list[str], watched: Path, seed: int) -> Outcome:
    """Run `zv` in this process on a mutated file; ``watched`` must be byte-identical afterwards."""
    before = _digest(watched)
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    try:
        with time_limit(TIME_LIMIT + 5), redirect_stdout(out), redirect_stderr(err):
            code = zv_main(args)
    except Hang:
        code = -1
    except Exception as exc:  # noqa: BLE001 - any escaping exception is what this harness looks for
        code, err = -2, io.StringIO(f"{type(exc).__name__}: {exc}")
    seconds = time.monotonic() - started
    message = err.getvalue().strip()
    return Outcome(seed, " ".join(args[2:4]), code, seconds, _digest(watched) != before, message)


def data_file_cases(base: bytes, folder: Path, seeds: range) -> Iterator[Outcome]:
    """Every read entry point on each mutated copy of a data file."""
    for seed in seeds:
        path = folder / f"kaputt-{seed}.sqlite"
        for command in (["check"], ["list", "agreements"], ["list", "parties", "--json"], ["dump"]):
            path.write_bytes(mutate(base, seed))
            for leftover in folder.glob(f"kaputt-{seed}.sqlite-*"):
                leftover.unlink()
            yield run_zv(["--db", str(path), *command], path, seed)
        path.unlink()


def workbook_cases(book: bytes, data_file: bytes, folder: Path, seeds: range) -> Iterator[Outcome]:
    """The Excel import (preview only, and writing) of each mutated copy of a workbook."""
    for seed in seeds:
        workbook = folder / f"kaputt-{seed}.xlsx"
        workbook.write_bytes(mutate(book, seed))
        target = folder / f"ziel-{seed}.sqlite"
        for extra in (["--dry-run"], []):
            target.write_bytes(data_file)
            yield run_zv(["--db", str(target), "import-xlsx", str(workbook), *extra], workbook, seed)
        workbook.unlink()
        target.unlink()
