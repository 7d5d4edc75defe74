"""Time series (service) and the time-series chart on the demo file: values, targets, corridors, gaps, German axes."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.shapes import Path as RlPath
from reportlab.pdfbase.pdfmetrics import stringWidth

from zv_desktop.core import model
from zv_desktop.core.charts import drawing_to_svg, time_series_drawing
from zv_desktop.core.charts.axis import nice_ticks
from zv_desktop.core.charts.time_series_chart import IST_COLOR, NO_DATA_TEXT
from zv_desktop.core.demo import ids
from zv_desktop.core.formats import format_number, parse_number
from zv_desktop.core.services import agreements, catalogue
from zv_desktop.core.services import time_series as ts
from zv_desktop.core.services.time_series import MonthValue, TimeSeries, YearFigures
from zv_desktop.core.services.values import list_values
from zv_desktop.core.store import Store, open_store

KREIS = ids.area_id(ids.KREIS_METTMANN)
DEMO_YEARS = [2013, 2014, 2015, 2021, 2022]


@pytest.fixture(scope="module")
def shared_demo(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One copy of the demo for the read-only tests of this module (tests that change it take ``demo``)."""
    path = tmp_path_factory.mktemp("zeitreihe") / "demo.sqlite"
    shutil.copy(demo_file, path)
    store = open_store(path)
    yield store
    store.close()


def _measure(store: Store, code: str) -> str:
    return catalogue.measure_by_code(store, code).id


def _stored(store: Store, code: str, area: str) -> dict[tuple[int, int], Decimal]:
    measure_id = _measure(store, code)
    return {
        (v.year, v.period_no): v.value
        for v in list_values(store, ids.area_id(area))
        if v.measure_id == measure_id
        and v.value_kind is model.ValueKind.IST
        and v.period_type is model.PeriodType.MONTH
    }


# --- service ----------------------------------------------------------------------------------


def test_k2_kreis_mettmann_has_every_month_and_the_2014_target(shared_demo: Store) -> None:
    series = ts.build_series(shared_demo, _measure(shared_demo, "K2"), KREIS)
    assert (series.measure_label, series.area_name, series.unit) == ("K2 Integrationsquote", "Kreis Mettmann", "%")
    assert [f.year for f in series.years] == DEMO_YEARS
    by_year = {f.year: f for f in series.years}
    assert by_year[2014].target == Decimal("20.6") and by_year[2014].direction == "higher"
    assert by_year[2014].goal_titles == ("Verbesserung der Integration in Erwerbstätigkeit",)
    assert all(by_year[y].target is None for y in DEMO_YEARS if y != 2014)
    stored = _stored(shared_demo, "K2", ids.KREIS_METTMANN)
    assert len(series.months) == 12 * (2022 - 2013 + 1)
    assert {(p.year, p.month): p.value for p in series.months if p.value is not None} == stored
    assert all(p.value is None for p in series.months if 2016 <= p.year <= 2020)  # missing, not 0
    assert series.value(2014, 12) == stored[(2014, 12)] and series.value(2018, 5) is None
    for f in series.years:  # K2 is a 12-month quota: the year's figure is the reporting month's
        assert (f.months, f.last_month, f.year_value) == (12, 12, stored[(f.year, 12)])


def test_lzb_target_is_lower_is_better_and_the_year_figure_a_mean(shared_demo: Store) -> None:
    series = ts.build_series(shared_demo, _measure(shared_demo, "LZB"), KREIS)
    figures = {f.year: f for f in series.years}[2014]
    assert figures.target == Decimal(17283) and figures.direction == "lower"
    assert series.aggregation == "mean"
    months = [v for (year, _), v in _stored(shared_demo, "LZB", ids.KREIS_METTMANN).items() if year == 2014]
    assert figures.year_value == sum(months) / 12


