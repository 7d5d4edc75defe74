"""The monthly chart of one goal in one year: Ist per month, target (and corridor), the previous year in grey.

``monthly_drawing`` builds a compact ``reportlab.graphics.shapes.Drawing`` (about 16 cm × 5 cm) for the printed
achievement report. A missing month is a gap in the line, never a zero. For measures whose year figure is the sum
of the months (``Aggregation.SUM``) both lines show the running total since January against the yearly target, as
the time-series chart does; a running total ends at the first missing month.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Line, Path, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth

from zv_desktop.core.charts.axis import nice_ticks
from zv_desktop.core.charts.legend import fit_rows
from zv_desktop.core.charts.time_series_chart import (
    AXIS_COLOR,
    CORRIDOR_COLOR,
    FONT,
    GRID_COLOR,
    IST_COLOR,
    TARGET_COLOR,
    TEXT_COLOR,
)
from zv_desktop.core.choices import Aggregation
from zv_desktop.core.formats import MONTH_ABBREVIATIONS, format_number
from zv_desktop.core.services.goal_course import MonthlyCourse

WIDTH = 16 * cm
HEIGHT = 5 * cm
PREVIOUS_COLOR = colors.HexColor("#9a9a9a")
_MILLION = Decimal(1_000_000)
_IST_WIDTH = 1.6
_PREVIOUS_WIDTH = 1.0
#: Line styles that tell the lines apart on a black-and-white printout too: Ist solid with a dot per month, the
#: target dashed, the previous year dotted.
TARGET_DASH = [6.0, 3.0]
COURSE_DASH = [4.0, 2.0]
PREVIOUS_DASH = [1.0, 1.8]


@dataclass(frozen=True)
class _Frame:
    x0: float
    x1: float
    y0: float
    y1: float
    lo: Decimal
    hi: Decimal
    scale: Decimal

    def x(self, month: int) -> float:
        return self.x0 + (month - 0.5) * (self.x1 - self.x0) / 12

    def y(self, value: Decimal) -> float:
        return self.y0 + float((value / self.scale - self.lo) / (self.hi - self.lo)) * (self.y1 - self.y0)


@lru_cache(maxsize=4096)
def _width(text: str, font: str, size: float) -> float:
    """The printed width of a text (cached: the same labels recur in every chart of a report)."""
    return float(stringWidth(text, font, size))


def running_total(months: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """The sum since January per month; it ends at the first missing month (a gap is never counted as zero)."""
    out: dict[int, Decimal] = {}
    total = Decimal(0)
    for month in range(1, 13):
        if month not in months:
            break
        total += months[month]
        out[month] = total
    return out


def plotted(course: MonthlyCourse) -> tuple[dict[int, Decimal], dict[int, Decimal], dict[int, Decimal]]:
    """The values drawn per month: this year, the previous year (running totals for summed measures), the target
    course (the previous year raised by the agreed change; empty without one)."""
    if course.aggregation is Aggregation.SUM:
        current, previous = running_total(course.this_year), running_total(course.previous_year)
    else:
        current, previous = dict(course.this_year), dict(course.previous_year)
    if course.change_percent is None:
        return current, previous, {}
    factor = 1 + course.change_percent / 100
    return current, previous, {m: v * factor for m, v in previous.items()}


def monthly_drawing(
    course: MonthlyCourse,
    width: float = WIDTH,
    height: float = HEIGHT,
    *,
    font_name: str = FONT,
    font_size: float = 7.0,
) -> Drawing:
    """The chart of one goal's year; ``font_name`` is a registered font (the report passes its embedded one)."""
    # the renderer starts each drawing with this font: anything else would put a font that is not embedded in the PDF
    drawing = Drawing(width, height, initialFontName=font_name, initialFontSize=font_size)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None, strokeWidth=0))  # SVG: no black
    current, previous, target_course = plotted(course)
    numbers = [*current.values(), *previous.values(), *target_course.values()]
    numbers += [v for v in (course.target, *(course.corridor or ())) if v is not None]
    pad = font_size * 0.6
    line = font_size * 1.45
    entries = _legend_entries(course, previous, bool(target_course))
    unit = course.unit.strip()
    scale = _MILLION if numbers and max(abs(n) for n in numbers) >= _MILLION else Decimal(1)
    caption = _caption(unit, scale)
    rows = _legend_rows(entries, font_name, font_size, width - 2 * pad - _width(caption, font_name, font_size) - pad)
    top = height - pad - len(rows) * line
    y0 = pad + line
    y1 = max(top - font_size * 0.9, y0 + font_size * 2)
    if not numbers:
        numbers = [Decimal(0), Decimal(1)]
    ticks, decimals = nice_ticks(min(numbers) / scale, max(numbers) / scale, max(3, int((y1 - y0) / (font_size * 2.6))))
    labels = [format_number(t, decimals) for t in ticks]
    x0 = pad + max(_width(label, font_name, font_size) for label in labels) + font_size * 0.5
    frame = _Frame(x0, width - pad, y0, y1, ticks[0], ticks[-1], scale)

    def text(x: float, y: float, value: str, anchor: str = "start", color: colors.Color = TEXT_COLOR) -> None:
        drawing.add(String(x, y, value, fontName=font_name, fontSize=font_size, fillColor=color, textAnchor=anchor))

    if course.corridor is not None:
        low, high = sorted(frame.y(v) for v in course.corridor)
        drawing.add(Rect(frame.x0, low, frame.x1 - frame.x0, high - low, fillColor=CORRIDOR_COLOR, strokeColor=None))
    grid = Path(strokeColor=GRID_COLOR, strokeWidth=0.5, fillColor=None)  # one path: a report draws thousands
    for tick, label in zip(ticks, labels, strict=True):
        y = frame.y(tick * scale)
        grid.moveTo(frame.x0, y)
        grid.lineTo(frame.x1, y)
        text(frame.x0 - font_size * 0.4, y - font_size * 0.35, label, "end")
    drawing.add(grid)
    for month, name in enumerate(MONTH_ABBREVIATIONS, start=1):
        text(frame.x(month), pad + font_size * 0.15, name, "middle")
    axes = Path(strokeColor=AXIS_COLOR, strokeWidth=0.7, fillColor=None)
    axes.moveTo(frame.x0, frame.y1)
    axes.lineTo(frame.x0, frame.y0)
    axes.lineTo(frame.x1, frame.y0)
    drawing.add(axes)
    if course.target is not None:
        y = frame.y(course.target)
        drawing.add(
            Line(frame.x0, y, frame.x1, y, strokeColor=TARGET_COLOR, strokeWidth=1.4, strokeDashArray=TARGET_DASH)
        )
    if target_course:
        _line(drawing, frame, target_course, TARGET_COLOR, 1.2, dots=False, dash=COURSE_DASH)
    _line(drawing, frame, previous, PREVIOUS_COLOR, _PREVIOUS_WIDTH, dots=False, dash=PREVIOUS_DASH)
    _line(drawing, frame, current, IST_COLOR, _IST_WIDTH, dots=True)
    text(pad, height - pad - font_size, caption, color=AXIS_COLOR)
    _legend(drawing, rows, font_name, font_size, width - pad, height - pad - font_size, line)
    return drawing


