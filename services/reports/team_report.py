"""The Team PDF: lead, roster, how the team mirrors the staff, and the meeting schedule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.reports.document import DocumentInfo, build_pdf, data_table, styles, text
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
    groups = {g.id: g.name for g in district_profile.list_position_groups(session)}
    schools = {s.id: s.name for s in district_profile.list_schools(session)}
    team = sorted(team_roster.list_team(session), key=lambda p: (not p.is_lead, p.name.lower()))
    rep = team_representation.assess_representation(session)
    schedule = meetings.list_meetings(session)
    flags = meeting_access.flag_meetings(session)
    people = {p.id: p.name for p in team_roster.list_people(session)}
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
        story.append(Paragraph("No lead point of contact has been named yet.", st.note))

    story.append(Paragraph(f"Team roster ({len(team)} member{'s' if len(team) != 1 else ''})", st.h1))
    if team:
        rows = []
        for p in team:
            name = Paragraph(
                f"<b>{text(p.name)}</b>" + (f"<br/><font size=8 color='#52606D'>{text(p.contact)}</font>" if p.contact else ""),
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
            rows, [1.95 * inch, 0.7 * inch, 1.3 * inch, 1.3 * inch, 0.75 * inch, 1.1 * inch],
        ))
    else:
        story.append(Paragraph("No one is on the planning team yet.", st.body))

    # The section reads as one piece, so keep it on one page rather than split a short table.
    section = [
        Paragraph("How the team mirrors the staff", st.h1),
        Paragraph(
            "A planning team should reflect the positions, tenure and backgrounds of the district's "
            "staff (Take Action toolkit, step 1). Groups with staff but no one on the team are highlighted.",
            st.body,
        ),
    ]
    for gap in team_representation.describe_gaps(rep):
        section.append(Paragraph(text(gap), st.note))
    group_rows, highlight = [], []
    for i, g in enumerate(rep.groups):
        missing = g in rep.missing_groups
        if missing:
            highlight.append(i)
        group_rows.append([
            g.name, f"{g.headcount:,}", f"{g.staff_share:.0%}", str(g.team_count),
            f"{g.team_share:.0%}", "Not on the team" if missing else "",
        ])
    section.append(data_table(
        ["Position group", "Staff", "Share of staff", "On team", "Share of team", ""],
        group_rows, [2.5 * inch, 0.75 * inch, 1.0 * inch, 0.75 * inch, 1.0 * inch, 1.1 * inch],
        highlight_rows=highlight,
    ))
    story.append(KeepTogether(section))
    if progress:
        progress(2, 3)

    story.append(Paragraph("Meeting schedule", st.h1))
    if schedule:
        rows, highlight = [], []
        for i, m in enumerate(schedule):
            invited = "Whole team" if not m.attendee_ids else ", ".join(people.get(pid, "?") for pid in m.attendee_ids)
            problems = flags.get(m.id, [])
            if problems:
                highlight.append(i)
            rows.append([
                f"{m.meeting_date:%a %b} {m.meeting_date.day}, {m.meeting_date.year}",
                f"{m.start_time:%H:%M}\u2013{m.end_time:%H:%M}",
                m.place or "-",
                m.purpose or "-",
                invited,
                ("Outside usual hours: " + "; ".join(f.short() for f in problems)) if problems
                else "Suits everyone invited",
            ])
        story.append(data_table(
            ["Date", "Time", "Place", "Purpose", "Invited", "Can everyone come?"],
            rows, [1.0 * inch, 0.95 * inch, 1.3 * inch, 1.55 * inch, 0.75 * inch, 1.55 * inch],
            highlight_rows=highlight,
        ))
        story.append(Spacer(1, 6))
        story.append(Paragraph(
            "Meeting times should suit every member, including part-time staff and those who work "
            "outside typical hours. Usual hours per position group are set in the district profile.",
            st.small,
        ))
    else:
        story.append(Paragraph("No meetings are scheduled yet.", st.body))

    info = DocumentInfo(title=TITLE, district=profile.display_name, paper=profile.paper_size)
    path = build_pdf(out_path, info, story, cancel=cancel)
    if progress:
        progress(3, 3)
    return path
