"""A readiness round's Results page names whom nobody who answered spoke for, and a respondent can
be described as someone on People is (group, school, tenure, team), staying a code (issue 20)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from gui.readiness import readiness_tab
from services import district_profile
from services.readiness import readiness_rounds
from tests.test_gui_readiness import open_readiness, select_round
from tests.test_gui_team import click_cell


def test_the_results_name_whom_nobody_spoke_for_and_a_respondent_is_described_from_people(qtbot, window,
                                                                                           monkeypatch):
    tab = open_readiness(qtbot, window)
    select_round(qtbot, tab, "Fall 2026", "readiness")
    tab.pages.setCurrentWidget(tab.results)
    heard = tab.results.heard.text()
    assert "12 people answered, 6 of them not on the planning team." in heard
    assert "Nobody with a tenure of \u201cLess than 1 year\u201d answered." in heard
    assert "Gaps:" in heard

    # R01 is described as the bus driver on People is: the round then hears from transportation.
    round_id = tab.selected_round().id
    click_cell(qtbot, tab.respondents_view, 0, 0)
    code = tab.respondents_model.record_at(0).code
    assert tab.describe_action.isEnabled()
    chosen = []

    def choose(dialog):  # what a person does in the dialog: type the name's start in the list, Copy
        qtbot.keyClicks(dialog.person, "Walt")
        chosen.append(dialog.person.currentText())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(readiness_tab.DescribeFromPersonDialog, "exec", choose)
    tab.describe_action.trigger()
    assert chosen == ["Walt Kowalski (not on the team)"]
    respondent = next(p for p in window.context.read(lambda s: readiness_rounds.list_respondents(s, round_id))
                      if p.code == code)
    groups = {g.id: g.name for g in window.context.read(district_profile.list_position_groups)}
    schools = {x.id: x.name for x in window.context.read(district_profile.list_schools)}
    assert (groups[respondent.position_group_id], schools[respondent.school_id], respondent.tenure_band,
            respondent.on_team) == ("Transportation", "District Office", "20 years or more", False)
    assert "Transportation" not in tab.results.heard.text()
    assert "Walt" not in str(respondent)  # the respondent stays a code

    window.undo_action.trigger()
    back = next(p for p in window.context.read(lambda s: readiness_rounds.list_respondents(s, round_id))
                if p.code == code)
    assert back.position_group_id != respondent.position_group_id and back.tenure_band != "20 years or more"
