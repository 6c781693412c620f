"""Table models of the Focus groups tab: the sessions, and each part of the selected session.

Every model of a session reads the same ``SessionData`` from a shared ``SessionSource``, which
loads it once per change of the plan rather than once per table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt

from gui.focus_groups import commands
from gui.plan_context import FOCUS, PROFILE, TEAM, PlanContext, PlanEdit
from gui.screen_dates import screen_style, show_date
from gui.widgets.record_model import Column, Index, RecordTableModel
from services.errors import InvalidInput
from services.focus_groups import focus_results, focus_sessions
from services.focus_groups.focus_results import SessionData


class SessionSource(QObject):
    """The selected session's data, read once per change and shared by the tab's models."""

    def __init__(self, context: PlanContext):
        super().__init__()
        self.context = context
        self.session_id: int | None = None
        self._data: SessionData | None = None
        # Connected before any model, so the cache is dropped before they reload.
        context.changed.connect(self._changed)

    def _changed(self, _topics: frozenset[str]) -> None:
        self._data = None

    def set_session(self, session_id: int | None) -> None:
        # The same session again keeps what was read: a change of the plan has already dropped it.
        if session_id != self.session_id:
            self.session_id, self._data = session_id, None

    def data(self) -> SessionData | None:
        if self.session_id is None:
            return None
        if self._data is None:
            try:
                self._data = self.context.read(lambda s: focus_results.load(s, self.session_id, screen_style()))
            except InvalidInput:  # the session was deleted (or its planning undone)
                return None
        return self._data


class SessionsModel(RecordTableModel):
    topics = frozenset({FOCUS})

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("title", "Session", lambda r: r.title, lambda r: r.title),
            Column("first_date", "Date", lambda r: show_date(r.first_date) if r.first_date else "not set",
                   sort_value=lambda r: r.first_date),
            Column("template", "Template", lambda r: self.template_titles.get(r.id, ""),
                   tooltip=lambda r: self.template_titles.get(r.id, "")),
        ])
        self.template_titles: dict[int, str] = {}
        self.reload()

    def load(self) -> list[focus_sessions.SessionRecord]:
        def read(s):
            return focus_sessions.list_sessions(s), focus_sessions.template_titles(s)

        sessions, self.template_titles = self.context.read(read)
        return sessions

    def make_edit(self, record, key: str, value: Any) -> PlanEdit | None:
        return commands.session_edit(self.context, record.id, "Rename the session",
                                     lambda s: focus_sessions.update_session(s, record.id, title=str(value)))


class _SessionPartModel(RecordTableModel):
    """A table of one part of the selected session."""

    topics = frozenset({FOCUS})

    def __init__(self, context: PlanContext, source: SessionSource, columns: list[Column]):
        self.source = source
        super().__init__(context, columns)

    def refresh(self) -> None:
        self.beginResetModel()
        self._records = self.load()
        self.endResetModel()

    def rows(self, data: SessionData) -> list[Any]:
        raise NotImplementedError

    def load(self) -> list[Any]:
        data = self.source.data()
        return [] if data is None else self.rows(data)

    def _session_id(self) -> int:
        if self.source.session_id is None:
            raise InvalidInput("Choose a session first.")
        return self.source.session_id

    def edit(self, text: str, apply, merge_key: str | None = None) -> PlanEdit | None:
        if self.source.session_id is None:
            return None
        return commands.session_edit(self.context, self.source.session_id, text, apply, merge_key)


class AttendeesModel(_SessionPartModel):
    topics = frozenset({FOCUS, TEAM, PROFILE})  # a person's hours, or their position group's

    def __init__(self, context: PlanContext, source: SessionSource):
        super().__init__(context, source, [
            Column("name", "Name", lambda a: a.name),
            # Flagged beside the name, the reason whole in the tooltip and the sentence under the table.
            Column("hours", "Usual hours", lambda a: "Outside them" if self._hours(a) else "",
                   tooltip=lambda a: self._hours(a) or "Their usual hours cover the session's time (or no start "
                   "time is set yet)"),
            Column("role_key", "Role", lambda a: a.role_name or "(choose a role)", lambda a: a.role_key),
            Column("role_detail", "Detail", lambda a: a.role_detail, lambda a: a.role_detail,
                   tooltip=lambda _a: "For \u201cOther\u201d: what the role is"),
            Column("on_team", "Planning team", lambda a: "Yes" if a.on_team else ""),
            Column("attended", "Attended", lambda a: "Yes" if a.attended else "No", lambda a: a.attended),
        ])

    def rows(self, data: SessionData) -> list[Any]:
        return data.attendees

    def _hours(self, attendee) -> str:
        data = self.source.data()
        return data.hours.get(attendee.id, "") if data else ""

    def row_warning(self, record) -> bool:
        return bool(self._hours(record))

    def role_choices(self) -> list[tuple[Any, str]]:
        data = self.source.data()
        return [("", "(choose a role)")] + ([(r.key, r.name) for r in data.template.roles] if data else [])

    @staticmethod
    def yes_no() -> list[tuple[Any, str]]:
        return [(True, "Yes"), (False, "No")]

    def make_edit(self, record, key: str, value: Any) -> PlanEdit | None:
        return self.edit(f"Change {record.name}'s {'role' if key != 'attended' else 'attendance'}",
                         lambda s: focus_sessions.update_attendee(s, record.id, **{key: value}))


class AgendaModel(_SessionPartModel):
    follows_plan_order = True  # Move up / Move down edit the order itself

    def __init__(self, context: PlanContext, source: SessionSource):
        super().__init__(context, source, [
            Column("title", "Agenda item", lambda a: a.title, lambda a: a.title),
            Column("minutes", "Minutes", lambda a: a.minutes, lambda a: a.minutes, align_right=True),
        ])

    def rows(self, data: SessionData) -> list[Any]:
        return data.agenda

    def make_edit(self, record, key: str, value: Any) -> PlanEdit | None:
        value = int(value) if key == "minutes" else str(value)
        return self.edit(f"Change the agenda item \u201c{record.title}\u201d",
                         lambda s: focus_sessions.update_agenda_item(s, record.id, **{key: value}))


@dataclass(frozen=True)
class AspirationRow:
    id: str  # the attribute key
    title: str
    now_prompt: str
    want_prompt: str
    now: str
    want: str


class AspirationsModel(_SessionPartModel):
    def __init__(self, context: PlanContext, source: SessionSource):
        super().__init__(context, source, [
            Column("title", "Attribute", lambda a: a.title),
            Column("now", "Where are we now?", lambda a: a.now, lambda a: a.now, tooltip=lambda a: a.now_prompt),
            Column("want", "Where do we want to be?", lambda a: a.want or "", lambda a: a.want,
                   tooltip=lambda a: a.want_prompt),
        ])

    def rows(self, data: SessionData) -> list[Any]:
        return [AspirationRow(a.key, a.title, a.now_prompt, a.want_prompt, *data.aspirations.get(a.key, ("", "")))
                for a in data.template.attributes]

    def make_edit(self, record: AspirationRow, key: str, value: Any) -> PlanEdit | None:
        return self.edit(f"Write the aspiration for {record.title}",
                         lambda s: focus_results.set_aspiration(s, self.source.session_id, record.id,
                                                                **{key: str(value)}))


CONTRACT_TIP = ("Limited by a contract or collective bargaining: what current agreements allow for this group of "
                "staff (the guide's reminder). Carried into Priorities and the plan.")


def contract_columns() -> list[Column]:
    """The guide's bold reminder as a check and a note, on an example action or an idea."""
    return [Column("contract_limited", "Contract or\nbargaining", lambda _r: "", tooltip=lambda _r: CONTRACT_TIP),
            Column("contract_note", "What limits it", lambda r: r.contract_note, lambda r: r.contract_note,
                   tooltip=lambda r: r.contract_note or "What the contract or agreement allows (double-click to write)")]


