"""docs/json-format.md names every field of every record, so the documentation cannot drift."""

from __future__ import annotations

from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.exchange.json_format import AGREEMENT_CHILDREN, FLAT_LISTS, PAPER_CHILDREN

DOC = (Path(__file__).parents[2] / "docs" / "json-format.md").read_text(encoding="utf-8")


def test_every_record_field_is_documented() -> None:
    classes = [cls for _, cls in FLAT_LISTS] + [model.Agreement, model.Clause, model.KpiValue, model.Paper]
    classes += [cls for _, cls, _ in AGREEMENT_CHILDREN + PAPER_CHILDREN]
    missing = [
        f"{cls.__name__}.{f.name}" for cls in classes for f in model.data_fields(cls) if f"`{f.name}`" not in DOC
    ]
    assert missing == []


def test_every_goal_kind_and_choice_is_documented() -> None:
    for enum in (model.GoalKind, model.PartyRole, model.AgreementStatus, model.PaperType, model.Impact):
        assert all(f"`{member.value}`" in DOC for member in enum), enum.__name__
