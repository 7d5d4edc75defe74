"""The printed Zeitreihe: the window's chart with embedded fonts and its yearly figures."""

from __future__ import annotations

import pytest

from tests.reports.pdf_reading import flat, font_files, reader
from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.errors import ZvError
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.time_series_report import time_series_document
from zv_desktop.core.services import catalogue
from zv_desktop.core.services.time_series import build_series
from zv_desktop.core.services.time_series_table import year_table
from zv_desktop.core.store import Store


def _k2(store: Store) -> str:
    return next(m.id for m in catalogue.list_measures(store) if m.code == "K2")


def test_chart_and_yearly_figures_of_k2(demo: Store) -> None:
    kreis = ids.area_id("Kreis Mettmann")
    pdf = finish(time_series_document(demo, _k2(demo), kreis)).content
    text = flat(pdf)
    assert "Zeitreihe – K2 Integrationsquote – Kreis Mettmann" in text
    assert "Zielwert (höher ist besser)" in text  # the chart's legend
    table = year_table([build_series(demo, _k2(demo), kreis)])
    for row in range(len(table.rows)):  # every year's row as the window shows it
        assert " ".join(table.text(row, key) for key in table.keys) in text
    page = reader(pdf).pages[0].mediabox
    assert page.width > page.height
    assert all(font_files(pdf).values())  # the chart's labels too: no stray Helvetica


def test_cities_side_by_side_name_every_city(demo: Store) -> None:
    text = flat(finish(time_series_document(demo, _k2(demo), ids.area_id("Kreis Mettmann"), cities=True)).content)
    assert "Städte nebeneinander" in text and "Ratingen" in text and "Wülfrath" in text


def test_a_measure_without_values_or_goals_is_refused(store: Store) -> None:
    measure = catalogue.list_measures(store)[0]
    area = store.save(model.Area("Kreis Leer", model.AreaKind.KREIS))
    with pytest.raises(ZvError, match="keine Werte und keine Ziele"):
        time_series_document(store, measure.id, area.id)
