"""Edit > Preferences: what happens at start-up, the paper size new plans get, and what counts as a
survey gap on the Data tab."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from gui.settings import AppSettings
from services.district_profile import PAPER_SIZES
from services.suppression import PROTECTION_TEXT


class PreferencesDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Preferences")
        self.reopen = QCheckBox("Open the last plan when WellPlan starts")
        self.reopen.setChecked(settings.reopen_last_plan())
        self.paper = QComboBox()
        for key, label in PAPER_SIZES.items():
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.default_paper_size())))
        form = QFormLayout(self)
        form.addRow(self.reopen)
        form.addRow("Paper size for new plans:", self.paper)
        note = QLabel("Each plan keeps its own paper size in its district profile (Overview tab).")
        note.setWordWrap(True)
        form.addRow(note)
        mean, pct = settings.gap_thresholds()
        self.gap_mean = QDoubleSpinBox(decimals=2, minimum=0.05, maximum=3.0, singleStep=0.05, value=mean,
                                       suffix=" points on the mean")
        self.gap_pct = QDoubleSpinBox(decimals=0, minimum=1, maximum=100, singleStep=1, value=pct,
                                      suffix=" points of percent favorable")
        form.addRow("Survey gap: a group at least", self.gap_mean)
        form.addRow("below all respondents, or", self.gap_pct)
        protection = QLabel(f"<b>Protection of small groups</b> (the same in every plan, not a preference): "
                            f"{PROTECTION_TEXT} Each plan's minimum group size is in its district profile "
                            "(Overview tab; never below 3).", objectName="protectionLevel")
        protection.setWordWrap(True)
        form.addRow(protection)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.set_reopen_last_plan(self.reopen.isChecked())
        self.settings.set_default_paper_size(self.paper.currentData())
        self.settings.set_gap_thresholds(self.gap_mean.value(), self.gap_pct.value())
        self.settings.sync()
        super().accept()
