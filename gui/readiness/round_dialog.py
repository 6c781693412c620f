"""Starting a round: which instrument, a label people recognise, the date, and blank codes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from gui.screen_dates import from_qdate, make_date_edit
from services.readiness.instruments import InstrumentChoice


def season_label(day: dt.date) -> str:
    """ "Fall 2026", "Spring 2027"...: how districts name survey rounds."""
    season = "Spring" if day.month <= 5 else "Summer" if day.month <= 7 else "Fall"
    return f"{season} {day.year}"


class NewRoundDialog(QDialog):
    def __init__(self, choices: list[InstrumentChoice], today: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Start a readiness round")
        self.instrument = QComboBox()
        self.instrument.setObjectName("roundInstrument")
        for choice in choices:
            self.instrument.addItem(choice.title, choice.key)
        self.date = make_date_edit(self, today, object_name="roundDate")
        self.label = QLineEdit(season_label(today))
        self.label.setObjectName("roundLabel")
        self.respondents = QSpinBox()
        self.respondents.setObjectName("roundRespondents")
        self.respondents.setRange(0, 500)
        self.respondents.setValue(10)
        self.respondents.setToolTip("Blank respondent codes (R01, R02...) to print on the paper forms. "
                                    "You can add more later.")
        form = QFormLayout()
        form.addRow("&Instrument:", self.instrument)
        form.addRow("&Label:", self.label)
        form.addRow("&Given on:", self.date)
        form.addRow("&Respondents:", self.respondents)
        note = QLabel("Ask people beyond the planning team too, in every kind of position. Respondents are "
                      "recorded by code, never by name.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start round")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str, dt.date, int]:
        return (self.instrument.currentData(), self.label.text().strip(), from_qdate(self.date.date()),
                self.respondents.value())
