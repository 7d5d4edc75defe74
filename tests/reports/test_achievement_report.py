"""The monthly Zielerreichungsbericht: the figures of the dashboard, comments, escaping, pagination, the chart."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from reportlab.graphics.shapes import Drawing, Path, String

from tests.reports.pdf_reading import flat, font_files, page_texts, reader
from zv_desktop.core import model
from zv_desktop.core.charts.monthly_chart import IST_COLOR, monthly_drawing, plotted
from zv_desktop.core.choices import Aggregation
from zv_desktop.core.demo import ids
from zv_desktop.core.errors import ZvError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.reports.achievement_report import achievement_document
from zv_desktop.core.reports.output import finish
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.services import agreements
from zv_desktop.core.services.goal_course import MonthlyCourse
from zv_desktop.core.services.status import GoalRow, year_status
from zv_desktop.core.services.status_text import explain, figure_text, percent_text, unit_of
from zv_desktop.core.store import Store

TODAY = date(2026, 11, 22)
MARKUP = "<b>Test</b> & </para><font size=40>"


def _pdf(store: Store, year: int = 2014, month: int | None = 9, **kw: object) -> bytes:
    document = achievement_document(store, year, month, today=TODAY, **kw)  # type: ignore[arg-type]
    return finish(document).content


def _row(store: Store, title_start: str) -> GoalRow:
    (row,) = [r for r in year_status(store, 2014, 9, today=TODAY).rows if r.goal.title.startswith(title_start)]
    return row


def _comment(store: Store, title_start: str, comment: str) -> None:
    agreements.save_goal(store, dataclasses.replace(_row(store, title_start).goal, comment=comment))


def test_figures_are_those_of_year_status(demo: Store) -> None:
    pdf = _pdf(demo)
    text = flat(pdf)
    status = year_status(demo, 2014, 9, today=TODAY)
    measured = [r for r in status.rows if r.status.percent is not None]
    assert len(measured) >= 6
    for row in measured:
        unit = unit_of(row)
        for figure in (figure_text(row.status.target, unit), figure_text(row.status.actual, unit)):
            assert figure in text, (row.goal.title, figure)
        assert percent_text(row.status.percent) in text
        assert " ".join(explain(row).split()) in text  # the explanation below each chart
    assert "90.295.768 €" in text and "101,9 %" in text  # Prognose LLU; K2 21,0 % against 20,6 %
    assert "26 Ziele: 5 erreicht, 2 gefährdet, 0 nicht erreicht, 19 ohne Bewertung" in text
    assert "Vertragspartner: Agentur für Arbeit Mettmann, Jobcenter ME-aktiv, Kreis Mettmann" in text
    assert "Frist 31.12.2014" in text and "Kein Kommentar erfasst." in text
    meta = reader(pdf).metadata
    assert meta is not None and meta.title == "Zielerreichungsbericht 2014 – Berichtsmonat September"
    assert meta.subject == "Zielerreichungsbericht" and meta.author == demo.site_name


def test_goals_without_values_still_show_their_agreed_figure(demo: Store) -> None:
    text = flat(_pdf(demo))
    assert "Mittel für die Schuldnerberatung" in text and "500.000,00 €" in text  # a budget without spending values
    assert "≥ 80 %" in text and "≥ 2 Kontakte/Jahr" in text  # thresholds with their comparator
    assert "—" not in text  # one dash for "no figure" in every document: –


def test_table_header_repeats_and_fonts_are_embedded(demo: Store) -> None:
    pdf = _pdf(demo)
    pages = page_texts(pdf)
    table_pages = [p for p in pages if "Zielwert" in p and "Prognose" in p and "Status" in p]
    assert len(table_pages) >= 2  # the goal table runs over a page break with its header
    fonts = font_files(pdf)
    assert fonts and all(fonts.values()), fonts  # charts included: no Helvetica reference


def test_comment_of_the_jobcenter_is_printed(demo: Store) -> None:
    _comment(demo, "Vermeidung von langfristigem", "Der Bestand sinkt langsamer als geplant.\n\nZweiter Absatz.")
    text = flat(_pdf(demo))
    assert "Kommentar zur Zielerreichung Der Bestand sinkt langsamer als geplant. Zweiter Absatz." in text


def test_user_markup_prints_literally(store: Store) -> None:
    agreement = agreements.save_agreement(store, model.Agreement(2014, MARKUP))
    goal = agreements.goal_template(store, agreement.id, model.GoalKind.MILESTONE, title=MARKUP)
    goal.deadline, goal.comment = date(2014, 6, 30), MARKUP + "\nZeile 2"
    agreements.save_goal(store, goal)
    text = flat(_pdf(store, month=None))
    assert text.count(MARKUP) >= 4  # agreement heading, table cell, goal heading, comment
    assert "Zeile 2" in text and "überfällig" in text


def test_long_comment_flows_over_pages(demo: Store) -> None:
    short_pages = len(page_texts(_pdf(demo)))
    words = " ".join(f"Wort{i}" for i in range(5000))
    _comment(demo, "Vermeidung von langfristigem", f"ANFANG {words} ENDE")
    pages = page_texts(_pdf(demo))
    assert len(pages) >= short_pages + 3
    first = next(i for i, p in enumerate(pages) if "ANFANG" in p)
    last = next(i for i, p in enumerate(pages) if "ENDE" in p)
    assert last - first >= 3
    assert "Wort4999" in " ".join(pages[last].split())


def test_month_and_method_change_the_report(demo: Store) -> None:
    june = flat(_pdf(demo, month=6))
    assert "Berichtsmonat Juni 2014" in june and "Ist bis 06/2014" in june
    lzb = year_status(demo, 2014, 6, today=TODAY).rows
    assert "Durchschnitt der 6 Monatswerte 01–06/2014" in june
    assert all(percent_text(r.status.percent) in june for r in lzb if r.status.percent is not None)
    rolling = flat(_pdf(demo, month=9, method=Method.ROLLING_12))
    assert "Berichtsmonat September 2014" in rolling and "Hochrechnung: gleitend über 12 Monate" in rolling
    assert "Prognose (gleitend)" in rolling
    latest = flat(_pdf(demo, month=None))
    assert "Berichtsmonat Dezember 2014" in latest


def test_missing_month_is_listed(demo: Store) -> None:
    row = _row(demo, "Vermeidung von langfristigem")
    march = demo.find(
        model.KpiValue,
        "measure_id = ? AND area_id = ? AND year = 2014 AND period_no = 3",
        (row.goal.measure_id, ids.area_id(ids.KREIS_METTMANN)),
    )[0]
    with demo.transaction():
        demo.delete(model.KpiValue, march.id)
    text = flat(_pdf(demo))
    assert "Durchschnitt der 8 Monatswerte" in text and "Fehlende Monate: 03/2014" in text


def test_party_filter_and_years_without_agreements(demo: Store, store: Store) -> None:
    text = flat(_pdf(demo, party_id=ids.PARTY_JC_ME_AKTIV))
    assert "Zielvereinbarung 2014 Agentur für Arbeit Mettmann" in text
    with pytest.raises(ZvError, match="Für das Jahr 2014 gibt es keine Zielvereinbarungen dieses Trägers"):
        achievement_document(demo, 2014, party_id=ids.PARTY_STADT_KAMEN)
    with pytest.raises(ZvError, match="Für das Jahr 2030 gibt es keine Zielvereinbarungen"):
        achievement_document(demo, 2030)
    with pytest.raises(ZvError, match="keine Zielvereinbarungen"):
        achievement_document(store, 2014)


def test_progress_per_agreement_and_cancelling(demo: Store) -> None:
    seen: list[tuple[int, int, str]] = []
    achievement_document(demo, 2014, 9, progress=Progress(lambda d, t, s: seen.append((d, t, s))), today=TODAY)
    assert seen[0][:2] == (0, 1) and "Zielvereinbarung 1 von 1" in seen[0][2] and seen[-1][:2] == (1, 1)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        achievement_document(demo, 2014, 9, progress=progress, today=TODAY)


# --- the chart --------------------------------------------------------------------------------


def _shapes(drawing: Drawing) -> list[object]:
    return list(drawing.getContents())


def _month_x(drawing: Drawing) -> dict[str, float]:
    return {s.text: s.x for s in _shapes(drawing) if isinstance(s, String) and s.text in ("Feb", "Mär", "Apr")}


def _ist_points(drawing: Drawing) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for shape in _shapes(drawing):
        if isinstance(shape, Path) and shape.strokeColor == IST_COLOR:  # the line and its dots
            points += list(zip(shape.points[::2], shape.points[1::2], strict=True))
    return points


def _labels(drawing: Drawing) -> list[str]:
    return [s.text for s in _shapes(drawing) if isinstance(s, String)]


@pytest.mark.parametrize("aggregation", [Aggregation.LAST, Aggregation.MEAN])
def test_chart_leaves_a_missing_month_out(aggregation: Aggregation) -> None:
    months = {m: Decimal(100 + m) for m in range(1, 10) if m != 3}  # March missing
    course = MonthlyCourse(2014, "Personen", aggregation, months, {m: Decimal(98) for m in range(1, 13)})
    drawing = monthly_drawing(course)
    x = _month_x(drawing)
    xs = {round(px, 3) for px, _ in _ist_points(drawing)}
    assert round(x["Feb"], 3) in xs and round(x["Apr"], 3) in xs
    assert round(x["Mär"], 3) not in xs  # a gap, not a point
    assert "0" not in _labels(drawing)  # nothing pulled the axis down to zero
    path = next(s for s in _shapes(drawing) if isinstance(s, Path) and s.strokeColor == IST_COLOR)
    assert path.operators.count(0) == 2  # two runs: January–February and April–September (moveTo = 0)


def test_chart_of_a_sum_runs_the_total_until_the_first_gap() -> None:
    months = {1: Decimal(10), 2: Decimal(20), 4: Decimal(30)}
    course = MonthlyCourse(2014, "€", Aggregation.SUM, months, {m: Decimal(10) for m in range(1, 13)}, Decimal(130))
    current, previous, target_course = plotted(course)
    assert current == {1: Decimal(10), 2: Decimal(30)}  # April is not added onto a missing March
    assert previous[12] == Decimal(120) and target_course == {}
    drawing = monthly_drawing(course)
    assert "Ist 2014, Summe seit Jahresbeginn" in _labels(drawing) and "Vorjahr 2013" in _labels(drawing)
    change = dataclasses.replace(course, target=None, change_percent=Decimal(5), target_label="Ziel: Vorjahr +5 %")
    assert plotted(change)[2][12] == Decimal(126)
    assert "Ziel: Vorjahr +5 %" in _labels(monthly_drawing(change))


def test_chart_with_corridor_and_millions() -> None:
    course = MonthlyCourse(
        2014,
        "€",
        Aggregation.LAST,
        {m: Decimal(2_500_000 + m * 10_000) for m in range(1, 7)},
        target=Decimal(2_600_000),
        corridor=(Decimal(2_550_000), Decimal(2_650_000)),
    )
    labels = _labels(monthly_drawing(course))
    assert "in Mio. €" in labels and "Korridor" in labels
    assert all("." not in label for label in labels if label[:1].isdigit())  # millions: "2,5", not "2.500.000"


def test_only_the_chosen_goals_are_printed(demo: Store) -> None:
    lzb = _row(demo, "Vermeidung von langfristigem")
    text = flat(_pdf(demo, goal_ids=[lzb.goal.id], selection="Ampel „gefährdet“"))
    assert "Auswahl: Ampel „gefährdet“ – 1 Ziel " in text and "Vermeidung von langfristigem Leistungsbezug" in text
    assert "Verbesserung der Integration in Erwerbstätigkeit" not in text
    with pytest.raises(ZvError, match="kein Ziel ausgewählt"):
        _pdf(demo, goal_ids=[])


def test_a_year_that_has_not_begun_says_so(demo: Store) -> None:
    from zv_desktop.core.services.lifecycle import create_next_year

    create_next_year(demo, ids.agreement_id(ids.AGREEMENT_METTMANN_2022))  # a draft for 2023
    text = flat(finish(achievement_document(demo, 2023, today=date(2022, 11, 22))).content)
    assert "Das Jahr 2023 hat am Berichtstag noch nicht begonnen" in text
