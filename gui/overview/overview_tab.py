"""The Overview tab: the district profile on the left, the seven steps on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.overview import commands
from gui.overview.journey_panel import JourneyPanel
from gui.overview.profile_form import ProfileForm
from gui.overview.profile_models import PositionGroupsModel, SchoolsModel
from gui.plan_context import PlanContext
from gui.widgets.confirm import confirm_removal
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view, selected_record
from gui.workspace_tab import WorkspaceTab
from services import district_profile as dp


class OverviewTab(WorkspaceTab):
    main_printout = "progress-update"

    def __init__(self, context: PlanContext, available_tabs: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.profile_form = ProfileForm(context)

        self.schools_model = SchoolsModel(context)
        self.schools_view = make_table_view(self, stretch_column=0, name="Schools and sites")
        self.schools_view.setObjectName("schoolsTable")
        self.schools_view.setModel(self.schools_model)
        self._level_delegate = ChoiceDelegate(SchoolsModel.level_choices, self)
        self.schools_view.setItemDelegateForColumn(self.schools_model.column_of("level"), self._level_delegate)
        schools_box = self._table_box("Schools and sites", self.schools_view, "Add school", self.add_school,
                                      "Remove school", self.remove_school)
        self.add_school_button, self.remove_school_button = schools_box.buttons
        # A school's team gets its own packet: its staff's survey results, its part of the plan and
        # the progress update, printed the way every export is (the window asks where to save it).
        packet_tip = ("Print the selected school's packet: its staff's survey results (small groups withheld, as "
                      "in every printout), the plan's actions there and district-wide, and the progress update")
        self.print_packet_button = QPushButton("Print this school's pac&ket...", objectName="printSchoolPacket")
        self.print_packet_button.setToolTip(packet_tip)
        self.print_packet_button.clicked.connect(lambda _checked=False: self.print_school_packet())
        schools_box.button_row.insertWidget(2, self.print_packet_button)
        self.print_packet_action = QAction("Print this school's packet...", self.schools_view)
        self.print_packet_action.setToolTip(packet_tip)
        self.print_packet_action.triggered.connect(lambda _checked=False: self.print_school_packet())
        self.schools_hint = QLabel("No schools yet. Press Add school, or copy the list from a spreadsheet "
                                   "(name, level) and paste it into the table with Ctrl+V.")
        self.schools_hint.setWordWrap(True)
        schools_box.layout().insertWidget(0, self.schools_hint)
        for signal in (self.schools_model.rowsInserted, self.schools_model.rowsRemoved, self.schools_model.modelReset):
            signal.connect(self._update_schools_hint)
        self._update_schools_hint()

        self.groups_model = PositionGroupsModel(context)
        self.groups_view = make_table_view(self, stretch_column=0, name="Staff by position group")
        self.groups_view.setObjectName("groupsTable")
        self.groups_view.setModel(self.groups_model)
        groups_box = self._table_box("Staff by position group", self.groups_view, "Add group", self.add_group,
                                     "Remove group", self.remove_group)
        self.total_label = QLabel()
        groups_box.layout().insertWidget(0, QLabel(
            "Headcounts show whom the team must mirror; usual hours are used to flag meetings that "
            "shift or part-time staff can't attend."))
        groups_box.layout().itemAt(0).widget().setWordWrap(True)
        groups_box.layout().addWidget(self.total_label)
        self.add_group_button, self.remove_group_button = groups_box.buttons

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.profile_form)
        left_layout.addWidget(schools_box, 1)
        left_layout.addWidget(groups_box, 2)
        scroll = self._scroll_area("District profile, schools and staff")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(left)

        self.journey = JourneyPanel(context, available_tabs)
        self.journey.open_tab.connect(self.open_tab.emit)
        journey_scroll = self._scroll_area("The seven steps")
        journey_scroll.setWidgetResizable(True)
        journey_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        journey_scroll.setWidget(self.journey)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(journey_scroll)
        splitter.setSizes([600, 600])  # the tables' names need the room more than the steps' text
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        self.groups_model.dataChanged.connect(self._update_total)
        self.groups_model.rowsInserted.connect(self._update_total)
        self.groups_model.rowsRemoved.connect(self._update_total)
        self.groups_model.modelReset.connect(self._update_total)
        for view in (self.schools_view, self.groups_view):
            view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.schools_view.set_commands(add=("&Add school", self.add_school), remove=("&Remove school", self.remove_school),
                                       extra=[self.print_packet_action])
        self.groups_view.set_commands(add=("&Add group", self.add_group), remove=("&Remove group", self.remove_group))
        fit_columns(self.schools_view, stretch_column=0)
        fit_columns(self.groups_view, stretch_column=0)
        self._update_total()
        self._update_buttons()

    def start_naming_district(self) -> None:
        """Put the cursor in the district's name, ready to type: the first thing a new plan needs."""
        self.profile_form.name_edit.setFocus()
        self.profile_form.name_edit.selectAll()

    @staticmethod
    def _scroll_area(name: str) -> QScrollArea:
        """A scroll area the keyboard passes through to the fields inside it (it scrolls to show
        the one with focus), named for a screen reader all the same."""
        area = QScrollArea()
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setAccessibleName(name)
        return area

    def _table_box(self, title, view, add_text, add_slot, remove_text, remove_slot) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        add = QPushButton(add_text)
        add.clicked.connect(add_slot)
        remove = QPushButton(remove_text)
        remove.clicked.connect(remove_slot)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        box.buttons = (add, remove)
        box.button_row = row
        return box

    def _update_schools_hint(self, *_args) -> None:
        self.schools_hint.setVisible(self.schools_model.rowCount() == 0)

    def _update_buttons(self, *_args) -> None:
        school_chosen = selected_record(self.schools_view) is not None
        self.remove_school_button.setEnabled(school_chosen)
        self.print_packet_button.setEnabled(school_chosen)
        self.print_packet_action.setEnabled(school_chosen)
        self.remove_group_button.setEnabled(selected_record(self.groups_view) is not None)

    def _update_total(self, *_args) -> None:
        self.total_label.setText(f"<b>Total staff: {self.groups_model.total():,}</b>")

    def _start_editing(self, view, model, record_id: int) -> None:
        row = model.row_of(record_id)
        if row >= 0:
            index = model.index(row, 0)
            view.setFocus()
            view.setCurrentIndex(index)
            view.edit(index)

    def add_school(self) -> None:
        edit = commands.add_school(self.context, "New school")
        if self.context.edit(edit):
            self._start_editing(self.schools_view, self.schools_model, edit.result.id)

    def remove_school(self) -> None:
        school = selected_record(self.schools_view)
        if school is None:
            return
        goes = self.context.read(lambda s: dp.what_goes_with_school(s, school.id))
        if confirm_removal(self, f"Remove {school.name}?", goes):
            self.context.edit(commands.remove_school(self.context, school))

    def print_school_packet(self) -> None:
        """The selected school's packet, through the window's usual export (where to save, progress,
        the survey release recorded with the file)."""
        school = selected_record(self.schools_view)
        if school is not None:
            self.export_with_options.emit("school-packet", {"school": school.name})

    def add_group(self) -> None:
        names = {g.name for g in self.groups_model.records()}
        name, n = "New position group", 2
        while name in names:
            name, n = f"New position group {n}", n + 1
        edit = commands.add_group(self.context, name)
        if self.context.edit(edit):
            self._start_editing(self.groups_view, self.groups_model, edit.result.id)

    def remove_group(self) -> None:
        group = selected_record(self.groups_view)
        if group is None:
            return
        goes = self.context.read(lambda s: dp.what_goes_with_group(s, group.id))
        if confirm_removal(self, f"Remove the position group {group.name}?", goes):
            self.context.edit(commands.remove_group(self.context, group))
