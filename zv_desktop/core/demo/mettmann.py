"""Demo agreements of the Kreis Mettmann with qualitative goals: MAIS NRW 2012 (seed 002), trilateral 2022 (seed 004).

Neither seed contains the agreement itself, only the council paper about it; the sections are arranged for the
demo and no figures are invented.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.builder import AgreementBuilder

Kind = model.GoalKind
KREIS_AREA = ids.area_id(ids.KREIS_METTMANN)


def mettmann_2012(measures: Mapping[str, str]) -> AgreementBuilder:
    """MAIS NRW ↔ Kreis Mettmann 2012: qualitative goals and tendencies, no numeric targets."""
    agreement = AgreementBuilder.start(
        ids.AGREEMENT_METTMANN_2012,
        issuer_id=ids.PARTY_KREIS_METTMANN,
        year=2012,
        title="Zielvereinbarung 2012 MAIS NRW – Kreis Mettmann",
        status=model.AgreementStatus.ABGESCHLOSSEN,
        signed_date=date(2012, 4, 10),  # assumed: signed before the paper of 19.04.2012, exact date unknown
        legal_basis="§ 48b SGB II, § 2a AG-SGB II NRW",
        preamble=(
            "Vereinbarung zwischen dem Land und dem Kreis Mettmann als kommunalem Träger des Jobcenters ME-aktiv "
            "über die kommunalen Aufgaben nach § 6 Abs. 1 Nr. 2 SGB II. Für 2012 werden bewusst keine Zahlenziele "
            "festgelegt, sondern qualitative Leitziele und Tendenzen; darauf sollen spätere ergebnisorientierte "
            "Ziele aufbauen. Hinweis zum Demo-Bestand: Gliederung und Datum der Unterzeichnung sind angenommen."
        ),
    )
    agreement.add_party(ids.PARTY_MAIS_NRW, ids.SIGNATORY_SCHAEFFER)
    agreement.add_party(ids.PARTY_KREIS_METTMANN, ids.SIGNATORY_HENDELE)
    s1 = agreement.add_section("1", "Qualitative Leitziele", "1")
    agreement.add_goal(
        "kdu",
        Kind.MONITORING,
        "Entwicklung der Leistungen für Unterkunft und Heizung beobachten",
        s1,
        "Nach dem für 2011 erreichten Ziel einer Senkung wird die Entwicklung 2012 beobachtet; eine Prognose "
        "ist nicht vereinbart.",
        measure_id=measures["K1E1"],
        area_id=KREIS_AREA,
    )
    agreement.add_goal(
        "ergebnisziele",
        Kind.MILESTONE,
        "Ergebnisorientierte Ziele für künftige Vereinbarungen formulieren",
        s1,
        "Aufbauend auf den Leitzielen 2012 sollen spätere Vereinbarungen messbare Ziele enthalten.",
    )
    s2 = agreement.add_section("2", "Unterstützung durch das Land und Zusammenarbeit", "2")
    agreement.add_goal(
        "landesangebote",
        Kind.MILESTONE,
        "Unterstützungsangebote des Landes zu sieben Themenschwerpunkten",
        s2,
        "Mit der Regionaldirektion NRW der BA abgestimmt; die Angebote werden im Jahresverlauf mit allen "
        "Beteiligten nach und nach konkretisiert.",
        responsible_party_id=ids.PARTY_MAIS_NRW,
    )
    agreement.add_goal(
        "gefoerderte-beschaeftigung",
        Kind.MILESTONE,
        "Zusammenarbeit mit dem Land bei öffentlich geförderter Beschäftigung intensivieren",
        s2,
        "Ein Anliegen des Kreises beim Abschluss der Vereinbarung.",
        responsible_party_id=ids.PARTY_KREIS_METTMANN,
    )
    return agreement


def mettmann_2022(measures: Mapping[str, str]) -> AgreementBuilder:
    """Trilateral agreement 2022 Kreis Mettmann – Agentur für Arbeit – Jobcenter: the municipal goals."""
    agreement = AgreementBuilder.start(
        ids.AGREEMENT_METTMANN_2022,
        issuer_id=ids.PARTY_KREIS_METTMANN,
        year=2022,
        title="Trilaterale Zielvereinbarung 2022",
        status=model.AgreementStatus.ABGESCHLOSSEN,
        signed_date=date(2022, 1, 10),  # assumed: the seed (13.01.2022) gives no date
        legal_basis="§ 48b SGB II",
        preamble=(
            "Die kommunalen Ziele richten sich auf Leistungsbereiche des Kreises Mettmann als kommunalem Träger der "
            "gemeinsamen Einrichtung, die die Partner gemeinsam verbessern wollen. Die Folgen der Corona-Pandemie "
            "machen Prognosen weiterhin unsicher. Weitere Ziele des Jobcenters stehen im lokalen Planungsdokument. "
            "Hinweis zum Demo-Bestand: Gliederung und Datum der Unterzeichnung sind angenommen; Unterzeichnende "
            "sind nicht bekannt."
        ),
    )
    agreement.add_party(ids.PARTY_KREIS_METTMANN)
    agreement.add_party(ids.PARTY_AA_METTMANN)
    agreement.add_party(ids.PARTY_JC_ME_AKTIV)
    s1 = agreement.add_section("1", "Kommunale Ziele 2022", "1")
    agreement.add_goal(
        "kdu",
        Kind.MONITORING,
        "Entwicklung der Kosten der Unterkunft",
        s1,
        "Die Zahl der Bedarfsgemeinschaften sinkt, die Unterkunftskosten bleiben vergleichsweise hoch; das Thema "
        "wird wieder aufgegriffen und Möglichkeiten der Gegensteuerung werden geprüft.",
        measure_id=measures["KdU"],
        area_id=KREIS_AREA,
    )
    agreement.add_goal(
        "16a",
        Kind.MILESTONE,
        "Kommunale Eingliederungsleistungen nach § 16a SGB II – Schwerpunkt Suchtberatung",
        s1,
        "Optimierungsansätze, die in der Pandemie nur teilweise umsetzbar waren, werden fortgeführt; besonderes "
        "Augenmerk gilt der Suchtberatung.",
    )
    agreement.add_goal(
        "but",
        Kind.MILESTONE,
        "Bildung und Teilhabe: Teams festigen, Leistungen schnell erbringen",
        s1,
        "Stabile Teamstrukturen sollen dauerhaft gute und zügige Bearbeitung sichern. Leitsatz: „Kein Kind bleibt "
        "ohne die ihm zustehende Leistung“.",
    )
    agreement.add_goal(
        "kim",
        Kind.MILESTONE,
        "Kommunales Integrationsmanagement: erste Meilensteine der Zusammenarbeit",
        s1,
        "Das Landesprogramm gehört zur Integrationsstrategie 2030 des Landes NRW und soll vor allem die "
        "Integration neu zugewanderter Menschen unter Beteiligung aller Akteure verbessern.",
    )
    s2 = agreement.add_section("2", "Nachhaltung", "2")
    agreement.add_goal(
        "nachhaltung",
        Kind.REPORTING,
        "Nachhaltung über Berichtsformate und regelmäßige Gespräche",
        s2,
        "Bestehende und neu vereinbarte Berichtsformate; in regelmäßigen Gesprächen von Kreis, BA und "
        "Geschäftsführung des Jobcenters werden Teilziele gewürdigt und Steuerungsbedarfe besprochen.",
    )
    return agreement
