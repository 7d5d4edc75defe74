"""Field widgets of the Vorlage editor: a text box that saves when left, the impact questions of a Vorlage."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QGroupBox, QLabel, QRadioButton, QWidget

from zv_desktop.core import model


class ImpactBox(QGroupBox):
    """The impact questions of a Vorlage, each answered ja / nein / noch nicht zu übersehen / nicht abgefragt."""

    #: The user chose an answer: (field name of model.Paper, Impact or None for "nicht abgefragt").
    answered = Signal(str, object)

    CHOICES: tuple[model.Impact | None, ...] = (model.Impact.JA, model.Impact.NEIN, model.Impact.OFFEN, None)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Auswirkungen"), parent)
        labels = {  # the row labels with their & shortcuts, in the order of model.IMPACT_FIELDS
            "impact_financial": self.tr("F&inanzielle Auswirkung"),
            "impact_personnel": self.tr("&Personelle Auswirkung"),
            "impact_organisational": self.tr("&Organisatorische Auswirkung"),
            "impact_kpi": self.tr("Aus&wirkung auf Kennzahlen"),
            "impact_climate": self.tr("&Klimarelevanz"),
        }
        choices = (self.tr("ja"), self.tr("nein"), self.tr("noch nicht zu übersehen"), self.tr("nicht abgefragt"))
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        for column, text in enumerate(choices, start=1):
            heading = QLabel(text, self)
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(heading, 0, column)
        self.groups: dict[str, QButtonGroup] = {}
        self.labels: dict[str, QLabel] = {}
        for row, (field, plain) in enumerate(model.IMPACT_FIELDS, start=1):
            label = QLabel(labels[field], self)
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            for column, text in enumerate(choices):
                radio = QRadioButton(self)
                radio.setAccessibleName(self.tr("{question}: {answer}").format(question=self.tr(plain), answer=text))
                radio.setToolTip(text)
                group.addButton(radio, column)
                grid.addWidget(radio, row, column + 1, Qt.AlignmentFlag.AlignCenter)
            group.idClicked.connect(lambda choice, f=field: self.answered.emit(f, self.CHOICES[choice]))
            label.setBuddy(group.button(0))
            self.groups[field], self.labels[field] = group, label
        grid.setColumnStretch(5, 1)

    def radios(self) -> list[QRadioButton]:
        """All radio buttons row by row (for the tab order)."""
        return [b for group in self.groups.values() for b in group.buttons() if isinstance(b, QRadioButton)]

    def show_paper(self, paper: model.Paper) -> None:
        """Tick the stored answers; each row label then jumps to its ticked answer."""
        for field, group in self.groups.items():
            button = group.button(self.CHOICES.index(getattr(paper, field)))
            button.setChecked(True)
            self.labels[field].setBuddy(button)

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock the answers."""
        for radio in self.radios():
            radio.setEnabled(not read_only)
