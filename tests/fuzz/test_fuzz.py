"""Fuzzing (issue 12, point 7), fast subset: byte mutations of a data file and of a workbook through every entry
point give a German message, never a crash or a hang, and leave the input as it was. 40 seeds per input in
`make test-thorough`, 10 in `make test`; the full corpus of 500 mutations each runs in
``tests/benchmarks/bench_fuzz.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.depth import depth
from tests.fuzz.corpus import data_file_cases, mutate, run_zv, workbook_cases
from zv_desktop.cli.main import main as zv_main
from zv_desktop.core.demo import build_demo
from zv_desktop.core.store import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM")
SEEDS = range(1, depth(10, 40) + 1)


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "demo.sqlite"
    store = open_store(path, create=True, office_name="Fuzz")
    build_demo(store)
    store.close()
    assert zv_main(["--db", str(path), "export-xlsx", "values", "--year", "2014", "-o", str(folder / "w.xlsx")]) == 0
    return path.read_bytes(), (folder / "w.xlsx").read_bytes()


def test_mutations_are_made_again_from_their_seed() -> None:
    data = bytes(range(256)) * 64
    assert mutate(data, 7) == mutate(data, 7) and mutate(data, 7) != data


@pytest.mark.thorough
def test_mutated_data_files_get_german_messages_and_stay_as_they_were(
    originals: tuple[bytes, bytes], tmp_path: Path
) -> None:
    outcomes = list(data_file_cases(originals[0], tmp_path, SEEDS))
    assert len(outcomes) == 4 * len(SEEDS)
    assert [o for o in outcomes if o.bad] == []
    assert any(o.code == 2 and "beschädigt" in o.message for o in outcomes)  # the mutations did hit something


@pytest.mark.thorough
def test_mutated_workbooks_get_german_messages_and_stay_as_they_were(
    originals: tuple[bytes, bytes], tmp_path: Path
) -> None:
    outcomes = list(workbook_cases(originals[1], originals[0], tmp_path, SEEDS))
    assert len(outcomes) == 2 * len(SEEDS)
    assert [o for o in outcomes if o.bad] == []
    assert any(o.code == 2 for o in outcomes)


def _break_member(book: bytes, member: str, how: str) -> bytes:
    """A workbook whose ``member`` has broken deflate data, or claims a compression Python cannot unpack."""
    import io
    import zipfile

    data = bytearray(book)
    info = zipfile.ZipFile(io.BytesIO(book)).getinfo(member)
    if how == "deflate":
        name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
        extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
        start = info.header_offset + 30 + name_length + extra_length
        for offset in range(2, min(info.compress_size, 40)):
            data[start + offset] ^= 0x5A
    else:  # flag bit 5 ("compressed patched data") in the central directory entry
        position = bytes(data).find(b"PK\x01\x02")
        while position != -1:
            name_length = int.from_bytes(data[position + 28 : position + 30], "little")
            if bytes(data[position + 46 : position + 46 + name_length]).decode() == member:
                data[position + 8] |= 0x20
                break
            position = bytes(data).find(b"PK\x01\x02", position + 4)
    return bytes(data)


@pytest.mark.parametrize("how", ["deflate", "flag bit 5"])
def test_a_workbook_with_a_broken_part_gets_a_german_message(
    originals: tuple[bytes, bytes], tmp_path: Path, how: str
) -> None:
    book = tmp_path / "kaputt.xlsx"
    book.write_bytes(_break_member(originals[1], "[Content_Types].xml", how))
    target = tmp_path / "ziel.sqlite"
    target.write_bytes(originals[0])
    outcome = run_zv(["--db", str(target), "import-xlsx", str(book), "--dry-run"], book, 0)
    assert outcome.code == 2 and "beschädigt" in outcome.message and not outcome.bad, outcome.message


@pytest.mark.thorough
@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_mutated_xls_and_ods_get_german_messages_and_stay_as_they_were(
    originals: tuple[bytes, bytes], tmp_path: Path, kind: str
) -> None:
    """The same mutations of an .xls (Excel 97) and an .ods (LibreOffice) as of the .xlsx above (issue 17)."""
    from tests.unit.test_xlsx_import_formats import FIXTURE, write_ods
    from tests.unit.test_xlsx_import_support import template_rows

    book = FIXTURE.read_bytes() if kind == "xls" else write_ods(tmp_path / "vorlage.ods", {"Daten": template_rows()})
    original = book if isinstance(book, bytes) else book.read_bytes()
    outcomes = list(workbook_cases(original, originals[0], tmp_path, SEEDS))
    assert len(outcomes) == 2 * len(SEEDS)
    assert [o for o in outcomes if o.bad] == []
    assert any(o.code == 2 for o in outcomes)
