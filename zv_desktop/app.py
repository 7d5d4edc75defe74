"""Entry point of the desktop client: arguments, logging, crash handler, QApplication, main window."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from zv_desktop.core.crash import write_crash_report
from zv_desktop.core.errors import ZvError
from zv_desktop.core.paths import default_db_path, log_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

log = logging.getLogger("zv_desktop")


def setup_logging(folder: Path | None = None) -> Path:
    """Log to a file in the user's log folder; returns the file's path."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "zv-desktop.log"
    logging.basicConfig(
        filename=path, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    return path


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Unexpected errors: log, write a report, tell the user in German; saved work is already on disk."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if isinstance(exc, sqlite3.Error) and _tell_file_problem(exc):
        return
    log.error("Unerwarteter Fehler", exc_info=(exc_type, exc, tb))
    report = write_crash_report(exc_type, exc, tb)
    if QApplication.instance() is not None:
        from PySide6.QtCore import QCoreApplication

        def tr(text: str) -> str:
            return QCoreApplication.translate("CrashDialog", text)

        QMessageBox.critical(
            None,
            tr("ZV Desktop – unerwarteter Fehler"),
            tr(
                "Es ist ein unerwarteter Fehler aufgetreten. Alles bereits Gespeicherte bleibt erhalten.\n\n"
                "Ein Fehlerbericht wurde gespeichert unter:\n{report}"
            ).format(report=report),
        )


def _tell_file_problem(exc: sqlite3.Error) -> bool:
    """A damaged, locked or stalled data file met while browsing: the German message of core, no crash report.

    Returns False if no window is open to say it in (then the crash handler reports it as usual).
    """
    from PySide6.QtWidgets import QApplication, QMessageBox

    from zv_desktop.core.store.inspection import sqlite_error_message
    from zv_desktop.ui.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.store is not None]
    if not windows or windows[0].store is None:
        return False
    log.warning("Datendatei: %s", exc)
    QMessageBox.warning(windows[0], "ZV Desktop", sqlite_error_message(windows[0].store.path, exc))
    return True


def _icon() -> QIcon:
    """The program icon in all its sizes (package data)."""
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resources.files("zv_desktop.resources.icons")
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(folder / f"zv-desktop-{size}.png"))
    return icon


def _import_all() -> tuple[int, list[str]]:
    """Import every module of the program; returns how many were checked and the names that failed."""
    import importlib
    import pkgutil

    import zv_desktop

    names = [
        m.name for m in pkgutil.walk_packages(zv_desktop.__path__, "zv_desktop.") if not m.name.endswith("__main__")
    ]
    missing = []
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{name} ({exc})")
    return len(names), missing


def _bare_start_check() -> int:
    """An empty QMainWindow shown and closed: the floor of the start-up figures, from the same installation."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    print("Fenster bereit: leeres Fenster", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desktop client on ``--db`` (or the default file)."""
    parser = argparse.ArgumentParser(prog="zv-desktop", description="ZV Desktop")
    parser.add_argument("--db", type=Path, help="Datendatei")
    parser.add_argument(
        "received", nargs="?", type=Path, metavar="AUSTAUSCHDATEI", help="eine Austauschdatei (.zvx) übernehmen"
    )
    # smoke tests and start-up figures: show the window (or, "bare", an empty QMainWindow: the floor), report, quit
    # ("modules" also imports every module of the program: menu handlers are imported when first used)
    parser.add_argument(
        "--start-check", nargs="?", const="window", choices=["window", "bare", "modules"], help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.start_check == "bare":
        return _bare_start_check()
    setup_logging()
    sys.excepthook = _excepthook

    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from zv_desktop.core.store import open_store
    from zv_desktop.ui.main_window import MainWindow
    from zv_desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ZV Desktop")
    QGuiApplication.setDesktopFileName("zv-desktop")  # Linux: the window belongs to the menu entry (and its icon)
    QGuiApplication.setWindowIcon(_icon())
    from zv_desktop.ui.translations import install_german

    install_german(app)
    settings = Settings()
    last = settings.value("last_file")
    db = args.db or (Path(last) if last and Path(last).exists() else default_db_path())
    try:
        store = open_store(db, create=not db.exists())
    except ZvError as exc:
        QMessageBox.critical(None, "ZV Desktop", str(exc))
        return 2
    window = MainWindow(store, settings)
    window.show()
    if args.start_check:  # the installers' smoke tests and start-up measurements: the window is up, then quit
        from PySide6.QtCore import QTimer

        def report_and_quit() -> None:
            print(f"Fenster bereit: {window.windowTitle()}", flush=True)
            if args.start_check == "modules":
                checked, missing = _import_all()
                print(f"Module geprüft: {checked}; fehlend: {', '.join(missing) or 'keine'}", flush=True)
            app.quit()

        QTimer.singleShot(0, report_and_quit)
    if args.received is not None:  # a double-click on an exchange file: its preview over the usual data file
        from PySide6.QtCore import QTimer

        from zv_desktop.ui.exchange_receive import receive_exchange

        received: Path = args.received
        QTimer.singleShot(0, lambda: receive_exchange(window, received))
    code = app.exec()
    store.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
