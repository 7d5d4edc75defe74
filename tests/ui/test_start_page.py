"""The start page (shown while no record is open): the year's lights as the Zielerreichung judges them, what is due,
months without Ist values, the last exchanges and the records opened lately – each entry opens its record."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QHeaderView, QLabel, QListWidget
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.services import agreements
from zv_desktop.core.services import start_page as service
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui import start_page as page_module
from zv_desktop.ui.dashboard import Dashboard
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.start_page import OPEN_ROLE, StartPage

from .conftest import show_active

#: A day far from the demo's years, so the goals made here are the only ones of "this year".
TODAY = date(2031, 6, 15)
KREIS_ME = "406ca5be-8304-52bd-93b8-3414a1d3802b"


def _year_of_goals(store: Store) -> dict[str, str]:
    """An agreement of TODAY's year for Kreis Mettmann with milestones around TODAY and a goal measured by values
    of January, February and April only; returns the ids by name."""
    area = store.find(model.Area, "party_id = ?", (KREIS_ME,))[0]
    measure = store.find(model.Measure, "builtin = 1")[0]
    agreement = model.Agreement(year=TODAY.year, title="Zielvereinbarung 2031 Kreis Mettmann")
    ids = {"agreement": agreement.id}

    def goal(name: str, kind: model.GoalKind, **fields: object) -> None:
        record = model.Goal(agreement_id=agreement.id, kind=kind, title=name, position=len(ids), **fields)  # type: ignore[arg-type]
        store.save(record)
        ids[name] = record.id

    with store.transaction():
        store.save(agreement)
        store.save(model.AgreementParty(agreement_id=agreement.id, party_id=KREIS_ME))
        goal("Bericht zum Halbjahr", model.GoalKind.REPORTING, deadline=TODAY - timedelta(days=5))
        goal("Konzept Fallmanagement", model.GoalKind.MILESTONE, deadline=TODAY + timedelta(days=10))
        goal("Evaluation", model.GoalKind.MILESTONE, deadline=TODAY + timedelta(days=40))
        goal("Schon erledigt", model.GoalKind.MILESTONE, deadline=TODAY, done_date=TODAY - timedelta(days=1))
        goal(
            "Quote senken",
            model.GoalKind.KPI_TARGET,
            measure_id=measure.id,
            area_id=area.id,
            target_value=Decimal(10),
            direction=measure.direction,
        )
        for month in (1, 2, 4):
            store.save(model.KpiValue(measure.id, area.id, TODAY.year, Decimal(12), period_no=month))
    return ids


@pytest.fixture
def window(qtbot: QtBot, demo: Store) -> Iterator[MainWindow]:
    w = MainWindow(demo)
    w.welcome.today = lambda: TODAY
    show_active(qtbot, w)
    yield w
    w.close()


def _texts(links: QListWidget) -> list[str]:
    return [links.item(row).text() for row in range(links.count())]


def _click(qtbot: QtBot, links: QListWidget, starting: str) -> None:
    row = next(r for r in range(links.count()) if links.item(r).text().startswith(starting))
    links.scrollToItem(links.item(row))
    qtbot.mouseClick(links.viewport(), Qt.MouseButton.LeftButton, pos=links.visualItemRect(links.item(row)).center())


def test_lights_match_the_dashboard_for_all_and_each_traeger(qtbot: QtBot, window: MainWindow, demo: Store) -> None:
    page = window.welcome
    page.today = lambda: date(2014, 12, 31)  # the page shows 2014, a year with lights of every colour
    page.reload()
    assert page.lights_box.title() == "Zielerreichung 2014"
    table = page.lights
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert rows[0][0] == "Alle Träger" and len(rows) > 2  # all, then each Träger of 2014
    assert page.data is not None and page.data.lights == service.light_counts(demo, 2014, date.today())
    assert int(rows[0][1]) > 0 and int(rows[0][2]) > 0  # green and amber: not a trivial match
    for row, (name, green, amber, red, none, total) in enumerate(rows):
        rect = table.visualItemRect(table.item(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        dashboard = window.findChild(Dashboard)
        assert dashboard is not None and dashboard.isVisible()
        qtbot.addWidget(dashboard)
        assert dashboard.year.currentData() == 2014
        assert dashboard.summary.text() == (
            f"{total} Ziele: {green} erreicht, {amber} gefährdet, {red} nicht erreicht, {none} ohne Bewertung"
        ), name


def test_the_year_shown_is_this_year_or_else_the_newest(demo: Store) -> None:
    assert service.start_page(demo, [], TODAY).year == 2022  # the demo's newest year: no agreement of 2031
    _year_of_goals(demo)
    page = service.start_page(demo, [], TODAY)
    assert page.year == 2031 and page.office == "Kreis Testland" and page.file_name == demo.path.name


def test_a_year_without_measured_goals_says_so_rather_than_all_values_there(store: Store) -> None:
    agreements.save_agreement(store, model.Agreement(2031, "Nur Meilensteine"))
    page = service.start_page(store, [], TODAY)
    assert (page.year, page.missing, page.measured) == (2031, [], 0)


def test_due_overdue_first_and_months_without_values(demo: Store) -> None:
    ids = _year_of_goals(demo)
    page = service.start_page(demo, [], TODAY)
    assert [(d.title, d.overdue) for d in page.due] == [
        ("Bericht zum Halbjahr", True),
        ("Konzept Fallmanagement", False),  # in 10 days; the one in 40 days and the done one are not due
    ]
    assert (page.overdue_count, page.soon_count) == (1, 1)
    [gap] = page.missing
    assert (gap.goal_id, gap.agreement_id, gap.months) == (ids["Quote senken"], ids["agreement"], (3, 5))
    assert service.month_list((1, 2, 3, 5, 6, 9)) == "Jan–Mär, Mai, Jun, Sep"


def test_the_page_lists_and_marks_and_each_entry_opens_its_record(
    qtbot: QtBot, window: MainWindow, demo: Store
) -> None:
    ids = _year_of_goals(demo)
    page = window.welcome
    page.reload()
    assert window.pages.currentWidget() is page and page.isVisible()
    assert page.lights_box.title() == "Zielerreichung 2031"
    assert page.lights.item(0, 0).text() == "Alle Träger" and page.lights.item(0, 5).text() == "5"
    due = _texts(page.due)
    assert (
        due[0] == "überfällig seit 10.06.2031: Bericht zum Halbjahr – Zielvereinbarung 2031 Kreis Mettmann (Kreis ME)"
    )
    assert page.due.item(0).foreground().color().name() == "#b71c1c"  # marked red as well as in words
    assert due[1].startswith("fällig am 25.06.2031 (in 10 Tagen): Konzept Fallmanagement")
    assert len(due) == 2 and page.due_box.title() == "&Fällig: 1 überfällig, 1 in den nächsten 30 Tagen"
    assert _texts(page.missing) == ["Quote senken – Zielvereinbarung 2031 Kreis Mettmann (Kreis ME): fehlt Mär, Mai"]
    _click(qtbot, page.due, "fällig am")
    editor = window.editors["goal"]
    assert window.pages.currentWidget() is editor and editor.record_id == ids["Konzept Fallmanagement"]
    window.show_start_page()
    _click(qtbot, page.missing, "Quote senken")
    assert window.pages.currentWidget() is window.editors["values"]
    assert window.shown_record() == ("values", ids["agreement"])


def test_recent_records_of_this_file_only_and_not_once_deleted(
    qtbot: QtBot, window: MainWindow, demo: Store, tmp_path: Path
) -> None:
    page = window.welcome
    assert _texts(page.recent)[0].startswith("Noch nichts geöffnet")
    ids = _year_of_goals(demo)
    window.open_record("goal", ids["Evaluation"])
    window.open_record("agreement", ids["agreement"])
    window.show_start_page()
    assert _texts(page.recent) == [
        "Zielvereinbarung: Zielvereinbarung 2031 Kreis Mettmann",
        "Ziel: Evaluation (Zielvereinbarung 2031 Kreis Mettmann)",
    ]
    _click(qtbot, page.recent, "Ziel: Evaluation")
    assert window.shown_record() == ("goal", ids["Evaluation"])
    window.show_start_page()
    assert window.controller is not None
    window.controller.perform("Ziel löschen", lambda: demo.delete(model.Goal, ids["Evaluation"]))
    qtbot.waitUntil(lambda: len(_texts(page.recent)) == 1)  # the page reads the file again after a change
    assert _texts(page.recent) == ["Zielvereinbarung: Zielvereinbarung 2031 Kreis Mettmann"]
    other = open_store(tmp_path / "andere.sqlite", create=True, office_name="Stadt Kamen")
    window.set_store(other)  # the other file's window shows its own records only: none yet
    QApplication.processEvents()  # the new page is shown (and reads the file) once the window lays it out
    assert _texts(window.welcome.recent)[0].startswith("Noch nichts geöffnet")
    assert window.welcome.heading.text() == "andere.sqlite" and "Stadt Kamen" in window.welcome.file_line.text()
    assert window.welcome.lights_box.title() == "Zielerreichung" and not window.welcome.dashboard_button.isEnabled()


def test_a_large_year_is_read_in_the_background(
    qtbot: QtBot, window: MainWindow, demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _year_of_goals(demo)
    monkeypatch.setattr(page_module, "BACKGROUND_FROM_GOALS", 1)
    page = window.welcome
    page.data = None
    page.reload()
    assert page.busy.text() == "wird berechnet …"
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.data is not None and page.data.year == 2031 and page.busy.text() == ""
    assert len(_texts(page.due)) == 2


def test_the_page_is_usable_by_keyboard_and_screen_reader(window: MainWindow) -> None:
    page: StartPage = window.welcome
    views = [v for v in page.findChildren(QAbstractItemView) if v.isVisibleTo(page) and not isinstance(v, QHeaderView)]
    assert len(views) == 5 and all(v.accessibleName() for v in views)
    buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page)]
    assert buttons and all(b.toolTip() and b.text() for b in buttons)
    texts = [w.text() for w in page.findChildren(QLabel)] + [b.text() for b in buttons]
    texts += [box.title() for box in (page.lights_box, page.due_box, page.missing_box, page.recent_box)]
    texts.append(page.exchange_box.title())
    letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&\s])", t.replace("&&", "")))]
    assert len(letters) == len(set(letters)) and not {"d", "b", "ü", "h"} & set(letters), letters
    page.due.setFocus()
    assert QApplication.focusWidget() is page.due
    assert all(page.due.item(r).data(OPEN_ROLE) is None for r in range(page.due.count()))  # only a note: 2022
    assert _texts(page.missing) == ["Für alle vergangenen Monate sind Ist-Werte erfasst."]  # 2022's goals: all there


def test_changes_in_a_row_read_the_file_once(
    qtbot: QtBot, window: MainWindow, demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _year_of_goals(demo)
    page = window.welcome
    page.reload()
    reads: list[int] = []
    original = page.reload

    def counted() -> None:
        reads.append(1)
        original()

    monkeypatch.setattr(page, "reload", counted)
    assert window.controller is not None
    for goal_id in (ids["Evaluation"], ids["Konzept Fallmanagement"]):  # two undoable changes in a row
        window.controller.perform("Ziel löschen", lambda goal_id=goal_id: demo.delete(model.Goal, goal_id))
    assert reads == []  # not at once: the page waits for the changes to settle
    qtbot.waitUntil(lambda: reads == [1])
    assert [page.due.item(r).text()[:10] for r in range(page.due.count())] == ["überfällig"]
