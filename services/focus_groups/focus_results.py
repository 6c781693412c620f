"""What a focus group said and decided: aspirations, marked example actions, brainstormed ideas,
subgroup ratings and proposals; and sending them to the Priorities tab.

Seed 004's flow: mark the example actions worth exploring, add the group's own ideas, rate what
is marked by impact and ease (per subgroup if the group split up), and list the ideas rated
highest as proposals with an owner and a deadline.

Long because each part of the flow has its add, edit and undo, and they share the session's
rows and the hand-off to Priorities.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    CandidateAction,
    FocusActionMark,
    FocusAspiration,
    FocusIdea,
    FocusProposal,
    FocusRating,
    FocusSubgroup,
    SourceKind,
)
from models.focus_template import FocusTemplate
from services.date_style import STYLE, DateStyle
from services.errors import InvalidInput
from services.focus_groups import focus_hours, focus_sessions, focus_templates, provider_need
from services.plan_records import next_number
from services.priorities import candidate_actions, contract_limits, prioritization, priority_ratings
from services.stored_values import choice
from services.wording import counted

TAKEN, COULD = "taken", "could"
IDEA_KINDS = {TAKEN: "Already taking", COULD: "Could take"}
NOW, NEXT = "now", "next"
CATEGORIES = {NOW: "Do it now!", NEXT: "Do it next"}


@dataclass(frozen=True)
class IdeaRecord:
    id: int
    attribute_key: str
    kind: str
    text: str
    # Limited by a contract or collective bargaining (seed 004's bold reminder), and how.
    contract_limited: bool = False
    contract_note: str = ""


@dataclass(frozen=True)
class SubgroupRecord:
    id: int
    name: str


@dataclass(frozen=True)
class ProposalRecord:
    id: int
    category: str
    idea: str
    owner: str
    deadline: str
    # The rated example action or idea it restates (at most one), so it reaches Priorities as one candidate.
    action_key: str | None = None
    idea_id: int | None = None

    @property
    def restates(self) -> tuple[str | None, int | None] | None:
        """The ``Target.key`` of what it restates, or None."""
        return (self.action_key, self.idea_id) if self.action_key is not None or self.idea_id is not None else None


@dataclass(frozen=True)
class Target:
    """Something the group rates: an example action marked "explore further" or a new idea."""

    action_key: str | None
    idea_id: int | None
    label: str  # "7.2" or "Idea (Great jobs)"
    text: str
    attribute_key: str
    illustrative: tuple[float, float] | None  # the template's position of the initiative

    @property
    def key(self) -> tuple[str | None, int | None]:
        return self.action_key, self.idea_id


@dataclass
class SessionData:
    record: focus_sessions.SessionRecord
    template: FocusTemplate
    attendees: list[focus_sessions.AttendeeRecord]
    agenda: list[focus_sessions.AgendaRecord]
    aspirations: dict[str, tuple[str, str]]
    marks: dict[str, tuple[bool, bool]]  # action key: (the district does this, explore further)
    ideas: list[IdeaRecord]
    subgroups: list[SubgroupRecord]
    ratings: dict[tuple[int, str | None, int | None], tuple[int | None, int | None]]
    proposals: list[ProposalRecord]
    sent: set[tuple[str, int]]  # (source kind, source id) already in Priorities
    sent_action_keys: set[str]  # example actions already in Priorities
    # Issue 23 (seed 004): the guide's steps and provider roles, the district's need for each and the
    # invitation list checked against it, attendees whose hours the session's time falls outside,
    # and each example action's contract limit.
    guide: focus_templates.TemplateGuide = field(default_factory=focus_templates.TemplateGuide)
    needs: list[provider_need.NeedRecord] = field(default_factory=list)
    need_gaps: list[str] = field(default_factory=list)
    hours: dict[int, str] = field(default_factory=dict)  # attendee id: why their hours don't cover it
    mark_contracts: dict[str, contract_limits.ContractLimit] = field(default_factory=dict)

    @property
    def intention(self) -> str:
        """The intention the facilitator reads: the session's own, or the guide's sample."""
        return self.record.intention_read(self.template)

    def contract_of(self, key: tuple[str | None, int | None] | None) -> contract_limits.ContractLimit:
        """The contract limit of an example action (by key) or an idea (by id)."""
        if key is None:
            return contract_limits.NOT_LIMITED
        action_key, idea_id = key
        if action_key is not None:
            return self.mark_contracts.get(action_key, contract_limits.NOT_LIMITED)
        idea = next((i for i in self.ideas if i.id == idea_id), None)
        return contract_limits.ContractLimit(idea.contract_limited, idea.contract_note) if idea \
            else contract_limits.NOT_LIMITED

    def targets(self) -> list[Target]:
        out = []
        for initiative in self.template.initiatives:
            position = (initiative.impact, initiative.ease) if initiative.impact is not None else None
            for action in initiative.actions:
                if self.marks.get(action.key, (False, False))[1]:
                    out.append(Target(action.key, None, action.key, action.text, initiative.attribute, position))
        titles = {a.key: a.title for a in self.template.attributes}
        out += [Target(None, i.id, f"Idea ({titles.get(i.attribute_key, i.attribute_key)})", i.text,
                       i.attribute_key, None) for i in self.ideas if i.kind == COULD]
        return out

    def rating(self, subgroup_id: int, target: Target) -> tuple[int | None, int | None]:
        return self.ratings.get((subgroup_id, *target.key), (None, None))

    def summary(self, target: Target) -> prioritization.RatingSummary:
        return prioritization.summarize(self.rating(g.id, target) for g in self.subgroups)

    def proposal_for(self, target: Target) -> ProposalRecord | None:
        """The proposal that restates ``target`` (it then goes to Priorities as that proposal)."""
        return next((p for p in self.proposals if p.restates == target.key), None)

    def target(self, key: tuple[str | None, int | None] | None) -> Target | None:
        return next((t for t in self.targets() if t.key == key), None) if key is not None else None


def load(session: Session, session_id: int, style: DateStyle = STYLE) -> SessionData:
    """Everything about one session; hours are written in ``style`` (a printout's, or the screen's)."""
    record = focus_sessions.get_session(session, session_id)
    sent = _sent(session, session_id)
    marks = list(session.scalars(select(FocusActionMark).where(FocusActionMark.session_id == session_id)))
    mark_ids = {m.id: m.action_key for m in marks}
    subgroups = load_subgroups(session, session_id)
    template = focus_sessions.template_of(session, session_id)
    action_keys = {a.key for i in template.initiatives for a in i.actions}
    idea_ids = set(session.scalars(select(FocusIdea.id).where(FocusIdea.session_id == session_id)))
    rated = prioritization.stored_rating  # 11 written with another program is not rated
    ratings = {(r.subgroup_id, r.action_key, r.idea_id): (rated(r.impact), rated(r.ease)) for r in session.scalars(
        select(FocusRating).where(FocusRating.subgroup_id.in_([g.id for g in subgroups])))}
    attendees = focus_sessions.list_attendees(session, session_id)
    text = focus_sessions.template_text(session, session_id)
    needs = provider_need.list_needs(session, template, text)
    return SessionData(
        record=record,
        template=template,
        attendees=attendees,
        agenda=focus_sessions.list_agenda(session, session_id),
        aspirations={a.attribute_key: (a.now_text, a.want_text) for a in session.scalars(
            select(FocusAspiration).where(FocusAspiration.session_id == session_id))},
        marks={m.action_key: (m.does_this, m.explore) for m in marks},
        # An unknown kind or category (another program's) is read as the one that asks for a decision.
        ideas=[IdeaRecord(i.id, i.attribute_key, choice(i.kind, IDEA_KINDS, COULD), i.text,
                          *astuple(contract_limits.stored_limit(i.contract_limited, i.contract_note)))
               for i in session.scalars(
            select(FocusIdea).where(FocusIdea.session_id == session_id).order_by(FocusIdea.sort_order, FocusIdea.id))],
        subgroups=subgroups,
        ratings=ratings,
        proposals=[ProposalRecord(p.id, choice(p.category, CATEGORIES, NEXT), p.idea, p.owner, p.deadline,
                                  *_restated(p, idea_ids, action_keys))
                   for p in session.scalars(
            select(FocusProposal).where(FocusProposal.session_id == session_id)
            .order_by(FocusProposal.sort_order, FocusProposal.id))],
        sent=sent,
        sent_action_keys={mark_ids[i] for kind, i in sent if kind == SourceKind.FOCUS_GROUP_INITIATIVE.value},
        guide=focus_templates.guide_for(template.key, text),
        needs=needs,
        need_gaps=provider_need.invitation_gaps(needs, (a.role_key for a in attendees)),
        hours=focus_hours.attendee_hours(session, record, attendees, style),
        mark_contracts={m.action_key: contract_limits.stored_limit(m.contract_limited, m.contract_note)
                        for m in marks},
    )


def _restated(row: FocusProposal, idea_ids: set[int], action_keys: set[str]) -> tuple[str | None, int | None]:
    """What a stored proposal restates, read defensively: an idea of another session, an action the
    template does not have, or both at once (another program's) restate nothing."""
    key = row.action_key if isinstance(row.action_key, str) and row.action_key in action_keys else None
    idea = row.idea_id if isinstance(row.idea_id, int) and row.idea_id in idea_ids else None
    return (None, None) if key is not None and idea is not None else (key, idea)


# ---- aspirations and marks -------------------------------------------------------------------

def _attribute(template: FocusTemplate, key: str) -> None:
    if key not in {a.key for a in template.attributes}:
        raise InvalidInput(f"'{key}' is not an attribute of {template.title}.")


def set_aspiration(session: Session, session_id: int, attribute_key: str, *, now: str | None = None,
                   want: str | None = None) -> None:
    _attribute(focus_sessions.template_of(session, session_id), attribute_key)
    row = session.get(FocusAspiration, (session_id, attribute_key))
    if row is None:
        row = FocusAspiration(session_id=session_id, attribute_key=attribute_key, now_text="", want_text="")
        session.add(row)
    if now is not None:
        row.now_text = now.strip()
    if want is not None:
        row.want_text = want.strip()
    session.flush()


def _contract_note(note: object) -> str:
    return contract_limits.checked(False, str(note or "")).note  # Priorities' rule for the note


def set_mark(session: Session, session_id: int, action_key: str, *, does_this: bool | None = None,
             explore: bool | None = None, contract_limited: bool | None = None,
             contract_note: str | None = None) -> None:
    template = focus_sessions.template_of(session, session_id)
    if template.action(action_key) is None:
        raise InvalidInput(f"{template.title} has no example action {action_key}.")
    row = session.scalar(select(FocusActionMark).where(FocusActionMark.session_id == session_id,
                                                       FocusActionMark.action_key == action_key))
    if row is None:
        row = FocusActionMark(session_id=session_id, action_key=action_key, does_this=False, explore=False,
                              contract_limited=False, contract_note="")
        session.add(row)
    if does_this is not None:
        row.does_this = bool(does_this)
    if explore is not None:
        row.explore = bool(explore)
    if contract_limited is not None:
        row.contract_limited = bool(contract_limited)
    if contract_note is not None:
        row.contract_note = _contract_note(contract_note)
    session.flush()


# ---- brainstormed ideas ----------------------------------------------------------------------

def _clean_text(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(f"{what} needs some text.")
    if len(text) > 2000:
        raise InvalidInput(f"{what} can be at most 2000 characters.")
    return text


def add_idea(session: Session, session_id: int, attribute_key: str, kind: str, text: str) -> IdeaRecord:
    _attribute(focus_sessions.template_of(session, session_id), attribute_key)
    if kind not in IDEA_KINDS:
        raise InvalidInput("An idea is either one the district already takes or one it could take.")
    order = next_number(session, FocusIdea.sort_order, FocusIdea.session_id == session_id)
    row = FocusIdea(session_id=session_id, attribute_key=attribute_key, kind=kind,
                    text=_clean_text(text, "An idea"), sort_order=order)
    session.add(row)
    session.flush()
    return IdeaRecord(row.id, row.attribute_key, row.kind, row.text)


def _by_label(text: str, choices: dict[str, str], what: str) -> str:
    """A stored choice from its label or key as typed or pasted, whatever the case."""
    wanted = " ".join((text or "").split()).casefold().removeprefix("the district ")
    for key, label in choices.items():
        if wanted in (key.casefold(), label.casefold(), label.casefold().rstrip("!")):
            return key
    raise InvalidInput(f"\u201c{text.strip()}\u201d is not {what}: {', '.join(choices.values())}.")


def add_idea_from_row(session: Session, session_id: int, values: dict[str, str]) -> IdeaRecord:
    """An idea from a row pasted from a spreadsheet: ``attribute_key`` (the attribute's title),
    ``kind`` ("Could take", "Already taking"; blank is could take) and ``text``."""
    titles = {a.key: a.title for a in focus_sessions.template_of(session, session_id).attributes}
    attribute = _by_label(values.get("attribute_key", ""), titles, "one of the template's attributes")
    kind = _by_label(values.get("kind") or IDEA_KINDS[COULD], IDEA_KINDS, "a kind of idea")
    return add_idea(session, session_id, attribute, kind, values.get("text", ""))


def update_idea(session: Session, idea_id: int, *, text: str | None = None, kind: str | None = None,
                attribute_key: str | None = None, contract_limited: bool | None = None,
                contract_note: str | None = None) -> None:
    row = session.get(FocusIdea, idea_id)
    if row is None:
        raise InvalidInput("That idea is no longer there.")
    if contract_limited is not None:
        row.contract_limited = bool(contract_limited)
    if contract_note is not None:
        row.contract_note = _contract_note(contract_note)
    if text is not None:
        row.text = _clean_text(text, "An idea")
    if kind is not None:
        if kind not in IDEA_KINDS:
            raise InvalidInput("An idea is either one the district already takes or one it could take.")
        row.kind = kind
    if attribute_key is not None:
        _attribute(focus_sessions.template_of(session, row.session_id), attribute_key)
        row.attribute_key = attribute_key
    session.flush()


def remove_idea(session: Session, idea_id: int) -> None:
    row = session.get(FocusIdea, idea_id)
    if row is None:
        raise InvalidInput("That idea is no longer there.")
    session.execute(FocusRating.__table__.delete().where(FocusRating.idea_id == idea_id))
    session.delete(row)
    session.flush()


# ---- subgroups and ratings -------------------------------------------------------------------

def add_subgroup(session: Session, session_id: int, name: str | None = None) -> SubgroupRecord:
    """A subgroup that rates; without a name, the template's next suggestion ("Subgroup B: ...")."""
    template = focus_sessions.template_of(session, session_id)
    existing = [g.name.casefold() for g in load_subgroups(session, session_id)]
    if not name:
        name = next((n for n in template.subgroup_names if n.casefold() not in existing),
                    f"Subgroup {len(existing) + 1}")
    name = name.strip()
    if not name or len(name) > 120:
        raise InvalidInput("A subgroup needs a name of at most 120 characters.")
    if name.casefold() in existing:
        raise InvalidInput(f"There is already a subgroup called {name}.")
    row = FocusSubgroup(session_id=session_id, name=name, sort_order=len(existing) + 1)
    session.add(row)
    session.flush()
    return SubgroupRecord(row.id, row.name)


def load_subgroups(session: Session, session_id: int) -> list[SubgroupRecord]:
    return [SubgroupRecord(g.id, g.name) for g in session.scalars(
        select(FocusSubgroup).where(FocusSubgroup.session_id == session_id)
        .order_by(FocusSubgroup.sort_order, FocusSubgroup.id))]


def rename_subgroup(session: Session, subgroup_id: int, name: str) -> None:
    row = session.get(FocusSubgroup, subgroup_id)
    if row is None:
        raise InvalidInput("That subgroup is no longer there.")
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise InvalidInput("A subgroup needs a name of at most 120 characters.")
    if any(g.name.casefold() == name.casefold() and g.id != subgroup_id
           for g in load_subgroups(session, row.session_id)):
        raise InvalidInput(f"There is already a subgroup called {name}.")
    row.name = name
    session.flush()


def remove_subgroup(session: Session, subgroup_id: int) -> None:
    row = session.get(FocusSubgroup, subgroup_id)
    if row is None:
        raise InvalidInput("That subgroup is no longer there.")
    session.execute(FocusRating.__table__.delete().where(FocusRating.subgroup_id == subgroup_id))
    session.delete(row)
    session.flush()


_KEEP = object()


def set_rating(session: Session, subgroup_id: int, target: tuple[str | None, int | None], *,
               impact: int | None | object = _KEEP, ease: int | None | object = _KEEP) -> None:
    """One subgroup's impact and/or ease (1-5, or None to clear) for an action key or an idea id."""
    action_key, idea_id = target
    if (action_key is None) == (idea_id is None):
        raise InvalidInput("A rating is for one example action or one idea.")
    if session.get(FocusSubgroup, subgroup_id) is None:
        raise InvalidInput("That subgroup is no longer there.")
    try:
        impact = impact if impact is _KEEP else prioritization.check_rating(impact, "Impact")
        ease = ease if ease is _KEEP else prioritization.check_rating(ease, "Ease")
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    row = session.scalar(select(FocusRating).where(
        FocusRating.subgroup_id == subgroup_id,
        FocusRating.action_key.is_(None) if action_key is None else FocusRating.action_key == action_key,
        FocusRating.idea_id.is_(None) if idea_id is None else FocusRating.idea_id == idea_id))
    if row is None:
        row = FocusRating(subgroup_id=subgroup_id, action_key=action_key, idea_id=idea_id)
        session.add(row)
    if impact is not _KEEP:
        row.impact = impact
    if ease is not _KEEP:
        row.ease = ease
    session.flush()


# ---- proposals -------------------------------------------------------------------------------

def _check_restated(session: Session, session_id: int, restates: tuple[str | None, int | None] | None,
                    proposal_id: int | None = None) -> tuple[str | None, int | None]:
    """(action key, idea id) of a rated example action or idea of this session, not yet restated by
    another proposal; (None, None) for none."""
    if restates is None or restates == (None, None):
        return None, None
    data = load(session, session_id)
    target = data.target(tuple(restates))
    if target is None:
        raise InvalidInput("A proposal can restate only an example action marked \u201cexplore further\u201d or an "
                           "idea the district could take, from the same session.")
    other = data.proposal_for(target)
    if other is not None and other.id != proposal_id:
        raise InvalidInput(f"\u201c{other.idea[:60]}\u201d already restates {target.label}: one proposal each.")
    return target.key


def add_proposal(session: Session, session_id: int, idea: str, *, category: str = NOW, owner: str = "",
                 deadline: str = "", restates: tuple[str | None, int | None] | None = None) -> ProposalRecord:
    """A proposal, optionally tied to the rated example action or idea it restates (``Target.key``)."""
    focus_sessions.get_session(session, session_id)
    if category not in CATEGORIES:
        raise InvalidInput("A proposal is either 'Do it now!' or 'Do it next'.")
    action_key, idea_id = _check_restated(session, session_id, restates)
    order = next_number(session, FocusProposal.sort_order, FocusProposal.session_id == session_id)
    row = FocusProposal(session_id=session_id, category=category, idea=_clean_text(idea, "A proposal"),
                        owner=owner.strip()[:200], deadline=deadline.strip()[:120], sort_order=order,
                        action_key=action_key, idea_id=idea_id)
    session.add(row)
    session.flush()
    return ProposalRecord(row.id, row.category, row.idea, row.owner, row.deadline, action_key, idea_id)


def set_restated(session: Session, proposal_id: int, restates: tuple[str | None, int | None] | None) -> None:
    """Tie a proposal to the rated example action or idea it restates (None: to nothing)."""
    row = session.get(FocusProposal, proposal_id)
    if row is None:
        raise InvalidInput("That proposal is no longer there.")
    row.action_key, row.idea_id = _check_restated(session, row.session_id, restates, proposal_id)
    session.flush()


def group_class(data: SessionData, target: Target) -> str:
    """Do it now! when the group's mean ratings (or, unrated, the template's position) fall there;
    Do it next otherwise: the class a proposal written from a rated idea starts with."""
    s = data.summary(target)
    position = (s.impact.mean, s.ease.mean) if s.impact.mean is not None and s.ease.mean is not None \
        else target.illustrative
    return NOW if position is not None and prioritization.quadrant(*position) == prioritization.Quadrant.DO_NOW \
        else NEXT


def propose(session: Session, session_id: int, restates: tuple[str | None, int | None]) -> ProposalRecord:
    """"Propose this" on a rated example action or idea: a proposal in its words, tied to it, classed
    by where the group's ratings put it (owner and deadline are typed in after)."""
    data = load(session, session_id)
    target = data.target(tuple(restates))
    if target is None:
        raise InvalidInput("Choose an example action or idea the group rated.")
    if data.proposal_for(target) is not None:
        raise InvalidInput(f"{target.label} is already proposed.")
    return add_proposal(session, session_id, target.text, category=group_class(data, target), restates=target.key)


def add_proposal_from_row(session: Session, session_id: int, values: dict[str, str]) -> ProposalRecord:
    """A proposal from a row pasted from a spreadsheet: ``category`` ("Do it now!", "Do it next";
    blank is now), ``idea``, ``owner`` and ``deadline``."""
    category = _by_label(values.get("category") or CATEGORIES[NOW], CATEGORIES, "a category")
    return add_proposal(session, session_id, values.get("idea", ""), category=category,
                        owner=values.get("owner", ""), deadline=values.get("deadline", ""))


def update_proposal(session: Session, proposal_id: int, **changes: str) -> None:
    row = session.get(FocusProposal, proposal_id)
    if row is None:
        raise InvalidInput("That proposal is no longer there.")
    unknown = set(changes) - {"category", "idea", "owner", "deadline"}
    if unknown:
        raise InvalidInput(f"Unknown proposal field: {', '.join(sorted(unknown))}.")
    if "category" in changes and changes["category"] not in CATEGORIES:
        raise InvalidInput("A proposal is either 'Do it now!' or 'Do it next'.")
    if "idea" in changes:
        changes["idea"] = _clean_text(changes["idea"], "A proposal")
    limits = {"owner": 200, "deadline": 120}
    for key, value in changes.items():
        setattr(row, key, value.strip()[:limits[key]] if key in limits else value)
    session.flush()


def remove_proposal(session: Session, proposal_id: int) -> None:
    row = session.get(FocusProposal, proposal_id)
    if row is None:
        raise InvalidInput("That proposal is no longer there.")
    session.delete(row)
    session.flush()


# ---- send to priorities ----------------------------------------------------------------------

def _sent(session: Session, session_id: int) -> set[tuple[str, int]]:
    ids = {
        SourceKind.FOCUS_GROUP_INITIATIVE.value: select(FocusActionMark.id).where(FocusActionMark.session_id == session_id),
        SourceKind.FOCUS_GROUP_BRAINSTORM.value: select(FocusIdea.id).where(FocusIdea.session_id == session_id),
        SourceKind.FOCUS_GROUP_PROPOSAL.value: select(FocusProposal.id).where(FocusProposal.session_id == session_id),
    }
    sent: set[tuple[str, int]] = set()
    for kind, query in ids.items():
        sent |= {(kind, i) for i in session.scalars(select(CandidateAction.source_id).where(
            CandidateAction.source_kind == kind, CandidateAction.source_id.in_(query)))}
    return sent


@dataclass(frozen=True)
class SendResult:
    action_ids: tuple[int, ...]
    rater_ids: tuple[int, ...]  # raters made for this session's subgroups
    already_sent: int

    @property
    def text(self) -> str:
        n = len(self.action_ids)
        text = f"Sent {n} action{'s' if n != 1 else ''} to Priorities."
        if self.already_sent:
            text += f" {self.already_sent} were already there."
        return text


def _raters(session: Session, data: SessionData) -> tuple[dict[int, int], list[int]]:
    """A Priorities rater per subgroup ("<session>: Subgroup A"), reusing one of the same name."""
    existing = {r.name.casefold(): r.id for r in priority_ratings.list_raters(session)}
    mapping, made = {}, []
    for group in data.subgroups:
        name = f"{data.record.title[:60]}: {group.name}"[:120]
        if name.casefold() in existing:
            mapping[group.id] = existing[name.casefold()]
        else:
            rater = priority_ratings.add_rater(session, name)
            mapping[group.id] = rater.id
            made.append(rater.id)
    return mapping, made


def send_to_priorities(session: Session, session_id: int) -> SendResult:
    """Explored example actions, brainstormed ideas and proposals become candidate actions.

    Each keeps its source (session, initiative and action, idea or proposal), its subgroups'
    ratings, and for an unrated example action the template's illustrative position, so it lands
    on the matrix where the guide suggests. Anything sent before is left alone.
    """
    data = load(session, session_id)
    mark_ids = {m.action_key: m.id for m in session.scalars(
        select(FocusActionMark).where(FocusActionMark.session_id == session_id))}
    session_label = data.record.label
    titles = {a.key: a.title for a in data.template.attributes}
    used_raters: set[int] = set()
    rater_for, made_raters = _raters(session, data)
    created: list[int] = []
    already = 0

    def rate(action_id: int, target: Target) -> bool:
        rated = False
        for group in data.subgroups:
            impact, ease = data.rating(group.id, target)
            if impact is not None or ease is not None:
                priority_ratings.set_rating(session, action_id, rater_for[group.id], impact=impact, ease=ease)
                used_raters.add(rater_for[group.id])
                rated = True
        return rated

    settings = priority_ratings.get_settings(session)
    target_sent = {t.key for t in data.targets() if _source_of(t, mark_ids) in data.sent}
    for target in data.targets():
        if data.proposal_for(target) is not None and target.key not in target_sent:
            continue  # it goes as the proposal that restates it: one candidate, not two
        if target.action_key is not None:
            kind, source_id = SourceKind.FOCUS_GROUP_INITIATIVE.value, mark_ids[target.action_key]
            initiative, _action = data.template.action(target.action_key)
            label = f"Focus group {session_label}, initiative {initiative.number}, action {target.action_key}"
            description = f"Example initiative {initiative.number}: {initiative.title} ({data.template.title})."
        else:
            kind, source_id = SourceKind.FOCUS_GROUP_BRAINSTORM.value, target.idea_id
            label = f"Focus group {session_label}, brainstorm ({titles.get(target.attribute_key, '')})"
            description = "Brainstormed by the focus group."
        if (kind, source_id) in data.sent:
            already += 1
            continue
        limit = data.contract_of(target.key)
        action = candidate_actions.add_candidate_action(
            session, target.text[:300], description=description, category=titles.get(target.attribute_key, ""),
            source_kind=kind, source_id=source_id, source_label=label[:300],
            contract_limited=limit.limited, contract_note=limit.note)
        created.append(action.id)
        if not rate(action.id, target) and target.illustrative is not None:
            priority_ratings.set_agreed_position(session, action.id, *target.illustrative)
            priority_ratings.set_detail(session, action.id, "evidence",
                                        "Placed at the template's illustrative position; nobody rated it yet.")
    for proposal in data.proposals:
        target = data.target(proposal.restates)
        if (SourceKind.FOCUS_GROUP_PROPOSAL.value, proposal.id) in data.sent or \
                (target is not None and target.key in target_sent):  # what it restates went on its own
            already += 1
            continue
        label = f"Focus group {session_label}, proposal" + (f" (restates {target.label})" if target else "")
        limit = data.contract_of(target.key if target is not None else None)  # the idea or action it restates
        action = candidate_actions.add_candidate_action(
            session, proposal.idea[:300], description=f"Proposed by the focus group: {CATEGORIES[proposal.category]}",
            category=CATEGORIES[proposal.category], source_kind=SourceKind.FOCUS_GROUP_PROPOSAL.value,
            source_id=proposal.id, source_label=label[:300],
            proposed_owner=proposal.owner, proposed_deadline=proposal.deadline,
            contract_limited=limit.limited, contract_note=limit.note)
        created.append(action.id)
        if target is not None:
            rate(action.id, target)
            place = _placed(data, target, proposal.category, settings)
            if place is not None:
                priority_ratings.set_agreed_position(session, action.id, *place[:2])
                priority_ratings.set_detail(session, action.id, "evidence", place[2])
    # Raters made here but used by nothing sent would only clutter the Priorities tab.
    for rater_id in made_raters:
        if rater_id not in used_raters:
            priority_ratings.remove_rater(session, rater_id)
    if not created and not already:
        raise InvalidInput("Nothing to send yet: mark example actions \u201cexplore further\u201d, "
                           "add ideas the district could take, or write proposals first.")
    if not created:
        raise InvalidInput("Everything from this session is already in Priorities.")
    return SendResult(tuple(created), tuple(r for r in made_raters if r in used_raters), already)


def _source_of(target: Target, mark_ids: dict[str, int]) -> tuple[str, int | None]:
    if target.action_key is not None:
        return SourceKind.FOCUS_GROUP_INITIATIVE.value, mark_ids.get(target.action_key)
    return SourceKind.FOCUS_GROUP_BRAINSTORM.value, target.idea_id


def _placed(data: SessionData, target: Target, category: str,
            settings: priority_ratings.MatrixSettings) -> tuple[float, float, str] | None:
    """Where a proposal that restates ``target`` sits on the Priorities matrix, and why: the group's
    mean impact and ease (or the template's position, unrated) moved onto the matrix's lines, kept
    in the Do it now! or Do it next quadrant the group proposed it for. None: nothing to place by."""
    s = data.summary(target)
    rated = s.impact.mean is not None and s.ease.mean is not None
    position = (s.impact.mean, s.ease.mean) if rated else target.illustrative
    if position is None:
        return None
    mid_i, mid_e = settings.midpoint_impact, settings.midpoint_ease
    impact = prioritization.to_matrix_scale(position[0], mid_i)
    ease = prioritization.to_matrix_scale(position[1], mid_e)
    wanted = prioritization.Quadrant.DO_NOW if category == NOW else prioritization.Quadrant.DO_NEXT
    kept = prioritization.into_quadrant(impact, ease, wanted, mid_i, mid_e)
    whose = (f"the focus group's mean ratings (impact {position[0]:.1f}, ease {position[1]:.1f} of 5)" if rated
             else "the template's illustrative position (nobody rated it)")
    why = f"Placed from {whose}, restating {target.label}."
    if kept != (round(impact, 2), round(ease, 2)):
        why += f" Moved into {CATEGORIES[category]}, as the group proposed it."
    return kept[0], kept[1], why


def undo_send(session: Session, result: SendResult) -> None:
    for action_id in result.action_ids:
        candidate_actions.remove_candidate_action(session, action_id)
    for rater_id in result.rater_ids:
        priority_ratings.remove_rater(session, rater_id)


def session_dependents(session: Session, session_id: int) -> list[str]:
    """What deleting a session takes with it or leaves behind, each a sentence for the question
    asked first; nothing listed (a session just planned, its template's agenda only) asks nothing."""
    data = load(session, session_id)
    lines = []
    if data.attendees:
        lines.append(f"Its {counted(len(data.attendees), 'attendee', 'attendees')} "
                     f"{'comes' if len(data.attendees) == 1 else 'come'} off the invitation list "
                     "(people stay in the plan).")
    typed = []
    aspirations = sum(1 for now, want in data.aspirations.values() if now or want)
    marks = sum(1 for does, explore in data.marks.values() if does or explore)
    ratings = sum(1 for pair in data.ratings.values() if any(v is not None for v in pair))
    for n, one, many in ((aspirations, "aspiration", "aspirations"), (marks, "marked example action",
                                                                        "marked example actions"),
                         (len(data.ideas), "idea", "ideas"), (ratings, "subgroup rating", "subgroup ratings"),
                         (len(data.proposals), "proposal", "proposals")):
        if n:
            typed.append(counted(n, one, many))
    if typed:
        lines.append("The results typed in go with it: " + ", ".join(typed) + ".")
    if data.sent:
        n = len(data.sent)
        lines.append(f"{counted(n, 'candidate action', 'candidate actions')} sent to Priorities from it "
                     f"{'stays' if n == 1 else 'stay'} there.")
    return lines


def idea_dependents(session: Session, idea_id: int) -> list[str]:
    """What removing an idea takes with it (its ratings) or leaves (its candidate action)."""
    lines = []
    rated = session.scalar(select(func.count()).select_from(FocusRating).where(
        FocusRating.idea_id == idea_id, (FocusRating.impact.is_not(None)) | (FocusRating.ease.is_not(None))))
    if rated:
        lines.append(f"Its {counted(rated, 'subgroup rating', 'subgroup ratings')} "
                     f"{'goes' if rated == 1 else 'go'} with it.")
    sent = session.scalar(select(func.count()).select_from(CandidateAction).where(
        CandidateAction.source_kind == SourceKind.FOCUS_GROUP_BRAINSTORM.value, CandidateAction.source_id == idea_id))
    if sent:
        lines.append("The candidate action sent to Priorities from it stays there.")
    restating = session.scalar(select(FocusProposal.idea).where(FocusProposal.idea_id == idea_id))
    if restating is not None:
        lines.append(f"The proposal \u201c{restating[:60]}\u201d that restates it stays, no longer tied to it.")
    return lines


def proposal_dependents(session: Session, proposal_id: int) -> list[str]:
    """What removing a proposal leaves behind: the candidate action sent from it, if any."""
    sent = session.scalar(select(func.count()).select_from(CandidateAction).where(
        CandidateAction.source_kind == SourceKind.FOCUS_GROUP_PROPOSAL.value, CandidateAction.source_id == proposal_id))
    return ["The candidate action sent to Priorities from it stays there."] if sent else []


def subgroup_dependents(session: Session, subgroup_id: int) -> list[str]:
    """The ratings removing a subgroup takes with it (nothing rated: nothing to ask)."""
    n = session.scalar(select(func.count()).select_from(FocusRating).where(
        FocusRating.subgroup_id == subgroup_id, (FocusRating.impact.is_not(None)) | (FocusRating.ease.is_not(None))))
    return [f"Its {counted(n, 'rating', 'ratings')} of impact and ease {'goes' if n == 1 else 'go'} with it."] if n else []


def sessions_with_results(session: Session) -> int:
    """How many sessions have any result typed in (a mark, an idea, an aspiration or a proposal)."""
    ids: set[int] = set()
    for cls in (FocusActionMark, FocusIdea, FocusProposal, FocusAspiration):
        ids |= set(session.scalars(select(cls.session_id).distinct()))
    return len(ids)
