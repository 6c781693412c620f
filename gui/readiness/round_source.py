"""The selected round, read once per change of the plan and shared by the tab's tables.

The respondents table and the answer grid each read the whole round (every respondent and answer)
on the window's thread, both when a round was selected and after every answer typed in; they now
ask here, and the round is read once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from gui.plan_context import PlanContext
from services.readiness import readiness_rounds
from services.readiness.readiness_rounds import RoundData


class RoundSource(QObject):
    def __init__(self, context: PlanContext, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
        self._read: tuple[int, RoundData] | None = None
        # Connected before the tables are made, so a change drops the round before they read it again.
        context.changed.connect(self._changed)

    def _changed(self, _topics: frozenset[str]) -> None:
        self._read = None

    def load(self, round_id: int) -> RoundData:
        """The round (``readiness_rounds.load_round``; ``InvalidInput`` if it is gone)."""
        if self._read is None or self._read[0] != round_id:
            self._read = (round_id, self.context.read(lambda s: readiness_rounds.load_round(s, round_id)))
        return self._read[1]