class _Checks:
    """Columns shown as checkboxes (click, or Space on the current one): ``CHECKS`` names them and
    ``check_edit`` makes the undoable edit of one."""

    CHECKS: tuple[str, ...] = ()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].key in self.CHECKS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and \
                self.columns[index.column()].key in self.CHECKS:
            checked = getattr(self.record_at(index.row()), self.columns[index.column()].key)
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return super().setData(index, value, role)
        key = self.columns[index.column()].key
        if key not in self.CHECKS:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        edit = self.check_edit(self.record_at(index.row()), key, checked)
        return edit is not None and self.context.edit(edit)

    def check_edit(self, record, key: str, checked: bool) -> PlanEdit | None:
        raise NotImplementedError


@dataclass(frozen=True)
class MarkRow:
    id: str  # the action key, "7.2"
    initiative: str
    text: str
    partnership: bool
    does_this: bool
    explore: bool
    sent: bool
    contract_limited: bool = False
    contract_note: str = ""


class MarksModel(_Checks, _SessionPartModel):
    """The example actions with the worksheet's two checkboxes and the contract check (Space toggles
    the current one)."""

    CHECKS = ("does_this", "explore", "contract_limited")

    def __init__(self, context: PlanContext, source: SessionSource):
        super().__init__(context, source, [
            Column("key", "#", lambda m: m.id),
            Column("initiative", "Example initiative", lambda m: m.initiative, tooltip=lambda m: m.initiative),
            Column("text", "Action to consider", lambda m: ("\u25c6 " if m.partnership else "") + m.text,
                   tooltip=lambda m: m.text + ("\n\u25c6 Also helps partnerships with outside providers"
                                               if m.partnership else "")),
            Column("does_this", "The district\ndoes this", lambda _m: ""),
            Column("explore", "Explore\nfurther", lambda m: "in Priorities" if m.sent else ""),
            *contract_columns(),
        ])

    def rows(self, data: SessionData) -> list[Any]:
        rows = []
        for initiative in data.template.initiatives:
            for action in initiative.actions:
                does, explore = data.marks.get(action.key, (False, False))
                limit = data.contract_of((action.key, None))
                rows.append(MarkRow(action.key, f"{initiative.number}. {initiative.title}", action.text,
                                    action.partnership, does, explore, action.key in data.sent_action_keys,
                                    limit.limited, limit.note))
        return rows

    def check_edit(self, record: MarkRow, key: str, checked: bool) -> PlanEdit | None:
        what = {"does_this": "the district does this", "explore": "explore further",
                "contract_limited": "limited by a contract or collective bargaining"}[key]
        return self.edit(f"{'Tick' if checked else 'Untick'} \u201c{what}\u201d on {record.id}",
                         lambda s: focus_results.set_mark(s, self.source.session_id, record.id, **{key: checked}))

    def make_edit(self, record: MarkRow, key: str, value: Any) -> PlanEdit | None:
        if key != "contract_note":
            return None
        return self.edit(f"Note what limits {record.id}", lambda s: focus_results.set_mark(
            s, self.source.session_id, record.id, contract_note=str(value)))


