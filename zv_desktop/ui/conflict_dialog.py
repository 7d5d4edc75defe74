"""The dialog after a refused write: someone else changed the record; re-apply one's own input or discard it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def _choice_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, yes: str, no: str
) -> tuple[QMessageBox, QPushButton]:
    """A message box with a "yes" and a "no" button of its own words; "no" is the default and Escape."""
    box = QMessageBox(icon, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    box.setEscapeButton(reject)
    return box, accept


def reapply_box(parent: QWidget | None, message: str, mine: list[str]) -> tuple[QMessageBox, QPushButton]:
    """The dialog of ``ask_reapply``, not yet shown, and its "apply" button."""
    title = _tr("Inzwischen von anderer Stelle geändert")
    box, apply = _choice_box(
        parent, QMessageBox.Icon.Warning, title, message, _tr("Meine Eingabe &übernehmen"), _tr("&Verwerfen")
    )
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
    text = _tr("Die Datei „{file}“ ist geöffnet von {others}.").format(file=file_name, others=others)
    box, edit = _choice_box(
        parent,
        QMessageBox.Icon.Question,
        _tr("Datei bereits geöffnet"),
        text,
        _tr("&Trotzdem bearbeiten"),
        _tr("&Nur ansehen"),
    )
    box.setInformativeText(
        _tr(
            "Sie können sie nur ansehen, oder trotzdem bearbeiten: ZV Desktop speichert jede Änderung sofort und "
            "überschreibt nie, was jemand anderes inzwischen geändert hat – es sagt dann, wer was geändert hat."
        )
    )
    box.exec()
    return box.clickedButton() is edit
