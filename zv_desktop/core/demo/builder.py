"""Agreement builder of the demo: collects one agreement's parts with stable ids and writes them in a safe order."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.demo.ids import agreement_id, demo_id
from zv_desktop.core.services import agreements as svc
from zv_desktop.core.store import Store

Status = model.AgreementStatus


@dataclass
class AgreementBuilder:
    """One demo agreement: header (with its final status) and parties, sections, clauses, goals."""

    key: str
    header: model.Agreement
    parties: list[model.AgreementParty] = field(default_factory=list)
    sections: list[model.Section] = field(default_factory=list)
    clauses: list[model.Clause] = field(default_factory=list)
    goals: list[model.Goal] = field(default_factory=list)

    @classmethod
    def start(cls, key: str, **header: Any) -> AgreementBuilder:
        """A builder for the agreement ``key``; ``header`` holds the Agreement fields except the id."""
        return cls(key, model.Agreement(id=agreement_id(key), **header))

    @property
    def id(self) -> str:
        """The agreement's id."""
        return self.header.id

    def _id(self, suffix: str) -> str:
        return demo_id(f"agreement/{self.key}/{suffix}")

    def add_party(self, party_id: str, signatory_id: str | None = None) -> None:
        """Add a party (in signing order) with the person signing for it, if known."""
        position = len(self.parties) + 1
        link_id = self._id(f"party/{party_id}")
        self.parties.append(model.AgreementParty(self.id, party_id, signatory_id, position, id=link_id))

    def add_section(self, key: str, title: str, number: str = "", text: str = "") -> model.Section:
        """Add a section after the previous ones."""
        section = model.Section(
            self.id, title, number, text, position=len(self.sections) + 1, id=self._id(f"section/{key}")
        )
        self.sections.append(section)
        return section

    def add_clause(
        self, section: model.Section, key: str, title: str, number: str = "", text: str = ""
    ) -> model.Clause:
        """Add a clause at the end of ``section``."""
        position = sum(1 for c in self.clauses if c.section_id == section.id) + 1
        clause_id = self._id(f"section/{section.id}/clause/{key}")
        clause = model.Clause(section.id, number, title, text, position, id=clause_id)
        self.clauses.append(clause)
        return clause

    def add_goal(
        self,
        key: str,
        kind: model.GoalKind,
        title: str,
        place: model.Section | model.Clause,
        description: str = "",
        **fields: Any,
    ) -> model.Goal:
        """Add a goal placed in a section or a clause; ``fields`` are the Goal fields of its kind."""
        if isinstance(place, model.Clause):
            section_id, clause_id = place.section_id, place.id
        else:
            section_id, clause_id = place.id, None
        goal = model.Goal(
            agreement_id=self.id,
            kind=kind,
            title=title,
            description=description,
            section_id=section_id,
            clause_id=clause_id,
            position=len(self.goals) + 1,
            id=self._id(f"goal/{key}"),
            **fields,
        )
        self.goals.append(goal)
        return goal

    def write(self, store: Store) -> None:
        """Save the agreement through the services: header as draft, parts, then the final status.

        An agreement already signed in the file is not rewritten (the services refuse that, and its
        parts are the demo's own); at most its status moves on from unterzeichnet to abgeschlossen.
        """
        final = self.header.status
        existing = store.get(model.Agreement, self.id) if store.exists(model.Agreement, self.id) else None
        if existing is not None and existing.status.is_signed:
            if existing.status is Status.UNTERZEICHNET and final is Status.ABGESCHLOSSEN:
                svc.save_agreement(store, dataclasses.replace(existing, status=final))
            return
        start = existing.status if existing is not None else Status.ENTWURF
        own = store.adopt_version  # the demo's own records: building it again writes over them
        svc.save_agreement(store, own(dataclasses.replace(self.header, status=start)))
        for link in self.parties:
            svc.save_agreement_party(store, own(link))
        for section in self.sections:
            svc.save_section(store, own(section))
        for clause in self.clauses:
            svc.save_clause(store, own(clause))
        for goal in self.goals:
            svc.save_goal(store, own(goal))
        for status in status_steps(start, final):
            svc.save_agreement(store, own(dataclasses.replace(self.header, status=status)))


def status_steps(start: model.AgreementStatus, target: model.AgreementStatus) -> list[model.AgreementStatus]:
    """The statuses to pass through, one allowed step each, from an unsigned ``start`` to ``target``."""
    if start == target:
        return []
    if target is Status.ABGESCHLOSSEN:
        return [Status.UNTERZEICHNET, Status.ABGESCHLOSSEN]
    return [target]
