"""Reading printed PDFs back for the tests: their text, fonts and metadata (pypdf)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def reader(pdf: bytes | Path) -> PdfReader:
    """A pypdf reader for PDF bytes or a file."""
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def page_texts(pdf: bytes | Path) -> list[str]:
    """The extracted text of every page."""
    return [page.extract_text() or "" for page in reader(pdf).pages]


def text(pdf: bytes | Path) -> str:
    """All text of the PDF, pages joined by newlines, line breaks inside a paragraph folded to spaces."""
    return "\n".join(page_texts(pdf))


def flat(pdf: bytes | Path) -> str:
    """All text with every run of whitespace folded to one space (for phrases that wrap across lines)."""
    return " ".join(text(pdf).split())


def font_files(pdf: bytes | Path) -> dict[str, bool]:
    """Every font used on any page and whether its file is embedded (FontFile2 / FontFile3 / FontFile)."""
    found: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        if not fonts:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font.get("/BaseFont"))] = embedded
    return found
