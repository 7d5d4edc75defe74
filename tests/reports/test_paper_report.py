"""The printed Sitzungsvorlage: head, Beratungsfolge, impact boxes, texts, Anlagen appended or listed."""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.reports.pdf_reading import flat, font_files, page_texts, reader
from zv_desktop.core import model
from zv_desktop.core.demo.ids import paper_id
from zv_desktop.core.reports.document import render
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.paper_report import paper_document
from zv_desktop.core.services import papers as svc
from zv_desktop.core.store import Store

HOSTILE = "<b>Test</b> & </para><font size=40>"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _pdf(line: str) -> bytes:
    """A one-page PDF saying ``line``."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 700, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _paper(store: Store, **fields: object) -> model.Paper:
    values: dict[str, object] = {
        "number": "50/099/2024",
        "title": "Testvorlage",
        "paper_type": model.PaperType.BESCHLUSS,
        "department": "Sozialamt",
        "clerk": "Frau Muster",
        "paper_date": date(2024, 3, 5),
        "file_ref": "50-2",
        "decision_proposal": "Der Ausschuss beschließt.",
        "facts": "Es gibt einen Sachverhalt.",
    }
    values.update(fields)
    return svc.save_paper(store, model.Paper(**values))  # type: ignore[arg-type]


def test_demo_paper_lists_consultation_and_anlagen_and_appends_them(demo: Store) -> None:
    document = paper_document(demo, paper_id("50/003/2022"))
    own = render(paper_document(demo, paper_id("50/003/2022"))).pages  # a document's flowables are laid out once
    finished = finish(document)
    assert document.title == "Vorlage 50/003/2022 – Sachstandsbericht des Sozialamtes"
    assert document.office == "Kreis Mettmann"  # the issuing authority, not the data file's office
    assert [a.name for a in document.appendices] == [
        "Anlage 1: Kommunale Ziele 2022",
        "Anlage 2: Lokales Planungsdokument",
    ]
    assert finished.pages == own + 2
    assert finished.warnings == []
    pages = page_texts(finished.content)
    own_text = " ".join(" ".join(pages[:own]).split())
    for expected in ("Sozialausschuss", "17.02.2022", "Kenntnisnahme", "Gremium", "Termin", "Art der Entscheidung"):
        assert expected in own_text
    assert "Anlage 1: Kommunale Ziele 2022" in own_text
    assert "Anlage 2: Lokales Planungsdokument" in own_text
    assert "13.01.2022" in own_text and "Martin Klemmer" in own_text and "öffentlich" in own_text
    assert "☒ Kenntnisnahme" in own_text and "☐ Beschluss" in own_text
    appended = pages[own:]
    assert all("Vorlage Nr. 50/003/2022" in page for page in appended)
    assert "Vorlage Nr. 50/003/2022" not in own_text
    outline = [item.title for item in reader(finished.content).outline]
    assert "Anlage 1: Kommunale Ziele 2022" in outline


def test_paper_without_consultation_says_so(store: Store) -> None:
    paper = _paper(store)
    finished = finish(paper_document(store, paper.id))
    text = flat(finished.content)
    assert "keine Beratungsfolge eingetragen" in text
    assert "Gremium" not in text


def test_impact_boxes_tick_the_chosen_answer(store: Store) -> None:
    paper = _paper(
        store,
        impact_financial=model.Impact.NEIN,
        impact_personnel=model.Impact.JA,
        impact_organisational=model.Impact.OFFEN,
        impact_kpi=None,
        impact_climate=model.Impact.JA,
    )
    text = flat(finish(paper_document(store, paper.id)).content)
    rest = "noch nicht zu übersehen"
    assert f"Finanzielle Auswirkung ☐ ja ☒ nein ☐ {rest}" in text
    assert f"Personelle Auswirkung ☒ ja ☐ nein ☐ {rest}" in text
    assert f"Organisatorische Auswirkung ☐ ja ☐ nein ☒ {rest}" in text
    assert "Auswirkung auf Kennzahlen" not in text  # not asked: no row of empty boxes
    assert f"Klimarelevanz ☒ ja ☐ nein ☐ {rest}" in text
    assert "nichtöffentlich" not in text and "☒ Beschluss" in text


def test_a_paper_that_asks_no_impact_prints_none_and_open_meetings_stay_blank(store: Store) -> None:
    paper = _paper(store)
    svc.save_consultation(store, model.Consultation(paper.id, "Rat", position=1))
    text = flat(finish(paper_document(store, paper.id)).content)
    assert "Auswirkung" not in text and "Klimarelevanz" not in text and "☐ ja" not in text
    assert "Gremium Termin Art der Entscheidung Rat" in text and "Rat –" not in text


def test_broken_pdf_anlage_gets_notice_page_and_warning(store: Store) -> None:
    paper = _paper(store, public=False)
    svc.add_attachment(store, svc.make_attachment(paper.id, "Gutachten.pdf", _pdf("Gutachten Seite eins")))
    broken = svc.make_attachment(paper.id, "Kaputt.pdf", b"%PDF-1.4\nnothing else here", mime_type="application/pdf")
    svc.add_attachment(store, broken)
    document = paper_document(store, paper.id)
    own = render(document).pages
    finished = finish(document)
    assert finished.pages == own + 2
    pages = page_texts(finished.content)
    assert "Gutachten Seite eins" in pages[own]
    assert "Kaputt.pdf" in pages[own + 1]
    assert any("Kaputt.pdf" in warning for warning in finished.warnings)
    assert "nichtöffentlich" in flat(finished.content)


def test_non_pdf_anlage_is_listed_with_warning_not_appended(store: Store) -> None:
    paper = _paper(store)
    svc.add_attachment(store, svc.make_attachment(paper.id, "Tabelle.docx", b"PK\x03\x04 not really", mime_type=DOCX))
    svc.add_attachment(store, svc.make_attachment(paper.id, "Plan.pdf", _pdf("Plan Inhalt")))
    document = paper_document(store, paper.id)
    own = render(document).pages
    finished = finish(document)
    assert [a.name for a in document.appendices] == ["Plan.pdf"]
    assert finished.pages == own + 1
    own_text = " ".join(" ".join(page_texts(finished.content)[:own]).split())
    assert "Anlage 1: Tabelle.docx" in own_text and "Anlage 2: Plan.pdf" in own_text
    assert "keine PDF-Datei (.docx-Datei)" in own_text
    assert len(finished.warnings) == 2 and "„Tabelle.docx“" in finished.warnings[0]
    assert "„Plan.pdf“ ist kein PDF/A" in finished.warnings[1]  # a PDF made elsewhere: the handout is no PDF/A


def test_markup_in_user_text_prints_literally(store: Store) -> None:
    paper = _paper(
        store, title=HOSTILE, decision_proposal=HOSTILE, facts=f"Erster Absatz {HOSTILE}\n\nZweiter", clerk=HOSTILE
    )
    svc.add_consultation(store, paper.id, HOSTILE, date(2024, 4, 1), HOSTILE)
    svc.add_attachment(store, svc.make_attachment(paper.id, f"{HOSTILE}.pdf", _pdf("x")))
    document = paper_document(store, paper.id)
    assert document.title == f"Vorlage 50/099/2024 – {HOSTILE}"
    text = flat(finish(document).content)
    assert text.count(HOSTILE) >= 5
    assert f"Erster Absatz {HOSTILE}" in text


def test_fonts_are_embedded(demo: Store) -> None:
    finished = finish(paper_document(demo, paper_id("026/2012")))
    fonts = font_files(finished.content)
    assert fonts and all(fonts.values())


def test_long_decision_proposal_paginates(store: Store) -> None:
    words = [f"Wort{i}" for i in range(5000)]
    text = "\n\n".join(" ".join(words[i : i + 100]) for i in range(0, 5000, 100))
    paper = _paper(store, decision_proposal=text)
    finished = finish(paper_document(store, paper.id))
    assert finished.pages > 2
    content = flat(finished.content)
    assert "Wort4999" in content and "Wort0 " in content
    assert "Sachverhalt" in page_texts(finished.content)[-1]


def test_overlong_head_fields_and_title_still_build(store: Store) -> None:
    big = "Sehr langer Eintrag " * 400
    paper = _paper(store, title=big, department=big, clerk=big, body=big, file_ref=big)
    svc.add_consultation(store, paper.id, big, None, big)
    document = paper_document(store, paper.id)
    assert len(document.title) < 260
    finished = finish(document)
    assert finished.pages > 5
    assert flat(finished.content).count("Sehr langer Eintrag") >= 7 * 400
