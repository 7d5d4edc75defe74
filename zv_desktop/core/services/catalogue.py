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


def _in_itself(store: Store, cls: type[model.Party | model.Area], record_id: str, parent_id: str | None) -> bool:
    """True if ``parent_id`` is the record itself or lies below it (the hierarchy would become a loop)."""
    seen: set[str] = set()
    while parent_id is not None and parent_id not in seen and store.exists(cls, parent_id):
        if parent_id == record_id:
            return True
        seen.add(parent_id)
        parent_id = store.get(cls, parent_id).parent_id
    return parent_id == record_id


def save_party(store: Store, party: model.Party) -> model.Party:
    """Insert or update a party after checking its rules (a party cannot lie below itself)."""
    problems = validation.check_party(party)
    problems += _check_ref(store, model.Party, party.parent_id, "parent_id", "Übergeordneten Träger")
    if _in_itself(store, model.Party, party.id, party.parent_id):
        problems.append(
            Problem("parent_id", "Ein Träger kann nicht sich selbst oder einem seiner Unterträger unterstehen.")
        )
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
    if area.parent_id != area.id and _in_itself(store, model.Area, area.id, area.parent_id):
        problems.append(Problem("parent_id", "Ein Gebiet kann nicht in einem seiner eigenen Teilgebiete liegen."))
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


def areas_of(store: Store, parent_id: str | None) -> list[model.Area]:
    """The areas directly inside ``parent_id`` (None: the top-level areas), by name."""
    if parent_id is None:
        return store.find(model.Area, "parent_id IS NULL", order_by="name")
    return store.find(model.Area, "parent_id = ?", (parent_id,), order_by="name")


# -- deleting: refused while something still refers to the record ----------------------------

#: How many names a refusal lists before it says "und N weitere".
_SHOWN = 3


def _count(store: Store, table: str, where: str, params: tuple[str, ...]) -> int:
    rows = store.query(f"SELECT count(*) AS n FROM {table} WHERE deleted = 0 AND ({where})", params)
    return int(rows[0]["n"])


def _amount(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    return shown if len(names) <= _SHOWN else f"{shown} und {len(names) - _SHOWN} weitere"


def _agreements_named(store: Store, agreement_ids: set[str]) -> str:
    found = [store.get(model.Agreement, i) for i in agreement_ids if store.exists(model.Agreement, i)]
    named = [a.title if str(a.year) in a.title else f"{a.title} ({a.year})" for a in sorted(found, key=_by_year)]
    return _names([f"„{title}“" for title in named])


def _by_year(agreement: model.Agreement) -> tuple[int, str]:
    return agreement.year, agreement.title


def _goals_named(store: Store, goals: list[model.Goal], role: str) -> str:
    agreement_ids = {g.agreement_id for g in goals}
    of = "der Zielvereinbarung" if len(agreement_ids) == 1 else "der Zielvereinbarungen"
    return f"{role} in {_amount(len(goals), 'Ziel', 'Zielen')} {of} {_agreements_named(store, agreement_ids)}"


def _refuse(what: str, uses: list[str]) -> None:
    if uses:
        message = f"{what} wird noch verwendet: {'; '.join(uses)}. Bitte zuerst diese Verweise entfernen."
        raise ValidationError([Problem("id", message)])


def delete_party(store: Store, party_id: str, expected_version: int = 0) -> None:
    """Delete a party that nothing refers to any more (agreements, signatories, areas, goals, sub-parties)."""
    party = store.get(model.Party, party_id)
    key = (party_id,)
    uses: list[str] = []
    links = store.find(model.AgreementParty, "party_id = ?", key)
    if links:
        where = _agreements_named(store, {link.agreement_id for link in links})
        uses.append(f"als Vertragspartner in {_amount(len(links), 'Zielvereinbarung', 'Zielvereinbarungen')} ({where})")
    signatories = list_signatories(store, party_id)
    if signatories:
        names = _names([f"{s.function} {s.name}" for s in signatories])
        uses.append(
            f"{_amount(len(signatories), 'unterzeichnende Person ist', 'unterzeichnende Personen sind')} ihm zugeordnet ({names})"
        )
    areas = store.find(model.Area, "party_id = ?", key, order_by="name")
    if areas:
        uses.append(
            f"{_amount(len(areas), 'Gebiet ist', 'Gebiete sind')} ihm zugeordnet ({_names([a.name for a in areas])})"
        )
    goals = store.find(model.Goal, "responsible_party_id = ?", key)
    if goals:
        uses.append(_goals_named(store, goals, "als verantwortlicher Träger"))
    children = store.find(model.Party, "parent_id = ?", key, order_by="name")
    if children:
        names = _names([c.name for c in children])
        uses.append(f"als übergeordneter Träger von {_amount(len(children), 'Träger', 'Trägern')} ({names})")
    _refuse(f"Der Träger „{party.name}“", uses)
    store.delete(model.Party, party_id, expected_version)  # not if changed since it was shown


def delete_signatory(store: Store, signatory_id: str, expected_version: int = 0) -> None:
    """Delete a signatory who signs for no agreement."""
    signatory = store.get(model.Signatory, signatory_id)
    links = store.find(model.AgreementParty, "signatory_id = ?", (signatory_id,))
    uses: list[str] = []
    if links:
        where = _agreements_named(store, {link.agreement_id for link in links})
        uses.append(
            f"als Unterzeichner/in in {_amount(len(links), 'Zielvereinbarung', 'Zielvereinbarungen')} ({where})"
        )
    _refuse(f"„{signatory.function} {signatory.name}“", uses)
    store.delete(model.Signatory, signatory_id, expected_version)  # not if changed since it was shown


def delete_area(store: Store, area_id: str, expected_version: int = 0) -> None:
    """Delete an area without cities inside it, without KPI values and without goals for it."""
    area = store.get(model.Area, area_id)
    key = (area_id,)
    uses: list[str] = []
    children = areas_of(store, area_id)
    if children:
        uses.append(
            f"{_amount(len(children), 'Gebiet liegt', 'Gebiete liegen')} darin ({_names([c.name for c in children])})"
        )
    values = _count(store, "kpi_values", "area_id = ?", key)
    if values:
        uses.append(f"{_amount(values, 'Kennzahlwert ist', 'Kennzahlwerte sind')} dafür erfasst")
    goals = store.find(model.Goal, "area_id = ?", key)
    if goals:
        uses.append(_goals_named(store, goals, "als Gebiet"))
    _refuse(f"Das Gebiet „{area.name}“", uses)
    store.delete(model.Area, area_id, expected_version)  # not if changed since it was shown


def delete_measure(store: Store, measure_id: str, expected_version: int = 0) -> None:
    """Delete a user-defined measure no goal and no value uses; the catalogue (K1 … K3E4) stays."""
    measure = store.get(model.Measure, measure_id)
    if measure.builtin:
        message = f"Die Messgröße {measure.code} gehört zum Katalog nach § 48a SGB II und kann nicht entfernt werden."
        raise ValidationError([Problem("id", message)])
    uses: list[str] = []
    goals = store.find(model.Goal, "measure_id = ?", (measure_id,))
    if goals:
        uses.append(_goals_named(store, goals, "als Messgröße"))
    values = _count(store, "kpi_values", "measure_id = ?", (measure_id,))
    if values:
        uses.append(f"{_amount(values, 'Kennzahlwert ist', 'Kennzahlwerte sind')} dafür erfasst")
    _refuse(f"Die Messgröße {measure.code} „{measure.name}“", uses)
    store.delete(model.Measure, measure_id, expected_version)  # not if changed since it was shown
