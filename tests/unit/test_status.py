"""The status of every goal of a year on the demo file: what the dashboard and `zv status` show."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.rules.goal_status import Inputs, end_of_month, evaluate
from zv_desktop.core.services import agreements
from zv_desktop.core.services.status import GoalRow, goal_row, year_status
from zv_desktop.core.services.status_text import explain, percent_text
from zv_desktop.core.store import Store

TODAY = date(2026, 11, 22)


def _row(rows: list[GoalRow], title_start: str) -> GoalRow:
    (row,) = [r for r in rows if r.goal.title.startswith(title_start)]
    return row


def test_mettmann_2014_in_september(demo: Store) -> None:
    status = year_status(demo, 2014, month=9, today=TODAY)
    assert status.as_of == date(2014, 9, 30)
    assert {r.agreement_id for r in status.rows} == {ids.agreement_id(ids.AGREEMENT_METTMANN_2014)}
    quota = _row(status.rows, "Verbesserung der Integration")
    assert quota.status.light is Light.GREEN and quota.status.target == Decimal("20.6")
    assert "Wert des Monats 09/2014" in explain(quota)
    lzb = _row(status.rows, "Vermeidung von langfristigem")
    # stock: average of January–September against 17.283, lower is better
    assert lzb.status.light is Light.AMBER
    assert lzb.status.actual is not None and lzb.status.actual > Decimal(17283)
    assert "Durchschnitt der 9 Monatswerte 01–09/2014" in explain(lzb)
    assert percent_text(lzb.status.percent) == "98,6 %"
    u25 = _row(status.rows, "Steigerung der Integration Jugendlicher")
    comparison = u25.status.comparison
    assert comparison is not None and comparison.months == tuple(range(1, 10))
    assert u25.status.target == comparison.previous * Decimal("1.05")  # type: ignore[operator]
    staff = _row(status.rows, "Soll-Ausstattung")
    assert staff.status.target == Decimal("405.93") and staff.status.temp_share == Decimal("7.3")
    assert "Soll: 405,93 VZA" in explain(staff)


def test_default_month_is_the_latest_with_values(demo: Store) -> None:
    assert year_status(demo, 2014, today=TODAY).month == 12
    # a year without values that is not over yet: the current month
    assert year_status(demo, 2026, today=TODAY).month == 11


def test_missing_months_are_listed_not_counted_as_zero(demo: Store) -> None:
    lzb_goal = _row(year_status(demo, 2014, month=9, today=TODAY).rows, "Vermeidung von langfristigem").goal
    march = demo.find(
        model.KpiValue,
        "measure_id = ? AND area_id = ? AND year = 2014 AND period_no = 3",
        (lzb_goal.measure_id, ids.area_id(ids.KREIS_METTMANN)),
    )[0]
    with demo.transaction():
        demo.delete(model.KpiValue, march.id)
    lzb = _row(year_status(demo, 2014, month=9, today=TODAY).rows, "Vermeidung von langfristigem")
    assert lzb.status.figure is not None and lzb.status.figure.missing == (3,)
    assert "Durchschnitt der 8 Monatswerte" in explain(lzb) and "Fehlende Monate: 03" in explain(lzb)
    assert lzb.status.actual is not None and lzb.status.actual > Decimal(17000)  # a zero would pull it far down


def test_deadlines_are_judged_on_the_reporting_day(demo: Store) -> None:
    concept = _row(year_status(demo, 2014, month=12, today=TODAY).rows, "Konzept zur psychosozialen")
    assert concept.goal.deadline == date(2014, 12, 31) and concept.status.verdict == "offen"  # due that very day
    goal = dataclasses.replace(concept.goal, deadline=date(2014, 6, 30))
    september = Inputs(2014, 9, end_of_month(2014, 9))
    assert evaluate(goal, september).verdict == "überfällig"
    assert evaluate(goal, Inputs(2014, 5, end_of_month(2014, 5))).verdict == "offen"
    done = dataclasses.replace(goal, done_date=date(2014, 6, 2))
    assert evaluate(done, september).light is Light.GREEN
    # the reporting day never lies after today: a deadline later this month is not overdue yet
    assert year_status(demo, 2026, month=11, today=TODAY).as_of == TODAY


def test_thresholds_of_a_signed_goal_can_be_set_and_change_the_light(demo: Store) -> None:
    row = _row(year_status(demo, 2014, month=9, today=TODAY).rows, "Vermeidung von langfristigem")
    with demo.transaction():
        agreements.save_goal(demo, dataclasses.replace(row.goal, green_from=Decimal(98), amber_from=Decimal(90)))
    again = goal_row(demo, row.goal.id, month=9)
    assert again.status.light is Light.GREEN
    assert "grün ab 98 %, gelb ab 90 %" in explain(again)


def test_party_filter_and_rolling_method(demo: Store) -> None:
    kamen = year_status(demo, 2002, party_id=ids.PARTY_STADT_KAMEN, today=TODAY)
    assert kamen.rows and {r.agreement_id for r in kamen.rows} == {ids.agreement_id(ids.AGREEMENT_KAMEN_2002)}
    assert year_status(demo, 2002, party_id=ids.PARTY_KREIS_METTMANN, today=TODAY).rows == []
    rolling = year_status(demo, 2014, month=3, method=Method.ROLLING_12, today=TODAY)
    llu = _row(rolling.rows, "Verringerung der Hilfebedürftigkeit")
    assert llu.status.figure is not None and llu.status.figure.used[0] == (2013, 4)
    assert "gleitend über 12 Monate" in explain(llu)
