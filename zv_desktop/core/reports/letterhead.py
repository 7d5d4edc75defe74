"""The letterhead of the authority that issues a printed document: its name, a department line, the address and,
at the right, its logo or coat of arms (a PNG stored with the Träger, flattened onto white: no transparency in PDF/A).
"""

from __future__ import annotations

import io

from PIL import Image as PilImage
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table

from zv_desktop.core import model
from zv_desktop.core.reports.fonts import BOLD
from zv_desktop.core.reports.markup import esc, para
from zv_desktop.core.reports.styles import MUTED, Styles, plain_style
from zv_desktop.core.rules.validation import png_readable
from zv_desktop.core.store import Store

LOGO_WIDTH, LOGO_HEIGHT = 30 * mm, 22 * mm


def issuer(store: Store, party_id: str | None) -> model.Party | None:
    """The issuing Träger of a document, or None if none is set (or it is gone)."""
    if party_id is None or not store.exists(model.Party, party_id):
        return None
    return store.get(model.Party, party_id)


def opaque_png(content: bytes) -> tuple[bytes, int, int] | None:
    """A logo flattened onto white (no transparency in PDF/A), as PNG bytes with its width and height in pixels;
    None if it cannot be read."""
    if not png_readable(content):
        return None
    with PilImage.open(io.BytesIO(content)) as image:
        rgba = image.convert("RGBA")
    flat = PilImage.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, "PNG")
    return out.getvalue(), flat.width, flat.height


def body_line(body: str, issued_by: model.Party | None) -> str:
    """The paper's body line („Der Bürgermeister“) under the issuer, '' if the letterhead already says it."""
    body = body.strip()
    said = issued_by.letter_department if issued_by is not None else ""
    return "" if not body or body in said else body


def _logo(content: bytes) -> Flowable | None:
    """The logo scaled into its box, keeping its proportions; None if it cannot be read."""
    flat = opaque_png(content)
    if flat is None:
        return None
    png, width, height = flat
    scale = min(LOGO_WIDTH / width, LOGO_HEIGHT / height)
    logo = Image(io.BytesIO(png), width=width * scale, height=height * scale)
    logo.hAlign = "RIGHT"
    return logo


def letterhead(party: model.Party, styles: Styles) -> list[Flowable]:
    """The letterhead block of ``party`` for the top of a document's first page."""
    name_style = ParagraphStyle("letter_name", parent=styles.body, fontName=BOLD, fontSize=13, leading=16, spaceAfter=1)
    line_style = ParagraphStyle("letter_line", parent=styles.body, spaceAfter=1)
    address_style = ParagraphStyle("letter_address", parent=styles.small, textColor=MUTED, spaceAfter=0)
    left: list[Flowable] = [para(party.name, name_style)]
    if party.letter_department.strip():
        left.append(para(party.letter_department.strip(), line_style))
    address = [line.strip() for line in party.letter_address.splitlines() if line.strip()]
    if address:
        left.append(Paragraph("<br/>".join(esc(line) for line in address), address_style))
    logo = _logo(party.logo) if party.logo else None
    # "*": the text takes the frame's width whatever the page's orientation, the logo sits at its right edge
    if logo is None:
        table = Table([[left]], colWidths=["*"], hAlign="LEFT")
    else:
        table = Table([[left, logo]], colWidths=["*", LOGO_WIDTH + 4 * mm], hAlign="LEFT")
    table.setStyle(plain_style())
    return [table, Spacer(1, 5 * mm)]
