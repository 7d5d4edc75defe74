"""The life of an agreement: next year's draft from this year's, and amendments of a signed one."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.rules.validation import LAST_DM_YEAR
from zv_desktop.core.services.agreements import AgreementDoc, load_agreement, save_agreement, save_amendment
from zv_desktop.core.services.compare.goal_matching import carried_over_match
from zv_desktop.core.services.year_findings import START_REVIEW, YearFinding
from zv_desktop.core.services.year_references import year_review
from zv_desktop.core.store import Store


def _next_title(title: str, year: int) -> str:
    """The title with this year's number replaced by next year's (or the year appended)."""
    if str(year) in title:
        return re.sub(rf"\b{year}\b", str(year + 1), title)
    return f"{title} {year + 1}"


def create_next_year(store: Store, agreement_id: str) -> AgreementDoc:
    """A draft for the following year: parties, sections, clauses and goals carried over, values not.

    The new agreement points to this one as its previous year. Goals keep their targets as a
    starting point for the negotiation; deadlines move on by one year; what was done stays open.
    Each copied goal is recorded as matching its original (a ``GoalMatch``), so the comparison
    across years keeps them together even after the copy is retitled or moved. The draft is under review
    of its year references (``year_references``): it can be signed once each is moved on or confirmed.
    ``next_year_summary`` tells what was carried over and converted.
    """
    doc = load_agreement(store, agreement_id)
    old = doc.agreement
    year = old.year + 1
    if store.find(model.Agreement, "previous_id = ?", (old.id,)):
        message = f"Für {year} gibt es schon eine Folgevereinbarung zu „{old.title}“."
        raise ValidationError([Problem("previous_id", message)])
    new = model.Agreement(
        year=year,
        title=_next_title(old.title, old.year),
        legal_basis=old.legal_basis,
        preamble=old.preamble,
        previous_id=old.id,
        year_review=START_REVIEW,
    )
    with store.transaction():
        save_agreement(store, new)
        for link in doc.parties:
            store.write(dataclasses.replace(link, id=model.new_id(), agreement_id=new.id))
        section_ids: dict[str, str] = {}
        clause_ids: dict[str, str] = {}
        for section in doc.sections:
            section_ids[section.id] = model.new_id()
            store.write(dataclasses.replace(section, id=section_ids[section.id], agreement_id=new.id))
        for clause in doc.clauses:
            clause_ids[clause.id] = model.new_id()
            store.write(
                dataclasses.replace(clause, id=clause_ids[clause.id], section_id=section_ids[clause.section_id])
            )
        for goal in doc.goals:
            copy_id = model.new_id()
            store.write(
                dataclasses.replace(
                    goal,
                    id=copy_id,
                    agreement_id=new.id,
                    section_id=section_ids.get(goal.section_id or ""),
                    clause_id=clause_ids.get(goal.clause_id or ""),
                    deadline=_one_year_later(goal.deadline),
                    amount=_in_currency_of(goal.amount, year),
                    done_date=None,
                    comment="",
                )
            )
            store.write(carried_over_match(goal.id, copy_id))
    return load_agreement(store, new.id)


@dataclass(frozen=True)
class Converted:
    """A goal's amount as it was in the previous year and as carried over (DM → €)."""

    goal_id: str
    goal_title: str
    old: Money
    new: Money


@dataclass(frozen=True)
class Moved:
    """A goal's deadline as it was in the previous year and as carried over (a year later)."""

    goal_id: str
    goal_title: str
    old: date
    new: date


@dataclass(frozen=True)
class NextYearSummary:
    """What "Folgejahr anlegen" made of the previous year's agreement: carried over, converted, to check."""

    agreement_id: str
    year: int
    previous_year: int | None
    parties: int
    sections: int
    clauses: int
    goals: int
    amounts: tuple[Converted, ...]
    deadlines: tuple[Moved, ...]
    findings: tuple[YearFinding, ...]


def next_year_summary(store: Store, agreement_id: str) -> NextYearSummary:
    """The summary of a draft made by "Folgejahr anlegen", compared with the goals it was copied from.

    Amounts count as converted where the copy's currency differs from the original's; deadlines as moved where
    they differ. Goals are paired by the pairings "Folgejahr anlegen" stores for each copy.
    """
    doc = load_agreement(store, agreement_id)
    a = doc.agreement
    previous = store.get(model.Agreement, a.previous_id) if a.previous_id else None
    amounts: list[Converted] = []
    deadlines: list[Moved] = []
    for goal, original in _originals(store, doc.goals):
        if goal.amount is not None and original.amount is not None and goal.amount.currency != original.amount.currency:
            amounts.append(Converted(goal.id, goal.title, original.amount, goal.amount))
        if goal.deadline is not None and original.deadline is not None and goal.deadline != original.deadline:
            deadlines.append(Moved(goal.id, goal.title, original.deadline, goal.deadline))
    return NextYearSummary(
        a.id,
        a.year,
        previous.year if previous is not None else None,
        len(doc.parties),
        len(doc.sections),
        len(doc.clauses),
        len(doc.goals),
        tuple(amounts),
        tuple(deadlines),
        year_review(store, a.id).findings,
    )


def _originals(store: Store, goals: list[model.Goal]) -> list[tuple[model.Goal, model.Goal]]:
    """Each copied goal with the goal it was copied from (by the pairing stored when copying)."""
    if not goals:
        return []
    by_id = {g.id: g for g in goals}
    marks = ",".join("?" * len(by_id))
    pairs = []
    for match in store.find(model.GoalMatch, f"later_goal_id IN ({marks})", tuple(by_id)):
        copied = carried_over_match(match.earlier_goal_id, match.later_goal_id).id == match.id
        if copied and store.exists(model.Goal, match.earlier_goal_id):
            pairs.append((by_id[match.later_goal_id], store.get(model.Goal, match.earlier_goal_id)))
    return sorted(pairs, key=lambda pair: goals.index(pair[0]))


def _in_currency_of(amount: Money | None, year: int) -> Money | None:
    """DM amounts become € (at 1,95583) when the new year no longer knows the DM."""
    if amount is not None and amount.currency is Currency.DM and year > LAST_DM_YEAR:
        return amount.to_eur()
    return amount


def _one_year_later(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def create_amendment(
    store: Store, agreement_id: str, title: str, text: str = "", decided: date | None = None
) -> model.Amendment:
    """Record the next numbered amendment (Änderung) of an agreement, signed or not."""
    numbers = [a.number for a in store.find(model.Amendment, "agreement_id = ?", (agreement_id,))]
    amendment = model.Amendment(
        agreement_id=agreement_id, number=max(numbers, default=0) + 1, title=title, text=text, decided_date=decided
    )
    return save_amendment(store, amendment)
