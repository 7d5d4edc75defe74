"""Anlass and Sachverhalt texts of the demo Vorlagen, condensed in our own words from seeds 002, 003 and 004.

Numbered sub-chapters („I. Verfahren“, „8.1. …“) stand on a line of their own, as in the seeds.
"""

from __future__ import annotations

OCCASION_50_015_2012 = """\
Für 2011 hatte der Kreis Mettmann bereits je eine erste Zielvereinbarung mit dem Jobcenter ME-aktiv \
und mit dem MAIS NRW geschlossen. Beide zielten auf geringere Leistungen für Unterkunft und Heizung; das ist \
2011 gelungen. Im November 2011 teilte das Ministerium die Referenzwerte und Korridore für 2012 mit, im \
Dezember 2011 begannen die Verhandlungen mit den Kreisen und kreisfreien Städten, die als kommunale Träger \
an einem Jobcenter beteiligt sind. Landrat Hendele und Dr. Schäffer haben die Vereinbarung 2012 inzwischen \
unterzeichnet."""

FACTS_50_015_2012 = """\
I. Rechtliche Grundlagen
§ 48b SGB II regelt Zielvereinbarungen als Steuerungsinstrument zwischen Bund, BA, \
Landesbehörden, kommunalen Trägern und Jobcentern. Nach § 2a AG-SGB II NRW sollen das Ministerium und die \
kommunalen Träger gemeinsamer Einrichtungen zusätzlich Ziele für die kommunalen Aufgaben nach § 6 Abs. 1 \
Nr. 2 SGB II vereinbaren; diese Aufgaben erfüllen Kreise und kreisfreie Städte als Pflichtaufgabe nach \
Weisung (§ 1 AG-SGB II NRW).

II. Verfahren
Nach Gesprächen des Ministeriums mit Kreisen und kreisfreien Städten im zweiten Halbjahr 2011 \
und einem Einzelgespräch mit dem Kreis am 16.12.2011 überarbeitete der Kreis einen ersten Entwurf des \
Ministeriums und sandte ihn am 25.01.2012 zurück, mit der Bitte, eine Stellungnahme der Liga der \
Wohlfahrtsverbände als Anlage aufzunehmen. Der Landkreistag NRW mahnte an, die Zuständigkeit der \
Trägerversammlungen zu wahren und die Vereinbarungen mit Land und Jobcenter aufeinander abzustimmen; er \
brachte trilaterale Gespräche ins Spiel. Nicht alle Vorschläge des Kreises hat das Ministerium übernommen; \
die Gründe nennt sein Schreiben vom 29.03.2012.

III. Rahmenbedingungen und Inhalte
Die Vereinbarung 2012 enthält keine Zahlenziele, sondern qualitative Leitziele und Tendenzen; \
künftige Vereinbarungen sollen darauf aufbauend ergebnisorientierte Ziele bekommen. Das Land bietet den \
Jobcentern Unterstützung zu sieben Themenschwerpunkten an, abgestimmt mit der Regionaldirektion NRW der BA \
und im Laufe des Jahres weiter auszuarbeiten. Der Kreis hat auch mit Blick auf eine engere Zusammenarbeit \
mit dem Land, etwa bei öffentlich geförderter Beschäftigung, unterzeichnet und will mit dem Jobcenter \
ME-aktiv eine ähnliche Vereinbarung für 2012 schließen."""

FACTS_026_2012 = """\
Die Stadt Kamen hat sich zusammen mit Lünen, Selm, Unna, Bergkamen und dem Kreis Unna – als \
Jugendhilfeträger für Fröndenberg, Bönen und Holzwickede – gemeinsam beworben, vorbehaltlich der Zustimmung \
der Gremien. Die Bewerbung hatte Erfolg: Unter 52 Bewerbern wurden der Kreis Unna, zwei weitere \
Kreisverbände und 15 Städte ausgewählt.

Das Vorhaben soll vorhandene Präventionsangebote von Kommunen und Land gezielter nutzen, die Zusammenarbeit \
von Kinder-, Jugend- und Familienhilfe planvoll verbessern und das Netz mit Schulen, Kitas und Ärzten \
verdichten. Entstehen sollen Präventionsketten auf Stadt- und Kreisebene für junge Menschen von der Geburt \
bis zum 21. Lebensjahr, vor allem um Benachteiligungen von Familien in schwierigen Lebenslagen abzubauen und \
die sozialräumliche Präventionsstrategie fortzuführen.

Das Projekt läuft drei Jahre. Das Land fördert den Kreis Unna mit 64.000 €; die beteiligten Kommunen setzen \
das Geld einvernehmlich für Sachkosten und eine externe Fachkraft zur Steuerung und Moderation ein. Der \
Stadt Kamen entsteht nur indirekter Aufwand durch die Mitarbeit der Jugendhilfeplanung, den der Fachbereich \
Jugend, Schule und Sport auffängt. Der Jugendhilfeausschuss wird laufend über den Stand unterrichtet."""

OCCASION_50_003_2022 = """\
8. Sachstandsbericht des Sozialamtes

8.1. Trilaterale Zielvereinbarung für das Jahr 2022
Kreis Mettmann, Agentur für Arbeit und Jobcenter ME-aktiv schließen für \
2022 die Vereinbarung in Anlage 1. Ihre kommunalen Ziele betreffen Leistungsbereiche des Kreises als \
kommunaler Träger, die gemeinsam verbessert werden sollen. Wegen der Nachwirkungen der Corona-Pandemie \
bleibt jede Prognose unsicher.

Die Kosten der Unterkunft rücken wieder in den Blick, weil die Zahl der \
Bedarfsgemeinschaften sinkt, die Kosten aber vergleichsweise hoch bleiben; Wege zur Gegensteuerung werden \
geprüft. Bei den kommunalen Eingliederungsleistungen nach § 16a SGB II werden die in der Pandemie nur \
teilweise umgesetzten Ansätze fortgeführt, mit Schwerpunkt Suchtberatung. Bei Bildung und Teilhabe sollen \
gefestigte Teams eine dauerhaft gute und schnelle Bearbeitung sichern – nach dem Leitsatz „Kein Kind bleibt \
ohne die ihm zustehende Leistung“. Für das Kommunale Integrationsmanagement, Teil der Integrationsstrategie \
2030 des Landes NRW, werden erste Meilensteine der Zusammenarbeit gesetzt, vor allem zugunsten neu \
zugewanderter Menschen.

Die Ziele werden über bestehende und neue Berichtsformate verfolgt; Kreis, BA und \
Geschäftsführung des Jobcenters besprechen regelmäßig Teilziele und Steuerungsbedarf. Weitere Ziele des \
Jobcenters für 2022 stehen im lokalen Planungsdokument (Anlage 2)."""
