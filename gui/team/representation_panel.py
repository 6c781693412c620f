"""Does the team mirror the staff? Named gaps, and staff share next to team share per group."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from gui.plan_context import GROUPS, SCHOOLS, TEAM, PlanContext
from gui.widgets.record_model import Column, RecordTableModel
from gui.widgets.tables import fit_columns, make_table_view
from services.team import team_representation
from services.team.team_representation import GroupRepresentation


class RepresentationModel(RecordTableModel):
    topics = frozenset({TEAM, GROUPS, SCHOOLS})
    cells_follow_records = True  # a group's row, and the summary load keeps (the panel's lead and gaps)

    def __init__(self, context: PlanContext):
        self.summary: team_representation.TeamRepresentation | None = None
        super().__init__(context, [
            # A missing group is marked in words as well as tinted: colour is never the only signal.
            Column("name", "Position group", lambda g: f"\u26a0 {g.name}" if g.missing else g.name,
                   tooltip=lambda g: f"No one from {g.name} is on the team." if g.missing else g.name,
                   sort_value=lambda g: g.name),
            Column("staff", "Staff", lambda g: f"{g.headcount:,} ({g.staff_share:.0%})", align_right=True),
            Column("team", "On team", lambda g: f"{g.team_count} ({g.team_share:.0%})", align_right=True),
        ])
        self.reload()

    def load(self) -> list[_GroupRow]:
        self.summary = self.context.read(team_representation.assess_representation)
        missing = {g.group_id for g in self.summary.missing_groups}
        return [_GroupRow(g, g.group_id in missing) for g in self.summary.groups]

    def row_warning(self, record: _GroupRow) -> bool:
        return record.missing


class _GroupRow:
    """A group's row, keyed by the group id so edits elsewhere keep the table in place."""

    def __init__(self, group: GroupRepresentation, missing: bool):
        self.__dict__.update(group.__dict__)
        self.id = group.group_id
        self.missing = missing

    def __eq__(self, other: object) -> bool:  # the same figures: the row need not be painted again
        return isinstance(other, _GroupRow) and vars(self) == vars(other)

    __hash__ = None  # compared by value, like the records it is made from


class RepresentationPanel(QGroupBox):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__("Does the team mirror the staff?", parent)
        self.model = RepresentationModel(context)
        layout = QVBoxLayout(self)
        self.lead_label = QLabel()
        self.gaps_label = QLabel()
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setObjectName("gapsLabel")
        layout.addWidget(self.lead_label)
        layout.addWidget(self.gaps_label)
        self.table = make_table_view(self, stretch_column=0, name="How the team mirrors the staff")
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        hint = QLabel("Counts the planning team only, not everyone on People. Groups with staff but no one on the "
                      "team are marked \u26a0 and highlighted. Headcounts and usual hours are set on the Overview tab.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(hint)
        self.model.modelReset.connect(self.refresh)
        self.model.dataChanged.connect(self.refresh)
        self.refresh()
        fit_columns(self.table, stretch_column=0)
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def refresh(self) -> None:
        rep = self.model.summary
        if rep is None:
            return
        if rep.lead_name:
            self.lead_label.setText(f"Lead point of contact: <b>{_esc(rep.lead_name)}</b>")
        else:
            self.lead_label.setText("<b>No lead point of contact yet.</b> Set one member's role to Lead.")
        gaps = team_representation.describe_gaps(rep)
        if gaps:
            items = "".join(f"<li>{_esc(g)}</li>" for g in gaps)
            self.gaps_label.setText(f"<span style='color:#9C4221'><b>Gaps</b></span><ul style='margin:2px'>{items}</ul>")
        else:
            self.gaps_label.setText("Every position group with staff has someone on the team.")


def _esc(value: str) -> str:
    return escape(value)