class IdeasModel(_Checks, _SessionPartModel):
    def __init__(self, context: PlanContext, source: SessionSource):
        self.titles: dict[str, str] = {}
        super().__init__(context, source, [
            Column("attribute_key", "Attribute", lambda i: self.titles.get(i.attribute_key, i.attribute_key),
                   lambda i: i.attribute_key),
            Column("kind", "The district...", lambda i: focus_results.IDEA_KINDS[i.kind], lambda i: i.kind),
            Column("text", "Idea", lambda i: i.text, lambda i: i.text),
            *contract_columns(),
        ])

    CHECKS = ("contract_limited",)

    def check_edit(self, record, key: str, checked: bool) -> PlanEdit | None:
        return self.edit(f"{'Tick' if checked else 'Untick'} \u201climited by a contract or collective "
                         "bargaining\u201d on an idea",
                         lambda s: focus_results.update_idea(s, record.id, contract_limited=checked))

    def rows(self, data: SessionData) -> list[Any]:
        self.titles = {a.key: a.title for a in data.template.attributes}
        return data.ideas

    # Ideas written down in a spreadsheet during the brainstorm paste in as rows.
    paste_target = "the ideas"

    def add_pasted(self, session, values: dict[str, str]) -> Any:
        return focus_results.add_idea_from_row(session, self._session_id(), values)

    def remove_pasted(self, session, record: Any) -> None:
        focus_results.remove_idea(session, record.id)

    def attribute_choices(self) -> list[tuple[Any, str]]:
        return list(self.titles.items())

    @staticmethod
    def kind_choices() -> list[tuple[Any, str]]:
        return list(focus_results.IDEA_KINDS.items())

    def make_edit(self, record, key: str, value: Any) -> PlanEdit | None:
        return self.edit("Change an idea", lambda s: focus_results.update_idea(s, record.id, **{key: value}))


