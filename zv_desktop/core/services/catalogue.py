"""Parties (Träger), signatories, areas and the measure catalogue: validated saves and lists."""

from __future__ import annotations

from zv_desktop.core import model
from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.rules import validation
from zv_desktop.core.store import Store


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


def _check_ref(store: Store, cls: type, record_id: str | None, field: str, what: str) -> list[Problem]:
    if record_id is not None and not store.exists(cls, record_id):
        return [Problem(field, f"{what} mit der Kennung {record_id} gibt es nicht.")]
    return []


def save_party(store: Store, party: model.Party) -> model.Party:
    """Insert or update a party after checking its rules."""
    problems = validation.check_party(party)
    problems += _check_ref(store, model.Party, party.parent_id, "parent_id", "Übergeordneten Träger")
    _raise_if(problems)
    return store.save(party)


def save_signatory(store: Store, signatory: model.Signatory) -> model.Signatory:
    """Insert or update a signatory of an existing party."""
    problems = validation.check_signatory(signatory)
    problems += _check_ref(store, model.Party, signatory.party_id, "party_id", "Träger")
    _raise_if(problems)
    return store.save(signatory)


def save_area(store: Store, area: model.Area) -> model.Area:
    """Insert or update an area (a Kreis or one of its cities)."""
    problems = validation.check_area(area)
    problems += _check_ref(store, model.Area, area.parent_id, "parent_id", "Übergeordnetes Gebiet")
    problems += _check_ref(store, model.Party, area.party_id, "party_id", "Träger")
    _raise_if(problems)
    return store.save(area)


def save_measure(store: Store, measure: model.Measure) -> model.Measure:
    """Insert or update a user-defined measure; the codes must stay unique; built-ins stay as they are."""
    problems = validation.check_measure(measure)
    clash = store.find(model.Measure, "code = ? AND id != ?", (measure.code, measure.id))
    if clash:
        problems.append(Problem("code", f"Das Kürzel „{measure.code}“ ist schon vergeben ({clash[0].name})."))
    if store.exists(model.Measure, measure.id) and store.get(model.Measure, measure.id).builtin:
        problems.append(Problem("code", "Messgrößen des Katalogs (K1 … K3E4) können nicht geändert werden."))
    _raise_if(problems)
    return store.save(measure)


def list_parties(store: Store) -> list[model.Party]:
    """All parties, by role and name."""
    return store.find(model.Party, order_by="role, name")


def list_signatories(store: Store, party_id: str | None = None) -> list[model.Signatory]:
    """Signatories, of one party or of all."""
    if party_id is None:
        return store.find(model.Signatory, order_by="name")
    return store.find(model.Signatory, "party_id = ?", (party_id,), order_by="name")


def list_areas(store: Store) -> list[model.Area]:
    """All areas, Kreise first, then cities by name."""
    return store.find(model.Area, order_by="CASE kind WHEN 'LAND' THEN 0 WHEN 'KREIS' THEN 1 ELSE 2 END, name")


def list_measures(store: Store) -> list[model.Measure]:
    """The measure catalogue: built-ins in code order, then the user's own."""
    return store.find(model.Measure, order_by="builtin DESC, code")


def measure_by_code(store: Store, code: str) -> model.Measure:
    """The measure with this code (K2, K3E1 …)."""
    found = store.find(model.Measure, "code = ?", (code,))
    if not found:
        raise ValidationError([Problem("code", f"Eine Messgröße „{code}“ gibt es nicht.")])
    return found[0]
