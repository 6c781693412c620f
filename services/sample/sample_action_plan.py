"""The sample district's action plan for 2026-27: four SMARTIE objectives, each from its evidence (the
first from the survey's finding on transportation staff's breaks, the fourth from its finding on food
service staff's belonging and respect), with their goal types and what they change; 33 actions with
owners and dependencies across the school year (the seven approved priorities among them, each under
the objective its source serves, or under none when no objective is about its staff), some done, some
late, most marked as changing the individual or the system, two at one school, one limited by a
bargaining agreement; two PDSA cycles, the first finished and adopted (so its action became standard
practice); the school year's breaks; a communication plan with a celebration; and a feedback log
where most of what staff, a school and families said is answered by an action or a message, and
one piece is not yet.

Statuses are as of the plan's date (``AT``, mid-January 2027): the progress update of an earlier day
reports each action only as far as it could have got by then."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from services.action_plan import (
    action_schedule,
    communications,
    feedback_log,
    improvement_cycles,
    objectives,
    school_calendar,
)
from services.district_profile import list_position_groups, list_schools
from services.priorities import contract_limits
from services.priorities.planned_actions import list_planned_actions
from services.team.team_roster import list_people

D = dt.date
AT = dt.datetime(2027, 1, 15, 9, 0)

BREAKS = (("Thanksgiving break", D(2026, 11, 25), D(2026, 11, 27)),
          ("Winter break", D(2026, 12, 21), D(2027, 1, 1)),
          ("Mid-winter break", D(2027, 2, 15), D(2027, 2, 19)),
          ("Spring break", D(2027, 3, 29), D(2027, 4, 2)))

OBJECTIVES = (
    dict(statement="By June 2027, 70% of transportation and food service staff agree they can take the breaks "
                   "they are entitled to, up from 29%.",
         specific="Rest breaks that fit route and kitchen schedules, and a place to take them, for drivers and "
                  "food service staff.",
         measurable="% favorable on 'I can take the breaks I am entitled to' in the staff survey and a "
                    "two-question pulse each quarter; target 70%.",
         achievable="Route and kitchen schedules are set by the two supervisors on the team's invitation; the "
                    "break rooms use existing space.",
         relevant="The Fall 2026 survey's largest gap: transportation 0.6 below all staff on breaks.",
         time_bound="June 2027, with pulse checks in January and April.",
         inclusive="Two drivers and two food service staff design the schedules with their supervisors.",
         equitable="Transportation and food service staff, whose shifts leave them out of district wellness "
                   "offers.",
         indicator="% favorable: 'I can take the breaks I am entitled to'", unit="%", baseline=29.0,
         baseline_date=D(2026, 10, 23), target=70.0, target_date=D(2027, 6, 4),
         source_label="Staff survey Fall 2026, finding 1", goal_type="quality", change_level="system",
         groups=("Transportation", "Food service"), people=("Lucia Fernandez",),
         measurements=((D(2026, 10, 23), 29.0, "Fall survey"), (D(2026, 11, 20), 35.0, "Pulse after the first trial, 118 answers"))),
    dict(statement="By March 2027, every school has a quiet room for staff, and 60% of staff say they used it.",
         specific="A quiet, private room in each of the district's ten schools, with a sign-up-free rule.",
         measurable="Rooms open (of 10) and % of staff who used one in the spring pulse; target 10 and 60%.",
         achievable="Principals identified unused rooms in October; furniture from the wellness budget line.",
         relevant="Readiness round Fall 2026 and the focus group asked for a place to recover.",
         time_bound="All rooms open by 1 March 2027.", inclusive="",
         equitable="Teachers and paraprofessionals, who have no office of their own.",
         indicator="Schools with a staff quiet room", unit="schools", baseline=2.0, baseline_date=D(2026, 9, 1),
         target=10.0, target_date=D(2027, 3, 1), source_label="Priority: Create a quiet break space in every school",
         goal_type="access", change_level="system",
         groups=("Teachers", "Paraprofessionals and aides"), people=("Marcus Oyelaran", "Aisha Karim"),
         measurements=((D(2026, 9, 1), 2.0, ""), (D(2026, 11, 1), 4.0, ""), (D(2026, 11, 20), 5.0, ""),
                       (D(2026, 12, 18), 7.0, "The elementary schools' rooms open before winter break"))),
    dict(statement="Double the use of the employee assistance program among custodial and night staff this "
                   "school year.",
         specific="", measurable="", achievable="The EAP provider offers evening sessions at no extra cost.",
         relevant="Benefits data: custodial staff are 8% of staff but 2% of EAP use.", time_bound="",
         inclusive="Ken Watanabe and two night custodians choose times and places.", equitable="",
         indicator="EAP contacts by custodial and night staff per quarter", unit="", baseline=6.0,
         baseline_date=D(2026, 6, 30), target=None, target_date=None, source_label="", goal_type="access",
         change_level="individual",
         groups=("Maintenance and custodial",), people=("Ken Watanabe",), measurements=()),
    # The survey's finding 3 (food service, belonging and respect) and the action approved from it.
    dict(statement="By June 2027, 50% of food service staff agree they belong and are respected at work, up from "
                   "38%.",
         specific="Kitchen staff get the district's wellness information in the language they read, and choose "
                  "what comes first.",
         measurable="% favorable on the survey's belonging and respect items for food service, in the spring "
                    "pulse; target 50%.",
         achievable="Lucia Fernandez and two bilingual cooks translate; the district's translator checks.",
         relevant="The Fall 2026 survey: food service 18 points less favorable than all staff on belonging and "
                  "respect.",
         time_bound="June 2027, with the spring pulse.",
         inclusive="Food service staff choose what is translated first and test the drafts.",
         equitable="Food service staff, who answered the survey least and many of whom read Spanish first.",
         indicator="% favorable: Belonging and respect (food service)", unit="%", baseline=38.0,
         baseline_date=D(2026, 10, 23), target=50.0, target_date=D(2027, 6, 4),
         source_label="Staff survey Fall 2026, finding 3", goal_type="quality", change_level="system",
         groups=("Food service",), people=("Lucia Fernandez",),
         measurements=((D(2026, 10, 23), 38.0, "Fall survey"),
                       (D(2027, 1, 12), 40.0, "Kitchen pulse in English and Spanish, 61 answers"))),
)

# title, objective (1-based, 0 = none), owner, start, end, status, percent, milestone, predecessors (titles)
ACTIONS = (
    ("Ask drivers and cooks when a break could fit", 1, "Lucia Fernandez", D(2026, 11, 2), D(2026, 11, 20),
     "done", 100, False, ()),
    ("Map route gaps with the transportation supervisor", 1, "Dana Whitfield", D(2026, 11, 9), D(2026, 12, 4),
     "done", 100, False, ()),
    ("Draft break schedules for routes and kitchens", 1, "Lucia Fernandez", D(2026, 12, 7), D(2027, 1, 15),
     "in_progress", 70, False, ("Ask drivers and cooks when a break could fit",
                                "Map route gaps with the transportation supervisor")),
    ("Agree schedules with the union", 1, "Dana Whitfield", D(2027, 1, 18), D(2027, 2, 5), "not_started", 0,
     False, ("Draft break schedules for routes and kitchens",)),
    ("New break schedules start", 1, "Dana Whitfield", D(2027, 2, 8), D(2027, 2, 8), "not_started", 0, True,
     ("Agree schedules with the union",)),
    ("Set up a break room at the bus depot", 1, "Ken Watanabe", D(2026, 12, 1), D(2027, 1, 8), "in_progress", 40,
     False, ()),
    ("Set up break corners in three central kitchens", 1, "Lucia Fernandez", D(2027, 1, 11), D(2027, 2, 26),
     "not_started", 0, False, ("Set up a break room at the bus depot",)),
    ("Quarterly pulse on breaks", 1, "Rosa Delgado", D(2027, 1, 19), D(2027, 1, 29), "not_started", 0, False, ()),
    ("Spring pulse on breaks", 1, "Rosa Delgado", D(2027, 4, 12), D(2027, 4, 23), "not_started", 0, False,
     ("New break schedules start",)),
    ("Review break data with drivers and cooks", 1, "Lucia Fernandez", D(2027, 5, 3), D(2027, 5, 14),
     "not_started", 0, False, ("Spring pulse on breaks",)),
    ("Principals name a room in each school", 2, "Tom Becker", D(2026, 9, 14), D(2026, 10, 9), "done", 100, False,
     ()),
    ("Buy furniture and signs for quiet rooms", 2, "Tom Becker", D(2026, 10, 12), D(2026, 11, 13), "in_progress",
     60, False, ("Principals name a room in each school",)),
    # done before winter break: the seven rooms the January staff meeting celebrates
    ("Open quiet rooms in the elementary schools", 2, "Aisha Karim", D(2026, 11, 16), D(2026, 12, 18),
     "done", 100, False, ("Buy furniture and signs for quiet rooms",)),
    ("Open quiet rooms in the middle and high schools", 2, "Marcus Oyelaran", D(2027, 1, 4), D(2027, 2, 12),
     "not_started", 0, False, ("Open quiet rooms in the elementary schools",)),
    ("All quiet rooms open", 2, "Tom Becker", D(2027, 3, 1), D(2027, 3, 1), "not_started", 0, True,
     ("Open quiet rooms in the middle and high schools",)),
    ("Cover classes so staff can use the quiet room", 2, "Marcus Oyelaran", D(2027, 1, 11), D(2027, 3, 26),
     "not_started", 0, False, ()),
    ("Spring pulse on quiet room use", 2, "Rosa Delgado", D(2027, 4, 12), D(2027, 4, 23), "not_started", 0, False,
     ("All quiet rooms open",)),
    ("Ask night custodians what gets in the way of the EAP", 3, "Ken Watanabe", D(2026, 10, 5), D(2026, 10, 30),
     "done", 100, False, ()),
    ("Offer wellness sessions at times night custodians can attend", 3, "Ken Watanabe", D(2026, 11, 2),
     D(2026, 11, 20), "in_progress", 20, False, ("Ask night custodians what gets in the way of the EAP",)),
    ("Evening EAP session at each middle school", 3, "Priya Raman", D(2027, 1, 11), D(2027, 3, 19), "not_started",
     0, False, ("Offer wellness sessions at times night custodians can attend",)),
    # from the food service finding (3), so under the food service objective; the custodial EAP cards
    # below wait for its Spanish text
    ("Translate wellness information into Spanish", 4, "Lucia Fernandez", D(2026, 11, 2), D(2026, 12, 11),
     "in_progress", 30, False, ()),
    ("EAP cards in every custodial office", 3, "Ken Watanabe", D(2026, 12, 14), D(2026, 12, 18), "not_started", 0,
     False, ("Translate wellness information into Spanish",)),
    ("Count EAP contacts for the quarter", 3, "Grace Liu", D(2027, 3, 29), D(2027, 4, 9), "not_started", 0, False,
     ("Evening EAP session at each middle school",)),
    ("Ask providers before deciding anything about student wellbeing", 0, "Priya Raman", D(2026, 12, 1),
     D(2027, 5, 28), "in_progress", 25, False, ()),
    # approved on Jan 14 (readiness item B2), it starts at the next principals' meeting, after the plan's date
    ("Put staff wellness on every principals' meeting agenda", 0, "Dana Whitfield", D(2027, 1, 19),
     D(2027, 6, 4), "not_started", 0, False, ()),
    # the focus group's deadline: agreed by June 2027, in place at the start of next school year
    ("Expect providers to spend a set share of time with students in need", 0, "Tom Becker", D(2027, 4, 5),
     D(2027, 6, 4), "not_started", 0, False, ()),
    ("Publish a 'you said, we did' update after each survey", 0, "Dana Whitfield", D(2026, 11, 30),
     D(2026, 12, 11), "in_progress", 50, False, ()),
    ("Board presentation of the wellness plan", 0, "Dana Whitfield", D(2027, 1, 26), D(2027, 1, 26),
     "not_started", 0, True, ()),
    ("Plan next year's survey with the new questions", 0, "Rosa Delgado", D(2027, 5, 3), D(2027, 6, 4),
     "not_started", 0, False, ()),
    ("Team retreat: review the year", 0, "Dana Whitfield", D(2027, 6, 9), D(2027, 6, 9), "not_started", 0, True,
     ("Plan next year's survey with the new questions",)),
    ("Readiness reflection, second round", 0, "Jordan Ellis", D(2027, 4, 19), D(2027, 5, 7), "not_started", 0,
     False, ()),
    ("Update the data sources list and fill one gap", 0, "Grace Liu", D(2027, 2, 22), D(2027, 3, 26),
     "not_started", 0, False, ()),
    ("Train supervisors to talk about wellbeing", 0, "Priya Raman", D(2026, 10, 19), D(2026, 11, 13), "on_hold",
     30, False, ()),
)

# What each action changes (seed 000 step 5): the person's habits and use of support, or the job and
# workplace around them. The rest are left not set, as a team's first draft leaves some.
SYSTEM_ACTIONS = ("Map route gaps with the transportation supervisor", "Draft break schedules for routes and kitchens",
                  "Agree schedules with the union", "New break schedules start", "Set up a break room at the bus depot",
                  "Set up break corners in three central kitchens", "Principals name a room in each school",
                  "Buy furniture and signs for quiet rooms", "Open quiet rooms in the elementary schools",
                  "Open quiet rooms in the middle and high schools", "Cover classes so staff can use the quiet room",
                  "Expect providers to spend a set share of time with students in need")
INDIVIDUAL_ACTIONS = ("Offer wellness sessions at times night custodians can attend",
                      "Evening EAP session at each middle school", "Translate wellness information into Spanish",
                      "EAP cards in every custodial office", "Train supervisors to talk about wellbeing")
# Where an action happens, when it is one school's (the rest are district-wide).
AT_SCHOOL = {"Cover classes so staff can use the quiet room": "Maple Hollow High School",
             "Ask night custodians what gets in the way of the EAP": "Hawthorne Middle School"}

# Limited by a contract or collective bargaining (seed 004's bold reminder), and how.
CONTRACT_LIMITED = {"Agree schedules with the union": "Drivers' and cooks' breaks are set in their bargaining "
                                                      "agreements; new schedules need the union's sign-off."}

CYCLES = (
    dict(objective=1, action="Draft break schedules for routes and kitchens",
         title="Try a 15-minute break rotation on two bus routes",
         question="Can drivers on split routes get a real 15-minute break if a relief driver covers the "
                  "midday run?", prediction="Both routes keep time; 8 of 10 drivers take the break.",
         plan_date=D(2026, 11, 16), do_notes="Ran for two weeks on routes 12 and 17 with one relief driver.",
         do_date=D(2026, 11, 30), study_notes="Routes kept time on 18 of 20 days; 9 of 10 drivers took the "
                                              "break; the relief driver was late twice.",
         study_date=D(2026, 12, 14), decision="adopt",
         act_notes="Adopt: every split route gets a relief driver for the midday run; the new schedules build the "
                   "rotation in, starting after winter break.",
         act_date=D(2027, 1, 5)),
    dict(objective=3, action=None, title="Evening EAP drop-in at Hawthorne Middle School",
         question="Will night custodians come to an EAP drop-in at 7 pm in their own building?",
         prediction="At least 5 of the 14 night custodians come.", plan_date=D(2027, 1, 11), do_notes="",
         do_date=None, study_notes="", study_date=None, decision="", act_notes="", act_date=None),
)

COMMUNICATIONS = (
    ("Staff", "What you told us in the Fall 2026 survey, and the three things we will do first", "Newsletter",
     D(2026, 12, 4), "Dana Whitfield", True, False),
    ("Staff", "Break schedules for drivers and kitchens: what changes on 8 February", "Staff meeting",
     D(2027, 2, 1), "Lucia Fernandez", False, False),
    ("Board", "The employee wellness plan and its first results", "Board meeting", D(2027, 1, 26),
     "Dana Whitfield", False, False),
    ("Leaders", "Quiet rooms: how to cover a class so a teacher can use one", "Email", D(2027, 1, 8),
     "Tom Becker", False, False),
    ("Families", "Why the district is investing in staff wellbeing", "Website", D(2027, 2, 12), "Marcus Oyelaran",
     False, False),
    ("Staff", "Celebrate: seven quiet rooms open before the break, thanks to the aides who set them up",
     "Staff meeting", D(2027, 1, 12), "Aisha Karim", False, True),
    ("Community partners", "Thank the EAP provider for evening sessions", "Email", D(2027, 3, 26), "Priya Raman",
     False, True),
)


# received, from (a staff group, or in words), channel, what was said, answered by (an action's title or a
# communication's message; None: not answered yet)
FEEDBACK = (
    (D(2026, 11, 10), "Maintenance and custodial", "", "Conversation",
     "Night custodians never hear about the EAP: the emails go out after they have left.",
     "EAP cards in every custodial office"),
    (D(2026, 11, 24), "Transportation", "", "Staff meeting",
     "Drivers on split routes still can't take a break between the morning and midday runs.",
     "Draft break schedules for routes and kitchens"),
    (D(2026, 11, 26), "Food service", "", "Suggestion box",
     "Kitchen staff would like somewhere to sit down during their break, not only a corner.", None),
    (D(2026, 11, 30), None, "Families (parent advisory council)", "Email",
     "Why is the district spending on staff wellness instead of classrooms?",
     "Why the district is investing in staff wellbeing"),
)


def add_sample_action_plan(session: Session) -> None:
    for name, start, end in BREAKS:
        school_calendar.add_break(session, name, start, end)
    groups = {g.name: g.id for g in list_position_groups(session)}
    people = {p.name: p.id for p in list_people(session)}
    objective_ids = []
    for spec in OBJECTIVES:
        spec = dict(spec)
        measurements = spec.pop("measurements")
        group_names, person_names = spec.pop("groups"), spec.pop("people")
        record = objectives.add_objective(session, spec.pop("statement"), at=AT, **spec,
                                          group_ids={groups[g] for g in group_names},
                                          person_ids={people[p] for p in person_names})
        for when, value, note in measurements:
            objectives.add_measurement(session, record.id, when, value, note)
        objective_ids.append(record.id)
    planned = {p.title: p.id for p in list_planned_actions(session)}
    ids: dict[str, int] = {}
    for title, objective, owner, start, end, status, percent, milestone, _preds in ACTIONS:
        fields = dict(objective_id=objective_ids[objective - 1] if objective else None, owner_id=people[owner],
                      start=start, end=end, milestone=milestone)
        if title in planned:  # an approved priority: schedule it where it is
            record = action_schedule.update_action(session, planned[title], **fields)
        else:
            record = action_schedule.add_action(session, title, at=AT, **fields)
        action_schedule.update_action(session, record.id, status=status, percent_done=percent)
        ids[title] = record.id
    schools = {school.name: school.id for school in list_schools(session)}
    for title, level in [*((t, "system") for t in SYSTEM_ACTIONS), *((t, "individual") for t in INDIVIDUAL_ACTIONS)]:
        action_schedule.update_action(session, ids[title], change_level=level)
    for title, school in AT_SCHOOL.items():
        action_schedule.update_action(session, ids[title], school_id=schools[school])
    for title, note in CONTRACT_LIMITED.items():
        contract_limits.set_for_planned(session, ids[title], True, note)
    for title, *_rest, preds in ACTIONS:
        for pred in preds:
            action_schedule.add_dependency(session, ids[pred], ids[title])
    for spec in CYCLES:
        spec = dict(spec)
        objective, action, decision = spec.pop("objective"), spec.pop("action"), spec.pop("decision")
        cycle = improvement_cycles.add_cycle(session, spec.pop("title"), objective_id=objective_ids[objective - 1],
                                             action_id=ids[action] if action else None, **spec)
        if decision:  # decided as a team would: the decision acts on the plan
            improvement_cycles.act_on(session, cycle.id, decision)
    messages = {}
    for audience, message, channel, when, owner, done, celebration in COMMUNICATIONS:
        messages[message] = communications.add_item(session, audience, message, channel, when,
                                                    owner_id=people[owner], done=done, celebration=celebration).id
    for received, group, from_text, channel, said, answer in FEEDBACK:
        feedback_log.add_item(session, said, received_on=received, group_id=groups[group] if group else None,
                              from_text=from_text, channel=channel, action_id=ids.get(answer),
                              communication_id=messages.get(answer))
