"""Demo trilateral agreement 2014 Agentur für Arbeit Mettmann – Jobcenter ME-aktiv – Kreis Mettmann (seed 001)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.builder import AgreementBuilder
from zv_desktop.core.demo.mettmann_2014_local import local_goals

Kind = model.GoalKind
HIGHER, LOWER = model.Direction.HIGHER, model.Direction.LOWER
JOBCENTER = ids.PARTY_JC_ME_AKTIV

PREAMBLE = (
    "Die Vereinbarung enthält die geschäftspolitischen Ziele des Zielsystems nach § 48b SGB II, lokale Ziele "
    "zwischen gemeinsamer Einrichtung und Agentur für Arbeit, Absprachen zum Zielnachhalteprozess und kommunale "
    "Ziele. Die Planwerte stützen sich auf die gesamtwirtschaftlichen Eckwerte, von denen die Bundesregierung im "
    "Herbst 2013 ausging. BA und Kommune verantworten jeweils die Aufgaben, die ihnen das Gesetz zuweist; jedes "
    "Ziel betrifft daher nur den Verantwortungsbereich eines der Träger. "
    "Hinweis zum Demo-Bestand: Das Datum der Unterzeichnung ist angenommen."
)


def mettmann_2014(measures: Mapping[str, str]) -> AgreementBuilder:
    """The 2014 agreement with every goal of seed 001; ``measures`` maps codes to measure ids."""
    agreement = AgreementBuilder.start(
        ids.AGREEMENT_METTMANN_2014,
        issuer_id=ids.PARTY_KREIS_METTMANN,
        year=2014,
        title="Zielvereinbarung 2014 Agentur für Arbeit Mettmann – Jobcenter ME-aktiv – Kreis Mettmann",
        status=model.AgreementStatus.ABGESCHLOSSEN,
        signed_date=date(2014, 2, 28),  # assumed: the seed gives no date
        legal_basis="§ 48b SGB II",
        preamble=PREAMBLE,
    )
    agreement.add_party(ids.PARTY_AA_METTMANN, ids.SIGNATORY_AA_VORSITZ)
    agreement.add_party(JOBCENTER, ids.SIGNATORY_JC_GF)
    agreement.add_party(ids.PARTY_KREIS_METTMANN, ids.SIGNATORY_HENDELE)
    _bund_goals(agreement, measures)
    _staffing(agreement)
    local_goals(agreement, measures)
    return agreement


def _bund_goals(agreement: AgreementBuilder, measures: Mapping[str, str]) -> None:
    """Sections I–III and the Zielnachhalteprozess: goals in the BA's field of responsibility."""
    area = ids.area_id(ids.KREIS_METTMANN)
    s1 = agreement.add_section("I", "Geschäftspolitische Ziele SGB II", "I")
    agreement.add_goal(
        "integration",
        Kind.KPI_TARGET,
        "Verbesserung der Integration in Erwerbstätigkeit",
        s1,
        "Planwert der Integrationsquote für 2014.",
        measure_id=measures["K2"],
        target_value=Decimal("20.6"),
        unit="%",
        direction=HIGHER,
        area_id=area,
    )
    agreement.add_goal(
        "lzb",
        Kind.KPI_TARGET,
        "Vermeidung von langfristigem Leistungsbezug",
        s1,
        "Planwert für den Bestand an Langzeitleistungsbeziehenden; ein niedrigerer Bestand ist besser.",
        measure_id=measures["LZB"],
        target_value=Decimal("17283"),
        unit="Personen",
        direction=LOWER,
        area_id=area,
    )
    s2 = agreement.add_section(
        "II",
        "Monitoring zur Verringerung der Hilfebedürftigkeit",
        "II",
        "Der Verlauf der Leistungen zum Lebensunterhalt (ohne Unterkunft und Heizung) wird laufend beobachtet und "
        "mit der zu Jahresbeginn erwarteten Entwicklung verglichen (Gemeinsames Planungsdokument 2014, S. 14).",
    )
    agreement.add_goal(
        "llu",
        Kind.MONITORING,
        "Verringerung der Hilfebedürftigkeit",
        s2,
        "Prognose 2014 der Summe der Leistungen zum Lebensunterhalt; beobachtet wird die Abweichung davon.",
        measure_id=measures["LLU"],
        forecast_value=Decimal("90295768"),
        unit="€",
        area_id=area,
    )
    s3 = agreement.add_section("III", "Weitere lokale Ziele zwischen Jobcenter und Agentur für Arbeit", "III")
    for key, code, title, who in (
        ("u25", "INT-U25", "Steigerung der Integration Jugendlicher (U 25)", "Jugendlichen unter 25 Jahren"),
        ("ae", "INT-AE", "Steigerung der Integration Alleinerziehender", "Alleinerziehenden"),
    ):
        agreement.add_goal(
            key,
            Kind.RELATIVE_CHANGE,
            title,
            s3,
            f"Die Zahl der Integrationen von {who} soll gegenüber dem Vorjahr um 5 % wachsen.",
            change_percent=Decimal("5"),
            measure_id=measures[code],
            unit="Anzahl",
            direction=HIGHER,
            area_id=area,
        )
    s_nh = agreement.add_section(
        "nachhalten",
        "Vereinbarungen zum Zielnachhalteprozess",
        "",
        "Nach § 48b Abs. 1 S. 1 Nr. 2 SGB II ist der Zielvereinbarungsprozess fester Bestandteil der Grundsicherung. "
        "Agentur für Arbeit und Geschäftsführung des Jobcenters besprechen regelmäßig den Stand der Zielerreichung "
        "und vereinbaren bei Bedarf Steuerungsmaßnahmen. Gilt nur für Ziele im Verantwortungsbereich der BA.",
    )
    agreement.add_goal(
        "mbz",
        Kind.REPORTING,
        "Monatlicher Bericht zur Zielerreichung (MBZ)",
        s_nh,
        "Die Agentur für Arbeit stellt den MBZ mit Grafiken, Daten und Analysen bereit; das Jobcenter kommentiert "
        "darin den Stand der Zielerreichung vor jedem Zielnachhaltedialog.",
        responsible_party_id=JOBCENTER,
        comment="Nicht für die kommunalen Ziele.",
    )


