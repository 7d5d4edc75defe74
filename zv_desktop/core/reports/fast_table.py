"""A light table flowable for long, simple tables: plain text drawn literally, every row measured once.

ReportLab's ``Table`` with ``Paragraph`` cells parses markup and breaks the lines of every cell (again when the
table is split over pages): thousands of rows take seconds. Here a cell is a few runs of plain text, each on lines
of its own in one font, size and colour, wrapped by word widths cached per font and size, and drawn with one text
object per page, so markup typed by a user prints as it is. The header row is repeated on every page; a row taller
than a page is cut between its lines. The look is that of ``styles.grid_style``: 0.4 pt rules, 3/4 pt paddings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from zv_desktop.core.reports.fonts import BOLD, FONT
from zv_desktop.core.reports.reportlab_internals import document_of, shown_pieces, truetype
from zv_desktop.core.reports.styles import HEADER_FILL, RULE_COLOR

LEFT, RIGHT = "LEFT", "RIGHT"
SIZE = 8.5
LEADING = 10.5 / 8.5  # line height per point of font size, as the cell style (8.5 pt on 10.5 pt)
SIDE_PADDING = 4.0  # grid_style's LEFTPADDING/RIGHTPADDING
VERTICAL_PADDING = 3.0  # grid_style's TOPPADDING/BOTTOMPADDING
RULE_WIDTH = 0.4
DOT = "●"
_FUZZ = 1e-6  # rounding allowed when a line is filled
#: Rounding allowed when rows are fitted into a frame: less than the frame's own (1e-6), so a part that fits here
#: fits there, and a table the frame found too tall never "fits" whole here.
_FIT = 1e-9
_MEASURED_WHOLE = 300  # a paragraph up to this many characters is first measured whole (it may fit on one line)
_MAX_CACHED = 100_000  # widths cached per font and size before the cache starts afresh
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # no glyph to print (tab and newline are handled before)
_widths: dict[tuple[str, float], dict[str, float]] = {}
#: Per PDF document (font subsets are numbered per document): texts already encoded for it, gone with the document.
_encodings: WeakKeyDictionary[Any, dict[tuple[str, str], list[tuple[int, str, str]]]] = WeakKeyDictionary()


class Run(NamedTuple):
    """Plain text on lines of its own in one font, size and colour (``leading`` None: the size × ``LEADING``)."""

    text: str
    font: str = FONT
    size: float = SIZE
    color: Any = colors.black  # a reportlab Color
    leading: float | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell: its runs one below the other; ``dot`` the colour of a symbol before the first line (a traffic light:
    ``symbol`` gives its shape, so that it is told apart in black and white too)."""

    runs: Sequence[Run]
    dot: Any = None  # a reportlab Color
    symbol: str = DOT


class _Line(NamedTuple):
    text: str
    width: float
    font: str
    size: float
    color: Any
    leading: float


class _Laid(NamedTuple):
    """A cell's lines in its column; the dot before the first (None on the rest of a row cut over pages)."""

    lines: tuple[_Line, ...]
    dot: Any
    indent: float
    symbol: str = DOT


class _Row(NamedTuple):
    cells: tuple[_Laid, ...]
    height: float


#: The column widths a layout was made for, the laid-out header row (if any) and the body rows.
_Layout = tuple[tuple[float, ...], _Row | None, list[_Row]]


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points, cached per font and size (words and figures repeat over thousands of rows)."""
    cache = _widths.get((font, size))
    if cache is None:
        cache = _widths[(font, size)] = {}
    width = cache.get(text)
    if width is None:
        if len(cache) >= _MAX_CACHED:
            cache.clear()
        width = cache[text] = float(stringWidth(text, font, size))
    return width


def clean(text: str) -> str:
    """Text as it can be printed: line breaks normalised to "\\n", tabs as spaces, other control characters gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text) if not text.isprintable() else text


