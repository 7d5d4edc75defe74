"""Druckvorschau: the pages of the very PDF that Drucken… prints, before the print dialog.

The pages lie one below the other in a scroll area. Only the pages in sight are rendered with pdfium, one per
turn of the event loop (the window stays responsive, a report of hundreds of pages opens at once), and a few
rendered pages are kept. Drucken… and Als PDF speichern… are signals: ``print_actions`` prints or saves the PDF.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from enum import Enum

import pypdfium2
from PySide6.QtCore import QRect, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.ui.print_pages import MAX_DPI, PrintError, open_pdf, render_page
from zv_desktop.ui.shortcut_buttons import wire_button

#: Space around and between the pages (logical pixels).
GAP = 12
#: The zoom steps of Vergrößern/Verkleinern (1.0 = 100 %, a page as large as on paper).
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
#: How many rendered pages are kept beyond those in sight, and how much memory they may take.
CACHE_PAGES = 8
CACHE_BYTES = 96 * 1024 * 1024


class Fit(Enum):
    """How the zoom follows the window: not at all, the widest page fills the width, a whole page is in sight."""

    NONE = "none"
    WIDTH = "width"
    PAGE = "page"


class PageView(QAbstractScrollArea):
    """The pages of a PDF one below the other, rendered when they come into sight."""

    #: The current page (0-based) changed, by navigation or scrolling.
    current_changed = Signal(int)
    #: The zoom changed (a button, a shortcut, or a fit mode following the window's size).
    zoom_changed = Signal()

    def __init__(self, content: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf: pypdfium2.PdfDocument | None = open_pdf(content)
        sizes = (self._pdf.get_page_size(i) for i in range(len(self._pdf)))
        self._sizes = [(float(w), float(h)) for w, h in sizes]  # in points
        self._fit = Fit.PAGE
        self._factor = 1.0
        self._tops: list[int] = []
        self._width = 0
        self._current = 0
        self._moving = False
        self._cache: OrderedDict[int, tuple[float, QImage]] = OrderedDict()
        self._failed: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._render_next)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _value: self.viewport().update())
        self._layout()

    # -- what is shown -------------------------------------------------------------------------------

    def page_count(self) -> int:
        """How many pages the PDF has."""
        return len(self._sizes)

    def current(self) -> int:
        """The current page, 0-based."""
        return self._current

    def factor(self) -> float:
        """The zoom: 1.0 shows a page as large as on paper."""
        return self._factor

    def fit(self) -> Fit:
        """Whether the zoom follows the window's width or size."""
        return self._fit

    def page_rect(self, index: int) -> QRect:
        """Where a page lies, in the coordinates of all pages (before scrolling)."""
        width, height = self._pixels(index)
        left = max(GAP, (max(self._width, self.viewport().width()) - width) // 2)
        return QRect(left, self._tops[index], width, height)

    def rendered_size(self, index: int) -> QSize | None:
        """The size in pixels a page was last rendered at; None if it is not rendered (or no longer kept)."""
        kept = self._cache.get(index)
        return None if kept is None else kept[1].size()

    def release(self) -> None:
        """Stop rendering and close the PDF (the window closes)."""
        self._timer.stop()
        self._cache.clear()
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    # -- navigating ------------------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        """Scroll to the top of a page (clamped to the pages there are)."""
        if not self._tops:
            return
        index = max(0, min(index, self.page_count() - 1))
        self._scroll_to(self._tops[index] - GAP)
        self._set_current(index)

    def _scroll_to(self, y: int) -> None:
        """Scroll without taking the page at the new spot as the current one (the caller says which it is)."""
        self._moving = True
        try:
            self.verticalScrollBar().setValue(y)
        finally:
            self._moving = False
        self.viewport().update()

    def _scrolled(self, value: int) -> None:
        if not self._moving and self._tops:
            probe = value + self.viewport().height() * 2 // 5
            self._set_current(max(0, bisect_right(self._tops, probe) - 1))
        self.viewport().update()

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.current_changed.emit(index)

    # -- zooming ---------------------------------------------------------------------------------------

    def set_fit(self, fit: Fit) -> None:
        """Let the zoom follow the window: the widest page fills the width, or a whole page is in sight."""
        self._fit = fit
        self._zoom_to(self._fitting_factor())

    def zoom_in(self) -> None:
        """The next larger zoom step."""
        self._zoom_to(next((s for s in ZOOM_STEPS if s > self._factor * 1.01), ZOOM_STEPS[-1]), Fit.NONE)

    def zoom_out(self) -> None:
        """The next smaller zoom step."""
        smaller = [s for s in ZOOM_STEPS if s < self._factor * 0.99]
        self._zoom_to(smaller[-1] if smaller else ZOOM_STEPS[0], Fit.NONE)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._zoom_to(self._fitting_factor() if self._fit != Fit.NONE else self._factor, force=True)

    def _points_to_pixels(self) -> float:
        return self._factor * self.logicalDpiX() / 72

    def _pixels(self, index: int) -> tuple[int, int]:
        scale = self._points_to_pixels()
        width, height = self._sizes[index]
        return max(1, round(width * scale)), max(1, round(height * scale))

    def _fitting_factor(self) -> float:
        if not self._sizes:
            return 1.0
        dots = self.logicalDpiX() / 72
        widest = max(w for w, _ in self._sizes) * dots
        by_width = (self.viewport().width() - 2 * GAP) / widest
        if self._fit == Fit.PAGE:
            tallest = max(h for _, h in self._sizes) * dots
            by_width = min(by_width, (self.viewport().height() - 2 * GAP) / tallest)
        return max(ZOOM_STEPS[0] / 2, min(by_width, ZOOM_STEPS[-1]))

    def _zoom_to(self, factor: float, fit: Fit | None = None, force: bool = False) -> None:
        if fit is not None:
            self._fit = fit
        if abs(factor - self._factor) < 1e-4 and not force:
            self.zoom_changed.emit()  # the fit mode may have changed
            return
        index = self._current  # keep the same spot of the current page in sight
        top, height = (self._tops[index], self._pixels(index)[1]) if self._tops else (0, 1)
        share = (self.verticalScrollBar().value() - top + GAP) / height
        self._factor = factor
        self._layout()
        if self._tops:
            self._scroll_to(self._tops[index] - GAP + round(share * self._pixels(index)[1]))
        self.zoom_changed.emit()

    def _layout(self) -> None:
        self._tops, top, self._width = [], GAP, 0
        for index in range(self.page_count()):
            width, height = self._pixels(index)
            self._tops.append(top)
            top += height + GAP
            self._width = max(self._width, width + 2 * GAP)
        viewport = self.viewport().size()
        for bar, total, visible in (
            (self.verticalScrollBar(), top, viewport.height()),
            (self.horizontalScrollBar(), self._width, viewport.width()),
        ):
            bar.setRange(0, max(0, total - visible))
            bar.setPageStep(visible)
            bar.setSingleStep(max(20, visible // 20))

    # -- painting and rendering ------------------------------------------------------------------------

    def _in_sight(self) -> list[int]:
        if not self._tops:
            return []
        top = self.verticalScrollBar().value()
        first = max(0, bisect_right(self._tops, top) - 1)
        last = max(first, bisect_right(self._tops, top + self.viewport().height()) - 1)
        return list(range(first, last + 1))

    def _dpi(self) -> float:
        """The resolution pages are rendered at: the screen's, at most that of printing (memory stays bounded)."""
        return min(self._points_to_pixels() * 72 * self.viewport().devicePixelRatioF(), MAX_DPI)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), self.palette().dark())
        painter.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index in self._in_sight():
            rect = self.page_rect(index)
            painter.fillRect(rect.translated(2, 2), QColor(0, 0, 0, 60))  # a little shadow
            painter.fillRect(rect, Qt.GlobalColor.white)
            kept = self._cache.get(index)
            if kept is not None:
                painter.drawImage(rect, kept[1])  # an older zoom is shown scaled until it is rendered anew
                self._cache.move_to_end(index)
            if index in self._failed:
                painter.setPen(Qt.GlobalColor.darkRed)
                text = self.tr("Seite {page} kann nicht angezeigt werden.").format(page=index + 1)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            elif kept is None:
                painter.setPen(Qt.GlobalColor.gray)
                text = self.tr("Seite {page} wird aufbereitet …").format(page=index + 1)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        if self._wanted():
            self._timer.start()

    def _wanted(self) -> list[int]:
        """Pages to render, most wanted first: those in sight (the current one first), then one either side."""
        sight = self._in_sight()
        if not sight:
            return []
        order = sorted(sight, key=lambda i: (i != self._current, i)) + [sight[-1] + 1, sight[0] - 1]
        dpi = self._dpi()
        return [
            i
            for i in order
            if 0 <= i < self.page_count() and i not in self._failed and self._cache.get(i, (0.0,))[0] != dpi
        ]

    def _render_next(self) -> None:
        wanted = self._wanted()
        if not wanted or self._pdf is None:
            return
        index, dpi = wanted[0], self._dpi()
        page = self._pdf[index]
        try:
            image = render_page(page, dpi)
            image.setDevicePixelRatio(self.viewport().devicePixelRatioF())
            self._cache[index] = (dpi, image)
            self._cache.move_to_end(index)
        except (PrintError, pypdfium2.PdfiumError):
            self._failed.add(index)
        finally:
            page.close()
        self._trim(set(self._in_sight()))
        self.viewport().update()
        if len(wanted) > 1:
            self._timer.start()

    def _trim(self, keep: set[int]) -> None:
        """Forget the pages used longest ago, beyond those in sight, past a few pages or the memory budget."""
        spare = [index for index in self._cache if index not in keep]  # oldest first
        used = sum(self._cache[index][1].sizeInBytes() for index in spare)
        for index in spare:
            if used <= CACHE_BYTES and len(self._cache) <= len(keep) + CACHE_PAGES:
                break
            used -= self._cache.pop(index)[1].sizeInBytes()


class PrintPreview(QDialog):
    """Druckvorschau of a finished PDF: page by page, zoomable; Drucken… and Als PDF speichern… are signalled."""

    #: Drucken… was chosen: the caller asks for the printer and prints the PDF (and closes the preview).
    print_requested = Signal()
    #: Als PDF speichern… was chosen.
    save_requested = Signal()

    def __init__(self, parent: QWidget, title: str, content: bytes) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Druckvorschau – {title}").format(title=title))
        self.view = view = PageView(content, self)
        view.setAccessibleName(self.tr("Seiten des Dokuments"))
        count = view.page_count()
        self.first = self._tool(self.tr("Erste Seite"), "Ctrl+Home", lambda: view.go_to(0), "SP_MediaSkipBackward")
        self.previous = self._tool(self.tr("Vorherige Seite"), "PgUp", lambda: self._step(-1), "SP_ArrowBack")
        self.page = QSpinBox(self)
        self.page.setRange(1, max(1, count))
        self.page.setKeyboardTracking(False)  # jump when the number is complete (Enter), not at every digit
        self.page.setAccessibleName(self.tr("Seite"))
        self.page.setToolTip(self.tr("Seitenzahl eingeben und mit der Eingabetaste zu der Seite springen"))
        self.page.valueChanged.connect(lambda number: view.go_to(number - 1))
        label = QLabel(self.tr("S&eite"), self)
        label.setBuddy(self.page)
        self.of = QLabel(self.tr("von {count}").format(count=count), self)
        self.page.setAccessibleDescription(self.of.text())
        self.next = self._tool(self.tr("Nächste Seite"), "PgDown", lambda: self._step(1), "SP_ArrowForward")
        self.last = self._tool(
            self.tr("Letzte Seite"), "Ctrl+End", lambda: view.go_to(count - 1), "SP_MediaSkipForward"
        )
        self.fit_width = self._tool(self.tr("Seite&nbreite"), "", lambda: view.set_fit(Fit.WIDTH))
        self.fit_page = self._tool(self.tr("&Ganze Seite"), "", lambda: view.set_fit(Fit.PAGE))
        self.zoom_out = self._tool(self.tr("Verkleinern"), "Ctrl+-", view.zoom_out, text="−")
        self.zoom = QLabel(self)
        self.zoom.setAccessibleName(self.tr("Zoomstufe"))
        self.zoom.setMinimumWidth(self.zoom.fontMetrics().horizontalAdvance("400 %") + 8)
        self.zoom.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in = self._tool(self.tr("Vergrößern"), "Ctrl++", view.zoom_in, text="+")
        bar = QHBoxLayout()
        for widget in (self.first, self.previous, label, self.page, self.of, self.next, self.last):
            bar.addWidget(widget)
        bar.addSpacing(24)
        for widget in (self.fit_width, self.fit_page, self.zoom_out, self.zoom, self.zoom_in):
            bar.addWidget(widget)
        bar.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = self._button(self.tr("D&rucken…"), self.tr("Drucken"), "Ctrl+P", self.print_requested.emit)
        self.pdf_button = self._button(
            self.tr("Als &PDF speichern…"), self.tr("Als PDF speichern"), "Ctrl+Shift+S", self.save_requested.emit
        )
        self.close_button = self._button(self.tr("&Schließen"), self.tr("Schließen"), "Ctrl+W", self.reject)
        for button in (self.print_button, self.pdf_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        view.current_changed.connect(self._show_page)
        view.zoom_changed.connect(self._show_zoom)
        self.finished.connect(lambda _result: view.release())
        self._show_page(0)
        self._show_zoom()
        view.setFocus()

    def page_text(self) -> str:
        """„Seite n von N“, as the page field and the label beside it show it."""
        return self.tr("Seite {page} von {count}").format(page=self.page.value(), count=self.view.page_count())

    def _step(self, by: int) -> None:
        self.view.go_to(self.view.current() + by)

    def _show_page(self, index: int) -> None:
        with QSignalBlocker(self.page):
            self.page.setValue(index + 1)
        for button in (self.first, self.previous):
            button.setEnabled(index > 0)
        for button in (self.next, self.last):
            button.setEnabled(index < self.view.page_count() - 1)

    def _show_zoom(self) -> None:
        self.zoom.setText(f"{round(self.view.factor() * 100)} %")
        self.zoom_out.setEnabled(self.view.factor() > ZOOM_STEPS[0] * 1.01)
        self.zoom_in.setEnabled(self.view.factor() < ZOOM_STEPS[-1] * 0.99)
        self.fit_width.setChecked(self.view.fit() == Fit.WIDTH)
        self.fit_page.setChecked(self.view.fit() == Fit.PAGE)

    def _tool(self, name: str, keys: str, slot: Callable[[], object], icon: str = "", text: str = "") -> QToolButton:
        button = wire_button(self, QToolButton(self), name.replace("&", ""), keys, slot)
        button.setText(text or name)
        if icon:
            button.setIcon(self.style().standardIcon(getattr(QStyle.StandardPixmap, icon)))
        else:
            button.setCheckable(not keys)  # the two fit modes stay pressed while they apply
        return button

    def _button(self, text: str, name: str, keys: str, slot: Callable[[], object]) -> QPushButton:
        button = wire_button(self, QPushButton(text, self), name, keys, slot)
        button.setAutoDefault(False)  # Enter confirms a typed page number, it does not print
        return button
