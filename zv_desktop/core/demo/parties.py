"""Demo catalogue: parties (Träger), signatories, areas of the Kreise Mettmann and Unna, user-defined measures."""

from __future__ import annotations

import io

from PIL import Image as PilImage
from PIL import ImageDraw

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.services import catalogue as svc
from zv_desktop.core.store import Store

Role = model.PartyRole

#: Parties in dependency order (a parent before its children): (id, name, short name, role, parent id).
PARTIES: tuple[tuple[str, str, str, model.PartyRole, str | None], ...] = (
    (ids.PARTY_KREIS_UNNA, "Kreis Unna", "Kreis UN", Role.KREIS, None),
    (ids.PARTY_STADT_KAMEN, "Stadt Kamen", "Kamen", Role.STADT, ids.PARTY_KREIS_UNNA),
    (
        ids.PARTY_MAIS_NRW,
        "Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen",
        "MAIS NRW",
        Role.LAND,
        None,
    ),
    (ids.PARTY_KREIS_METTMANN, "Kreis Mettmann", "Kreis ME", Role.KREIS, None),
    (ids.PARTY_AA_METTMANN, "Agentur für Arbeit Mettmann", "AA Mettmann", Role.AA, None),
    (ids.PARTY_JC_ME_AKTIV, "Jobcenter ME-aktiv", "JC ME-aktiv", Role.JC_GE, None),
)

#: Signatories: (id, party id, name, function). "N. N." where the seeds name nobody.
SIGNATORIES: tuple[tuple[str, str, str, str], ...] = (
    (ids.SIGNATORY_LANDRAT_UNNA, ids.PARTY_KREIS_UNNA, "N. N.", "Landrat"),
    (ids.SIGNATORY_BM_KAMEN, ids.PARTY_STADT_KAMEN, "N. N.", "Bürgermeister"),
    (ids.SIGNATORY_HENDELE, ids.PARTY_KREIS_METTMANN, "Hendele", "Landrat"),
    # The seed names Dr. Schäffer as signing for the ministry but not his function.
    (ids.SIGNATORY_SCHAEFFER, ids.PARTY_MAIS_NRW, "Dr. Schäffer", "für das Ministerium"),
    (ids.SIGNATORY_AA_VORSITZ, ids.PARTY_AA_METTMANN, "N. N.", "Vorsitzende/r der Geschäftsführung"),
    (ids.SIGNATORY_JC_GF, ids.PARTY_JC_ME_AKTIV, "N. N.", "Geschäftsführerin"),
)

#: User-defined measures the 2014 goals need: (code, name, unit, direction, definition).
MEASURES: tuple[tuple[str, str, str, model.Direction, str, model.Aggregation], ...] = (
    (
        "LZB",
        "Bestand an Langzeitleistungsbeziehenden",
        "Personen",
        model.Direction.LOWER,
        "Zahl der Leistungsberechtigten, die in den letzten 24 Monaten mindestens 21 Monate hilfebedürftig waren.",
        model.Aggregation.MEAN,
    ),
    (
        "LLU",
        "Summe der Leistungen zum Lebensunterhalt",
        "€",
        model.Direction.LOWER,
        "Ausgezahlte Leistungen zum Lebensunterhalt ohne Unterkunft und Heizung im Berichtszeitraum.",
        model.Aggregation.SUM,
    ),
    (
        "INT-U25",
        "Integrationen unter 25 Jahren",
        "Anzahl",
        model.Direction.HIGHER,
        "Aufnahmen einer Erwerbstätigkeit oder Ausbildung durch Leistungsberechtigte unter 25 Jahren.",
        model.Aggregation.SUM,
    ),
    (
        "INT-AE",
        "Integrationen Alleinerziehender",
        "Anzahl",
        model.Direction.HIGHER,
        "Aufnahmen einer Erwerbstätigkeit oder Ausbildung durch alleinerziehende Leistungsberechtigte.",
        model.Aggregation.SUM,
    ),
    (
        "KdU",
        "Kosten der Unterkunft",
        "€",
        model.Direction.LOWER,
        "Leistungen für Unterkunft und Heizung im Berichtszeitraum.",
        model.Aggregation.SUM,
    ),
)

