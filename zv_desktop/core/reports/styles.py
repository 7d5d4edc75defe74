"""Paragraph and table styles shared by every printed document (DIN A4, the embedded DejaVu Sans)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from zv_desktop.core.reports.fonts import BOLD, FONT, ITALIC, register_fonts

HEADER_FILL = colors.HexColor("#e6e9ef")
RULE_COLOR = colors.HexColor("#9aa3b0")
MUTED = colors.HexColor("#555555")
MARK_COLOR = colors.HexColor("#b00020")
#: The mark across a draft page: MARK_COLOR at 12 % on white, as a solid colour (no transparency in PDF/A).
MARK_TINT = colors.Color(1 - 0.12 * (1 - 0xB0 / 255), 1 - 0.12, 1 - 0.12 * (1 - 0x20 / 255))
#: Traffic lights told apart without colour too (office printers are mostly black and white): by shape, and by
#: grey level (luminance about 74, 123, 161 and 189 of 255 for red, green, amber and none).
LIGHT_COLORS = {
    "green": colors.HexColor("#43a047"),
    "amber": colors.HexColor("#e0a000"),
    "red": colors.HexColor("#b71c1c"),
    "none": colors.HexColor("#bdbdbd"),
}
LIGHT_SYMBOLS = {"green": "●", "amber": "▲", "red": "■", "none": "○"}


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a document."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle


def make_styles() -> Styles:
    """The styles, with the embedded font registered."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=5, splitLongWords=1)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceAfter=6),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14, textColor=MUTED, spaceAfter=10),
        h1=ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=13, leading=16, spaceBefore=12, spaceAfter=6),
        h2=ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=9, spaceAfter=4),
        h3=ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        note=ParagraphStyle("note", parent=body, fontName=ITALIC, fontSize=8.5, leading=11, textColor=MUTED),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
    )


def grid_style(header_rows: int = 1) -> TableStyle:
    """A ruled table with a shaded header row (repeated on every page by ``Table(repeatRows=…)``)."""
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE_COLOR),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    if header_rows:
        style.add("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL)
    return style


def label_style() -> TableStyle:
    """A ruled two-column label/value table, the labels shaded (a goal's figures)."""
    style = grid_style(header_rows=0)
    style.add("BACKGROUND", (0, 0), (0, -1), HEADER_FILL)
    return style


def plain_style() -> TableStyle:
    """An unruled table for label/value blocks (Vorlage header, signature blocks)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )
