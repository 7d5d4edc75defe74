"""The TrueType font printed documents embed: DejaVu Sans from ``resources/fonts`` (Bitstream Vera licence).

It has every character German office documents need (€, §, umlauts, ß, „“, –, ☐ and ☒), so no text falls back
to a font that is not embedded. ``register_fonts`` is idempotent and cheap after the first call.
"""

from __future__ import annotations

import os
import threading
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from zv_desktop.core.errors import ZvError

#: The family name used in paragraph styles and drawings.
FONT = "ZVSans"
BOLD = "ZVSans-Bold"
ITALIC = "ZVSans-Italic"
BOLD_ITALIC = "ZVSans-BoldItalic"

_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_lock = threading.Lock()
_registered = False


def font_dir() -> Path:
    """Where the bundled fonts are: ``ZV_RESOURCES/fonts`` if set, else the package data ``zv_desktop.resources.fonts``."""
    override = os.environ.get("ZV_RESOURCES")
    if override:
        return Path(override) / "fonts"
    return Path(str(resources.files("zv_desktop.resources.fonts")))


def register_fonts() -> str:
    """Register the embedded font family with ReportLab (once per process); returns the regular font's name."""
    global _registered
    with _lock:
        if _registered:
            return FONT
        folder = font_dir()
        for name, file_name in _FILES.items():
            path = folder / file_name
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (OSError, TTFError) as exc:
                raise ZvError(
                    f"Die Schriftart für den Druck fehlt oder ist beschädigt: {path} ({exc}). "
                    "Bitte installieren Sie ZV Desktop neu."
                ) from exc
        for bold, italic, name in ((0, 0, FONT), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
            addMapping(FONT, bold, italic, name)
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        _registered = True
        return FONT