def test_llu_forecast_and_year_to_date_sum(shared_demo: Store) -> None:
    series = ts.build_series(shared_demo, _measure(shared_demo, "LLU"), KREIS)
    figures = {f.year: f for f in series.years}[2014]
    assert figures.forecast == Decimal(90295768) and figures.target is None
    assert series.aggregation == "sum"
    ytd = {(p.year, p.month): p.value for p in series.year_to_date()}
    assert (
        ytd[(2014, 12)]
        == figures.year_value
        == sum(_stored(shared_demo, "LLU", ids.KREIS_METTMANN)[(2014, m)] for m in range(1, 13))
    )
    assert ytd[(2014, 1)] == series.value(2014, 1) and ytd[(2017, 6)] is None


def test_a_missing_month_stays_a_gap(demo: Store) -> None:
    measure_id = _measure(demo, "LLU")
    march = [v for v in list_values(demo, KREIS, 2014) if v.measure_id == measure_id and v.period_no == 3]
    demo.delete(model.KpiValue, march[0].id)
    series = ts.build_series(demo, measure_id, KREIS)
    figures = {f.year: f for f in series.years}[2014]
    assert series.value(2014, 3) is None and series.value(2014, 2) is not None
    assert figures.months == 11 and figures.last_month == 12
    ytd = {(p.year, p.month): p.value for p in series.year_to_date()}
    assert ytd[(2014, 2)] is not None and all(ytd[(2014, m)] is None for m in range(3, 13))  # unknown, not smaller
    assert ytd[(2015, 1)] is not None


def test_goal_without_area_counts_for_the_kreis_of_its_party_with_corridor(demo: Store) -> None:
    agreement = agreements.save_agreement(demo, model.Agreement(2023, "ZV Kreis Mettmann 2023"))
    agreements.save_agreement_party(demo, model.AgreementParty(agreement.id, ids.PARTY_KREIS_METTMANN))
    goal = model.Goal(
        agreement.id,
        model.GoalKind.KPI_TARGET,
        "Integrationsquote halten",
        measure_id=_measure(demo, "K2"),
        direction=model.Direction.HIGHER,
        target_value=Decimal("21.0"),
        corridor_low=Decimal("20.5"),
        corridor_high=Decimal("21.5"),
    )
    agreements.save_goal(demo, goal)
    series = ts.build_series(demo, goal.measure_id or "", KREIS)
    figures = series.years[-1]
    assert (figures.year, figures.target, figures.corridor_low, figures.corridor_high) == (
        2023,
        Decimal("21.0"),
        Decimal("20.5"),
        Decimal("21.5"),
    )
    assert figures.months == 0 and figures.year_value is None and figures.goal_ids == (goal.id,)
    assert all(p.value is None for p in series.months if p.year == 2023)
    hilden = ts.build_series(demo, goal.measure_id or "", ids.area_id("Hilden"))
    assert all(f.target is None for f in hilden.years)  # the Kreis' goal is not a city's


def test_cities_side_by_side(shared_demo: Store) -> None:
    assert [c.name for c in ts.cities_of(shared_demo, KREIS)] == list(ids.METTMANN_CITIES)
    assert ts.cities_of(shared_demo, ids.area_id("Hilden")) == []
    quota = ts.cities_side_by_side(shared_demo, _measure(shared_demo, "K2"), KREIS)
    assert [s.area_name for s in quota] == [ids.KREIS_METTMANN, *ids.METTMANN_CITIES]  # a quota: Kreis among them
    stock = ts.cities_side_by_side(shared_demo, _measure(shared_demo, "LZB"), KREIS)
    assert [s.area_name for s in stock] == list(ids.METTMANN_CITIES)  # a stock: the Kreis would dwarf its cities
    assert all(len(s.years) == len(DEMO_YEARS) for s in stock)


def test_available_series_for_the_pickers(shared_demo: Store) -> None:
    keys = ts.available_series(shared_demo)
    pairs = {(k.measure_label.split()[0], k.area_name) for k in keys}
    for code in ("K2", "LZB", "LLU", "INT-U25", "INT-AE", "KdU"):
        assert {(code, ids.KREIS_METTMANN), (code, "Wülfrath")} <= pairs
    assert ("K1E1", ids.KREIS_METTMANN) not in pairs  # a goal without any figure and no values
    k2 = [k.area_name for k in keys if k.measure_label == "K2 Integrationsquote"]
    assert k2 == [ids.KREIS_METTMANN, *ids.METTMANN_CITIES]
    assert len(keys) == len(set(keys))


