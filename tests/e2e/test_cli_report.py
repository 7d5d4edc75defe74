"""`zv report …` end to end: each document as a PDF file, and refused output paths."""

from __future__ import annotations

from pathlib import Path

from tests.reports.pdf_reading import flat, page_texts, reader
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2014,
    agreement_id,
    paper_id,
)


def test_agreement_report_writes_the_pdf(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "zv-2014.pdf"
    result = run_zv("--db", demo_file, "report", "agreement", agreement_id(AGREEMENT_METTMANN_2014)[:8], "-o", target)
    assert result.code == 0, result.err
    pages = len(page_texts(target))
    assert result.out.strip() == f"{target}: {pages} Seiten geschrieben."
    assert "17.283 Personen" in flat(target)


def test_comparison_report_writes_the_pdf(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "vergleich.pdf"
    ids = [agreement_id(AGREEMENT_KAMEN_2002)[:8], agreement_id(AGREEMENT_KAMEN_2001)[:8]]
    result = run_zv("--db", demo_file, "report", "comparison", *ids, "-o", target)
    assert result.code == 0, result.err
    assert "50.000,00 €" in flat(target)


def test_refused_outputs_write_nothing(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    agreement = agreement_id(AGREEMENT_METTMANN_2014)
    result = run_zv("--db", demo_file, "report", "agreement", agreement, "-o", tmp_path / "zv.txt")
    assert result.code == 2 and "muss auf .pdf (oder .docx) enden" in result.err
    result = run_zv("--db", demo_file, "report", "achievement", "--year", "2014", "-o", tmp_path / "z.docx")
    assert result.code == 2 and "Als Word-Dokument (.docx) gibt es die Zielvereinbarung und die Vorlage" in result.err
    result = run_zv("--db", demo_file, "report", "agreement", agreement, "-o", tmp_path / "fehlt" / "zv.pdf")
    assert result.code == 2 and "gibt es nicht" in result.err
    result = run_zv("--db", demo_file, "report", "comparison", agreement, agreement, "-o", tmp_path / "v.pdf")
    assert result.code == 2 and "mindestens zwei" in result.err
    result = run_zv("--db", demo_file, "report", "agreement", "ffffffff", "-o", tmp_path / "zv.pdf")
    assert result.code == 2
    assert list(tmp_path.iterdir()) == []


def test_agreement_and_paper_as_word(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    target = tmp_path / "vorlage.docx"
    result = run_zv("--db", demo_file, "report", "paper", paper_id("026/2012"), "-o", target)
    assert result.code == 0 and result.out.strip() == f"{target}: Word-Dokument geschrieben."
    assert docx.Document(str(target)).core_properties.author == "Stadt Kamen"


def test_paper_report_appends_its_pdf_anlagen(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "vorlage.pdf"
    result = run_zv("--db", demo_file, "report", "paper", paper_id("50/003/2022"), "-o", target)
    assert result.code == 0, result.err
    pages = page_texts(target)
    assert result.out.strip() == f"{target}: {len(pages)} Seiten geschrieben."
    assert "Sozialausschuss" in pages[0] and "Anlage 2: Lokales Planungsdokument" in pages[-1]
    # each appended page says what it is, so a loose page finds its place
    assert "Anlage 2: Lokales Planungsdokument zur Vorlage 50/003/2022 · Seite 1 von 1" in pages[-1]
    assert reader(target).trailer["/Root"]["/PageMode"] == "/UseOutlines"  # opens with the bookmarks


def test_achievement_report_for_a_month(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "bericht.pdf"
    result = run_zv("--db", demo_file, "report", "achievement", "--year", "2014", "--month", "6", "-o", target)
    assert result.code == 0, result.err
    assert "Berichtsmonat Juni 2014" in flat(target)
    result = run_zv("--db", demo_file, "report", "achievement", "--year", "1999", "-o", tmp_path / "leer.pdf")
    assert result.code == 2 and "1999" in result.err
    assert not (tmp_path / "leer.pdf").exists()
