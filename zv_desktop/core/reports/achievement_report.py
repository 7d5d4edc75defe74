"""The monthly Zielerreichungsbericht: per agreement of a year a table of its goals, then each measured goal's
monthly chart with how its figures came about and the comment the Jobcenter recorded for the review talk.

The figures are those of ``year_status`` worded by ``status_text`` (the dashboard and ``zv status`` show the same).
The monthly values for the charts are read in one query for the whole report, with the same measure and area
rules ``year_status`` applies.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Paragraph

from zv_desktop.core.errors import ZvError
from zv_desktop.core.formats import format_date, month_name
from zv_desktop.core.progress import Progress
from zv_desktop.core.reports.achievement_tables import goal_block, goal_table
from zv_desktop.core.reports.document import LANDSCAPE, PORTRAIT, Document
from zv_desktop.core.reports.letterhead import issuer, letterhead
from zv_desktop.core.reports.markup import esc
from zv_desktop.core.reports.navigation import Bookmark, Contents, Entry, RunningHeader
from zv_desktop.core.reports.reportlab_internals import kept_together
from zv_desktop.core.reports.styles import Styles, make_styles
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.services.goal_course import charted_measure, course_from, course_values
from zv_desktop.core.services.status import (
    GoalRow,
    YearStatus,
    agreements_of_year,
    party_names,
    year_status,
)
from zv_desktop.core.store import Store

SUBJECT = "Zielerreichungsbericht"
_LIGHTS = (("green", "erreicht"), ("amber", "gefährdet"), ("red", "nicht erreicht"), ("none", "ohne Bewertung"))


def achievement_document(
    store: Store,
    year: int,
    month: int | None = None,
    party_id: str | None = None,
    method: Method = Method.YEAR_TO_DATE,
    progress: Progress | None = None,
    today: date | None = None,
    goal_ids: Collection[str] | None = None,
    selection: str = "",
) -> Document:
    """The achievement report of the agreements of ``year`` (of one party if given) for a reporting month.

    ``month`` defaults to the latest month with an Ist value (as on the dashboard); each agreement starts on a new
    page. ``goal_ids`` prints only these goals (what a filtered dashboard shows; ``selection`` says how it was
    filtered, for the reader). Raises ZvError if the year has no agreement (of that party) or nothing is chosen.
    """
    agreements = agreements_of_year(store, year, party_id)
    if not agreements:
        whose = " dieses Trägers" if party_id is not None else ""
        raise ZvError(f"Für das Jahr {year} gibt es keine Zielvereinbarungen{whose}; es gibt nichts zu berichten.")
    status = year_status(store, year, month, party_id, method, today)
    if goal_ids is not None:
        chosen = set(goal_ids)
        status = dataclasses.replace(status, rows=[r for r in status.rows if r.goal.id in chosen])
        agreements = [(i, t) for i, t in agreements if any(r.agreement_id == i for r in status.rows)]
        if not agreements:
            raise ZvError("Es ist kein Ziel ausgewählt; bitte die Filter der Zielerreichung lockern.")
    values = course_values(store, status.rows, status.year)
    names = party_names(store, [agreement_id for agreement_id, _ in agreements])
    by_agreement: dict[str, list[GoalRow]] = defaultdict(list)
    for row in status.rows:
        by_agreement[row.agreement_id].append(row)
    styles = make_styles()
    label_style = ParagraphStyle("comment_label", parent=styles.small, fontName=styles.cell_bold.fontName)
    details_style = ParagraphStyle("details_heading", parent=styles.h2, keepWithNext=1)  # never alone at a page end
    month_text = f"{month_name(status.month)} {year}"
    issued_by = issuer(store, party_id)  # a report for one Träger carries its letterhead
    story: list[Flowable] = letterhead(issued_by, styles) if issued_by is not None else []
    story += [
        Paragraph(f"Zielerreichungsbericht {year}", styles.title),
        Paragraph(
            f"Berichtsmonat {esc(month_text)} · Berichtstag {format_date(status.as_of)} · "
            f"Hochrechnung: {esc(method.label)} · {len(agreements)} "
            f"{'Zielvereinbarung' if len(agreements) == 1 else 'Zielvereinbarungen'}",
            styles.subtitle,
        ),
    ]
    if status.as_of.year < year:  # a year that has not begun: no month of it can be reported yet
        story.append(
            Paragraph(
                f"Das Jahr {year} hat am Berichtstag noch nicht begonnen; es gibt noch keine Werte. "
                "Der Bericht zeigt die vereinbarten Ziele.",
                styles.note,
            )
        )
    if selection:
        count = f"{len(status.rows)} {'Ziel' if len(status.rows) == 1 else 'Ziele'}"
        story.append(Paragraph(f"<b>Auswahl:</b> {esc(selection)} – {count}", styles.body))
    agreements.sort(key=lambda item: (names.get(item[0], [""])[0], item[1]))  # by Träger, then title
    tables = {i: goal_table(by_agreement.get(i, []), status.month, year, method, styles) for i, _ in agreements}
    # one orientation for every table of the handout: landscape if any agreement's figures need it
    wide = any(orientation == LANDSCAPE for orientation, _ in tables.values())
    if wide:
        tables = {
            i: goal_table(by_agreement.get(i, []), status.month, year, method, styles, LANDSCAPE) for i, _ in agreements
        }
    contents = len(agreements) > 1
    if contents:
        story += [Paragraph("Inhalt", styles.h1), Contents(_entries(agreements, names))]
    first_orientation = PORTRAIT if contents or not wide else LANDSCAPE
    total = len(agreements)
    seen: set[str] = set()
    for index, (agreement_id, title) in enumerate(agreements):
        if progress is not None:
            progress.update(index, total, f"Zielvereinbarung {index + 1} von {total}: {title}")
        rows = by_agreement.get(agreement_id, [])
        orientation, table = tables[agreement_id]
        if index > 0 or contents:
            story += [NextPageTemplate(orientation), PageBreak()]
        parties = names.get(agreement_id, [])
        traeger = _traeger(parties)
        marks: list[Flowable] = [RunningHeader(f"{traeger} · {title}")]
        if traeger not in seen:
            seen.add(traeger)
            marks.insert(0, Bookmark(_traeger_key(traeger), traeger, 0))
        marks.append(Bookmark(f"a-{agreement_id}", title, 1))
        story.append(KeepTogether([*marks, *_heading(title, ", ".join(parties), rows, status, styles)]))
        if table is None:
            story.append(Paragraph("Diese Zielvereinbarung enthält keine Ziele.", styles.note))
            continue
        story.append(table)
        details = [r for r in rows if charted_measure(r) is not None or r.goal.comment.strip()]
        if not details:
            continue
        if orientation == LANDSCAPE:
            story += [NextPageTemplate(PORTRAIT), PageBreak()]
        story.append(Paragraph("Verlauf der Ziele", details_style))
        for row in details:
            block = goal_block(row, course_from(row, values, status.month), styles, label_style)
            story += _bookmarked(block, Bookmark(f"g-{row.goal.id}", row.goal.title, 2))
    if progress is not None:
        progress.update(total, total, "Bericht zusammengestellt")
    return Document(
        title=f"{SUBJECT} {year} – Berichtsmonat {month_name(status.month)}",
        office=issued_by.name if issued_by is not None else store.site_name,
        subject=SUBJECT,
        story=story,
        landscape=first_orientation == LANDSCAPE,
        printed=today,
    )


def _traeger(parties: list[str]) -> str:
    """The Träger an agreement is filed under in the report: its first party."""
    return parties[0] if parties else "ohne Träger"


def _traeger_key(name: str) -> str:
    return "t-" + "".join(c if c.isalnum() else "-" for c in name)


def _entries(agreements: list[tuple[str, str]], names: dict[str, list[str]]) -> list[Entry]:
    """The contents: each Träger (bold) with its agreements, in the report's order."""
    entries: list[Entry] = []
    last = None
    for agreement_id, title in agreements:
        traeger = _traeger(names.get(agreement_id, []))
        if traeger != last:
            entries.append(Entry(0, traeger, _traeger_key(traeger)))
            last = traeger
        entries.append(Entry(1, title, f"a-{agreement_id}"))
    return entries


