"""The Team tab: who is on the planning team, when it meets, and whether it mirrors the staff."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.dialog_lifetime import run_modal
from gui.plan_context import PlanContext
from gui.team import commands
from gui.team.attendees_dialog import AttendeesDialog
from gui.team.meetings_model import MeetingsModel, meeting_when
from gui.team.representation_panel import RepresentationPanel
from gui.team.roster_model import TeamRosterModel
from gui.widgets.confirm import confirm_removal
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view, selected_record
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.workspace_tab import WorkspaceTab
from services.team import team_roster


class TeamTab(WorkspaceTab):
    main_printout = "team"

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.roster_model = TeamRosterModel(context)
        self.meetings_model = MeetingsModel(context)

        toolbar = tab_toolbar("Team")
        self.add_member_action = add_tab_action(self, toolbar, "Add member", "Add someone to the planning team",
                                                self.add_member, QKeySequence("Ctrl+Shift+M"))
        self.remove_member_action = add_tab_action(self, toolbar, "Remove member", "Remove the selected team member",
                                                   self.remove_member)
        toolbar.addSeparator()
        self.add_meeting_action = add_tab_action(self, toolbar, "Add meeting", "Add a team meeting",
                                                 self.add_meeting, QKeySequence("Ctrl+Shift+E"))
        self.remove_meeting_action = add_tab_action(self, toolbar, "Remove meeting", "Remove the selected meeting",
                                                    self.remove_meeting)
        self.invite_action = add_tab_action(self, toolbar, "Invite...", "Choose who is invited to the selected meeting",
                                            self.choose_attendees)
        toolbar.addSeparator()
        self.print_action = add_tab_action(self, toolbar, "Print team PDF...", "Roster, representation and meetings as a PDF",
                                           lambda: self.export_requested.emit("team"))

        # Roster
        self.roster_view = make_table_view(self, stretch_column=5, name="Planning team")
        self.roster_view.setObjectName("rosterTable")
        self.roster_view.setModel(self.roster_model)
        m = self.roster_model
        self._delegates = [
            (m.column_of("team_role"), ChoiceDelegate(m.role_choices, self)),
            (m.column_of("position_group_id"), ChoiceDelegate(m.group_choices, self)),
            (m.column_of("school_id"), ChoiceDelegate(m.school_choices, self)),
            (m.column_of("tenure_band"), ChoiceDelegate(m.tenure_choices, self)),
        ]
        for column, delegate in self._delegates:
            self.roster_view.setItemDelegateForColumn(column, delegate)
        roster_box = QGroupBox("Planning team")
        roster_layout = QVBoxLayout(roster_box)
        self.roster_hint = QLabel()
        self.roster_hint.setWordWrap(True)
        roster_layout.addWidget(self.roster_hint)
        roster_layout.addWidget(self.roster_view)

        # Meetings
        self.meetings_view = make_table_view(self, stretch_column=6, name="Meeting schedule")
        self.meetings_view.setObjectName("meetingsTable")
        self.meetings_view.setModel(self.meetings_model)
        self.meetings_view.doubleClicked.connect(self._meeting_double_clicked)
        meetings_box = QGroupBox("Meeting schedule")
        meetings_layout = QVBoxLayout(meetings_box)
        meetings_hint = QLabel("Meetings should suit every member, including part-time staff and those who "
                               "work outside typical hours (food service, transportation, maintenance).")
        meetings_hint.setWordWrap(True)
        meetings_layout.addWidget(meetings_hint)
        meetings_layout.addWidget(self.meetings_view)

        self.representation = RepresentationPanel(context)

        # The roster gets the full width (it has the most columns); meetings sit beside the
        # representation panel, which they are judged against.
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(meetings_box)
        lower.addWidget(self.representation)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setSizes([760, 480])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(roster_box)
        body.addWidget(lower)
        body.setSizes([380, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(toolbar)
        layout.addWidget(body, 1)

        for view in (self.roster_view, self.meetings_view):
            view.selectionModel().selectionChanged.connect(self._update_actions)
        self.roster_model.modelReset.connect(self._update_actions)
        self.roster_model.rowsInserted.connect(self._update_actions)
        self.roster_model.rowsRemoved.connect(self._update_actions)
        self.meetings_model.rowsRemoved.connect(self._update_actions)
        self.roster_view.set_commands(add=("&Add member", self.add_member), remove=("&Remove member", self.remove_member))
        self.meetings_view.set_commands(add=("&Add meeting", self.add_meeting),
                                        remove=("&Remove meeting", self.remove_meeting), extra=[self.invite_action])
        overview = QAction("Edit headcounts and usual hours on the Overview", self)
        overview.triggered.connect(lambda: self.open_tab.emit("overview"))
        self.representation.table.set_commands(extra=[overview])

        fit_columns(self.roster_view, stretch_column=self.roster_model.column_of("demographics"))
        fit_columns(self.meetings_view, stretch_column=self.meetings_model.column_of("purpose"))
        self._update_actions()

    # Selection ----------------------------------------------------------------------------------
    def selected_member(self) -> team_roster.PersonRecord | None:
        return selected_record(self.roster_view)

    def selected_meeting(self):
        return selected_record(self.meetings_view)

    def _update_actions(self, *_args) -> None:
        self.remove_member_action.setEnabled(self.selected_member() is not None)
        has_meeting = self.selected_meeting() is not None
        self.remove_meeting_action.setEnabled(has_meeting)
        self.invite_action.setEnabled(has_meeting)
        size = self.roster_model.rowCount()
        if size == 0:
            self.roster_hint.setText(
                "No one is on the planning team yet. Press Add member, or copy the names from a spreadsheet "
                "(name, role, position group, school, tenure) and paste them here with Ctrl+V.")
            return
        self.roster_hint.setText(
            f"{size} member{'s' if size != 1 else ''}. A team should reflect the positions, tenure and "
            "backgrounds of the staff, with one lead point of contact. Double-click or type to edit."
        )

    # Team ---------------------------------------------------------------------------------------
    def add_member(self) -> None:
        edit = commands.add_member(self.context, "New team member")
        if self.context.edit(edit):
            self._focus_cell(self.roster_view, self.roster_model.row_of(edit.result.id), 0, start_editing=True)

    def remove_member(self) -> None:
        person = self.selected_member()
        if person is None:
            return
        goes = self.context.read(lambda s: team_roster.what_goes_with_member(s, person.id))
        if confirm_removal(self, f"Remove {person.name} from the plan?", goes):
            self.context.edit(commands.remove_member(self.context, person))

    # Meetings -----------------------------------------------------------------------------------
    def add_meeting(self) -> None:
        existing = self.meetings_model.records()
        if existing:
            last = existing[-1]
            day, start, end = last.meeting_date + dt.timedelta(days=28), last.start_time, last.end_time
        else:
            day = dt.date.today() + dt.timedelta(days=7)
            start, end = dt.time(12, 30), dt.time(13, 30)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        edit = commands.add_meeting(self.context, day, start, end)
        if self.context.edit(edit):
            self._focus_cell(self.meetings_view, self.meetings_model.row_of(edit.result.id),
                             self.meetings_model.column_of("place"), start_editing=True)

    def remove_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            self.context.edit(commands.remove_meeting(self.context, meeting))

    def choose_attendees(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return
        team = self.roster_model.records()
        dialog = AttendeesDialog(team, meeting.attendee_ids, meeting_when(meeting), self)
        if run_modal(dialog):
            ids = dialog.attendee_ids()
            if ids != meeting.attendee_ids:
                self.context.edit(commands.change_meeting(self.context, meeting, "attendee_ids", ids, "invitations"))

    def _meeting_double_clicked(self, index: QModelIndex) -> None:
        if self.meetings_model.columns[index.column()].key == "attendee_ids":
            self.choose_attendees()

    def _focus_cell(self, view, row: int, column: int, start_editing: bool = False) -> None:
        if row < 0:
            return
        index = view.model().index(row, column)
        view.setFocus()
        view.setCurrentIndex(index)
        view.scrollTo(index)
        if start_editing:
            view.edit(index)
