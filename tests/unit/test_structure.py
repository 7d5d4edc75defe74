"""Moving and renumbering sections and clauses of an unsigned agreement."""

from __future__ import annotations

from datetime import date

import pytest

from zv_desktop.core import model
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.services import agreements, structure
from zv_desktop.core.store import Store


@pytest.fixture
def doc(store: Store) -> model.Agreement:
    a = agreements.save_agreement(store, model.Agreement(year=2002, title="ZV 2002"))
    for pos, (number, title) in enumerate((("3", "Aufgaben"), ("5", "Prämien"))):
        section = agreements.save_section(
            store, model.Section(agreement_id=a.id, number=number, title=title, position=pos)
        )
        for cpos, letter in enumerate("blo" if number == "3" else "cf"):
            agreements.save_clause(store, model.Clause(section_id=section.id, number=letter, position=cpos))
    return a


def _numbers(store: Store, agreement_id: str) -> list[str]:
    d = agreements.load_agreement(store, agreement_id)
    return [f"{s.number}:" + "".join(c.number for c in d.clauses_of(s.id)) for s in d.sections]


def test_move_section_and_clause(store: Store, doc: model.Agreement) -> None:
    d = agreements.load_agreement(store, doc.id)
    assert structure.move(store, model.Section, d.sections[1].id, -1)
    assert _numbers(store, doc.id) == ["5:cf", "3:blo"]
    assert not structure.move(store, model.Section, d.sections[1].id, -1)  # already first
    o = next(c for c in d.clauses if c.number == "o")
    structure.move(store, model.Clause, o.id, -2)
    assert _numbers(store, doc.id) == ["5:cf", "3:obl"]


def test_renumber_keeps_the_style(store: Store, doc: model.Agreement) -> None:
    assert structure.renumber(store, doc.id) > 0
    assert _numbers(store, doc.id) == ["1:abc", "2:ab"]
    section = agreements.load_agreement(store, doc.id).sections[0]
    section.number = "I"
    agreements.save_section(store, section)
    structure.renumber(store, doc.id)
    assert _numbers(store, doc.id) == ["I:abc", "II:ab"]


def test_signed_agreement_cannot_be_reordered(store: Store, doc: model.Agreement) -> None:
    d = agreements.load_agreement(store, doc.id)
    doc.status, doc.signed_date = model.AgreementStatus.UNTERZEICHNET, date(2002, 3, 1)
    agreements.save_agreement(store, doc)
    with pytest.raises(ValidationError):
        structure.move(store, model.Section, d.sections[1].id, -1)
    with pytest.raises(ValidationError):
        structure.renumber(store, doc.id)


def test_roman_numerals() -> None:
    assert [structure.roman(n) for n in (1, 4, 5, 9, 14, 39)] == ["I", "IV", "V", "IX", "XIV", "XXXIX"]
