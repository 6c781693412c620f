"""Survey results by group against hand-computed numbers, and the small-group rule as a property:
for any group sizes, no withheld value can be worked out from what is shown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.data.survey_results import ALL, NO_ANSWER, ItemAnswers, csv_rows, disaggregate, favorable_from
from services.suppression import is_reportable, suppress_small_groups


def test_means_and_percent_favorable_by_hand():
    groups = ["Teacher"] * 5 + ["Bus driver"] * 5
    q1 = ItemAnswers("I feel valued", 5, [5, 4, 4, 3, 2, 2, 2, 1, 3, None])
    q2 = ItemAnswers("I can take breaks", 4, [4, 4, 3, 3, 3, 1, 1, 2, 2, 1])
    report = disaggregate(groups, [q1, q2], {"Working conditions": ["I feel valued", "I can take breaks"]}, 5)
    teachers = report.cell("Teacher", "I feel valued")
    assert (teachers.n, teachers.mean, teachers.pct_favorable) == (5, 3.6, 60.0)  # 5,4,4 of 5 favorable
    drivers = report.cell("Bus driver", "I feel valued")
    assert drivers.n == 4 and not drivers.shown  # only 4 answered: hidden, and so ...
    assert "worked out from the total" in report.cell("Teacher", "I feel valued").withheld  # ... teachers too
    everyone = report.cell(ALL, "I feel valued")
    assert (everyone.n, everyone.mean, everyone.pct_favorable) == (9, 2.8889, 33.3)
    # a 4-point scale: 3 and 4 are favorable
    assert report.cell("Teacher", "I can take breaks").pct_favorable == 100.0
    assert report.cell("Bus driver", "I can take breaks").pct_favorable == 0.0
    domain = report.cell("Teacher", "Working conditions")
    assert domain.n == 10 and domain.mean == round((18 + 17) / 10, 4) and domain.pct_favorable == 80.0


def test_small_groups_and_blank_answers_are_withheld_with_a_reason():
    groups = ["Teacher"] * 8 + ["Custodian"] * 2 + [None] * 6
    item = ItemAnswers("Q", 5, [4] * 16)
    report = disaggregate(groups, [item], {}, 5)
    assert report.groups == (ALL, "Custodian", "Teacher", NO_ANSWER)
    assert report.cell("Custodian", "Q").withheld == "group of fewer than 5 respondents"
    # one group hidden: the next smallest (No answer, 6) is hidden too
    assert "worked out from the total" in report.cell(NO_ANSWER, "Q").withheld
    assert report.cell("Teacher", "Q").shown and report.cell(ALL, "Q").shown
    rows = {(g, m): rest for g, m, *rest in csv_rows(report)}
    assert rows[("Custodian", "Q")] == ["", "", "", "true"]
    assert rows[("Teacher", "Q")] == ["8", "4.0000", "100.0", "false"]


def test_everything_is_withheld_below_the_minimum_overall():
    report = disaggregate(["A", "A", "B"], [ItemAnswers("Q", 5, [5, 4, 1])], {}, 5)
    assert not report.cell(ALL, "Q").shown and not report.cell("A", "Q").shown


def test_favorable_is_the_top_two_points_or_the_top_one_on_three_points_or_fewer():
    assert [favorable_from(points) for points in (5, 7, 4, 3, 2)] == [4, 6, 3, 3, 2]  # yes/no: "yes" only


def test_a_yes_no_measure_counts_only_yes_as_favorable():
    groups = ["Teacher"] * 6
    yes_no = ItemAnswers("I know who to call", 2, [2, 2, 1, 1, 1, None])  # 2 of 5 answered yes
    report = disaggregate(groups, [yes_no], {}, 5)
    assert report.cell("Teacher", "I know who to call").pct_favorable == 40.0
    assert report.cell(ALL, "I know who to call").pct_favorable == 40.0


group_names = st.sampled_from(["A", "B", "C", "D", "E", None])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(group_names, st.one_of(st.none(), st.integers(1, 5))), min_size=1, max_size=60),
       st.integers(3, 8))
def test_no_withheld_value_can_be_worked_out_from_what_is_shown(people, min_size):
    groups = [g for g, _ in people]
    report = disaggregate(groups, [ItemAnswers("Q", 5, [v for _, v in people])], {}, min_size)
    total = report.cell(ALL, "Q")
    hidden_with_answers = [g for g in report.groups[1:] if not report.cell(g, "Q").shown and report.cell(g, "Q").n]
    for g in report.groups:
        cell = report.cell(g, "Q")
        if cell.shown and g != ALL and cell.n:
            assert cell.respondents >= min_size and report.respondents[g] >= min_size
    # the one rule decides: group sizes by suppress_small_groups, and each measure's cells by it too,
    # with the groups too small overall kept withheld
    sizes = {g: report.respondents[g] for g in report.groups[1:]}
    assert report.hidden_counts == suppress_small_groups(sizes, min_size)
    if total.shown:
        answered = {g: report.cell(g, "Q").respondents for g in report.groups[1:]}
        small = {g for g, n in sizes.items() if not is_reportable(n, min_size)}
        assert set(hidden_with_answers) == suppress_small_groups(answered, min_size, base=small)
    if report.respondents[ALL] >= min_size:  # group sizes, likewise (below it, nothing is shown at all)
        assert len([g for g in report.hidden_counts if report.respondents[g]]) != 1
    for g in report.hidden_counts:
        assert report.count_text(g) == ""
    if total.shown:
        # With the total shown, a single hidden group would be the total minus the others.
        assert len(hidden_with_answers) != 1
    else:
        assert all(not report.cell(g, "Q").shown for g in report.groups[1:] if report.cell(g, "Q").n)
