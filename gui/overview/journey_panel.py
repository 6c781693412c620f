"""The seven steps as a checklist computed from the plan, each a link to where the work is done."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from gui.plan_context import (
    ACTIONS,
    DATA,
    FOCUS,
    GROUPS,
    MEETINGS,
    OBJECTIVES,
    PLAN,
    PROFILE,
    RATINGS,
    READINESS,
    SCHOOLS,
    TEAM,
    PlanContext,
)
from services.overview import journey

# What the seven steps are computed from (headcounts behind response rates are not).
JOURNEY_TOPICS = frozenset({PROFILE, SCHOOLS, GROUPS, TEAM, MEETINGS, ACTIONS, RATINGS, PLAN, READINESS, FOCUS,
                            DATA, OBJECTIVES})
# The steps take ~50 queries and a rebuild of their labels: done once the person pauses, not
# after every keystroke's edit, and not at all while the Overview is out of sight.
REFRESH_DELAY_MS = 300

STATE_MARKS = {
    journey.StepState.DONE: ("\u2714", "#2F855A", "Done"),
    journey.StepState.STARTED: ("\u25d0", "#B7791F", "Under way"),
    journey.StepState.NOT_STARTED: ("\u25cb", "#718096", "Not started"),
}


class JourneyPanel(QGroupBox):
    open_tab = Signal(str)

    def __init__(self, context: PlanContext, available_tabs: set[str], parent: QWidget | None = None):
        super().__init__("The seven steps (Take Action toolkit)", parent)
        self.context = context
        self.available_tabs = available_tabs
        outer = QVBoxLayout(self)
        self.next_label = QLabel()
        self.next_label.setObjectName("whatNext")
        self.next_label.setWordWrap(True)
        self.next_label.setStyleSheet(
            "QLabel#whatNext { background: #EBF4FF; border: 1px solid #A3BFFA; border-radius: 4px; padding: 8px; }"
        )
        outer.addWidget(self.next_label)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(2)
        outer.addLayout(self.grid)
        self.later_note = QLabel()
        self.later_note.setWordWrap(True)
        self.later_note.setStyleSheet("color: #4A5568; font-style: italic;")
        outer.addWidget(self.later_note)
        outer.addStretch(1)
        self.step_labels: dict[str, QLabel] = {}
        self._stale = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_if_shown)
        context.changed.connect(self._plan_changed)
        self.refresh()

    def _plan_changed(self, topics: frozenset[str]) -> None:
        if topics & JOURNEY_TOPICS:
            self._stale = True
            self._refresh_timer.start()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self._refresh_timer.stop()
        statuses = self.context.read(journey.journey_status)
        self.next_label.setText(
            "<b>What to do next:</b> " + escape(self.context.read(lambda s: journey.what_next(s, statuses)))
        )
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.step_labels.clear()
        waiting = [str(s.step.number) for s in statuses if s.step.tab not in self.available_tabs]
        self.later_note.setText(
            f"Steps {', '.join(waiting)} get their own workspaces in later updates of WellPlan; their "
            "state here already comes from what the plan holds." if waiting else ""
        )
        self.later_note.setVisible(bool(waiting))
        for row, status in enumerate(statuses):
            mark, colour, state_text = STATE_MARKS[status.state]
            icon = QLabel(f"<span style='font-size:16pt; color:{colour}'>{mark}</span>")
            icon.setToolTip(state_text)
            icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            step = status.step
            linked = step.tab in self.available_tabs
            title = f"{step.number}. {escape(step.title)}"
            title_html = f"<a href='{step.tab}'><b>{title}</b></a>" if linked else f"<b>{title}</b>"
            label = QLabel(
                f"{title_html} <span style='color:{colour}'>- {state_text}</span><br>"
                f"<span style='color:#4A5568'>{escape(step.purpose)}</span><br>"
                f"{escape(status.summary)}. <b>Next:</b> {escape(status.next_move)}"
            )
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.linkActivated.connect(self.open_tab.emit)
            label.setObjectName(f"step_{step.key}")
            self.step_labels[step.key] = label
            self.grid.addWidget(icon, row * 2, 0)
            self.grid.addWidget(label, row * 2, 1)
            if not linked:
                label.setToolTip("This step's workspace arrives in a later update of WellPlan.")
            if row < len(statuses) - 1:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setStyleSheet("color: #E2E8F0;")
                self.grid.addWidget(line, row * 2 + 1, 0, 1, 2)
