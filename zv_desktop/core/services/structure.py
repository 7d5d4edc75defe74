"""Order and numbering of sections, clauses and goals inside an unsigned agreement."""

from __future__ import annotations

import dataclasses
import string
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.services.agreements import agreement_of, ensure_editable
from zv_desktop.core.store import Store

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """A number in Roman numerals (I, II, … XXXIX), as sections are often numbered."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _siblings(store: Store, record: Any) -> list[Any]:
    if isinstance(record, model.Section):
        return store.find(model.Section, "agreement_id = ?", (record.agreement_id,), "position, rowid")
    if isinstance(record, model.Clause):
        return store.find(model.Clause, "section_id = ?", (record.section_id,), "position, rowid")
    if record.clause_id is not None:
        return store.find(model.Goal, "clause_id = ?", (record.clause_id,), "position, rowid")
    return store.find(
        model.Goal,
        "agreement_id = ? AND section_id IS ? AND clause_id IS NULL",
        (record.agreement_id, record.section_id),
        "position, rowid",
    )


def move(store: Store, cls: type, record_id: str, delta: int) -> bool:
    """Move a section, clause or goal up (-1) or down (+1) among its siblings; False if it is at the end."""
    record: Any = store.get(cls, record_id)
    ensure_editable(store, str(agreement_of(store, record)))
    siblings = _siblings(store, record)
    index = next(i for i, s in enumerate(siblings) if s.id == record_id)
    target = index + delta
    if not 0 <= target < len(siblings):
        return False
    siblings.insert(target, siblings.pop(index))
    with store.transaction():
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                store.write(dataclasses.replace(sibling, position=position))
    return True


def next_position(store: Store, cls: type, **parent: str | None) -> int:
    """The position after the last sibling under ``parent`` (e.g. ``agreement_id=…``)."""
    (key, value), *_ = parent.items()
    found: list[Any] = store.find(cls, f"{key} = ?", (value,))
    return max((r.position for r in found), default=-1) + 1


def _style_of(first: str) -> str:
    text = first.strip().rstrip(".)")
    if text and set(text) <= set("IVXLC"):
        return "roman"
    if len(text) == 1 and text.isalpha():
        return "letters"
    return "digits"


def _label(style: str, index: int) -> str:
    if style == "roman":
        return roman(index + 1)
    if style == "letters":
        return string.ascii_lowercase[index % 26] * (index // 26 + 1)
    return str(index + 1)


def renumber(store: Store, agreement_id: str) -> int:
    """Number sections and the clauses in each section in order, keeping the style in use; returns changes."""
    ensure_editable(store, agreement_id)
    changed = 0
    sections = store.find(model.Section, "agreement_id = ?", (agreement_id,), "position, rowid")
    style = _style_of(sections[0].number) if sections and sections[0].number else "roman"
    with store.transaction():
        for index, section in enumerate(sections):
            number = _label(style, index)
            if section.number != number or section.position != index:
                store.write(dataclasses.replace(section, number=number, position=index))
                changed += 1
            clauses = store.find(model.Clause, "section_id = ?", (section.id,), "position, rowid")
            clause_style = _style_of(clauses[0].number) if clauses and clauses[0].number else "letters"
            for position, clause in enumerate(clauses):
                label = _label(clause_style, position)
                if clause.number != label or clause.position != position:
                    store.write(dataclasses.replace(clause, number=label, position=position))
                    changed += 1
    return changed
