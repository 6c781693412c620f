"""The Focus groups tab running a session as seed 004's guide does, typed and clicked like a user:
the district's need per provider type checked against the invitation list, the meeting intention
and the group's own version, the group's view of the framework and notes, attendees' hours, and
the contract check on example actions and ideas. Each edit is one undo step."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from gui.focus_groups import focus_tab
from models import CandidateAction
from services import district_profile
from services.focus_groups import focus_results
from tests.test_gui_focus_groups import open_focus, plan_new_session
from tests.test_gui_team import click_action, click_cell, press_enter

SHOTS = os.environ.get("WELLPLAN_SHOTS")  # a folder: the test saves screenshots there to look at


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.window().grab().save(os.path.join(SHOTS, f"{name}.png"))


def _type_cell(qtbot, view, row: int, column: int, text: str) -> None:
    click_cell(qtbot, view, row, column)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    press_enter(qtbot, editor)


def _invite_new(qtbot, tab, monkeypatch, name, role, group=None):
    def fill(dialog):
        qtbot.keyClicks(dialog.name, name)
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        if group is not None:
            dialog.group.setCurrentIndex(dialog.group.findData(group))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(focus_tab.InviteDialog, "exec", fill)
    qtbot.mouseClick(tab.plan_page.findChild(QPushButton, "inviteNew"), Qt.MouseButton.LeftButton)


@pytest.fixture
def no_need(sample_plan):
    """The sample without its recorded need per provider (it is the district's, so a new session of the
    same template would show it): the test types its own. Runs before ``window`` opens the plan."""
    from sqlalchemy import delete

    from models import ProviderNeed

    with sample_plan.transaction() as s:
        s.execute(delete(ProviderNeed))


def test_the_districts_need_is_typed_and_the_invitation_list_checked_against_it(qtbot, no_need, window,
                                                                                 monkeypatch):
    tab = open_focus(qtbot, window)
    plan_new_session(qtbot, tab, monkeypatch)
    tab.pages.setCurrentWidget(tab.need_page)
    assert tab.pages.isTabVisible(tab.pages.indexOf(tab.need_page))
    model, view = tab.need_model, tab.need_page.view
    row = next(r for r, n in enumerate(model.records()) if n.id == "psychologists")
    _type_cell(qtbot, view, row, model.column_of("hard_to_fill_rank"), "1")
    _type_cell(qtbot, view, row, model.column_of("vacancies"), "3")
    expected = "No school psychologist invited, and it is your hardest role to fill and has 3 open positions."
    assert tab.need_page.gaps_label.text() == expected
    assert tab.plan_page.need_label.text() == expected
    _shot(tab, "focus-need")
    # A typo is refused in a sentence, and nothing changes.
    _type_cell(qtbot, view, row, model.column_of("student_share"), "140")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "" or QApplication.activeModalWidget() is not None)
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.close()
    assert model.records()[row].student_share is None
    # Undo takes back the vacancies (one step), redo puts them back.
    window.undo_action.trigger()
    assert model.records()[row].vacancies is None
    assert tab.need_page.gaps_label.text() == "No school psychologist invited, and it is your hardest role to fill."
    window.redo_action.trigger()
    assert model.records()[row].vacancies == 3
    # Inviting a psychologist answers it.
    _invite_new(qtbot, tab, monkeypatch, "Iris Chen", "psychologists")
    assert not tab.plan_page.need_label.isVisible() and tab.plan_page.need_label.text() == ""
    assert tab.need_page.gaps_label.text().startswith("Every role with open positions")


def test_a_listening_session_has_no_need_page(qtbot, window, monkeypatch):
    tab = open_focus(qtbot, window)

    def fill_in(dialog):
        dialog.template.setCurrentIndex(dialog.template.findData("listening-session"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(focus_tab.NewSessionDialog, "exec", fill_in)
    click_action(qtbot, tab, tab.new_action)
    assert not tab.pages.isTabVisible(tab.pages.indexOf(tab.need_page))


def test_intention_framework_answers_and_notes_are_typed_with_undo(qtbot, window, monkeypatch):
    tab = open_focus(qtbot, window)
    record = plan_new_session(qtbot, tab, monkeypatch)
    tab.pages.setCurrentWidget(tab.meeting_page)
    page = tab.meeting_page
    sample = window.context.read(lambda s: focus_results.load(s, record.id)).template.intention
    intention = page.fields["intention"]
    assert intention.toPlainText() == sample and not page.sample.isEnabled()
    # Rewrite the intention, then Tab through the group's version and the framework answers.
    intention.setFocus()
    intention.selectAll()
    qtbot.keyClicks(intention, "We meet to hear what keeps our counselors here.")
    qtbot.keyClick(intention, Qt.Key.Key_Tab)
    group = QApplication.focusWidget()
    assert group is page.fields["group_intention"]
    qtbot.keyClicks(group, "Three changes we can make this year")
    # Each field has its Alt key (the label's underlined letter).
    for key, letter, text in (("attributes_matter", Qt.Key.Key_W, "Great jobs, then great leaders"),
                              ("attributes_change", Qt.Key.Key_R, "Add supervision time"),
                              ("notes", Qt.Key.Key_S, "Two arrived late")):
        qtbot.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda key=key: QApplication.focusWidget() is page.fields[key])
        qtbot.keyClicks(page.fields[key], text)
    tab.pages.setFocus()
    data = window.context.read(lambda s: focus_results.load(s, record.id))
    assert data.intention == "We meet to hear what keeps our counselors here."
    assert (data.record.group_intention, data.record.attributes_matter, data.record.attributes_change,
            data.record.notes) == ("Three changes we can make this year", "Great jobs, then great leaders",
                                   "Add supervision time", "Two arrived late")
    assert page.sample.isEnabled()
    _shot(tab, "focus-intention")
    window.undo_action.trigger()  # the notes
    assert page.fields["notes"].toPlainText() == ""
    assert page.fields["attributes_change"].toPlainText() == "Add supervision time"
    # The guide's sample comes back at a click.
    qtbot.mouseClick(page.sample, Qt.MouseButton.LeftButton)
    assert intention.toPlainText() == sample
    window.undo_action.trigger()
    assert intention.toPlainText() == "We meet to hear what keeps our counselors here."


def test_attendees_outside_their_hours_are_flagged_and_someone_new_gets_a_group(qtbot, window, monkeypatch):
    tab = open_focus(qtbot, window)
    record = plan_new_session(qtbot, tab, monkeypatch)
    food = window.context.read(lambda s: next(g for g in district_profile.list_position_groups(s)
                                              if g.name == "Food service"))
    _invite_new(qtbot, tab, monkeypatch, "Rosa Diaz", "other", group=food.id)
    details = tab.plan_page.details
    # Starts at 2:00 PM on a weekday: after the food service shift.
    window.context.edit(focus_tab.commands.session_edit(
        window.context, record.id, "Change the date", lambda s: focus_tab.focus_sessions.update_session(
            s, record.id, first_date=dt.date(2026, 10, 14))))
    details.has_time.setFocus()
    qtbot.keyClick(details.has_time, Qt.Key.Key_Space)
    details.start_time.setFocus()
    details.start_time.setTime(details.start_time.time().fromString("14:00", "HH:mm"))
    model = tab.attendees_model
    hours = model.index(0, model.column_of("hours"))
    assert model.data(hours) == "Outside them"
    assert model.data(hours, Qt.ItemDataRole.ToolTipRole).startswith("Outside the usual hours of Food service")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "Rosa Diaz" in tab.plan_page.hours_label.text() and tab.plan_page.hours_label.isVisible()
    _shot(tab, "focus-hours")
    window.undo_action.trigger()
    window.undo_action.trigger()  # no start time: nothing to check
    assert tab.plan_page.hours_label.text() == ""


def test_contract_checks_on_example_actions_and_ideas_reach_priorities(qtbot, window, monkeypatch):
    tab = open_focus(qtbot, window)
    record = plan_new_session(qtbot, tab, monkeypatch)
    tab.pages.setCurrentWidget(tab.marks_page)
    view, model = tab.marks_page.view, tab.marks_model
    row = next(r for r, m in enumerate(model.records()) if m.id == "11.1")
    for column in ("explore", "contract_limited"):
        click_cell(qtbot, view, row, 0)
        view.setCurrentIndex(model.index(row, model.column_of(column)))
        qtbot.keyClick(view, Qt.Key.Key_Space)
    _type_cell(qtbot, view, row, model.column_of("contract_note"), "Extra hours: support staff agreement")
    assert (model.records()[row].contract_limited, model.records()[row].contract_note) == (
        True, "Extra hours: support staff agreement")
    _shot(tab, "focus-contract")
    tab.pages.setCurrentWidget(tab.ideas_page)
    ideas = tab.ideas_page
    ideas.text.setFocus()
    qtbot.keyClicks(ideas.text, "Four-day summer schedule")
    qtbot.keyClick(ideas.text, Qt.Key.Key_Return)
    imodel = tab.ideas_model
    click_cell(qtbot, ideas.view, 0, 0)
    ideas.view.setCurrentIndex(imodel.index(0, imodel.column_of("contract_limited")))
    qtbot.keyClick(ideas.view, Qt.Key.Key_Space)
    assert imodel.records()[0].contract_limited
    window.undo_action.trigger()
    assert not imodel.records()[0].contract_limited
    window.redo_action.trigger()
    click_action(qtbot, tab, tab.send_action)
    got = window.context.read(lambda s: {c.title: (c.contract_limited, c.contract_note)
                                         for c in s.query(CandidateAction).filter(CandidateAction.source_label.like(
                                             f"Focus group {record.title}%"))})
    assert got["Four-day summer schedule"] == (True, "")
    assert (True, "Extra hours: support staff agreement") in got.values()
