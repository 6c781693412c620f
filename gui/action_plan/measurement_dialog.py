"""Asks for one measurement of an objective's indicator: the day and the value."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget


class MeasurementDialog(QDialog):
    def __init__(self, indicator: str, unit: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add measurement")
        self.when = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="d MMM yyyy",
                              objectName="measurementDate")
        self.value = QDoubleSpinBox(decimals=1, minimum=-1e9, maximum=1e9, suffix=f" {unit}".rstrip(),
                                    objectName="measurementValue")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{indicator}</b>"))
        form.addRow("&Date:", self.when)
        form.addRow("&Value:", self.value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[dt.date, float]:
        return self.when.date().toPython(), self.value.value()
