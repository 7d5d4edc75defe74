"""Deleting Träger, signatories, areas and measures: refused with the German reason while anything uses them."""

from __future__ import annotations

import pytest

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, agreement_id
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.services import catalogue, history
from zv_desktop.core.store import Store


def _refusal(call: object, *args: str) -> str:
    with pytest.raises(ValidationError) as exc:
        call(*args)  # type: ignore[operator]
    assert len(exc.value.problems) == 1
    return exc.value.problems[0].message


def _value_count(store: Store, **where: str) -> int:
    ((name, value),) = where.items()
    return len(store.find(model.KpiValue, f"{name} = ?", (value,)))


def test_party_in_use_names_agreements_signatories_areas_and_goals(demo: Store) -> None:
    message = _refusal(catalogue.delete_party, demo, ids.PARTY_KREIS_METTMANN)
    assert message.startswith("Der Träger „Kreis Mettmann“ wird noch verwendet:")
    assert "als Vertragspartner in 3 Zielvereinbarungen" in message
    assert "„Trilaterale Zielvereinbarung 2022“" in message
    assert "1 unterzeichnende Person ist ihm zugeordnet (Landrat Hendele)" in message
    assert "1 Gebiet ist ihm zugeordnet (Kreis Mettmann)" in message
    assert "als verantwortlicher Träger in" in message
    assert message.endswith("Bitte zuerst diese Verweise entfernen.")
    assert demo.exists(model.Party, ids.PARTY_KREIS_METTMANN)


def test_parent_party_is_kept_while_it_has_sub_parties(demo: Store) -> None:
    message = _refusal(catalogue.delete_party, demo, ids.PARTY_KREIS_UNNA)
    assert "als übergeordneter Träger von 1 Träger (Stadt Kamen)" in message


def test_party_named_as_responsible_in_a_goal_is_kept(demo: Store) -> None:
    party = catalogue.save_party(demo, model.Party("Sozialamt Kamen", model.PartyRole.STADT))
    goal = demo.find(model.Goal, "agreement_id = ?", (agreement_id(AGREEMENT_KAMEN_2002),))[0]
    goal.responsible_party_id = party.id
    demo.save(goal)
    message = _refusal(catalogue.delete_party, demo, party.id)
    assert "als verantwortlicher Träger in 1 Ziel der Zielvereinbarung „Zielvereinbarung 2002" in message


def test_unused_party_is_deleted_and_undo_brings_it_back(demo: Store) -> None:
    party = catalogue.save_party(demo, model.Party("Kreis Testland", model.PartyRole.KREIS))
    with demo.recording("Träger entfernen") as action:
        catalogue.delete_party(demo, party.id)
    assert not demo.exists(model.Party, party.id)
    history.undo(demo, action)
    assert demo.get(model.Party, party.id).name == "Kreis Testland"


def test_signatory_of_an_agreement_is_kept(demo: Store) -> None:
    message = _refusal(catalogue.delete_signatory, demo, ids.SIGNATORY_HENDELE)
    assert message.startswith("„Landrat Hendele“ wird noch verwendet: als Unterzeichner/in in 2 Zielvereinbarungen")
    person = catalogue.save_signatory(demo, model.Signatory(ids.PARTY_KREIS_METTMANN, "Erika Muster", "Landrätin"))
    catalogue.delete_signatory(demo, person.id)
    assert [s.name for s in catalogue.list_signatories(demo, ids.PARTY_KREIS_METTMANN)] == ["Hendele"]


def test_kreis_with_cities_values_and_goals_is_kept(demo: Store) -> None:
    kreis = ids.area_id(ids.KREIS_METTMANN)
    message = _refusal(catalogue.delete_area, demo, kreis)
    assert "10 Gebiete liegen darin (Erkrath, Haan, Heiligenhaus und 7 weitere)" in message
    assert f"{_value_count(demo, area_id=kreis)} Kennzahlwerte sind dafür erfasst" in message
    assert "als Gebiet in" in message


def test_city_with_values_is_kept_a_city_without_is_deleted(demo: Store) -> None:
    hilden = ids.area_id("Hilden")
    message = _refusal(catalogue.delete_area, demo, hilden)
    assert message == (
        f"Das Gebiet „Hilden“ wird noch verwendet: {_value_count(demo, area_id=hilden)} Kennzahlwerte sind dafür "
        "erfasst. Bitte zuerst diese Verweise entfernen."
    )
    kreis = ids.area_id(ids.KREIS_METTMANN)
    city = catalogue.save_area(demo, model.Area("Neustadt", model.AreaKind.STADT, kreis))
    catalogue.delete_area(demo, city.id)
    assert "Neustadt" not in [a.name for a in catalogue.areas_of(demo, kreis)]


def test_areas_of_lists_the_kreise_and_their_cities_by_name(demo: Store) -> None:
    assert [a.name for a in catalogue.areas_of(demo, None)] == ["Kreis Mettmann", "Kreis Unna"]
    cities = catalogue.areas_of(demo, ids.area_id(ids.KREIS_METTMANN))
    assert [a.name for a in cities] == list(ids.METTMANN_CITIES)
    assert {a.kind for a in cities} == {model.AreaKind.STADT}


def test_catalogue_measure_cannot_be_deleted(demo: Store) -> None:
    k2 = catalogue.measure_by_code(demo, "K2")
    message = _refusal(catalogue.delete_measure, demo, k2.id)
    assert message == "Die Messgröße K2 gehört zum Katalog nach § 48a SGB II und kann nicht entfernt werden."
    assert demo.exists(model.Measure, k2.id)


def test_measure_in_use_says_how_many_goals_and_values(demo: Store) -> None:
    lzb = catalogue.measure_by_code(demo, "LZB")
    goals = len(demo.find(model.Goal, "measure_id = ?", (lzb.id,)))
    message = _refusal(catalogue.delete_measure, demo, lzb.id)
    assert message.startswith("Die Messgröße LZB „Bestand an Langzeitleistungsbeziehenden“ wird noch verwendet:")
    assert f"als Messgröße in {goals} Ziel" in message
    assert f"{_value_count(demo, measure_id=lzb.id)} Kennzahlwerte sind dafür erfasst" in message


def test_unused_own_measure_is_deleted_and_its_code_is_free_again(store: Store) -> None:
    own = model.Measure("SB-Q", "Schuldnerberatungsquote", "%", model.Direction.HIGHER)
    catalogue.save_measure(store, own)
    catalogue.delete_measure(store, own.id)
    assert not store.exists(model.Measure, own.id)
    again = catalogue.save_measure(store, model.Measure("SB-Q", "Schuldnerberatung", "%", model.Direction.HIGHER))
    assert catalogue.measure_by_code(store, "SB-Q").id == again.id


def test_a_party_cannot_be_placed_below_itself(demo: Store) -> None:
    kreis = demo.get(model.Party, ids.PARTY_KREIS_UNNA)
    kreis.parent_id = ids.PARTY_STADT_KAMEN  # Kamen lies below Kreis Unna
    message = _refusal(catalogue.save_party, demo, kreis)
    assert message == "Ein Träger kann nicht sich selbst oder einem seiner Unterträger unterstehen."
    assert demo.get(model.Party, ids.PARTY_KREIS_UNNA).parent_id is None


def test_an_area_cannot_lie_in_its_own_city(demo: Store) -> None:
    kreis = demo.get(model.Area, ids.area_id(ids.KREIS_UNNA))
    kreis.parent_id = ids.area_id("Kamen")
    assert "eigenen Teilgebiete" in _refusal(catalogue.save_area, demo, kreis)
