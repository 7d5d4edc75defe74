"""The Zielvereinbarung and the Vorlage as Word documents (.docx), for offices that edit and pass them on and for
screen readers (BITV 2.0: ReportLab cannot write tagged PDF).

Built with python-docx on Word's own styles, so the structure is real: the title as „Titel“, sections, clauses and
goals as „Überschrift 1–3“, every table with a header row marked to repeat (and read as such), the letterhead's logo
with an alt text, the document language German, title and author in the document properties. The content is the
printed document's, read through the same services.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from zv_desktop.core import model
from zv_desktop.core.formats import format_date
from zv_desktop.core.reports.goal_figures import goal_figures
from zv_desktop.core.reports.letterhead import body_line, issuer, opaque_png
from zv_desktop.core.reports.paper_forms import (
    KIND_NAMES,
    TITLE_CAPTIONS,
    chapters,
    deciding_body,
    form_of,
    signature_lines,
    text_sections,
)
from zv_desktop.core.reports.paper_report import IMPACT_LABELS, TYPE_LABELS
from zv_desktop.core.services.agreements import load_agreement
from zv_desktop.core.services.papers import load_paper
from zv_desktop.core.store import Store

#: The MIME type of a .docx, for the save dialog.
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class WordDocument:
    """A finished Word document and the title it carries."""

    title: str
    content: bytes


def _new(title: str, author: str, subject: str) -> DocxDocument:
    document = new_docx()
    properties = document.core_properties
    properties.title, properties.author, properties.subject, properties.language = title, author, subject, "de-DE"
    properties.comments = "ZV Desktop"
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if run_defaults is not None:  # the language of every run: German spelling and pronunciation
        language = run_defaults.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_defaults.append(language)
        language.set(qn("w:val"), "de-DE")
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(25),
        Mm(18),
        Mm(20),
        Mm(20),
    )
    return document


def _text(document: DocxDocument, text: str, style: str | None = None) -> None:
    """Paragraphs split at blank lines; a single line break stays a line break inside its paragraph."""
    for block in [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]:
        paragraph = document.add_paragraph(style=style)
        for index, line in enumerate(block.strip().split("\n")):
            if index:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(line)


def _table(document: DocxDocument, header: list[str], rows: Iterable[list[str]]) -> None:
    """A table whose first row is marked as its header (repeated on each page, announced by screen readers)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph()


def _letterhead(document: DocxDocument, party: model.Party | None, fallback: str) -> None:
    """The issuing authority: logo (with its alt text) and name, department and address."""
    if party is None:
        document.add_paragraph().add_run(fallback).bold = True
        return
    flat = opaque_png(party.logo) if party.logo else None
    if flat is not None:
        document.add_picture(io.BytesIO(flat[0]), height=Mm(20))
        drawing = document.paragraphs[-1].runs[-1]._r.find(".//" + qn("wp:docPr"))
        if drawing is not None:
            drawing.set("descr", f"Wappen bzw. Logo: {party.name}")
            drawing.set("title", party.name)
    head = document.add_paragraph()
    head.add_run(party.name).bold = True
    for line in [party.letter_department, *party.letter_address.splitlines()]:
        if line.strip():
            head.add_run().add_break(WD_BREAK.LINE)
            head.add_run(line.strip())


def _finish(document: DocxDocument, title: str) -> WordDocument:
    out = io.BytesIO()
    document.save(out)
    return WordDocument(title, out.getvalue())


def agreement_word(store: Store, agreement_id: str) -> WordDocument:
    """The agreement as a Word document: letterhead, parties, preamble, sections, clauses, goals, signatures."""
    doc = load_agreement(store, agreement_id)
    a = doc.agreement
    parties = {p.id: p for p in store.find(model.Party)}
    signatories = {s.id: s for s in store.find(model.Signatory)}
    measures = {m.id: m for m in store.find(model.Measure)}
    areas = {x.id: x for x in store.find(model.Area)}
    issued_by = issuer(store, a.issuer_id)
    title = a.title if a.title.startswith(f"Zielvereinbarung {a.year}") else f"Zielvereinbarung {a.year} – {a.title}"
    document = _new(title, issued_by.name if issued_by else store.site_name, f"Zielvereinbarung {a.year}")
    _letterhead(document, issued_by, store.site_name)
    document.add_heading(f"Zielvereinbarung {a.year}", level=0)
    document.add_paragraph(a.title, style="Subtitle")
    if a.file_ref.strip():
        document.add_paragraph(f"Az.: {a.file_ref.strip()}")
    if not a.status.is_signed:
        document.add_paragraph(f"ENTWURF (Stand: {a.status.label}) – noch nicht unterzeichnet").runs[0].bold = True
    document.add_paragraph("zwischen")
    for link in doc.parties:
        party, signer = parties.get(link.party_id), signatories.get(link.signatory_id or "")
        line = party.name if party else "unbekannter Träger"
        if signer is not None:
            line += f", vertreten durch {signer.name}" + (f", {signer.function}" if signer.function else "")
        document.add_paragraph(line, style="List Bullet")
    if a.legal_basis:
        document.add_paragraph(f"Rechtsgrundlage: {a.legal_basis}")
    if a.preamble:
        document.add_heading("Präambel", level=1)
        _text(document, a.preamble)

    def goals(items: list[model.Goal], level: int) -> None:
        for goal in items:
            document.add_heading(f"{goal.title} ({goal.kind.label})", level=level)
            _text(document, goal.description)
            figures = goal_figures(
                goal,
                measures.get(goal.measure_id or ""),
                areas.get(goal.area_id or ""),
                parties.get(goal.responsible_party_id or ""),
            )
            if figures:
                _table(document, ["Angabe", "Vereinbart"], [[label, value] for label, value in figures])

    for section in doc.sections:
        document.add_heading(f"{section.number} {section.title}".strip(), level=1)
        _text(document, section.text)
        goals(doc.goals_of(section_id=section.id), 2)
        for clause in doc.clauses_of(section.id):
            number = f"{section.number} {clause.number}".strip() if clause.number else ""
            document.add_heading(f"{number} {clause.title}".strip(), level=2)
            _text(document, clause.text)
            goals(doc.goals_of(clause_id=clause.id), 3)
    loose = [g for g in doc.goals if g.section_id is None and g.clause_id is None]
    if loose:
        document.add_heading("Weitere Ziele", level=1)
        goals(loose, 2)
    if doc.amendments:
        document.add_heading("Änderungen", level=1)
        for amendment in doc.amendments:
            when = f" vom {format_date(amendment.decided_date)}" if amendment.decided_date else ""
            document.add_heading(f"{amendment.number}. Änderung{when}: {amendment.title}", level=2)
            _text(document, amendment.text)
    if doc.parties:
        document.add_heading("Unterschriften", level=1)
        when = ", ".join(x for x in (a.signed_place, format_date(a.signed_date) if a.signed_date else "") if x)
        rows = []
        for link in doc.parties:
            party, signer = parties.get(link.party_id), signatories.get(link.signatory_id or "")
            who = ", ".join(x for x in (signer.name, signer.function) if x) if signer else ""
            rows.append([party.name if party else "", when, who])
        _table(document, ["Vertragspartner", "Ort, Datum", "Name, Funktion (Unterschrift)"], rows)
    return _finish(document, title)


