"""The Priorities tab: candidate actions on an impact x ease matrix, rated, discussed and decided.

Seed 000 step 4 and seed 004's prioritization exercise: rate each action's likely impact and ease
(alone, or in subgroups), see where raters disagree and name who will get a better estimate, then
approve the few to do now and next. The matrix and the list show the same filtered actions;
selecting in one selects in the other. Removing an action, or taking back an approval, that takes
other things along (ratings, a scheduled plan line) says what and asks first.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.dialog_lifetime import run_modal
from gui.plan_context import PlanContext
from gui.priorities import commands
from gui.priorities.board_model import ACTIVE, PriorityFilter, PriorityListModel
from gui.priorities.details_panel import DetailsPanel
from gui.priorities.list_view import PriorityListView
from gui.priorities.matrix_view import PriorityMatrix
from gui.priorities.settings_dialog import MatrixSettingsDialog
from gui.widgets.confirm import confirm_removal, confirm_removing
from gui.widgets.empty_state import EmptyState
from gui.widgets.tables import fit_columns, make_table_view, selected_rows
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.widgets.when_shown import WhenShown
from gui.workspace_tab import WorkspaceTab
from models import ActionStatus, SourceKind
from services.priorities import contract_limits
from services.priorities.action_dependents import what_goes_with_candidate, what_goes_with_taking_back_approval
from services.priorities.candidate_actions import SOURCE_LABELS, STATUS_LABELS, source_home
from services.priorities.prioritization import QUADRANT_LABELS, QUADRANT_ORDER, Quadrant
from services.priorities.priority_board import PriorityItem

INTRO = ("Rate each action's likely <b>impact</b> on staff wellness and its <b>ease</b> of implementation, 1-5, "
         "alone or in subgroups (one rater each), as the focus-group guide suggests. Where raters differ by two "
         "or more points, name who will get a better estimate. Drag a point to where the team agrees it belongs.")
EMPTY_TEXT = ("Candidate actions come from the other tabs: on Readiness, Data and Focus groups, send an item, a "
              "survey finding or a group's proposal to Priorities. You can also type one in here, then rate how "
              "much it would help staff wellness and how easy it would be.")
LEGEND = ("○ proposed   ■ approved   ◆ declined or parked   "
          "dashed ring: raters differ by 2 or more   * agreed position   "
          f"{contract_limits.MARK} limited by a contract or collective bargaining")
# Where each kind of candidate came from, as the tab to show for "Show where it came from".
SOURCE_TABS = {
    SourceKind.READINESS_ITEM.value: "readiness",
    SourceKind.SURVEY_FINDING.value: "data",
    SourceKind.FOCUS_GROUP_INITIATIVE.value: "focus_groups",
    SourceKind.FOCUS_GROUP_PROPOSAL.value: "focus_groups",
    SourceKind.FOCUS_GROUP_BRAINSTORM.value: "focus_groups",
    SourceKind.DATA_COVERAGE_GAP.value: "data",
    SourceKind.LOW_PARTICIPATION.value: "data:participation",
    SourceKind.POLICY_REVIEW.value: "data:policy",
}


def ask_reason(parent: QWidget, verb: str, title: str) -> str | None:
    """The reason for declining or parking; None if the person cancelled. (Tests replace this.)"""
    while True:
        reason, ok = QInputDialog.getText(parent, f"{verb} action", f"Why is \u201c{title}\u201d {verb.lower()}d? "
                                          "The reason stays with the action.", QLineEdit.EchoMode.Normal)
        if not ok:
            return None
        if reason.strip():
            return reason.strip()


class PrioritiesTab(WorkspaceTab):
    main_printout = "matrix"

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = PriorityListModel(context)
        self.proxy = PriorityFilter(self)
        self.proxy.setSourceModel(self.model)

        toolbar = tab_toolbar("Priorities")
        self.add_action = add_tab_action(self, toolbar, "Add action", "Type in a new candidate action",
                                         self.add_candidate, QKeySequence("Ctrl+Shift+A"))
        self.remove_action = add_tab_action(self, toolbar, "Remove", "Remove the selected action and its ratings",
                                            self.remove_candidate)
        toolbar.addSeparator()
        self.approve_action = add_tab_action(self, toolbar, "Approve", "Approve: it goes into the action plan",
                                             lambda: self.decide(ActionStatus.APPROVED.value), QKeySequence("Ctrl+Shift+Y"))
        self.decline_action = add_tab_action(self, toolbar, "Decline...", "Decline, with a reason (kept, not deleted)",
                                             lambda: self.decide(ActionStatus.DECLINED.value))
        self.park_action = add_tab_action(self, toolbar, "Park...", "Park for later, with a reason",
                                          lambda: self.decide(ActionStatus.PARKED.value))
        self.repropose_action = add_tab_action(self, toolbar, "Undecide", "Put the action back among the proposed ones",
                                               lambda: self.decide(ActionStatus.PROPOSED.value))
        toolbar.addSeparator()
        add_tab_action(self, toolbar, "Matrix settings...",
                       "Where the quadrant lines sit, how many actions the Do it now! quadrant may hold, and criterion weights",
                       self.edit_settings)
        toolbar.addSeparator()
        add_tab_action(self, toolbar, "Print matrix...", "The matrix, ranked list and decisions as a PDF",
                       lambda: self.export_requested.emit("matrix"))
        add_tab_action(self, toolbar, "Print voting sheet...", "A blank dot-voting sheet for a meeting",
                       lambda: self.export_requested.emit("voting-sheet"))

        intro = QLabel(INTRO)
        intro.setWordWrap(True)

        # Filters
        self.source_filter = QComboBox()
        self.source_filter.setObjectName("sourceFilter")
        self.source_filter.addItem("All sources", None)
        for kind, label in SOURCE_LABELS.items():
            self.source_filter.addItem(label, kind)
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("Proposed and approved", ACTIVE)
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(f"{label} only", status)
        self.status_filter.addItem("All, with declined and parked", None)
        self.discussion_filter = QCheckBox("Needs discussion only")
        self.source_filter.currentIndexChanged.connect(self._filters_changed)
        self.category_filter.currentIndexChanged.connect(self._filters_changed)
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.discussion_filter.toggled.connect(self._filters_changed)
        filters = QHBoxLayout()
        for label, widget in (("Source:", self.source_filter), ("Category:", self.category_filter),
                              ("Show:", self.status_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.discussion_filter)
        filters.addStretch(1)
        for combo in (self.source_filter, self.category_filter, self.status_filter):
            # Narrow enough for a 1024-wide screen; the list drops down at full width.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("quadrantCounts")
        self.counts_label.setWordWrap(True)

        self.warning = QLabel()
        self.warning.setObjectName("doNowWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #FFF4E5; border: 1px solid #F0B429; padding: 4px 8px;")

        self.matrix = PriorityMatrix(self)
        self.matrix.setMinimumSize(300, 280)
        legend = QLabel(LEGEND)
        legend.setObjectName("matrixLegend")
        legend.setWordWrap(True)
        self.unrated_label = QLabel()
        self.unrated_label.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.matrix, 1)
        left_layout.addWidget(legend)
        left_layout.addWidget(self.counts_label)
        left_layout.addWidget(self.unrated_label)
        self.list_view = make_table_view(self, name="Candidate actions", view_class=PriorityListView)
        self.list_view.title_column = self.model.column_of("title")
        self.list_view.setObjectName("priorityList")
        self.list_view.setModel(self.proxy)
        # Sorted once, by number: enabling sorting sorts by the heading's indicator, so it is set
        # first (it said the first column, downwards: the list was sorted twice, each sort a call
        # into Python for every comparison and two for the cells compared, 6,500 on 500 actions).
        self.list_view.horizontalHeader().setSortIndicator(self.model.column_of("number"), Qt.SortOrder.AscendingOrder)
        self.list_view.setSortingEnabled(True)
        self.source_action = QAction("Show where it came from", self)
        self.source_action.setToolTip("Go to the tab this action was sent from")
        self.source_action.triggered.connect(self.show_source)
        self.list_view.set_commands(
            add=("Add action", self.add_candidate), remove=("Remove action...", self.remove_candidate),
            extra=[self.approve_action, self.decline_action, self.park_action, self.repropose_action,
                   self.source_action])
        self.details = DetailsPanel(context, self.model, self)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.list_view)
        right.addWidget(self.details)
        right.setSizes([330, 300])
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 1)  # a wider window widens the list more than the matrix
        body.setStretchFactor(1, 2)
        body.setSizes([520, 760])

        self.board_page = QWidget()
        board_layout = QVBoxLayout(self.board_page)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(intro)
        board_layout.addLayout(filters)
        board_layout.addWidget(self.warning)
        board_layout.addWidget(body, 1)
        self.empty_page = EmptyState("No candidate actions yet", EMPTY_TEXT, "Add action", self.add_candidate,
                                     object_name="prioritiesEmpty")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.board_page)
        self.pages.addWidget(self.empty_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(toolbar)
        layout.addWidget(self.pages, 1)

        self.list_view.selectionModel().selectionChanged.connect(self._list_selection_changed)
        self.matrix.point_selected.connect(self.select_action)
        self.matrix.point_moved.connect(self._point_moved)
        self.matrix.point_nudged.connect(self._point_nudged)
        self.details.weights_requested.connect(self.edit_settings)
        # Hidden, the tab reads and draws nothing on a change (a district's board is 500 actions x 5
        # raters); it follows them all at once as it is shown.
        self.when_shown = WhenShown(self)
        self.model.when_shown = self.when_shown
        context.changed.connect(self._plan_changed)
        self._fill_categories()
        self._redraw()
        # Every column as wide as what it holds (a long title or source cut at a word, whole in its
        # tooltip); the list scrolls sideways rather than squeezing the titles.
        fit_columns(self.list_view)
        self._update_actions()

    # Redrawing ----------------------------------------------------------------------------------
    def _plan_changed(self, topics: frozenset[str]) -> None:
        self.when_shown.changes(topics, self._follow_changes)

    def _follow_changes(self, topics: frozenset[str]) -> None:
        if not topics & self.model.topics:
            return
        if self.model.changed_only is None and self.model.read_unchanged:
            # Read again, every action as it was (a change elsewhere in the plan): the list and the
            # matrix stay as they are; the details say again where an approved action stands in
            # the action plan, which is not part of the board.
            self.details.refresh(again=True)
            return
        # The model has re-read the board by now: all of it, or the one action an edit of it alone
        # changed (then only that action is redrawn: a drop on 500 actions within a frame).
        if self.model.changed_only is None or not self._one_changed(self.model.changed_only):
            self.proxy.refilter()
            self._fill_categories()
            self._redraw()
        self.details.refresh()
        self._update_actions()

    def _one_changed(self, action_id: int) -> bool:
        """Show one action's change (its row has already been told): its point, the counts. False
        when it must be shown by redrawing everything: it enters or leaves the filtered list, or a
        category appears or goes."""
        item = self.model.board.item(action_id)
        if item is None or (self.proxy.row_of(action_id) >= 0) != self.proxy.accepts(item):
            return False
        if [self.category_filter.itemData(n) for n in range(1, self.category_filter.count())] != \
                self.model.board.categories():
            return False
        self.matrix.update_item(item)
        self._show_counts()
        return True

    def _redraw(self) -> None:
        board = self.model.board
        self.pages.setCurrentWidget(self.board_page if board.items else self.empty_page)
        visible = self.proxy.visible_items()
        self.matrix.set_items(visible, board.settings.midpoint_impact, board.settings.midpoint_ease)
        selected = self.selected_item()
        self.matrix.select(selected.id if selected else None)
        self._show_counts()

    def _show_counts(self) -> None:
        """How many actions each quadrant holds, the Do it now! warning, and how many are unrated."""
        board = self.model.board
        in_play: dict[Quadrant, int] = dict.fromkeys(QUADRANT_ORDER, 0)
        for item in board.items:
            if item.in_play:
                in_play[item.quadrant] += 1
        counts = [f"{QUADRANT_LABELS[q]} {in_play[q]}" for q in QUADRANT_ORDER
                  if q is not Quadrant.UNRATED or in_play[q]]
        self.counts_label.setText("  \u00b7  ".join(counts))
        do_now = in_play[Quadrant.DO_NOW]
        limit = board.settings.do_now_limit
        self.warning.setVisible(do_now > limit)
        self.warning.setText(f"<b>{do_now} actions are in the Do it now! quadrant.</b> More than {limit} is no "
                             "priority: approve the few to start with, and move or park the rest.")
        unrated = self.matrix.unrated_count()
        self.unrated_label.setVisible(unrated > 0)
        self.unrated_label.setText(f"{unrated} of the listed actions {'is' if unrated == 1 else 'are'} not rated "
                                   "yet, so not on the matrix: select one and type its ratings below.")

    def _fill_categories(self) -> None:
        current = self.category_filter.currentData()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem("All categories", None)
        for category in self.model.board.categories():
            self.category_filter.addItem(category, category)
        index = self.category_filter.findData(current)
        self.category_filter.setCurrentIndex(max(index, 0))
        self.category_filter.blockSignals(False)

    def _filters_changed(self, *_args) -> None:
        selected = self.selected_item()
        self.proxy.set_filter(source_kind=self.source_filter.currentData(),
                              category=self.category_filter.currentData(),
                              status=self.status_filter.currentData(),
                              discussion_only=self.discussion_filter.isChecked())
        self._redraw()
        if selected is not None:
            self.select_action(selected.id)

    # Selection ----------------------------------------------------------------------------------
    def selected_item(self) -> PriorityItem | None:
        rows = selected_rows(self.list_view)
        if not rows:
            return None
        return self.model.record_at(self.proxy.mapToSource(self.proxy.index(rows[0], 0)).row())

    def show_record(self, record_id: int, part: str = "") -> None:
        """A candidate another tab points to, shown even when the filters hide it (they are reset)."""
        if self.proxy.row_of(record_id) < 0 and self.model.row_of(record_id) >= 0:
            for box in (self.source_filter, self.category_filter, self.status_filter):
                box.blockSignals(True)
                box.setCurrentIndex(box.count() - 1 if box is self.status_filter else 0)
                box.blockSignals(False)
            self.discussion_filter.blockSignals(True)
            self.discussion_filter.setChecked(False)
            self.discussion_filter.blockSignals(False)
            self._filters_changed()
        self.select_action(record_id)

    def select_action(self, action_id: int) -> None:
        row = self.proxy.row_of(action_id)
        if row < 0:
            self.list_view.clearSelection()
            return
        index = self.proxy.index(row, self.model.column_of("title"))
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.list_view.scrollTo(index)

    def _list_selection_changed(self, *_args) -> None:
        item = self.selected_item()
        self.matrix.select(item.id if item else None)
        self.details.show_item(item)
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.selected_item()
        self.remove_action.setEnabled(item is not None)
        self.source_action.setEnabled(item is not None and item.source_kind in SOURCE_TABS)
        for action, status in ((self.approve_action, "approved"), (self.decline_action, "declined"),
                               (self.park_action, "parked"), (self.repropose_action, "proposed")):
            action.setEnabled(item is not None and item.status != status)

    # Editing ------------------------------------------------------------------------------------
    def add_candidate(self) -> None:
        # A new action is typed in by hand: show it whatever the source and status filters say.
        if self.source_filter.currentData() not in (None, "manual"):
            self.source_filter.setCurrentIndex(0)
        if self.status_filter.currentData() not in (None, ACTIVE, "proposed"):
            self.status_filter.setCurrentIndex(0)
        self.discussion_filter.setChecked(False)
        edit = commands.add_action(self.context, "New candidate action", self.category_filter.currentData() or "")
        if self.context.edit(edit):
            self._redraw()  # the first action leaves the empty page
            self.select_action(edit.result.id)
            index = self.list_view.currentIndex()
            self.list_view.setFocus()
            self.list_view.edit(index)

    def selected_items(self) -> list[PriorityItem]:
        """The actions of every selected row, the current one first."""
        return [self.model.record_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
                for row in selected_rows(self.list_view)]

    def remove_candidate(self) -> None:
        """Remove the selected actions; when ratings or a plan line go with them, say so and ask."""
        items = self.selected_items()
        if not items:
            return
        goes = self.context.read(lambda s: [(i.title, what_goes_with_candidate(s, i.id)) for i in items])
        if not confirm_removing(self, goes, "from the candidate actions", "candidate actions"):
            return
        if len(items) == 1:
            self.context.edit(commands.remove_action(self.context, items[0]))
            return
        stack = self.context.undo_stack
        stack.beginMacro(f"Remove {len(items)} candidate actions")
        try:
            for item in items:
                self.context.edit(commands.remove_action(self.context, item))
        finally:
            stack.endMacro()

    def show_source(self) -> None:
        """The tab the selected action was sent from, with where it came from in the status bar."""
        item = self.selected_item()
        if item is None or item.source_kind not in SOURCE_TABS:
            return
        home = self.context.read(lambda s: source_home(s, item.source_kind, item.source_id))
        self.open_record.emit(SOURCE_TABS[item.source_kind], -1 if home is None else home)
        self.status_message.emit(f"\u201c{item.title}\u201d came from: {item.source_label}.", 10000)

    def decide(self, status: str) -> None:
        item = self.selected_item()
        if item is None or item.status == status:
            return
        if item.status == ActionStatus.APPROVED.value:
            goes = self.context.read(lambda s: what_goes_with_taking_back_approval(s, item.id))
            verb = {"declined": "&Decline", "parked": "&Park"}.get(status, "&Undecide")
            if not confirm_removal(self, f"Take back the approval of \u201c{item.title}\u201d?", goes, verb):
                return
        reason = ""
        if status in (ActionStatus.DECLINED.value, ActionStatus.PARKED.value):
            verb = "Decline" if status == ActionStatus.DECLINED.value else "Park"
            reason = ask_reason(self, verb, item.title)
            if reason is None:
                return
        self.context.edit(commands.decide(self.context, item, status, reason))

    def _point_moved(self, action_id: int, impact: float, ease: float) -> None:
        item = self.model.board.item(action_id)
        if item is not None:
            self.context.edit(commands.set_agreed_position(self.context, item, impact, ease))

    def _point_nudged(self, action_id: int, impact: float, ease: float) -> None:
        item = self.model.board.item(action_id)
        if item is not None:  # a run of arrow presses on one point is one undo step
            self.context.edit(commands.set_agreed_position(self.context, item, impact, ease,
                                                           merge_key=f"nudge-{action_id}"))

    def edit_settings(self) -> None:
        run_modal(MatrixSettingsDialog(self.context, self))
