"""Importing KPI values from Excel workbooks (.xlsx/.xlsm): preview first, then one all-or-nothing transaction.

Two layouts are read: the template (one row per value: Kennzahl, Gebiet, Jahr, Monat, Art, Wert, Quelle,
Bemerkung) and monthly tables as statistics offices publish them (one row per measure and area, one column per
month, title rows above, footnotes below). ``preview_import`` reads the sheet once and reports mappings, problems
and what would be new, changed or unchanged; ``run_import`` writes the valid values with an audit row each;
``discard_preview`` forgets a preview that is not imported.
"""

from zv_desktop.core.exchange.xlsx_import.importer import discard_preview, run_import
from zv_desktop.core.exchange.xlsx_import.preview import preview_import
from zv_desktop.core.exchange.xlsx_import.results import (
    LAYOUT_TEMPLATE,
    LAYOUT_WIDE,
    MAX_SHOWN_CHANGES,
    CellProblem,
    Change,
    ImportPreview,
    ImportResult,
    RowMapping,
    mapping_key,
)

__all__ = [
    "LAYOUT_TEMPLATE",
    "LAYOUT_WIDE",
    "MAX_SHOWN_CHANGES",
    "CellProblem",
    "Change",
    "ImportPreview",
    "ImportResult",
    "RowMapping",
    "discard_preview",
    "mapping_key",
    "preview_import",
    "run_import",
]
