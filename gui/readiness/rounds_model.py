"""The list of rounds and the respondents of the selected round, as editable tables."""

from __future__ import annotations

from typing import Any

from gui.plan_context import GROUPS, READINESS, SCHOOLS, PlanContext, PlanEdit
from gui.readiness import commands
from gui.readiness.round_source import RoundSource
from gui.screen_dates import show_date
from gui.widgets.record_model import Column, RecordTableModel
from services import district_profile
from services.errors import InvalidInput
from services.readiness import readiness_rounds
from services.readiness.readiness_rounds import RespondentRecord, RoundRecord
from services.team.team_roster import TENURE_BANDS

WHAT = {"code": "code", "position_group_id": "position group", "on_team": "planning-team membership",
        "school_id": "school", "tenure_band": "tenure"}


class RoundsModel(RecordTableModel):
    topics = frozenset({READINESS})

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("label", "Round", lambda r: r.label, lambda r: r.label),
            Column("instrument", "Instrument", lambda r: r.instrument_title, tooltip=lambda r: r.instrument_title),
            Column("given_on", "Given on", lambda r: show_date(r.given_on), sort_value=lambda r: r.given_on),
            Column("respondents", "People", lambda r: r.respondent_count, align_right=True),
        ])
        self.reload()

    def load(self) -> list[RoundRecord]:
        return self.context.read(readiness_rounds.list_rounds)

    def make_edit(self, record: RoundRecord, key: str, value: Any) -> PlanEdit | None:
        return commands.update_round(self.context, record, **{key: str(value)})


class RespondentsModel(RecordTableModel):
    topics = frozenset({READINESS, GROUPS, SCHOOLS})
    paste_target = "the round's respondents"

    def __init__(self, context: PlanContext, rounds: RoundSource | None = None):
        self.rounds = rounds or RoundSource(context)
        self.round_id: int | None = None
        self.group_names: dict[int, str] = {}
        self.school_names: dict[int, str] = {}
        self.answered: dict[int, int] = {}
        self.item_count = 0
        super().__init__(context, [
            Column("code", "Code", lambda p: p.code, lambda p: p.code,
                   tooltip=lambda _p: "A code, never a name: the code on the respondent's paper form."),
            Column("position_group_id", "Position group", lambda p: self.group_names.get(p.position_group_id, ""),
                   lambda p: p.position_group_id),
            Column("on_team", "Planning team", lambda p: "Yes" if p.on_team else "No", lambda p: p.on_team),
            Column("school_id", "School or site", lambda p: self.school_names.get(p.school_id, ""),
                   lambda p: p.school_id, tooltip=lambda _p: "Where the respondent works: so the results can name "
                   "the schools nobody spoke for."),
            Column("tenure_band", "Tenure", lambda p: p.tenure_band, lambda p: p.tenure_band),
            Column("answered", "Answered", lambda p: f"{self.answered.get(p.id, 0)} of {self.item_count}",
                   align_right=True),
        ])

    def set_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self.beginResetModel()
        self._records = self.load()
        self.endResetModel()

    def load(self) -> list[RespondentRecord]:
        if self.round_id is None:
            return []

        def read(s):
            self.group_names = {g.id: g.name for g in district_profile.list_position_groups(s)}
            self.school_names = {x.id: x.name for x in district_profile.list_schools(s)}

        self.context.read(read)
        try:
            data = self.rounds.load(self.round_id)  # the round the answer grid reads too
        except InvalidInput:  # the round was deleted (or its creation undone)
            return []
        self.item_count = len(data.instrument.items)
        self.answered = {p.id: data.answered_count(p.id) for p in data.respondents}
        return data.respondents

    def make_edit(self, record: RespondentRecord, key: str, value: Any) -> PlanEdit | None:
        what = WHAT[key]
        if isinstance(value, str) and key != "code":  # a label pasted into a drop-down column
            wanted = " ".join(value.split()).casefold()
            choices = {"position_group_id": self.group_choices, "school_id": self.school_choices,
                       "tenure_band": self.tenure_choices}.get(key, self.team_choices)()
            match = [v for v, label in choices
                     if label.casefold() == wanted or (wanted == "" and v in (None, False, ""))]
            if not match:
                self.context.rejected.emit(f"\u201c{value.strip()}\u201d is not a choice in the {what} column.")
                return None
            value = match[0]
        return commands.update_respondent(self.context, record, what, **{key: value})

    # Rows pasted from a spreadsheet: codes, position groups and Yes/No for the planning team
    def add_pasted(self, session, values: dict[str, str]) -> RespondentRecord:
        if self.round_id is None:
            raise InvalidInput("Start a round first (New round...), then paste its respondents.")
        return readiness_rounds.add_pasted_respondent(session, self.round_id, values)

    def remove_pasted(self, session, record: RespondentRecord) -> None:
        readiness_rounds.remove_respondent(session, record.id)

    def group_choices(self) -> list[tuple[Any, str]]:
        return [(None, "(not recorded)"), *self.group_names.items()]

    def school_choices(self) -> list[tuple[Any, str]]:
        return [(None, "(not recorded)"), *self.school_names.items()]

    @staticmethod
    def tenure_choices() -> list[tuple[Any, str]]:
        return [("", "(not recorded)"), *((b, b) for b in TENURE_BANDS)]

    @staticmethod
    def team_choices() -> list[tuple[Any, str]]:
        return [(False, "No"), (True, "Yes")]
