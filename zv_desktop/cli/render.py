"""Text and JSON rendering of lists, agreements and papers for the `zv` command."""

from __future__ import annotations

from typing import Any

from zv_desktop.core import model
from zv_desktop.core.exchange.json_codec import encode_record
from zv_desktop.core.formats import format_count, format_date
from zv_desktop.core.services.agreements import AgreementDoc
from zv_desktop.core.services.describe import describe_goal
from zv_desktop.core.services.papers import PaperDoc
from zv_desktop.core.store import Store

IMPACT_TEXT = {model.Impact.JA: "ja", model.Impact.NEIN: "nein", model.Impact.OFFEN: "noch nicht zu übersehen"}


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain text table with aligned columns."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


def _date(value: Any) -> str:
    return format_date(value) if value is not None else ""


def agreement_text(store: Store, doc: AgreementDoc) -> str:
    """The agreement as readable text: header, parties, preamble, sections, clauses, goals."""
    a = doc.agreement
    measures = {m.id: m for m in store.find(model.Measure)}
    parties = {p.id: p for p in store.find(model.Party)}
    signatories = {s.id: s for s in store.find(model.Signatory)}
    out = [f"Zielvereinbarung {a.year}: {a.title}", f"Kennung: {a.id}", f"Status: {a.status.label}"]
    if a.signed_date:
        out.append(f"Unterzeichnet: {_date(a.signed_date)} {a.signed_place}".rstrip())
    if a.legal_basis:
        out.append(f"Rechtsgrundlage: {a.legal_basis}")
    out.append("Vertragspartner:")
    for link in doc.parties:
        party = parties.get(link.party_id)
        signer = signatories.get(link.signatory_id or "")
        who = f" – {signer.function} {signer.name}" if signer else ""
        out.append(f"  • {party.name if party else link.party_id} ({party.role.label if party else ''}){who}")
    if a.preamble:
        out += ["", "Präambel", a.preamble]

    def goal_lines(goals: list[model.Goal], indent: str) -> list[str]:
        lines = []
        for g in goals:
            detail = describe_goal(g, measures.get(g.measure_id or ""), parties.get(g.responsible_party_id or ""))
            lines.append(f"{indent}◦ [{g.kind.label}] {g.title}" + (f" – {detail}" if detail else ""))
        return lines

    for section in doc.sections:
        out += ["", f"{section.number} {section.title}".strip()]
        if section.text:
            out.append(section.text)
        out += goal_lines(doc.goals_of(section_id=section.id), "  ")
        for clause in doc.clauses_of(section.id):
            number = f"{section.number} {clause.number}" if clause.number else ""
            out.append(f"  {number} {clause.title}".rstrip() if number else f"  {clause.title}")
            if clause.text:
                out.append(f"    {clause.text}")
            out += goal_lines(doc.goals_of(clause_id=clause.id), "    ")
    loose = [g for g in doc.goals if g.section_id is None and g.clause_id is None]
    if loose:
        out += ["", "Weitere Ziele"] + goal_lines(loose, "  ")
    for amendment in doc.amendments:
        out += ["", f"Änderung {amendment.number} ({_date(amendment.decided_date)}): {amendment.title}", amendment.text]
    return "\n".join(out)


def agreement_json(doc: AgreementDoc) -> dict[str, Any]:
    """The agreement as JSON (same field encoding as `zv dump`)."""
    return {
        **encode_record(doc.agreement),
        "parties": [encode_record(p) for p in doc.parties],
        "sections": [encode_record(s) for s in doc.sections],
        "clauses": [encode_record(c) for c in doc.clauses],
        "goals": [encode_record(g) for g in doc.goals],
        "amendments": [encode_record(m) for m in doc.amendments],
    }


def paper_text(doc: PaperDoc) -> str:
    """The Vorlage as readable text."""
    p = doc.paper
    out = [
        f"Vorlage {p.number} ({'öffentlich' if p.public else 'nichtöffentlich'})",
        f"Kennung: {p.id}",
        p.title,
        f"Art: {p.paper_type.value.capitalize()}",
    ]
    for label, value in (("Fachbereich", p.department), ("Bearbeiter/in", p.clerk), ("Az.", p.file_ref)):
        if value:
            out.append(f"{label}: {value}")
    if p.paper_date:
        out.append(f"Datum: {_date(p.paper_date)}")
    out += ["", "Beratungsfolge:"]
    rows = [[c.committee, _date(c.meeting_date), c.role] for c in doc.consultations]
    out.append(table(["Gremium", "Termin", "Art der Entscheidung"], rows))
    impacts = [(label, getattr(p, name)) for name, label in model.IMPACT_FIELDS if getattr(p, name) is not None]
    if impacts:
        out.append("")
        out += [f"{label}: {IMPACT_TEXT[value]}" for label, value in impacts]
    if p.decision_proposal:
        out += ["", "Beschlussvorschlag:", p.decision_proposal]
    if p.facts:
        out += ["", "Sachverhalt:", p.facts]
    if doc.attachments:
        out += ["", "Anlagen:"] + [f"  • {a.name} ({format_count(a.size)} Bytes)" for a in doc.attachments]
    return "\n".join(out)


def paper_json(doc: PaperDoc) -> dict[str, Any]:
    """The Vorlage as JSON; Anlagen without their content."""
    return {
        **encode_record(doc.paper),
        "consultations": [encode_record(c) for c in doc.consultations],
        "attachments": [encode_record(a, omit=("content",)) for a in doc.attachments],
    }
