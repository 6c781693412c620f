"""The Team PDF: lead, roster (with own hours and release time), the people taking part beyond the
team, how the team mirrors the staff, and the meeting schedule with each meeting's purposes (and
the purpose no meeting of the year serves)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.date_style import style_for
from services.reports.document import DocumentInfo, build_pdf, data_table, nothing_yet, styles, text
from services.team import meeting_access, meetings, team_representation, team_roster

TITLE = "Planning team and meetings"


def build_team_pdf(
    session: Session,
    out_path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    st = styles()
    profile = district_profile.get_profile(session)
    style = style_for(profile)
    group_records = {g.id: g for g in district_profile.list_position_groups(session)}
    groups = {g.id: g.name for g in group_records.values()}
    schools = {s.id: s.name for s in district_profile.list_schools(session)}
    team = sorted(team_roster.list_team(session), key=lambda p: (not p.is_lead, p.name.lower()))
    rep = team_representation.assess_representation(session)
    schedule = meetings.list_meetings(session)
    flags = meeting_access.flag_meetings(session, style)
    everyone = team_roster.list_people(session)
    people = {p.id: p.name for p in everyone}
    if progress:
        progress(1, 3)

    story = [
        Paragraph(text(TITLE), st.title),
        Paragraph(text(f"{profile.display_name} - school year {profile.school_year or 'not set'}"), st.subtitle),
        Paragraph("Lead point of contact", st.h1),
    ]
    lead = next((p for p in team if p.is_lead), None)
    if lead:
        contact = f" ({lead.contact})" if lead.contact else ""
        story.append(Paragraph(f"<b>{text(lead.name)}</b>{text(contact)}, {text(groups.get(lead.position_group_id, ''))}", st.body))
    else:
        story.append(nothing_yet(
            "No lead point of contact has been named yet. On the Team tab, add the members (Add member) and set "
            "one member's role to Lead: the lead calls the meetings and is the district's contact for the plan."))

    count = f" ({len(team)} member{'s' if len(team) != 1 else ''})" if team else ""
    story.append(Paragraph(f"Team roster{count}", st.h1))
    if team:
        rows = []
        for p in team:
            hours = f"Can meet {style.times(p.meets_from, p.meets_until)}" if p.has_own_hours else ""
            small = [text(x) for x in (p.contact, hours) if x]
            name = Paragraph(
                f"<b>{text(p.name)}</b>" + "".join(f"<br/><font size=8 color='#52606D'>{x}</font>" for x in small),
                st.cell,
            )
            rows.append([
                name,
                "Lead" if p.is_lead else "Member",
                groups.get(p.position_group_id, "-"),
                schools.get(p.school_id, "-"),
                p.tenure_band or "-",
                p.demographics or "",
            ])
        story.append(data_table(
            ["Name and contact", "Role", "Position group", "School or site", "Tenure", "Self-described"],
            rows, [2.1 * inch, 0.66 * inch, 1.25 * inch, 1.24 * inch, 0.7 * inch, 1.15 * inch],
        ))
        released = [p for p in team if p.release_note]
        if released:
            story.append(Paragraph("Release time and adjusted duties", st.h2))
            for p in released:
                story.append(Paragraph(f"<b>{text(p.name)}</b>: {text(p.release_note)}", st.body))
    else:
        story.append(nothing_yet(
            "No one is on the planning team yet. Add members on the Team tab (Add member): people from different position groups, schools and lengths of service, including staff who work "
            "part time or outside the usual school day."))
    story += _beyond_team([p for p in everyone if not p.on_team], groups, schools, st)

    story += _representation(rep, st)
    if progress:
        progress(2, 3)

    story.append(Paragraph("Meeting schedule", st.h1))
    if schedule:
        shifts = {g.name: g for g in group_records.values()}
        rows, highlight = [], []
        for i, m in enumerate(schedule):
            invited = "Whole team" if not m.attendee_ids else ", ".join(people.get(pid, "?") for pid in m.attendee_ids)
            problems = flags.get(m.id, [])
            if problems:
                highlight.append(i)
            rows.append([
                f"{m.meeting_date:%a} {style.date(m.meeting_date)}",
                style.times(m.start_time, m.end_time).replace(" ", "\u00a0"),  # "12:30 PM" never split
                m.place or "-",
                _purposes_cell(m, st),
                invited,
                ("Outside usual hours: " + "; ".join(_flag_text(f, shifts, style) for f in problems)) if problems
                else "Suits everyone invited",
            ])
        story.append(data_table(
            ["Date", "Time", "Place", "Purposes", "Invited", "Can everyone come?"],
            rows, [1.0 * inch, 1.25 * inch, 1.15 * inch, 1.55 * inch, 0.7 * inch, 1.45 * inch],
            highlight_rows=highlight,
        ))
        story.append(Spacer(1, 6))
        warning = meetings.purpose_warning(schedule)
        if warning:
            story.append(Paragraph(text(
                f"{warning} A planning team's year needs time for the team's own functioning, for reading the data "
                "and setting priorities, and for the equity-focused action plan (Take Action toolkit, step 1); "
                "set each meeting's purposes on the Team tab."), st.note))
        story.append(Paragraph(
            "Meeting times should suit every member, including part-time staff and those who work "
            "outside typical hours. Each position group's usual hours are set on the Overview tab; a part-time "
            "member's own hours on the Team tab.",
            st.small,
        ))
    else:
        story.append(nothing_yet(
            "No meetings are scheduled yet. Add them on the Team tab (Add meeting), with the date, time and place; "
            "this page then shows whether each one suits the usual hours of everyone invited."))

    info = DocumentInfo(title=TITLE, district=profile.display_name, paper=profile.paper_size)
    path = build_pdf(out_path, info, story, cancel=cancel)
    if progress:
        progress(3, 3)
    return path


def _purposes_cell(m: meetings.MeetingRecord, st) -> Paragraph:
    """The meeting's purposes, one a line, and its description in small type ("Other" is worded by
    the description, so it isn't repeated)."""
    labels = meetings.purpose_labels(m)
    lines = [text(x) for x in labels] or ["<font color='#52606D'>Not set</font>"]
    other_worded = any(p == "other" for p in m.purposes) and m.purpose
    if m.purpose and not other_worded:
        lines.append(f"<font size=8 color='#52606D'>{text(m.purpose)}</font>")
    return Paragraph("<br/>".join(lines), st.cell)


