"""The Readiness tab: run a readiness instrument with many respondents, on screen or on paper, and
read the strengths, growth areas, knowledge gaps and disagreement it shows.

Seed 000 step 2 (readiness in three areas), with seeds 001-003 as further instruments. The value
is in the team's reflection, not in a score, so the results never add up to one number.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.dialog_lifetime import run_modal
from gui.plan_context import ACTIONS, GROUPS, READINESS, SCHOOLS, PlanContext
from gui.readiness import commands
from gui.readiness.answers_model import AnswerDelegate, AnswerGrid, AnswersModel, key_hint
from gui.readiness.describe_from_person import DescribeFromPersonDialog
from gui.readiness.instruments_dialog import InstrumentsDialog
from gui.readiness.results_panel import ResultsPanel
from gui.readiness.round_dialog import NewRoundDialog
from gui.readiness.round_source import RoundSource
from gui.readiness.rounds_model import RespondentsModel, RoundsModel
from gui.widgets.confirm import confirm_removal
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view, selected_record
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.workspace_tab import WorkspaceTab
from services.readiness import instruments, readiness_results, readiness_rounds
from services.readiness.round_representation import round_representation
from services.team import team_roster

INTRO = ("Reflect on how ready the district is to make and sustain change, with people beyond the planning team "
         "in every kind of position. <b>The value is in the reflection, not in a score</b>: look for the strengths "
         "already in place and where growth is needed (Take Action toolkit, step 2).")


class ReadinessTab(WorkspaceTab):
    main_printout = "readiness-summary"

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.rounds_model = RoundsModel(context)
        self.rounds = RoundSource(context, self)  # the selected round, read once for both tables
        self.respondents_model = RespondentsModel(context, self.rounds)
        self.answers_model = AnswersModel(context, self.rounds)

        toolbar = tab_toolbar("Readiness")
        self.new_round_action = add_tab_action(self, toolbar, "New round...", "Start a round of an instrument",
                                               self.new_round, QKeySequence("Ctrl+Shift+N"))
        self.delete_round_action = add_tab_action(self, toolbar, "Delete round", "Delete the selected round and its "
                                                  "answers", self.delete_round)
        toolbar.addSeparator()
        self.add_respondent_action = add_tab_action(self, toolbar, "Add respondent", "Add a respondent code to the "
                                                    "round", self.add_respondent, QKeySequence("Ctrl+Shift+R"))
        self.remove_respondent_action = add_tab_action(self, toolbar, "Remove respondent",
                                                       "Remove the selected respondent and their answers",
                                                       self.remove_respondent)
        toolbar.addSeparator()
        add_tab_action(self, toolbar, "Instruments...", "Built-in and your own instruments; import and export",
                       self.manage_instruments)
        toolbar.addSeparator()
        self.forms_action = add_tab_action(self, toolbar, "Print blank forms...", "Paper forms with each "
                                           "respondent's code", self.print_forms)
        self.summary_action = add_tab_action(self, toolbar, "Print summary...", "The round's results as a PDF",
                                             self.print_summary)

        intro = QLabel(INTRO)
        intro.setWordWrap(True)

        self.rounds_view = make_table_view(self, stretch_column=1, name="Rounds")
        self.rounds_view.setObjectName("roundsList")
        self.rounds_view.setModel(self.rounds_model)
        fit_columns(self.rounds_view, stretch_column=self.rounds_model.column_of("instrument"))
        # On a narrow window the instrument's heading ends in "..." rather than being cut at both ends
        # (not for every table: Qt elides a heading of two lines to one, and some tables have them).
        self.rounds_view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.respondents_view = make_table_view(self, name="Respondents")
        self.respondents_view.setObjectName("respondentsList")
        self.respondents_view.setModel(self.respondents_model)
        m = self.respondents_model
        self._delegates = [ChoiceDelegate(choices, self) for choices in
                           (m.group_choices, m.team_choices, m.school_choices, m.tenure_choices)]
        for key, delegate in zip(("position_group_id", "on_team", "school_id", "tenure_band"), self._delegates,
                                 strict=True):
            self.respondents_view.setItemDelegateForColumn(m.column_of(key), delegate)
        self.rounds_view.set_commands(add=("&New round...", self.new_round), remove=("&Delete round", self.delete_round),
                                      extra=[self.forms_action, self.summary_action])
        self.describe_action = QAction("&Describe as someone on People...", self)
        self.describe_action.setToolTip("Copy a person's position group, school, tenure and team membership to the "
                                        "selected respondent (who stays a code)")
        self.describe_action.triggered.connect(self.describe_respondent)
        self.respondents_view.set_commands(add=("&Add respondent", self.add_respondent),
                                           remove=("&Remove respondent", self.remove_respondent),
                                           extra=[self.describe_action])
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self._titled("Rounds", self.rounds_view))
        left.addWidget(self._titled("Respondents (codes, never names)", self.respondents_view))
        left.setSizes([220, 380])

        self.round_header = QLabel()
        self.round_header.setObjectName("roundHeader")
        self.round_header.setWordWrap(True)
        self.section_label = QLabel()
        self.section_label.setObjectName("sectionLabel")
        self.section_label.setWordWrap(True)
        self.grid = AnswerGrid(self)
        self.grid.setObjectName("answerGrid")
        self.grid.setModel(self.answers_model)
        self.grid.setItemDelegate(AnswerDelegate(self.answers_model, self.grid))
        self.key_hint = QLabel()
        self.key_hint.setWordWrap(True)
        self.key_hint.setStyleSheet("color: #52606D;")
        answers_page = QWidget()
        answers_layout = QVBoxLayout(answers_page)
        answers_layout.setContentsMargins(0, 4, 0, 0)
        answers_layout.addWidget(self.section_label)
        answers_layout.addWidget(self.grid, 1)
        answers_layout.addWidget(self.key_hint)
        self.results = ResultsPanel(self)
        self.pages = QTabWidget()
        self.pages.setObjectName("readinessPages")
        self.pages.addTab(answers_page, "&Answers")
        self.pages.addTab(self.results, "Re&sults")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.round_header)
        right_layout.addWidget(self.pages, 1)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(1, 1)
        body.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(toolbar)
        layout.addWidget(intro)
        layout.addWidget(body, 1)

        self.rounds_view.selectionModel().selectionChanged.connect(self._round_selected)
        self.respondents_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.grid.selectionModel().currentChanged.connect(self._grid_moved)
        self.answers_model.modelReset.connect(self._grid_reset)
        self.results.send_requested.connect(self.send_to_priorities)
        self.pages.currentChanged.connect(lambda _i: self._refresh_results())
        context.changed.connect(self._plan_changed)
        if self.rounds_model.rowCount():
            self.rounds_view.selectRow(0)  # which reads the round (selectionChanged)
        else:
            self._round_selected()  # shows that there is none

    @staticmethod
    def _titled(title: str, view: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"<b>{title}</b>")
        label.setBuddy(view)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return box

    # Selection and redrawing --------------------------------------------------------------------
    def selected_round(self):
        return selected_record(self.rounds_view)

    def show_record(self, record_id: int, part: str = "") -> None:
        self.select_round(record_id)

    def select_round(self, round_id: int) -> None:
        row = self.rounds_model.row_of(round_id)
        if row >= 0:
            self.rounds_view.selectRow(row)

    def _round_selected(self, *_args) -> None:
        round_ = self.selected_round()
        round_id = round_.id if round_ else None
        self.respondents_model.set_round(round_id)
        self.answers_model.set_round(round_id)
        fit_columns(self.respondents_view)
        self._show_header()
        self._refresh_results()
        self._update_actions()

    def _show_header(self) -> None:
        data = self.answers_model.data_
        if data is None:
            self.round_header.setText("<i>No round selected. Start one with New round..., print blank forms for "
                                      "paper, or type answers in on screen.</i>")
            self.key_hint.setText("")
            return
        inst = data.instrument
        self.round_header.setText(
            f"<b>{escape(inst.title)}</b>: {escape(data.round.label)} &nbsp;<span style='color:#52606D'>"
            f"({escape(inst.source)})</span><br>{escape(inst.guidance or inst.purpose)}")
        self.key_hint.setText(key_hint(data))

    def _grid_reset(self) -> None:
        model = self.answers_model
        if model.data_ is None:
            return
        scale = model.data_.instrument.scale
        width = max(64, min(130, 14 + 7 * max(len(label) for label in scale.labels)))
        for column in range(model.notes_column()):
            self.grid.setColumnWidth(column, width)
        self.grid.setColumnWidth(model.notes_column(), 260)
        if model.rowCount() and model.respondents:
            self.grid.setCurrentIndex(model.index(0, 0))

    def _grid_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        data = self.answers_model.data_
        items = self.answers_model.items
        if data is None or not current.isValid() or current.row() >= len(items):
            self.section_label.setText("")
            return
        item = items[current.row()]
        section = data.instrument.section_of(item.key)
        person = self.answers_model.respondent_at(current.column())
        who = f" &nbsp;\u00b7&nbsp; Respondent <b>{escape(person.code)}</b>" if person else ""
        self.section_label.setText(f"<b>{escape(section.title)}</b>: {escape(section.prompt)}{who}")

    def _plan_changed(self, topics: frozenset[str]) -> None:
        if topics & {READINESS, GROUPS, SCHOOLS, ACTIONS}:
            if self.selected_round() is None and self.rounds_model.rowCount():
                self.rounds_view.selectRow(0)
            self._show_header()
            self._refresh_results()
            self._update_actions()

    def _refresh_results(self) -> None:
        if self.pages.currentWidget() is not self.results:
            return  # read when shown: results of a 500-respondent round are not free
        round_ = self.selected_round()
        if round_ is None or self.answers_model.data_ is None:
            self.results.show_results(None)
            self.results.show_representation(None)
            return
        self.results.show_results(self.context.read(lambda s: readiness_results.load_results(s, round_.id)))
        self.results.show_representation(self.context.read(lambda s: round_representation(s, round_.id)))

    def _update_actions(self, *_args) -> None:
        has_round = self.selected_round() is not None
        for action in (self.delete_round_action, self.add_respondent_action, self.summary_action):
            action.setEnabled(has_round)
        self.remove_respondent_action.setEnabled(selected_record(self.respondents_view) is not None)
        self.describe_action.setEnabled(selected_record(self.respondents_view) is not None)

    # Commands -----------------------------------------------------------------------------------
    def new_round(self) -> None:
        choices = self.context.read(instruments.available_instruments)
        dialog = NewRoundDialog(choices, dt.date.today(), self)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return
        key, label, given_on, respondents = dialog.values()
        edit = commands.create_round(self.context, key, label, given_on, respondents)
        if self.context.edit(edit):
            self.select_round(edit.result.id)
            self.pages.setCurrentIndex(0)
            self.grid.setFocus()

    def delete_round(self) -> None:
        round_ = self.selected_round()
        if round_ is None:
            return
        goes = self.context.read(lambda s: readiness_rounds.what_goes_with_round(s, round_.id))
        if confirm_removal(self, f"Delete the round \u201c{round_.label}\u201d?", goes, "&Delete"):
            self.context.edit(commands.delete_round(self.context, round_))

    def add_respondent(self) -> None:
        round_ = self.selected_round()
        if round_ is not None:
            edit = commands.add_respondent(self.context, round_.id)
            if self.context.edit(edit):
                row = self.respondents_model.row_of(edit.result.id)
                self.respondents_view.selectRow(row)

    def remove_respondent(self) -> None:
        respondent = selected_record(self.respondents_view)
        if respondent is None:
            return
        goes = self.context.read(lambda s: readiness_rounds.what_goes_with_respondent(s, respondent.id))
        if confirm_removal(self, f"Remove respondent {respondent.code}?", goes):
            self.context.edit(commands.remove_respondent(self.context, respondent))

    def describe_respondent(self) -> None:
        respondent = selected_record(self.respondents_view)
        if respondent is None:
            return
        people = self.context.read(team_roster.list_people)
        if not people:
            QMessageBox.information(self, "Describe a respondent", "No one is on People yet: add people on the "
                                    "Team tab, or choose the respondent's group, school and tenure in the list.")
            return
        dialog = DescribeFromPersonDialog(respondent.code, people, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            self.context.edit(commands.update_respondent(self.context, respondent, "description",
                                                         **dialog.described()))

    def send_to_priorities(self, item_key: str) -> None:
        round_ = self.selected_round()
        if round_ is not None and self.context.edit(commands.send_to_priorities(self.context, round_.id, item_key)):
            self.status_message.emit(f"{item_key} is now a candidate action in Priorities.", 6000)

    def manage_instruments(self) -> None:
        run_modal(InstrumentsDialog(self.context, self))

    def print_forms(self) -> None:
        round_ = self.selected_round()
        if round_ is None:
            self.export_with_options.emit("readiness-forms", {})
        else:
            self.export_with_options.emit("readiness-forms", {"round": round_.label,
                                                              "instrument": round_.instrument_key})

    def print_main(self) -> None:
        """Ctrl+P here: the summary of the round on screen (as Print summary... does)."""
        if self.selected_round() is None:
            self.export_requested.emit(self.main_printout)  # the window says there is no round yet
        else:
            self.print_summary()

    def print_summary(self) -> None:
        round_ = self.selected_round()
        if round_ is not None:
            self.export_with_options.emit("readiness-summary", {"round": round_.label,
                                                                "instrument": round_.instrument_key})
