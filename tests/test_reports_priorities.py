"""The Priorities PDFs on plans unlike the sample: empty, crowded, A4, awkward titles."""

from __future__ import annotations

from services import district_profile
from services.priorities import candidate_actions, priority_ratings
from services.reports.registry import export
from tests.pdf_text import page_size_points, pdf_text


def test_empty_plan_prints_both_documents_with_plain_words(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        export(s, "matrix", tmp_path / "m.pdf")
        export(s, "voting-sheet", tmp_path / "v.pdf")
    matrix, voting = pdf_text(tmp_path / "m.pdf"), pdf_text(tmp_path / "v.pdf")
    # Issue 18: an empty plan's printouts say what to do, not that everything has been decided
    assert "No candidate actions yet. Add them on the Priorities tab (Add action)" in matrix
    assert "Ranked list" not in matrix and "Decisions" not in matrix  # nothing to rank or decide
    assert "The plan has no candidate actions yet" in voting and "Actions to rate" in voting
    assert "decided" not in voting and "nothing left to vote on" not in voting


def test_a_crowded_matrix_moves_the_legend_below_and_keeps_every_number(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        district_profile.update_profile(s, paper_size="a4")
        rater = priority_ratings.add_rater(s, "Whole team").id
        titles = [f"Idea <{n}> & more words to make the title wrap onto a second line" for n in range(60)]
        for n, title in enumerate(titles):
            action = candidate_actions.add_candidate_action(s, title).id
            priority_ratings.set_rating(s, action, rater, impact=1 + n % 5, ease=1 + (n // 5) % 5)
        export(s, "matrix", tmp_path / "m.pdf")
    text = pdf_text(tmp_path / "m.pdf")
    assert "Numbered list" in text
    for title in titles:
        assert title in text
    width, height = page_size_points(tmp_path / "m.pdf")
    assert round(width) == 842 and round(height) == 595  # A4, landscape