def paper_word(store: Store, paper_id: str) -> WordDocument:
    """The Vorlage as a Word document: letterhead, head data, Beratungsfolge, impacts, texts, list of Anlagen."""
    doc = load_paper(store, paper_id)
    paper = doc.paper
    issued_by = issuer(store, paper.issuer_id)
    title = f"Vorlage {paper.number} – {' '.join(paper.title.split())}"
    document = _new(title, issued_by.name if issued_by else store.site_name, "Sitzungsvorlage")
    form = form_of(issued_by)
    if not paper.released:
        document.add_paragraph("ENTWURF – noch nicht freigegeben").runs[0].bold = True
    _letterhead(document, issued_by, store.site_name)
    if body := body_line(paper.body, issued_by):
        document.add_paragraph(body)
    document.add_heading(f"Vorlage Nr. {paper.number}", level=0)
    council = form == model.PaperForm.RATSVORLAGE
    kind = KIND_NAMES[paper.paper_type] if council else dict(TYPE_LABELS)[paper.paper_type]
    head = [
        ["Art der Vorlage", kind],
        ["Öffentlichkeit", "öffentlich" if paper.public else "nichtöffentlich"],
        ["Fachbereich", paper.department],
        ["Bearbeiter/in", paper.clerk],
        ["Datum", format_date(paper.paper_date) if paper.paper_date else ""],
        ["Aktenzeichen", paper.file_ref],
    ]
    if council:
        head.insert(2, ["Entscheidendes Gremium", deciding_body(doc.consultations)])
    _table(document, ["Angabe", "Inhalt"], [row for row in head if row[1]])
    document.add_heading("Beratungsfolge", level=1)
    if doc.consultations:
        rows = [
            [c.committee, format_date(c.meeting_date) if c.meeting_date else "", c.agenda_item, c.role]
            for c in doc.consultations
        ]
        header = ["Gremium", "Termin", "TOP-Nr.", "Art der Entscheidung"]
        if council:  # the TOP-Nr. first, as the town's form prints it
            header, rows = (
                ["TOP-Nr.", "Beratungsfolge", "Termin", "Art der Entscheidung"],
                [[top, committee, meeting, role] for committee, meeting, top, role in rows],
            )
        _table(document, header, rows)
    else:
        document.add_paragraph("Für diese Vorlage ist keine Beratungsfolge eingetragen.")
    document.add_heading(TITLE_CAPTIONS[form], level=1)
    document.add_paragraph(paper.title)
    answers = dict(IMPACT_LABELS)
    impacts = [
        [label, answers[getattr(paper, field)]]
        for field, label in model.IMPACT_FIELDS
        if getattr(paper, field) is not None
    ]
    if impacts:
        _table(document, ["Auswirkung", "Antwort"], impacts)
    for heading, text in text_sections(paper, form):
        document.add_heading(heading.rstrip(":"), level=1)
        for block in chapters(text):
            if block.heading:
                document.add_heading(block.text, level=2)
            else:
                _text(document, block.text)
    body, capacity, signer = signature_lines(paper)
    if body or capacity or signer:  # the signature block, with room to sign above the name
        document.add_paragraph("\n".join(line for line in (body, capacity, "", "", signer) if line or signer))
    if doc.attachments:
        document.add_heading("Anlagen", level=1)
        for index, attachment in enumerate(doc.attachments, start=1):
            name = (
                attachment.name
                if attachment.name.lower().startswith("anlage")
                else f"Anlage {index}: {attachment.name}"
            )
            document.add_paragraph(name, style="List Bullet")
    return _finish(document, title)
