"""The dialog after a refused write: someone else changed the record; re-apply one's own input or discard it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def reapply_box(parent: QWidget | None, message: str, mine: list[str]) -> tuple[QMessageBox, QPushButton]:
    """The dialog of ``ask_reapply``, not yet shown, and its "apply" button."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Inzwischen von anderer Stelle geändert"), message, parent=parent)
    if mine:
        box.setInformativeText(
            _tr("Ihre Eingabe:")
            + "\n"
            + "\n".join(f"• {line}" for line in mine)
            + "\n\n"
            + _tr(
                "Sie können Ihre Eingabe auf den gespeicherten Stand anwenden (was die andere Stelle geändert hat, "
                "bleibt erhalten, außer in den Feldern Ihrer Eingabe) oder sie verwerfen."
            )
        )
    apply = box.addButton(_tr("Meine Eingabe &übernehmen"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_tr("&Verwerfen"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(discard)
    box.setEscapeButton(discard)
    return box, apply


def ask_reapply(parent: QWidget | None, message: str, mine: list[str]) -> bool:
    """Show who changed what, and the user's own input; True if the user wants to apply it to the stored state."""
    box, apply = reapply_box(parent, message, mine)
    box.exec()
    return box.clickedButton() is apply


def tell_conflict(parent: QWidget | None, message: str) -> None:
    """Say that an action was not carried out because someone else changed what it needed."""
    QMessageBox.warning(parent, _tr("Inzwischen von anderer Stelle geändert"), message)


def ask_shared_open(parent: QWidget | None, file_name: str, others: str) -> bool:
    """The file is open elsewhere: True to edit anyway, False to open it for looking only."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Datei bereits geöffnet"),
        _tr("Die Datei „{file}“ ist geöffnet von {others}.").format(file=file_name, others=others),
        parent=parent,
    )
    box.setInformativeText(
        _tr(
            "Sie können sie nur ansehen, oder trotzdem bearbeiten: ZV Desktop speichert jede Änderung sofort und "
            "überschreibt nie, was jemand anderes inzwischen geändert hat – es sagt dann, wer was geändert hat."
        )
    )
    view = box.addButton(_tr("&Nur ansehen"), QMessageBox.ButtonRole.RejectRole)
    edit = box.addButton(_tr("&Trotzdem bearbeiten"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(view)
    box.setEscapeButton(view)
    box.exec()
    return box.clickedButton() is edit
