"""The time-series chart: monthly Ist lines, yearly targets as steps, corridors as bands, German axis labels.

``time_series_drawing`` builds one ``reportlab.graphics.shapes.Drawing``; the screen shows it as SVG
(``drawing_to_svg``), a PDF report draws the same Drawing with ``renderPDF`` or places it as a flowable.
Sizes are in points; all text is laid out from the font's metrics, so labels never overlap for 1 to 25 years.
Helvetica prints "ä", "ß" and "€" in PDF (WinAnsi encoding) and in SVG; a report that must embed its fonts
(PDF/A) passes the name of a registered TrueType font instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Line, Path, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from zv_desktop.core.charts.axis import nice_ticks
from zv_desktop.core.charts.legend import fit_rows
from zv_desktop.core.formats import MONTH_ABBREVIATIONS, format_number
from zv_desktop.core.services.time_series import MonthValue, TimeSeries

FONT = "Helvetica"
BOLD_FONT = "Helvetica-Bold"
NO_DATA_TEXT = "Für diese Auswahl gibt es keine Werte und keine Ziele."

IST_COLOR = colors.HexColor("#1f4e9c")
PARENT_COLOR = colors.HexColor("#1a1a1a")
TARGET_COLOR = colors.HexColor("#c0392b")
FORECAST_COLOR = colors.HexColor("#7b3f9e")
#: The target corridor: green at 22 % on white, as a solid colour (no transparency in PDF/A).
CORRIDOR_COLOR = colors.Color(1 - 0.22 * 0.82, 1 - 0.22 * 0.38, 1 - 0.22 * 0.68)
GRID_COLOR = colors.HexColor("#dddddd")
_MARK_SPACING = 6.0  # points between months from which every month of an Ist line gets a marker
GAP_COLOR = colors.HexColor("#f3f3f3")
AXIS_COLOR = colors.HexColor("#777777")
TEXT_COLOR = colors.HexColor("#1a1a1a")
#: Line colours when several areas are drawn (distinct in hue and brightness).
_HEX = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #7f7f7f #bcbd22 #17becf #393b79 #637939"
PALETTE = tuple(colors.HexColor(c) for c in _HEX.split())

#: Screen fonts standing in for Helvetica may be a little wider (DejaVu Sans on Linux): keep room for that.
_SLACK = 1.2
_MILLION = Decimal(1_000_000)
_DIRECTION_WORDS = {"higher": "höher ist besser", "lower": "niedriger ist besser"}


@dataclass(frozen=True)
class _Fonts:
    name: str
    bold: str
    size: float

    def width(self, text: str, size: float | None = None, bold: bool = False) -> float:
        font = self.bold if bold else self.name
        return float(stringWidth(text, font, size or self.size)) * _SLACK

    def text(self, x: float, y: float, text: str, anchor: str = "start", **kw: object) -> String:
        style: dict[str, object] = {"fontName": self.name, "fontSize": self.size, "fillColor": TEXT_COLOR, **kw}
        return String(x, y, text, textAnchor=anchor, **style)


@dataclass(frozen=True)
class _Frame:
    """The plot rectangle and its scales: one slot per year (or per run of empty years), values ``lo`` to ``hi``."""

    x0: float
    x1: float
    y0: float
    y1: float
    slots: tuple[tuple[int, int], ...]
    lo: Decimal
    hi: Decimal
    scale: Decimal

    @property
    def slot_width(self) -> float:
        return (self.x1 - self.x0) / len(self.slots)

    def x(self, year: int, month: int = 1, at: float = 0.5) -> float:
        """The x of a point in a month (``at`` 0: its start); an empty year lies in the middle of its slot."""
        index = next((i for i, (a, b) in enumerate(self.slots) if a <= year <= b), len(self.slots))
        if index < len(self.slots) and self.slots[index][0] != self.slots[index][1]:
            return self.x0 + (index + 0.5) * self.slot_width
        return self.x0 + (index + (month - 1 + at) / 12) * self.slot_width

    def y(self, value: Decimal) -> float:
        share = (value / self.scale - self.lo) / (self.hi - self.lo)
        return self.y0 + float(share) * (self.y1 - self.y0)


@dataclass(frozen=True)
class _Entry:
    style: str  # "line" (also targets and forecasts) or "band"
    color: colors.Color
    label: str
    width: float = 1.6
    dash: list[float] | None = None


def default_title(series: Sequence[TimeSeries]) -> str:
    """ "Zeitreihe – K2 Integrationsquote – Kreis Mettmann" (with several areas: their number)."""
    if not series:
        return "Zeitreihe"
    where = series[0].area_name if len(series) == 1 else f"{len(series)} Gebiete"
    return f"Zeitreihe – {series[0].measure_label} – {where}"


def time_series_drawing(
    series: Sequence[TimeSeries],
    width: float,
    height: float,
    *,
    title: str | None = None,
    font_size: float = 8.0,
    font_name: str = FONT,
    bold_font_name: str = BOLD_FONT,
    highlight_first: bool = False,
    year_to_date: bool | None = None,
) -> Drawing:
    """The chart of one or more series of the same measure (one Ist line per area, with a legend).

    Targets are drawn as a step per year, corridors as a light band, forecasts dotted; a missing month breaks the
    line. ``year_to_date`` sums each year's months (None: for measures whose year figure is the sum of the months).
    ``highlight_first`` draws the first series dark and thick (a Kreis among its cities).
    """
    fonts = _Fonts(font_name, bold_font_name, font_size)
    drawing = Drawing(
        width, height, initialFontName=font_name, initialFontSize=font_size
    )  # no stray Helvetica in a PDF
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None, strokeWidth=0))
    pad = font_size
    top = _title(drawing, title or default_title(series), fonts, pad, width, height)
    shown = [s for s in series if not s.is_empty]
    if not shown:
        drawing.add(fonts.text(width / 2, (top + pad) / 2, NO_DATA_TEXT, "middle"))
        return drawing
    ytd = shown[0].aggregation == "sum" if year_to_date is None else year_to_date
    lines = [(s, s.year_to_date() if ytd else s.months) for s in shown]
    numbers = [p.value for _, points in lines for p in points if p.value is not None]
    for s in shown:
        for f in s.years:
            numbers += [v for v in (f.target, f.corridor_low, f.corridor_high, f.forecast) if v is not None]
    scale = _MILLION if max(abs(n) for n in numbers) >= _MILLION else Decimal(1)
    styles = _styles(shown, highlight_first)
    entries = _legend_entries(shown, styles, ytd)
    rows = _legend_rows(entries, fonts, width - 2 * pad)
    line_height = font_size * 1.5
    slots = _slots(shown, lines)
    axis_rows = 2 if _month_labels(fonts, (width - 6 * font_size) / (12 * len(slots))) else 1
    y0 = pad + len(rows) * line_height + axis_rows * line_height + pad / 2
    caption_y = top - font_size * 1.2
    y1 = max(caption_y - font_size, y0 + font_size * 2)  # a tiny chart squeezes, it never turns over
    ticks, decimals = nice_ticks(min(numbers) / scale, max(numbers) / scale, max(2, int((y1 - y0) / (font_size * 3))))
    labels = [format_number(t, decimals) for t in ticks]
    x0 = pad + max(fonts.width(label) for label in labels) + font_size * 0.6
    frame = _Frame(x0, width - pad * 1.5, y0, y1, slots, ticks[0], ticks[-1], scale)
    drawing.add(fonts.text(pad, caption_y, _caption(shown[0], ytd, scale), fillColor=AXIS_COLOR))
    _y_axis(drawing, frame, fonts, ticks, labels)
    _x_axis(drawing, frame, fonts, line_height)
    for s, (color, _) in zip(shown, styles, strict=True):
        _goals(drawing, frame, s, color if len(shown) > 1 else None)
    for (_, points), style in zip(lines, styles, strict=True):
        _line(drawing, frame, points, style, ytd)
    _legend(drawing, rows, fonts, pad, pad + (len(rows) - 1) * line_height + font_size * 0.3, line_height)
    return drawing


def drawing_to_svg(drawing: Drawing, title: str = "") -> bytes:
    """The drawing as SVG (UTF-8), for QtSvg on screen; ``title`` becomes the SVG's <title>."""
    svg = str(renderSVG.drawToString(drawing))
    # SVG viewers know font families, not PostScript names: "Helvetica-Bold" is Helvetica, bold
    svg = svg.replace(f"font-family: {BOLD_FONT};", f"font-family: {FONT}; font-weight: bold;")
    svg = svg.replace("<title>...</title>", f"<title>{escape(title)}</title>", 1)
    return svg.replace("<desc>...</desc>", "<desc></desc>", 1).encode("utf-8")


