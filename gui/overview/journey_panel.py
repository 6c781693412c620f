"""The seven steps as a checklist computed from the plan, each a link to where the work is done."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from gui.plan_context import PlanContext
from gui.snapshot_read import SnapshotRead
from services.overview import journey

# After an edit only the steps whose topics it changed are read again (a check is several
# queries; all seven are ~50), and their labels are rewritten in place: done once the person
# pauses, not after every keystroke's edit, and not at all while the Overview is out of sight.
REFRESH_DELAY_MS = 300

STATE_MARKS = {
    journey.StepState.DONE: ("\u2714", "#2F855A", "Done"),
    journey.StepState.STARTED: ("\u25d0", "#B7791F", "Under way"),
    journey.StepState.NOT_STARTED: ("\u25cb", "#718096", "Not started"),
}


class StepLabel(QLabel):
    """A step's text, whose title links to the step's workspace (``link``): one stop for Tab and
    Shift+Tab, and Enter or Space follows the link. Qt's label moves between its own links with
    Tab first, and Shift+Tab into a label with one link never left it."""

    link = ""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's name)
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event) -> None:
        if self.link and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.linkActivated.emit(self.link)
            return
        super().keyPressEvent(event)


class JourneyPanel(QGroupBox):
    open_tab = Signal(str)

    def __init__(self, context: PlanContext, available_tabs: set[str], parent: QWidget | None = None):
        super().__init__("The seven steps (Take Action toolkit)", parent)
        self.context = context
        self.available_tabs = available_tabs
        outer = QVBoxLayout(self)
        self.next_label = QLabel("<b>What to do next:</b> reading the plan...")
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
        self.step_icons: dict[str, QLabel] = {}
        self.step_labels: dict[str, QLabel] = {}
        self._add_steps()
        self._statuses: dict[str, journey.StepStatus] = {}  # what the labels show
        self._pending: set[str] = set()  # topics changed since the labels were last brought up to date
        # The checks read much of the plan (~100 ms on the sample): off the window's thread. A
        # read asked for while one runs replaces it, asking for both reads' steps.
        self.reads = SnapshotRead(self, lambda: context.plan)
        self._read_after_paint = False  # shown with changes to follow: their read starts once it has painted
        self._asked: tuple[set[str], bool] = (set(), False)  # the steps and profile the read in flight covers
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_if_shown)
        context.changed.connect(self._plan_changed)
        # The first read starts once the panel is built and shown, unless whoever opened the plan
        # gives what it read of the steps meanwhile (``show_read``): then there is none.
        self._pending = set(journey.journey_topics())
        self._read_after_paint = True
        QTimer.singleShot(0, self, self._read_once_painted)

    def _add_steps(self) -> None:
        """One row per step, made once; ``_show_status`` rewrites a row's text."""
        waiting = [str(step.number) for step in journey.STEPS if step.tab not in self.available_tabs]
        self.later_note.setText(
            f"Steps {', '.join(waiting)} get their own workspaces in later updates of WellPlan; their "
            "state here already comes from what the plan holds." if waiting else ""
        )
        self.later_note.setVisible(bool(waiting))
        for row, step in enumerate(journey.STEPS):
            icon = QLabel()
            icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            label = StepLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.linkActivated.connect(self.open_tab.emit)
            label.setObjectName(f"step_{step.key}")
            self.step_icons[step.key] = icon
            self.step_labels[step.key] = label
            self.grid.addWidget(icon, row * 2, 0)
            self.grid.addWidget(label, row * 2, 1)
            if row < len(journey.STEPS) - 1:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setStyleSheet("color: #E2E8F0;")
                self.grid.addWidget(line, row * 2 + 1, 0, 1, 2)

    def _plan_changed(self, topics: frozenset[str]) -> None:
        if topics & journey.journey_topics():
            self._pending |= topics
            self._refresh_timer.start()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self._refresh_pending()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending:
            # Once the page has painted: the read's Python on a worker (a snapshot of the plan, every
            # step's checks) took turns with the page's first paint, and the switch back took twice as long.
            self._read_after_paint = True
            QTimer.singleShot(0, self, self._read_once_painted)

    def _read_once_painted(self) -> None:
        self._read_after_paint = False
        if self.isVisible() and self._pending:
            self._refresh_pending()

    def refresh(self) -> None:
        """Read every step again and redraw what differs."""
        self._pending.clear()
        self._refresh_timer.stop()
        self._update([step.key for step in journey.STEPS], profile_changed=True)

    def _refresh_pending(self) -> None:
        topics = frozenset(self._pending)
        self._pending.clear()
        self._refresh_timer.stop()
        self._update(journey.steps_changed_by(topics), profile_changed=bool(topics & journey.profile_gap_topics()))

    @property
    def reading(self) -> bool:
        """Whether the steps shown wait for a read: one running, or one starting once the page has painted."""
        return self.reads.busy or self._read_after_paint

    def _update(self, keys: list[str], profile_changed: bool) -> None:
        """Run the checks of ``keys`` in the background; then rewrite the rows whose status
        differs, and "what to do next" if any did or the profile's gaps may have (it reads every
        status and the profile)."""
        if self.reads.busy:  # the read in flight is replaced: this one covers its steps too
            keys = [*keys, *self._asked[0]]
            profile_changed = profile_changed or self._asked[1]
        wanted = [step.key for step in journey.STEPS if step.key in set(keys)]
        self._asked = (set(wanted), profile_changed)
        known = dict(self._statuses)  # the read gets its own copy: it runs on another thread

        def read(session):
            fresh = journey.step_statuses(session, wanted)
            changed = {key: status for key, status in fresh.items() if status != known.get(key)}
            if not (changed or profile_changed):
                return changed, None
            statuses = [changed.get(step.key) or known[step.key] for step in journey.STEPS]
            return changed, journey.what_next(session, statuses)

        def done(result) -> None:
            self._asked = (set(), False)
            self._show(*result)

        def not_read(message: str = "") -> None:
            self._asked = (set(), False)
            self.next_label.setText("<b>The steps could not be read" + (f":</b> {escape(message)}" if message
                                                                         else ".</b> Edit anything to read them again."))
            self._pending |= journey.journey_topics()  # read them all again next time

        self.reads.start("Reading the plan's steps...", read, done, not_read, not_read)

    def show_read(self, statuses: list[journey.StepStatus], advice: str) -> None:
        """Every step's status and what to do next, read by whoever opened the plan just now (the
        same checks): shown at once, in place of the panel's first read. Not once anything was read
        or changed: that read covers it."""
        if self._statuses or self.reads.busy or self._pending != journey.journey_topics():
            return
        self._pending.clear()
        self._read_after_paint = False
        self._show({status.step.key: status for status in statuses if status != self._statuses.get(status.step.key)},
                   advice)

    def _show(self, changed: dict[str, journey.StepStatus], advice: str | None) -> None:
        """Rewrite the rows whose status changed, and "what to do next" if it was read."""
        for status in changed.values():
            self._show_status(status)
        self._statuses.update(changed)
        if advice is not None:
            self.next_label.setText("<b>What to do next:</b> " + escape(advice))
            # Where the advice quotes a shortened statement, its tooltip has the whole of it.
            quoting = next((s for s in self._statuses.values()
                            if s.whole_next_move and advice.endswith(s.next_move)), None)
            self.next_label.setToolTip(advice[: -len(quoting.next_move)] + quoting.whole_next_move
                                       if quoting else "")

    def _show_status(self, status: journey.StepStatus) -> None:
        mark, colour, state_text = STATE_MARKS[status.state]
        step = status.step
        icon = self.step_icons[step.key]
        icon.setText(f"<span style='font-size:16pt; color:{colour}'>{mark}</span>")
        icon.setToolTip(state_text)
        title = f"{step.number}. {escape(step.title)}"
        title_html = f"<a href='{step.tab}'><b>{title}</b></a>" if step.tab in self.available_tabs \
            else f"<b>{title}</b>"
        label = self.step_labels[step.key]
        label.link = step.tab if step.tab in self.available_tabs else ""
        label.setText(
            f"{title_html} <span style='color:{colour}'>- {state_text}</span><br>"
            f"<span style='color:#4A5568'>{escape(step.purpose)}</span><br>"
            f"{escape(status.summary)}. <b>Next:</b> {escape(status.next_move)}"
        )
        # What a shortened quotation said in full; a step whose workspace is to come says so.
        later = "" if step.tab in self.available_tabs else "This step's workspace arrives in a later update of WellPlan."
        label.setToolTip("\n\n".join(t for t in (status.whole_next_move and f"Next: {status.whole_next_move}", later) if t))
        icon.setAccessibleName(state_text)  # the mark read as words, not as its colour
