"""Agreements with their parties, sections, clauses, goals and amendments: guarded saves and deletes.

Reading and listing them is in ``agreement_docs`` (its names are also reachable from here).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.rules import validation
from zv_desktop.core.rules.plausibility import GOAL_FIGURES, STAFF_FIGURES, goal_figure_problem
from zv_desktop.core.services.agreement_docs import AgreementDoc as AgreementDoc
from zv_desktop.core.services.agreement_docs import AgreementSummary as AgreementSummary
from zv_desktop.core.services.agreement_docs import list_agreements as list_agreements
from zv_desktop.core.services.agreement_docs import load_agreement as load_agreement
from zv_desktop.core.services.year_findings import signing_problems
from zv_desktop.core.store import Store

#: The fields of a goal judged by ``goal_figure_problems``.
FIGURE_FIELDS = (*GOAL_FIGURES, *STAFF_FIGURES)

SIGNED_MESSAGE = (
    "Die Zielvereinbarung {year} „{title}“ ist {status} und kann nicht mehr bearbeitet werden; "
    "legen Sie eine Änderung oder die Vereinbarung des Folgejahres an."
)


#: Records that are parts of an agreement (its text as agreed).
AGREEMENT_PARTS: tuple[type, ...] = (model.Section, model.Clause, model.Goal, model.AgreementParty, model.Amendment)


def agreement_of(store: Store, record: Any) -> str | None:
    """The agreement a record is part of (a clause through its section); None for anything else."""
    if isinstance(record, model.Agreement):
        return record.id
    if isinstance(record, model.Clause):  # also for a deleted section, as undo may meet one
        rows = store.query("SELECT agreement_id FROM sections WHERE id = ?", (record.section_id,))
        return str(rows[0]["agreement_id"]) if rows else None
    if isinstance(record, AGREEMENT_PARTS):
        return str(getattr(record, "agreement_id"))  # noqa: B009 - every part has it; mypy cannot see that
    return None


def ensure_editable(store: Store, agreement_id: str) -> model.Agreement:
    """The agreement, if it may still be edited; a ValidationError if it is signed."""
    agreement = store.get(model.Agreement, agreement_id)
    if agreement.status.is_signed:
        message = SIGNED_MESSAGE.format(year=agreement.year, title=agreement.title, status=agreement.status.label)
        raise ValidationError([Problem("status", message)])
    return agreement


def save_agreement(store: Store, agreement: model.Agreement) -> model.Agreement:
    """Insert or update an agreement header; a signed one only moves on to "abgeschlossen"."""
    problems = validation.check_agreement(agreement)
    if agreement.previous_id is not None and not store.exists(model.Agreement, agreement.previous_id):
        problems.append(Problem("previous_id", "Die angegebene Vorjahresvereinbarung gibt es nicht."))
    if agreement.issuer_id is not None and not store.exists(model.Party, agreement.issuer_id):
        problems.append(Problem("issuer_id", "Die herausgebende Stelle gibt es nicht (mehr) unter den Trägern."))
    if store.exists(model.Agreement, agreement.id):
        old = store.get(model.Agreement, agreement.id)
        problems += validation.check_status_change(old.status, agreement.status)
        if agreement.status.is_signed and not old.status.is_signed:  # next year's draft: every old year checked
            problems += signing_problems(store, agreement)
        if old.status.is_signed:
            kept = {name: getattr(old, name) for name in model.AGREEMENT_FILING_FIELDS}  # may change after signing
            unchanged = model.Agreement(**{**vars(agreement), "status": old.status, **kept})
            if unchanged != old:
                message = SIGNED_MESSAGE.format(year=old.year, title=old.title, status=old.status.label)
                problems.append(Problem("status", message))
        if agreement.year != old.year:  # the goals must still fit the new year (no DM after 2001 …)
            for goal in store.find(model.Goal, "agreement_id = ?", (agreement.id,)):
                problems += [
                    Problem("year", f"Ziel „{goal.title}“: {p.message}")
                    for p in validation.check_goal(goal, agreement.year)
                ]
    if problems:
        raise ValidationError(problems)
    return store.save(agreement)


def _agreement_year(store: Store, agreement_id: str, check_signed: bool = True) -> int:
    if not store.exists(model.Agreement, agreement_id):
        raise ValidationError([Problem("agreement_id", f"Die Zielvereinbarung {agreement_id} gibt es nicht.")])
    agreement = ensure_editable(store, agreement_id) if check_signed else store.get(model.Agreement, agreement_id)
    return agreement.year


def save_agreement_party(store: Store, link: model.AgreementParty) -> model.AgreementParty:
    """Add or change a party of an unsigned agreement."""
    _agreement_year(store, link.agreement_id)
    problems: list[Problem] = []
    if not store.exists(model.Party, link.party_id):
        problems.append(Problem("party_id", f"Den Träger {link.party_id} gibt es nicht."))
    if link.signatory_id is not None and not store.exists(model.Signatory, link.signatory_id):
        problems.append(Problem("signatory_id", f"Die unterzeichnende Person {link.signatory_id} gibt es nicht."))
    if problems:
        raise ValidationError(problems)
    return store.save(link)


def save_section(store: Store, section: model.Section) -> model.Section:
    """Add or change a section of an unsigned agreement."""
    _agreement_year(store, section.agreement_id)
    if not section.title.strip():
        raise ValidationError([Problem("title", "„Titel“ darf nicht leer sein.")])
    return store.save(section)


def save_clause(store: Store, clause: model.Clause) -> model.Clause:
    """Add or change a clause in a section of an unsigned agreement."""
    if not store.exists(model.Section, clause.section_id):
        raise ValidationError([Problem("section_id", f"Den Abschnitt {clause.section_id} gibt es nicht.")])
    section = store.get(model.Section, clause.section_id)
    _agreement_year(store, section.agreement_id)
    return store.save(clause)


def save_goal(store: Store, goal: model.Goal) -> model.Goal:
    """Add or change a goal after checking the rules of its kind.

    In a signed agreement only the tracking fields (comment, done date) of an existing goal may change.
    """
    stored = store.get(model.Goal, goal.id) if store.exists(model.Goal, goal.id) else None
    tracking_only = stored is not None and model.differs_only_in_tracking(stored, goal)
    year = _agreement_year(store, goal.agreement_id, check_signed=not tracking_only)
    problems = validation.check_goal(goal, year)
    refs = (
        (model.Measure, goal.measure_id, "measure_id", "Die Messgröße"),
        (model.Area, goal.area_id, "area_id", "Das Gebiet"),
        (model.Party, goal.responsible_party_id, "responsible_party_id", "Den verantwortlichen Träger"),
        (model.Section, goal.section_id, "section_id", "Den Abschnitt"),
        (model.Clause, goal.clause_id, "clause_id", "Die Ziffer"),
    )
    for cls, ref, name, what in refs:
        if ref is not None and not store.exists(cls, ref):
            problems.append(Problem(name, f"{what} mit der Kennung {ref} gibt es nicht."))
    if not problems:
        problems += _check_goal_placement(store, goal) + _check_goal_figures(store, goal, stored)
    if problems:
        raise ValidationError(problems)
    return store.save(goal)


def goal_figure_problems(store: Store, goal: model.Goal) -> dict[str, str]:
    """Per field, what is wrong with a figure of the goal for its measure (a quota above 100 %, a count with
    decimals), judged in the goal's unit, else its measure's."""
    has_measure = goal.measure_id is not None and store.exists(model.Measure, goal.measure_id)
    measure = store.get(model.Measure, goal.measure_id) if has_measure and goal.measure_id else None
    unit = goal.unit or (measure.unit if measure is not None else "")
    name = measure.name if measure is not None else ""
    found = {field: goal_figure_problem(field, getattr(goal, field), unit, name) for field in FIGURE_FIELDS}
    return {field: message for field, message in found.items() if message is not None}


def _check_goal_figures(store: Store, goal: model.Goal, stored: model.Goal | None) -> list[Problem]:
    """The problems of ``goal_figure_problems``; a figure stored before the check existed may stay as it is."""
    return [
        Problem(field, message)
        for field, message in goal_figure_problems(store, goal).items()
        if stored is None or getattr(stored, field) != getattr(goal, field)
    ]


def _check_goal_placement(store: Store, goal: model.Goal) -> list[Problem]:
    """A goal's section belongs to its agreement, and its clause to that section."""
    problems: list[Problem] = []
    if goal.section_id is not None and store.get(model.Section, goal.section_id).agreement_id != goal.agreement_id:
        problems.append(Problem("section_id", "Der Abschnitt gehört zu einer anderen Zielvereinbarung."))
    if goal.clause_id is not None:
        clause = store.get(model.Clause, goal.clause_id)
        if goal.section_id is not None and clause.section_id != goal.section_id:
            problems.append(Problem("clause_id", "Die Ziffer gehört zu einem anderen Abschnitt."))
        elif store.get(model.Section, clause.section_id).agreement_id != goal.agreement_id:
            problems.append(Problem("clause_id", "Die Ziffer gehört zu einer anderen Zielvereinbarung."))
    return problems