# --- parts ------------------------------------------------------------------------------------


def _slots(
    shown: Sequence[TimeSeries], lines: Sequence[tuple[TimeSeries, Sequence[MonthValue]]]
) -> tuple[tuple[int, int], ...]:
    """The x axis: one slot per year; two or more years in a row without any figure share one narrow slot."""
    used = {p.year for _, points in lines for p in points if p.value is not None}
    used |= {f.year for s in shown for f in s.years if f.has_goal_figure}
    first, last = min(used), max(used)
    slots: list[tuple[int, int]] = []
    year = first
    while year <= last:
        end = year
        while year not in used and end + 1 not in used:
            end += 1
        slots.append((year, end))
        year = end + 1
    return tuple(slots)


def _title(drawing: Drawing, title: str, fonts: _Fonts, pad: float, width: float, height: float) -> float:
    """Draw the title (smaller, then shortened with "…" if too long); returns the y below it."""
    size = fonts.size * 1.35
    room = width - 2 * pad
    while size > fonts.size and fonts.width(title, size, bold=True) > room:
        size -= 0.5
    while len(title) > 1 and fonts.width(title, size, bold=True) > room:
        title = title[:-2].rstrip() + "…"
    y = height - pad - size
    drawing.add(fonts.text(pad, y, title, fontName=fonts.bold, fontSize=size))
    return y - size * 0.5


