"""Printed on a black-and-white office printer, the traffic lights and the chart lines are still told apart.

The achievement report of the demo (2014, September) is rendered in greyscale with pdfium; every light symbol is
found by its character box and compared with the others by grey level and by shape. The charts' line styles are
read from the drawings: Ist solid with markers, target dashed, previous year dotted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import combinations

import pypdfium2 as pdfium
import pytest
from PIL import Image

from zv_desktop.core import model
from zv_desktop.core.charts.monthly_chart import PREVIOUS_DASH, TARGET_DASH, monthly_drawing
from zv_desktop.core.choices import Aggregation, Direction
from zv_desktop.core.reports.achievement_report import achievement_document
from zv_desktop.core.reports.fonts import FONT, register_fonts
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.styles import LIGHT_SYMBOLS
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.services.goal_course import MonthlyCourse
from zv_desktop.core.services.status import year_status
from zv_desktop.core.services.values import save_values
from zv_desktop.core.store import Store

TODAY = date(2026, 11, 22)
SCALE = 4  # 288 dpi: a symbol of 8.5 pt is about 30 pixels high
NAMES = {symbol: light for light, symbol in LIGHT_SYMBOLS.items()}


def _fill(glyph: Image.Image) -> float:
    """How much of its own bounding box a symbol covers: a square ≈ 1, a disc ≈ 0.79, a triangle ≈ 0.5, a ring
    less (the shape, whatever the grey)."""
    dark = glyph.point(lambda p: 255 if p < 235 else 0)
    box = dark.getbbox()
    if box is None:
        return 0.0
    cut = dark.crop(box).tobytes()
    return sum(1 for p in cut if p) / len(cut)


def _symbols(pdf: bytes) -> dict[str, list[tuple[float, float]]]:
    """Per light, each symbol printed: its mean grey (0 black … 255 white, over its inked pixels) and its fill."""
    found: dict[str, list[tuple[float, float]]] = {}
    document = pdfium.PdfDocument(pdf)
    for page in document:
        text = page.get_textpage()
        chars = text.get_text_range()
        wanted = [i for i, c in enumerate(chars) if c in NAMES]
        if not wanted:
            continue
        image = page.render(scale=SCALE, grayscale=True).to_pil().convert("L")
        height = page.get_height()
        for index in wanted:
            left, bottom, right, top = text.get_charbox(index)
            box = (
                int(left * SCALE),
                int((height - top) * SCALE),
                int(right * SCALE) + 1,
                int((height - bottom) * SCALE) + 1,
            )
            glyph = image.crop(box)
            ink = [p for p in glyph.tobytes() if p < 235]
            found.setdefault(NAMES[chars[index]], []).append((sum(ink) / max(len(ink), 1), _fill(glyph)))
    return found


def _make_one_goal_red(store: Store) -> None:
    """The demo's September 2014 has green, amber and grey lights; one KPI goal far off its target adds red."""
    rows = year_status(store, 2014, 9, today=TODAY).rows
    row = next(r for r in rows if r.status.light is Light.GREEN and r.goal.kind is model.GoalKind.KPI_TARGET)
    goal = row.goal
    assert goal.measure_id and goal.area_id and goal.target_value is not None
    off = goal.target_value * (10 if goal.direction is Direction.LOWER else Decimal("0.1"))
    save_values(store, [model.KpiValue(goal.measure_id, goal.area_id, 2014, off, period_no=m) for m in range(1, 10)])
    changed = next(r for r in year_status(store, 2014, 9, today=TODAY).rows if r.goal.id == goal.id)
    assert changed.status.light is Light.RED


def test_the_lights_differ_in_grey_and_in_shape(demo: Store) -> None:
    _make_one_goal_red(demo)
    pdf = finish(achievement_document(demo, 2014, 9, today=TODAY)).content
    found = _symbols(pdf)
    assert set(found) == {"green", "amber", "red", "none"}, found.keys()
    greys = {light: sum(g for g, _ in items) / len(items) for light, items in found.items()}
    fills = {light: sum(f for _, f in items) / len(items) for light, items in found.items()}
    for a, b in combinations(sorted(found), 2):
        assert abs(greys[a] - greys[b]) >= 20, (a, b, greys)  # grey levels apart
        assert abs(fills[a] - fills[b]) >= 0.1, (a, b, fills)  # and shapes apart
    for light, items in found.items():  # every symbol of a light looks the same
        assert max(g for g, _ in items) - min(g for g, _ in items) < 10, light
        assert max(f for _, f in items) - min(f for _, f in items) < 0.05, light


@pytest.mark.parametrize("with_target", [True, False])
def test_chart_lines_differ_without_colour(with_target: bool) -> None:
    register_fonts()
    course = MonthlyCourse(
        year=2014,
        unit="%",
        aggregation=Aggregation.LAST,
        this_year={m: Decimal(20 + m) for m in range(1, 10)},
        previous_year={m: Decimal(18 + m) for m in range(1, 13)},
        target=Decimal("28") if with_target else None,
    )
    drawing = monthly_drawing(course, 400, 200, font_name=FONT)
    styles = [(getattr(s, "strokeDashArray", None), getattr(s, "strokeLineCap", 0)) for s in drawing.contents]
    assert (PREVIOUS_DASH, 0) in styles  # the previous year dotted
    if with_target:
        assert (TARGET_DASH, 0) in styles  # the target dashed
    assert (None, 1) in styles  # the Ist's markers (round-capped dots)
