"""Parts of the achievement report: the table of an agreement's goals and the block of one goal with its chart.

Every figure comes from a ``GoalRow`` of ``year_status`` and is worded by ``status_text``, exactly as on the
dashboard and in ``zv status``. User text (titles, names, comments) passes through ``markup.esc`` into paragraphs;
the goal table (``fast_table``) draws it as plain text.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from zv_desktop.core.charts.monthly_chart import WIDTH, monthly_drawing
from zv_desktop.core.choices import GoalKind
from zv_desktop.core.formats import format_date
from zv_desktop.core.reports.document import LANDSCAPE, PORTRAIT, frame_width
from zv_desktop.core.reports.fast_table import LEFT, RIGHT, SIDE_PADDING, Cell, FastTable, Run, text_width
from zv_desktop.core.reports.fonts import BOLD, FONT
from zv_desktop.core.reports.markup import esc, paragraphs
from zv_desktop.core.reports.styles import LIGHT_COLORS, LIGHT_SYMBOLS, MUTED, Styles
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.services.goal_course import MonthlyCourse
from zv_desktop.core.services.status import GoalRow
from zv_desktop.core.services.status_text import (
    agreed_text,
    explain,
    figure_text,
    percent_text,
    unit_of,
)

NO_COMMENT = "Kein Kommentar erfasst."
_TITLE_MIN = 140.0
_STATUS_WIDTH = 90.0
_SMALL = 7.0  # the grey second line of a goal or status cell
_KEPT_COMMENT = 600  # characters of a comment's first block kept on the page of its chart
_MUTED_HEX = MUTED.hexval()[2:]


def light_markup(row: GoalRow) -> str:
    """The traffic light as a coloured symbol (its shape tells it in black and white) and word, the verdict below it
    when it says more ("offen")."""
    light = row.status.light
    color = LIGHT_COLORS[light.value].hexval()[2:]
    text = f'<font color="#{color}">{LIGHT_SYMBOLS[light.value]}</font> {esc(light.label)}'
    if row.status.verdict and row.status.verdict != light.label:
        text += f'<br/><font size="7" color="#{_MUTED_HEX}">{esc(row.status.verdict)}</font>'
    return text


def target_text(row: GoalRow) -> str:
    """The agreed figure (``status_text.agreed_text``); for milestones and reports their deadline ("Frist …")."""
    goal = row.goal
    if goal.kind in (GoalKind.MILESTONE, GoalKind.REPORTING):
        return f"Frist {format_date(goal.deadline)}" if goal.deadline else "–"
    return agreed_text(row)


def actual_text(row: GoalRow) -> str:
    """The Ist up to the reporting month (Jahresfortschrittswert); for a deadline when it was met."""
    goal, status = row.goal, row.status
    if goal.kind in (GoalKind.MILESTONE, GoalKind.REPORTING):
        word = "erledigt" if goal.kind is GoalKind.MILESTONE else "geliefert"
        return f"{word} am {format_date(goal.done_date)}" if goal.done_date else "–"
    if status.figure is not None and goal.kind not in (GoalKind.RELATIVE_CHANGE, GoalKind.STAFFING):
        return figure_text(status.figure.to_date, unit_of(row))
    return figure_text(status.actual, unit_of(row))


def forecast_text(row: GoalRow) -> str:
    """The year-end figure compared with the target (the forecast); "–" where the goal has none."""
    if row.status.figure is None or row.goal.kind in (GoalKind.RELATIVE_CHANGE, GoalKind.STAFFING):
        return "–"
    return figure_text(row.status.actual, unit_of(row))


def percent_cell(row: GoalRow) -> str:
    """The percentage ("99,4 %"); a budget's share spent says so on a second line ("Ausschöpfung")."""
    text = percent_text(row.status.percent)
    if row.status.percent is not None and row.status.percent_kind != "Zielerreichung":
        text += "\n" + row.status.percent_kind
    return text


def goal_cell(row: GoalRow) -> Cell:
    """The goal's title; below it in small grey print its place, measure and area."""
    runs = [Run(row.goal.title)]
    measure = f"{row.measure.code} {row.measure.name}".strip() if row.measure is not None else ""
    detail = " · ".join(p for p in (row.place, measure, row.area_name if measure else "") if p)
    if detail:
        runs.append(Run(detail, FONT, _SMALL, MUTED))
    return Cell(runs)


