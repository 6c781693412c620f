"""The district profile form: name, school year, reporting threshold and paper size."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from gui.overview import commands
from gui.plan_context import PROFILE, PlanContext
from gui.screen_dates import from_qdate, make_date_edit, to_qdate
from services import district_profile as dp


class ProfileForm(QGroupBox):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__("District profile", parent)
        self.context = context
        self._refreshing = False  # True while the fields are filled from the file, not typed
        self._profile: dp.DistrictProfile = context.read(dp.get_profile)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("districtName")
        self.name_edit.setPlaceholderText("e.g. Maple Hollow School District")
        self.year_edit = QLineEdit()
        self.year_edit.setPlaceholderText("e.g. 2026-27")
        self.start_edit = make_date_edit(self, object_name="yearStart")
        self.end_edit = make_date_edit(self, object_name="yearEnd")
        self.min_group = QSpinBox()
        self.min_group.setObjectName("minGroupSize")
        self.min_group.setRange(dp.MIN_GROUP_SIZE_FLOOR, 100)
        self.min_group.setSuffix(" people")
        self.min_group.setToolTip(
            "Survey results for any group smaller than this are never shown, printed or exported, "
            f"so no one can be identified. The default is {dp.DEFAULT_MIN_GROUP_SIZE}; it can't go below "
            f"{dp.MIN_GROUP_SIZE_FLOOR}."
        )
        self.paper = QComboBox()
        for key, label in dp.PAPER_SIZES.items():
            self.paper.addItem(label, key)

        form = QFormLayout(self)
        form.addRow("District &name:", self.name_edit)
        form.addRow("School &year:", self.year_edit)
        form.addRow("Fir&st day of school:", self.start_edit)
        form.addRow("&Last day of school:", self.end_edit)
        form.addRow("Minimum &group size:", self.min_group)
        note = QLabel("Results for smaller groups are never shown, to protect respondents.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        form.addRow("", note)
        form.addRow("&Paper size:", self.paper)

        self.name_edit.editingFinished.connect(lambda: self._commit("name", self.name_edit.text().strip()))
        self.year_edit.editingFinished.connect(lambda: self._commit("school_year", self.year_edit.text().strip()))
        # Dates commit when the field is left or a day is picked in the calendar, not on every
        # keystroke: typing "2027" passes through years 2, 20 and 202 on the way.
        for key, edit in (("year_start", self.start_edit), ("year_end", self.end_edit)):
            edit.editingFinished.connect(lambda k=key, e=edit: self._commit(k, from_qdate(e.date())))
            edit.calendarWidget().clicked.connect(lambda day, k=key: self._commit(k, from_qdate(day)))
        self.min_group.valueChanged.connect(lambda v: self._commit("min_group_size", int(v)))
        self.paper.currentIndexChanged.connect(lambda _i: self._commit("paper_size", self.paper.currentData()))
        context.changed.connect(lambda topics: self.refresh() if PROFILE in topics else None)
        context.rejected.connect(lambda _msg: self.refresh())
        self.refresh()

    def _commit(self, key: str, value: object) -> None:
        if self._refreshing:
            return
        current = getattr(self._profile, key)
        if current == value:
            return
        self.context.edit(commands.change_profile(self.context, key, value))

    def refresh(self) -> None:
        self._refreshing = True
        try:
            self._profile = self.context.read(dp.get_profile)
            p = self._profile
            widgets = (self.name_edit, self.year_edit, self.start_edit, self.end_edit, self.min_group, self.paper)
            blockers = [QSignalBlocker(w) for w in widgets]
            if self.name_edit.text() != p.name:
                self.name_edit.setText(p.name)
            if self.year_edit.text() != p.school_year:
                self.year_edit.setText(p.school_year)
            for edit, day in ((self.start_edit, p.year_start), (self.end_edit, p.year_end)):
                edit.setDate(to_qdate(day or dt.date.today()))
            self.min_group.setValue(p.min_group_size)
            self.paper.setCurrentIndex(max(0, self.paper.findData(p.paper_size)))
            del blockers
        finally:
            self._refreshing = False