def _caption(series: TimeSeries, ytd: bool, scale: Decimal) -> str:
    """The y axis caption: "Integrationsquote in %", "… (Personen)", "…, Summe seit Jahresbeginn in Mio. €"."""
    unit = series.unit.strip()
    if scale != 1:
        unit = f"Mio. {unit}".strip()
    name = f"{series.measure_name}, Summe seit Jahresbeginn" if ytd else series.measure_name
    if unit in ("%", "€", "DM") or unit.startswith("Mio."):
        return f"{name} in {unit}"
    return f"{name} ({unit})" if unit else name


def _styles(shown: Sequence[TimeSeries], highlight_first: bool) -> list[tuple[colors.Color, bool]]:
    if len(shown) == 1:
        return [(IST_COLOR, True)]
    return [
        (PARENT_COLOR, True) if highlight_first and i == 0 else (PALETTE[(i - highlight_first) % len(PALETTE)], False)
        for i in range(len(shown))
    ]


def _legend_entries(shown: Sequence[TimeSeries], styles: list[tuple[colors.Color, bool]], ytd: bool) -> list[_Entry]:
    entries = [_Entry("line", color, s.area_name) for s, (color, _) in zip(shown, styles, strict=True)]
    if len(shown) == 1:
        entries = [_Entry("line", IST_COLOR, "Ist, Summe seit Jahresbeginn" if ytd else "Ist (Monatswerte)")]
    years = [f for s in shown for f in s.years]
    owners = [
        (s.area_name, c) for s, (c, _) in zip(shown, styles, strict=True) if any(f.target is not None for f in s.years)
    ]
    if owners:
        direction = next((_DIRECTION_WORDS[f.direction] for f in years if f.direction in _DIRECTION_WORDS), "")
        label = f"Zielwert {owners[0][0]}" if len(shown) > 1 and len(owners) == 1 else "Zielwert"
        color = TARGET_COLOR if len(shown) == 1 else owners[0][1] if len(owners) == 1 else AXIS_COLOR
        dash = [6.0, 3.0]
        entries.append(_Entry("line", color, f"{label} ({direction})" if direction else label, 2.2, dash))
    if any(f.corridor_low is not None and f.corridor_high is not None for f in years):
        entries.append(_Entry("band", CORRIDOR_COLOR, "Zielkorridor"))
    if any(f.forecast is not None for f in years):
        entries.append(_Entry("line", FORECAST_COLOR if len(shown) == 1 else AXIS_COLOR, "Prognose", 1.8, [1.5, 2.5]))
    return entries


