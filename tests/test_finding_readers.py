"""A finding gets the team's reading and who took part in reading the data (seed 000 step 4:
engage perspectives across positions to interpret data together): typed on the Data tab's
Findings page, anyone in the plan can be named, and the reading prints with the Priorities matrix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from services.data import survey_findings
from services.errors import InvalidInput
from services.team import team_roster
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text
from tests.test_gui_team import click_cell, type_into_editor

READING = "Drivers' breaks fall between routes, so the break room is empty when they can use it."


def _not_on_team(s):
    return next(p for p in team_roster.list_people(s) if p.team_role is None)


def test_reading_and_readers_are_kept_and_printed_with_the_matrix(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        first, finding = survey_findings.list_findings(s)[:2]
        assert first.interpretation and len(first.readers) >= 2  # the sample read its first finding together
        assert finding.action_id is not None and finding.interpretation == "" and finding.readers == ()
        outsider = _not_on_team(s)
        lead = team_roster.find_lead(s)
        assert survey_findings.set_interpretation(s, finding.id, f"  {READING} ") == ""
        assert survey_findings.set_readers(s, finding.id, [outsider.id, lead.id]) == ()
        read = survey_findings.list_findings(s)[1]
        assert read.interpretation == READING
        assert set(read.readers) == {outsider.name, lead.name}
        with pytest.raises(InvalidInput, match="no longer in the plan"):
            survey_findings.set_readers(s, finding.id, [999_999])
        names = ", ".join(read.readers)
    path = sample_plan.path
    sample_plan.close()
    out = tmp_path / "matrix.pdf"
    result = wellplan("export", str(path), "matrix", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Survey findings and how the team read them" in text
    assert READING in text
    assert names in text


def test_the_findings_page_takes_the_reading_and_the_readers_with_undo(qtbot, window, monkeypatch):
    import gui.data.findings_page as findings_page
    from tests.gui_windows import open_tab_for_typing
    from tests.test_gui_data import settled

    tab = settled(qtbot, open_tab_for_typing(qtbot, window, "Data", "data"))
    tab.pages.setCurrentWidget(tab.findings_page)
    page = tab.findings_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert not page.empty_note.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click_cell(qtbot, page.view, 1, findings_page.READING)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    type_into_editor(qtbot, READING)
    qtbot.waitUntil(lambda: page.model.record_at(1).interpretation == READING)
    outsider = window.context.read(_not_on_team)

    def tick_outsider(dialog):
        check = dialog.people
        next(check.item(i) for i in range(check.count()) if check.item(i).text() == outsider.name) \
            .setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(findings_page.ReadersDialog, "exec", tick_outsider)
    click_cell(qtbot, page.view, 1, 0)
    qtbot.mouseClick(page.findChild(QPushButton, "chooseReaders"), Qt.MouseButton.LeftButton)
    assert page.model.record_at(1).readers == (outsider.name,)
    assert page.model.index(1, findings_page.READERS).data() == outsider.name
    window.undo_action.trigger()  # the readers
    assert page.model.record_at(1).readers == ()
    window.undo_action.trigger()  # the reading
    assert page.model.record_at(1).interpretation == ""
    settled(qtbot, tab)