def wrap_text(text: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    """``text`` in lines no wider than ``width``, each with its width: broken at "\\n" and spaces, a longer word
    between its characters."""
    lines: list[tuple[str, float]] = []
    for paragraph in clean(text).split("\n"):
        if len(paragraph) <= _MEASURED_WHOLE:
            whole = text_width(paragraph, font, size)
            if whole <= width + _FUZZ:
                lines.append((paragraph, whole))
                continue
        _wrap_words(paragraph.split(), font, size, width, lines)
    return lines


def _wrap_words(words: list[str], font: str, size: float, width: float, out: list[tuple[str, float]]) -> None:
    """Fill lines with words (greedy) onto ``out``."""
    space = text_width(" ", font, size)
    line: list[str] = []
    used = 0.0
    for word in words:
        word_width = text_width(word, font, size)
        if line and used + space + word_width <= width + _FUZZ:
            line.append(word)
            used += space + word_width
            continue
        if line:
            out.append((" ".join(line), used))
        if word_width > width + _FUZZ:
            *full, (rest, used) = _break_word(word, font, size, width)
            out += full
            line = [rest]
        else:
            line, used = [word], word_width
    if line:
        out.append((" ".join(line), used))


def _break_word(word: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    """A word too long for a line in pieces that fit (at least one character each)."""
    pieces: list[tuple[str, float]] = []
    start, used = 0, 0.0
    for i, char in enumerate(word):
        char_width = text_width(char, font, size)
        if i > start and used + char_width > width + _FUZZ:
            pieces.append((word[start:i], used))
            start, used = i, 0.0
        used += char_width
    pieces.append((word[start:], used))
    return pieces


@lru_cache(maxsize=32)
def _truetype(name: str) -> Any:
    """A registered TrueType font, looked up once."""
    return truetype(name)


@lru_cache(maxsize=32)
def _fill(color: Any) -> str:
    """The PDF operator setting the fill colour (RGB or CMYK)."""
    if isinstance(color, CMYKColor):
        return (
            " ".join(f"{v * color.density:.4g}" for v in (color.cyan, color.magenta, color.yellow, color.black)) + " k"
        )
    return " ".join(f"{v:.4g}" for v in color.rgb()) + " rg"


def _lay_cell(cell: Cell, width: float) -> _Laid:
    """A cell's runs wrapped to its column (less the paddings and the dot)."""
    indent = 0.0
    if cell.dot is not None and cell.runs:
        indent = text_width(cell.symbol + " ", cell.runs[0].font, cell.runs[0].size)
    room = width - 2 * SIDE_PADDING - indent
    lines: list[_Line] = []
    for run in cell.runs:
        leading = run.leading or run.size * LEADING
        for text, line_width in wrap_text(run.text, run.font, run.size, room):
            lines.append(_Line(text, line_width, run.font, run.size, run.color, leading))
    return _Laid(tuple(lines), cell.dot, indent, cell.symbol)


def _row(cells: tuple[_Laid, ...]) -> _Row:
    """A row of laid-out cells with its height: the tallest cell and the paddings."""
    tallest = max((sum(line.leading for line in c.lines) for c in cells), default=0.0)
    return _Row(cells, (tallest or SIZE * LEADING) + 2 * VERTICAL_PADDING)


def _cut_row(row: _Row, height: float) -> tuple[_Row, _Row] | None:
    """A row cut after the lines that fit into ``height`` (each cell for itself); None if not one line fits."""
    room = height - 2 * VERTICAL_PADDING + _FIT
    first: list[_Laid] = []
    rest: list[_Laid] = []
    for cell in row.cells:
        used, count = 0.0, 0
        for line in cell.lines:
            if used + line.leading > room:
                break
            used += line.leading
            count += 1
        first.append(_Laid(cell.lines[:count], cell.dot, cell.indent, cell.symbol))
        rest.append(_Laid(cell.lines[count:], None, cell.indent))
    if not any(c.lines for c in first):
        return None
    return _row(tuple(first)), _row(tuple(rest))


class _Pen:
    """The text of a table part as one PDF text object, written as ``ttfonts`` describes for TrueType fonts.

    ``PDFTextObject`` measures every string again and formats numbers slowly; a table of thousands of cells only
    needs a position, the font's subset and the escaped text per line, and font and colour when they change.
    """

    def __init__(self, canv: Any) -> None:
        self.doc = document_of(canv)  # the document the font subsets are counted for (as PDFTextObject uses it)
        self.encoded = _encodings.setdefault(self.doc, {})
        self.code = ["BT"]
        self.font: tuple[str, float] | None = None
        self.subset = -1
        self.color: Any = None

    def getCode(self) -> str:  # the name Canvas.drawText calls
        """The PDF operators, BT … ET."""
        return "\n".join([*self.code, "ET"])

    def write(self, x: float, y: float, text: str, font: str, size: float, color: Any) -> None:
        """``text`` with its baseline starting at (x, y)."""
        code = self.code
        if self.color is not color:
            code.append(_fill(color))
            self.color = color
        if self.font != (font, size):
            self.font, self.subset = (font, size), -1
        code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for subset, name, shown in self._encoded(font, text):
            if subset != self.subset:
                code.append(f"{name} {size:g} Tf")
                self.subset = subset
            code.append(shown)

    def _encoded(self, font: str, text: str) -> list[tuple[int, str, str]]:
        """``text`` as (subset, its font name, "(…) Tj") pieces; the same texts recur on every page (cached)."""
        key = (font, text)
        pieces = self.encoded.get(key)
        if pieces is None:
            pieces = shown_pieces(_truetype(font), text, self.doc)
            self.encoded[key] = pieces
        return pieces

    def cell(self, laid: _Laid, left: float, width: float, align: str, top: float) -> None:
        """A cell's lines from ``top`` down: each line's baseline its size below the top of its leading."""
        y = top - VERTICAL_PADDING
        for index, line in enumerate(laid.lines):
            baseline = y - line.size
            y -= line.leading
            if index == 0 and laid.dot is not None:
                self.write(left + SIDE_PADDING, baseline, laid.symbol, line.font, line.size, laid.dot)
            if not line.text:
                continue
            if align == RIGHT:
                x = left + width - SIDE_PADDING - line.width
            else:
                x = left + SIDE_PADDING + laid.indent
            self.write(x, baseline, line.text, line.font, line.size, line.color)


class FastTable(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """A ruled table of plain-text cells with a shaded header row repeated on every page it runs over.

    ``widths`` are the column widths in points; one may be None to take the rest of the frame width. ``align``
    is LEFT or RIGHT per column (the header follows it). A body cell is a ``Cell`` or a plain string (in ``font``
    and ``size``); a header cell is a string, printed in ``header_font``.
    """

    def __init__(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[Cell | str]],
        widths: Sequence[float | None],
        align: Sequence[str] | None = None,
        font: str = FONT,
        header_font: str = BOLD,
        size: float = SIZE,
    ) -> None:
        super().__init__()
        columns = len(widths)
        if (header is not None and len(header) != columns) or any(len(row) != columns for row in rows):
            raise ValueError(f"Jede Zeile der Tabelle braucht {columns} Zellen.")
        self.hAlign = "LEFT"
        self._widths = list(widths)
        self._align = list(align) if align is not None else [LEFT] * columns
        self._header = None if header is None else [Cell((Run(h, header_font, size),)) for h in header]
        self._rows = [[c if isinstance(c, Cell) else Cell((Run(c, font, size),)) for c in row] for row in rows]
        self._layout: _Layout | None = None
        self._height = 0.0

    def _part(self, widths: tuple[float, ...], head: _Row | None, body: list[_Row]) -> FastTable:
        """A piece of this table after a split, already laid out at ``widths``."""
        part = FastTable(None, [], widths, self._align)
        part._layout = (widths, head, body)
        part._height = (head.height if head is not None else 0.0) + sum(r.height for r in body)
        return part

    def _resolved(self, avail_width: float) -> tuple[float, ...]:
        """The column widths at ``avail_width`` (a None column takes what the others leave)."""
        fixed = sum(w for w in self._widths if w is not None)
        free = sum(1 for w in self._widths if w is None)
        rest = max(avail_width - fixed, 4 * SIDE_PADDING) / free if free else 0.0
        return tuple(rest if w is None else float(w) for w in self._widths)

    def _laid_out(self, avail_width: float) -> _Layout:
        """The rows laid out for ``avail_width``, done once per width."""
        widths = self._resolved(avail_width)
        if self._layout is None or self._layout[0] != widths:
            head = None
            if self._header is not None:
                head = _row(tuple(_lay_cell(c, w) for c, w in zip(self._header, widths, strict=True)))
            body = [_row(tuple(_lay_cell(c, w) for c, w in zip(r, widths, strict=True))) for r in self._rows]
            self._layout = (widths, head, body)
            self._height = (head.height if head is not None else 0.0) + sum(r.height for r in body)
        return self._layout

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The table's size: the sum of its columns and of its rows (measured once)."""
        widths, _, _ = self._laid_out(availWidth)
        self.width, self.height = sum(widths), self._height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """[the rows that fit, the rest with the header again]; [] if not one row fits below the header.

        A row that would not fit even an empty frame (long user text) is cut between its lines to fill the page.
        """
        widths, head, body = self._laid_out(availWidth)
        room = availHeight - (head.height if head is not None else 0.0) + _FIT
        count, used = 0, 0.0
        while count < len(body) and used + body[count].height <= room:
            used += body[count].height
            count += 1
        if count == len(body):
            return [self]
        fitting, rest = body[:count], body[count:]
        if self._fits_nowhere(head, rest[0]):
            cut = _cut_row(rest[0], room - used)
            if cut is not None:
                fitting, rest = [*fitting, cut[0]], [cut[1], *rest[1:]]
        if not fitting:
            return []
        return [self._part(widths, head, fitting), self._part(widths, head, rest)]

    def _fits_nowhere(self, head: _Row | None, row: _Row) -> bool:
        """Whether the header and ``row`` are taller than an empty frame (True outside a frame: cut rather than fail)."""
        empty = getattr(getattr(self, "_frame", None), "_aH", None)  # Frame.split sets _frame; _aH: its empty height
        return empty is None or (head.height if head is not None else 0.0) + row.height > empty + _FIT

    def draw(self) -> None:
        """Header shading, the text of every cell, then the rules."""
        widths, head, body = self._layout or self._laid_out(self.width)
        canv = self.canv
        rows = [head, *body] if head is not None else body
        width, height = sum(widths), self._height
        lefts = [0.0]
        for w in widths:
            lefts.append(lefts[-1] + w)
        if head is not None:
            canv.setFillColor(HEADER_FILL)
            canv.rect(0, height - head.height, width, head.height, stroke=0, fill=1)
        pen = _Pen(canv)
        top = height
        edges = [top]
        for row in rows:
            for left, w, align, cell in zip(lefts, widths, self._align, row.cells, strict=False):
                pen.cell(cell, left, w, align, top)
            top -= row.height
            edges.append(top)
        canv.drawText(pen)
        canv.setStrokeColor(RULE_COLOR)
        canv.setLineWidth(RULE_WIDTH)
        canv.lines([(0, y, width, y) for y in edges] + [(x, edges[-1], x, height) for x in lefts])