def _legend_rows(entries: list[_Entry], fonts: _Fonts, room: float) -> list[list[tuple[float, _Entry]]]:
    """The entries wrapped into rows: (width, entry) each."""
    return fit_rows(entries, lambda entry: fonts.size * 2.5 + fonts.width(entry.label) + fonts.size * 2, room)


def _legend(
    drawing: Drawing, rows: list[list[tuple[float, _Entry]]], fonts: _Fonts, x: float, y: float, step: float
) -> None:
    swatch, mid = fonts.size * 2, fonts.size * 0.35
    for row in rows:
        left = x
        for size, e in row:
            if e.style == "band":
                drawing.add(Rect(left, y - mid / 2, swatch, fonts.size, fillColor=e.color, strokeColor=None))
            else:
                style = {"strokeColor": e.color, "strokeWidth": e.width, "strokeDashArray": e.dash}
                drawing.add(Line(left, y + mid, left + swatch, y + mid, **style))
            drawing.add(fonts.text(left + swatch + fonts.size * 0.5, y, e.label))
            left += size
        y -= step


def _y_axis(drawing: Drawing, frame: _Frame, fonts: _Fonts, ticks: list[Decimal], labels: list[str]) -> None:
    for tick, label in zip(ticks, labels, strict=True):
        y = frame.y(tick * frame.scale)
        drawing.add(Line(frame.x0, y, frame.x1, y, strokeColor=GRID_COLOR, strokeWidth=0.6))
        drawing.add(fonts.text(frame.x0 - fonts.size * 0.6, y - fonts.size * 0.35, label, "end"))
    drawing.add(Line(frame.x0, frame.y0, frame.x0, frame.y1, strokeColor=AXIS_COLOR, strokeWidth=0.8))


def _month_labels(fonts: _Fonts, month_width: float) -> tuple[int, ...]:
    """The months to label under each year (all, quarters or none), as wide as there is room."""
    need = fonts.width("Mär") + fonts.size * 0.4
    if month_width >= need:
        return tuple(range(1, 13))
    if month_width * 3 >= need:
        return (1, 4, 7, 10)
    return ()


def _x_axis(drawing: Drawing, frame: _Frame, fonts: _Fonts, line_height: float) -> None:
    """Year slots with year labels (every 2nd, 5th … when narrow), month labels when there is room."""
    width = frame.slot_width
    months = _month_labels(fonts, width / 12)
    need = fonts.width("2000") + fonts.size
    step = next((s for s in (1, 2, 5, 10, 20, 50) if s * width >= need), 100)
    year_y = frame.y0 - line_height * (2 if months else 1) + fonts.size * 0.2
    for index, (first, last) in enumerate(frame.slots):
        left = frame.x0 + index * width
        middle = left + width / 2
        if first != last:  # years without any figure
            drawing.add(Rect(left, frame.y0, width, frame.y1 - frame.y0, fillColor=GAP_COLOR, strokeColor=None))
            label = f"{first}–{last}"
            label = label if fonts.width(label) + fonts.size <= width else "…"
            if step == 1:  # wider year labels may reach half into this slot
                drawing.add(fonts.text(middle, year_y, label, "middle", fillColor=AXIS_COLOR))
            continue
        for month in months:
            label = MONTH_ABBREVIATIONS[month - 1]
            drawing.add(fonts.text(frame.x(first, month), frame.y0 - line_height + fonts.size * 0.2, label, "middle"))
        if step == 1 or first % step == 0:
            drawing.add(fonts.text(middle, year_y, str(first), "middle", fontName=fonts.bold))
    for index in range(len(frame.slots) + 1):
        x = frame.x0 + index * width
        drawing.add(Line(x, frame.y0, x, frame.y1, strokeColor=GRID_COLOR, strokeWidth=0.6))
        drawing.add(Line(x, frame.y0, x, frame.y0 - fonts.size * 0.5, strokeColor=AXIS_COLOR, strokeWidth=0.8))
    drawing.add(Line(frame.x0, frame.y0, frame.x1, frame.y0, strokeColor=AXIS_COLOR, strokeWidth=0.8))


