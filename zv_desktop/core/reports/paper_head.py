"""The head of a printed Vorlage in the issuing authority's form, with its Beratungsfolge, and the styles and
building blocks the rest of the paper shares (see ``paper_forms`` for the two forms)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Paragraph, Table

from zv_desktop.core import model
from zv_desktop.core.formats import format_date
from zv_desktop.core.reports.document import frame_width
from zv_desktop.core.reports.fonts import BOLD
from zv_desktop.core.reports.letterhead import body_line, letterhead
from zv_desktop.core.reports.markup import esc, para
from zv_desktop.core.reports.paper_forms import KIND_NAMES, deciding_body
from zv_desktop.core.reports.styles import MUTED, RULE_COLOR, Styles, grid_style, make_styles, plain_style

CHECKED, UNCHECKED = "☒", "☐"
#: The kinds of paper in the order the Sitzungsvorlage prints their boxes.
TYPE_LABELS: tuple[tuple[model.PaperType, str], ...] = (
    (model.PaperType.BESCHLUSS, "Beschluss"),
    (model.PaperType.WAHL, "Wahl"),
    (model.PaperType.KENNTNISNAHME, "Kenntnisnahme"),
)


class PaperStyles:
    """The shared styles plus the few a Vorlage needs (head block, labels, headings kept with their text)."""

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
        # no keepWithNext: it would move a long text or table whole to the next page; heading() checks room instead
        self.heading = ParagraphStyle("paper_heading", parent=base.h2)
        # a numbered sub-chapter („II. Verfahren“); chapter() checks there is room for its first lines
        self.chapter = ParagraphStyle("paper_chapter", parent=base.body, fontName=BOLD, spaceBefore=4, spaceAfter=2)
        self.attachment = ParagraphStyle(
            "paper_attachment", parent=base.body, leftIndent=6 * mm, firstLineIndent=-6 * mm, spaceAfter=3
        )
        self.attachment_note = ParagraphStyle(
            "paper_attachment_note", parent=base.note, leftIndent=6 * mm, spaceBefore=-2, spaceAfter=4
        )


def rule(space_before: float = 2, space_after: float = 6) -> HRFlowable:
    """A thin rule across the page."""
    return HRFlowable(width="100%", thickness=0.5, color=RULE_COLOR, spaceBefore=space_before, spaceAfter=space_after)


def plain_table(rows: list[list[Flowable | str]], widths: list[float]) -> Table:
    """A table without lines, for the head's label/value pairs."""
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(plain_style())
    return table


def heading(text: str, st: PaperStyles, lines: int = 4) -> list[Flowable]:
    """A section heading that starts a new page if fewer than ``lines`` lines would fit after it."""
    return [CondPageBreak(12 * mm + lines * 4.5 * mm), Paragraph(text, st.heading)]


def chapter(text: str, st: PaperStyles) -> list[Flowable]:
    """A numbered sub-chapter heading that starts a new page unless three lines of its text fit after it."""
    return [CondPageBreak(8 * mm + 3 * 4.5 * mm), para(text, st.chapter)]


def _issuer_lines(paper: model.Paper, office: str, issued_by: model.Party | None, st: PaperStyles) -> list[Flowable]:
    """The office's name when no authority is named (its letterhead says it otherwise), and the body line."""
    lines: list[Flowable] = [] if issued_by is not None else [para(office, st.office)]
    if body := body_line(paper.body, issued_by):
        lines.append(para(body, st.body_line))
    return lines


