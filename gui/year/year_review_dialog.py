"""File > Year-end review...: each objective with what the year showed (its indicator against its
target, the PDSA decisions and what they changed, the actions done and not finished) and a box for
the team's conclusions, then one for the year as a whole.

A box is recorded when the person leaves it (or closes the dialog): one undo step each, on the
window's undo stack, so Edit > Undo takes it back later too; the dialog's own Undo button does the
same while it is open (Ctrl+Z inside a box undoes typing, as in any text field)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.dialog_lifetime import listen_while_open
from gui.plan_context import OBJECTIVES, PLAN, PROFILE, PlanContext
from gui.screen_dates import show_date
from gui.widgets.committing_text import CommittingTextEdit
from gui.year import commands
from services.wording import counted
from services.year.year_review import (
    DECISION_HEADINGS,
    DECISION_ORDER,
    ObjectiveReview,
    YearReview,
    load_review,
    value_text,
)

REACHED = "\u2714 Target reached"
NOT_REACHED = "\u2716 Target not reached"


def _facts(o: ObjectiveReview) -> str:
    """The objective's year in a few lines of rich text."""
    def when(day) -> str:
        return f" ({show_date(day)})" if day else ""

    result = {True: REACHED, False: NOT_REACHED}.get(o.reached, o.verdict)
    lines = [f"<b>{escape(o.indicator or 'No indicator yet')}</b>: baseline {escape(value_text(o.baseline, o.unit))}"
             f"{when(o.baseline_date)}, latest {escape(value_text(o.latest, o.unit))}{when(o.latest_date)}, target "
             f"{escape(value_text(o.target, o.unit))}" + (f" by {show_date(o.target_date)}" if o.target_date else "")
             + f". <b>{escape(result)}</b>"]
    for decision in DECISION_ORDER:
        for c in o.decided(decision):
            said = "; ".join(t for t in (c.changed, c.learning) if t)
            lines.append(f"{DECISION_HEADINGS[decision]}: {escape(c.title)}" + (f" \u2014 {escape(said)}" if said else ""))
    if not o.cycles:
        lines.append("No PDSA cycle decided this year" + (f" ({counted(o.open_cycles, 'cycle')} under way)."
                                                          if o.open_cycles else "."))
    lines.append(f"Actions: {len(o.done)} done, {len(o.unfinished)} not finished, {len(o.dropped)} dropped.")
    return "<br/>".join(lines)


class YearReviewDialog(QDialog):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("yearReview")
        review = context.read(load_review)
        self.setWindowTitle(f"Year-end review \u2014 {review.school_year}" if review.school_year else
                            "Year-end review")
        intro = QLabel("For each objective, what the year showed. Write what the team concluded: what worked, what "
                       "to keep, what to change next year. Each box is saved when you leave it, and Undo takes it "
                       "back. Objectives not reached come along to the next year's plan (File > Start next school "
                       "year).", wordWrap=True)
        body = QWidget()
        self._body = QVBoxLayout(body)
        self.facts: dict[int, QLabel] = {}
        self.boxes: dict[int, CommittingTextEdit] = {}  # objective id -> its box
        self._numbers: dict[int, int] = {}
        if not review.objectives:
            self._body.addWidget(QLabel("The plan has no objectives yet: write SMARTIE objectives on the Action "
                                        "plan tab, and review them here at the end of the year.", wordWrap=True,
                                        objectName="noObjectives"))
        for number, o in enumerate(review.objectives, start=1):
            group = QGroupBox(f"Objective {number}: {o.statement}" if len(o.statement) <= 90 else
                              f"Objective {number}: {o.statement[:89]}\u2026")
            group.setToolTip(o.statement)
            facts = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText, objectName=f"facts{o.id}")
            box = self._box(f"conclusions{o.id}", f"Conclusions on objective {number}",
                            "What did the team conclude about this objective?")
            box.editing_finished.connect(lambda i=o.id: self.record_objective(i))
            label = QLabel("Our conclusions:", buddy=box)
            inner = QVBoxLayout(group)
            for w in (facts, label, box):
                inner.addWidget(w)
            self._body.addWidget(group)
            self.facts[o.id], self.boxes[o.id], self._numbers[o.id] = facts, box, number
        year = QGroupBox("The year as a whole")
        self.year_box = self._box("yearConclusions", "Conclusions on the year",
                                  "What did the year teach the team? What carries into next year?")
        self.year_box.editing_finished.connect(self.record_year)
        QVBoxLayout(year).addWidget(self.year_box)
        self._body.addWidget(year)
        self._body.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        self.undo_button = QPushButton("&Undo", objectName="undoConclusions")
        self.undo_button.setToolTip("Take back the last change to the plan (as Edit > Undo)")
        self.undo_button.clicked.connect(self.undo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(820, 640)
        listen_while_open(self, context.changed, self._changed)
        listen_while_open(self, context.undo_stack.canUndoChanged, self.undo_button.setEnabled)
        self.undo_button.setEnabled(context.undo_stack.canUndo())
        self.show_review(review)

    def _box(self, name: str, accessible: str, placeholder: str) -> CommittingTextEdit:
        box = CommittingTextEdit(objectName=name, accessibleName=accessible, placeholderText=placeholder)
        box.setTabChangesFocus(True)  # Tab moves on to the next objective, as in a form
        box.setMinimumHeight(70)
        box.setMaximumHeight(130)  # a few lines each, so several objectives show at once
        return box

    def show_review(self, review: YearReview | None = None) -> None:
        review = review or self.context.read(load_review)
        for o in review.objectives:
            if o.id in self.facts:
                self.facts[o.id].setText(_facts(o))
                if self.boxes[o.id].toPlainText() != o.conclusions:
                    self.boxes[o.id].setPlainText(o.conclusions)
        if self.year_box.toPlainText() != review.year_conclusions:
            self.year_box.setPlainText(review.year_conclusions)

    def _changed(self, topics) -> None:
        if topics & {OBJECTIVES, PLAN, PROFILE}:
            self.show_review()

    def _stored(self):
        review = self.context.read(load_review)
        return {o.id: o.conclusions for o in review.objectives}, review.year_conclusions

    def record_objective(self, objective_id: int) -> None:
        text = self.boxes[objective_id].toPlainText().strip()
        stored, _year = self._stored()
        if objective_id in stored and stored[objective_id] != text:
            self.context.edit(commands.set_objective_conclusions(self.context, objective_id,
                                                                 self._numbers[objective_id], text))

    def record_year(self) -> None:
        text = self.year_box.toPlainText().strip()
        if self._stored()[1] != text:
            self.context.edit(commands.set_year_conclusions(self.context, text))

    def record_all(self) -> None:
        for objective_id in self.boxes:
            self.record_objective(objective_id)
        self.record_year()

    def undo(self) -> None:
        self.record_all()  # what is typed is recorded first, so Undo takes back the latest change
        self.context.undo_stack.undo()

    def done(self, result: int) -> None:
        self.record_all()
        super().done(result)