def _goals(drawing: Drawing, frame: _Frame, series: TimeSeries, color: colors.Color | None) -> None:
    """Corridor bands, forecasts (dotted) and targets (a step line over consecutive years) of one series."""
    dash = [6, 3]  # dashed in any colour: told apart from the solid Ist line in black and white too
    target = Path(strokeColor=color or TARGET_COLOR, strokeWidth=2.2, fillColor=None, strokeDashArray=dash)
    previous: int | None = None
    for f in series.years:
        left, right = frame.x(f.year, 1, 0), frame.x(f.year + 1, 1, 0)
        if f.corridor_low is not None and f.corridor_high is not None:
            low, high = sorted((frame.y(f.corridor_low), frame.y(f.corridor_high)))
            drawing.add(Rect(left, low, right - left, high - low, fillColor=CORRIDOR_COLOR, strokeColor=None))
        if f.forecast is not None:
            y = frame.y(f.forecast)
            drawing.add(
                Line(
                    left, y, right, y, strokeColor=color or FORECAST_COLOR, strokeWidth=1.8, strokeDashArray=[1.5, 2.5]
                )
            )
        if f.target is None:
            previous = None
            continue
        y = frame.y(f.target)
        if previous == f.year - 1:
            target.lineTo(left, y)
        else:
            target.moveTo(left, y)
        target.lineTo(right, y)
        previous = f.year
    if target.operators:
        drawing.add(target)


def _line(
    drawing: Drawing, frame: _Frame, points: Sequence[MonthValue], style: tuple[colors.Color, bool], ytd: bool
) -> None:
    """One Ist line; a missing month breaks it (a year-to-date line also each January), a lone month gets a dot.

    Where the months are at least ``_MARK_SPACING`` apart, every month gets a marker (the solid line with markers is
    the Ist in black and white too; closer together the markers would merge into a thick line).
    """
    color, thick = style
    width = 1.8 if thick else 1.1
    path = Path(strokeColor=color, strokeWidth=width, fillColor=None, strokeLineJoin=1)
    marks = Path(strokeColor=color, strokeWidth=width * 2.4, fillColor=None, strokeLineCap=1)
    spaced = (
        len(points) > 1
        and abs(frame.x(points[1].year, points[1].month) - frame.x(points[0].year, points[0].month)) >= _MARK_SPACING
    )
    for index, point in enumerate(points):
        if point.value is None:
            continue
        x, y = frame.x(point.year, point.month), frame.y(point.value)
        before = points[index - 1].value if index > 0 and not (ytd and point.month == 1) else None
        after = points[index + 1].value if index + 1 < len(points) and not (ytd and point.month == 12) else None
        if before is None:
            path.moveTo(x, y)
            if after is None:
                drawing.add(Circle(x, y, width * 1.2, fillColor=color, strokeColor=None))
        else:
            path.lineTo(x, y)
        if spaced:  # a zero-length round-capped stroke: a filled dot, cheap to write
            marks.moveTo(x, y)
            marks.lineTo(x, y)
    if path.operators:
        drawing.add(path)
    if marks.operators:
        drawing.add(marks)
