"""Demo agreements Kreis Unna ↔ Stadt Kamen 2001 and 2002 (welfare administration, seed 000).

The seed only lists what changed from 2001 to 2002 (clauses 3 b, 3 l, 3 o, 5 c, 5 f); the 2001 wording is
unknown, so the 2001 texts are generic and say so. Section titles are chosen for the demo.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.builder import AgreementBuilder
from zv_desktop.core.money import Currency, Money

Kind = model.GoalKind

LEGAL_BASIS = "Bundessozialhilfegesetz (BSHG) – Durchführung der Sozialhilfe durch die kreisangehörige Stadt"

HISTORY = (
    "Kreis Unna und Stadt Kamen schließen seit 1999 jährlich eine Zielvereinbarung für die Sozialhilfe; "
    "Grundlage der ersten war der Ratsbeschluss vom 10.12.1998 (Vorlage 388/1998). Über die Ergebnisse "
    "der Jahre 1999 und 2000 hat die Verwaltung im Familienausschuss berichtet (Vorlagen 183/2000 und 66/2001)."
)

SECTION_3_TITLE = "Aufgabenwahrnehmung und Zusammenarbeit"
SECTION_5_TITLE = "Prämien"
PREMIUM_TITLE = "Prämie für Vermittlungen auf Regelarbeitsplätze"
PREMIUM_CONDITION = (
    "Auszahlung nur, wenn die Stadt die Auswertungsdaten zu den Fällen der Hilfe zur Arbeit geliefert hat (Ziffer 5 f)."
)


def kamen_2001() -> AgreementBuilder:
    """The 2001 agreement: concluded; only the clauses the 2002 changes refer to, in generic wording."""
    agreement = AgreementBuilder.start(
        ids.AGREEMENT_KAMEN_2001,
        issuer_id=ids.PARTY_STADT_KAMEN,
        year=2001,
        title="Zielvereinbarung 2001 Kreis Unna – Stadt Kamen (Sozialhilfe)",
        status=model.AgreementStatus.ABGESCHLOSSEN,
        signed_date=date(2001, 4, 20),  # assumed: the seed gives no date
        legal_basis=LEGAL_BASIS,
        preamble=HISTORY
        + " Hinweis zum Demo-Bestand: Der Wortlaut 2001 liegt nicht vor; die Texte sind verkürzt und allgemein "
        "gehalten, das Datum der Unterzeichnung ist angenommen.",
    )
    agreement.add_party(ids.PARTY_KREIS_UNNA, ids.SIGNATORY_LANDRAT_UNNA)
    agreement.add_party(ids.PARTY_STADT_KAMEN, ids.SIGNATORY_BM_KAMEN)
    earlier = "Fassung 2001, im Demo-Bestand nur verkürzt wiedergegeben."
    s3 = agreement.add_section("3", SECTION_3_TITLE, "3", earlier)
    agreement.add_clause(
        s3,
        "b",
        "Fassung 2001 (verkürzt)",
        "b",
        "Frühere Fassung der Ziffer 3 b; Hilfeplanung und Fallmanagement sind darin noch nicht vorgesehen.",
    )
    s5 = agreement.add_section("5", SECTION_5_TITLE, "5", earlier)
    c5c = agreement.add_clause(
        s5,
        "c",
        "Vermittlungsprämie",
        "c",
        "Für Vermittlungen von Hilfeempfängerinnen und Hilfeempfängern auf Regelarbeitsplätze ist eine Prämie "
        "von 211.000,00 DM vorgesehen.",
    )
    agreement.add_clause(
        s5,
        "f",
        "Auszahlung der Prämien (Fassung 2001, verkürzt)",
        "f",
        "Frühere Fassung: Die Auszahlung der Prämien hängt noch nicht von der Lieferung von Auswertungsdaten ab.",
    )
    agreement.add_goal(
        "premium",
        Kind.PREMIUM,
        PREMIUM_TITLE,
        c5c,
        "Prämie für Vermittlungen auf Regelarbeitsplätze nach Ziffer 5 c der Fassung 2001.",
        amount=Money(Decimal("211000.00"), Currency.DM),
    )
    return agreement


def kamen_2002() -> AgreementBuilder:
    """The 2002 agreement as negotiated (the draft the seed sends to the committee)."""
    agreement = AgreementBuilder.start(
        ids.AGREEMENT_KAMEN_2002,
        issuer_id=ids.PARTY_STADT_KAMEN,
        year=2002,
        title="Zielvereinbarung 2002 Kreis Unna – Stadt Kamen (Sozialhilfe)",
        status=model.AgreementStatus.VERHANDELT,
        legal_basis=LEGAL_BASIS,
        preamble=HISTORY + " Die Fassung 2002 schreibt die Vereinbarung 2001 fort; geändert sind vor allem die Ziffern "
        "3 b, 3 l, 3 o, 5 c und 5 f. Die Verwaltung hält diese Änderungen für übernahmefähig.",
        previous_id=ids.agreement_id(ids.AGREEMENT_KAMEN_2001),
    )
    agreement.add_party(ids.PARTY_KREIS_UNNA, ids.SIGNATORY_LANDRAT_UNNA)
    agreement.add_party(ids.PARTY_STADT_KAMEN, ids.SIGNATORY_BM_KAMEN)
    s3 = agreement.add_section("3", SECTION_3_TITLE, "3")
    c3b = agreement.add_clause(
        s3,
        "b",
        "Hilfeplanung und Fallmanagement",
        "b",
        "Für Menschen in prekärer Lage oder mit hohem Risiko, mittel- bis langfristig auf Sozialhilfe angewiesen "
        "zu bleiben, kommen in absehbarer Zeit Hilfeplanung und Fallmanagement. Die Stadt Kamen ist grundsätzlich "
        "bereit, dafür Organisation und Personal weiterzuentwickeln.",
    )
    c3l = agreement.add_clause(
        s3,
        "l",
        "Einheitliche Software",
        "l",
        "Ab dem Haushaltsjahr 2004 wollen die Partner kreisweit dieselbe Software nutzen. Deren Kosten trägt der "
        "Kreis Unna vorerst zeitlich unbegrenzt aus Kreismitteln; eine Beteiligung an der nötigen Hardware stellt "
        "er in Aussicht.",
    )
    c3o = agreement.add_clause(
        s3,
        "o",
        "Arbeitsgruppe Unterhalt",
        "o",
        "Die Arbeitsgruppe Unterhalt kommt mindestens zweimal im Jahr zusammen.",
    )
    s5 = agreement.add_section("5", SECTION_5_TITLE, "5")
    c5c = agreement.add_clause(
        s5,
        "c",
        "Vermittlungsprämie",
        "c",
        "Die Prämie für Vermittlungen von Hilfeempfängerinnen und Hilfeempfängern auf Regelarbeitsplätze sinkt "
        "von 211.000,00 DM auf 50.000,00 €.",
    )
    agreement.add_clause(
        s5,
        "f",
        "Voraussetzung der Auszahlung",
        "f",
        "Prämien werden nur ausgezahlt, wenn die Stadt die Auswertungsdaten zu den Fällen der Hilfe zur Arbeit "
        "geliefert hat.",
    )
    agreement.add_goal(
        "fallmanagement",
        Kind.MILESTONE,
        "Hilfeplanung und Fallmanagement einführen",
        c3b,
        "Einführung für Fälle mit prekärer Lebenslage oder hohem Verbleibrisiko; ein Termin ist nicht vereinbart.",
        responsible_party_id=ids.PARTY_STADT_KAMEN,
    )
    agreement.add_goal(
        "software",
        Kind.MILESTONE,
        "Einheitliche Software ab dem Haushaltsjahr 2004",
        c3l,
        "Kreisweit einheitliche Software; die Softwarekosten trägt der Kreis Unna.",
        deadline=date(2004, 1, 1),
    )
    agreement.add_goal(
        "unterhalt",
        Kind.THRESHOLD,
        "Treffen der Arbeitsgruppe Unterhalt",
        c3o,
        "Mindestens zwei Treffen im Jahr.",
        comparator=model.Comparator.AT_LEAST,
        threshold_value=Decimal("2"),
        unit="x/Jahr",
    )
    agreement.add_goal(
        "premium",
        Kind.PREMIUM,
        PREMIUM_TITLE,
        c5c,
        "Prämie nach Ziffer 5 c, gegenüber 2001 (211.000,00 DM) deutlich vermindert.",
        amount=Money(Decimal("50000"), Currency.EUR),
        condition=PREMIUM_CONDITION,
    )
    return agreement
