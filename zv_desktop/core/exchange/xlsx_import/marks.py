"""Signs of official statistics in value cells („.“, „…“, „x“, „*“), kept as marks: no figure, the meaning noted.

A sign is kept where nothing is stored for its month or another sign is: a stored figure stays (the import never
deletes one), and a figure of the same sheet for the month wins. Marks are few (a statistics table has some dozens),
so they are saved as records through the value service, with its audit rows, in the import's transaction.
"""

from __future__ import annotations

from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import.staging import Stage
from zv_desktop.core.formats import format_number
from zv_desktop.core.rules.plausibility import mark_meaning
from zv_desktop.core.services.values import save_values
from zv_desktop.core.store import Store


def marks_note(count: int) -> str | None:
    """The preview's note on the signs that will be kept, or None if there are none."""
    if not count:
        return None
    cells = "1 Zelle" if count == 1 else f"{format_number(count)} Zellen"
    return (
        f"{cells} mit „.“, „…“, „x“ oder „*“ als „keine Zahl“ gespeichert, mit der Bedeutung des Zeichens als "
        "Bemerkung (ein gespeicherter Wert bleibt dabei, wie er ist)."
    )


def store_marks(store: Store, stage: Stage, source: str) -> int:
    """Save the signs ``stage`` keeps as marks (caller's transaction); returns how many were saved."""
    marks = stage.marks_to_store()
    records = [
        model.KpiValue(
            measure_id,
            area_id,
            year,
            None,
            period_no=month,
            value_kind=model.ValueKind(kind),
            mark=sign,
            source=source,
            comment=mark_meaning(sign),
        )
        for measure_id, area_id, year, month, kind, sign in marks
    ]
    if records:
        save_values(store, records)
    return len(records)
