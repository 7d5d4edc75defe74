"""Which sheet of a workbook is imported and with which layout: the one asked for, else the first with a header.

Visible sheets are tried before hidden ones; the first ``HEADER_SCAN_ROWS`` rows of a sheet decide its layout.
The notes on the choice (a hidden sheet, the first of several) are added to the preview here too.
"""

from __future__ import annotations

from collections.abc import Generator
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import.file_check import WorkbookFileError
from zv_desktop.core.exchange.xlsx_import.headers import HEADER_SCAN_ROWS, Layout, find_layout
from zv_desktop.core.exchange.xlsx_import.results import CellProblem, ImportPreview
from zv_desktop.core.exchange.xlsx_import.sheet_rows import Row
from zv_desktop.core.exchange.xlsx_import.workbook import hidden_sheets, rows, worksheet

_EXPECTED = (
    "Erwartet wird die Vorlage (Spalten Kennzahl, Gebiet, Jahr, Monat, Art, Wert, Quelle, Bemerkung) oder eine "
    f"Monatstabelle (eine Spalte je Monat: Jan … Dez oder 01/2014 … 12/2014), Kopfzeile in den ersten {HEADER_SCAN_ROWS} "
    "Zeilen."
)


class FoundSheet(NamedTuple):
    """The sheet to import: its name, the worksheet, its layout, the rows read to find it and the rest of them."""

    name: str
    ws: Any
    layout: Layout
    top: list[tuple[int, Row]]
    stream: Generator[tuple[int, Row], None, None]

    def data_rows(self) -> Generator[tuple[int, Row], None, None]:
        """The numbered rows below the header: those read to find the layout, then the rest of the stream."""
        yield from (item for item in self.top if item[0] > self.layout.header_row)
        yield from self.stream


def find_sheet(path: Path, workbook: Any, names: list[str], wanted: str | None) -> FoundSheet:
    """The sheet to import; ZvError naming what was expected if no sheet (or not the one asked for) has a header."""
    if not names:
        raise WorkbookFileError(f"„{path.name}“ enthält keine Tabellenblätter.")
    if wanted is not None and wanted not in names:
        raise ZvError(f"Ein Blatt „{wanted}“ gibt es in „{path.name}“ nicht; vorhanden: {', '.join(names)}.")
    empty: list[str] = []
    hidden = hidden_sheets(workbook)
    visible = [n for n in names if n not in hidden]
    order = [wanted] if wanted is not None else visible + [n for n in names if n not in visible]
    for name in order:
        ws = worksheet(workbook, name)
        stream = rows(path, ws)
        top = list(islice(stream, HEADER_SCAN_ROWS))
        layout = find_layout(top) if top else None
        if layout is not None:
            return FoundSheet(name, ws, layout, top, stream)
        if not top:
            empty.append(name)
        stream.close()
    if wanted is not None and empty:
        raise ZvError(f"Das Blatt „{wanted}“ in „{path.name}“ ist leer.")
    if len(empty) == len(names):
        raise ZvError(
            f"„{path.name}“ enthält keine Werte: {'alle Blätter sind' if len(names) > 1 else 'das Blatt ist'} leer."
        )
    where = f"im Blatt „{wanted}“ keine" if wanted is not None else "in keinem Blatt eine"
    raise ZvError(f"In „{path.name}“ ist {where} Kopfzeile mit Kennzahlen zu erkennen. {_EXPECTED}")


def note_choice(preview: ImportPreview, name: str, wanted: str | None) -> None:
    """Say which sheet was chosen when there was a choice, and warn when it is hidden in Excel."""
    if name in preview.hidden_sheets and wanted is None:  # only a hidden sheet has a header: the user must look
        preview.problems.insert(
            0,
            CellProblem(
                name,
                "",
                f"Das Blatt „{name}“ ist in Excel ausgeblendet. Es wurde gewählt, weil kein sichtbares Blatt eine "
                "Kopfzeile mit Kennzahlen hat – bitte prüfen, ob es die richtigen Werte enthält.",
            ),
        )
    elif name in preview.hidden_sheets:
        preview.notes.insert(0, f"Das Blatt „{name}“ ist in Excel ausgeblendet.")
    if wanted is None and len(preview.sheet_names) > 1:
        preview.notes.insert(0, f"Blatt „{name}“ gewählt: das erste mit erkennbarer Kopfzeile.")
