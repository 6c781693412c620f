"""The selected action in detail: its ratings, the discussion, evidence and equity, criteria."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.plan_context import TEAM, PlanContext
from gui.priorities import commands
from gui.priorities.board_model import PriorityListModel
from gui.priorities.ratings_model import RatingsModel
from gui.priorities.ratings_view import RatingDelegate, make_ratings_view
from gui.screen_dates import show_date
from gui.widgets.committing_text import CommittingTextEdit
from gui.widgets.confirm import confirm_removal
from gui.widgets.tables import fit_columns, selected_record
from services.priorities import contract_limits, planned_actions
from services.priorities.action_dependents import what_goes_with_rater
from services.priorities.prioritization import CRITERIA
from services.priorities.priority_board import PriorityItem
from services.team import team_roster


class DetailsPanel(QTabWidget):
    weights_requested = Signal()

    def __init__(self, context: PlanContext, boards: PriorityListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.boards = boards
        self.item: PriorityItem | None = None
        self._groups_shown: tuple | None = None  # the staff groups listed, and the ticked ones
        self.setDocumentMode(True)

        # Ratings ------------------------------------------------------------------------------
        self.ratings_model = RatingsModel(context, boards)
        self.ratings_view = make_ratings_view(self, name="Ratings of the selected action")
        self.ratings_view.setObjectName("ratingsTable")
        self.ratings_view.setModel(self.ratings_model)
        self._rating_delegate = RatingDelegate(self)
        for key in ("impact", "ease"):
            self.ratings_view.setItemDelegateForColumn(self.ratings_model.column_of(key), self._rating_delegate)
        self.position_label = QLabel()
        self.position_label.setWordWrap(True)
        self.add_rater_button = QPushButton("Add rater...")
        self.rename_rater_button = QPushButton("Rename rater...")
        self.remove_rater_button = QPushButton("Remove rater...")
        self.clear_agreed_button = QPushButton("Back to the raters' mean")
        self.clear_agreed_button.setToolTip("Forget the position the team dragged this action to")
        self.add_rater_button.clicked.connect(self.add_rater)
        self.rename_rater_button.clicked.connect(lambda _checked=False: self.rename_rater())
        self.remove_rater_button.clicked.connect(self.remove_rater)
        self.clear_agreed_button.clicked.connect(self.clear_agreed)
        self.ratings_view.rename_requested.connect(self.rename_rater)
        self.rename_rater_action = QAction("Re&name rater...", self)
        self.rename_rater_action.triggered.connect(lambda _checked=False: self.rename_rater())
        self.remove_rater_action = QAction("Remove rater and their ratings...", self)
        self.remove_rater_action.triggered.connect(self.remove_rater)
        self.ratings_view.set_commands(add=("Add rater...", self.add_rater),
                                       remove=("Clear rating", self.clear_ratings),
                                       extra=[self.rename_rater_action, self.remove_rater_action])
        buttons = QHBoxLayout()
        for b in (self.add_rater_button, self.rename_rater_button, self.remove_rater_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_agreed_button)
        ratings_page = QWidget()
        layout = QVBoxLayout(ratings_page)
        layout.addWidget(self.position_label)
        layout.addWidget(self.ratings_view, 1)
        layout.addLayout(buttons)
        self.addTab(ratings_page, "Ratings")

        # Discussion and decision --------------------------------------------------------------
        self.disagreement_label = QLabel()
        self.disagreement_label.setWordWrap(True)
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText("Who will get a better estimate")
        self.next_step_edit = QLineEdit()
        self.next_step_edit.setPlaceholderText("How: ask someone, find data, price it...")
        self.proposed_owner_edit = QLineEdit()
        self.proposed_owner_edit.setPlaceholderText("Who would lead it, if approved")
        self.deadline_edit = QLineEdit()
        self.deadline_edit.setPlaceholderText("e.g. Start of next school year")
        # The focus-group guide's bold reminder, as a check that travels into the plan with the action.
        self.contract_check = QCheckBox(f"&{contract_limits.LABEL}")
        self.contract_check.setObjectName("contractLimited")
        self.contract_check.setToolTip(contract_limits.HINT)
        self.contract_note_edit = QLineEdit()
        self.contract_note_edit.setObjectName("contractNote")
        self.contract_note_edit.setPlaceholderText("Which agreement, and what it allows or rules out")
        self.contract_note_edit.setToolTip(contract_limits.HINT)
        self.contract_note_edit.setMaxLength(contract_limits.NOTE_LIMIT)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        discussion_page = QWidget()
        form = QFormLayout(discussion_page)
        form.addRow(self.disagreement_label)
        form.addRow("Owner of the next step:", self.owner_edit)
        form.addRow("Next step:", self.next_step_edit)
        form.addRow("Proposed owner:", self.proposed_owner_edit)
        form.addRow("Possible deadline:", self.deadline_edit)
        form.addRow(self.contract_check)
        form.addRow("Contract note:", self.contract_note_edit)
        form.addRow(self.decision_label)
        self.addTab(discussion_page, "Discussion and decision")

        # Evidence and equity -----------------------------------------------------------------
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.description_edit = CommittingTextEdit()
        self.description_edit.setPlaceholderText("What the action is, in a sentence or two")
        self.evidence_edit = CommittingTextEdit()
        self.evidence_edit.setPlaceholderText("The data behind it: a survey gap, a rubric item, what staff said")
        for edit in (self.description_edit, self.evidence_edit):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(64)
        self.groups_model = QStandardItemModel(self)
        self.groups_view = QListView()
        self.groups_view.setObjectName("servedGroups")
        self.groups_view.setModel(self.groups_model)
        self.groups_model.itemChanged.connect(self._group_toggled)
        evidence_page = QWidget()
        form = QFormLayout(evidence_page)
        form.addRow("Came from:", self.source_label)
        form.addRow("Description:", self.description_edit)
        form.addRow("Evidence:", self.evidence_edit)
        form.addRow("Staff groups it serves:", self.groups_view)
        self.addTab(evidence_page, "Evidence and equity")

        # Ranking criteria --------------------------------------------------------------------
        criteria_page = QWidget()
        form = QFormLayout(criteria_page)
        intro = QLabel("Optional: score each criterion 1-5 (5 is best, so low cost scores high). The weighted "
                       "mean ranks the list, as in the CDC School Health Index's planning step.")
        intro.setWordWrap(True)
        form.addRow(intro)
        self.criterion_spins: dict[str, QSpinBox] = {}
        for criterion in CRITERIA:
            spin = QSpinBox()
            spin.setRange(0, 5)
            spin.setSpecialValueText("not scored")
            spin.setToolTip(criterion.question)
            spin.setObjectName(f"criterion_{criterion.key}")
            spin.setMaximumWidth(130)
            spin.valueChanged.connect(lambda value, c=criterion: self._score_changed(c, value))
            form.addRow(f"{criterion.label}:", spin)
            self.criterion_spins[criterion.key] = spin
        self.score_label = QLabel()
        weights = QPushButton("Weights...")
        weights.clicked.connect(self.weights_requested)
        row = QHBoxLayout()
        row.addWidget(self.score_label, 1)
        row.addWidget(weights)
        form.addRow(row)
        self.addTab(criteria_page, "Ranking criteria")

        self._fields = {
            "discussion_owner": self.owner_edit, "discussion_next_step": self.next_step_edit,
            "proposed_owner": self.proposed_owner_edit, "proposed_deadline": self.deadline_edit,
        }
        for field, edit in self._fields.items():
            edit.editingFinished.connect(lambda f=field, e=edit: self._commit_detail(f, e.text()))
        self.evidence_edit.editing_finished.connect(
            lambda: self._commit_detail("evidence", self.evidence_edit.toPlainText()))
        self.description_edit.editing_finished.connect(self._commit_description)
        self.contract_check.toggled.connect(self._contract_toggled)
        self.contract_note_edit.editingFinished.connect(self._commit_contract_note)
        self.ratings_view.selectionModel().selectionChanged.connect(self._update_buttons)
        # The names are read when an owner's box is first typed in (it has the keyboard), not while the
        # tab is built, and again after the team changed.
        self._names_read = False
        for edit in (self.owner_edit, self.proposed_owner_edit):
            edit.installEventFilter(self)
        context.changed.connect(self._offer_team_names)
        self.show_item(None)
        fit_columns(self.ratings_view, stretch_column=0)  # and on as raters are added

    # Showing ------------------------------------------------------------------------------------
    def show_item(self, item: PriorityItem | None) -> None:
        self.item = item
        self.ratings_model.show_item(item)
        # The Ratings page stays usable with nothing selected: adding raters comes first.
        for page in range(1, self.count()):
            self.widget(page).setEnabled(item is not None)
        self._fill()

    def _offer_team_names(self, topics: frozenset[str] = frozenset({TEAM})) -> None:
        """Owners are usually people in the plan: offer everyone's names on People as you type (re-read when
        they change, once an owner's box is in use)."""
        if TEAM not in topics:
            return
        if any(edit.hasFocus() for edit in (self.owner_edit, self.proposed_owner_edit)):
            self._read_team_names()
        else:
            self._names_read = False

    def _read_team_names(self) -> None:
        self._names_read = True
        names = self.context.read(lambda s: [p.name for p in team_roster.list_people(s)])
        for edit in (self.owner_edit, self.proposed_owner_edit):
            edit.setCompleter(QCompleter(names, edit))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusIn and not self._names_read:
            self._read_team_names()
        return False

    def _fill(self) -> None:
        item = self.item
        board = self.boards.board
        if item is None or board is None:
            self.position_label.setText("Select an action in the list or on the matrix to rate it.")
            for edit in self._fields.values():
                edit.clear()
            with QSignalBlocker(self.contract_check):
                self.contract_check.setChecked(False)
            self.contract_note_edit.clear()
            self._update_buttons()
            return
        if not board.raters:
            self.position_label.setText("Add a rater first: a person, or one of the subgroups that rated together.")
        elif item.impact is None or item.ease is None:
            self.position_label.setText(f"<b>{item.number}. {item.title}</b><br>Not on the matrix yet: type an "
                                        "impact and an ease rating (1-5) for each rater.")
        else:
            where = "the team's agreed position" if item.has_agreed_position else "the mean of the raters"
            self.position_label.setText(
                f"<b>{item.number}. {item.title}</b><br>{item.quadrant_label} at impact {item.impact:.1f}, "
                f"ease {item.ease:.1f} ({where}).")
        if item.needs_discussion:
            self.disagreement_label.setText(
                f"<b>Needs discussion:</b> {item.summary.disagreement_text()}. Align on who will develop a "
                "better estimate, and how, as the focus-group guide suggests.")
        else:
            self.disagreement_label.setText("Raters agree within one point; no follow-up estimate is needed.")
        decision = item.status_label + (f": {item.status_reason}" if item.status_reason else "")
        if item.status == "approved":
            decision += ". " + self._plan_line_text(item)
        self.decision_label.setText(f"<b>Decision:</b> {decision}")
        for field, edit in self._fields.items():
            if not edit.hasFocus() or edit.text() == getattr(item, field):
                edit.setText(getattr(item, field))
        for edit, value in ((self.evidence_edit, item.evidence), (self.description_edit, item.description)):
            if not edit.hasFocus() and edit.toPlainText() != value:  # (the same text laid out again for nothing)
                edit.setPlainText(value)
        with QSignalBlocker(self.contract_check):
            self.contract_check.setChecked(item.contract_limited)
        if not self.contract_note_edit.hasFocus() or self.contract_note_edit.text() == item.contract_note:
            self.contract_note_edit.setText(item.contract_note)
        self.contract_note_edit.setEnabled(item.contract_limited)
        self.source_label.setText(item.source_label)
        groups = (tuple(board.group_names.items()), item.served_group_ids)
        if groups != self._groups_shown:  # (a drop or a rating leaves them as they were)
            self._groups_shown = groups
            self._fill_groups(board.group_names, item.served_group_ids)
        for key, spin in self.criterion_spins.items():
            with QSignalBlocker(spin):
                spin.setValue(item.criterion_scores.get(key, 0))
        self.score_label.setText(
            f"Weighted score {item.score:.2f}, rank {item.rank}" if item.score is not None else "Not scored yet.")
        self._update_buttons()

    def _fill_groups(self, group_names: dict[int, str], served: tuple[int, ...]) -> None:
        with QSignalBlocker(self.groups_model):
            self.groups_model.clear()
            for group_id, name in group_names.items():
                entry = QStandardItem(name)
                entry.setCheckable(True)
                entry.setEditable(False)
                entry.setData(group_id, Qt.ItemDataRole.UserRole)
                entry.setCheckState(Qt.CheckState.Checked if group_id in served else Qt.CheckState.Unchecked)
                self.groups_model.appendRow(entry)

    def _plan_line_text(self, item: PriorityItem) -> str:
        """Where the approved action stands in the plan: its dates once the Action plan tab set them."""
        line = self.context.read(lambda s: planned_actions.find_for_candidate(s, item.id))
        if line is None:
            return "It is no longer in the action plan."
        if line.start_date is not None and line.due_date is not None:
            return (f"It is in the action plan, scheduled from {show_date(line.start_date)} "
                    f"to {show_date(line.due_date)}.")
        if line.due_date is not None:
            return f"It is in the action plan, due {show_date(line.due_date)}."
        return "It is in the action plan, with the owner and deadline above; the Action plan tab schedules it."

    def refresh(self, again: bool = False) -> None:
        """Re-read the selected action after the plan changed (``again``: show it again even if it
        is the same record, for what the panel reads beside it)."""
        board = self.boards.board
        item = board.item(self.item.id) if board is not None and self.item is not None else None
        if item is not None and item is self.item and not again:
            return  # the same record: another action changed (a whole re-read makes every record anew)
        self.item = item
        self._fill()

    def _update_buttons(self, *_args) -> None:
        has_rater = selected_record(self.ratings_view) is not None
        for control in (self.rename_rater_button, self.remove_rater_button, self.rename_rater_action,
                        self.remove_rater_action):
            control.setEnabled(has_rater)
        self.clear_agreed_button.setEnabled(self.item is not None and self.item.has_agreed_position)

    # Editing ------------------------------------------------------------------------------------
    def _commit_detail(self, field: str, value: str) -> None:
        if self.item is not None and value.strip() != getattr(self.item, field):
            self.context.edit(commands.set_detail(self.context, self.item, field, value))

    def _commit_description(self) -> None:
        value = self.description_edit.toPlainText()
        if self.item is not None and value.strip() != self.item.description:
            self.context.edit(commands.change_action(self.context, self.item, "description", value.strip()))

    def _contract_toggled(self, limited: bool) -> None:
        if self.item is not None and limited != self.item.contract_limited:
            self.context.edit(commands.set_contract_limit(self.context, self.item, limited,
                                                          self.contract_note_edit.text()))
        self.contract_note_edit.setEnabled(limited)
        if limited:
            self.contract_note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _commit_contract_note(self) -> None:
        note = self.contract_note_edit.text().strip()
        if self.item is not None and self.item.contract_limited and note != self.item.contract_note:
            self.context.edit(commands.set_contract_limit(self.context, self.item, True, note))

    def _group_toggled(self, _entry: QStandardItem) -> None:
        if self.item is None:
            return
        ids = [self.groups_model.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.groups_model.rowCount())
               if self.groups_model.item(r).checkState() == Qt.CheckState.Checked]
        self.context.edit(commands.set_served_groups(self.context, self.item, ids))

    def _score_changed(self, criterion, value: int) -> None:
        if self.item is not None:
            self.context.edit(commands.set_criterion_score(self.context, self.item, criterion.key, criterion.label,
                                                           value or None))

    def add_rater(self) -> None:
        name, ok = QInputDialog.getText(self, "Add rater", "Name of the person or subgroup:")
        if ok and name.strip():
            self.context.edit(commands.add_rater(self.context, name.strip()))

    def rename_rater(self, row: int | None = None) -> None:
        """The only way a rater's name changes: asked for in a dialog, never typed over in the table."""
        rater = self.ratings_model.record_at(row) if row is not None else selected_record(self.ratings_view)
        if rater is None:
            return
        name, ok = QInputDialog.getText(self, "Rename rater", f"New name for {rater.name}:", QLineEdit.EchoMode.Normal,
                                        rater.name)
        if ok and name.strip() and name.strip() != rater.name:
            self.context.edit(commands.rename_rater(self.context, rater.id, rater.name, name.strip()))

    def remove_rater(self) -> None:
        row = selected_record(self.ratings_view)
        if row is None:
            return
        goes = self.context.read(lambda s: what_goes_with_rater(s, row.id))
        if confirm_removal(self, f"Remove the rater {row.name}?", goes):
            self.context.edit(commands.remove_rater(self.context, row.id, row.name))

    def clear_ratings(self) -> None:
        """Delete (or Cut) on rating cells clears them; the raters stay."""
        self.ratings_model.clear_cells(self.ratings_view.selected_indexes())

    def clear_agreed(self) -> None:
        if self.item is not None and self.item.has_agreed_position:
            self.context.edit(commands.set_agreed_position(self.context, self.item, None, None))
