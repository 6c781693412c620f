"""The shared document template: paper size, header, footer, and text as typed."""

from __future__ import annotations

import pytest

from services import district_profile
from services.reports.registry import EXPORT_KINDS, export
from services.team import team_roster
from tests.pdf_text import page_size_points, pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def test_paper_size_follows_the_district_profile(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        export(s, "team", tmp_path / "letter.pdf")
        district_profile.update_profile(s, paper_size="a4")
    with sample_plan.transaction() as s:
        export(s, "team", tmp_path / "a4.pdf")
    assert page_size_points(tmp_path / "letter.pdf") == (612, 792)
    width, height = page_size_points(tmp_path / "a4.pdf")
    assert round(width) == 595 and round(height) == 842


def test_names_print_exactly_as_typed(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        team_roster.add_member(s, "Nguyễn Thị Hòa", team_role="lead")
        team_roster.add_member(s, "Seán O'Brien <Facilities & Grounds>")
        export(s, "team", tmp_path / "team.pdf")
    text = pdf_text(tmp_path / "team.pdf")
    assert "Nguyễn Thị Hòa" in text
    assert "Seán O'Brien <Facilities & Grounds>" in text
    assert "Test District" in text


def test_an_empty_plan_still_prints_a_useful_page(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        export(s, "team", tmp_path / "team.pdf")
    text = pdf_text(tmp_path / "team.pdf")
    assert "No lead point of contact has been named yet." in text
    assert "No one is on the planning team yet." in text
    assert "No meetings are scheduled yet." in text


def test_every_export_kind_builds(sample_plan, tmp_path):
    signatures = {".pdf": b"%PDF", ".ics": b"BEGIN:VCALENDAR", ".xlsx": b"PK\x03\x04"}
    csv_headers = {"actions": b"Objective", "survey-report-csv": b"group,measure,n,mean"}
    from services.district_profile import list_schools

    for key, kind in EXPORT_KINDS.items():
        for suffix in kind.suffixes:
            with sample_plan.transaction() as s:
                # a school's packet of the first wave: audited in seconds, the latest wave's in a minute
                options = {"school": list_schools(s)[0].name, "wave": "Fall 2025"} if "school" in kind.required else {}
                out = export(s, key, tmp_path / f"{key}{suffix}", **options)
            expected = csv_headers[key] if suffix == ".csv" else signatures[suffix]
            assert out.read_bytes().lstrip(b"\xef\xbb\xbf").startswith(expected), (key, suffix)


def test_empty_plan_action_plan_exports_say_so(empty_plan, tmp_path):
    import pytest

    from services.errors import InvalidInput

    with empty_plan.transaction() as s:
        for key in ("gantt", "plan", "progress-update", "actions"):
            export(s, key, tmp_path / f"{key}{EXPORT_KINDS[key].suffixes[0]}")
        with pytest.raises(InvalidInput, match="no dates to put in a calendar yet"):  # not a calendar of nothing
            export(s, "calendar", tmp_path / "calendar.ics")
    assert not (tmp_path / "calendar.ics").exists()
    assert "No actions are scheduled yet" in pdf_text(tmp_path / "gantt.pdf")
    assert "no objectives or actions yet" in pdf_text(tmp_path / "plan.pdf")


def test_cancelling_a_build_leaves_no_file(sample_plan, tmp_path):
    import pytest

    from services.reports.document import Cancelled

    folder = tmp_path / "out"
    folder.mkdir()
    with sample_plan.transaction() as s, pytest.raises(Cancelled):
        export(s, "team", folder / "team.pdf", cancel=lambda: True)
    assert list(folder.iterdir()) == []


def test_worksheet_pieces_print_checkboxes_and_write_in_lines(tmp_path):
    from reportlab.platypus import Paragraph

    from services.reports.document import Checkbox, DocumentInfo, WriteInLines, build_pdf, data_table, styles

    st = styles()
    story = [
        Paragraph("Which of these does the district already do?", st.h1),
        data_table(["", "Action"], [[Checkbox(), "Offer flexible scheduling"], [Checkbox(checked=True), "Pay for supervision hours"]],
                   [30, 400]),
        Paragraph("Notes", st.h2),
        WriteInLines(4),
    ]
    out = build_pdf(tmp_path / "sheet.pdf", DocumentInfo("Worksheet", "Test District", paper="a4",
                                                         footer_note="Results for groups under 5 are not shown."), story)
    text = pdf_text(out)
    assert "Offer flexible scheduling" in text and "Pay for supervision hours" in text
    assert "Results for groups under 5 are not shown." in text
    assert "Page 1 of 1" in text
