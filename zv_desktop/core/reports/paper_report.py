"""The printed Vorlage (council paper) in the issuing authority's form: head, Beratungsfolge, title, impacts,
Beschlussvorschlag, Anlass, Sachverhalt with numbered sub-chapters, signature block and the list of Anlagen.

The two forms follow the seeds (see ``paper_forms``): Kreis Mettmann's Sitzungsvorlage and Stadt Kamen's
Ratsvorlage; ``paper_head`` builds their heads. A paper not yet released prints „ENTWURF“ on every page. PDF
Anlagen are appended after the paper's own pages by ``output.finish``; other files are listed with a note and a
warning.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from zv_desktop.core import model
from zv_desktop.core.errors import NotFoundError
from zv_desktop.core.reports.document import Appendix, Document, frame_width
from zv_desktop.core.reports.letterhead import issuer
from zv_desktop.core.reports.markup import esc, para
from zv_desktop.core.reports.paper_forms import TITLE_CAPTIONS, chapters, form_of, signature_lines, text_sections
from zv_desktop.core.reports.paper_head import (
    CHECKED,
    TYPE_LABELS,
    UNCHECKED,
    PaperStyles,
    chapter,
    consultation_table,
    heading,
    plain_table,
    ratsvorlage_head,
    rule,
    sitzungsvorlage_head,
)
from zv_desktop.core.services.papers import PaperDoc, load_paper
from zv_desktop.core.store import Store

__all__ = ["IMPACT_LABELS", "TYPE_LABELS", "paper_document", "is_pdf"]

SUBJECT = "Sitzungsvorlage"
PDF_MIME = "application/pdf"
#: Longest paper title put into the page header and PDF metadata (the Betreff prints it whole).
MAX_TITLE = 200
#: Room left for a handwritten signature above the signer's name.
SIGNATURE_SPACE = 14 * mm
#: The answers of an impact line in print order.
IMPACT_LABELS: tuple[tuple[model.Impact, str], ...] = (
    (model.Impact.JA, "ja"),
    (model.Impact.NEIN, "nein"),
    (model.Impact.OFFEN, "noch nicht zu übersehen"),
)
# Names that already carry their number ("Anlage 1: …", "Anlage 2 - …") are printed as they are.
_NUMBERED_NAME = re.compile(r"^\s*Anlage\s+\d+", re.IGNORECASE)


def _agreement_line(store: Store, paper: model.Paper, st: PaperStyles) -> list[Flowable]:
    """A line naming the linked Zielvereinbarung, if any (nothing if the link points nowhere)."""
    if paper.agreement_id is None:
        return []
    try:
        agreement = store.get(model.Agreement, paper.agreement_id)
    except NotFoundError:
        return []
    text = f"Bezug: Zielvereinbarung „{agreement.title}“ ({agreement.year})"
    return [para(text, st.base.small)]


def _impacts(paper: model.Paper, st: PaperStyles) -> Flowable | None:
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
    return plain_table(rows, [62 * mm, 16 * mm, 19 * mm, width - 97 * mm])


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


def _attachments(doc: PaperDoc, st: PaperStyles) -> tuple[list[Flowable], list[Appendix], list[str]]:
    """The list of Anlagen, the PDFs to append and the warnings about the others."""
    if not doc.attachments:
        return [], [], []
    story: list[Flowable] = heading("Anlagen", st, lines=min(len(doc.attachments), 4))
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


def _text_section(title: str, text: str, st: PaperStyles) -> list[Flowable]:
    """A heading and a long user text as flowing paragraphs, a numbered first line as a sub-chapter heading."""
    blocks = chapters(text)
    story: list[Flowable] = heading(title, st, lines=8 if blocks[0].heading else 4)
    for block in blocks:
        story += chapter(block.text, st) if block.heading else [para(block.text, st.base.body)]
    return story


def _signature(paper: model.Paper, st: PaperStyles) -> list[Flowable]:
    """„Der Landrat / In Vertretung“, room to sign and the signer's name, kept together; nothing if unnamed."""
    body, capacity, signer = signature_lines(paper)
    if not (body or capacity or signer):
        return []
    lines = [para(line, st.value) for line in (body, capacity) if line]
    lines.append(Spacer(1, SIGNATURE_SPACE))
    if signer:
        lines.append(para(signer, st.value))
    return [Spacer(1, 8 * mm), *lines]


def _signed(story: list[Flowable], signature: list[Flowable]) -> list[Flowable]:
    """The signature kept with the paragraph before it, so it never stands alone at the top of a page."""
    if not signature:
        return story
    last = [story.pop()] if story and isinstance(story[-1], Paragraph) else []
    return [*story, KeepTogether([*last, *signature])]


def paper_document(store: Store, paper_id: str) -> Document:
    """The printable Vorlage of a paper in its authority's form, its PDF Anlagen as appendices."""
    doc = load_paper(store, paper_id)
    paper = doc.paper
    st = PaperStyles()
    issued_by = issuer(store, paper.issuer_id)
    form = form_of(issued_by)
    if form == model.PaperForm.RATSVORLAGE:
        story = ratsvorlage_head(paper, store.site_name, issued_by, doc.consultations, st)
    else:
        story = sitzungsvorlage_head(paper, store.site_name, issued_by, st)
    story += [*consultation_table(doc.consultations, form, st), Spacer(1, 12)]
    title_block: list[Flowable] = [
        Paragraph(TITLE_CAPTIONS[form], st.caption),
        para(paper.title, st.title),
        *_agreement_line(store, paper, st),
    ]
    story.append(KeepTogether(title_block))
    impacts = _impacts(paper, st)
    if impacts is not None:
        story += [rule(4, 6), KeepTogether([impacts]), rule(6, 4)]  # the lines are read together
    else:
        story.append(rule(4, 4))
    for title, text in text_sections(paper, form):
        story += _text_section(title, text, st)
    story = _signed(story, _signature(paper, st))
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
        mark="" if paper.released else "ENTWURF",
    )
