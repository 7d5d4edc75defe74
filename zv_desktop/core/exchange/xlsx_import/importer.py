"""Importing what a preview showed: every valid value in one transaction, all or nothing."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.bulk_write import write_staged
from zv_desktop.core.exchange.xlsx_import.file_check import WorkbookFileError, fingerprint
from zv_desktop.core.exchange.xlsx_import.preview import preview_import
from zv_desktop.core.exchange.xlsx_import.results import ImportPreview, ImportResult
from zv_desktop.core.exchange.xlsx_import.staging import CHANGED, NEW, UNCHANGED, Stage, data_state
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store


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
    with store.transaction():
        # compare again unless nothing was written to the data file since the preview (by anyone)
        counts = stage.counts() if data_state(store) == state else stage.classify()
        total = counts[NEW] + counts[CHANGED]
        if progress is not None:
            progress.update(0, total, "Werte werden gespeichert …")
        if total:
            write_staged(store, stage, progress, total)
    stage.drop()
    return ImportResult(counts[NEW], counts[CHANGED], counts[UNCHANGED])


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
