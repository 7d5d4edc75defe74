"""Printing a finished PDF on a QPrinter: each chosen page rendered with pdfium, painted to fit the printer's page.

Pages are rendered at the printer's resolution (at most 300 dpi); a landscape page turns the printer's page to
landscape (or, where the printer cannot change orientation between pages, is painted turned by 90°). The loop
runs with a progress dialog whose Abbrechen stops it; a cancelled print job is aborted. The Druckvorschau
(``print_preview``) opens and renders the same PDF with ``open_pdf`` and ``render_page``.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QCoreApplication, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter, QTransform
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

#: Highest resolution pages are rendered at; more only costs memory and time.
MAX_DPI = 300
#: pdfium's pixel layout → QImage's.
_FORMATS = {
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
    "L": QImage.Format.Format_Grayscale8,
}


class PrintError(Exception):
    """The printer or the document cannot be used; ``str()`` is German."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintPages", text)


def chosen_pages(printer: QPrinter, total: int) -> list[int]:
    """The pages (0-based, in printing order) the user chose in the print dialog; all if no range was chosen."""
    numbers: list[int] = []
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            numbers = [n for r in ranges.toRangeList() for n in range(r.from_, r.to + 1)]
        elif printer.fromPage() > 0:
            numbers = list(range(printer.fromPage(), (printer.toPage() or total) + 1))
    if not numbers:
        numbers = list(range(1, total + 1))
    pages = list(dict.fromkeys(n - 1 for n in numbers if 1 <= n <= total))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def open_pdf(content: bytes) -> pypdfium2.PdfDocument:
    """The finished PDF opened with pdfium, for printing or the preview; PrintError (German) if unreadable."""
    try:
        return pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError as exc:
        raise PrintError(
            _tr("Das Dokument kann nicht zum Drucken aufbereitet werden: {error}").format(error=exc)
        ) from exc


def render_page(page: pypdfium2.PdfPage, dpi: float) -> QImage:
    """One PDF page as an image at ``dpi`` (page rotation applied), without PIL."""
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
    try:
        image_format = _FORMATS.get(bitmap.mode)
        if image_format is None:
            raise PrintError(
                _tr("Unbekanntes Bildformat beim Aufbereiten einer Seite: {mode}").format(mode=bitmap.mode)
            )
        return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format).copy()
    finally:
        bitmap.close()


def _orientation(image: QImage) -> QPageLayout.Orientation:
    if image.width() > image.height():
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def paint_page(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    """Paint a rendered page as large as fits on the printer's printable area, centred, aspect kept."""
    area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    width, height = area.width(), area.height()
    painter.setViewport(QRect(0, 0, width, height))  # the page may have turned since the painter began
    painter.setWindow(QRect(0, 0, width, height))
    if (image.width() > image.height()) != (width > height):  # the printer kept its orientation: turn the page
        image = image.transformed(QTransform().rotate(90))
    scale = min(width / image.width(), height / image.height())
    target = QRectF(0, 0, image.width() * scale, image.height() * scale)
    target.moveCenter(QRectF(0, 0, width, height).center())
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)


def print_pdf(parent: QWidget | None, content: bytes, printer: QPrinter, pages: list[int]) -> bool:
    """Print ``pages`` (0-based) of the PDF ``content``; False if the user cancelled.

    Raises PrintError (German) if the printer cannot be started or the PDF cannot be read.
    """
    pdf = open_pdf(content)
    dialog = QProgressDialog(_tr("Seiten werden gedruckt …"), _tr("Abbrechen"), 0, len(pages), parent)
    dialog.setWindowTitle(_tr("Drucken"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    painter = QPainter()
    dpi = min(printer.resolution(), MAX_DPI)
    cancelled = completed = False
    try:
        for done, index in enumerate(pages):
            dialog.setLabelText(
                _tr("Seite {page} wird gedruckt ({done} von {total}) …").format(
                    page=index + 1, done=done + 1, total=len(pages)
                )
            )
            dialog.setValue(done)
            if dialog.wasCanceled():
                cancelled = True
                break
            page = pdf[index]
            try:
                image = render_page(page, dpi)
            finally:
                page.close()
            printer.setPageOrientation(_orientation(image))  # before begin() or newPage(): applies to this page
            if done == 0:
                if not painter.begin(printer):
                    raise PrintError(_printer_problem(printer))
            elif not printer.newPage():
                raise PrintError(_printer_problem(printer))
            paint_page(painter, printer, image)
        dialog.setValue(len(pages))
        completed = not cancelled
    finally:
        if completed and painter.isActive():
            painter.end()
        else:  # cancelled, or the printer failed half-way
            _abort(printer, painter)
        pdf.close()
        dialog.close()
        dialog.deleteLater()
    return not cancelled


def _abort(printer: QPrinter, painter: QPainter) -> None:
    """Stop a print job half-way; a half-written PDF file ("In Datei drucken") is removed."""
    if not painter.isActive():
        return
    aborted = printer.abort()
    painter.end()
    target = printer.outputFileName()
    if not aborted and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and target:
        Path(target).unlink(missing_ok=True)


def _printer_problem(printer: QPrinter) -> str:
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return _tr("Die Datei {path} kann nicht geschrieben werden.").format(path=printer.outputFileName())
    return _tr("Der Drucker „{name}“ kann nicht angesprochen werden. Ist er eingeschaltet und verbunden?").format(
        name=printer.printerName()
    )