def goal_template(store: Store, agreement_id: str, kind: model.GoalKind, title: str = "Neues Ziel") -> model.Goal:
    """A new goal of a kind with its required fields filled with neutral starting values to edit."""
    year = store.get(model.Agreement, agreement_id).year
    goal = model.Goal(agreement_id=agreement_id, kind=kind, title=title)
    required = model.GOAL_KIND_REQUIRED[kind]
    if "measure_id" in required:
        code = "K1" if kind is model.GoalKind.MONITORING else "K2"
        measures = store.find(model.Measure, "code = ?", (code,))
        if measures:
            goal.measure_id, goal.unit = measures[0].id, measures[0].unit
            goal.direction = measures[0].direction if "direction" in required else None
    for name in ("target_value", "change_percent", "threshold_value", "staff_target_vza"):
        if name in required:
            setattr(goal, name, Decimal(0))
    if "direction" in required and goal.direction is None:
        goal.direction = model.Direction.HIGHER
    if "comparator" in required:
        goal.comparator = model.Comparator.AT_LEAST
    if "amount" in required:
        goal.amount = Money(Decimal(0), Currency.DM if year <= validation.LAST_DM_YEAR else Currency.EUR)
    return goal


def save_amendment(store: Store, amendment: model.Amendment) -> model.Amendment:
    """Record an amendment; allowed on signed agreements (that is what amendments are for)."""
    _agreement_year(store, amendment.agreement_id, check_signed=False)
    if not amendment.title.strip():
        raise ValidationError([Problem("title", "„Titel“ darf nicht leer sein.")])
    return store.save(amendment)


