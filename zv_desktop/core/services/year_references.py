"""What the user does about the year references of next year's draft (see ``year_findings``): confirm a finding
as correct („bleibt so“), or move the unambiguous ones on to the agreement's year, each one transaction."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from zv_desktop.core import model
from zv_desktop.core.services import agreements
from zv_desktop.core.services.agreement_docs import AgreementDoc
from zv_desktop.core.services.year_findings import (
    Move,
    Place,
    YearFinding,
    YearReview,
    checksum,
    confirmations,
    review_of,
    texts_of,
)
from zv_desktop.core.store import Store


def _dump(confirmed: dict[str, str]) -> str:
    return json.dumps({"confirmed": dict(sorted(confirmed.items()))}, ensure_ascii=False)


def year_review(store: Store, agreement_id: str) -> YearReview:
    """The findings of an agreement and which are confirmed."""
    return review_of(agreements.load_agreement(store, agreement_id))


def confirm(store: Store, agreement_id: str, keys: list[str], confirmed: bool = True) -> model.Agreement:
    """Confirm findings as correct („bleibt so“), or take confirmations back; only on an unsigned agreement."""
    agreement = agreements.ensure_editable(store, agreement_id)
    by_key = {f.key: f for f in year_review(store, agreement_id).findings}
    stored = confirmations(agreement)
    for key in keys:
        if confirmed and key in by_key:
            stored[key] = by_key[key].checksum
        else:
            stored.pop(key, None)
    valid = {k: v for k, v in stored.items() if k in by_key and by_key[k].checksum == v}  # lapsed ones go
    return agreements.save_agreement(store, dataclasses.replace(agreement, year_review=_dump(valid)))


def planned_moves(review: YearReview, doc: AgreementDoc) -> list[Move]:
    """The unambiguous findings not confirmed as they are, as changes of their places' texts (old → new)."""
    texts = {place.key: text for place, text in texts_of(doc)}
    by_place: dict[str, list[YearFinding]] = {}
    for finding in review.open:
        if finding.unambiguous:
            by_place.setdefault(finding.place.key, []).append(finding)
    moves = []
    year = str(doc.agreement.year)
    for key, findings in by_place.items():
        old = new = texts[key]
        for finding in sorted(findings, key=lambda f: f.year_at, reverse=True):
            new = new[: finding.year_at] + year + new[finding.year_at + 4 :]
        moves.append(Move(findings[0].place, old, new))
    return moves


def move_years_on(store: Store, agreement_id: str) -> list[Move]:
    """Move every unambiguous year on, in one transaction; confirmations of the changed places stay valid.

    Only titles move (see the module's rule), so each record changes in one field at most.
    """
    header = agreements.ensure_editable(store, agreement_id)
    doc = agreements.load_agreement(store, agreement_id)
    review = review_of(doc)
    moves = planned_moves(review, doc)
    stored = {k: v for k, v in confirmations(header).items() if k in review.confirmed}
    with store.transaction():
        for move in moves:
            place, text = move.place, move.new_text
            for key in [k for k in stored if k.startswith(place.key + "|")]:
                stored[key] = checksum(text)  # the other words confirmed there stand as they were
            if place.kind == "agreement":
                header = dataclasses.replace(header, **_field(place, text))
            else:
                _save_part(store, place, text)
        agreements.save_agreement(store, dataclasses.replace(header, year_review=_dump(stored)))
    return moves


def _field(place: Place, text: str) -> dict[str, Any]:
    return {place.field: text}


def _save_part(store: Store, place: Place, text: str) -> None:
    """Write the new text of a section, clause or goal through its guarded save."""
    change = _field(place, text)
    if place.kind == "section":
        agreements.save_section(store, dataclasses.replace(store.get(model.Section, place.record_id), **change))
    elif place.kind == "clause":
        agreements.save_clause(store, dataclasses.replace(store.get(model.Clause, place.record_id), **change))
    else:
        agreements.save_goal(store, dataclasses.replace(store.get(model.Goal, place.record_id), **change))
