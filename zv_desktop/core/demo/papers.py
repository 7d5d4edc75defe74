"""Demo council papers (Vorlagen) 50/015/2012, 026/2012 and 50/003/2022 with Beratungsfolge and placeholder Anlagen."""

from __future__ import annotations

import dataclasses
from datetime import date

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.paper_texts import (
    FACTS_026_2012,
    FACTS_50_015_2012,
    OCCASION_50_003_2022,
    OCCASION_50_015_2012,
)
from zv_desktop.core.reports.note_pdf import note_pdf
from zv_desktop.core.services import papers as svc
from zv_desktop.core.store import Store

NEIN = model.Impact.NEIN
PLACEHOLDER = "Demo-Platzhalter – das Originaldokument ist nicht enthalten"
TAKE_NOTE = "Die Ausführungen der Verwaltung werden zur Kenntnis genommen."


@dataclasses.dataclass(frozen=True)
class DemoPaper:
    """A Vorlage with its Beratungsfolge (committee, date, kind of decision) and the names of its Anlagen."""

    paper: model.Paper
    consultations: tuple[tuple[str, date | None, str], ...]
    attachments: tuple[str, ...] = ()


def demo_papers() -> tuple[DemoPaper, ...]:
    """The three Vorlagen of the seeds; the text parts are condensed in our own words."""
    # Seeds 002 and 004 print the impact boxes but not which one is ticked; for these
    # Kenntnisnahme papers the demo answers "nein" and leaves boxes the paper lacks empty.
    p2012 = model.Paper(
        number="50/015/2012",
        issuer_id=ids.PARTY_KREIS_METTMANN,
        title=(
            "Zielsteuerung 2012 in der Grundsicherung für Arbeitsuchende – Abschluss einer Zielvereinbarung "
            "zwischen dem MAIS NRW und dem Kreis Mettmann als kommunaler Träger des Jobcenters für das Jahr 2012"
        ),
        paper_type=model.PaperType.KENNTNISNAHME,
        department="Sozialamt",
        clerk="Frau Ulrike Gansauer",
        paper_date=date(2012, 4, 19),
        file_ref="50-1",
        impact_financial=NEIN,
        impact_personnel=NEIN,
        impact_organisational=NEIN,
        decision_proposal=TAKE_NOTE,
        occasion=OCCASION_50_015_2012,
        facts=FACTS_50_015_2012,
        agreement_id=ids.agreement_id(ids.AGREEMENT_METTMANN_2012),
        body="Der Landrat",
        signing_capacity="In Vertretung",
        released=True,
    )
    p_kamen = model.Paper(
        number="026/2012",
        issuer_id=ids.PARTY_STADT_KAMEN,
        title=(
            "Beteiligung am Modellvorhaben der Landesregierung NRW „Kommunale Präventionsketten – "
            "Kein Kind zurück lassen, Kommunen beugen vor“"
        ),
        paper_type=model.PaperType.BESCHLUSS,
        body="Der Bürgermeister",
        department="Jugend, Schule und Sport",
        paper_date=date(2012, 3, 19),
        decision_proposal=(
            "Der Rat der Stadt Kamen billigt, dass die Stadt am Modellprojekt „Kommunale Präventionsketten“ "
            "teilnimmt, das das Land NRW zusammen mit der Bertelsmann Stiftung durchführt."
        ),
        facts=FACTS_026_2012,
        released=True,
    )
    p2022 = model.Paper(
        number="50/003/2022",
        issuer_id=ids.PARTY_KREIS_METTMANN,
        title="Sachstandsbericht des Sozialamtes",
        paper_type=model.PaperType.KENNTNISNAHME,
        department="Sozialamt",
        clerk="Martin Klemmer",
        paper_date=date(2022, 1, 13),
        file_ref="50",
        impact_financial=NEIN,
        impact_personnel=NEIN,
        impact_organisational=NEIN,
        impact_kpi=NEIN,
        impact_climate=NEIN,
        decision_proposal=TAKE_NOTE,
        occasion=OCCASION_50_003_2022,
        agreement_id=ids.agreement_id(ids.AGREEMENT_METTMANN_2022),
        body="Der Landrat",
        signing_capacity="In Vertretung",
        released=True,
    )
    return (
        DemoPaper(
            p2012,
            (("Sozialausschuss", date(2012, 5, 21), "Kenntnisnahme"),),
            (
                "Zielvereinbarung MAIS – Kreis Mettmann 2012",
                "Anlage zur Zielvereinbarung",
                "Anschreiben des Landrates vom 04.03.2012 an das MAIS",
                "Schreiben des MAIS NRW vom 29.03.2012",
                "Schreiben der Liga der Wohlfahrtsverbände vom 23.01.2012",
            ),
        ),
        DemoPaper(
            p_kamen,
            (
                ("Jugendhilfeausschuss", None, "Vorberatung"),
                ("Haupt- und Finanzausschuss", None, "Vorberatung"),
                ("Rat der Stadt Kamen", None, "Entscheidung"),
            ),
        ),
        DemoPaper(
            p2022,
            (("Sozialausschuss", date(2022, 2, 17), "Kenntnisnahme"),),
            ("Anlage 1: Kommunale Ziele 2022", "Anlage 2: Lokales Planungsdokument"),
        ),
    )


def placeholder_pdf(paper_number: str, name: str) -> bytes:
    """A one-page PDF standing in for an Anlage; the same input always gives the same bytes."""
    return note_pdf(
        title=f"{name} (Vorlage {paper_number})",
        author="ZV Desktop – Demo",
        heading=PLACEHOLDER,
        lines=[f"Vorlage Nr. {paper_number}", name if name.startswith("Anlage") else f"Anlage: {name}"],
    )


def build_papers(store: Store) -> tuple[int, int]:
    """Save the demo Vorlagen with Beratungsfolge and Anlagen; returns (papers, attachments)."""
    attachments = 0
    for demo in demo_papers():
        paper = dataclasses.replace(demo.paper, id=ids.paper_id(demo.paper.number))
        svc.save_paper(store, store.adopt_version(paper))
        for position, (committee, meeting, role) in enumerate(demo.consultations, start=1):
            key = f"paper/{paper.number}/consultation/{position}"
            step = model.Consultation(paper.id, committee, meeting, role, position, id=ids.demo_id(key))
            svc.save_consultation(store, store.adopt_version(step))
        for position, name in enumerate(demo.attachments, start=1):
            attachment = svc.make_attachment(paper.id, name, placeholder_pdf(paper.number, name), position)
            # The names carry no file extension, so make_attachment cannot tell the type.
            attachment.mime_type = "application/pdf"
            attachment.id = ids.demo_id(f"paper/{paper.number}/attachment/{position}")
            svc.save_attachment(store, store.adopt_version(attachment))
            attachments += 1
    return len(demo_papers()), attachments
