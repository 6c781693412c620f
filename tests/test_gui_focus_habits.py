"""The Focus groups tab as Word and Excel users expect it: dates and times typed and shown the
computer's way, the template named by its title, a right-click menu on every table (the agenda's
Move up and Move down among them), and deleting a session or a subgroup says what goes with it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QPushButton

from gui.screen_dates import show_date
from services.focus_groups import focus_results, focus_sessions
from tests.test_gui_data_habits import answer_when_asked, focus_cell, menu_texts
from tests.test_gui_focus_groups import open_focus
from tests.test_gui_team import click_action, click_cell


def session_now(window, session_id: int) -> focus_sessions.SessionRecord:
    return window.context.read(lambda s: focus_sessions.get_session(s, session_id))


def test_the_sessions_table_shows_the_template_title_and_the_date_the_computers_way(qtbot, window):
    tab = open_focus(qtbot, window)
    record = tab.sessions_model.record_at(0)
    template = window.context.read(lambda s: focus_sessions.template_of(s, record.id))
    row = [tab.sessions_model.index(0, c).data() for c in range(tab.sessions_model.columnCount())]
    assert row[2] == template.title and record.template_key not in row  # never "retain-mh-staff"
    assert row[1] == show_date(record.first_date)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    assert show_date(record.first_date).split(",")[0].split()[-1] in tab.header.text() or \
        str(record.first_date.day) in tab.header.text()
    assert tab.main_printout == "focus-guide"


def test_a_date_typed_in_us_order_and_a_start_time(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    record = tab.selected_session()
    details = tab.plan_page.details
    assert details.first_date.displayFormat() == "MM/dd/yyyy"
    details.first_date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(details.first_date.hasFocus)
    qtbot.keyClicks(details.first_date, "11/01/2027")
    qtbot.keyClick(details.first_date, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: session_now(window, record.id).first_date == dt.date(2027, 11, 1))

    if not details.has_time.isChecked():
        qtbot.mouseClick(details.has_time, Qt.MouseButton.LeftButton)
    assert details.start_time.isEnabled() and details.start_time.displayFormat() == "h:mm AP"
    details.start_time.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(details.start_time.hasFocus)
    qtbot.keyClicks(details.start_time, "1:30 PM")
    qtbot.keyClick(details.start_time, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: session_now(window, record.id).start_time == dt.time(13, 30))
    assert details.start_time.time() == QTime(13, 30)
    assert details.first_date.accessibleName() == "Date" and details.start_time.accessibleName() == "Start time"


def test_every_focus_table_has_a_right_click_menu_and_a_name(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    views = (tab.sessions_view, tab.plan_page.attendees_view, tab.plan_page.agenda_view, tab.aspirations_view,
             tab.marks_page.view, tab.ideas_page.view, tab.ratings_page.view, tab.proposals_page.view)
    menus = {view.accessibleName(): menu_texts(view) for view in views}
    assert len(menus) == len(views) and all(menus)
    assert {"New session...", "Delete session", "Send to Priorities", "Print guide..."} <= set(menus["Focus-group sessions"])
    assert {"Invite from the plan...", "Invite someone new...", "Remove from the attendees"} <= set(menus["Attendees"])
    assert {"Add item", "Remove item", "Move up", "Move down"} <= set(menus["Agenda"])
    for name in ("Example actions", "Ideas", "Impact and ease ratings", "Proposals"):
        assert "Send to Priorities" in menus[name], name
    assert {"Add idea", "Remove idea"} <= set(menus["Ideas"])
    assert {"Add proposal", "Remove proposal"} <= set(menus["Proposals"])
    assert "Add subgroup" in menus["Impact and ease ratings"]


def test_the_agenda_menu_and_ctrl_down_move_an_item(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    view, model = tab.plan_page.agenda_view, tab.agenda_model
    first, second = model.record_at(0).title, model.record_at(1).title
    focus_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.record_at(1).title == first)
    assert model.record_at(0).title == second
    move_up = next(a for a in view.context_menu().actions() if a.text().replace("&", "") == "Move up")
    focus_cell(qtbot, view, 1, 0)
    move_up.trigger()
    qtbot.waitUntil(lambda: model.record_at(0).title == first)


def test_deleting_a_session_says_what_goes_with_it_and_cancel_keeps_it(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    record = tab.selected_session()
    asked: list[str] = []
    answer_when_asked(qtbot, "Cancel", asked)
    focus_cell(qtbot, tab.sessions_view, 0, 0)
    qtbot.keyClick(tab.sessions_view, Qt.Key.Key_Delete)
    assert asked and "attendees" in asked[0] and "results typed in go with it" in asked[0]
    assert tab.sessions_model.rowCount() == 1 and tab.selected_session().id == record.id


def test_a_just_planned_session_goes_without_a_question_and_undo_is_offered(qtbot, window, monkeypatch):
    from tests.test_gui_focus_groups import plan_new_session

    tab = open_focus(qtbot, window)
    said: list[str] = []
    tab.status_message.connect(lambda text, _ms: said.append(text))
    record = plan_new_session(qtbot, tab, monkeypatch, title="A session planned by mistake")
    click_action(qtbot, tab, tab.delete_action)  # nothing typed in yet: nothing to ask about
    assert record.id not in {s.id for s in window.context.read(focus_sessions.list_sessions)}
    assert said and "Undo" in said[-1]


def test_removing_a_subgroup_with_ratings_asks_first(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    tab.pages.setCurrentWidget(tab.ratings_page)
    groups = tab.ratings_model.subgroups
    rated = next((g for g in groups if window.context.read(lambda s, g=g: focus_results.subgroup_dependents(s, g.id))),
                 None)
    assert rated is not None  # the sample's session has three rated subgroups
    page = tab.ratings_page
    page.subgroups.setCurrentIndex(page.subgroups.findData(rated.id))
    asked: list[str] = []
    answer_when_asked(qtbot, "Cancel", asked)
    remove = next(b for b in page.findChildren(QPushButton) if b.text() == "Remove subgroup")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert asked and "ratings of impact and ease" in asked[0]
    assert rated.id in {g.id for g in tab.ratings_model.subgroups}


def test_ctrl_p_prints_the_guide_of_the_selected_session(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    asked: list[tuple[str, dict]] = []
    tab.export_with_options.disconnect()
    tab.export_with_options.connect(lambda kind, options: asked.append((kind, options)))
    tab.print_main()
    assert asked == [("focus-guide", {"session": str(tab.selected_session().id)})]


def test_removing_a_rated_idea_says_its_ratings_go_with_it(qtbot, window):
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    tab.pages.setCurrentWidget(tab.ideas_page)
    model, view = tab.ideas_model, tab.ideas_page.view
    row = next(r for r in range(model.rowCount()) if window.context.read(
        lambda s, r=r: focus_results.idea_dependents(s, model.record_at(r).id)))
    idea = model.record_at(row)
    asked: list[str] = []
    answer_when_asked(qtbot, "Remove idea", asked)
    focus_cell(qtbot, view, row, 2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked and "subgroup ratings go with it" in asked[0] and "stays there" in asked[0]
    assert idea.id not in {i.id for i in model.records()}
    window.undo_action.trigger()
    assert idea.id in {i.id for i in model.records()}


def test_three_proposals_pasted_from_excel_are_one_undo_step(qtbot, window, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    told: list[str] = []
    monkeypatch.setattr("gui.widgets.tables.QMessageBox.information", lambda _p, _t, text: told.append(text))
    tab = open_focus(qtbot, window)
    click_cell(qtbot, tab.sessions_view, 0, 0)
    tab.pages.setCurrentWidget(tab.proposals_page)
    view, model = tab.proposals_page.view, tab.proposals_model
    before = [p.idea for p in model.records()]
    focus_cell(qtbot, view, 0, 0)
    QGuiApplication.clipboard().setText("Do it now!\tQuiet room in every school\tPrincipals\tMarch\r\n"
                                        "Do it next\tPeer supervision circle\tLead counselor\tFall\r\n"
                                        "Someday\tA gym\t\t\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == len(before) + 2)
    added = {p.idea: p for p in model.records()}
    assert added["Peer supervision circle"].category == focus_results.NEXT
    assert added["Quiet room in every school"].owner == "Principals"
    assert told and "Row 3" in told[0] and "Someday" in told[0]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [p.idea for p in model.records()] == before)


def test_a_hidden_focus_tab_reads_nothing_on_edits_elsewhere_and_shows_them_when_shown(qtbot, window, monkeypatch):
    """Every tab is built ahead (gui.tab_prebuilder) and hears every change: hidden, this one waits,
    then follows all the changes at once as it is shown."""
    from gui.focus_groups import commands as focus_commands
    from gui.team import commands as team_commands
    from services.focus_groups import focus_results, focus_sessions
    from services.team import team_roster
    from tests.test_gui_focus_groups import open_focus
    from tests.test_gui_team import click_tab

    tab = open_focus(qtbot, window)
    session = tab.selected_session()
    assert session is not None
    loads: list[int] = []
    real_load = focus_results.load
    monkeypatch.setattr(focus_results, "load", lambda s, sid, style: loads.append(sid) or real_load(s, sid, style))
    click_tab(qtbot, window, "Team")
    qtbot.waitUntil(lambda: not tab.isVisible())

    context = window.context
    person = window.context.read(team_roster.list_people)[0]
    assert context.edit(team_commands.change_member(context, person, "name", "Renamed While Away"))
    assert context.edit(focus_commands.session_edit(
        context, session.id, "Rename session",
        lambda s: focus_sessions.update_session(s, session.id, title="Renamed while the tab was hidden")))
    assert loads == [] and tab.when_shown.behind

    open_focus(qtbot, window)
    assert not tab.when_shown.behind
    assert "Renamed while the tab was hidden" in tab.header.text()
    assert loads == [session.id]  # the two changes followed with one read
