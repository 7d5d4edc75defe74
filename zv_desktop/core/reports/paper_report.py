"""The printed Sitzungsvorlage (council paper): head block, Beratungsfolge, impacts, texts, Anlagen appended.

The layout follows the Vorlagen of Kreis Mettmann and Stadt Kamen (seeds 002–004): the kind of paper as
tick boxes, number and öffentlich/nichtöffentlich, Fachbereich, Bearbeiter/in, Datum and Az., the
Beratungsfolge, the title, the impact lines ("☒ ja ☐ nein ☐ noch nicht zu übersehen"), Beschlussvorschlag,
Sachverhalt and the list of Anlagen. PDF Anlagen are appended after the paper's own pages by
``output.finish``; other files are listed with a note and a warning.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Paragraph, Spacer, Table

from zv_desktop.core import model
from zv_desktop.core.errors import NotFoundError
from zv_desktop.core.formats import format_date
from zv_desktop.core.reports.document import Appendix, Document, frame_width
from zv_desktop.core.reports.fonts import BOLD
from zv_desktop.core.reports.letterhead import body_line, issuer, letterhead
from zv_desktop.core.reports.markup import esc, para, paragraphs
from zv_desktop.core.reports.styles import MUTED, RULE_COLOR, Styles, grid_style, make_styles, plain_style
from zv_desktop.core.services.papers import PaperDoc, load_paper
from zv_desktop.core.store import Store

SUBJECT = "Sitzungsvorlage"
CHECKED, UNCHECKED = "☒", "☐"
PDF_MIME = "application/pdf"
#: Longest paper title put into the page header and PDF metadata (the Betreff prints it whole).
MAX_TITLE = 200

#: The kinds of paper in the order the form prints their boxes.
TYPE_LABELS: tuple[tuple[model.PaperType, str], ...] = (
    (model.PaperType.BESCHLUSS, "Beschluss"),
    (model.PaperType.WAHL, "Wahl"),
    (model.PaperType.KENNTNISNAHME, "Kenntnisnahme"),
)
#: The answers of an impact line in print order.
IMPACT_LABELS: tuple[tuple[model.Impact, str], ...] = (
    (model.Impact.JA, "ja"),
    (model.Impact.NEIN, "nein"),
    (model.Impact.OFFEN, "noch nicht zu übersehen"),
)
# Names that already carry their number ("Anlage 1: …", "Anlage 2 - …") are printed as they are.
_NUMBERED_NAME = re.compile(r"^\s*Anlage\s+\d+", re.IGNORECASE)


class _PaperStyles:
    """The shared styles plus the few this paper needs (head block, labels, headings kept with their text)."""

    def __init__(self) -> None:
        base: Styles = make_styles()
        self.base = base
        self.office = ParagraphStyle("paper_office", parent=base.body, fontName=BOLD, fontSize=12, leading=15)
        self.body_line = ParagraphStyle("paper_body_line", parent=base.body, spaceAfter=0)
        self.label = ParagraphStyle("paper_label", parent=base.body, spaceAfter=0, textColor=MUTED)
        self.value = ParagraphStyle("paper_value", parent=base.body, spaceAfter=0)
        self.number = ParagraphStyle("paper_number", parent=base.body, fontName=BOLD, fontSize=12, leading=15)
        self.box = ParagraphStyle("paper_box", parent=base.body, spaceAfter=0, leading=14)
        self.caption = ParagraphStyle("paper_caption", parent=base.small, textColor=MUTED, spaceAfter=1, keepWithNext=1)
        self.title = ParagraphStyle("paper_title", parent=base.title, fontSize=14, leading=18, spaceAfter=4)
        # no keepWithNext: it would move a long text or table whole to the next page; _heading() checks room instead
        self.heading = ParagraphStyle("paper_heading", parent=base.h2)
        self.attachment = ParagraphStyle(
            "paper_attachment", parent=base.body, leftIndent=6 * mm, firstLineIndent=-6 * mm, spaceAfter=3
        )
        self.attachment_note = ParagraphStyle(
            "paper_attachment_note", parent=base.note, leftIndent=6 * mm, spaceBefore=-2, spaceAfter=4
        )


def _rule(space_before: float = 2, space_after: float = 6) -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.5, color=RULE_COLOR, spaceBefore=space_before, spaceAfter=space_after)


def _plain_table(rows: list[list[Flowable | str]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(plain_style())
    return table


def _head(paper: model.Paper, office: str, issued_by: model.Party | None, st: _PaperStyles) -> list[Flowable]:
    """The issuing authority's letterhead (else the office), the kind of paper, then number, öffentlich,
    Fachbereich, Bearbeiter/in, Datum and Az."""
    width = frame_width()
    head: list[Flowable] = letterhead(issued_by, st.base) if issued_by is not None else []
    issuer: list[Flowable] = [] if issued_by is not None else [para(office, st.office)]
    if body := body_line(paper.body, issued_by):
        issuer.append(para(body, st.body_line))
    boxes = [
        Paragraph(f"{CHECKED if paper.paper_type == kind else UNCHECKED}  {label}", st.box)
        for kind, label in TYPE_LABELS
    ]
    top = _plain_table([[issuer, boxes]], [width * 0.68, width * 0.32])
    access = "öffentlich" if paper.public else "nichtöffentlich"
    dated = format_date(paper.paper_date) if paper.paper_date else ""
    rows: list[list[Flowable | str]] = [
        [
            Paragraph("Vorlagen-Nr.:", st.label),
            para(paper.number, st.number),
            "",
            Paragraph(f"<b>{access}</b>", st.value),
        ],
        [
            Paragraph("Fachbereich:", st.label),
            para(paper.department, st.value),
            Paragraph("Datum:", st.label),
            Paragraph(esc(dated), st.value),
        ],
        [
            Paragraph("Bearbeiter/in:", st.label),
            para(paper.clerk, st.value),
            Paragraph("Az.:", st.label),
            para(paper.file_ref, st.value),
        ],
    ]
    details = _plain_table(rows, [28 * mm, width * 0.68 - 28 * mm, 17 * mm, width * 0.32 - 17 * mm])
    return [*head, top, _rule(4, 6), details, _rule(4, 10)]


def _consultations(doc: PaperDoc, st: _PaperStyles) -> list[Flowable]:
    """The Beratungsfolge as a ruled table, or a sentence when there is none."""
    story: list[Flowable] = _heading("Beratungsfolge", st)
    if not doc.consultations:
        story.append(Paragraph("Für diese Vorlage ist keine Beratungsfolge eingetragen.", st.base.note))
        return story
    cell, head = st.base.cell, st.base.cell_bold
    agenda = any(step.agenda_item.strip() for step in doc.consultations)  # the TOP column only where there is one
    data: list[list[Flowable]] = [
        [Paragraph("Gremium", head), Paragraph("Termin", head), Paragraph("Art der Entscheidung", head)]
    ]
    if agenda:
        data[0].insert(2, Paragraph("TOP-Nr.", head))
    for step in doc.consultations:
        meeting = format_date(step.meeting_date) if step.meeting_date else ""  # left open, as the seeds do
        line = [para(step.committee, cell), Paragraph(meeting, cell), para(step.role, cell)]
        if agenda:
            line.insert(2, para(step.agenda_item, cell))
        data.append(line)
    width = frame_width()
    widths = (
        [width * 0.42, width * 0.16, width * 0.12, width * 0.30]
        if agenda
        else [width * 0.5, width * 0.18, width * 0.32]
    )
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(grid_style())
    story.append(table)
    return story


def _agreement_line(store: Store, paper: model.Paper, st: _PaperStyles) -> list[Flowable]:
    """A line naming the linked Zielvereinbarung, if any (nothing if the link points nowhere)."""
    if paper.agreement_id is None:
        return []
    try:
        agreement = store.get(model.Agreement, paper.agreement_id)
    except NotFoundError:
        return []
    text = f"Bezug: Zielvereinbarung „{agreement.title}“ ({agreement.year})"
    return [para(text, st.base.small)]


def _impacts(paper: model.Paper, st: _PaperStyles) -> Table | None:
    """The impact lines this paper asks (a line „nicht abgefragt“ is left out, not printed as a row of empty boxes
    that looks unfinished), the chosen answer ☒ and the others ☐; None if it asks none."""
    rows: list[list[Flowable | str]] = []
    for field_name, label in model.IMPACT_FIELDS:
        chosen = getattr(paper, field_name)
        if chosen is None:
            continue
        line: list[Flowable | str] = [Paragraph(label, st.value)]
        for answer, text in IMPACT_LABELS:
            line.append(Paragraph(f"{CHECKED if chosen == answer else UNCHECKED} {text}", st.value))
        rows.append(line)
    if not rows:
        return None
    width = frame_width()
    return _plain_table(rows, [62 * mm, 16 * mm, 19 * mm, width - 97 * mm])


def is_pdf(attachment: model.Attachment) -> bool:
    """True if the Anlage is meant as a PDF (by its type or by its first bytes)."""
    return attachment.mime_type == PDF_MIME or attachment.content.lstrip()[:5] == b"%PDF-"


def _kind(attachment: model.Attachment) -> str:
    """What the file is, for the note on a non-PDF Anlage: its extension, else its type."""
    suffix = PurePath(attachment.name).suffix
    if suffix and len(suffix) <= 6 and suffix[1:].isalnum():
        return f"{suffix.lower()}-Datei"
    return f"Dateityp {attachment.mime_type}" if attachment.mime_type else "unbekannter Dateityp"


def _listed_name(index: int, name: str) -> str:
    return name if _NUMBERED_NAME.match(name) else f"Anlage {index}: {name}"


def _attachments(doc: PaperDoc, st: _PaperStyles) -> tuple[list[Flowable], list[Appendix], list[str]]:
    """The list of Anlagen, the PDFs to append and the warnings about the others."""
    if not doc.attachments:
        return [], [], []
    story: list[Flowable] = _heading("Anlagen", st, lines=min(len(doc.attachments), 4))
    appendices: list[Appendix] = []
    warnings: list[str] = []
    for index, attachment in enumerate(doc.attachments, start=1):
        listed = esc(_listed_name(index, attachment.name))
        if is_pdf(attachment):
            stamp = f"{_listed_name(index, attachment.name)} zur Vorlage {doc.paper.number}"
            appendices.append(Appendix(attachment.name, attachment.content, stamp))
            story.append(Paragraph(f"–\u00a0{listed}", st.attachment))
            continue
        kind = _kind(attachment)
        note = f"nicht beigefügt, da keine PDF-Datei ({kind}); bitte gesondert beilegen"
        story.append(KeepTogether([Paragraph(f"–\u00a0{listed}", st.attachment), para(note, st.attachment_note)]))
        warnings.append(
            f"Die Anlage „{attachment.name}“ ist keine PDF-Datei ({kind}) und wurde nicht angehängt. "
            "Bitte legen Sie sie der Vorlage gesondert bei."
        )
    return story, appendices, warnings


def _heading(text: str, st: _PaperStyles, lines: int = 4) -> list[Flowable]:
    """A section heading that starts a new page if fewer than ``lines`` lines would fit after it."""
    return [CondPageBreak(12 * mm + lines * 4.5 * mm), Paragraph(text, st.heading)]


def _text_section(heading: str, text: str, st: _PaperStyles) -> list[Flowable]:
    """A heading and a long user text as flowing paragraphs (nothing when the text is empty)."""
    blocks = paragraphs(text, st.base.body)
    if not blocks:
        return []
    return [*_heading(heading, st), *blocks]


def paper_document(store: Store, paper_id: str) -> Document:
    """The printable Sitzungsvorlage of a paper, its PDF Anlagen as appendices (see ``output.finish``)."""
    doc = load_paper(store, paper_id)
    paper = doc.paper
    st = _PaperStyles()
    issued_by = issuer(store, paper.issuer_id)
    story: list[Flowable] = [*_head(paper, store.site_name, issued_by, st), *_consultations(doc, st), Spacer(1, 12)]
    title_block: list[Flowable] = [
        Paragraph("Betreff", st.caption),
        para(paper.title, st.title),
        *_agreement_line(store, paper, st),
    ]
    story.append(KeepTogether(title_block))
    impacts = _impacts(paper, st)
    if impacts is not None:
        story += [_rule(4, 6), KeepTogether([impacts]), _rule(6, 4)]  # the lines are read together
    else:
        story.append(_rule(4, 4))
    story += _text_section("Beschlussvorschlag:", paper.decision_proposal, st)
    story += _text_section("Sachverhalt und Begründung:", paper.facts, st)
    listing, appendices, warnings = _attachments(doc, st)
    story += listing
    short = " ".join(paper.title.split())
    if len(short) > MAX_TITLE:
        short = short[: MAX_TITLE - 1].rstrip() + "…"
    return Document(
        title=f"Vorlage {paper.number} – {short}",
        office=issued_by.name if issued_by is not None else store.site_name,
        subject=SUBJECT,
        story=story,
        appendices=appendices,
        warnings=warnings,
    )
