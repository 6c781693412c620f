"""The "Plan" page: when and where, who is invited (with the template's role check), the agenda
with a running total, and the invitation ready to copy or open in the mail app."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.focus_groups.session_models import AgendaModel, AttendeesModel
from gui.screen_dates import from_qdate, make_date_edit, make_time_edit, to_qdate
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view

WARN = "color: #9C4221;"
OK = "color: #276749;"


def _qdate(value: dt.date | None) -> QDate:
    return to_qdate(value or dt.date.today())


def _date(q: QDate) -> dt.date:
    return from_qdate(q)


class DetailsForm(QWidget):
    """The session's own fields; each change is one undoable edit (typing merges into one)."""

    changed = Signal(dict, str)  # fields, undo text

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loading = False
        self._record = None
        self.title = QLineEdit(objectName="sessionTitleField")
        self.first_date = make_date_edit(self, object_name="sessionDate")
        self.first_date.setAccessibleName("Date")
        self.has_second = QCheckBox("&Second session on")
        self.second_date = make_date_edit(self, object_name="sessionSecondDate")
        self.second_date.setAccessibleName("Second session date")
        self.has_time = QCheckBox("Starts &at")
        self.start_time = make_time_edit(self)
        self.start_time.setObjectName("sessionStartTime")
        self.start_time.setAccessibleName("Start time")
        self.place = QLineEdit(objectName="sessionPlace")
        self.facilitator = QLineEdit(objectName="sessionFacilitator")
        self.booked = QSpinBox(objectName="sessionBooked", suffix=" min", singleStep=15)
        self.booked.setRange(15, 960)
        # Two rows, so the date fields keep their width in a narrow window (1024 wide).
        dates = QHBoxLayout()
        dates.addWidget(self.first_date)
        dates.addWidget(self.has_time)
        dates.addWidget(self.start_time)
        dates.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.has_second)
        second.addWidget(self.second_date)
        second.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Title:", self.title)
        date_label = QLabel("&Date:", buddy=self.first_date)
        form.addRow(date_label, dates)
        form.addRow("", second)
        form.addRow("&Place:", self.place)
        form.addRow("&Facilitator:", self.facilitator)
        form.addRow("Time &booked:", self.booked)
        self.title.editingFinished.connect(lambda: self._emit({"title": self.title.text()}, "Rename the session"))
        self.place.editingFinished.connect(lambda: self._emit({"place": self.place.text()}, "Change the place"))
        self.facilitator.editingFinished.connect(
            lambda: self._emit({"facilitator": self.facilitator.text()}, "Change the facilitator"))
        self.first_date.dateChanged.connect(
            lambda d: self._emit({"first_date": _date(d)}, "Change the date"))
        self.second_date.dateChanged.connect(lambda _d: self._second_changed())
        self.has_second.toggled.connect(lambda _on: self._second_changed())
        self.start_time.timeChanged.connect(lambda _t: self._time_changed())
        self.has_time.toggled.connect(lambda _on: self._time_changed())
        self.booked.valueChanged.connect(lambda v: self._emit({"booked_minutes": v}, "Change the time booked"))

    def _emit(self, fields: dict, text: str) -> None:
        # Leaving a field without changing it is not an edit (no empty step on the undo stack).
        if self._loading or self._record is None:
            return
        if all(getattr(self._record, key) == (value.strip() if isinstance(value, str) else value)
               for key, value in fields.items()):
            return
        self.changed.emit(fields, text)

    def _second_changed(self) -> None:
        self.second_date.setEnabled(self.has_second.isChecked())
        value = _date(self.second_date.date()) if self.has_second.isChecked() else None
        self._emit({"second_date": value}, "Change the second date")

    def _time_changed(self) -> None:
        self.start_time.setEnabled(self.has_time.isChecked())
        t = self.start_time.time()
        self._emit({"start_time": dt.time(t.hour(), t.minute()) if self.has_time.isChecked() else None},
                   "Change the start time")

    def show_record(self, record) -> None:
        self._loading = True
        self._record = record
        try:
            self.setEnabled(record is not None)
            if record is None:
                return
            for field, value in ((self.title, record.title), (self.place, record.place),
                                 (self.facilitator, record.facilitator)):
                if not field.hasFocus() or field.text() == value:
                    field.setText(value)
            self.first_date.setDate(_qdate(record.first_date))
            self.has_second.setChecked(record.second_date is not None)
            self.second_date.setEnabled(record.second_date is not None)
            self.second_date.setDate(_qdate(record.second_date or record.first_date))
            self.has_time.setChecked(record.start_time is not None)
            self.start_time.setEnabled(record.start_time is not None)
            t = record.start_time or dt.time(9, 0)
            self.start_time.setTime(QTime(t.hour, t.minute))
            self.booked.setValue(record.booked_minutes)
        finally:
            self._loading = False


class PlanPage(QWidget):
    invite_requested = Signal(bool)  # True: someone new
    remove_attendee_requested = Signal()
    agenda_add_requested = Signal()
    agenda_remove_requested = Signal()
    agenda_move_requested = Signal(int)

    def __init__(self, attendees: AttendeesModel, agenda: AgendaModel, parent=None):
        super().__init__(parent)
        self.details = DetailsForm(self)

        self.attendees_view = make_table_view(self)
        self.attendees_view.setObjectName("attendeesList")
        self.attendees_view.setModel(attendees)
        self._delegates = [ChoiceDelegate(attendees.role_choices, self), ChoiceDelegate(attendees.yes_no, self)]
        self.attendees_view.setItemDelegateForColumn(attendees.column_of("role_key"), self._delegates[0])
        self.attendees_view.setItemDelegateForColumn(attendees.column_of("attended"), self._delegates[1])
        attendees.modelReset.connect(self._fit_attendees)
        self._fit_attendees()
        self.attendees_view.setAccessibleName("Attendees")
        invite_new_action = QAction("Invite someone &new...", self.attendees_view)
        invite_new_action.triggered.connect(lambda _checked=False: self.invite_requested.emit(True))
        self.attendees_view.set_commands(add=("&Invite from the plan...", lambda: self.invite_requested.emit(False)),
                                         remove=("&Remove from the attendees", self.remove_attendee_requested.emit),
                                         extra=[invite_new_action])
        self.roles_label = QLabel(objectName="rolesCheck", wordWrap=True)
        self.need_label = QLabel(objectName="needGaps", wordWrap=True)
        self.need_label.setStyleSheet(WARN)
        self.hours_label = QLabel(objectName="hoursCheck", wordWrap=True)
        self.hours_label.setStyleSheet(WARN)
        invite = QPushButton("Invite from the plan...")
        invite.clicked.connect(lambda: self.invite_requested.emit(False))
        invite_new = QPushButton("Invite someone new...")
        invite_new.setObjectName("inviteNew")
        invite_new.clicked.connect(lambda: self.invite_requested.emit(True))
        remove = QPushButton("Remove attendee")
        remove.clicked.connect(self.remove_attendee_requested.emit)
        people_box = QGroupBox("Attendees")
        people_layout = QVBoxLayout(people_box)
        people_layout.addWidget(self.attendees_view, 1)
        people_layout.addWidget(self.roles_label)
        people_layout.addWidget(self.need_label)
        people_layout.addWidget(self.hours_label)
        people_layout.addLayout(_rows(invite, invite_new, remove))

        self.agenda_view = make_table_view(self)
        self.agenda_view.setObjectName("agendaList")
        self.agenda_view.setModel(agenda)
        agenda.modelReset.connect(self._fit_agenda)
        self._fit_agenda()
        self.agenda_view.setAccessibleName("Agenda")
        moves = []
        for text, step, key in (("Move &up", -1, "Ctrl+Up"), ("Move &down", 1, "Ctrl+Down")):
            action = QAction(text, self.agenda_view)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, step=step: self.agenda_move_requested.emit(step))
            self.agenda_view.addAction(action)
            moves.append(action)
        self.agenda_view.set_commands(add=("&Add item", self.agenda_add_requested.emit),
                                      remove=("&Remove item", self.agenda_remove_requested.emit), extra=moves)
        self.timing_label = QLabel(objectName="agendaTiming", wordWrap=True)
        buttons = []
        for text, slot in (("Add item", self.agenda_add_requested.emit), ("Remove item", self.agenda_remove_requested.emit),
                           ("Move up", lambda: self.agenda_move_requested.emit(-1)),
                           ("Move down", lambda: self.agenda_move_requested.emit(1))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.append(button)
        agenda_box = QGroupBox("Agenda")
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addWidget(self.agenda_view, 1)
        agenda_layout.addWidget(self.timing_label)
        agenda_layout.addLayout(_rows(*buttons))

        self.subject = QLineEdit(readOnly=True, objectName="invitationSubject")
        self.body = QPlainTextEdit(readOnly=True, objectName="invitationBody")
        copy = QPushButton("Copy invitation")
        copy.setObjectName("copyInvitation")
        copy.clicked.connect(self.copy_invitation)
        self.mail = QPushButton("Open in mail app")
        self.mail.setObjectName("openMail")
        self.mail.setToolTip("Opens a new message in your own mail program, addressed to attendees whose "
                             "contact is an email address. WellPlan sends nothing itself.")
        self.mail.clicked.connect(self.open_mail)
        invite_box = QGroupBox("Invitation")
        invite_layout = QVBoxLayout(invite_box)
        invite_layout.addWidget(self.subject)
        invite_layout.addWidget(self.body, 1)
        invite_layout.addLayout(_row(copy, self.mail))
        self._mailto = ""

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.details)
        left_layout.addWidget(people_box, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(agenda_box)
        right.addWidget(invite_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)  # the details and attendees keep their width in a narrow window
        split.setStretchFactor(1, 2)
        split.setSizes([600, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split)

    def _fit_attendees(self) -> None:
        view = self.attendees_view
        view.horizontalHeader().setStretchLastSection(False)
        # Names and roles whole (the detail, mostly empty, takes what is left).
        fit_columns(view, stretch_column=view.model().column_of("role_detail"))
        view.setColumnWidth(0, max(view.columnWidth(0), 170))

    def _fit_agenda(self) -> None:
        self.agenda_view.horizontalHeader().setStretchLastSection(False)
        fit_columns(self.agenda_view, stretch_column=0)
        self.agenda_view.setColumnWidth(1, 80)

    def show_state(self, record, missing_roles: list[str] | None, timing, invitation, need_gaps: list[str] = (),
                   hours: str = "") -> None:
        self.details.show_record(record)
        # The district's need checked against the invitation list, and who can't be expected at this time.
        self.need_label.setText(" ".join(need_gaps))
        self.need_label.setVisible(bool(need_gaps))
        self.hours_label.setText(hours)
        self.hours_label.setVisible(bool(hours))
        if record is None:
            self.roles_label.clear()
            self.timing_label.clear()
            self.subject.clear()
            self.body.clear()
            return
        if missing_roles:
            self.roles_label.setText("Roles the template asks for that nobody covers yet: " + ", ".join(missing_roles))
            self.roles_label.setStyleSheet(WARN)
        else:
            self.roles_label.setText("Every role the template asks for is invited.")
            self.roles_label.setStyleSheet(OK)
        self.timing_label.setText(timing.text)
        self.timing_label.setStyleSheet(WARN if timing.over_by else OK)
        self.subject.setText(invitation.subject)
        if self.body.toPlainText() != invitation.body:
            self.body.setPlainText(invitation.body)
        self._mailto = invitation.mailto

    def copy_invitation(self) -> None:
        QGuiApplication.clipboard().setText(f"Subject: {self.subject.text()}\n\n{self.body.toPlainText()}")

    def open_mail(self) -> None:
        if self._mailto:
            QDesktopServices.openUrl(QUrl(self._mailto))


def _rows(*buttons: QWidget, per_row: int = 2) -> QVBoxLayout:
    """Buttons two to a row: the page keeps to a 1024-wide window beside the list of sessions."""
    rows = QVBoxLayout()
    for start in range(0, len(buttons), per_row):
        rows.addLayout(_row(*buttons[start:start + per_row]))
    return rows


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row
