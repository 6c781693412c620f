"""The printed action plan, the one-page progress update and the Gantt chart, read back as a
superintendent, a newsletter reader and a team at the wall would read them (issue 18): every
action traced to where it came from, nothing celebrated before it happened, counts that agree
with the plan's, names never cut short on the tiles, every tile at one scale, late work and
milestones readable in black and white, and empty plans that say what to do."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from services.action_plan import action_schedule, gantt_layout, objectives
from services.priorities import candidate_actions
from services.reports.gantt_report import WINDOW_DAYS, build_gantt_pdf
from services.reports.plan_report import as_of, build_plan_pdf, build_progress_update_pdf
from services.sample import sample_action_plan
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

D = dt.date
TODAY = D(2026, 12, 1)  # the sample's "now": some work done, some late, celebrations still ahead
LONG_TITLE = ("Work out with the bus drivers' union, the kitchen managers and the night custodians' shift leads "
              "how a fifteen-minute break fits every split shift")
OLD_DATE = re.compile(r"\b\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b")


def _pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.fixture
def gantt(sample_plan, tmp_path):
    """The sample's Gantt chart with one action whose name needs three lines on a tile."""
    with sample_plan.transaction() as s:
        first = objectives.list_objectives(s)[0]
        action_schedule.add_action(s, LONG_TITLE, objective_id=first.id, start=D(2026, 12, 7), end=D(2027, 2, 26))
        out = build_gantt_pdf(s, tmp_path / "gantt.pdf", today=TODAY)
        actions = action_schedule.list_actions(s)
        chart = gantt_layout.build_chart(s, TODAY)
    return out, actions, chart


