"""The Action plan's communication plan: who hears what, through which channel, when and from
whom, and the celebrations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.action_plan.plan_models import CommunicationsModel
from gui.widgets.buttons import button_row
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view
from services.action_plan import communications

INTRO = ("Who hears what, through which channel, when, and from whom. Celebrate successes, small early ones too: "
         "they build trust for the next survey.")


class CommunicationsPage(QWidget):
    """Emits requests (``add_requested(celebration)``); the tab turns them into undoable edits."""

    add_requested = Signal(bool)
    remove_requested = Signal()

    def __init__(self, model: CommunicationsModel, people_choices: Callable[[], list],
                 parent: QWidget | None = None):
        super().__init__(parent)
        view = self.view = make_table_view(self, stretch_column=2, name="Communication plan")
        view.setObjectName("communicationsList")
        view.setModel(model)
        view.setItemDelegateForColumn(1, ChoiceDelegate(lambda: [(a, a) for a in communications.AUDIENCES], view))
        view.setItemDelegateForColumn(3, ChoiceDelegate(lambda: [(c, c) for c in communications.CHANNELS], view))
        view.setItemDelegateForColumn(4, ChoiceDelegate(people_choices, view))
        for col in (5, 6, 7):
            view.setItemDelegateForColumn(col, ChoiceDelegate(lambda: [(False, "No"), (True, "Yes")], view))
        fit_columns(view, stretch_column=2)
        buttons = button_row((("&Add message...", lambda: self.add_requested.emit(False), "addCommunication"),
                              ("Add &celebration...", lambda: self.add_requested.emit(True), "addCelebration"),
                              ("&Remove message", self.remove_requested.emit, "removeCommunication")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(INTRO, wordWrap=True))
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
