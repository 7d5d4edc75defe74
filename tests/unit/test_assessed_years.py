"""The year the Zielerreichung opens on: the newest with a goal that has a target and Ist values of that year."""

from __future__ import annotations

from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, AGREEMENT_METTMANN_2022, agreement_id
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.services import agreements, lifecycle, values
from zv_desktop.core.services.assessed_years import newest_assessed_year
from zv_desktop.core.services.status import parties_and_home_area, year_status
from zv_desktop.core.store import Store


def test_an_empty_file_has_no_assessed_year(store: Store) -> None:
    assert newest_assessed_year(store) is None


def test_the_demo_opens_on_2014_not_on_the_unassessed_2022(demo: Store) -> None:
    assert newest_assessed_year(demo) == 2014
    assert all(row.status.light is Light.NONE for row in year_status(demo, 2022).rows)  # nothing to judge in 2022
    assert any(row.status.light is not Light.NONE for row in year_status(demo, 2014).rows)


def test_a_draft_counts_once_a_goal_with_target_has_an_ist_value_of_its_year(demo: Store) -> None:
    draft = lifecycle.create_next_year(demo, agreement_id(AGREEMENT_METTMANN_2022)).agreement
    assert draft.year == 2023 and newest_assessed_year(demo) == 2014  # a newer draft without values
    goal = agreements.goal_template(demo, draft.id, model.GoalKind.KPI_TARGET)
    goal.target_value = Decimal(20)
    agreements.save_goal(demo, goal)
    assert goal.measure_id is not None
    area = parties_and_home_area(demo, [draft.id])[1][draft.id]
    values.save_values(
        demo, [model.KpiValue(goal.measure_id, area, 2023, Decimal(10), value_kind=model.ValueKind.PLAN)]
    )
    assert newest_assessed_year(demo) == 2014  # a plan is no Ist
    values.save_values(demo, [model.KpiValue(goal.measure_id, area, 2023, Decimal(19), period_no=3)])
    assert newest_assessed_year(demo) == 2023
    assert any(row.status.light is not Light.NONE for row in year_status(demo, 2023).rows)  # as the dashboard sees it
    agreements.delete_agreement(demo, draft.id)
    assert newest_assessed_year(demo) == 2014  # a deleted agreement no longer counts


def test_goals_carried_over_count_where_values_of_their_year_exist(demo: Store) -> None:
    lifecycle.create_next_year(demo, agreement_id(AGREEMENT_METTMANN_2014))  # the demo has Ist values of 2015
    assert newest_assessed_year(demo) == 2015