def target_code(key: tuple[str | None, int | None] | None) -> str:
    """A rated target's key as a choice's value ("a:7.2" for an example action, "i:12" for an idea)."""
    if key is None or key == (None, None):
        return ""
    return f"a:{key[0]}" if key[0] is not None else f"i:{key[1]}"


def target_key(code: str | None) -> tuple[str | None, int | None] | None:
    if not code:
        return None
    kind, _, value = code.partition(":")
    return (value, None) if kind == "a" else (None, int(value))


class ProposalsModel(_SessionPartModel):
    def __init__(self, context: PlanContext, source: SessionSource):
        self.targets: list[focus_results.Target] = []
        super().__init__(context, source, [
            Column("category", "Category", lambda p: focus_results.CATEGORIES[p.category], lambda p: p.category),
            Column("idea", "Initiative idea", lambda p: p.idea, lambda p: p.idea),
            Column("owner", "Proposed owner", lambda p: p.owner, lambda p: p.owner),
            Column("deadline", "Possible deadline", lambda p: p.deadline, lambda p: p.deadline),
            Column("restates", "Restates", lambda p: self._restates(p), lambda p: target_code(p.restates),
                   tooltip=lambda p: self._restates(p, whole=True) or "The rated example action or idea this "
                   "proposal restates (double-click to choose): it then goes to Priorities as one action, placed "
                   "from the group's ratings"),
        ])

    def rows(self, data: SessionData) -> list[Any]:
        self.targets = data.targets()
        return data.proposals

    def _restates(self, proposal, whole: bool = False) -> str:
        target = next((t for t in self.targets if t.key == proposal.restates), None)
        if target is None:
            return ""
        return f"{target.label}: {target.text}" if whole else f"{target.label}: {target.text}"[:60]

    def target_choices(self) -> list[tuple[Any, str]]:
        """What a proposal can restate: each example action marked "explore further" and each idea
        the district could take, by its label and words."""
        return [("", "(nothing rated)")] + [(target_code(t.key), f"{t.label}: {t.text}"[:90]) for t in self.targets]

    # Proposals typed into a spreadsheet after the meeting paste in as rows.
    paste_target = "the proposals"

    def add_pasted(self, session, values: dict[str, str]) -> Any:
        return focus_results.add_proposal_from_row(session, self._session_id(), values)

    def remove_pasted(self, session, record: Any) -> None:
        focus_results.remove_proposal(session, record.id)

    @staticmethod
    def category_choices() -> list[tuple[Any, str]]:
        return list(focus_results.CATEGORIES.items())

    def make_edit(self, record, key: str, value: Any) -> PlanEdit | None:
        if key == "restates":
            restated = target_key(value)
            return self.edit("Change what a proposal restates",
                             lambda s: focus_results.set_restated(s, record.id, restated))
        return self.edit("Change a proposal", lambda s: focus_results.update_proposal(s, record.id, **{key: value}))


@dataclass(frozen=True)
class RatingRow:
    id: tuple[str | None, int | None]  # (action key, idea id)
    target: focus_results.Target
    ratings: tuple[tuple[int | None, int | None], ...]  # per subgroup
    summary: Any