def sitzungsvorlage_head(
    paper: model.Paper, office: str, issued_by: model.Party | None, st: PaperStyles
) -> list[Flowable]:
    """A Kreis's head: letterhead, the kind of paper as tick boxes, then number, öffentlich, Fachbereich,
    Bearbeiter/in, Datum and Az."""
    width = frame_width()
    head: list[Flowable] = letterhead(issued_by, st.base) if issued_by is not None else []
    boxes = [
        Paragraph(f"{CHECKED if paper.paper_type == kind else UNCHECKED}  {label}", st.box)
        for kind, label in TYPE_LABELS
    ]
    top = plain_table([[_issuer_lines(paper, office, issued_by, st), boxes]], [width * 0.68, width * 0.32])
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
    details = plain_table(rows, [28 * mm, width * 0.68 - 28 * mm, 17 * mm, width * 0.32 - 17 * mm])
    return [*head, top, rule(4, 6), details, rule(4, 10)]


def ratsvorlage_head(
    paper: model.Paper,
    office: str,
    issued_by: model.Party | None,
    consultations: list[model.Consultation],
    st: PaperStyles,
) -> list[Flowable]:
    """A town's head: letterhead, the body line beside „Vorlage / Nr. …“, „Fachbereich … vom: …“, then the
    line „Beschlussvorlage · öffentlich · Rat …“ naming the committee that decides."""
    width = frame_width()
    head: list[Flowable] = letterhead(issued_by, st.base) if issued_by is not None else []
    left = _issuer_lines(paper, office, issued_by, st)
    if paper.department.strip():
        left.append(para(f"Fachbereich {paper.department.strip()}", st.value))
    for label, value in (("Bearbeiter/in: ", paper.clerk), ("Az.: ", paper.file_ref)):
        if value.strip():
            left.append(para(value.strip(), st.value, label))
    dated = format_date(paper.paper_date) if paper.paper_date else ""
    right = [
        Paragraph("Vorlage", st.value),
        para(f"Nr. {paper.number}", st.number),
        Paragraph(f"vom: {dated}", st.value),
    ]
    top = plain_table([[left, right]], [width * 0.68, width * 0.32])
    parts = [KIND_NAMES[paper.paper_type], "öffentlich" if paper.public else "nichtöffentlich"]
    if body := deciding_body(consultations):
        parts.append(body)
    kind_line = Paragraph("\u2003\u2003".join(f"<b>{esc(part)}</b>" for part in parts), st.value)
    return [*head, top, rule(4, 6), kind_line, rule(6, 10)]


def consultation_table(
    consultations: list[model.Consultation], form: model.PaperForm, st: PaperStyles
) -> list[Flowable]:
    """The Beratungsfolge as a ruled table, or a sentence when there is none.

    A Ratsvorlage prints the TOP-Nr. first, as its seed does, even while the numbers are not yet known; a
    Sitzungsvorlage prints a TOP column only where a number is given. Undated meetings are left open.
    """
    if not consultations:
        return [
            *heading("Beratungsfolge", st),
            Paragraph("Für diese Vorlage ist keine Beratungsfolge eingetragen.", st.base.note),
        ]
    cell, bold = st.base.cell, st.base.cell_bold
    council = form == model.PaperForm.RATSVORLAGE
    agenda = council or any(step.agenda_item.strip() for step in consultations)
    header = ["Beratungsfolge" if council else "Gremium", "Termin", "Art der Entscheidung"]
    rows: list[list[Flowable]] = []
    for step in consultations:
        meeting = format_date(step.meeting_date) if step.meeting_date else ""  # left open, as the seeds do
        rows.append([para(step.committee, cell), Paragraph(meeting, cell), para(step.role, cell)])
    width = frame_width()
    widths = [width * 0.5, width * 0.18, width * 0.32]
    if agenda:
        position = 0 if council else 2
        header.insert(position, "TOP-Nr.")
        for row, step in zip(rows, consultations, strict=True):
            row.insert(position, para(step.agenda_item, cell))
        widths = (
            [width * 0.12, width * 0.42, width * 0.16, width * 0.30]
            if council
            else [width * 0.42, width * 0.16, width * 0.12, width * 0.30]
        )
    table = Table(
        [[Paragraph(text, bold) for text in header], *rows], colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1
    )
    table.setStyle(grid_style())
    return [*([] if council else heading("Beratungsfolge", st)), table]