#: Built-in catalogue measures the demo refers to.
BUILTIN_CODES = ("K2", "K1E1")


#: Letterheads of the authorities that issue the demo's papers and agreements: (department line, address).
LETTERHEADS: dict[str, tuple[str, str]] = {
    ids.PARTY_KREIS_METTMANN: ("Der Landrat · Sozialamt", "Düsseldorfer Straße 26\n40822 Mettmann"),
    ids.PARTY_STADT_KAMEN: ("Der Bürgermeister", "Rathausplatz 1\n59174 Kamen"),
    ids.PARTY_KREIS_UNNA: ("Der Landrat", "Friedrich-Ebert-Straße 17\n59425 Unna"),
}


def demo_logo() -> bytes:
    """A neutral placeholder shield marked „Demo“ (no real coat of arms), as the PNG a letterhead stores."""
    image = PilImage.new("RGBA", (120, 140), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(6, 6), (114, 6), (114, 70), (60, 134), (6, 70)], fill=(31, 78, 121, 255), outline=(20, 40, 60, 255))
    draw.rectangle([30, 40, 90, 62], fill=(255, 255, 255, 255))
    draw.text((40, 45), "DEMO", fill=(31, 78, 121, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def build_parties(store: Store) -> tuple[int, int]:
    """Save the demo parties (with the letterheads above) and signatories; returns (parties, signatories)."""
    logo = demo_logo()
    for party_id, name, short_name, role, parent_id in PARTIES:
        party = model.Party(name, role, short_name, parent_id, id=party_id)
        if role == model.PartyRole.STADT:
            party.paper_form = model.PaperForm.RATSVORLAGE
        if party_id in LETTERHEADS:
            party.letter_department, party.letter_address = LETTERHEADS[party_id]
            party.logo, party.logo_type = logo, "image/png"
        svc.save_party(store, store.adopt_version(party))
    for signatory_id, party_id, name, function in SIGNATORIES:
        svc.save_signatory(store, store.adopt_version(model.Signatory(party_id, name, function, id=signatory_id)))
    return len(PARTIES), len(SIGNATORIES)


def build_areas(store: Store) -> int:
    """Save both Kreise as areas with their ten cities each; returns how many areas."""
    count = 0
    for kreis, party_id, cities in (
        (ids.KREIS_METTMANN, ids.PARTY_KREIS_METTMANN, ids.METTMANN_CITIES),
        (ids.KREIS_UNNA, ids.PARTY_KREIS_UNNA, ids.UNNA_CITIES),
    ):
        kreis_id = ids.area_id(kreis)
        svc.save_area(store, store.adopt_version(model.Area(kreis, model.AreaKind.KREIS, None, party_id, id=kreis_id)))
        count += 1
        for city in cities:
            city_party = ids.PARTY_STADT_KAMEN if city == "Kamen" else None
            svc.save_area(
                store,
                store.adopt_version(model.Area(city, model.AreaKind.STADT, kreis_id, city_party, id=ids.area_id(city))),
            )
            count += 1
    return count


def build_measures(store: Store) -> dict[str, str]:
    """Save the demo's own measures; returns the ids by code, built-ins (K2, K1E1) included.

    A measure with the same code that the user made before is reused, not overwritten.
    """
    found: dict[str, str] = {}
    for code, name, unit, direction, definition, aggregation in MEASURES:
        own_id = ids.demo_id(f"measure/{code}")
        existing = store.find(model.Measure, "code = ?", (code,))
        if existing and existing[0].id != own_id:
            found[code] = existing[0].id
            continue
        measure = model.Measure(code, name, unit, direction, definition, False, aggregation, id=own_id)
        found[code] = svc.save_measure(store, store.adopt_version(measure)).id
    for code in BUILTIN_CODES:
        found[code] = svc.measure_by_code(store, code).id
    return found
