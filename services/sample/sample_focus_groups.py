"""The sample district's focus group: one completed retain-mh-staff session (seed 004).

The facilitator read the guide's sample intention and the group wrote its own; the district's need
for each type of provider is recorded (social workers are the hardest role to fill, with three open
positions), and the invitation list, a second counselor where a social worker should be, shows the
check at work: no social worker was invited. The group wrote its aspirations, said which of the
framework's attributes matter most and what it would add, checked the example actions (signing
bonuses, 11.3, limited by the bargaining agreement's salary schedule), brainstormed two new ones,
rated what it marked in three subgroups, and wrote four proposals, one of them restating the rated
example action 2.2. The Priorities sample then links its focus-group actions to these records
(``source_record``; 2.2 arrived as that proposal, one action for the pair) and sends the rest
(11.3 and the lead counselor proposal) with "Send to Priorities", as the facilitator would after
the session: everything the group marked or proposed is in Priorities.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import FocusActionMark, FocusIdea, FocusProposal, SourceKind
from services.focus_groups import focus_results, focus_sessions, provider_need
from services.team import team_roster

SESSION_TITLE = "Mental health staff focus group"
SESSION_DATE = dt.date(2026, 10, 14)

ATTENDEES = (  # name, role key, on the planning team already?
    ("Dana Whitfield", "district-head", True),
    ("Priya Raman", "counselors", True),
    ("Grace Liu", "health", True),
    ("Monique Baptiste", "school-heads", False),
    ("Luis Navarro", "counselors", False),  # a second counselor: no social worker was invited
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
# The group's own intention, and its view of the framework (seed 004's closing questions).
GROUP_INTENTION = ("We are here to say what would make each of us stay, so the district can keep the people students "
                   "need and fill the posts that stay empty.")
ATTRIBUTES_MATTER = ("Great job matters most: time with students, not duties. Great leaders next: being asked before "
                     "decisions about student wellbeing.")
ATTRIBUTES_CHANGE = ("Add caseload (students per provider) as its own attribute; the group would not remove any.")
# The district's need per type of provider (role key: vacancies, hardest-to-fill rank, % of students
# served, note), from HR's October vacancy report.
PROVIDER_NEEDS = {
    "social-workers": (3, 1, 35, "Three of six positions open since August; Pathways and the middle schools share one."),
    "psychologists": (1, 2, 100, "Each serves two or three schools; evaluations take most of their week."),
    "counselors": (1, 3, 100, "One in every school, two at the high school; the Dogwood post is open."),
    "licensed": (0, 4, 15, "Two LCSWs contracted through the county health center."),
    "health": (0, 5, 100, "A nurse in each building part of the day."),
}
# Example actions the group found limited by a contract or collective bargaining, and how.
CONTRACT_LIMITED = {"11.3": "Pay follows the salary schedule in the bargaining agreement."}
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
PROPOSED_DEADLINE = "Agreed by June 2027, in place at the start of next school year"
PROPOSALS = (  # category, idea, owner, deadline, the rated example action it restates (or None)
    # principals agree the share before the summer, so it is in place on the first day of 2027-28
    (focus_results.NOW, "Expect providers to spend a set share of time with students in need",
     "Principal of each school", PROPOSED_DEADLINE, None),
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
                                  notes="Two-hour session during the October in-service afternoon.",
                                  group_intention=GROUP_INTENTION, attributes_matter=ATTRIBUTES_MATTER,
                                  attributes_change=ATTRIBUTES_CHANGE)
    for role, (vacancies, rank, share, note) in PROVIDER_NEEDS.items():
        provider_need.set_session_need(session, sid, role, vacancies=vacancies, hard_to_fill_rank=rank,
                                       student_share=share, note=note)
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
    for key, note in CONTRACT_LIMITED.items():
        focus_results.set_mark(session, sid, key, contract_limited=True, contract_note=note)
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
