"""The Team tab: everyone who takes part (People), the planning team among them, when the team
meets, and whether it mirrors the staff."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.dialog_lifetime import run_modal
from gui.plan_context import PlanContext
from gui.team import commands
from gui.team.attendees_dialog import AttendeesDialog
from gui.team.meetings_model import MeetingsModel, meeting_when
from gui.team.people_columns import FitToWidth
from gui.team.representation_panel import RepresentationPanel
from gui.team.roster_model import PEOPLE_TIERS, TeamRosterModel
from gui.widgets.confirm import confirm_removal
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.multi_choice import MultiChoiceDelegate
from gui.widgets.record_model import WARNING_BACKGROUND
from gui.widgets.tables import make_table_view, selected_record
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.workspace_tab import WorkspaceTab
from services.team import meetings, team_roster
from services.wording import counted


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
        self.add_person_action = add_tab_action(self, toolbar, "Add person", "Add someone who takes part but is not "
                                                "on the planning team (affected staff, a partner, a family member)",
                                                self.add_person, QKeySequence("Ctrl+Shift+P"))
        self.remove_member_action = add_tab_action(self, toolbar, "Remove member", "Remove the selected person from "
                                                   "the plan", self.remove_member)
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
        self.roster_view = make_table_view(self, name="Planning team")
        self.roster_view.setObjectName("rosterTable")
        self.roster_view.setModel(self.roster_model)
        m = self.roster_model
        self._delegates = [
            (m.column_of("team_role"), ChoiceDelegate(m.role_choices, self)),
            (m.column_of("position_group_id"), ChoiceDelegate(m.group_choices, self)),
            (m.column_of("school_id"), ChoiceDelegate(m.school_choices, self)),
            (m.column_of("tenure_band"), ChoiceDelegate(m.tenure_choices, self)),
            (m.column_of("kind"), ChoiceDelegate(m.kind_choices, self)),
        ]
        for column, delegate in self._delegates:
            self.roster_view.setItemDelegateForColumn(column, delegate)
        roster_box = QGroupBox("People")
        roster_layout = QVBoxLayout(roster_box)
        shown = QHBoxLayout()
        shown.addWidget(QLabel("Show:"))
        self.show_team = QRadioButton("Planning team only")
        self.show_team.setObjectName("showTeam")
        self.show_everyone = QRadioButton("Everyone who takes part")
        self.show_everyone.setObjectName("showEveryone")
        self._shown = QButtonGroup(self)
        for button in (self.show_team, self.show_everyone):
            self._shown.addButton(button)
            shown.addWidget(button)
        self.show_team.setChecked(True)
        self.show_everyone.toggled.connect(self._show_everyone)
        self.roster_hint = QLabel()
        self.roster_hint.setWordWrap(True)
        shown.addSpacing(12)
        shown.addWidget(self.roster_hint, 1)
        roster_layout.addLayout(shown)
        roster_layout.addWidget(self.roster_view)

        # Meetings
        self.meetings_view = make_table_view(self, stretch_column=6, name="Meeting schedule")
        self.meetings_view.setObjectName("meetingsTable")
        self.meetings_view.setModel(self.meetings_model)
        self.meetings_view.doubleClicked.connect(self._meeting_double_clicked)
        self._purposes_delegate = MultiChoiceDelegate(MeetingsModel.purpose_choices, self)
        self.meetings_view.setItemDelegateForColumn(self.meetings_model.column_of("purposes"), self._purposes_delegate)
        meetings_box = QGroupBox("Meeting schedule")
        meetings_layout = QVBoxLayout(meetings_box)
        meetings_hint = QLabel("Meetings should suit every member, including part-time staff and those who "
                               "work outside typical hours (food service, transportation, maintenance).")
        meetings_hint.setWordWrap(True)
        meetings_layout.addWidget(meetings_hint)
        # What the year's schedule leaves out (seed 000 step 1), in a sentence; hidden when nothing is.
        self.purpose_warning = QLabel()
        self.purpose_warning.setObjectName("purposeWarning")
        self.purpose_warning.setWordWrap(True)
        self.purpose_warning.setStyleSheet(f"background: {WARNING_BACKGROUND.name()}; padding: 4px;")
        meetings_layout.addWidget(self.purpose_warning)
        meetings_layout.addWidget(self.meetings_view)
        for signal in (self.meetings_model.modelReset, self.meetings_model.rowsInserted,
                       self.meetings_model.rowsRemoved, self.meetings_model.dataChanged):
            signal.connect(self._show_purpose_warning)
        self._show_purpose_warning()

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
        self.roster_model.dataChanged.connect(self._update_actions)
        self.meetings_model.rowsRemoved.connect(self._update_actions)
        self._name_roster_commands()
        self.meetings_view.set_commands(add=("&Add meeting", self.add_meeting),
                                        remove=("&Remove meeting", self.remove_meeting), extra=[self.invite_action])
        overview = QAction("Edit headcounts and usual hours on the Overview", self)
        overview.triggered.connect(lambda: self.open_tab.emit("overview"))
        self.representation.table.set_commands(extra=[overview])

        # People's columns share the table's width (the least used give way first, cut text whole in
        # its tooltip), so a maximised 1366-pixel window needs no sideways scrolling.
        self.roster_columns = FitToWidth(self.roster_view, [PEOPLE_TIERS[c.key] for c in self.roster_model.columns],
                                         self.roster_model.column_of("release_note"))
        # Once someone widens a column by hand and the table scrolls past the names, each row's name
        # shows at its left, so a cell far to the right is still someone's.
        names = self.roster_view.verticalHeader()
        names.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.roster_view.horizontalScrollBar().valueChanged.connect(self._keep_names_in_view)
        # The meetings share their box's width too: the date and times whole, the rest cut with a tooltip.
        meeting_tiers = {"meeting_date": 0, "start_time": 0, "end_time": 0, "attendee_ids": 1, "purposes": 1}
        self.meetings_columns = FitToWidth(self.meetings_view, [meeting_tiers.get(c.key, 2)
                                                                for c in self.meetings_model.columns],
                                           self.meetings_model.column_of("purpose"))
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
        model = self.roster_model
        size, others = model.team_size, model.people_count - model.team_size
        if model.everyone:
            self.roster_hint.setText(
                f"{counted(model.people_count, 'person', 'people')}, {size} of them on the planning team. Add "
                "affected staff, partners, families and students with Add person; a Team role puts someone on "
                "the team.")
            return
        beyond = f" {counted(others, 'more person', 'more people')} take part beyond the team." if others else ""
        if size == 0:
            self.roster_hint.setText(
                "No one is on the planning team yet. Press Add member, or copy the names from a spreadsheet "
                f"(name, role, position group, school, tenure) and paste them here with Ctrl+V.{beyond}")
            return
        self.roster_hint.setText(
            f"{size} member{'s' if size != 1 else ''}. A team should reflect the positions, tenure and "
            f"backgrounds of the staff, with one lead point of contact.{beyond}"
        )

    # People -------------------------------------------------------------------------------------
    def _keep_names_in_view(self, _scrolled: int) -> None:
        view = self.roster_view
        past_names = view.columnViewportPosition(0) + view.columnWidth(0) // 2 < 0
        if past_names != self.roster_view.verticalHeader().isVisible():
            self.roster_view.verticalHeader().setVisible(past_names)

    def _show_everyone(self, everyone: bool) -> None:
        self.roster_model.show_everyone(everyone)
        self._name_roster_commands()
        self._update_actions()

    def _name_roster_commands(self) -> None:
        """The table and its commands say what it shows: the planning team (members) or People."""
        everyone = self.roster_model.everyone
        self.roster_view.setAccessibleName("People" if everyone else "Planning team")
        self.remove_member_action.setText("Remove person" if everyone else "Remove member")
        if everyone:
            self.roster_view.set_commands(add=("&Add person", self.add_person),
                                          remove=("&Remove person", self.remove_member), extra=[self.add_member_action])
        else:
            self.roster_view.set_commands(add=("&Add member", self.add_member),
                                          remove=("&Remove member", self.remove_member), extra=[self.add_person_action])

    def add_member(self) -> None:
        edit = commands.add_member(self.context, "New team member")
        if self.context.edit(edit):
            self._focus_cell(self.roster_view, self.roster_model.row_of(edit.result.id), 0, start_editing=True)

    def add_person(self) -> None:
        """Someone who takes part but is not on the team: shown among everyone, the name ready to type."""
        self.show_everyone.setChecked(True)
        edit = commands.add_person(self.context, "New person")
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
        people = self.context.read(team_roster.list_people)
        dialog = AttendeesDialog(people, meeting.attendee_ids, meeting_when(meeting), self)
        if run_modal(dialog):
            ids = dialog.attendee_ids()
            if ids != meeting.attendee_ids:
                self.context.edit(commands.change_meeting(self.context, meeting, "attendee_ids", ids, "invitations"))

    def _show_purpose_warning(self, *_args) -> None:
        sentence = meetings.purpose_warning(self.meetings_model.records())
        if sentence:
            sentence += " Tick what each meeting is for in its Purposes column."
        self.purpose_warning.setText(sentence)
        self.purpose_warning.setVisible(bool(sentence))

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
