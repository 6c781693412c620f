"""The meeting schedule as an editable table, with a column that says who can't come and one for
each meeting's purposes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QTime

from gui.plan_context import GROUPS, MEETINGS, TEAM, PlanContext, PlanEdit
from gui.screen_dates import parse_date, parse_time, screen_style, show_date, show_time, show_times
from gui.team import commands
from gui.widgets.record_model import Column, RecordTableModel
from services.errors import InvalidInput
from services.team import meeting_access, meetings, team_roster
from services.team.meetings import MeetingRecord


def meeting_when(m: MeetingRecord) -> str:
    """ "Tue Sep 1, 2026, 12:30 PM–1:30 PM" in this computer's style."""
    return f"{m.meeting_date:%a} {show_date(m.meeting_date)}, {show_times(m.start_time, m.end_time)}"


class MeetingsModel(RecordTableModel):
    topics = frozenset({MEETINGS, TEAM, GROUPS})
    paste_target = "the meeting schedule"
    cells_follow_records = True  # a meeting's record, and the people and access flags load keeps

    def __init__(self, context: PlanContext):
        self.access_flags: dict[int, list[meeting_access.AccessFlag]] = {}
        self.people: dict[int, str] = {}
        super().__init__(context, [
            Column("meeting_date", "Date", lambda m: f"{m.meeting_date:%a} {show_date(m.meeting_date)}",
                   lambda m: QDate(m.meeting_date)),
            Column("start_time", "Starts", lambda m: show_time(m.start_time), lambda m: QTime(m.start_time)),
            Column("end_time", "Ends", lambda m: show_time(m.end_time), lambda m: QTime(m.end_time)),
            Column("attendee_ids", "Invited", self._invited_text, tooltip=self._invited_tooltip),
            Column("access", "Can everyone come?", self._access_text, tooltip=self._access_tooltip),
            Column("place", "Place", lambda m: m.place, lambda m: m.place),
            Column("purpose", "Description", lambda m: m.purpose, lambda m: m.purpose,
                   tooltip=lambda m: m.purpose or "What the meeting is about; it words the purpose "
                   "\u201cOther\u201d in the Purposes column."),
            Column("purposes", "Purposes", lambda m: meetings.purposes_text(m.purposes), lambda m: m.purposes,
                   tooltip=self._purposes_tooltip),
        ])
        self.reload()

    def load(self) -> list[MeetingRecord]:
        def read(s):
            self.access_flags = meeting_access.flag_meetings(s, screen_style())
            self.people = {p.id: p.name for p in team_roster.list_people(s)}
            return meetings.list_meetings(s)

        return self.context.read(read)

    # Rows pasted from a spreadsheet: a date and times as the computer writes them, a place and a
    # purpose; the whole team is invited (Invite... narrows it).
    def add_pasted(self, session, values: dict[str, str]) -> MeetingRecord:
        day = parse_date(values.get("meeting_date", ""))
        if day is None:
            raise ValueError("It has no date")
        start = parse_time(values.get("start_time", "")) or dt.time(12, 30)
        end = parse_time(values.get("end_time", "")) or \
            (dt.datetime.combine(day, start) + dt.timedelta(hours=1)).time()
        return meetings.add_meeting(session, day, start, end, values.get("place", ""), values.get("purpose", ""),
                                    purposes=values.get("purposes", ""))

    def remove_pasted(self, session, record: MeetingRecord) -> None:
        meetings.remove_meeting(session, record.id)

    def row_warning(self, record: MeetingRecord) -> bool:
        return bool(self.access_flags.get(record.id))

    def _invited_text(self, m: MeetingRecord) -> str:
        return "Whole team" if not m.attendee_ids else f"{len(m.attendee_ids)} people"

    def _invited_tooltip(self, m: MeetingRecord) -> str:
        if not m.attendee_ids:
            return "Everyone on the planning team. Press Invite... to choose people."
        return "\n".join(self.people.get(i, "?") for i in m.attendee_ids)

    def _access_text(self, m: MeetingRecord) -> str:
        flags = self.access_flags.get(m.id, [])
        if not flags:
            return "Yes"
        names = sorted({n for f in flags for n in f.member_names})
        return "\u26a0 Outside usual hours for " + ", ".join(names)

    def _access_tooltip(self, m: MeetingRecord) -> str | None:
        flags = self.access_flags.get(m.id, [])
        if not flags:
            return "The meeting falls within the usual hours of everyone invited."
        return "\n".join(f.sentence() for f in flags) + \
            "\nUsual hours per position group are set on the Overview tab; a person's own hours in the Own hours " \
            "column above."

    @staticmethod
    def purpose_choices() -> list[tuple[str, str]]:
        return list(meetings.PURPOSE_LABELS.items())

    def _purposes_tooltip(self, m: MeetingRecord) -> str:
        if not m.purposes:
            return "No purpose set. Press F2 (or type a number) and tick what the meeting is for."
        return "\n".join(meetings.purpose_labels(m))

    def make_edit(self, record: MeetingRecord, key: str, value: Any) -> PlanEdit | None:
        what = {"meeting_date": "date", "start_time": "start time", "end_time": "end time",
                "place": "place", "purpose": "description", "purposes": "purposes"}[key]
        if key == "purposes":
            if isinstance(value, str):  # pasted or typed words; a word that names no purpose is refused
                try:
                    value = meetings.parse_purposes(value)
                except InvalidInput:
                    return commands.change_meeting(self.context, record, key, value, what)
            if tuple(value) == record.purposes:
                return None
            return commands.change_meeting(self.context, record, key, tuple(value), what)
        if isinstance(value, QDate):
            value = value.toPython()
        elif isinstance(value, QTime):
            value = value.toPython().replace(second=0, microsecond=0)
        elif isinstance(value, str):
            value = value.strip()
        if key == "start_time" and isinstance(value, dt.time) and value >= record.end_time:
            # Moving the start past the end keeps the meeting's length, as a calendar does.
            length = dt.datetime.combine(record.meeting_date, record.end_time) - \
                dt.datetime.combine(record.meeting_date, record.start_time)
            end = (dt.datetime.combine(record.meeting_date, value) + length).time()
            if end > value:
                return PlanEdit(
                    self.context, "Change meeting time", lambda s, _m: meetings.update_meeting(s, record.id, start_time=value, end_time=end),
                    lambda s, before: meetings.update_meeting(s, record.id, start_time=before.start_time,
                                                              end_time=before.end_time),
                )
        return commands.change_meeting(self.context, record, key, value, what)
