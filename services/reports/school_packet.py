"""One school's packet for its team (seed 003: help school teams use data and report progress): a
cover with the school and the school year, then (1) the staff survey results of the school's
respondents, (2) the plan's actions at the school and the district-wide ones, and (3) the progress
update for the school.

The survey part is a release like any survey printout: audited as one row of the school-by-group
cross-tab against everything the plan released before (the district's reports, other schools'
packets), and recorded in the ledger with the file. When the school's results can't be shown at
all (the survey didn't ask which school, or fewer than the minimum answered there), its section
says so in a sentence and the rest of the packet is printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.data.survey_report import find_wave
from services.date_style import style_for
from services.errors import InvalidInput
from services.reports.document import Cancelled, DocumentInfo, build_pdf, frame_width, nothing_yet, styles, text
from services.reports.plan_report import plan_story, progress_story
from services.reports.school_choice import school_named
from services.reports.survey_summary import SchoolResultsWithheld, survey_story
from services.suppression import suppression_note

SECTIONS = ("Staff survey results", "The plan at this school", "Progress update")
# Portrait pages hold fewer groups side by side than the landscape survey summary.
GROUPS_PER_PORTRAIT_BLOCK = 7


def build_school_packet_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                            cancel: Callable[[], bool] | None = None, releases: list | None = None,
                            school: str | None = None, wave: str | None = None, by: str | None = None,
                            today: dt.date | None = None) -> Path:
    """The packet of ``school`` (one of the district's schools, any case): survey results of
    ``wave`` (default: the latest) by ``by`` (default: the first attribute other than school)."""
    if not school:
        raise InvalidInput("Name the school the packet is for (--school NAME).")
    record = school_named(db, school)
    profile = district_profile.get_profile(db)
    style = style_for(profile)
    st = styles()
    width = frame_width(profile.paper_size)
    total = 4

    def step(n: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, total)

    step(0)
    story: list[Flowable] = _cover(record.name, profile, st)

    story.append(PageBreak())
    heading = f"1. {SECTIONS[0]}"
    try:
        if wave is None:
            find_wave(db)  # no survey at all is said in the section; a wave named wrong is refused
        part = survey_story(db, wave=wave, by=by, school=record.name, releases=releases, width=width,
                            per_block=GROUPS_PER_PORTRAIT_BLOCK, kind=f"school packet for {record.name}: survey "
                            "results", heading=heading)
        story += part.story
        min_size = part.min_size
    except SchoolResultsWithheld as exc:
        story += [Paragraph(text(heading), st.title), nothing_yet(str(exc))]
        min_size = profile.min_group_size
    except InvalidInput as exc:
        if wave is not None or by is not None:
            raise
        story += [Paragraph(text(heading), st.title), nothing_yet(str(exc))]
        min_size = profile.min_group_size
    step(1)

    story += [PageBreak(), Paragraph(text(f"2. The plan at {record.name}"), st.title),
              Paragraph(text(f"{profile.display_name} \u2022 {profile.school_year}"), st.subtitle)]
    story += plan_story(db, st, style, school_id=record.id, today=today, cancel=cancel)
    step(2)

    story += [PageBreak(), Paragraph(text(f"3. {SECTIONS[2]}"), st.title),
              Paragraph(text(f"{record.name} \u2022 {style.date(today or dt.date.today())}"), st.subtitle)]
    story += progress_story(db, st, style, school_id=record.id, today=today)
    step(3)

    info = DocumentInfo(title=f"School packet: {record.name}", district=profile.display_name,
                        paper=profile.paper_size, footer_note=suppression_note(min_size))
    path = build_pdf(out_path, info, story, cancel=cancel)
    step(4)
    return path


def _cover(name: str, profile, st) -> list[Flowable]:
    contents = [Paragraph(text(f"{n}. {title if n != 2 else f'The plan at {name}'}"), st.body)
                for n, title in enumerate(SECTIONS, 1)]
    return [Spacer(1, 120),
            Paragraph(text(name), st.title),
            Paragraph(text(f"School packet \u2022 {profile.school_year}"), st.subtitle),
            Paragraph(text(f"Employee wellness at {name}, from the plan of {profile.display_name}: what the school's "
                           "staff said in the survey, what the plan does at the school and across the district, and "
                           "how it is going."), st.body),
            Spacer(1, 12),
            Paragraph("In this packet", st.h2),
            *contents,
            Spacer(1, 12),
            Paragraph(text("The survey results hold only what can be shown without identifying anyone: "
                           f"{suppression_note(profile.min_group_size)} They are checked against every result the "
                           "plan has released before, so nothing withheld here can be worked out from this packet "
                           "with the district's reports or other schools' packets."), st.note)]
