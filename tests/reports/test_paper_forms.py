"""The forms of the seeds: a town's Ratsvorlage (Kamen 2012) and a Kreis's Sitzungsvorlage (Mettmann 2012/2022),
numbered sub-chapters, the signature block and „ENTWURF“ on a paper not yet released, read back from the PDF and
the Word document."""

from __future__ import annotations

import dataclasses
import io
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.reports.pdf_reading import flat, page_texts, reader
from zv_desktop.core import model
from zv_desktop.core.demo.ids import PARTY_KREIS_METTMANN, paper_id
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.paper_forms import chapters, deciding_body
from zv_desktop.core.reports.paper_report import paper_document
from zv_desktop.core.reports.word import paper_word
from zv_desktop.core.services import catalogue
from zv_desktop.core.services import papers as svc
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.migrations import apply_migrations

FIXTURES = Path(__file__).parents[1] / "fixtures"
KAMEN, METTMANN_2012, METTMANN_2022 = "026/2012", "50/015/2012", "50/003/2022"


def _pdf(store: Store, number: str) -> bytes:
    return finish(paper_document(store, paper_id(number))).content


def _own_pages(store: Store, number: str) -> list[str]:
    """The pages of the paper itself, without its appended Anlagen."""
    return [page for page in page_texts(_pdf(store, number)) if "Demo-Platzhalter" not in page]


