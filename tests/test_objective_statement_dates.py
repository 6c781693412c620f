"""An objective's statement and Time-bound answer follow its target date: the old date, written as
WellPlan writes dates (or as people copy them from it), is reworded when the date moves, in the
window's one undo step and in next year's carried-over objectives; words that name no date, or
another one, stay as they were written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import Objective
from services.action_plan import objectives
from services.action_plan.statement_dates import move_target_date, redate, reword_date
from services.plan.plan_file import open_plan
from services.year.next_year import start_next_year

D = dt.date
OLD, NEW = D(2027, 6, 4), D(2028, 5, 31)


@pytest.mark.parametrize(("text", "expected"), [
    ("By June 2027, 70% of drivers can take their breaks.", "By May 2028, 70% of drivers can take their breaks."),
    ("by Jun 2027", "by May 2028"),
    ("by Jun. 2027", "by May 2028"),  # no "May."
    ("JUNE 2027", "MAY 2028"),
    ("By Jun 4, 2027 (Friday, June 4, 2027)", "By May 31, 2028 (Wednesday, May 31, 2028)"),
    ("All rooms open by 4 June 2027", "All rooms open by 31 May 2028"),
    ("by the 4th of June 2027", "by the 31st of May 2028"),
    ("due 06/04/2027, or 04/06/2027 on a British computer, 2027-06-04", "due 05/31/2028, or 31/05/2028 on a "
                                                                        "British computer, 2028-05-31"),
    ("June 2027, with pulse checks in January and April 2027.", "May 2028, with pulse checks in January and "
                                                                 "April 2027."),
])
def test_the_old_date_is_reworded_in_the_form_it_was_written(text, expected):
    assert reword_date(text, OLD, NEW) == expected


@pytest.mark.parametrize("text", [
    "Double the use of the EAP this school year.",  # no date at all
    "By June 2026, as last year",  # another year
    "By June 15, 2027",  # another day of the month
    "By 15 June 2027",
    "staff may 2027",  # not June
    "By 2027",  # a year alone could be anything
    "Code 12006/04/2027",
])
def test_words_that_do_not_name_the_old_date_are_left_alone(text):
    assert reword_date(text, OLD, NEW) is None


def test_may_is_the_month_when_it_is_written_as_one():
    may = D(2027, 5, 31)
    assert reword_date("By May 2027, staff may 2027 ...", may, NEW) == "By May 2028, staff may 2027 ..."
    assert reword_date("BY MAY 2027", may, D(2028, 6, 1)) == "BY JUNE 2028"


def test_no_old_date_no_new_date_or_no_text_rewords_nothing():
    assert reword_date("By June 2027", None, NEW) is None
    assert reword_date("By June 2027", OLD, None) is None  # a cleared date leaves the words
    assert reword_date("By June 2027", OLD, OLD) is None
    assert reword_date(42, OLD, NEW) is None  # what another program stored
    assert redate("By June 2027", "", OLD, NEW).said == "its statement"
    assert redate("By June 2027", "June 2027", OLD, NEW).said == "its statement and Time-bound answer"
    assert redate("Lower stress", "", OLD, NEW).said == ""


def test_moving_the_target_date_rewords_the_statement_and_time_bound(empty_plan):
    with empty_plan.transaction() as s:
        o = objectives.add_objective(s, "By June 2027, 70% of drivers can take their breaks.", target_date=OLD,
                                     time_bound="June 2027, with pulse checks in January.")
        other = objectives.add_objective(s, "Double the use of the EAP.", target_date=OLD, time_bound="")
    with empty_plan.transaction() as s:
        said = move_target_date(s, o.id, NEW).said
        assert move_target_date(s, other.id, NEW).said == ""
    assert said == "its statement and Time-bound answer"
    with empty_plan.transaction() as s:
        moved, left = objectives.get_objective(s, o.id), objectives.get_objective(s, other.id)
    assert (moved.target_date, moved.statement, moved.parts["time_bound"]) == \
        (NEW, "By May 2028, 70% of drivers can take their breaks.", "May 2028, with pulse checks in January.")
    assert (left.target_date, left.statement) == (NEW, "Double the use of the EAP.")


def test_next_years_carried_objectives_name_their_new_target_date(tmp_path, sample_file):
    """The sample's 'By June 2027' (target Jun 4, 2027) and 'By March 2027' (rooms 'open by 1 March
    2027') come over a year on; the objective without a date keeps its words."""
    summary = start_next_year(sample_file, tmp_path / "next.wellplan")
    plan = open_plan(summary.out)
    try:
        with plan.transaction() as s:
            carried = {o.id: (o.statement, o.time_bound, o.target_date) for o in s.scalars(select(Objective))}
    finally:
        plan.close()
    statements = {statement: (time_bound, day) for statement, time_bound, day in carried.values()}
    breaks = next(k for k in statements if "breaks" in k)
    rooms = next(k for k in statements if "quiet room" in k)
    assert breaks.startswith("By June 2028, ") and statements[breaks] == (
        "June 2028, with pulse checks in January and April.", D(2028, 6, 4))
    assert rooms.startswith("By March 2028, ") and statements[rooms] == ("All rooms open by 1 March 2028.",
                                                                         D(2028, 3, 1))
    assert any(k.startswith("Double the use of the employee assistance program") for k in statements)
    assert "By June 2028, 50% of food service staff agree they belong and are respected at work, up from 38%." \
        in statements
    assert not any("2027" in k for k in statements)
    assert summary.statements_redated == 3
    assert "(the latest measurement is the new baseline; 3 statements name the target date a year on)" in \
        summary.lines()[1]
