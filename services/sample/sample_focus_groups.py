"""The sample district's focus group: one completed retain-mh-staff session (seed 004).

Attendees cover every role the template asks for, the group wrote its aspirations, checked the
example actions, brainstormed two new ones, rated what it marked in three subgroups, and wrote
four proposals, one of them restating the rated example action 2.2. The Priorities sample then links
its focus-group actions to these records (``source_record``; 2.2 arrived as that proposal, one action
for the pair); one proposal and one marked action are not in Priorities yet, so "Send to Priorities"
has something to do in the sample.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import FocusActionMark, FocusIdea, FocusProposal, SourceKind
from services.focus_groups import focus_results, focus_sessions
from services.team import team_roster

SESSION_TITLE = "Mental health staff focus group"
SESSION_DATE = dt.date(2026, 10, 14)

ATTENDEES = (  # name, role key, on the planning team already?
    ("Dana Whitfield", "district-head", True),
    ("Priya Raman", "counselors", True),
    ("Grace Liu", "health", True),
    ("Monique Baptiste", "school-heads", False),
    ("Luis Navarro", "social-workers", False),
    ("Hannah Okafor", "psychologists", False),
    ("Ben Achterberg", "licensed", False),
    ("Carmen Ruiz", "counselors", False),
)
ASPIRATIONS = {
    "organization": ("Providers counsel in shared or borrowed rooms; referral steps differ by school.",
                     "Our organization will be one where every provider has a private room and one clear "
                     "referral process."),
    "leaders": ("Decisions about student wellbeing are often made before providers hear of them.",
                "Our leaders will be asking providers first and explaining their roles to every staff member."),
    "job": ("Lunch and bus duty take hours a week; new counselors have no regular supervision.",
            "Our jobs will be spent mostly with students, with supervision and a path to grow."),
}
DOES_THIS = ("3.2", "6.1", "8.2", "10.2")
# Marked "explore further", with each subgroup's (impact, ease): A organization, B leaders, C jobs.
EXPLORED = {
    "1.1": ((4, 2), (4, 3), (5, 2)),
    "2.2": ((4, 3), (4, 4), (4, 3)),
    "3.1": ((3, 5), (3, 5), (3, 4)),
    "4.3": ((4, 4), (4, 5), (5, 4)),
    "5.2": ((3, 4), (3, 5), (1, 4)),
    "7.1": ((5, 2), (4, 3), (5, 3)),
    "11.3": None,  # marked, not rated in time: it goes to Priorities at the illustrative position
}
IDEAS = (  # attribute, kind, text, ratings
    ("job", focus_results.COULD, "Peer supervision circle for new counselors", ((3, 4), (2, 4), (3, 5))),
    ("organization", focus_results.COULD, "Hold a district-wide provider appreciation week", ((2, 5), (2, 4), (2, 5))),
    ("job", focus_results.TAKEN, "Monthly case consultations at the two high schools", None),
)
PROPOSALS = (  # category, idea, owner, deadline, the rated example action it restates (or None)
    (focus_results.NOW, "Expect providers to spend a set share of time with students in need",
     "Principal of each school", "Start of next school year", None),
    (focus_results.NEXT, "Front-load benefit accrual for new mental health staff", "Director of Human Resources",
     "Next bargaining round", None),
    # restates 2.2 (triage every student centrally): it reached Priorities as one action, not two
    (focus_results.NOW, "Publish one referral form and triage contact for the whole district",
     "Director of Student Services", "January 2027", "2.2"),
    (focus_results.NEXT, "Create a lead counselor role with time for mentoring", "Director of Student Services",
     "Budget for 2027-28", None),
)


def add_sample_focus_groups(session: Session) -> None:
    record = focus_sessions.create_session(session, "retain-mh-staff", SESSION_TITLE, first_date=SESSION_DATE,
                                           place="District Office, board room", facilitator="Dana Whitfield",
                                           at=dt.datetime(2026, 9, 30, 9, 0))
    sid = record.id
    focus_sessions.update_session(session, sid, start_time=dt.time(13, 0),
                                  notes="Two-hour session during the October in-service afternoon.")
    people = {p.name: p.id for p in team_roster.list_people(session)}
    for name, role, _on_team in ATTENDEES:
        if name in people:
            attendee = focus_sessions.add_attendee(session, sid, people[name], role)
        else:
            attendee = focus_sessions.add_new_attendee(session, sid, name, role)
        focus_sessions.update_attendee(session, attendee.id, attended=name != "Ben Achterberg")
    for key, (now, want) in ASPIRATIONS.items():
        focus_results.set_aspiration(session, sid, key, now=now, want=want)
    for key in DOES_THIS:
        focus_results.set_mark(session, sid, key, does_this=True)
    groups = [focus_results.add_subgroup(session, sid) for _ in range(3)]
    for key, ratings in EXPLORED.items():
        focus_results.set_mark(session, sid, key, explore=True)
        for group, (impact, ease) in zip(groups, ratings or (), strict=False):
            focus_results.set_rating(session, group.id, (key, None), impact=impact, ease=ease)
    for attribute, kind, text, ratings in IDEAS:
        idea = focus_results.add_idea(session, sid, attribute, kind, text)
        for group, (impact, ease) in zip(groups, ratings or (), strict=False):
            focus_results.set_rating(session, group.id, (None, idea.id), impact=impact, ease=ease)
    for category, idea, owner, deadline, restates in PROPOSALS:
        focus_results.add_proposal(session, sid, idea, category=category, owner=owner, deadline=deadline,
                                   restates=(restates, None) if restates else None)


def source_record(session: Session, kind: str, ref: str | int) -> int:
    """The id a sample candidate action "from the focus group" points to.

    ``ref`` is an example action key ("7.1") for an initiative, or the 1-based position of the
    idea ("could take" ones only) or proposal in the lists above.
    """
    sid = focus_sessions.find_session(session, SESSION_DATE.isoformat()).id
    if kind == SourceKind.FOCUS_GROUP_INITIATIVE.value:
        return session.scalar(select(FocusActionMark.id).where(FocusActionMark.session_id == sid,
                                                               FocusActionMark.action_key == ref))
    if kind == SourceKind.FOCUS_GROUP_BRAINSTORM.value:
        ids = session.scalars(select(FocusIdea.id).where(FocusIdea.session_id == sid,
                                                         FocusIdea.kind == focus_results.COULD)
                              .order_by(FocusIdea.sort_order)).all()
        return ids[int(ref) - 1]
    ids = session.scalars(select(FocusProposal.id).where(FocusProposal.session_id == sid)
                          .order_by(FocusProposal.sort_order)).all()
    return ids[int(ref) - 1]
