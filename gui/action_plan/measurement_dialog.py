"""Asks for one measurement of an objective's indicator: the day and the value."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget

from gui.screen_dates import from_qdate, make_date_edit


class MeasurementDialog(QDialog):
    def __init__(self, indicator: str, unit: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add measurement")
        self.when = make_date_edit(self, None, "measurementDate")
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
        return from_qdate(self.when.date()), self.value.value()