def test_each_action_s_full_name_is_on_every_tile_of_its_rows(gantt):
    out, actions, chart = gantt
    tiles = _pages(out)[1:]
    windows = -(-chart.days // WINDOW_DAYS)
    for a in actions:
        with_name = [t for t in tiles if a.title in t]
        assert len(with_name) == windows, (a.title, len(with_name))
    assert not any("\u2026" in t for t in tiles)  # nothing cut short with an ellipsis


def test_each_name_is_wrapped_once_for_all_the_tiles_it_is_on(sample_plan, tmp_path, monkeypatch):
    """Counted, not timed (bench/gantt.py times it): the tiles of a block of rows share the rows'
    wrapped names, which at 1,000 actions were wrapped again for each of a dozen tiles."""
    from services.reports import gantt_report

    made = []

    class Counted(gantt_report.RowText):
        def __init__(self, *args, **kwargs):
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(gantt_report, "RowText", Counted)
    with sample_plan.transaction() as s:
        out = build_gantt_pdf(s, tmp_path / "gantt.pdf", today=TODAY)
        chart = gantt_layout.build_chart(s, TODAY)
    assert len(PdfReader(str(out)).pages) > 2  # more than one tile shows each row
    assert len(made) == 2 * len(chart.rows)  # one line each on the overview; wrapped once for the tiles


def test_every_tile_is_drawn_at_the_same_scale(gantt):
    """The week numbers along the top are as far apart on the last, shorter tile as on the first."""
    out = gantt[0]
    reader = PdfReader(str(out))

    def week_spacing(page) -> float:
        xs = []

        def visit(text, cm, tm, font, size):
            if text.strip().isdigit() and 5 < size < 8:  # the small week numbers (day of the month)
                xs.append(cm[4] + tm[4] * cm[0])
        page.extract_text(visitor_text=visit)
        xs.sort()
        gaps = [b - a for a, b in zip(xs, xs[1:], strict=False) if b - a > 1]
        return min(gaps)

    first, last = week_spacing(reader.pages[1]), None
    titles = _pages(out)
    last_tile = next(n for n in range(len(titles) - 1, 0, -1) if "part " in titles[n] and "Jun" in titles[n]
                     and "rows 1" in titles[n])
    last = week_spacing(reader.pages[last_tile])
    assert last == pytest.approx(first, abs=0.5)


def test_the_overview_s_month_labels_do_not_overlap(gantt):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from services.reports.document import FONT_BOLD, styles

    styles()  # registers the fonts
    page = PdfReader(str(gantt[0])).pages[0]
    labels = []
    month = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?$")

    def visit(text, cm, tm, font, size):
        if month.match(text.strip()):
            labels.append((cm[4] + tm[4] * cm[0], stringWidth(text.strip(), FONT_BOLD, size)))
    page.extract_text(visitor_text=visit)
    labels.sort()
    assert len(labels) >= 9
    for (x, width), (next_x, _) in zip(labels, labels[1:], strict=False):
        assert x + width <= next_x, labels


def test_late_work_and_where_each_action_came_from_are_printed_in_words(gantt):
    out, actions, chart = gantt
    tiles = " ".join(_pages(out)[1:])
    late = [a for a in actions if a.late(TODAY)]
    assert late
    for a in late:
        assert f"{a.title} LATE \u2022 {a.owner_name}" in tiles, a.title
    assert "Translate wellness information into Spanish Lucia Fernandez \u2022 Survey finding" in tiles
    assert "Expect providers to spend a set share of time with students in need Tom Becker \u2022 " \
           "Focus-group proposal" in tiles
    assert "Ask drivers and cooks when a break could fit Lucia Fernandez \u2022 Added in the plan" in tiles
    # messages and celebrations are told apart in words too (and drawn as circle and star)
    assert "Families: Why the district is investing in staff wellbeing Message" in tiles
    assert "Celebrate: Thank the EAP provider for evening sessions Celebration" in tiles
    assert "Staff: What you told us in the Fall 2026 survey, and the three things we will do first Message " \
           "\u2022 sent" in tiles
    overview = _pages(out)[0]
    assert f"{chart.late_count()} late on Dec 1, 2026" in overview
    assert "hatched bar" in overview and "\u25c6 milestone" in overview and "\u2605 celebration" in overview


def test_the_plan_shows_each_objective_s_evidence_and_each_action_s_source(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        out = build_plan_pdf(s, tmp_path / "plan.pdf", today=TODAY)
    text = pdf_text(out)
    assert "Evidence: Staff survey Fall 2026, finding 1 \u2014 Fall 2026: Transportation mean 2.91" in text
    assert "Evidence: Priority: Create a quiet break space in every school" in text
    assert "Evidence: none linked yet, see Relevant below." in text  # the third objective
    assert "Translate wellness information into Spanish From: Survey finding: Staff survey Fall 2026, " \
           "finding 3: Food service, 'Belonging and respect'. Evidence: Fall 2026: Food service mean 3.19" in text
    assert "Ask providers before deciding anything about student wellbeing From: Focus-group initiative: " \
           "Focus group Mental health staff focus group" in text
    assert "Publish a 'you said, we did' update after each survey From: Entered by hand at the kick-off" in text
    assert "Ask drivers and cooks when a break could fit From: Added in the plan for this objective" in text
    assert "Nov 2 \u2013 Nov 20, 2026" in text
    # the one day-first date is inside a focus group's name, as the session was stored
    assert [m.group() for m in OLD_DATE.finditer(text)] == \
        [m.group() for m in re.finditer(r"(?<=staff focus group, )14 Oct 2026", text)]


def test_still_missing_names_an_empty_inclusive_or_equitable(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        build_plan_pdf(s, tmp_path / "before.pdf", today=TODAY)
        second, third = objectives.list_objectives(s)[1:3]
        # the checker is satisfied by the linked groups and people; the printed line is not
        assert all(f.ok for f in objectives.check_smartie(s, second) if f.part == "inclusive")
        assert all(f.ok for f in objectives.check_smartie(s, third) if f.part == "equitable")
        objectives.update_objective(s, second.id, inclusive="Two aides and a teacher choose the rooms.")
        objectives.update_objective(s, third.id, equitable="Custodial and night staff, who miss daytime offers.")
        build_plan_pdf(s, tmp_path / "after.pdf", today=TODAY)
    before, after = pdf_text(tmp_path / "before.pdf"), pdf_text(tmp_path / "after.pdf")
    assert before.count("Inclusive is empty") == 1 and before.count("Equitable is empty") == 1
    assert "Inclusive is empty" not in after and "Equitable is empty" not in after


def _update(plan, tmp_path, today: dt.date) -> str:
    with plan.transaction() as s:
        out = build_progress_update_pdf(s, tmp_path / f"update-{today}.pdf", today=today)
    assert len(PdfReader(str(out)).pages) == 1
    return pdf_text(out)


def test_the_progress_update_celebrates_nothing_after_its_date(sample_plan, tmp_path):
    celebrations = [(message, send_on) for _a, message, _c, send_on, _o, _d, celebration
                    in sample_action_plan.COMMUNICATIONS if celebration]
    assert all(send_on > TODAY for _m, send_on in celebrations)
    text = _update(sample_plan, tmp_path, TODAY)
    celebrated = text.split("What we celebrate")[1]
    assert "seven quiet rooms" not in text and "EAP provider" not in celebrated
    assert "Nothing celebrated yet" in celebrated
    # a measurement taken after the update's date is not reported either
    early = _update(sample_plan, tmp_path, D(2026, 11, 10))
    assert "4 schools on Nov 1, 2026" in early and "5 schools" not in early and "35%" not in early
    # once the day has come, the celebration is there (without a doubled "Celebrate:")
    later = _update(sample_plan, tmp_path, D(2027, 4, 1))
    assert "seven quiet rooms open before the break, thanks to the aides who set them up (Jan 12, 2027)" in later
    assert "Celebrate: seven" not in later


def test_the_progress_update_counts_as_the_plan_and_the_gantt_chart_count(sample_plan, tmp_path):
    text = _update(sample_plan, tmp_path, TODAY)
    found = re.search(r"Of the plan's (\d+) actions, (\d+) are done, (\d+) under way and (\d+) running late "
                      r"on Dec 1, 2026", text)
    assert found, text
    with sample_plan.transaction() as s:
        actions = [as_of(a, TODAY) for a in action_schedule.list_actions(s)]
        chart = gantt_layout.build_chart(s, TODAY)
    assert [int(n) for n in found.groups()] == [
        len(actions), sum(a.status == "done" for a in actions), sum(a.status == "in_progress" for a in actions),
        sum(a.late(TODAY) for a in actions)]
    assert int(found.group(1)) == sum(r.kind == gantt_layout.ACTION for r in chart.rows)
    assert int(found.group(4)) == chart.late_count()
    # each action says where it came from, in words for a newsletter
    assert "Translate wellness information into Spanish, Nov 2 \u2013 Dec 11, 2026 (from the staff survey)" in text
    assert "Ask drivers and cooks when a break could fit (toward Staff survey Fall 2026, finding 1)" in text
    # marked done in the plan, but its end (Dec 4) is still to come on Dec 1: under way, not done
    assert "Map route gaps with the transportation supervisor, Nov 9 \u2013 Dec 4, 2026" in text.split("What's next")[1]
    assert not OLD_DATE.search(text)


def test_on_the_samples_own_day_the_update_counts_as_the_plan_and_the_gantt_chart(sample_plan, tmp_path):
    text = _update(sample_plan, tmp_path, sample_action_plan.AT.date())
    found = re.search(r"Of the plan's (\d+) actions, (\d+) are done, (\d+) under way and (\d+) running late", text)
    assert found, text
    with sample_plan.transaction() as s:
        actions = action_schedule.list_actions(s)
        chart = gantt_layout.build_chart(s, sample_action_plan.AT.date())
    assert [int(n) for n in found.groups()] == [
        len(actions), sum(a.status == "done" for a in actions), sum(a.status == "in_progress" for a in actions),
        chart.late_count()]


def test_an_empty_plan_says_what_to_do_instead_of_printing_empty_headings(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        plan = pdf_text(build_plan_pdf(s, tmp_path / "plan.pdf", today=TODAY))
        update = pdf_text(build_progress_update_pdf(s, tmp_path / "update.pdf", today=TODAY))
        gantt = pdf_text(build_gantt_pdf(s, tmp_path / "gantt.pdf", today=TODAY))
    assert plan.count("Objectives") == plan.count("(Objectives)")  # named as the tab's page, not a heading
    assert "Actions by owner" not in plan and "Nothing planned yet" not in plan
    assert "The plan has no objectives or actions yet. To build it:" in plan
    assert "On the Priorities tab, approve the candidate actions" in plan
    for heading in ("What we heard", "What we did", "What's next", "What we celebrate"):
        assert heading not in update
    assert "Nothing to report yet" in update and "print this update again" in update
    assert "No actions are scheduled yet" in gantt


def test_a_plan_with_actions_but_no_objectives_says_to_write_one(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        candidate = candidate_actions.add_candidate_action(s, "Name a wellness contact in every school")
        action_schedule.add_action(s, "Name a wellness contact in every school", start=D(2026, 12, 1),
                                   end=D(2026, 12, 18))
        assert candidate.source_kind == "manual"
        plan = pdf_text(build_plan_pdf(s, tmp_path / "plan.pdf", today=TODAY))
    assert "No objectives yet: on the Action plan tab (Objectives), write a SMARTIE objective" in plan
    assert "Name a wellness contact in every school From: Added in the plan" in plan
