"""The Action plan's PDSA cycles: the table of cycles, written in cell by cell, and the note on
which objectives have had no cycle this school year."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.action_plan.plan_models import CyclesModel
from gui.widgets.buttons import button_row
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view
from services.action_plan import improvement_cycles

INTRO = ("Plan a small test (the question and what you predict), Do it, Study the data against the prediction, then "
         "Act: adopt, adapt or abandon. Start typing in a cell (or double-click it) to write in it.")


class CyclesPage(QWidget):
    """Emits requests; the tab turns them into undoable edits."""

    add_requested = Signal()
    remove_requested = Signal()

    def __init__(self, model: CyclesModel, objective_choices: Callable[[], list], parent: QWidget | None = None):
        super().__init__(parent)
        self.view = make_table_view(self, name="PDSA cycles")
        self.view.setObjectName("cyclesList")
        self.view.setModel(model)
        self.view.setItemDelegateForColumn(1, ChoiceDelegate(objective_choices, self.view))
        self.view.setItemDelegateForColumn(
            10, ChoiceDelegate(lambda: list(improvement_cycles.DECISIONS.items()), self.view))
        fit_columns(self.view)
        self.note = QLabel(objectName="cyclesNote", wordWrap=True)
        buttons = button_row((("&Add cycle...", self.add_requested.emit, "addCycle"),
                              ("Remove cycle", self.remove_requested.emit, "removeCycle")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(INTRO, wordWrap=True))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    def show_objectives_without_cycle(self, statements: list[str]) -> None:
        self.note.setText(("No cycle this school year yet on: " + "; ".join(statements)) if statements else
                          "Every objective has had a cycle this school year.")
