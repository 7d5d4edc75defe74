"""Excel import: staged Ist values far from the twelve months before them are named in a note, not refused
(issue 16); the months before are stored ones, or earlier rows of the same sheet."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_xlsx_import_support import TEMPLATE_HEADER, make_areas, save_value, write_book
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.store import Store


def _note(preview) -> str:  # type: ignore[no-untyped-def]
    found = [n for n in preview.notes if "stark von den zwölf Monaten" in n]
    assert len(found) <= 1
    return found[0] if found else ""


def test_values_far_from_stored_and_sheet_history_are_named(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    kreis = areas["Kreis Testland"]
    for month in range(7, 13):  # half a year of the Integrationsquote stored: 20,0 … 22,5 %
        save_value(store, "K2", kreis, 2013, month, str(20 + (month - 7) / 2))
    rows = [TEMPLATE_HEADER]
    for month, figure in ((1, 21.5), (2, 70), (3, 22), (4, 6.5)):
        rows.append(["K2", "Kreis Testland", 2014, month, "Ist", figure, None, None])
    for month, figure in ((1, 10), (2, 10), (3, 11), (4, 10.5), (5, 40)):  # its history is the sheet itself
        rows.append(["K2", "Musterstadt", 2014, month, "Ist", figure, None, None])
    rows.append(["K2", "Langenfeld (Rhld.)", 2014, 1, "Ist", 90, None, None])  # no months before: not judged
    rows.append(["K3", "Musterstadt", 2014, 6, "Ist", -80, None, None])  # a change rate: never judged so
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": rows}))
    assert not preview.problems and preview.new == 11  # warned, not refused
    note = _note(preview)
    assert note.startswith("3 Werte weichen stark von den zwölf Monaten davor ab")
    assert "F3 (K2, Kreis Testland, 02/2014: 70)" in note and "F5 (K2, Kreis Testland, 04/2014: 6,5)" in note
    assert "F10 (K2, Musterstadt, 05/2014: 40)" in note
    assert "Langenfeld" not in note and "K3" not in note and "21,5" not in note
    assert run_import(store, preview).new == 11


def test_an_ordinary_year_gets_no_note(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    rows = [TEMPLATE_HEADER] + [
        ["K2", "Kreis Testland", 2014, month, "Ist", 20 + month / 4, None, None] for month in range(1, 13)
    ]
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": rows}))
    assert preview.new == 12 and _note(preview) == ""
