"""Matrix settings, kept in the plan so everyone who opens it (and every printout) agrees:
where the quadrant lines sit, how many actions the Do it now! quadrant may hold, and criterion weights."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from gui.plan_context import PlanContext
from gui.priorities import commands
from services.priorities import priority_ratings
from services.priorities.prioritization import CRITERIA, MAX_WEIGHT


class MatrixSettingsDialog(QDialog):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Matrix settings")
        self.current = context.read(priority_ratings.get_settings)
        form = QFormLayout(self)
        self.midpoint_impact = self._midpoint(self.current.midpoint_impact)
        self.midpoint_ease = self._midpoint(self.current.midpoint_ease)
        form.addRow("Impact line at:", self.midpoint_impact)
        form.addRow("Ease line at:", self.midpoint_ease)
        note = QLabel("A point on a line counts as lower impact or harder to do, so only an action that clearly "
                      "leans toward high impact and easy goes into the Do it now! quadrant.")
        note.setWordWrap(True)
        form.addRow(note)
        self.limit = QSpinBox()
        self.limit.setRange(1, 50)
        self.limit.setValue(self.current.do_now_limit)
        self.limit.setToolTip("Too many actions to do now is no priority: the tab warns above this number.")
        form.addRow("Warn when the Do it now! quadrant holds more than:", self.limit)
        form.addRow(QLabel("<b>Weights of the ranking criteria</b> (0 leaves a criterion out)"))
        self.weights: dict[str, QSpinBox] = {}
        for criterion in CRITERIA:
            spin = QSpinBox()
            spin.setRange(0, MAX_WEIGHT)
            spin.setValue(int(self.current.weights[criterion.key]))
            spin.setToolTip(criterion.question)
            form.addRow(f"{criterion.label}:", spin)
            self.weights[criterion.key] = spin
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _midpoint(value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(1.5, 4.5)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setValue(value)
        return spin

    def changes(self) -> list[tuple[str, float, str]]:
        c = self.current
        wanted = [("midpoint_impact", self.midpoint_impact.value(), c.midpoint_impact, "the impact line"),
                  ("midpoint_ease", self.midpoint_ease.value(), c.midpoint_ease, "the ease line"),
                  ("do_now_limit", float(self.limit.value()), float(c.do_now_limit), "the Do it now! limit")]
        wanted += [(f"weight_{k}", float(spin.value()), c.weights[k], f"the {k} weight") for k, spin in self.weights.items()]
        return [(key, new, what) for key, new, old, what in wanted if new != old]

    def accept(self) -> None:
        changes = self.changes()
        if changes:
            stack = self.context.undo_stack
            stack.beginMacro("Change matrix settings")
            try:
                for key, value, what in changes:
                    self.context.edit(commands.set_setting(self.context, key, value, f"Change {what}"))
            finally:
                stack.endMacro()
        super().accept()
