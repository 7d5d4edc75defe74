"""`make screenshots`: renders every main view on the demo file to PNG files (offscreen)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from zv_desktop.core.demo import build_demo
from zv_desktop.core.store import open_store
from zv_desktop.ui.main_window import MainWindow


def write_screenshots(folder: Path) -> list[Path]:
    """Open the demo file, grab each view at 1366×768 and save it under ``folder``; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        # a short, stable path, so the pictures do not change with the temporary folder's name
        store = open_store(Path(tmp) / "demo.sqlite", create=True, office_name="Demo-Dienststelle")
        store.path = Path("demo.sqlite")
        build_demo(store)
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        target = folder / "hauptfenster.png"
        window.grab().save(str(target))
        written.append(target)
        window.close()
        store.close()
    return written


if __name__ == "__main__":
    for path in write_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
