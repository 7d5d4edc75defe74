"""Checks of a decoded JSON load against the file: references, rules, lifecycle, placement, uniqueness."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.errors import Problem
from zv_desktop.core.rules import validation
from zv_desktop.core.store import Store


@dataclass
class Incoming:
    """The records of a JSON document in write order, with their JSON paths."""

    records: list[tuple[str, Any]] = field(default_factory=list)  # (json path, record) in write order
    agreement_years: dict[str, int] = field(default_factory=dict)


_RULES: dict[type, Callable[[Any], list[Problem]]] = {
    model.Party: validation.check_party,
    model.Signatory: validation.check_signatory,
    model.Area: validation.check_area,
    model.Measure: validation.check_measure,
    model.Agreement: validation.check_agreement,
    model.KpiValue: validation.check_kpi_value,
    model.Paper: validation.check_paper,
    model.Consultation: validation.check_consultation,
    model.Attachment: validation.check_attachment,
    model.GoalMatch: validation.check_goal_match,
}

#: Reference fields checked on load: (record type, field, referenced type).
_REFERENCES: tuple[tuple[type, str, type], ...] = (
    (model.Party, "parent_id", model.Party),
    (model.Signatory, "party_id", model.Party),
    (model.Area, "parent_id", model.Area),
    (model.Area, "party_id", model.Party),
    (model.Agreement, "previous_id", model.Agreement),
    (model.AgreementParty, "party_id", model.Party),
    (model.AgreementParty, "signatory_id", model.Signatory),
    (model.Goal, "measure_id", model.Measure),
    (model.Goal, "area_id", model.Area),
    (model.Goal, "responsible_party_id", model.Party),
    (model.Goal, "section_id", model.Section),
    (model.Goal, "clause_id", model.Clause),
    (model.KpiValue, "measure_id", model.Measure),
    (model.KpiValue, "area_id", model.Area),
    (model.Paper, "agreement_id", model.Agreement),
    (model.GoalMatch, "earlier_goal_id", model.Goal),
    (model.GoalMatch, "later_goal_id", model.Goal),
)


def check_incoming(store: Store, incoming: Incoming) -> list[Problem]:
    """Every problem of the incoming records, each with its JSON path."""
    problems: list[Problem] = []
    _check_references(store, incoming, problems)
    _check_rules(incoming, problems)
    section_owner = {sec.id: sec.agreement_id for sec in store.find(model.Section)}
    section_owner.update({r.id: r.agreement_id for _, r in incoming.records if isinstance(r, model.Section)})
    _check_signed(store, incoming, section_owner, problems)
    _check_lifecycle(store, incoming, problems)
    _check_placement(store, incoming, section_owner, problems)
    _check_unique_keys(store, incoming, problems)
    return problems


def _check_references(store: Store, incoming: Incoming, problems: list[Problem]) -> None:
    ids: dict[type, set[str]] = {}
    for _, record in incoming.records:
        ids.setdefault(type(record), set()).add(record.id)
    seen: set[tuple[type, str]] = set()
    for path, record in incoming.records:
        key = (type(record), record.id)
        if key in seen:
            problems.append(Problem(f"{path}.id", f"Die Kennung {record.id} kommt mehrfach vor."))
        seen.add(key)
        for cls, name, target in _REFERENCES:
            ref = getattr(record, name) if isinstance(record, cls) else None
            if ref is not None and ref not in ids.get(target, set()) and not store.exists(target, ref):
                problems.append(Problem(f"{path}.{name}", f"verweist auf die unbekannte Kennung {ref}."))


def _check_rules(incoming: Incoming, problems: list[Problem]) -> None:
    for path, record in incoming.records:
        if isinstance(record, model.Goal):
            year = incoming.agreement_years.get(record.agreement_id, validation.LAST_YEAR)
            found = validation.check_goal(record, year)
        else:
            rule = _RULES.get(type(record))
            found = rule(record) if rule else []
        problems.extend(Problem(f"{path}.{p.where}", p.message) for p in found)


def _check_signed(store: Store, incoming: Incoming, section_owner: dict[str, str], problems: list[Problem]) -> None:
    """Parts of an agreement that is already signed in this file must arrive unchanged."""
    signed = {a.id for a in store.find(model.Agreement) if a.status.is_signed}
    if not signed:
        return
    for path, record in incoming.records:
        agreement_id = getattr(record, "agreement_id", None)
        if isinstance(record, model.Agreement):
            agreement_id = record.id
        elif isinstance(record, model.Clause):
            agreement_id = section_owner.get(record.section_id)
        if isinstance(record, (model.Amendment, model.Paper)) or agreement_id not in signed:
            continue
        if store.exists(type(record), record.id):
            stored = store.get(type(record), record.id)
            if stored == record:
                continue
            if isinstance(record, model.Goal) and model.differs_only_in_tracking(stored, record):
                continue
        if isinstance(record, model.Agreement) and _only_closing(store.get(model.Agreement, record.id), record):
            continue
        problems.append(
            Problem(path, "gehört zu einer unterzeichneten Zielvereinbarung und darf nicht geändert werden.")
        )


def _only_closing(old: model.Agreement, new: model.Agreement) -> bool:
    same = model.Agreement(**{**vars(new), "status": old.status}) == old
    return same and new.status is model.AgreementStatus.ABGESCHLOSSEN


def _check_lifecycle(store: Store, incoming: Incoming, problems: list[Problem]) -> None:
    """An agreement already in the file may only change its status along the lifecycle."""
    for path, record in incoming.records:
        if isinstance(record, model.Agreement) and store.exists(model.Agreement, record.id):
            old = store.get(model.Agreement, record.id)
            problems += [
                Problem(f"{path}.status", p.message) for p in validation.check_status_change(old.status, record.status)
            ]


def _check_placement(store: Store, incoming: Incoming, section_owner: dict[str, str], problems: list[Problem]) -> None:
    """A goal's section belongs to its agreement, and its clause to that section (owners: file and document)."""
    clause_section = {c.id: c.section_id for c in store.find(model.Clause)}
    clause_section.update({r.id: r.section_id for _, r in incoming.records if isinstance(r, model.Clause)})
    for path, goal in incoming.records:
        if not isinstance(goal, model.Goal):
            continue
        if goal.section_id is not None and section_owner.get(goal.section_id, goal.agreement_id) != goal.agreement_id:
            problems.append(Problem(f"{path}.section_id", "Der Abschnitt gehört zu einer anderen Zielvereinbarung."))
        section = clause_section.get(goal.clause_id or "")
        if goal.clause_id is not None and section is not None:
            if goal.section_id is not None and section != goal.section_id:
                problems.append(Problem(f"{path}.clause_id", "Die Ziffer gehört zu einem anderen Abschnitt."))
            elif section_owner.get(section, goal.agreement_id) != goal.agreement_id:
                problems.append(Problem(f"{path}.clause_id", "Die Ziffer gehört zu einer anderen Zielvereinbarung."))