def _bookmarked(block: list[Flowable], bookmark: Bookmark) -> list[Flowable]:
    """A goal's block with its bookmark on the page of its heading."""
    first = block[0]
    if isinstance(first, KeepTogether):
        return [KeepTogether([bookmark, *kept_together(first)]), *block[1:]]
    return [bookmark, *block]


def _heading(title: str, parties: str, rows: list[GoalRow], status: YearStatus, styles: Styles) -> list[Flowable]:
    """Title, parties, reporting month and method, and how many goals stand where."""
    month_text = f"{month_name(status.month)} {status.year}"
    counts = {light: sum(1 for r in rows if r.status.light.value == light) for light, _ in _LIGHTS}
    summary = ", ".join(f"{counts[light]} {word}" for light, word in _LIGHTS)
    goals = f"{len(rows)} {'Ziel' if len(rows) == 1 else 'Ziele'}: {summary}" if rows else ""
    lines = [
        f"Jahr {status.year} · Berichtsmonat {esc(month_text)} · Hochrechnung: {esc(status.method.label)}",
        f"Vertragspartner: {esc(parties)}" if parties else "",
        goals,
    ]
    return [
        Paragraph(esc(title), styles.h1),
        Paragraph("<br/>".join(line for line in lines if line), styles.small),
    ]
