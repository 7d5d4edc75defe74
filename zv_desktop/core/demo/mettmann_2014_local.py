"""Section V of the demo agreement 2014 (seed 001): municipal goals between Jobcenter and Kreis Mettmann."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.builder import AgreementBuilder
from zv_desktop.core.money import Currency, Money

Kind = model.GoalKind
LOWER = model.Direction.LOWER
AT_LEAST = model.Comparator.AT_LEAST
YEAR_END = date(2014, 12, 31)
KREIS = ids.PARTY_KREIS_METTMANN
JOBCENTER = ids.PARTY_JC_ME_AKTIV


def _eur(amount: str) -> Money:
    return Money(Decimal(amount), Currency.EUR)


def local_goals(agreement: AgreementBuilder, measures: Mapping[str, str]) -> None:
    """Section V: the municipal goals, one clause per topic."""
    s5 = agreement.add_section("V", "Kommunale Ziele zwischen JC und kommunalem Träger", "V")
    add = agreement.add_goal

    def clause(key: str, title: str, text: str) -> model.Clause:
        return agreement.add_clause(s5, key, title, "", text)

    def stadtscharf(key: str, place: model.Clause) -> None:
        add(
            key,
            Kind.REPORTING,
            "Stadtscharfer Bericht zum Jahresende",
            place,
            "Für jede Stadt des Kreises: wie viele Kunden die Leistung erhalten haben.",
            breakdown="stadtscharf",
            deadline=YEAR_END,
        )

    c = clause(
        "betreuung",
        "Betreuung minderjähriger oder behinderter Kinder oder häusliche Pflege von Angehörigen",
        "Nach Absprache mit den Jugenddezernenten der Städte erhalten Kinder von Jobcenter-Kunden bevorzugt Plätze in "
        "städtischen Einrichtungen. Für kurzfristigen Betreuungsbedarf oder Zeiten außerhalb der Öffnungszeiten gibt "
        "der Kreis einen Betrag; das Jobcenter macht die Leistung allen Integrationsfachkräften bekannt.",
    )
    add(
        "betreuung-budget",
        Kind.BUDGET,
        "Mittel für kurzfristige Kinderbetreuung",
        c,
        "Vom Kreis 2014 bereitgestellt, bedarfsgerecht für Kunden des Jobcenters.",
        amount=_eur("5000"),
        responsible_party_id=KREIS,
    )
    stadtscharf("betreuung-bericht", c)
    c = clause(
        "schuldner",
        "Schuldnerberatung",
        "Der Kreis sorgt dafür, dass die aktualisierten Vereinbarungen mit den Schuldnerberatungsstellen und dem "
        "Jobcenter 2014 zustande kommen. Das Jobcenter liefert für die Auswertung, ob die Beratung zu "
        "marktnäheren Profilen oder zu Integrationen geführt hat.",
    )
    add(
        "schuldner-budget",
        Kind.BUDGET,
        "Mittel für die Schuldnerberatung",
        c,
        "Haushaltsjahr 2014.",
        amount=_eur("500000"),
        responsible_party_id=KREIS,
    )
    add(
        "schuldner-vereinbarung",
        Kind.MILESTONE,
        "Aktualisierte Vereinbarungen mit den Schuldnerberatungsstellen",
        c,
        "Abschluss im Jahr 2014.",
        deadline=YEAR_END,
        responsible_party_id=KREIS,
    )
    add(
        "schuldner-auswertung",
        Kind.MILESTONE,
        "Auswertung des Verfahrens zum Jahresende 2014",
        c,
        "Mit Angaben des Jobcenters zur Wirkung der Beratung.",
        deadline=YEAR_END,
    )
    stadtscharf("schuldner-bericht", c)
    c = clause(
        "psychosozial",
        "Psychosoziale Betreuung",
        "Zu prüfen ist, ob mit den Anbietern Vereinbarungen nach § 17 SGB II zu schließen sind. Sonstige Leistungen "
        "(etwa Frauenhaus, Beratung bei häuslicher Gewalt) zahlt und kontrolliert allein das Kreissozialamt.",
    )
    add(
        "psychosozial-konzept",
        Kind.MILESTONE,
        "Konzept zur psychosozialen Betreuung",
        c,
        "Mit dem Jobcenter abgestimmt: Begriff, Abgrenzung zu anderen Eingliederungsleistungen, Ablauf.",
        deadline=YEAR_END,
        responsible_party_id=KREIS,
    )
    add(
        "psychosozial-budget",
        Kind.BUDGET,
        "Mittel für psychosoziale Betreuung in besonderen Einzelfällen",
        c,
        amount=_eur("72000"),
        responsible_party_id=KREIS,
    )
    add(
        "methadon-budget",
        Kind.BUDGET,
        "Mittel für Fahrten zur Methadonsubstitution",
        c,
        amount=_eur("26000"),
        responsible_party_id=KREIS,
    )
    stadtscharf("psychosozial-bericht", c)
    c = clause(
        "sucht",
        "Suchtberatung",
        "Der Kreis begleitet die Suchtberatung weiter aktiv; abgerechnet wird je Einzelfall über das Kreissozialamt. "
        "Das Jobcenter macht die Leistung und die Hilfen des Kreisgesundheitsamts allen Fachkräften bekannt.",
    )
    add(
        "sucht-budget", Kind.BUDGET, "Mittel für die Suchtberatung", c, amount=_eur("45000"), responsible_party_id=KREIS
    )
    add(
        "sucht-vereinbarung",
        Kind.MILESTONE,
        "Überarbeitung der Vereinbarung zur Suchtberatung beginnen",
        c,
        "Beginn im Jahr 2014.",
        deadline=YEAR_END,
    )
    c = clause(
        "kdu",
        "Kosten der Unterkunft",
        "Alle Partner arbeiten daran, dass die Kosten der Unterkunft gegenüber 2013 nicht steigen; die Ergebnisse der "
        "Projektgruppe des Kreises werden umgesetzt. Die Träger stellen genug qualifiziertes Personal, der Kreis "
        "hält die Arbeitsanweisungen aktuell.",
    )
    add(
        "kdu",
        Kind.RELATIVE_CHANGE,
        "Kosten der Unterkunft nicht weiter steigen lassen",
        c,
        "Keine Steigerung gegenüber 2013, nach Möglichkeit eine Senkung.",
        change_percent=Decimal("0"),
        measure_id=measures["KdU"],
        unit="€",
        direction=LOWER,
        area_id=ids.area_id(ids.KREIS_METTMANN),
    )
    c = clause(
        "ev",
        "Eingliederungsvereinbarung",
        "Kunden unterschreiben schon im Erstgespräch eine individuelle Eingliederungsvereinbarung, die später bei "
        "Bedarf angepasst wird; kommunale Leistungen werden mit denen der BA abgestimmt.",
    )
    add(
        "ev",
        Kind.THRESHOLD,
        "Eingliederungsvereinbarung beim Erstkontakt",
        c,
        "Anteil der SGB-II-Kunden mit abgeschlossener oder aktualisierter Eingliederungsvereinbarung.",
        comparator=AT_LEAST,
        threshold_value=Decimal("80"),
        unit="%",
    )
    c = clause("kontakt", "Kundenkontaktdichte", "Mindestkontakte zwischen Kunden und Integrationsfachkraft 2014.")
    add(
        "kontakt",
        Kind.THRESHOLD,
        "Kontaktdichte",
        c,
        "Mindestens zwei Kontakte je Kunde im Jahr.",
        comparator=AT_LEAST,
        threshold_value=Decimal("2"),
        unit="Kontakte/Jahr",
    )
    add(
        "kontakt-single",
        Kind.THRESHOLD,
        "Kontaktdichte bei Single-Haushalten",
        c,
        "Mindestens sechs Kontakte im Jahr.",
        comparator=AT_LEAST,
        threshold_value=Decimal("6"),
        unit="Kontakte/Jahr",
    )
    c = clause(
        "wirksamkeit",
        "Maßnahmewirksamkeit",
        "Die Evaluation nennt wirksame und einzustellende Maßnahmen und weist Integrationen nach Maßnahmeende und "
        "sechs Monate später absolut und in Prozent aus.",
    )
    add(
        "wirksamkeit",
        Kind.MILESTONE,
        "Evaluation des Arbeitsmarkt- und Integrationsprogramms",
        c,
        "Bis Ende des ersten Quartals 2015.",
        deadline=date(2015, 3, 31),
        responsible_party_id=JOBCENTER,
    )
    c = clause("joboffensive", "Joboffensive", "Besonders gefragt: die Zahl erfolgreicher Integrationen.")
    add(
        "joboffensive",
        Kind.MILESTONE,
        "Evaluation der Joboffensive",
        c,
        "Zum Jahresende 2014, mit Integrationen absolut und in Prozent.",
        deadline=YEAR_END,
        responsible_party_id=JOBCENTER,
    )
    c = clause("kooperation", "Kooperationsvereinbarung", "Zwischen der Agentur für Arbeit Mettmann und dem Kreis.")
    add(
        "kooperation",
        Kind.MILESTONE,
        "Kooperationsvereinbarung nach § 44b Abs. 2 SGB II",
        c,
        "Abschluss zwischen Agentur für Arbeit und Kreis Mettmann im Jahr 2014.",
        deadline=YEAR_END,
    )
