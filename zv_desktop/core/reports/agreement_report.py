"""The Zielvereinbarung as a printed document: parties, preamble, sections, clauses, goals, signature blocks."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from zv_desktop.core import model
from zv_desktop.core.formats import format_date
from zv_desktop.core.reports.document import Document, frame_width
from zv_desktop.core.reports.goal_figures import goal_figures
from zv_desktop.core.reports.letterhead import issuer, letterhead
from zv_desktop.core.reports.markup import bold, esc, para, paragraphs
from zv_desktop.core.reports.reportlab_internals import kept_together
from zv_desktop.core.reports.styles import Styles, label_style, make_styles, plain_style
from zv_desktop.core.services.agreements import AgreementDoc, load_agreement
from zv_desktop.core.store import Store


class _Lookup:
    """The master data an agreement refers to, read once."""

    def __init__(self, store: Store) -> None:
        self.parties = {p.id: p for p in store.find(model.Party)}
        self.signatories = {s.id: s for s in store.find(model.Signatory)}
        self.measures = {m.id: m for m in store.find(model.Measure)}
        self.areas = {a.id: a for a in store.find(model.Area)}


def agreement_document(store: Store, agreement_id: str) -> Document:
    """The agreement as signed (or as drafted), ready for ``output.save_pdf``."""
    doc = load_agreement(store, agreement_id)
    lookup = _Lookup(store)
    styles = make_styles()
    a = doc.agreement
    issued_by = issuer(store, a.issuer_id)
    story: list[Flowable] = letterhead(issued_by, styles) if issued_by is not None else []
    story += [Paragraph(f"Zielvereinbarung {a.year}", styles.title), para(a.title, styles.subtitle)]
    if a.file_ref.strip():
        story.append(para(f"Az.: {a.file_ref.strip()}", styles.small))
    signed = a.status in (model.AgreementStatus.UNTERZEICHNET, model.AgreementStatus.ABGESCHLOSSEN)
    if not signed:
        story.append(para(f"Entwurf (Stand: {a.status.label}) – noch nicht unterzeichnet", styles.h3))
    story += _parties(doc, lookup, styles)
    if a.legal_basis:
        story.append(Paragraph(f"<b>Rechtsgrundlage:</b> {esc(a.legal_basis)}", styles.body))
    if a.preamble:
        story += [Paragraph("Präambel", styles.h1), *paragraphs(a.preamble, styles.body)]
    story += _body(doc, lookup, styles)
    story += _amendments(doc, styles)
    story = _with_signatures(story, _signatures(doc, lookup, styles))
    return Document(
        title=a.title if a.title.startswith(f"Zielvereinbarung {a.year}") else f"Zielvereinbarung {a.year} – {a.title}",
        office=issued_by.name if issued_by is not None else store.site_name,
        subject=f"Zielvereinbarung {a.year}",
        story=story,
        mark="" if signed else "ENTWURF",
    )


def _parties(doc: AgreementDoc, lookup: _Lookup, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("zwischen", styles.body)]
    for index, link in enumerate(doc.parties):
        party = lookup.parties.get(link.party_id)
        signer = lookup.signatories.get(link.signatory_id or "")
        line = bold(party.name if party else "unbekannter Träger")
        if signer is not None:  # name first: a function may be "Landrat" or "für das Ministerium"
            line += f", vertreten durch {esc(signer.name)}" + (f", {esc(signer.function)}" if signer.function else "")
        out.append(Paragraph(line, styles.body))
        if index < len(doc.parties) - 1:
            out.append(Paragraph("und", styles.body))
    if not doc.parties:
        out.append(Paragraph("(keine Vertragspartner erfasst)", styles.note))
    out.append(Spacer(1, 3 * mm))
    return out


def _body(doc: AgreementDoc, lookup: _Lookup, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for section in doc.sections:
        parts = [*paragraphs(section.text, styles.body), *_goals(doc.goals_of(section_id=section.id), lookup, styles)]
        for clause in doc.clauses_of(section.id):
            number = f"{section.number} {clause.number}".strip() if clause.number else ""
            heading = para(f"{number} {clause.title}".strip(), styles.h2)
            rest = [*paragraphs(clause.text, styles.body), *_goals(doc.goals_of(clause_id=clause.id), lookup, styles)]
            parts += [CondPageBreak(30 * mm)] if parts else []  # right under the section heading: no break between
            parts += _kept_with_heading(heading, rest)
        heading = para(f"{section.number} {section.title}".strip(), styles.h1)
        out += [CondPageBreak(40 * mm), *_kept_with_heading(heading, parts)]
    loose = [g for g in doc.goals if g.section_id is None and g.clause_id is None]
    if loose:
        out += _kept_with_heading(Paragraph("Weitere Ziele", styles.h1), _goals(loose, lookup, styles))
    return out


def _kept_with_heading(heading: Flowable, rest: list[Flowable]) -> list[Flowable]:
    """The heading on one page with what follows it (its first paragraph, or its first goal whole), so no heading
    stands alone at the foot of a page. (A heading's ``keepWithNext`` would not hold with a goal: ReportLab does not
    join a KeepTogether to it.)"""
    if not rest:
        return [heading]
    first = rest[0]
    content = kept_together(first)
    return [KeepTogether([heading, *content]), *rest[1:]]


def _goals(goals: list[model.Goal], lookup: _Lookup, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    width = frame_width()
    for goal in goals:
        head = Paragraph(f"{bold(goal.title)} <font size=8 color='#555555'>({esc(goal.kind.label)})</font>", styles.h3)
        figures = goal_figures(
            goal,
            lookup.measures.get(goal.measure_id or ""),
            lookup.areas.get(goal.area_id or ""),
            lookup.parties.get(goal.responsible_party_id or ""),
        )
        block: list[Flowable] = [head, *paragraphs(goal.description, styles.body)]
        if figures:
            rows = [[para(label, styles.cell_bold), para(value, styles.cell)] for label, value in figures]
            table = Table(rows, colWidths=[0.3 * width, 0.7 * width], hAlign="LEFT", spaceAfter=4 * mm)
            table.setStyle(label_style())
            block.append(table)
        # title, text and figures on one page; a goal longer than a page still flows over pages
        out.append(KeepTogether(block))
    return out


def _amendments(doc: AgreementDoc, styles: Styles) -> list[Flowable]:
    if not doc.amendments:
        return []
    out: list[Flowable] = [Paragraph("Änderungen", styles.h1)]
    for amendment in doc.amendments:
        when = f" vom {format_date(amendment.decided_date)}" if amendment.decided_date else ""
        out.append(para(f"{amendment.number}. Änderung{when}: {amendment.title}", styles.h3))
        out += paragraphs(amendment.text, styles.body)
    return out


def _signatures(doc: AgreementDoc, lookup: _Lookup, styles: Styles) -> list[Flowable]:
    """One block per party: place and date on a line, a line to sign on, name and function under it.

    What is not recorded is left to be written by hand: a blank for the place before the date, and under the line
    the caption „Name, Funktion“ (as „Ort, Datum“ above) instead of a typed name.
    """
    a = doc.agreement
    place_date = _place_date(a.signed_place, format_date(a.signed_date) if a.signed_date else "")
    rule = "_" * 38
    blocks: list[list[Flowable]] = []
    for link in doc.parties:
        party = lookup.parties.get(link.party_id)
        signer = lookup.signatories.get(link.signatory_id or "")
        if signer is not None:
            signed_by = [para(signer.name, styles.cell_bold)]
            if signer.function:
                signed_by.append(para(signer.function, styles.cell))
        else:
            signed_by = [Paragraph("Name, Funktion", styles.note)]
        blocks.append(
            [
                para(place_date, styles.cell) if place_date else Spacer(1, 9 * mm),
                Paragraph(rule, styles.cell),
                Paragraph("Ort, Datum", styles.note),
                Spacer(1, 12 * mm),
                Paragraph(rule, styles.cell),
                *signed_by,
                para(party.name if party else "", styles.cell),
            ]
        )
    if not blocks:
        return []
    half = frame_width() / 2
    rows = [blocks[i : i + 2] + ([[]] if len(blocks[i : i + 2]) == 1 else []) for i in range(0, len(blocks), 2)]
    table = Table(rows, colWidths=[half, half], hAlign="LEFT")
    style = plain_style()
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm)
    table.setStyle(style)
    return [Paragraph("Unterschriften", styles.h1), table]


def _place_date(place: str, when: str) -> str:
    """„Mettmann, 05.03.2014“; a missing part is a blank to fill in („__________, 05.03.2014“); '' if neither."""
    if not place and not when:
        return ""
    return f"{place or '_' * 16}, {when or '_' * 12}"


def _with_signatures(story: list[Flowable], signatures: list[Flowable]) -> list[Flowable]:
    """The signature blocks kept on one page with the agreement's last block (its last goal or paragraph), so they
    never stand alone; only that block moves with them, not a whole clause."""
    if not signatures or not story:
        return story + signatures
    last = story[-1]
    tail = kept_together(last)
    return [*story[:-1], KeepTogether([*tail, *signatures])]
