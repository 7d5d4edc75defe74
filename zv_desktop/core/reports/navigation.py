"""Finding one's way in a long printed report: PDF bookmarks, a contents page with page numbers, a running header.

All three work in the report's single layout pass (no second build):

* ``Bookmark`` is an invisible flowable put in front of a heading (kept on its page): it adds an outline entry and
  notes the page its key landed on.
* ``Contents`` lists the entries with dotted leaders; their page numbers are not known while it is laid out, so it
  notes where each number goes, and the canvas, which holds every page back until the end anyway (for "Seite x von
  y"), writes the numbers in then.
* ``RunningHeader`` sets the text the page header adds after the document's title (the Träger and agreement of the
  page); the header is drawn when a page is finished, so it names what the page ends with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from zv_desktop.core.reports.fast_table import text_width
from zv_desktop.core.reports.fonts import BOLD, FONT

#: Where the canvas keeps what the flowables note: key → page number; (page, x, y, key) of each contents number.
PAGES_ATTR = "_zv_pages"
SLOTS_ATTR = "_zv_slots"
HEADER_ATTR = "_zv_running"
#: (page, key, title, level) of each bookmark, in document order: set when the held page is written out, since a
#: bookmark made while pages are held back would point at the first page.
BOOKMARKS_ATTR = "_zv_bookmarks"


def _noted(canvas: Any, name: str, empty: Any) -> Any:
    found = getattr(canvas, name, None)
    if found is None:
        found = empty
        setattr(canvas, name, found)
    return found


class Bookmark(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """An outline entry (``level`` 0 = top) at the place it is drawn; notes its page for the contents."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        page = canvas.getPageNumber()
        _noted(canvas, PAGES_ATTR, {})[self.key] = page
        _noted(canvas, BOOKMARKS_ATTR, []).append((page, self.key, self.title, self.level))


class RunningHeader(Flowable):  # type: ignore[misc]
    """Sets what the page header names from here on (drawn invisibly where it stands)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        setattr(self.canv, HEADER_ATTR, self.text)


@dataclass(frozen=True)
class Entry:
    """A line of the contents: its level (0 bold), its text and the bookmark key whose page it shows."""

    level: int
    text: str
    key: str


_SIZE = 9.5
_LEADING = 14.0
_NUMBER_ROOM = 14 * mm
_INDENT = 6 * mm


class Contents(Flowable):  # type: ignore[misc]
    """The contents: one line per entry, dotted to its page number (filled in when the document is finished)."""

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(self.entries) * _LEADING
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // _LEADING)
        if fits <= 0 or fits >= len(self.entries):
            return [] if fits <= 0 else [self]
        return [Contents(self.entries[:fits]), Contents(self.entries[fits:])]

    def draw(self) -> None:
        canvas = self.canv
        slots = _noted(canvas, SLOTS_ATTR, [])
        page = canvas.getPageNumber()
        right = self.width
        for index, entry in enumerate(self.entries):
            y = self.height - (index + 1) * _LEADING + 3
            font = BOLD if entry.level == 0 else FONT
            x = entry.level * _INDENT
            text = _cut(entry.text, font, right - _NUMBER_ROOM - x - 4 * mm)
            canvas.setFont(font, _SIZE)
            canvas.drawString(x, y, text)
            start = x + text_width(text, font, _SIZE) + 2 * mm
            dots = int((right - _NUMBER_ROOM + 2 * mm - start) // text_width(". ", FONT, _SIZE))
            if dots > 0:
                canvas.setFont(FONT, _SIZE)
                canvas.drawRightString(right - _NUMBER_ROOM + 2 * mm, y, ". " * dots)
            x_abs, y_abs = canvas.absolutePosition(right, y)
            slots.append((page, x_abs, y_abs, entry.key, font))


def _cut(text: str, font: str, room: float) -> str:
    if text_width(text, font, _SIZE) <= room:
        return text
    while text and text_width(text + " …", font, _SIZE) > room:
        text = text[:-1]
    return text.rstrip() + " …"


def write_bookmarks(canvas: Any, page: int) -> None:
    """On the held page ``page`` (being written out): its bookmarks and their outline entries."""
    for bookmark_page, key, title, level in getattr(canvas, BOOKMARKS_ATTR, None) or []:
        if bookmark_page == page:
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(title, key, level=level, closed=level > 0)
    if page == 1 and getattr(canvas, BOOKMARKS_ATTR, None):
        canvas.showOutline()  # the reader opens with the bookmarks


def write_page_numbers(canvas: Any, page: int) -> None:
    """On the held page ``page`` (being finished): the page numbers of the contents lines on it."""
    pages = getattr(canvas, PAGES_ATTR, None) or {}
    for slot_page, x, y, key, font in getattr(canvas, SLOTS_ATTR, None) or []:
        if slot_page == page and key in pages:
            canvas.setFont(font, _SIZE)
            canvas.drawRightString(x, y, str(pages[key]))
