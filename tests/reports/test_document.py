"""The page frame every printed document shares: header, "Seite X von Y", metadata, fonts, escaping, writing."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph

from tests.reports.pdf_reading import flat, font_files, page_texts, reader
from zv_desktop.core.errors import ZvError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.reports.document import LANDSCAPE, Appendix, Document
from zv_desktop.core.reports.markup import para, paragraphs
from zv_desktop.core.reports.output import finish, save_pdf, write_atomically
from zv_desktop.core.reports.styles import make_styles

MARKUP = "<b>Test</b> & </para><font size=40>"


def _document(story_text: str = "Inhalt", **kw: object) -> Document:
    styles = make_styles()
    story = [para("Überschrift § 48b – „Zitat“ 1.234,50 € ☐ ☒ ß", styles.title), *paragraphs(story_text, styles.body)]
    return Document("Zielvereinbarung 2014", "Kreis Testland", "Prüfung", story, printed=date(2026, 3, 5), **kw)  # type: ignore[arg-type]


def test_every_page_has_header_footer_and_page_x_of_y() -> None:
    pdf = finish(_document(" ".join(["Wort"] * 5000))).content
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "Zielvereinbarung 2014" in page and "Kreis Testland" in page
        assert f"Seite {number} von {len(pages)}" in page
        assert "Gedruckt am 05.03.2026" in page


def test_metadata_language_and_no_encryption() -> None:
    pdf = reader(finish(_document()).content)
    meta = pdf.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == ("Zielvereinbarung 2014", "Kreis Testland", "Prüfung")
    assert pdf.trailer["/Root"]["/Lang"] == "de-DE"
    assert not pdf.is_encrypted


def test_fonts_are_embedded_and_special_characters_survive() -> None:
    pdf = finish(_document()).content
    fonts = font_files(pdf)
    assert fonts and all(fonts.values()), fonts
    assert "§ 48b – „Zitat“ 1.234,50 € ☐ ☒ ß" in flat(pdf)


def test_user_markup_prints_literally() -> None:
    styles = make_styles()
    story = [para(MARKUP, styles.title), *paragraphs(f"Absatz mit {MARKUP}\n\nund <para> & mehr", styles.body)]
    pdf = finish(Document("T", "Amt", "S", story)).content
    text = flat(pdf)
    assert MARKUP in text and "und <para> & mehr" in text


def test_landscape_pages_are_wider_than_high() -> None:
    styles = make_styles()
    story = [Paragraph("hoch", styles.body), NextPageTemplate(LANDSCAPE), PageBreak(), Paragraph("quer", styles.body)]
    pdf = reader(finish(Document("T", "Amt", "S", story)).content)
    first, second = (page.mediabox for page in pdf.pages)
    assert first.height > first.width and second.width > second.height
    assert "Seite 2 von 2" in (pdf.pages[1].extract_text() or "")


def test_a_very_long_title_is_cut_in_the_header_quickly() -> None:
    styles = make_styles()
    title = " ".join(["Sehr langer Titel"] * 2000)
    pages = page_texts(finish(Document(title, "Amt", "S", [para("Text", styles.body)])).content)
    header = pages[0].splitlines()
    assert any(line.startswith("Sehr langer Titel") and line.endswith("…") for line in header)


def test_cancelling_stops_the_layout() -> None:
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        finish(_document(" ".join(["Wort"] * 3000)), progress)


def test_appendices_follow_and_a_broken_one_becomes_a_notice(tmp_path: Path) -> None:
    attached = finish(_document("Anlageninhalt")).content
    document = _document(appendices=[Appendix("Anlage 1", attached), Appendix("Anlage 2: Kaputt", b"%PDF-1.4 kaputt")])
    finished = finish(document)
    pages = [" ".join(page.split()) for page in page_texts(finished.content)]
    assert finished.pages == len(pages) == 3
    assert "Anlageninhalt" in pages[1]
    assert "Anlage 2: Kaputt" in pages[2] and "beschädigt oder keine PDF-Datei" in pages[2]
    assert "Anlage: Anlage" not in pages[2]  # a name that says "Anlage" is not prefixed again
    assert "Seite" not in pages[2]  # Anlagen are not counted in the Vorlage's own pages
    assert finished.warnings == [
        "Die Anlage „Anlage 2: Kaputt“ ist beschädigt oder keine PDF-Datei und wurde nicht angehängt."
    ]
    outline = [item.title for item in reader(finished.content).outline]  # type: ignore[union-attr]
    assert outline == ["Zielvereinbarung 2014", "Anlage 1", "Anlage 2: Kaputt"]


def test_saving_replaces_the_file_whole_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "bericht.pdf"
    target.write_bytes(b"alter Inhalt")
    finished = save_pdf(_document(), target)
    assert target.read_bytes() == finished.content
    assert sorted(os.listdir(tmp_path)) == ["bericht.pdf"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bericht.pdf"
    target.write_bytes(b"alter Inhalt")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ZvError, match="keine Berechtigung.*in einem anderen Programm geöffnet"):
        write_atomically(b"neu", target)
    assert target.read_bytes() == b"alter Inhalt"
    assert sorted(os.listdir(tmp_path)) == ["bericht.pdf"]


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ZvError, match="Den Ordner .*fehlt.*gibt es nicht"):
        write_atomically(b"x", tmp_path / "fehlt" / "bericht.pdf")


def test_numbers_keep_their_unit_and_paragraph_sign_its_number() -> None:
    from zv_desktop.core.reports.markup import esc

    assert esc("um 5 % wachsen nach § 16a SGB II, Abs. 2; 5.000,00 € und 405,93 VZA") == (
        "um 5\u00a0% wachsen nach §\u00a016a SGB II, Abs.\u00a02; 5.000,00\u00a0€ und 405,93\u00a0VZA"
    )
    assert esc("5 %ig und 3 Euro") == "5 %ig und 3 Euro"  # only whole units are joined
    narrow = make_styles().body
    lines = Paragraph(esc("Text " * 11 + "80 %"), narrow).breakLines([60.0]).lines  # type: ignore[attr-defined]
    assert all(not (words and words[-1] == "80") for _, words in lines)