class RatingsModel(_SessionPartModel):
    """What the group marked or added, with an impact and an ease column per subgroup."""

    def __init__(self, context: PlanContext, source: SessionSource):
        self.subgroups: list[focus_results.SubgroupRecord] = []
        self._proposals: dict[tuple[str | None, int | None], focus_results.ProposalRecord] = {}
        super().__init__(context, source, self._columns())

    def _columns(self) -> list[Column]:
        columns = [Column("label", "#", lambda r: r.target.label),
                   Column("text", "Action or idea", lambda r: r.target.text, tooltip=lambda r: r.target.text)]
        for n, group in enumerate(self.subgroups):
            for axis, name in ((0, "impact"), (1, "ease")):
                columns.append(Column(
                    f"{name}:{group.id}", f"{group.name.split(':')[0]}\n{name}",
                    lambda r, n=n, axis=axis: r.ratings[n][axis] or "",
                    lambda r, n=n, axis=axis: r.ratings[n][axis] or 0, align_right=True,
                    tooltip=lambda _r, g=group.name, name=name: f"{g}: {name}, 1-5 (0 or Delete clears)"))
        columns.append(Column("mean", "Mean impact / ease", lambda r: self._mean(r)))
        columns.append(Column("where", "Where it falls", lambda r: self._where_proposed(r),
                              tooltip=lambda r: self._where_proposed(r)))
        return columns

    @staticmethod
    def _mean(row: RatingRow) -> str:
        s = row.summary
        if s.impact.mean is None or s.ease.mean is None:
            return ""
        return f"{s.impact.mean:.1f} / {s.ease.mean:.1f}"

    @staticmethod
    def _where(row: RatingRow) -> str:
        from services.priorities import prioritization

        s = row.summary
        if s.impact.mean is None or s.ease.mean is None:
            if row.target.illustrative:
                place = prioritization.QUADRANT_LABELS[prioritization.quadrant(*row.target.illustrative)]
                return f"Not rated: the template suggests {place}"
            return "Not rated"
        where = prioritization.QUADRANT_LABELS[prioritization.quadrant(s.impact.mean, s.ease.mean)]
        return f"{where}; subgroups disagree ({s.disagreement_text()})" if s.needs_discussion else where

    def proposed(self, row: RatingRow) -> focus_results.ProposalRecord | None:
        """The proposal that restates this row, if the group wrote one."""
        return self._proposals.get(row.id)

    def _where_proposed(self, row: RatingRow) -> str:
        proposal = self.proposed(row)
        where = self._where(row)
        return f"{where}; proposed as {focus_results.CATEGORIES[proposal.category]}" if proposal else where

    def rows(self, data: SessionData) -> list[Any]:
        self._proposals = {p.restates: p for p in data.proposals if p.restates is not None}
        return [RatingRow(t.key, t, tuple(data.rating(g.id, t) for g in data.subgroups), data.summary(t))
                for t in data.targets()]

    def reload(self) -> None:
        data = self.source.data()
        subgroups = data.subgroups if data else []
        if subgroups != self.subgroups:  # a subgroup came or went: the columns change
            self.beginResetModel()
            self.subgroups = subgroups
            self.columns = self._columns()
            self._records = self.load()
            self.endResetModel()
        else:
            super().reload()

    def refresh(self) -> None:
        data = self.source.data()
        self.beginResetModel()
        self.subgroups = data.subgroups if data else []
        self.columns = self._columns()
        self._records = self.load()
        self.endResetModel()

    def row_warning(self, record: RatingRow) -> bool:
        return record.summary.needs_discussion

    def make_edit(self, record: RatingRow, key: str, value: Any) -> PlanEdit | None:
        axis, group_id = key.split(":")
        value = int(value) or None
        return self.edit(f"Rate {record.target.label}: {axis}",
                         lambda s: focus_results.set_rating(s, int(group_id), record.id, **{axis: value}))
