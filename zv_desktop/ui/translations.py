"""German texts for Qt's own dialogs and menus (Ja/Nein, Abbrechen, Rückgängig in text fields …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str:
        """Qt's marker of a text translated later; it returns ``message`` (PySide6's stub says ``object``)."""

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: F401 - re-exported with the type above


def install_german(app: QCoreApplication) -> bool:
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
