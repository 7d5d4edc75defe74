"""Draw the program icon (a document with a target mark and „ZV“) into resources/icons/ as PNG sizes and a Windows ICO.

Run once when the icon changes: `QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageWriter, QPainter, QPen
from PySide6.QtWidgets import QApplication

FOLDER = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE, RED = QColor("#1f4e79"), QColor("#c0392b")


def draw(size: int) -> QImage:
    """The icon at ``size`` pixels: a blue rounded square, a white sheet, a red target ring, „ZV“."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawRoundedRect(QRectF(0, 0, size, size), 3 * unit, 3 * unit)
    painter.setBrush(QColor("white"))
    painter.drawRect(QRectF(3 * unit, 2 * unit, 10 * unit, 12 * unit))
    painter.setPen(QPen(RED, max(1.0, 1.2 * unit)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QRectF(8.2 * unit, 3.2 * unit, 3.6 * unit, 3.6 * unit))
    painter.setBrush(RED)
    painter.drawEllipse(QRectF(9.5 * unit, 4.5 * unit, 1.0 * unit, 1.0 * unit))
    painter.setPen(BLUE)
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(max(6, int(5.5 * unit)))
    painter.setFont(font)
    painter.drawText(QRectF(3 * unit, 7.5 * unit, 10 * unit, 6 * unit), Qt.AlignmentFlag.AlignCenter, "ZV")
    painter.end()
    return image


def main() -> int:
    """Write zv-desktop-<size>.png for every size, zv-desktop.png (256) and zv-desktop.ico (all sizes)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    FOLDER.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(str(FOLDER / f"zv-desktop-{size}.png"))
    images[256].save(str(FOLDER / "zv-desktop.png"))
    writer = QImageWriter(str(FOLDER / "zv-desktop.ico"), b"ico")
    ok = writer.write(images[256])  # Qt's ICO writer stores one image; Windows scales it for small sizes
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
