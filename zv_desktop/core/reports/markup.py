"""User text into ReportLab paragraphs, escaped: markup typed by a user prints literally and never breaks a build.

ReportLab's ``Paragraph`` reads a small XML dialect (``<b>``, ``<font>``, ``<para>`` …). Every text that comes
from the data file passes through ``esc`` before it reaches a paragraph; only this package adds markup.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

# C0 control characters other than tab and newline have no place in a printed text (and upset the parser).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n")
# a number and its unit, and "§"/"Abs."/"Nr." and their number, stay on one line (a no-break space joins them)
_UNIT = re.compile(r"(?<=\d) (?=(?:%|€|DM|VZA|Personen|Kontakte)(?![\w]))")
_BEFORE_NUMBER = re.compile(r"(§|\bAbs\.|\bNr\.) (?=\d)")


def esc(text: str) -> str:
    """Text escaped for paragraph markup; line breaks kept as ``<br/>``."""
    clean = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    clean = _BEFORE_NUMBER.sub("\\1\u00a0", _UNIT.sub("\u00a0", clean))
    return escape(clean).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle, markup_prefix: str = "") -> Paragraph:
    """One paragraph of user text; ``markup_prefix`` is trusted markup put before it (a bold label)."""
    return Paragraph(markup_prefix + esc(text), style)


def paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A long user text as one paragraph per block between blank lines, so it can break across pages."""
    blocks = [b.strip("\n") for b in _BLANK_LINES.split(text.replace("\r\n", "\n")) if b.strip()]
    return [para(block, style) for block in blocks]


def bold(text: str) -> str:
    """User text as bold markup (escaped)."""
    return f"<b>{esc(text)}</b>"
