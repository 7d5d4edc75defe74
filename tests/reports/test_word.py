"""„Als Word-Dokument speichern…“ (issue 15, point 8): the agreement and the Vorlage as .docx, read back with
python-docx — real headings in order, every table with its header row marked, the logo with an alt text, German as
the document language, title and author in the properties, and the same content as the printed document."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id, paper_id
from zv_desktop.core.reports.word import agreement_word, paper_word
from zv_desktop.core.store import Store


def _open(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def _headings(document: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_the_agreement_has_real_headings_in_order(demo: Store) -> None:
    word = agreement_word(demo, agreement_id(AGREEMENT_METTMANN_2014))
    document = _open(word.content)
    headings = _headings(document)
    assert headings[0] == ("Title", "Zielvereinbarung 2014")
    assert ("Heading 1", "Präambel") in headings and ("Heading 1", "Unterschriften") == headings[-1]
    assert ("Heading 1", "I Geschäftspolitische Ziele SGB II") in headings
    assert ("Heading 2", "Verbesserung der Integration in Erwerbstätigkeit (Kennzahlziel)") in headings
    levels = [int(style[-1]) for style, _ in headings[1:]]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))  # no level skipped going down
    assert document.core_properties.title == word.title and document.core_properties.author == "Kreis Mettmann"
    assert document.core_properties.language == "de-DE"
    language = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert language.get(qn("w:val")) == "de-DE"


def test_every_table_has_a_marked_header_row(demo: Store) -> None:
    for content in (
        agreement_word(demo, agreement_id(AGREEMENT_METTMANN_2014)).content,
        paper_word(demo, paper_id("50/003/2022")).content,
    ):
        document = _open(content)
        assert document.tables
        for table in document.tables:
            header = table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader"))
            assert header is not None and header.get(qn("w:val")) == "true"
            assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_the_logo_has_an_alt_text(demo: Store) -> None:
    document = _open(paper_word(demo, paper_id("50/003/2022")).content)
    [picture] = document.inline_shapes
    described = picture._inline.find(qn("wp:docPr"))
    assert described.get("descr") == "Wappen bzw. Logo: Kreis Mettmann"


def test_the_vorlage_carries_what_the_print_carries(demo: Store) -> None:
    document = _open(paper_word(demo, paper_id("026/2012")).content)
    text = "\n".join(p.text for p in document.paragraphs).strip()  # the logo's paragraph has no text
    assert text.startswith("Stadt Kamen\nDer Bürgermeister\nRathausplatz 1\n59174 Kamen\nVorlage Nr. 026/2012")
    assert [h for _, h in _headings(document)] == [
        "Vorlage Nr. 026/2012",
        "Beratungsfolge",
        "Bezeichnung des TOP",  # the town's form (seed 003)
        "Beschlussvorschlag",
        "Sachverhalt und Begründung (einschl. finanzielle Möglichkeit der Verwirklichung)",
    ]
    consultations = document.tables[1]
    header = [c.text for c in consultations.rows[0].cells]
    assert header == ["TOP-Nr.", "Beratungsfolge", "Termin", "Art der Entscheidung"]
    assert [r.cells[1].text for r in consultations.rows[1:]] == [
        "Jugendhilfeausschuss",
        "Haupt- und Finanzausschuss",
        "Rat der Stadt Kamen",
    ]
    assert "Beteiligung am Modellvorhaben" in text


def test_a_draft_says_so(demo: Store) -> None:
    document = _open(agreement_word(demo, agreement_id(AGREEMENT_KAMEN_2002)).content)
    assert any(p.text.startswith("ENTWURF") for p in document.paragraphs)
