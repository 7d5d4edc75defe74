"""German texts for Qt's own dialogs and menus (Ja/Nein, Abbrechen, Rückgängig in text fields …)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def install_german(app: QApplication) -> bool:
    """Load Qt's German translation shipped with PySide6 and make German the default locale."""
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    if id(app) in _loaded:
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_de", folder):
        return False
    _loaded[id(app)] = translator
    return app.installTranslator(translator)


_loaded: dict[int, QTranslator] = {}