def _staffing(agreement: AgreementBuilder) -> None:
    """Section IV: the Jobcenter's staffing."""
    s4 = agreement.add_section("IV", "Kommunale Ziele zwischen JC und kommunalem Träger – Personal", "IV")
    clause = agreement.add_clause(
        s4,
        "personal",
        "Personalisierung",
        "",
        "Der Umlaufbeschluss der Träger zur Vorlage 5/2013 wird bekräftigt. Beide Träger finanzieren gemeinsam die "
        "Soll-Ausstattung; befristetes Projektpersonal wird 2014 darauf angerechnet.",
    )
    agreement.add_goal(
        "personal",
        Kind.STAFFING,
        "Soll-Ausstattung des Jobcenters",
        clause,
        "405,93 VZA Dauerpersonal einschließlich 11 VZA für Bildung und Teilhabe und 4,25 VZA für 50plus; "
        "2014 zählen 15 VZA Joboffensive und 10 VZA für die Einführung von Allegro mit. Der Befristungsanteil soll "
        "schrittweise auf höchstens 7,5 % sinken. Bis zu 25 VZA zusätzlich aus Mitteln des EGT, befristet, je zur "
        "Hälfte von Kreis und BA gestellt, nur mit einem tragfähigen Konzept der Geschäftsführung und Einvernehmen "
        "der Träger.",
        staff_target_vza=Decimal("405.93"),
        temp_share_max=Decimal("7.5"),
        extra_vza_max=Decimal("25"),
    )
