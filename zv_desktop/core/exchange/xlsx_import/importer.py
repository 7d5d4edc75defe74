"""Importing what a preview showed: every valid value in one transaction, all or nothing."""

from __future__ import annotations

from zv_desktop.core.errors import ConflictError
from zv_desktop.core.exchange.xlsx_import.bulk_write import write_staged
from zv_desktop.core.exchange.xlsx_import.file_check import WorkbookFileError, fingerprint
from zv_desktop.core.exchange.xlsx_import.marks import store_marks
from zv_desktop.core.exchange.xlsx_import.preview import SOURCE_PREFIX, preview_import
from zv_desktop.core.exchange.xlsx_import.results import ImportPreview, ImportResult
from zv_desktop.core.exchange.xlsx_import.staging import CHANGED, NEW, UNCHANGED, Stage, data_state
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store
from zv_desktop.core.store.conflicts import conflict_error, local_time_text, record_label


def run_import(store: Store, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
    """Write every valid value of the preview (new ones inserted, changed ones updated) in one transaction.

    Values with a problem, and those of labels without a catalogue measure or area, are not written. The values are
    compared with the data file again inside the transaction, so the result counts what really happened. Raises
    ZvError if the file changed since the preview; nothing is written when anything fails or the user cancels.
    """
    _check_fingerprint(preview)
    stage = Stage.find(store, preview.staged)
    state = preview.data_state
    if stage is None:  # another connection, or the preview's table was replaced: read the file again
        again = preview_import(store, preview.path, progress=progress, **preview.options)
        if again.fingerprint != preview.fingerprint:
            raise _changed(preview)
        stage, state = Stage.find(store, again.staged), again.data_state
        assert stage is not None
    with store.transaction():  # holds the write lock: nobody can write between this check and the import
        # compare again unless nothing was written to the data file since the preview (by anyone)
        if data_state(store) == state:
            counts = stage.counts()
        else:
            _refuse_if_changed_since_preview(store, stage, preview)
            counts = stage.classify()
        total = counts[NEW] + counts[CHANGED]
        if progress is not None:
            progress.update(0, total, "Werte werden gespeichert …")
        if total:
            write_staged(store, stage, progress, total)
        marks = store_marks(store, stage, f"{SOURCE_PREFIX} {preview.path.name}"[:200])
    stage.drop()
    return ImportResult(counts[NEW], counts[CHANGED], counts[UNCHANGED], marks)


def _refuse_if_changed_since_preview(store: Store, stage: Stage, preview: ImportPreview) -> None:
    """A ConflictError if values the preview showed were changed by someone else since (nothing is imported)."""
    count, row = stage.changed_since_classified()
    if not count or row is None:
        return
    first = conflict_error(store.conn, "kpi_values", row, int(row["row_version"]))
    values = "1 Wert" if count == 1 else f"{count} Werte"
    raise ConflictError(
        f"Seit der Vorschau von „{preview.path.name}“ wurden {values} in der Datei von anderer Stelle geändert, "
        f"darunter {record_label(store.conn, 'kpi_values', row)} von {first.who}"
        + (f" ({first.office})" if first.office else "")
        + f" am {local_time_text(first.when)}. Nichts wurde eingelesen, damit nichts überschrieben wird; bitte "
        "die Vorschau neu erstellen.",
        table="kpi_values",
        record_id=first.record_id,
        who=first.who,
        office=first.office,
        when=first.when,
        fields=first.fields,
    )


def _check_fingerprint(preview: ImportPreview) -> None:
    if fingerprint(preview.path) != preview.fingerprint:
        raise _changed(preview)


def _changed(preview: ImportPreview) -> WorkbookFileError:
    return WorkbookFileError(
        f"„{preview.path.name}“ wurde seit der Vorschau verändert; nichts wurde eingelesen. Bitte die Vorschau neu "
        "erstellen."
    )


def discard_preview(store: Store, preview: ImportPreview) -> None:
    """Forget a preview the user decided not to import (its staged values are dropped; nothing else changes)."""
    stage = Stage.find(store, preview.staged)
    if stage is not None:
        stage.drop()
