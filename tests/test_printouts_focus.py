"""The focus-group printouts read back as a facilitator would (issue 18): no `{placeholder}` on any
page, the invitation letter filled with what the plan knows and a ruled blank to write on for the
rest, the district's date style, the letter on one page, disagreement marked without colour, and
empty sections that say what to do."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from services import district_profile
from services.errors import InvalidInput
from services.focus_groups import focus_sessions, focus_templates
from services.reports import focus_summary, focus_worksheets
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

TEMPLATES = [t.key for t, _ in focus_templates.built_in_templates()]
BUILDERS = {"guide": focus_worksheets.build_focus_guide_pdf, "packet": focus_worksheets.build_focus_packet_pdf}
BLANK = r"_{10,}"  # a write-in line in a sentence


def _pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(str(path)).pages]


def _invitation(text: str) -> str:
    """The letter: from its Subject line to the agenda that follows it in the guide."""
    start = text.index("Subject:")
    return text[start:text.index("Agenda", start)]


@pytest.mark.parametrize("kind", ["guide", "packet"])
@pytest.mark.parametrize("key", TEMPLATES)
def test_no_placeholder_on_a_blank_printout_from_the_sample_or_an_empty_plan(sample_plan, empty_plan, tmp_path,
                                                                             kind, key):
    for name, plan in (("sample", sample_plan), ("empty", empty_plan)):
        out = tmp_path / f"{name}-{kind}-{key}.pdf"
        with plan.transaction() as s:
            BUILDERS[kind](s, out, template=key)
        text = pdf_text(out)
        assert "{" not in text and "}" not in text, (name, text[text.find("{") - 80:text.find("{") + 80])


def test_no_placeholder_in_the_sample_sessions_printouts(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        sessions = focus_sessions.list_sessions(s)
        assert sessions
        for record in sessions:
            for kind, build in BUILDERS.items():
                build(s, tmp_path / f"{kind}-{record.id}.pdf", session=str(record.id))
            focus_summary.build_focus_summary_pdf(s, tmp_path / f"summary-{record.id}.pdf", session=str(record.id))
    for pdf in tmp_path.glob("*.pdf"):
        text = pdf_text(pdf)
        assert "{" not in text and "}" not in text, pdf.name


@pytest.mark.parametrize("key", TEMPLATES)
def test_a_blank_guide_names_the_district_and_leaves_lines_for_the_rest(empty_plan, tmp_path, key):
    template = focus_templates.get_template(key)[0]
    out = tmp_path / "guide.pdf"
    with empty_plan.transaction() as s:
        focus_worksheets.build_focus_guide_pdf(s, out, template=key)
    text = pdf_text(out)
    letter = _invitation(text)
    assert "Test District" in letter  # the district's name from the profile
    assert focus_sessions._duration_text(template.booked_minutes) in letter  # the template's length
    assert re.search(rf"on {BLANK} at {BLANK}\.", letter)  # date and place: lines to write on
    assert re.search(rf"{BLANK} $", letter)  # the signature
    assert "[" not in letter  # not the e-mail's "[date]"
    # The cover: the date, place and facilitator are drawn lines, not words.
    cover = _pages(out)[0]
    assert re.search(r"Date: Place: Facilitator:", cover)


def test_a_sessions_guide_fills_what_the_session_knows_and_blanks_the_rest(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        record = focus_sessions.create_session(s, "listening-session", "Spring listening", place="Library")
        focus_worksheets.build_focus_guide_pdf(s, tmp_path / "part.pdf", session=str(record.id))
        focus_sessions.update_session(s, record.id, first_date=dt.date(2027, 3, 3), start_time=dt.time(15, 30),
                                      facilitator="Ana Lopez")
        focus_worksheets.build_focus_guide_pdf(s, tmp_path / "full.pdf", session=str(record.id))
        mail = focus_sessions.invitation(s, record.id)
    part = _invitation(pdf_text(tmp_path / "part.pdf"))
    assert re.search(rf"on {BLANK} at Library\.", part) and re.search(rf"{BLANK} $", part)
    assert "90-minute" in part and "Test District" in part
    full = _invitation(pdf_text(tmp_path / "full.pdf"))
    # A US district's date and 12-hour times, from the start for the time booked.
    assert "on Wednesday, March 3, 2027, 3:30 PM\u20135:00 PM at Library." in full
    assert full.rstrip().endswith("Ana Lopez") and "__" not in full
    cover = _pages(tmp_path / "full.pdf")[0]
    assert "Date: Wednesday, March 3, 2027, 3:30 PM\u20135:00 PM Place: Library Facilitator: Ana Lopez" in cover
    assert "{" not in mail.body and "Library" in mail.body


def test_an_email_invitation_marks_what_is_still_to_be_typed(empty_plan):
    with empty_plan.transaction() as s:
        record = focus_sessions.create_session(s, "retain-mh-staff")
        body = focus_sessions.invitation(s, record.id).body
    assert "[date]" in body and "[place]" in body and body.rstrip().endswith("[your name]")
    assert "{" not in body and "Test District" in body and "two-hour" in body


def test_an_a4_district_reads_day_first_and_24_hour_times(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        district_profile.update_profile(s, paper_size="a4")
        focus_worksheets.build_focus_guide_pdf(s, tmp_path / "guide.pdf", session="2026-10-14")
        focus_summary.build_focus_summary_pdf(s, tmp_path / "summary.pdf")
        mail = focus_sessions.invitation(s, focus_sessions.find_session(s, "2026-10-14").id)
    assert "Wednesday, 14 October 2026, 13:00\u201315:00" in mail.body
    assert "on Wednesday, 14 October 2026, 13:00\u201315:00 at District Office" in pdf_text(tmp_path / "guide.pdf")
    assert "Wednesday, 14 October 2026, 13:00\u201315:00" in _pages(tmp_path / "summary.pdf")[0]


@pytest.mark.parametrize("session", [None, "2026-10-14"])
def test_the_invitation_letter_is_on_one_page(sample_plan, tmp_path, session):
    out = tmp_path / "guide.pdf"
    with sample_plan.transaction() as s:
        focus_worksheets.build_focus_guide_pdf(s, out, session=session)
    pages = [p for p in _pages(out) if "Subject:" in p]
    assert len(pages) == 1 and "Dear colleagues" in pages[0] and "I look forward to working with you" in pages[0]


def test_a_worksheet_starts_with_its_heading_and_keeps_its_rows_together(sample_plan, tmp_path):
    """No heading ends a page, and the aspiration worksheet's three rows are on one page (a lone
    row carried over to the next page would be filled in apart from its question)."""
    out = tmp_path / "packet.pdf"
    with sample_plan.transaction() as s:
        focus_worksheets.build_focus_packet_pdf(s, out)
    template = focus_templates.get_template(focus_worksheets.DEFAULT_TEMPLATE)[0]
    pages = _pages(out)
    aspiration = [p for p in pages if "Where do we want to be?" in p]
    assert len(aspiration) == 1
    assert all(a.want_prompt in aspiration[0] for a in template.attributes)
    for n, attribute in enumerate(template.attributes, 1):
        page = next(p for p in pages if f"{n}/{len(template.attributes)}: {attribute.title}" in p)
        assert "Example initiative" in page  # the worksheet's table starts under its heading


def test_the_summary_marks_disagreement_in_print_not_only_in_colour(sample_plan, tmp_path):
    out = tmp_path / "summary.pdf"
    with sample_plan.transaction() as s:
        focus_summary.build_focus_summary_pdf(s, out)
    text = pdf_text(out)
    assert f"{focus_summary.DISAGREE_MARK} Subgroups disagree: impact rated 1 to 3" in text
    assert "5 \u25b2" in text  # beside the row's number too
    assert "orange" not in text.replace("(orange in colour)", "")  # no mark named only by its colour
    assert "Wednesday, October 14, 2026, 1:00 PM\u20133:00 PM" in text


def test_a_summary_without_results_says_what_to_do(empty_plan, tmp_path):
    out = tmp_path / "summary.pdf"
    with empty_plan.transaction() as s:
        with pytest.raises(InvalidInput, match="plan one on the Focus groups tab"):
            focus_summary.build_focus_summary_pdf(s, out)
        focus_sessions.create_session(s, "retain-mh-staff", "Autumn session")
        focus_summary.build_focus_summary_pdf(s, out)
    text = pdf_text(out)
    assert "Date not recorded" in text and "{" not in text
    for page in ("Plan and invite page", "Aspirations page", "Example actions page", "Impact and ease page",
                 "Proposals page"):
        assert page in text


def test_a_worksheet_table_never_leaves_one_row_alone_on_a_page():
    rows = [["Header"]] + [[f"Row {n}"] for n in range(1, 7)]
    table = focus_worksheets._grid(rows, [200])
    _, height = table.wrap(200, 1000)
    row = height / len(rows)
    assert table.split(200, row * 2.5) == []  # header and one row: the table moves on whole
    first, rest = table.split(200, row * 6.5)  # all but the last: two rows go over, not one
    assert len(first._cellvalues) == 1 + 4 and len(rest._cellvalues) == 1 + 2  # the header repeats
    assert rest.split(200, row * 2.5) == []  # nor are they split again in the room the carried row left


@pytest.mark.parametrize("key", TEMPLATES)
def test_a_table_header_is_printed_once_a_page(empty_plan, tmp_path, key):
    """A table split over two pages repeats its header on the second, never twice on one page."""
    with empty_plan.transaction() as s:
        for kind, build in BUILDERS.items():
            build(s, tmp_path / f"{kind}.pdf", template=key)
    headers = ["Action marked \u201cexplore further\u201d", "Initiative idea",  # one table each
               "Where do we want to be?", "Name of attendee(s)"]
    for kind in BUILDERS:
        for n, page in enumerate(_pages(tmp_path / f"{kind}.pdf"), 1):
            for header in headers:
                assert page.count(header) <= 1, (kind, n, header)