def delete_amendment(store: Store, amendment_id: str) -> None:
    """Remove a recorded amendment (also of a signed agreement: it was recorded by mistake)."""
    store.get(model.Amendment, amendment_id)
    store.delete(model.Amendment, amendment_id)


def delete_part(store: Store, cls: type, record_id: str, expected_version: int = 0) -> None:
    """Delete a section, clause, goal or party link of an unsigned agreement, with what lies inside it.

    With ``expected_version`` (the version the user saw) a part changed since by someone else is not deleted.
    """
    record: Any = store.get(cls, record_id)
    ensure_editable(store, str(agreement_of(store, record)))
    with store.transaction():
        if cls is model.Section:
            for clause in store.find(model.Clause, "section_id = ?", (record_id,)):
                store.delete(model.Clause, clause.id)
            for goal in store.find(model.Goal, "section_id = ?", (record_id,)):
                store.delete(model.Goal, goal.id)
        elif cls is model.Clause:
            for goal in store.find(model.Goal, "clause_id = ?", (record_id,)):
                store.delete(model.Goal, goal.id)
        store.delete(cls, record_id, expected_version)


def delete_agreement(store: Store, agreement_id: str) -> None:
    """Delete an unsigned agreement with all its parts (a signed one is an official document and stays)."""
    ensure_editable(store, agreement_id)
    doc = load_agreement(store, agreement_id)
    with store.transaction():
        parts: list[tuple[type, list[Any]]] = [
            (model.Goal, doc.goals),
            (model.Clause, doc.clauses),
            (model.Section, doc.sections),
            (model.AgreementParty, doc.parties),
            (model.Amendment, doc.amendments),
        ]
        for cls, records in parts:
            for record in records:
                store.delete(cls, record.id)
        for later in store.find(model.Agreement, "previous_id = ?", (agreement_id,)):
            later.previous_id = None  # the next year's agreement no longer points to a deleted one
            store.write(later)
        store.delete(model.Agreement, agreement_id)
