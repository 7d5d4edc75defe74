"""The places where ZV Desktop reaches past ReportLab's public API, gathered here and checked by a test.

``fast_table`` writes table text straight into a page's content stream (thousands of cells per report; ReportLab's
``PDFTextObject`` measures and formats every string again). For TrueType fonts that needs what ``PDFTextObject``
itself uses (``reportlab/pdfgen/textobject.py``, ``reportlab/pdfbase/ttfonts.py``):

* the document a canvas writes to (``Canvas._doc``): TrueType subsets are numbered per document;
* ``TTFont.splitString(text, doc)``: the text as pieces of one subset each (up to 256 glyphs a subset);
* ``TTFont.getSubsetInternalName(subset, doc)``: the PDF resource name of a subset ("/F1+0").

Elsewhere the reports need: the page size a canvas draws on (``Canvas._pagesize``: a page template's own size,
landscape pages included), the flowables a ``KeepTogether`` holds (``_content``: to join a heading to them), and,
for PDF/A, the document's time stamp (``_timeStamp``) and a key the catalog must write although its class does not
know it (``__NoDefault__``, ``__Refs__``).

A new ReportLab may change any of them. ``TESTED_WITH`` names the version they were checked against;
``tests/reports/test_reportlab_internals.py`` fails on another version, and checks that text written this way
reads back from the PDF, so an upgrade is looked at before it ships.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether

#: The ReportLab version these internals were checked against (pinned in pyproject.toml).
TESTED_WITH = "5.1.0"


def document_of(canvas: Any) -> Any:
    """The PDF document a canvas writes to: the key TrueType subsets are counted under."""
    return canvas._doc


def truetype(name: str) -> TTFont:
    """A registered TrueType font; ValueError for another kind (a table's text is written for TrueType subsets)."""
    face = getFont(name)
    if not isinstance(face, TTFont):
        raise ValueError(f"Die Schrift {name} ist keine eingebettete TrueType-Schrift.")
    return face


def shown_pieces(face: TTFont, text: str, document: Any) -> list[tuple[int, str, str]]:
    """``text`` as (subset, the subset's font resource name, the PDF "(…) Tj" operator) pieces for ``document``."""
    return [
        (subset, face.getSubsetInternalName(subset, document), f"({escapePDF(chunk)}) Tj")
        for subset, chunk in face.splitString(text, document)
    ]


def page_size(canvas: Any) -> tuple[float, float]:
    """The width and height of the page the canvas draws on now."""
    width, height = canvas._pagesize
    return float(width), float(height)


def kept_together(flowable: Flowable) -> list[Flowable]:
    """The flowables a ``KeepTogether`` holds, or the flowable alone."""
    return list(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]


def time_stamp(document: Any) -> Any:
    """The document's creation time as ReportLab keeps it (``TimeStamp``: ``t``, ``dhh``, ``dmm``)."""
    return document._timeStamp


def catalog_also_writes(catalog: Any, key: str) -> None:
    """Let this document's catalog write ``key`` (an attribute set on it) besides the keys its class knows."""
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, key]
    catalog.__Refs__ = [*type(catalog).__Refs__]
