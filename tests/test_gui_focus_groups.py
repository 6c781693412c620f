"""The Focus groups tab as a student-services director uses it: plan a session, invite people,
check the agenda and the invitation, type the results in after the meeting, and send them on."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from gui.focus_groups import focus_tab, plan_page
from models import CandidateAction, SourceKind
from services.focus_groups import focus_results
from services.priorities import candidate_actions, priority_ratings
from tests.test_gui_team import click_action, click_cell, click_tab, press_enter, type_into_editor
from tests.test_priority_services import rating_of


def open_focus(qtbot, window):
    click_tab(qtbot, window, "Focus groups")
    tab = window.tab("focus_groups")
    qtbot.waitUntil(tab.isVisible)
    return tab


def plan_new_session(qtbot, tab, monkeypatch, title="Spring provider focus group"):
    def fill_in(dialog):
        dialog.template.setCurrentIndex(dialog.template.findData("retain-mh-staff"))
        dialog.title.clear()
        qtbot.keyClicks(dialog.title, title)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(focus_tab.NewSessionDialog, "exec", fill_in)
    click_action(qtbot, tab, tab.new_action)
    record = tab.selected_session()
    assert record.title == title
    return record


def test_plan_a_session_invite_and_check_agenda_and_invitation(qtbot, window, monkeypatch):
    tab = open_focus(qtbot, window)
    record = plan_new_session(qtbot, tab, monkeypatch)
    page = tab.plan_page
    assert "District head of student support" in page.roles_label.text()  # nobody invited yet
    assert page.timing_label.text() == "120 minutes planned of 120 booked"

    def invite_new(dialog):
        qtbot.keyClicks(dialog.name, "Noor Haddad")
        dialog.role.setCurrentIndex(dialog.role.findData("district-head"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(focus_tab.InviteDialog, "exec", invite_new)
    qtbot.mouseClick(page.findChild(QPushButton, "inviteNew"), Qt.MouseButton.LeftButton)
    names = [a.name for a in tab.attendees_model.records()]
    assert names == ["Noor Haddad"]
    assert "District head of student support" not in page.roles_label.text()

    # Lengthen the break in the agenda: the running total warns that it runs over.
    click_cell(qtbot, page.agenda_view, 3, 1)
    qtbot.keyClick(page.agenda_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "35")
    press_enter(qtbot, editor)
    assert "30 minutes over" in page.timing_label.text()
    window.undo_action.trigger()
    assert "30 minutes over" not in page.timing_label.text()

    # Place and date fill the invitation; "Open in mail app" hands a mailto: link to the desktop.
    page.details.place.setFocus()
    qtbot.keyClicks(page.details.place, "Room 12, Juniper Middle School")
    qtbot.keyClick(page.details.place, Qt.Key.Key_Tab)
    assert "Room 12, Juniper Middle School" in page.body.toPlainText()
    assert "Maple Hollow School District" in page.body.toPlainText()
    opened: list[QUrl] = []
    monkeypatch.setattr(plan_page.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(page.mail, Qt.MouseButton.LeftButton)
    assert opened and opened[0].scheme() == "mailto" and "Room%2012" in opened[0].toString(
        QUrl.ComponentFormattingOption.FullyEncoded)
    qtbot.mouseClick(page.findChild(QPushButton, "copyInvitation"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().startswith("Subject: Invitation: focus group")
    assert record.id == tab.selected_session().id


def test_record_results_and_send_them_to_priorities(qtbot, window, monkeypatch):
    tab = open_focus(qtbot, window)
    record = plan_new_session(qtbot, tab, monkeypatch)

    # Aspirations: type into the "where do we want to be" cell of Great leaders.
    tab.pages.setCurrentWidget(tab.aspirations_view.parentWidget())
    click_cell(qtbot, tab.aspirations_view, 1, 2)
    qtbot.keyClicks(tab.aspirations_view, "O")
    type_into_editor(qtbot, "Our leaders will be asking providers first")

    # Example actions: Space ticks "explore further" on 7.2 and "the district does this" on 3.2.
    tab.pages.setCurrentWidget(tab.marks_page)
    view = tab.marks_page.view
    model = tab.marks_model
    for key, column in (("7.2", "explore"), ("3.2", "does_this")):
        row = next(r for r, m in enumerate(model.records()) if m.id == key)
        click_cell(qtbot, view, row, 0)
        view.setCurrentIndex(model.index(row, model.column_of(column)))
        qtbot.keyClick(view, Qt.Key.Key_Space)
    data = window.context.read(lambda s: focus_results.load(s, record.id))
    assert data.marks == {"7.2": (False, True), "3.2": (True, False)}

    # An idea the district could take, typed and entered.
    tab.pages.setCurrentWidget(tab.ideas_page)
    ideas = tab.ideas_page
    ideas.attribute.setCurrentIndex(ideas.attribute.findData("job"))
    ideas.text.setFocus()
    qtbot.keyClicks(ideas.text, "Quiet room for telehealth sessions")
    qtbot.keyClick(ideas.text, Qt.Key.Key_Return)
    assert [i.text for i in tab.ideas_model.records()] == ["Quiet room for telehealth sessions"]

    # Two subgroups rate 7.2; the idea stays unrated.
    tab.pages.setCurrentWidget(tab.ratings_page)
    ratings = tab.ratings_page
    for _ in range(2):
        qtbot.mouseClick(ratings.findChild(QPushButton, "addSubgroup"), Qt.MouseButton.LeftButton)
    rmodel = tab.ratings_model
    assert [g.name for g in rmodel.subgroups] == ["Subgroup A: great organization", "Subgroup B: great leaders"]
    for column, digit in ((2, "5"), (3, "2"), (4, "4"), (5, "3")):
        click_cell(qtbot, ratings.view, 0, column)
        qtbot.keyClicks(ratings.view, digit)
        press_enter(qtbot, QApplication.focusWidget())
    assert rmodel.records()[0].ratings == ((5, 2), (4, 3))
    assert rmodel.data(rmodel.index(0, rmodel.column_of("mean"))) == "4.5 / 2.5"

    # A proposal with owner and deadline.
    tab.pages.setCurrentWidget(tab.proposals_page)
    props = tab.proposals_page
    props.category.setCurrentIndex(props.category.findData("next"))
    for field, text in ((props.idea, "Supervision hour every week"), (props.owner, "Lead counselor"),
                        (props.deadline, "March 2027")):
        field.setFocus()
        qtbot.keyClicks(field, text)
    qtbot.keyClick(props.deadline, Qt.Key.Key_Return)
    assert [(p.category, p.owner) for p in tab.proposals_model.records()] == [("next", "Lead counselor")]

    before = {a.id for a in window.context.read(candidate_actions.list_candidate_actions)}
    click_action(qtbot, tab, tab.send_action)
    new = [a for a in window.context.read(candidate_actions.list_candidate_actions) if a.id not in before]
    assert {a.source_kind for a in new} == {SourceKind.FOCUS_GROUP_INITIATIVE.value,
                                            SourceKind.FOCUS_GROUP_BRAINSTORM.value,
                                            SourceKind.FOCUS_GROUP_PROPOSAL.value}
    explored = next(a for a in new if a.source_kind == SourceKind.FOCUS_GROUP_INITIATIVE.value)
    raters = {r.name: r.id for r in window.context.read(priority_ratings.list_raters)}
    rater = raters["Spring provider focus group: Subgroup A: great organization"]
    assert window.context.read(lambda s: rating_of(s, explored.id, rater)) == (5, 2)
    proposal = next(a for a in new if a.source_kind == SourceKind.FOCUS_GROUP_PROPOSAL.value)
    row = window.context.read(lambda s: s.get(CandidateAction, proposal.id))
    assert (row.proposed_owner, row.proposed_deadline) == ("Lead counselor", "March 2027")
    assert "3 items in Priorities" in tab.header.text()
    assert "Rate and decide on them in the Priorities tab." in window.statusBar().currentMessage()
    # Undo takes the three actions and the two raters back out of Priorities.
    window.undo_action.trigger()
    assert {a.id for a in window.context.read(candidate_actions.list_candidate_actions)} == before
    assert "Spring provider focus group: Subgroup A: great organization" not in {
        r.name for r in window.context.read(priority_ratings.list_raters)}


def test_delete_a_session_and_undo(qtbot, window, monkeypatch):
    tab = open_focus(qtbot, window)
    assert tab.sessions_model.rowCount() == 1
    from tests.test_gui_data_habits import answer_when_asked

    asked: list[str] = []
    answer_when_asked(qtbot, "Delete session", asked)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    click_action(qtbot, tab, tab.delete_action)
    assert "8 attendees" in asked[0] and "4 proposals" in asked[0]
    assert tab.sessions_model.rowCount() == 0 and not tab.pages.isEnabled()
    window.undo_action.trigger()
    assert tab.sessions_model.rowCount() == 1
    click_cell(qtbot, tab.sessions_view, 0, 0)
    assert len(tab.attendees_model.records()) == 8 and len(tab.proposals_model.records()) == 4


def test_print_buttons_ask_for_the_selected_session(qtbot, window):
    tab = open_focus(qtbot, window)
    asked: list[tuple[str, dict]] = []
    tab.export_with_options.disconnect()
    tab.export_with_options.connect(lambda kind, options: asked.append((kind, options)))
    click_cell(qtbot, tab.sessions_view, 0, 0)
    click_action(qtbot, tab, tab.summary_action)
    session_id = str(tab.selected_session().id)
    assert asked == [("focus-summary", {"session": session_id})]


def test_the_focus_models_pass_qt_model_checks(qtbot, qtmodeltester, window):
    tab = open_focus(qtbot, window)
    for model in (tab.sessions_model, *tab._part_models):
        qtmodeltester.check(model)


def test_leaving_a_field_unchanged_adds_no_undo_step(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    stack = window.context.undo_stack
    before = stack.count()
    place = tab.plan_page.details.place
    place.setFocus()
    qtbot.keyClick(place, Qt.Key.Key_Tab)
    assert stack.count() == before
    place.setFocus()
    qtbot.keyClicks(place, " annex")
    qtbot.keyClick(place, Qt.Key.Key_Tab)
    assert stack.count() == before + 1 and tab.selected_session().place.endswith("board room annex")