def _caption(unit: str, scale: Decimal) -> str:
    """The unit over the y axis: "in %", "in Mio. €", "Personen"; empty for counts."""
    if scale != 1:
        unit = f"Mio. {unit}".strip()
    if unit in ("%", "€", "DM", "VZA") or unit.startswith("Mio."):
        return f"in {unit}"
    return "" if unit in ("Anzahl", "Anz.", "Stück") else unit


def _legend_entries(
    course: MonthlyCourse, previous: Mapping[int, Decimal], has_course: bool
) -> list[tuple[str, colors.Color, float, list[float] | None]]:
    """(label, colour, line width, dash) per entry; a corridor is drawn as a band (width 0)."""
    summed = ", Summe seit Jahresbeginn" if course.aggregation is Aggregation.SUM else ""
    entries: list[tuple[str, colors.Color, float, list[float] | None]] = [
        (f"Ist {course.year}{summed}", IST_COLOR, _IST_WIDTH, None)
    ]
    if previous:
        entries.append((f"Vorjahr {course.year - 1}", PREVIOUS_COLOR, _PREVIOUS_WIDTH, PREVIOUS_DASH))
    if course.target is not None:
        entries.append((course.target_label, TARGET_COLOR, 1.4, TARGET_DASH))
    elif has_course:
        entries.append((course.target_label, TARGET_COLOR, 1.2, COURSE_DASH))
    if course.corridor is not None:
        entries.append(("Korridor", CORRIDOR_COLOR, 0.0, None))
    return entries


def _legend_rows(
    entries: list[tuple[str, colors.Color, float, list[float] | None]], font: str, size: float, room: float
) -> list[list[tuple[float, tuple[str, colors.Color, float, list[float] | None]]]]:
    """The entries in rows that fit ``room`` (right-aligned later): (width, entry) each."""
    return fit_rows(entries, lambda entry: size * 2.2 + _width(entry[0], font, size) + size * 1.2, room)


def _legend(
    drawing: Drawing,
    rows: list[list[tuple[float, tuple[str, colors.Color, float, list[float] | None]]]],
    font: str,
    size: float,
    right: float,
    y: float,
    step: float,
) -> None:
    swatch = size * 1.8
    for row in rows:
        x = right - sum(need for need, _ in row) + size * 1.2
        for need, (label, color, line_width, dash) in row:
            if line_width == 0:
                drawing.add(Rect(x, y - size * 0.1, swatch, size * 0.8, fillColor=color, strokeColor=None))
            else:
                mid = y + size * 0.3
                drawing.add(
                    Line(x, mid, x + swatch, mid, strokeColor=color, strokeWidth=line_width, strokeDashArray=dash)
                )
            drawing.add(String(x + swatch + size * 0.4, y, label, fontName=font, fontSize=size, fillColor=TEXT_COLOR))
            x += need
        y -= step


def _line(
    drawing: Drawing,
    frame: _Frame,
    values: Mapping[int, Decimal],
    color: colors.Color,
    width: float,
    *,
    dots: bool,
    dash: Sequence[float] | None = None,
) -> None:
    """A line through the months that have a value, broken at every missing month; a lone month gets a dot.

    The dots are one path of zero-length round-capped strokes (PDF paints each as a filled circle): far cheaper to
    write than a circle of Bézier arcs each, when a report holds thousands of charts.
    """
    path = Path(strokeColor=color, strokeWidth=width, fillColor=None, strokeLineJoin=1, strokeDashArray=dash)
    marks = Path(strokeColor=color, strokeWidth=width * (2.2 if dots else 2.8), fillColor=None, strokeLineCap=1)
    for month in range(1, 13):
        if month not in values:
            continue
        x, y = frame.x(month), frame.y(values[month])
        if month - 1 in values:
            path.lineTo(x, y)
        else:
            path.moveTo(x, y)
        if dots or (month - 1 not in values and month + 1 not in values):
            marks.moveTo(x, y)
            marks.lineTo(x, y)
    if path.operators:
        drawing.add(path)
    if marks.operators:
        drawing.add(marks)
