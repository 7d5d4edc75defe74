"""The issuing authority and its letterhead (issue 15, point 1), read back from the PDFs: a Vorlage names the authority
that issues it (not the data file's office), with department, address and logo; agreements carry issuer and
Aktenzeichen; a consultation its TOP number; a bad logo is refused in German; the audit log keeps a logo's checksum."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from PIL import Image

from tests.reports.pdf_reading import flat, page_texts, reader
from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id, paper_id
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.reports.agreement_report import agreement_document
from zv_desktop.core.reports.output import finish
from zv_desktop.core.reports.paper_report import paper_document
from zv_desktop.core.services import catalogue
from zv_desktop.core.services import papers as svc
from zv_desktop.core.services.agreements import save_agreement
from zv_desktop.core.store import Store


def _png(size: tuple[int, int] = (60, 80), alpha: bool = True) -> bytes:
    image = Image.new("RGBA" if alpha else "RGB", size, (200, 30, 40, 128) if alpha else (200, 30, 40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_vorlage_names_the_authority_that_issues_it(demo: Store) -> None:
    finished = finish(paper_document(demo, paper_id("026/2012")))
    first = page_texts(finished.content)[0]
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    assert lines[0] == "Stadt Kamen" and lines[1] == "Der Bürgermeister"
    assert "Rathausplatz 1" in first and "59174 Kamen" in first
    assert demo.site_name not in flat(finished.content)  # the data file's office is not the issuer
    assert reader(finished.content).metadata.author == "Stadt Kamen"  # type: ignore[union-attr]
    assert first.count("Der Bürgermeister") == 1


def test_the_logo_is_printed_opaque(demo: Store) -> None:
    pdf = reader(finish(paper_document(demo, paper_id("50/003/2022"))).content)
    images = [x.get_object() for x in pdf.pages[0]["/Resources"]["/XObject"].values()]
    [logo] = [x for x in images if x["/Subtype"] == "/Image"]
    assert "/SMask" not in logo and logo["/ColorSpace"] == "/DeviceRGB"  # flattened: no transparency for PDF/A
    assert "Kreis Mettmann" in pdf.pages[0].extract_text().splitlines()[0]


def test_a_vorlage_without_issuer_prints_the_office(store: Store) -> None:
    paper = svc.save_paper(store, model.Paper("50/001/2026", "Test", model.PaperType.BESCHLUSS, body="Der Landrat"))
    first = page_texts(finish(paper_document(store, paper.id)).content)[0]
    assert "Kreis Testland" in first and "Der Landrat" in first


def test_an_agreement_carries_its_issuer_and_aktenzeichen(demo: Store) -> None:
    agreement = demo.get(model.Agreement, agreement_id(AGREEMENT_METTMANN_2014))
    agreement.file_ref = "50.1-ZV-2014"  # signed: the filing may still change
    save_agreement(demo, agreement)
    content = finish(agreement_document(demo, agreement.id)).content
    first = page_texts(content)[0]
    assert first.splitlines()[0].strip() == "Kreis Mettmann" and "Der Landrat · Sozialamt" in first
    assert "Az.: 50.1-ZV-2014" in first


def test_a_signed_agreement_keeps_its_content(demo: Store) -> None:
    agreement = demo.get(model.Agreement, agreement_id(AGREEMENT_METTMANN_2014))
    agreement.preamble = "Geändert."
    with pytest.raises(ValidationError):
        save_agreement(demo, agreement)


def test_the_top_number_gets_a_column_in_a_sitzungsvorlage_when_there_is_one(demo: Store) -> None:
    document_before = flat(finish(paper_document(demo, paper_id("50/003/2022"))).content)
    assert "TOP-Nr." not in document_before
    [step] = demo.find(model.Consultation, "paper_id = ?", (paper_id("50/003/2022"),))
    step.agenda_item = "8.1"
    svc.save_consultation(demo, step)
    text = flat(finish(paper_document(demo, paper_id("50/003/2022"))).content)
    assert "Gremium Termin TOP-Nr. Art der Entscheidung" in text
    assert "Sozialausschuss 17.02.2022 8.1 Kenntnisnahme" in text


def test_a_ratsvorlage_prints_the_top_number_first_even_before_it_is_known(demo: Store) -> None:
    document_before = flat(finish(paper_document(demo, paper_id("026/2012"))).content)
    assert "TOP-Nr. Beratungsfolge Termin Art der Entscheidung Jugendhilfeausschuss Vorberatung" in document_before
    [step] = [c for c in demo.find(model.Consultation, "paper_id = ?", (paper_id("026/2012"),)) if "Rat" in c.committee]
    step.agenda_item, step.meeting_date = "7.2", date(2012, 3, 29)
    svc.save_consultation(demo, step)
    text = flat(finish(paper_document(demo, paper_id("026/2012"))).content)
    assert "7.2 Rat der Stadt Kamen 29.03.2012 Entscheidung" in text


@pytest.mark.parametrize(
    ("logo", "logo_type", "message"),
    [
        (b"GIF89a...", "image/gif", "muss eine PNG-Datei sein"),
        (_png()[:60], "image/png", "keine lesbare PNG-Datei"),
        (None, "image/png", "kein Logo gespeichert"),
        (_png() + b"\0" * (2 * 1024 * 1024), "image/png", "höchstens 2 MB"),
    ],
)
def test_a_bad_logo_is_refused_in_german(store: Store, logo: bytes | None, logo_type: str, message: str) -> None:
    party = model.Party("Kreis Testland", model.PartyRole.KREIS, logo=logo, logo_type=logo_type)
    with pytest.raises(ValidationError, match="Wappen/Logo|Art des Logos") as refused:
        catalogue.save_party(store, party)
    assert message in str(refused.value)
    assert store.find(model.Party) == []


def test_the_audit_log_keeps_a_logos_size_and_checksum(store: Store) -> None:
    logo = _png(alpha=False)
    party = catalogue.save_party(
        store, model.Party("Stadt Muster", model.PartyRole.STADT, logo=logo, logo_type="image/png")
    )
    [row] = store.query("SELECT changes FROM audit_log WHERE row_id = ? AND action = 'insert'", (party.id,))
    logged = json.loads(row["changes"])["logo"][1]
    assert logged.startswith(f"{len(logo)} Bytes, SHA-256 ")
    assert store.get(model.Party, party.id).logo == logo


def test_the_demo_issuers(demo: Store) -> None:
    assert demo.get(model.Paper, paper_id("026/2012")).issuer_id == ids.PARTY_STADT_KAMEN
    assert demo.get(model.Party, ids.PARTY_KREIS_METTMANN).letter_address.startswith("Düsseldorfer Straße")