def light_cell(row: GoalRow) -> Cell:
    """The traffic light as a coloured symbol (its shape tells it in black and white) and word, the verdict below it
    in small grey print when it says more."""
    light = row.status.light
    runs = [Run(light.label)]
    if row.status.verdict and row.status.verdict != light.label:
        runs.append(Run(row.status.verdict, FONT, _SMALL, MUTED))
    return Cell(runs, dot=LIGHT_COLORS[light.value], symbol=LIGHT_SYMBOLS[light.value])


def table_rows(rows: list[GoalRow]) -> list[list[Cell | str]]:
    """The cells of every goal: goal and light as cells of runs; target, Ist, forecast, percentage as plain text.

    The figures are plain strings ("\n" breaks a line): the columns are measured to fit them.
    """
    return [
        [
            goal_cell(r),
            target_text(r).replace("Frist ", "Frist\n", 1),
            actual_text(r).replace(" am ", " am\n", 1),
            forecast_text(r),
            percent_cell(r),
            light_cell(r),
        ]
        for r in rows
    ]


def _lines_width(text: str, font: str, size: float) -> float:
    """The width of the widest line of a plain cell text (lines split at newlines)."""
    return max(text_width(line, font, size) for line in text.split("\n"))


def goal_table(
    rows: list[GoalRow], month: int, year: int, method: Method, styles: Styles, orientation: str | None = None
) -> tuple[str, Flowable | None]:
    """The table of an agreement's goals and the orientation it needs (landscape if the figures are wide), or laid
    out for the ``orientation`` given (a handout that puts all its tables one way)."""
    if not rows:
        return PORTRAIT, None
    cells = table_rows(rows)
    forecast = "Prognose\n(gleitend)" if method is Method.ROLLING_12 else "Prognose\nJahresende"
    header = ["Ziel", "Zielwert", f"Ist bis\n{month:02d}/{year}", forecast, "Ziel-\nerreichung", "Status"]
    size = styles.cell.fontSize
    columns = list(zip(*[c[1:5] for c in cells], strict=True))
    fixed = [
        max(_lines_width(h, BOLD, size), *(_lines_width(str(c), FONT, size) for c in column)) + 2 * SIDE_PADDING
        for h, column in zip(header[1:5], columns, strict=True)
    ]
    fixed.append(_STATUS_WIDTH)
    if orientation is None:
        orientation = PORTRAIT if sum(fixed) + _TITLE_MIN <= frame_width(PORTRAIT) else LANDSCAPE
    widths = [max(frame_width(orientation) - sum(fixed), _TITLE_MIN / 2), *fixed]
    align = [LEFT, RIGHT, RIGHT, RIGHT, RIGHT, LEFT]
    return orientation, FastTable(header, cells, widths, align, FONT, BOLD, size)


def goal_block(
    row: GoalRow, course: MonthlyCourse | None, styles: Styles, comment_label: ParagraphStyle
) -> list[Flowable]:
    """One goal in detail: heading, chart (or why there is none), how its figures came about, the comment."""
    heading = " – ".join(p for p in (esc(row.place), esc(row.goal.title)) if p)
    status_line = f"{light_markup(row).replace('<br/>', ' · ')}"
    if row.status.percent is not None:
        status_line += f" · {esc(row.status.percent_kind)} {esc(percent_text(row.status.percent))}"
    if row.measure is not None:
        measure = f"{row.measure.code} {row.measure.name}".strip()
        status_line = f"{esc(measure)}{' · ' + esc(row.area_name) if row.area_name else ''} · {status_line}"
    head: list[Flowable] = [Paragraph(heading, styles.h3), Paragraph(status_line, styles.small)]
    if course is not None and (course.this_year or course.previous_year):
        head.append(monthly_drawing(course, min(WIDTH, frame_width(PORTRAIT)), font_name=FONT))
    elif course is not None:
        head.append(Paragraph(f"Für {row.year} und {row.year - 1} sind keine Monatswerte erfasst.", styles.note))
    elif row.goal.kind in (GoalKind.MILESTONE, GoalKind.REPORTING):
        deadline = " · ".join(t for t in (target_text(row), actual_text(row)) if t != "–")
        if deadline:
            head.append(Paragraph(esc(deadline), styles.small))
    explanation = explain(row)
    if explanation != row.status.verdict:
        head.append(Paragraph(esc(explanation), styles.small))
    comment = row.goal.comment.strip()
    if not comment:
        return [KeepTogether([*head, Paragraph(NO_COMMENT, styles.note)])]
    body = paragraphs(comment, styles.small)
    kept = 1 if len(comment.split("\n\n", 1)[0]) <= _KEPT_COMMENT else 0  # a long first block may start anywhere
    label = Paragraph("Kommentar zur Zielerreichung", comment_label)
    return [KeepTogether([*head, label, *body[:kept]]), *body[kept:]]
