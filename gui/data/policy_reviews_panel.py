"""Reviewed district policies (seed 000 step 3), on the Data tab's sources page: each policy, when it
was reviewed, the wellness domain it touches and what the team found; a finding goes to Priorities."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QVBoxLayout, QWidget

from gui.data import commands
from gui.plan_context import ACTIONS, DATA, FINDINGS, PlanContext, PlanEdit
from gui.screen_dates import from_qdate, show_date, to_qdate
from gui.widgets.buttons import button_row
from gui.widgets.confirm import confirm_removal
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.record_model import Column, RecordTableModel
from gui.widgets.tables import fit_columns, make_table_view, selected_record
from services.data import policy_reviews, wellness_domains

FINDING = 3


class PolicyReviewsModel(RecordTableModel):
    topics = frozenset({FINDINGS, DATA, ACTIONS})  # DATA: the wellness domains it names

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("name", "Policy", lambda r: r.name, lambda r: r.name),
            Column("reviewed_on", "Reviewed", lambda r: show_date(r.reviewed_on), lambda r: to_qdate(r.reviewed_on),
                   sort_value=lambda r: r.reviewed_on.toordinal() if r.reviewed_on else 0),
            Column("domain_id", "Domain", lambda r: r.domain or "(none)", lambda r: r.domain_id),
            Column("finding", "What the team found", lambda r: r.finding, lambda r: r.finding,
                   tooltip=lambda r: r.finding or "How the policy shapes staff wellbeing and working conditions "
                                                   "(type it in)"),
            Column("sent", "Priorities", lambda r: "Sent" if r.sent_action_id else "",
                   tooltip=lambda r: "Sent to Priorities as a candidate action" if r.sent_action_id else None),
        ])
        self.reload()

    def load(self) -> list[Any]:
        return self.context.read(policy_reviews.list_reviews)

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key == "reviewed_on":
            value = from_qdate(value) if isinstance(value, QDate) else None
        elif key in ("name", "finding"):
            value = str(value or "")
        if value == getattr(record, key):
            return None
        return commands.update_policy_review(self.context, record.id, record.name, key, value)


class PolicyReviewsPanel(QWidget):
    status_message = Signal(str, int)

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = PolicyReviewsModel(context)
        self.view = make_table_view(self, stretch_column=FINDING, name="Reviewed policies")
        self.view.setObjectName("policyReviews")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(2, ChoiceDelegate(self._domain_choices, self.view))
        self.view.setColumnWidth(0, 240)
        self.send_action = QAction("&Send to Priorities", self.view)
        self.send_action.setToolTip("A candidate action to act on what the team found in the selected policy")
        self.send_action.triggered.connect(lambda _checked=False: self.send_selected())
        self.view.set_commands(add=("Add &review...", self.add_review), remove=("&Remove review", self.remove_selected),
                               extra=[self.send_action])
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._enable())
        self.model.modelReset.connect(self._enable)
        self.model.dataChanged.connect(lambda *_a: self._enable())
        buttons = button_row((("Add &review...", self.add_review, "addPolicyReview"),
                              ("Send &to Priorities", self.send_selected, "sendPolicyReview"),
                              ("Remove revie&w", self.remove_selected, "removePolicyReview")))
        self.send_button = buttons.itemAt(1).widget()
        self.send_button.setToolTip(self.send_action.toolTip())
        self.empty_note = QLabel(objectName="policyReviewsEmpty", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Reviewed policies</b>: district policies shape working conditions too (leave, "
                                "workload, scheduling). Record each one the team reviewed and what it found; send a "
                                "finding to Priorities.", wordWrap=True))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_note)
        layout.addLayout(buttons)
        fit_columns(self.view, stretch_column=FINDING)
        self._enable()

    def _domain_choices(self):
        return [(None, "(none)")] + [(d.id, d.name) for d in self.context.read(wellness_domains.list_domains)]

    def selected(self):
        return selected_record(self.view)

    def select(self, review_id: int) -> None:
        """Show one review (where a candidate on Priorities came from)."""
        row = self.model.row_of(review_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))

    def _enable(self) -> None:
        review = self.selected()
        able = review is not None and review.sent_action_id is None
        self.send_action.setEnabled(able)
        self.send_button.setEnabled(able)
        self.empty_note.setVisible(not self.model.rowCount())
        self.empty_note.setText("No policy reviewed yet: press <b>Add review...</b> and name the policy, then write "
                                "what the team found.")

    def add_review(self) -> None:
        known = {r.name for r in self.model.load()}
        suggestions = [n for n in policy_reviews.SUGGESTED_POLICIES if n not in known]
        name, ok = QInputDialog.getItem(self, "Add policy review", "Policy (choose one or type its name):",
                                        suggestions or [""], 0, True)
        if not ok or not name.strip():
            return
        edit = commands.add_policy_review(self.context, name)
        if self.context.edit(edit):
            row = self.model.row_of(edit.result)
            if row >= 0:  # straight on to what the team found
                index = self.model.index(row, FINDING)
                self.view.setCurrentIndex(index)
                self.view.edit(index)

    def remove_selected(self) -> None:
        review = self.selected()
        if review is None:
            return
        goes = self.context.read(lambda s: policy_reviews.review_dependents(s, review.id))
        if confirm_removal(self, f"Remove the review of \u201c{review.name}\u201d?", goes, "&Remove review") and \
                self.context.edit(commands.remove_policy_review(self.context, review.id, review.name)):
            self.status_message.emit(f"Removed the review of \u201c{review.name}\u201d. Edit > Undo brings it back.",
                                     8000)

    def send_selected(self) -> None:
        review = self.selected()
        if review is None:
            return
        edit = commands.send_policy_review(self.context, review.id, review.name)
        if self.context.edit(edit):
            self.status_message.emit(f"Sent to Priorities: \u201c{edit.result.title}\u201d.", 8000)