def test_an_empty_series(shared_demo: Store) -> None:
    series = ts.build_series(shared_demo, _measure(shared_demo, "K1"), ids.area_id(ids.KREIS_UNNA))
    assert series.is_empty and series.months == () and series.first_year is None and series.value(2014, 1) is None


# --- chart ------------------------------------------------------------------------------------


def _strings(node: Group) -> list[String]:
    found: list[String] = []
    for item in node.contents:
        if isinstance(item, String):
            found.append(item)
        elif isinstance(item, Group):
            found += _strings(item)
    return found


def _number_labels(drawing: Drawing) -> list[str]:
    return [s.text for s in _strings(drawing) if re.fullmatch(r"-?[0-9][0-9.]*(,[0-9]+)?", s.text)]


def _ist_paths(drawing: Drawing) -> list[RlPath]:
    """The Ist lines (not their round-capped markers)."""
    return [
        p
        for p in drawing.contents
        if isinstance(p, RlPath) and p.strokeColor == IST_COLOR and getattr(p, "strokeLineCap", 0) != 1
    ]


def _box(s: String) -> tuple[float, float, float, float]:
    width = stringWidth(s.text, s.fontName, s.fontSize)
    left = {"start": s.x, "middle": s.x - width / 2, "end": s.x - width}[s.textAnchor]
    return left, s.y - 0.22 * s.fontSize, left + width, s.y + 0.75 * s.fontSize


def _overlaps(drawing: Drawing) -> list[tuple[str, str]]:
    boxes = [(s.text, _box(s)) for s in _strings(drawing)]
    bad = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):
        if ax0 < -0.5 or ax1 > drawing.width + 0.5 or ay0 < -0.5 or ay1 > drawing.height + 0.5:
            bad.append((a, "außerhalb"))
        for b, (bx0, by0, bx1, by1) in boxes[i + 1 :]:
            if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
                bad.append((a, b))
    return bad


def test_axes_are_labelled_the_german_way(shared_demo: Store) -> None:
    lzb = time_series_drawing([ts.build_series(shared_demo, _measure(shared_demo, "LZB"), KREIS)], 480, 260)
    labels = _number_labels(lzb)
    assert any(re.fullmatch(r"1[78]\.[0-9]00", label) for label in labels)  # e.g. "17.500"
    numbers = [parse_number(label) for label in labels if "." in label]
    assert min(numbers) <= 17283 <= max(numbers)  # the target lies on the axis
    k2 = time_series_drawing([ts.build_series(shared_demo, _measure(shared_demo, "K2"), KREIS)], 480, 260)
    quota = [label for label in _number_labels(k2) if "," in label]
    assert quota and all(format_number(parse_number(label), 1) == label for label in quota)  # e.g. "20,5"
    svg = drawing_to_svg(k2, "Zeitreihe – K2").decode("utf-8")
    assert ">20,5<" in svg or ">20,6<" in svg or ">21,0<" in svg
    assert "<title>Zeitreihe – K2</title>" in svg and "Integrationsquote in %" in svg
    assert "fill: None" not in svg  # QtSvg would fill such lines black
    assert "2016–2020" in svg  # years without figures share one narrow slot


def test_gaps_break_the_line(demo: Store) -> None:
    measure_id = _measure(demo, "K2")
    drawing = time_series_drawing([ts.build_series(demo, measure_id, KREIS)], 480, 260)
    (path,) = _ist_paths(drawing)
    assert path.operators.count(0) == 2  # two moveTo: 2013–2015 and 2021–2022
    march = [v for v in list_values(demo, KREIS, 2014) if v.measure_id == measure_id and v.period_no == 3]
    demo.delete(model.KpiValue, march[0].id)
    drawing = time_series_drawing([ts.build_series(demo, measure_id, KREIS)], 480, 260)
    (path,) = _ist_paths(drawing)
    assert path.operators.count(0) == 3 and len(path.operators) == 5 * 12 - 1  # one point per stored month


