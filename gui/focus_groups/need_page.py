"""The "District's need" page: for each type of provider the template invites, the district's open
positions, how hard the role is to fill (1 = hardest), the share of students it serves and a note
(seed 004: "consider the district's need for different types of mental health support staff"),
with the invitation list checked against it in plain words. The need is the district's, shared by
every session of the template; a template without provider roles has no such page."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.focus_groups import commands
from gui.focus_groups.session_models import SessionSource, _SessionPartModel
from gui.plan_context import PlanContext, PlanEdit
from gui.widgets.record_model import Column
from gui.widgets.tables import fit_columns, make_table_view
from services.focus_groups.focus_results import SessionData
from services.focus_groups.provider_need import NeedRecord

WARN = "color: #9C4221;"
OK = "color: #276749;"


def _number(value: int | None, suffix: str = "") -> str:
    return "" if value is None else f"{value}{suffix}"


class NeedModel(_SessionPartModel):
    def __init__(self, context: PlanContext, source: SessionSource):
        super().__init__(context, source, [
            Column("role", "Type of provider", lambda n: n.role_name, tooltip=lambda n: n.role_name),
            Column("vacancies", "Open positions", lambda n: _number(n.vacancies), lambda n: _number(n.vacancies),
                   align_right=True, tooltip=lambda _n: "How many positions of this kind are open now"),
            Column("hard_to_fill_rank", "Hard to fill\n(1 = hardest)", lambda n: _number(n.hard_to_fill_rank),
                   lambda n: _number(n.hard_to_fill_rank), align_right=True,
                   tooltip=lambda _n: "Rank the roles from 1, the hardest to fill"),
            Column("student_share", "Students served", lambda n: _number(n.student_share, "%"),
                   lambda n: _number(n.student_share), align_right=True,
                   tooltip=lambda _n: "The share of students this kind of provider serves, in percent"),
            Column("note", "Note", lambda n: n.note, lambda n: n.note, tooltip=lambda n: n.note or None),
        ])

    def rows(self, data: SessionData) -> list[Any]:
        return data.needs

    def row_warning(self, record: NeedRecord) -> bool:
        data = self.source.data()
        return data is not None and record.pressing and record.id not in {a.role_key for a in data.attendees}

    def make_edit(self, record: NeedRecord, key: str, value: Any) -> PlanEdit | None:
        if self.source.session_id is None:
            return None
        return commands.need_edit(self.context, self.source.session_id, record.id, record.role_name, {key: value})


class NeedPage(QWidget):
    def __init__(self, model: NeedModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.view = make_table_view(self)
        self.view.setObjectName("needList")
        self.view.setAccessibleName("The district's need for each type of provider")
        self.view.setModel(model)
        fit_columns(self.view, stretch_column=model.column_of("note"))
        model.modelReset.connect(lambda: fit_columns(self.view, stretch_column=model.column_of("note")))
        hint = QLabel("The district's need for each type of provider, so the group includes voices that can speak "
                      "to its hardest staffing problems. Type the open positions, rank how hard each role is to "
                      "fill (1 = hardest) and the share of students it serves. The need is the district's: every "
                      "session planned from this template shares it.", wordWrap=True)
        hint.setStyleSheet("color: #52606D;")
        self.gaps_label = QLabel(objectName="needCheck", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.gaps_label)

    def show_gaps(self, gaps: list[str], has_need: bool) -> None:
        if gaps:
            self.gaps_label.setText(" ".join(gaps))
            self.gaps_label.setStyleSheet(WARN)
        elif has_need:
            self.gaps_label.setText("Every role with open positions or among the hardest to fill is invited.")
            self.gaps_label.setStyleSheet(OK)
        else:
            self.gaps_label.setText("Record open positions or how hard each role is to fill, and the invitation "
                                    "list is checked against them.")
            self.gaps_label.setStyleSheet("")