def _check_unique_keys(store: Store, incoming: Incoming, problems: list[Problem]) -> None:
    """Measure codes are unique, catalogue measures are not invented or changed, one value per key."""
    codes = {m.code: m.id for m in store.find(model.Measure)}
    builtin = {m.id for m in store.find(model.Measure) if m.builtin}
    seen_codes: dict[str, str] = {}
    seen_values: dict[tuple[Any, ...], str] = {}
    for path, record in incoming.records:
        if isinstance(record, model.Measure):
            if record.builtin and record.id not in builtin:
                message = "Messgrößen des Katalogs (K1 … K3E4) können nicht angelegt werden; bitte „builtin“: false."
                problems.append(Problem(f"{path}.builtin", message))
            owner = seen_codes.get(record.code) or codes.get(record.code)
            if owner is not None and owner != record.id:
                problems.append(Problem(f"{path}.code", f"Das Kürzel „{record.code}“ ist schon vergeben."))
            seen_codes[record.code] = record.id
        elif isinstance(record, model.KpiValue):
            key = (
                record.measure_id,
                record.area_id,
                record.year,
                record.period_type,
                record.period_no,
                record.value_kind,
            )
            if key in seen_values:
                problems.append(
                    Problem(
                        path,
                        f"Für dieselbe Messgröße, dasselbe Gebiet und denselben Zeitraum steht schon ein Wert in {seen_values[key]}.",
                    )
                )
            seen_values.setdefault(key, path)
