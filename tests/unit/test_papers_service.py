"""Services for Vorlagen: Beratungsfolge and Anlagen in order, Anlagen from and to files, safe file names."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.demo.ids import paper_id
from zv_desktop.core.errors import DataFileError, NotFoundError, ValidationError
from zv_desktop.core.services import history, papers
from zv_desktop.core.store import Store

KAMEN = paper_id("026/2012")
METTMANN_2012 = paper_id("50/015/2012")
METTMANN_2022 = paper_id("50/003/2022")


def _committees(store: Store, pid: str) -> list[str]:
    return [c.committee for c in papers.load_paper(store, pid).consultations]


def _positions(store: Store, pid: str) -> list[int]:
    doc = papers.load_paper(store, pid)
    return [c.position for c in doc.consultations] + [a.position for a in doc.attachments]


# --- Beratungsfolge ----------------------------------------------------------------------------


def test_move_consultation_reorders_and_renumbers(demo: Store) -> None:
    council = papers.load_paper(demo, KAMEN).consultations[2]
    assert papers.move_consultation(demo, council.id, -1) == 1
    assert _committees(demo, KAMEN) == ["Jugendhilfeausschuss", "Rat der Stadt Kamen", "Haupt- und Finanzausschuss"]
    assert [c.position for c in papers.load_paper(demo, KAMEN).consultations] == [0, 1, 2]
    assert papers.move_consultation(demo, council.id, -5) == 0  # clamped at the top
    assert papers.move_consultation(demo, council.id, 9) == 2  # and at the bottom
    assert _committees(demo, KAMEN)[2] == "Rat der Stadt Kamen"


def test_move_at_the_edge_changes_nothing(demo: Store) -> None:
    first = papers.load_paper(demo, METTMANN_2022).consultations[0]
    papers.move_consultation(demo, first.id, 0)  # positions 1..n of the demo become 0..n-1
    with demo.recording("Nach oben") as action:
        assert papers.move_consultation(demo, first.id, -1) == 0
    assert action.changes == []


def test_delete_consultation_closes_the_gap_and_undo_brings_it_back(demo: Store) -> None:
    middle = papers.load_paper(demo, KAMEN).consultations[1]
    with demo.recording("Gremium entfernen") as action:
        papers.delete_consultation(demo, middle.id)
    assert _committees(demo, KAMEN) == ["Jugendhilfeausschuss", "Rat der Stadt Kamen"]
    assert [c.position for c in papers.load_paper(demo, KAMEN).consultations] == [0, 1]
    history.undo(demo, action)
    assert _committees(demo, KAMEN)[1] == "Haupt- und Finanzausschuss"
    with pytest.raises(NotFoundError):
        papers.delete_consultation(demo, "no-such-id")


def test_add_consultation_appends_and_refuses_an_empty_committee(demo: Store) -> None:
    step = papers.add_consultation(demo, METTMANN_2022, " Kreisausschuss ", date(2022, 3, 7), "Beschluss")
    doc = papers.load_paper(demo, METTMANN_2022)
    assert [c.committee for c in doc.consultations] == ["Sozialausschuss", "Kreisausschuss"]
    assert step.position == 1 and doc.consultations[1].meeting_date == date(2022, 3, 7)
    with pytest.raises(ValidationError, match="„Gremium“ darf nicht leer sein"):
        papers.add_consultation(demo, METTMANN_2022, "   ")
    assert len(papers.load_paper(demo, METTMANN_2022).consultations) == 2


def test_known_committees_come_from_all_papers(demo: Store) -> None:
    names = papers.known_committees(demo)
    assert "Sozialausschuss" in names and "Rat der Stadt Kamen" in names and names == sorted(names)


# --- Anlagen in the file -------------------------------------------------------------------------


def test_outline_lists_anlagen_without_content(demo: Store) -> None:
    outline = papers.load_paper_outline(demo, METTMANN_2012)
    doc = papers.load_paper(demo, METTMANN_2012)
    assert [a.id for a in outline.attachments] == [a.id for a in doc.attachments]
    first = outline.attachments[0]
    assert first.size == len(doc.attachments[0].content) and first.mime_type == "application/pdf"
    assert outline.consultations == doc.consultations and outline.paper == doc.paper


def test_move_and_delete_attachment(demo: Store) -> None:
    names = [a.name for a in papers.load_paper(demo, METTMANN_2022).attachments]
    second = papers.load_paper(demo, METTMANN_2022).attachments[1]
    assert papers.move_attachment(demo, second.id, -1) == 0
    assert [a.name for a in papers.load_paper(demo, METTMANN_2022).attachments] == names[::-1]
    with demo.recording("Anlage entfernen") as action:
        papers.delete_attachment(demo, second.id)
    remaining = papers.load_paper(demo, METTMANN_2022).attachments
    assert [a.name for a in remaining] == [names[0]] and remaining[0].position == 0
    history.undo(demo, action)
    restored = {a.id: a for a in papers.load_paper(demo, METTMANN_2022).attachments}[second.id]
    assert restored.content == second.content and restored.position == 0


def test_add_and_rename_attachment(demo: Store, tmp_path: Path) -> None:
    source = tmp_path / "Kommunale Ziele 2022.pdf"
    source.write_bytes(b"%PDF-1.4 Ziele")
    added = papers.add_attachment(demo, papers.attachment_from_file(METTMANN_2022, source))
    doc = papers.load_paper(demo, METTMANN_2022)
    assert doc.attachments[-1].id == added.id and [a.position for a in doc.attachments] == [0, 1, 2]
    assert added.name == "Kommunale Ziele 2022.pdf" and added.mime_type == "application/pdf"
    papers.rename_attachment(demo, added.id, " Anlage 3: Ziele ")
    assert demo.get(model.Attachment, added.id).name == "Anlage 3: Ziele"
    with pytest.raises(ValidationError, match="„Name“ darf nicht leer sein"):
        papers.rename_attachment(demo, added.id, " ")


# --- Anlagen from files --------------------------------------------------------------------------


def test_attachment_from_file_reads_content_and_type(tmp_path: Path) -> None:
    source = tmp_path / "Planung.xlsx"
    source.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    attachment = papers.attachment_from_file("p1", source)
    assert attachment.content == source.read_bytes() and attachment.size == 10244
    assert attachment.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert attachment.name == "Planung.xlsx" and attachment.paper_id == "p1"


def test_attachment_from_missing_file_or_folder(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="gibt es nicht"):
        papers.attachment_from_file("p1", tmp_path / "weg.pdf")
    with pytest.raises(DataFileError, match="ist ein Ordner"):
        papers.attachment_from_file("p1", tmp_path)


def test_attachment_from_a_too_large_or_empty_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "gross.pdf"
    source.write_bytes(b"x" * 11)
    monkeypatch.setattr(papers, "MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(ValidationError, match="„gross.pdf“ ist größer als 0 MB"):
        papers.attachment_from_file("p1", source)
    empty = tmp_path / "leer.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="„leer.pdf“ ist leer"):
        papers.attachment_from_file("p1", empty)


@pytest.mark.parametrize(
    ("error", "message"),
    [(PermissionError(13, "denied"), "fehlende Berechtigung"), (OSError(5, "I/O"), "kann nicht gelesen werden")],
)
def test_attachment_from_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    source = tmp_path / "kaputt.pdf"
    source.write_bytes(b"%PDF")

    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DataFileError, match=message):
        papers.attachment_from_file("p1", source)


# --- Anlagen to files ------------------------------------------------------------------------------


def test_export_writes_identical_bytes_and_replaces_atomically(demo: Store, tmp_path: Path) -> None:
    attachment = papers.load_paper(demo, METTMANN_2022).attachments[0]
    target = tmp_path / "out" / "Anlage 1.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old content")
    assert papers.export_attachment(demo, attachment.id, target) == target
    assert target.read_bytes() == attachment.content
    assert [p.name for p in target.parent.iterdir()] == ["Anlage 1.pdf"]  # no temporary file left


def test_failed_export_leaves_the_old_file_and_no_temporary(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attachment = papers.load_paper(demo, METTMANN_2022).attachments[0]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "Anlage 1.pdf"
    target.write_bytes(b"old content")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr(papers.os, "replace", locked)
    with pytest.raises(DataFileError, match="konnte nicht als .* gespeichert werden"):
        papers.export_attachment(demo, attachment.id, target)
    assert target.read_bytes() == b"old content" and [p.name for p in folder.iterdir()] == ["Anlage 1.pdf"]
    with pytest.raises(DataFileError, match="Den Ordner .* gibt es nicht"):
        papers.export_attachment(demo, attachment.id, tmp_path / "fehlt" / "x.pdf")


def test_export_refuses_damaged_content(demo: Store, tmp_path: Path) -> None:
    attachment = papers.load_paper(demo, METTMANN_2022).attachments[0]
    demo.conn.execute("UPDATE attachments SET content = ? WHERE id = ?", (b"changed outside", attachment.id))
    with pytest.raises(DataFileError, match="beschädigt"):
        papers.export_attachment(demo, attachment.id, tmp_path / "x.pdf")
    assert list(tmp_path.glob("*.pdf")) == []


@pytest.mark.parametrize(
    ("name", "mime", "expected"),
    [
        ("Anlage 1: Kommunale Ziele 2022", "application/pdf", "Anlage 1 - Kommunale Ziele 2022.pdf"),
        ("Schreiben des MAIS NRW vom 29.03.2012", "application/pdf", "Schreiben des MAIS NRW vom 29.03.2012.pdf"),
        ('Bericht "Q1"/2022 <Entwurf>?*', "application/pdf", "Bericht 'Q1'-2022 Entwurf.pdf"),
        ("a\\b|c", "text/plain", "a-b-c.txt"),
        ("Ziele.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Ziele.xlsx"),
        ("Ziele.docx", "application/zip", "Ziele.docx"),
        ("Zeile\teins\nzwei", None, "Zeile eins zwei"),
        ("Notiz", "application/octet-stream", "Notiz"),
        ("CON", "text/plain", "CON_.txt"),
        ("  ... ", "application/pdf", "Anlage.pdf"),
        ("Ende. ", None, "Ende"),
    ],
)
def test_safe_file_name(name: str, mime: str | None, expected: str) -> None:
    assert papers.safe_file_name(name, mime) == expected


def test_safe_file_name_is_short_and_keeps_its_extension() -> None:
    name = papers.safe_file_name("Sachstandsbericht " * 20, "application/pdf")
    assert len(name) <= papers.MAX_FILE_NAME and name.endswith(".pdf") and not name.endswith(" .pdf")
    assert not any(ch in name for ch in ':/\\*?"<>|')