def test_a_kamen_paper_prints_the_town_form_of_2012(demo: Store) -> None:
    text = flat(_pdf(demo, KAMEN))
    expected_order = [
        "Stadt Kamen",
        "Fachbereich Jugend, Schule und Sport",
        "Vorlage Nr. 026/2012 vom: 19.03.2012",
        "Beschlussvorlage öffentlich Rat der Stadt Kamen",
        "TOP-Nr. Beratungsfolge Termin Art der Entscheidung",
        "Bezeichnung des TOP Beteiligung am Modellvorhaben",
        "Beschlussvorschlag:",
        "Sachverhalt und Begründung (einschl. finanzielle Möglichkeit der Verwirklichung):",
    ]
    positions = [text.find(part) for part in expected_order]
    assert -1 not in positions, [p for p, at in zip(expected_order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert text.rfind("Der Bürgermeister") > positions[-1]  # the signature block after the Sachverhalt
    # none of the Kreis form of 2022: no tick boxes for the kind of paper, no impact rows the paper never asked
    for absent in ("☐ Beschluss", "Kenntnisnahme", "Klimarelevanz", "Auswirkung auf Kennzahlen", "Betreff"):
        assert absent not in text
    # undated meetings are left open, as the seed leaves them
    assert "Jugendhilfeausschuss Vorberatung Haupt- und Finanzausschuss Vorberatung" in text
    assert "ENTWURF" not in text  # the demo's papers are released


def test_a_mettmann_paper_prints_anlass_and_numbered_chapters(demo: Store) -> None:
    pdf = _pdf(demo, METTMANN_2012)
    text = flat(pdf)
    expected_order = [
        "Beschluss ☐ Wahl ☒ Kenntnisnahme",
        "Vorlagen-Nr.: 50/015/2012",
        "Betreff Zielsteuerung 2012",
        "Beschlussvorschlag:",
        "Anlass der Vorlage:",
        "Sachverhaltsdarstellung:",
        "I. Rechtliche Grundlagen",
        "II. Verfahren",
        "III. Rahmenbedingungen und Inhalte",
        "Der Landrat In Vertretung",
        "Anlagen",
    ]
    positions = [text.find(part) for part in expected_order]
    assert -1 not in positions, [p for p, at in zip(expected_order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert "Bezeichnung des TOP" not in text and "Sachverhalt und Begründung" not in text
    # the sub-chapter headings are set in bold, the text after them is not
    bold = _bold_runs(pdf)
    assert {"I. Rechtliche Grundlagen", "II. Verfahren", "III. Rahmenbedingungen und Inhalte"} <= bold
    assert not any(run.startswith("§ 48b") for run in bold)


def _bold_runs(pdf: bytes) -> set[str]:
    """The text pieces set in a bold font."""
    found: set[str] = set()

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if font is not None and "Bold" in str(font.get("/BaseFont", "")) and text.strip():
            found.add(text.strip())

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_the_signature_stays_with_the_last_paragraph(demo: Store) -> None:
    pages = _own_pages(demo, METTMANN_2022)
    [signed] = [page for page in pages if "In Vertretung" in page]
    assert "Der Landrat" in signed.split("In Vertretung")[0]
    before = signed.split("Der Landrat\nIn Vertretung")[0] if "Der Landrat\nIn Vertretung" in signed else signed
    assert "Planungsdokument (Anlage 2)" in before  # the end of the Anlass stands on the same page


def test_the_authority_chooses_the_form(demo: Store) -> None:
    assert "Bezeichnung des TOP" not in flat(_pdf(demo, METTMANN_2022))
    kreis = demo.get(model.Party, PARTY_KREIS_METTMANN)
    catalogue.save_party(demo, dataclasses.replace(kreis, paper_form=model.PaperForm.RATSVORLAGE))
    text = flat(_pdf(demo, METTMANN_2022))
    assert "Bezeichnung des TOP Sachstandsbericht des Sozialamtes" in text
    assert "Mitteilungsvorlage öffentlich Sozialausschuss" in text  # a paper to take note of, for the committee
    # the impact rows are the paper's own: a form does not drop answered questions
    assert "Klimarelevanz" in text


def test_a_paper_not_yet_released_says_entwurf_on_every_page(demo: Store) -> None:
    paper = demo.get(model.Paper, paper_id(METTMANN_2012))
    svc.save_paper(demo, dataclasses.replace(paper, released=False))
    pages = _own_pages(demo, METTMANN_2012)
    assert len(pages) >= 2
    assert all(page.count("ENTWURF") >= 2 for page in pages)  # in the header and across the page
    word = docx.Document(io.BytesIO(paper_word(demo, paper_id(METTMANN_2012)).content))
    assert word.paragraphs[0].text.startswith("ENTWURF")


def test_a_new_paper_is_a_draft_until_released(store: Store) -> None:
    paper = svc.save_paper(store, model.Paper("50/1/2027", "Neu", model.PaperType.BESCHLUSS))
    assert not paper.released
    assert "ENTWURF" in flat(finish(paper_document(store, paper.id)).content)


def test_the_word_document_follows_the_form(demo: Store) -> None:
    document = docx.Document(io.BytesIO(paper_word(demo, paper_id(METTMANN_2012)).content))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Anlass der Vorlage") in headings
    assert ("Heading 1", "Sachverhaltsdarstellung") in headings
    assert ("Heading 2", "II. Verfahren") in headings
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Der Landrat\nIn Vertretung") for t in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I. Verfahren\nText.", [("I. Verfahren", True), ("Text.", False)]),
        (
            "8.1. Trilaterale Zielvereinbarung 2022\n\nText",
            [("8.1. Trilaterale Zielvereinbarung 2022", True), ("Text", False)],
        ),
        ("1. Der Rat beschließt die Vorlage.", [("1. Der Rat beschließt die Vorlage.", False)]),
        ("2. Folgendes:\n- a", [("2. Folgendes:\n- a", False)]),
        ("Ein Absatz.\n\n\nNoch einer.", [("Ein Absatz.", False), ("Noch einer.", False)]),
        ("   ", []),
    ],
)
def test_numbered_sub_chapters_are_told_from_sentences(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(b.text, b.heading) for b in chapters(text)] == expected


def test_the_deciding_committee_is_the_one_that_decides() -> None:
    steps = [
        model.Consultation("p", "Jugendhilfeausschuss", role="Vorberatung"),
        model.Consultation("p", "Rat der Stadt Kamen", role="Entscheidung"),
        model.Consultation("p", "Bezirksvertretung", role="Anhörung"),
    ]
    assert deciding_body(steps) == "Rat der Stadt Kamen"
    assert deciding_body(steps[:1]) == "Jugendhilfeausschuss"  # else the last one
    assert deciding_body([]) == ""


def test_version_8_files_keep_their_papers_released_and_towns_get_their_form(tmp_path: Path) -> None:
    path = tmp_path / "v8.sqlite"
    shutil.copy(FIXTURES / "schema_v8.sqlite", path)
    conn = sqlite3.connect(path)
    stamp = "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '11111111-1111-4111-8111-111111111111', 'fixture'"
    with conn:
        conn.execute(
            "INSERT INTO parties (id, name, role, created_at, modified_at, site_id, modified_by) "
            f"VALUES ('b1000000-0000-4000-8000-000000000002', 'Stadt Fixture', 'STADT', {stamp})"
        )
        conn.execute(
            "INSERT INTO papers (id, number, paper_type, title, created_at, modified_at, site_id, modified_by) "
            f"VALUES ('d1000000-0000-4000-8000-000000000001', '1/2020', 'beschluss', 'Alt', {stamp})"
        )
    conn.close()
    store = open_store(path)
    try:
        [paper] = store.find(model.Paper)
        assert paper.released and paper.occasion == ""
        forms = {p.name: p.paper_form for p in store.find(model.Party)}
        assert forms == {"Kreis Fixture": model.PaperForm.SITZUNGSVORLAGE, "Stadt Fixture": model.PaperForm.RATSVORLAGE}
    finally:
        store.close()


def test_the_occasion_is_found_by_the_search(store: Store) -> None:
    from zv_desktop.core.services.search import search

    svc.save_paper(store, model.Paper("1/2027", "Titel", model.PaperType.BESCHLUSS, occasion="Präventionskette"))
    assert [hit.title for hit in search(store, "Präventionskette")] == ["1/2027 Titel"]


def test_an_unknown_form_is_refused_by_the_file(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite")
    apply_migrations(conn, 0)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO parties (id, name, role, paper_form, created_at, modified_at, site_id, modified_by) "
            "VALUES ('x', 'X', 'STADT', 'brief', '', '', '', '')"
        )
    conn.close()
