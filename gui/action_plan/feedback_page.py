"""The Action plan's feedback log: what staff, schools, partners and families said back, and the
action or message that answers it, with the feedback not answered yet marked and a filter for it
(seed 000 step 7: "When individuals don't see their feedback being addressed, it can create
distrust")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.action_plan.plan_models import FeedbackModel
from gui.widgets.buttons import button_row
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view
from services.action_plan import feedback_log
from services.wording import counted

INTRO = ("What staff, schools, partners and families told you about the plan, and the action or message that "
         "answers it. People who see their feedback addressed trust the plan; the progress update pairs each "
         "answered piece with what was done (You said, we did).")


class FeedbackPage(QWidget):
    """Emits requests; the tab turns them into undoable edits."""

    add_requested = Signal()
    remove_requested = Signal()

    def __init__(self, model: FeedbackModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        view = self.view = make_table_view(self, stretch_column=model.column_of("said"), name="Feedback log")
        view.setObjectName("feedbackList")
        view.setModel(model)
        view.setItemDelegateForColumn(model.column_of("group_id"), ChoiceDelegate(
            lambda: [(None, "(none)"), *model.groups.items()], view))
        view.setItemDelegateForColumn(model.column_of("channel"), ChoiceDelegate(
            lambda: [(c, c) for c in feedback_log.CHANNELS], view))
        view.setItemDelegateForColumn(model.column_of("answer"), ChoiceDelegate(model.answer_choices, view))
        fit_columns(view, stretch_column=model.column_of("said"))
        self.only_unanswered = QCheckBox("Show only feedback &not answered yet", objectName="onlyUnanswered")
        self.only_unanswered.toggled.connect(self._filter)
        self.summary = QLabel(objectName="feedbackSummary", wordWrap=True)
        filters = QHBoxLayout()
        filters.addWidget(self.summary, 1)
        filters.addWidget(self.only_unanswered)
        buttons = button_row((("&Add feedback...", self.add_requested.emit, "addFeedback"),
                              ("&Remove feedback", self.remove_requested.emit, "removeFeedback")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(INTRO, wordWrap=True))
        layout.addLayout(filters)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._summarise)
        self._summarise()

    def _filter(self, only: bool) -> None:
        self.model.only_unanswered = only
        self.model.refilter()

    def _summarise(self, *_args) -> None:
        """How much was heard and how much still waits for an answer, in words (the rows waiting are
        also shaded and say "Not answered yet")."""
        records = self.model.context.read(feedback_log.list_items)
        waiting = sum(not r.answered for r in records)
        if not records:
            self.summary.setText("No feedback logged yet: add what people say about the plan as it comes in "
                                 "(or paste rows from a spreadsheet).")
        elif not waiting:
            self.summary.setText(f"{counted(len(records), 'piece')} of feedback, every one answered.")
        else:
            self.summary.setText(f"{counted(len(records), 'piece')} of feedback, <b>{waiting} not answered "
                                 "yet</b>: choose the action or message that answers each in Answered by.")
