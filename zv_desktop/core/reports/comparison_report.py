"""The Jahresvergleich as a printed document: the change list clause by clause (amounts in €), goals side by side."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Table

from zv_desktop.core import model
from zv_desktop.core.errors import ZvError
from zv_desktop.core.reports.document import LANDSCAPE, PORTRAIT, Document, frame_width
from zv_desktop.core.reports.goal_figures import money_text
from zv_desktop.core.reports.markup import esc, para
from zv_desktop.core.reports.styles import Styles, grid_style, make_styles
from zv_desktop.core.services.compare.change_list import ChangeEntry, change_list
from zv_desktop.core.services.compare.comparison import Comparison, Row, Status, compare_agreements
from zv_desktop.core.services.compare.field_changes import Segment
from zv_desktop.core.store import Store

#: Status words after a count ("4 entfallen", not "4 entfällt").
_COUNT_WORDS = {
    Status.NEW: "neu",
    Status.REMOVED: "entfallen",
    Status.CHANGED: "geändert",
    Status.UNCHANGED: "unverändert",
}
#: More agreements than this are not printed side by side (the columns would be unreadable).
MAX_SIDE_BY_SIDE = 6
_STATUS_COLORS = {
    Status.NEW: "#1b6e2c",
    Status.REMOVED: "#a11d1d",
    Status.CHANGED: "#8a5a00",
    Status.UNCHANGED: "#555555",
}


def comparison_document(store: Store, agreement_ids: list[str]) -> Document:
    """Two or more agreements compared: per pair of years the changes, then an overview of the goals."""
    if len(agreement_ids) < 2:
        raise ZvError("Für einen Jahresvergleich werden mindestens zwei Zielvereinbarungen benötigt.")
    comparison = compare_agreements(store, agreement_ids)
    styles = make_styles()
    years = [a.year for a in comparison.agreements]
    repeated = sorted({y for y in years if years.count(y) > 1})
    if repeated:
        raise ZvError(
            f"Für einen Jahresvergleich braucht jede Zielvereinbarung ein eigenes Jahr; {repeated[0]} kommt mehrfach vor."
        )
    span = f"{years[0]} bis {years[-1]}" if len(years) > 2 else f"{years[0]} → {years[1]}"
    story: list[Flowable] = [
        Paragraph(f"Jahresvergleich {span}", styles.title),
        Paragraph("Verglichene Zielvereinbarungen:", styles.body),
    ]
    story += [para(f"{a.year}: {a.title} ({a.status.label})", styles.body) for a in comparison.agreements]
    for pair in range(len(comparison.agreements) - 1):
        story += _changes(comparison, pair, styles)
    story += _overview(comparison, styles)
    return Document(
        title=f"Jahresvergleich {span} – {comparison.agreements[-1].title}",
        office=store.site_name,
        subject="Änderungen gegenüber dem Vorjahr",
        story=story,
    )


def _changes(comparison: Comparison, pair: int, styles: Styles) -> list[Flowable]:
    earlier, later = comparison.agreements[pair], comparison.agreements[pair + 1]
    counts = comparison.counts(pair)
    summary = ", ".join(f"{counts[s]} {s.after_count}" for s in Status)
    out: list[Flowable] = [
        CondPageBreak(50 * mm),
        Paragraph(f"Änderungen gegenüber dem Vorjahr ({later.year} gegenüber {earlier.year})", styles.h1),
        Paragraph(f"Ziele: {summary}.", styles.body),
    ]
    entries = change_list(comparison, pair)
    if not entries:
        out.append(Paragraph("Keine Änderungen.", styles.note))
    for entry in entries:
        out += _entry(entry, styles)
    return out


def _entry(entry: ChangeEntry, styles: Styles) -> list[Flowable]:
    head = entry.place + (f" – {entry.title}" if entry.title and f"„{entry.title}“" not in entry.place else "")
    out: list[Flowable] = [para(head, styles.h3), para(" ".join(entry.sentences), styles.body)]
    if entry.wording:
        out.append(Paragraph("<b>Wortlaut, Änderungen markiert:</b> " + _marked(entry.wording), styles.small))
    return [KeepTogether(out)]  # a place's heading never ends a page without its text


def _marked(segments: tuple[Segment, ...]) -> str:
    """The word diff as markup: removed words struck through in red, new words underlined in green."""
    parts = []
    for kind, words in segments:
        if kind == "delete":
            parts.append(f"<font color='#a11d1d'><strike>{esc(words)}</strike></font>")
        elif kind == "insert":
            parts.append(f"<font color='#1b6e2c'><u>{esc(words)}</u></font>")
        else:
            parts.append(esc(words))
    return " ".join(parts)


def _figure(comparison: Comparison, goal: model.Goal | None) -> str:
    if goal is None:
        return "–"
    if goal.amount is not None and goal.kind in (model.GoalKind.BUDGET, model.GoalKind.PREMIUM):
        return money_text(goal.amount, cents=True)
    return comparison.key_figure(goal) or "vorhanden"


def _state(comparison: Comparison, row: Row, first: int, styles: Styles) -> Paragraph:
    """What happened to a goal chain: its status per step ("2014: neu, 2022: entfällt"), coloured."""
    steps = [(comparison.agreements[i + 1].year, step) for i, step in enumerate(row.steps) if step is not None]
    shown = [(year, step.status) for year, step in steps if year >= comparison.agreements[first].year]
    changed = [(year, status) for year, status in shown if status is not Status.UNCHANGED]
    if not changed:
        return Paragraph(f"<font color='{_STATUS_COLORS[Status.UNCHANGED]}'>unverändert</font>", styles.cell)
    with_year = len(comparison.agreements) > 2
    parts = [
        f"<font color='{_STATUS_COLORS[status]}'>{f'{year}: ' if with_year else ''}{esc(status.label)}</font>"
        for year, status in changed
    ]
    return Paragraph("<br/>".join(parts), styles.cell)


def _overview(comparison: Comparison, styles: Styles) -> list[Flowable]:
    """Every goal chain with its place, its main figure per year and what happened to it."""
    agreements = comparison.agreements[-MAX_SIDE_BY_SIDE:]
    first = len(comparison.agreements) - len(agreements)
    orientation = LANDSCAPE if len(agreements) > 3 else PORTRAIT
    width = frame_width(orientation)
    out: list[Flowable] = [NextPageTemplate(orientation), PageBreak()] if orientation == LANDSCAPE else []
    out += [CondPageBreak(60 * mm), Paragraph("Übersicht der Ziele", styles.h1)]
    if first:
        shown = f"Gezeigt werden die letzten {MAX_SIDE_BY_SIDE} von {len(comparison.agreements)} Jahren."
        out.append(Paragraph(shown, styles.note))
    header = [Paragraph("<b>Ziel</b> <font size=7 color='#555555'>(Ort in der Vereinbarung)</font>", styles.cell)]
    header += [Paragraph(f"<b>{a.year}</b>", styles.cell) for a in agreements]
    header.append(Paragraph("<b>Stand</b>", styles.cell))
    rows: list[list[Flowable]] = [header]
    for row in comparison.rows:
        cells = row.cells[first:]
        if all(goal is None for goal in cells):
            continue
        latest = next(g for g in reversed(row.cells) if g is not None)
        place = esc(comparison.places.get(latest.id, ""))
        goal = Paragraph(f"{esc(row.title)}<br/><font size=7 color='#555555'>{place}</font>", styles.cell)
        line = [
            goal,
            *[para(_figure(comparison, g), styles.cell) for g in cells],
            _state(comparison, row, first, styles),
        ]
        rows.append(line)
    state_width = width * (0.16 if len(comparison.agreements) > 2 else 0.12)
    goal_width = width * 0.34
    figure_width = (width - goal_width - state_width) / len(agreements)
    table = Table(rows, colWidths=[goal_width, *([figure_width] * len(agreements)), state_width], repeatRows=1)
    table.hAlign = "LEFT"
    table.setStyle(grid_style())
    out.append(table)
    return out