def _beyond_team(others: list[team_roster.PersonRecord], groups: dict, schools: dict, st) -> list[Flowable]:
    """Who takes part beyond the team (affected staff, partners, families, students): no contact
    details, which stay in the plan."""
    if not others:
        return []
    rows = [[Paragraph(f"<b>{text(p.name)}</b>", st.cell), p.kind_label,
             Paragraph(text(", ".join(x for x in (groups.get(p.position_group_id, ""), p.organisation) if x) or "-"),
                       st.cell),
             schools.get(p.school_id, "-")] for p in others]
    return [
        Paragraph(f"Taking part beyond the team ({len(others)})", st.h1),
        Paragraph("People the plan involves who are not on the planning team: affected staff, partners, families "
                  "and students (focus groups, actions, communications). They are not counted in the team's "
                  "representation below.", st.body),
        data_table(["Name", "Who they are", "Position group or organisation", "School or site"], rows,
                   [2.0 * inch, 1.3 * inch, 2.3 * inch, 1.5 * inch]),
    ]


def _flag_text(flag: meeting_access.AccessFlag, shifts: dict, style) -> str:
    """"Lucia Fernandez (Food service, 5:30 AM\u20131:30 PM)": the group's usual hours in the
    district's time style (a weekend meeting names its day instead)."""
    if flag.own_hours:  # already in the district's style (flag_meetings was given it)
        return flag.short()
    group = shifts.get(flag.group_name)
    hours = flag.hours
    if group is not None and group.shift_start is not None and group.shift_end is not None \
            and flag.hours == group.shift_text():
        hours = style.times(group.shift_start, group.shift_end).replace(" ", "\u00a0")
    return f"{', '.join(flag.member_names)} ({flag.group_name}, {hours})"


def _representation(rep: team_representation.TeamRepresentation, st) -> list[Flowable]:
    """How the team mirrors the staff: a table once there are both a team and headcounts to compare;
    until then, what to do so there is something to compare."""
    heading = Paragraph("How the team mirrors the staff", st.h1)
    intro = Paragraph(
        "A planning team should reflect the positions, tenure and backgrounds of the district's "
        "staff (Take Action toolkit, step 1).", st.body)
    staffed = [g for g in rep.groups if g.headcount > 0]
    if rep.team_size == 0:
        if staffed:
            wanted = "; ".join(f"{g.name} ({g.headcount:,} staff)" for g in staffed)
            todo = (f"Nothing to compare yet: no one is on the team. Invite someone from each position group with "
                    f"staff: {wanted}. Then this section compares the team with the staff.")
        else:
            todo = ("Nothing to compare yet: no one is on the team and no headcounts are entered. Enter each "
                    "position group's headcount on the Overview tab and add members on the Team tab; then this "
                    "section compares the team with the staff.")
        return [KeepTogether([heading, intro, nothing_yet(todo)])]
    section: list[Flowable] = [heading, Paragraph(
        intro.text + " A group with staff but no one on the team is shaded and marked \u201cNot on the team\u201d.",
        st.body)]
    for gap in team_representation.describe_gaps(rep):
        section.append(Paragraph(text(gap), st.note))
    if not staffed:
        section.append(nothing_yet(
            "No headcounts are entered, so the team can't be compared with the staff. Enter each position "
            "group's headcount on the Overview tab."))
    group_rows, highlight = [], []
    for i, g in enumerate(rep.groups):
        missing = g in rep.missing_groups
        if missing:
            highlight.append(i)
        group_rows.append([
            g.name, f"{g.headcount:,}" if staffed else "not entered", f"{g.staff_share:.0%}" if staffed else "-",
            str(g.team_count), f"{g.team_share:.0%}", "Not on the team" if missing else "",
        ])
    section.append(data_table(
        ["Position group", "Staff", "Share of staff", "On team", "Share of team", ""],
        group_rows, [2.5 * inch, 0.75 * inch, 1.0 * inch, 0.75 * inch, 1.0 * inch, 1.1 * inch],
        highlight_rows=highlight,
    ))
    # The section reads as one piece, so keep it on one page rather than split a short table.
    return [KeepTogether(section)]