def test_chart_prints_to_pdf_with_umlauts_and_euro(shared_demo: Store) -> None:
    def pdf_text(code: str, area: str) -> str:
        drawing = time_series_drawing([ts.build_series(shared_demo, _measure(shared_demo, code), area)], 480, 260)
        return str(PdfReader(io.BytesIO(renderPDF.drawToString(drawing))).pages[0].extract_text())

    money = pdf_text("LLU", ids.area_id("Wülfrath"))
    assert "– Wülfrath" in money and "Summe seit Jahresbeginn in Mio. €" in money and "2016–2020" in money
    counts = pdf_text("INT-U25", KREIS)  # integrations summed over the year: some thousands
    assert "Integrationen unter 25 Jahren, Summe seit Jahresbeginn (Anzahl)" in counts
    assert re.search(r"^1\.[0-9]00$", counts, re.MULTILINE)


def test_cities_get_a_line_each_and_a_legend(shared_demo: Store) -> None:
    series = ts.cities_side_by_side(shared_demo, _measure(shared_demo, "K2"), KREIS)
    drawing = time_series_drawing(series, 700, 380, highlight_first=True)
    texts = {s.text for s in _strings(drawing)}
    assert {ids.KREIS_METTMANN, *ids.METTMANN_CITIES} <= texts
    assert len([p for p in drawing.contents if isinstance(p, RlPath)]) >= len(series)
    assert _overlaps(drawing) == []


def test_nothing_to_show() -> None:
    drawing = time_series_drawing([], 300, 200, title="Zeitreihe – K1 – Kreis Unna")
    assert NO_DATA_TEXT in {s.text for s in _strings(drawing)}


def _synthetic(first: int, last: int, gap_years: range = range(0)) -> TimeSeries:
    months = tuple(
        MonthValue(y, m, None if y in gap_years else Decimal(17000 + 37 * ((y * 12 + m) % 29)))
        for y in range(first, last + 1)
        for m in range(1, 13)
    )
    years = tuple(
        YearFigures(y, Decimal(17283), Decimal(17100), Decimal(17500), Decimal(17900), "lower", months=12)
        for y in range(first, last + 1)
        if y not in gap_years
    )
    return TimeSeries(
        "m",
        "a",
        "LZB",
        "Bestand an Langzeitleistungsbeziehenden",
        "Wülfrath",
        "Personen",
        "lower",
        "mean",
        months,
        years,
    )


@pytest.mark.parametrize("years", [1, 2, 3, 5, 8, 12, 18, 25])
@pytest.mark.parametrize(("width", "height", "font"), [(480, 260, 8), (320, 200, 7), (1200, 460, 12)])
def test_labels_never_overlap_for_1_to_25_years(years: int, width: int, height: int, font: float) -> None:
    first = 2022 - years + 1
    gaps = range(first + 2, first + 5) if years >= 8 else range(0)
    drawing = time_series_drawing([_synthetic(first, 2022, gaps)], width, height, font_size=font)
    assert _overlaps(drawing) == []
    labelled = sorted(int(s.text) for s in _strings(drawing) if re.fullmatch(r"(19|20)[0-9]{2}", s.text))
    assert len(labelled) >= min(years, 2) and len({b - a for a, b in zip(labelled, labelled[1:], strict=False)}) <= 2


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=2),
    st.decimals(min_value=0, max_value=10**8, allow_nan=False, places=2),
    st.integers(min_value=2, max_value=12),
)
def test_nice_ticks_cover_the_range_with_round_steps(lo: Decimal, span: Decimal, most: int) -> None:
    ticks, decimals = nice_ticks(lo, lo + span, most)
    assert ticks[0] <= lo and ticks[-1] >= lo + span and 2 <= len(ticks) <= max(most, 3)
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1
    (step,) = steps
    assert step.normalize().as_tuple().digits[0] in (1, 2, 5) and len(step.normalize().as_tuple().digits) == 1
    labels = [format_number(t, decimals) for t in ticks]
    assert len(set(labels)) == len(labels)  # enough decimals to tell ticks apart
