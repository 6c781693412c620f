"""Two planners' windows on one plan on the district server (issue 22), used as people would: a
priorities meeting with ratings typed in both and the matrix updating in both; an edit refused
because the other planner changed the record first, with the offer to reload; a lost connection
that leaves the window read-only, says so and loses no edit silently. On the loopback server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import create_engine, text

from services.priorities.priority_board import load_board
from tests.test_gui_priorities import item_by_title, open_priorities
from tests.test_gui_team import press_enter

pytestmark = pytest.mark.postgres
ACTION = "Walking club after school"


@pytest.fixture
def server_url(postgres_server, server_sample_template) -> str:
    return postgres_server.database(template=server_sample_template.rsplit("/", 1)[1])


def _open(qtbot, settings, url):
    from gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan_path(url)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def two_windows(qtbot, qt_settings, server_url):
    first, second = _open(qtbot, qt_settings, server_url), _open(qtbot, qt_settings, server_url)
    for window in (first, second):
        qtbot.waitUntil(lambda w=window: w.context._listener is not None and w.context._listener.listening.is_set(),
                        timeout=10000)
        # (and the first read once listening done: tests that cut the server must not race it)
        qtbot.waitUntil(lambda w=window: not w.context._heard_timer.isActive() and not w.context._heard,
                        timeout=10000)
    yield first, second
    for window in (first, second):
        window.close_plan()


def _rate(qtbot, window, tab, row: int, impact: int, ease: int) -> None:
    """Type one rater's impact and ease for the selected action, as a facilitator does."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view, model = tab.details.ratings_view, tab.details.ratings_model
    view.setCurrentIndex(model.index(row, model.column_of("impact")))
    view.setFocus()
    qtbot.keyClicks(view, str(impact))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex().column() == model.column_of("ease"), timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), str(ease))
    press_enter(qtbot, QApplication.focusWidget())


def test_two_windows_run_a_priorities_meeting_together(qtbot, two_windows):
    first, second = two_windows
    for window in two_windows:
        assert "(district server)" in window.windowTitle()
        assert window.findChild(object, "serverBadge").text() == "District server: connected"

    # The facilitator adds the action in the first window; it appears in the second.
    tab_1 = open_priorities(qtbot, first)
    from tests.test_gui_team import click_action, type_into_editor

    click_action(qtbot, tab_1, tab_1.add_action)
    type_into_editor(qtbot, ACTION)
    tab_2 = open_priorities(qtbot, second)
    qtbot.waitUntil(lambda: any(i.title == ACTION for i in tab_2.model.records()), timeout=5000)
    action_id = item_by_title(second, ACTION).id
    tab_2.select_action(action_id)

    # Two raters type in the first window, the third in the second: both matrices show all three.
    _rate(qtbot, first, tab_1, 0, 4, 5)
    _rate(qtbot, second, tab_2, 2, 4, 4)
    _rate(qtbot, first, tab_1, 1, 5, 4)
    for window, tab in ((first, tab_1), (second, tab_2)):
        qtbot.waitUntil(lambda t=tab: "Do it now! at impact 4.3" in t.details.position_label.text(), timeout=5000)
        rated = next(i for i in tab.model.records() if i.id == action_id)
        assert [(r.impact, r.ease) for r in rated.ratings] == [(4, 5), (5, 4), (4, 4)]
        assert rated.quadrant_label == "Do it now!"
        assert [(r.impact, r.ease) for r in item_by_title(window, ACTION).ratings] == [(4, 5), (5, 4), (4, 4)]


def test_an_edit_of_what_the_other_planner_just_changed_is_refused_with_an_offer_to_reload(
        qtbot, two_windows):
    from services.priorities import candidate_actions

    first, second = two_windows
    tab_1, tab_2 = open_priorities(qtbot, first), open_priorities(qtbot, second)
    item = next(i for i in tab_1.model.records())
    tab_1.select_action(item.id)
    tab_2.select_action(item.id)

    # The second planner's window stops hearing for a moment (as when two save within a second).
    second.context._heard_timer.timeout.disconnect()
    from gui.plan_context import PlanEdit

    first.context.edit(PlanEdit(first.context, "Rename action",
                                lambda s, m: candidate_actions.update_candidate_action(s, item.id, title="Renamed by one"),
                                lambda s, before: candidate_actions.update_candidate_action(s, item.id,
                                                                                            title=before.title)))
    refused = not second.context.edit(PlanEdit(
        second.context, "Rename action",
        lambda s, m: candidate_actions.update_candidate_action(s, item.id, title="Renamed by two"),
        lambda s, before: candidate_actions.update_candidate_action(s, item.id, title=before.title)))
    assert refused
    box = second.findChild(QMessageBox, "editConflict")
    assert box is not None and box.isVisible()
    assert "Another planner changed the candidate action \u201cRenamed by one\u201d (its title)" in box.text()
    reload = next(b for b in box.buttons() if b.text() == "&Reload")
    reload.click()
    qtbot.waitUntil(lambda: any(i.title == "Renamed by one" for i in tab_2.model.records()), timeout=5000)
    assert item_by_title(first, "Renamed by one")  # nothing of the first planner's is lost
    assert second.context.undo_stack.count() == 0  # the refused edit is no undo step


def test_a_lost_connection_leaves_the_window_read_only_and_says_so(qtbot, two_windows, postgres_server, server_url):
    first, _second = two_windows
    database = server_url.rsplit("/", 1)[1]
    tab = open_priorities(qtbot, first)  # (a view shown before keeps what it shows)
    admin = create_engine(postgres_server.url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:  # the district server goes away for this plan
            c.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false'))
            c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"), {"d": database})
        badge = first.findChild(object, "serverBadge")
        qtbot.waitUntil(lambda: "unreachable" in badge.text(), timeout=10000)
        assert first.context.offline is not None
        assert not first.undo_group.canUndo() or not first.context.undo_stack.isActive()

        rejected: list[str] = []
        first.context.refused_offline.connect(rejected.append)
        item = next(iter(tab.model.records()))
        from gui.plan_context import PlanEdit
        from services.priorities import candidate_actions

        assert not first.context.edit(PlanEdit(first.context, "Rename action",
                                               lambda s, m: candidate_actions.update_candidate_action(
                                                   s, item.id, title="Lost"),
                                               lambda s, b: None))
        assert rejected and "read-only until it is back; your change (Rename action) was not saved." in rejected[-1]

        with admin.connect() as c:
            c.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
        qtbot.waitUntil(lambda: badge.text() == "District server: connected", timeout=15000)
        assert first.context.offline is None and first.context.undo_stack.isActive()
        assert not any(i.title == "Lost" for i in first.context.read(load_board).items)
    finally:
        with admin.connect() as c:
            c.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
        admin.dispose()


def test_undo_refused_by_another_planners_change_leaves_the_history_where_the_plan_is(qtbot, two_windows):
    from gui.plan_context import PlanEdit
    from services.priorities import candidate_actions

    first, second = two_windows
    tab = open_priorities(qtbot, first)
    one, two = list(tab.model.records())[:2]

    def rename(window, item, title):
        return PlanEdit(window.context, f"Rename {item.id}",
                        lambda s, m: candidate_actions.update_candidate_action(s, item.id, title=title),
                        lambda s, before: candidate_actions.update_candidate_action(s, item.id, title=before.title))

    assert first.context.edit(rename(first, one, "First's one"))
    assert first.context.edit(rename(first, two, "First's two"))
    open_priorities(qtbot, second)
    qtbot.waitUntil(lambda: any(i.title == "First's two" for i in second.tab("priorities").model.records()),
                    timeout=5000)
    assert second.context.edit(rename(second, two, "Second's two"))

    stack = first.context.undo_stack
    stack.undo()  # refused: the second planner changed that action since
    stack.undo()  # pressed again before the window caught up: changes nothing
    qtbot.waitUntil(lambda: not first.context.stack_moves_only, timeout=2000)
    assert stack.index() == 2 and stack.count() == 2
    titles = {i.id: i.title for i in first.context.read(load_board).items}
    assert titles[one.id] == "First's one" and titles[two.id] == "Second's two"
    assert first.findChild(QMessageBox, "editConflict") is not None


def test_typing_over_a_description_another_planner_changed_meanwhile_is_refused(qtbot, two_windows):
    from services.priorities import candidate_actions

    first, second = two_windows
    tab = open_priorities(qtbot, first)
    item = next(iter(tab.model.records()))
    tab.select_action(item.id)
    field = tab.details.description_edit
    pages = tab.details  # (the details panel is a tab widget: the field is on "Evidence and equity")
    pages.setCurrentIndex(next(n for n in range(pages.count()) if pages.widget(n).isAncestorOf(field)))
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    qtbot.waitUntil(field.isVisible)
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, " (first planner's words)")

    plan = second.context.plan  # meanwhile the second planner rewrites it
    from services.plan_changes import Operation

    Operation("Describe", lambda s, m: candidate_actions.update_candidate_action(s, item.id, description="Second's"),
              lambda s, m: None).apply(plan)
    qtbot.wait(800)  # heard by the first window, which waits while its field is being typed in
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field saves it: refused
    qtbot.waitUntil(lambda: first.findChild(QMessageBox, "editConflict") is not None, timeout=3000)
    assert "Another planner changed the candidate action" in first.findChild(QMessageBox, "editConflict").text()
    assert next(i for i in first.context.read(load_board).items if i.id == item.id).description == "Second's"


def test_start_next_school_year_from_a_plan_on_the_server_writes_a_new_plan_file(qtbot, two_windows, monkeypatch,
                                                                                   tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog

    window, _second = two_windows
    asked: list = []
    out = tmp_path / "Next year"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(a) or (str(out), "")))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "nextYearReady":
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Close).click() if box.button(QMessageBox.StandardButton.Close) \
                else next(b for b in box.buttons() if "Open" not in b.text()).click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    assert window.next_year_action.isEnabled()
    window.next_year_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    assert "Maple Hollow School District 2027-28.wellplan" in asked[0][2]  # proposed among the documents
    assert seen[0].startswith("Started the 2027-28 plan")
    assert out.with_name("Next year.wellplan").exists()
    assert "(district server)" in window.windowTitle()  # this year's plan stays open, unchanged


def test_copy_plan_to_server_from_the_window_and_open_it_there(qtbot, qt_settings, sample_plan_file, postgres_url,
                                                               monkeypatch):
    from gui import server_window
    from tests.gui_windows import open_window

    window = open_window(qtbot, qt_settings, sample_plan_file)
    asked: list = []
    monkeypatch.setattr(server_window, "ask_server_location",
                        lambda settings, parent, **dialog: asked.append(dialog) or postgres_url)
    assert window.copy_to_server_action.isEnabled()
    window.copy_to_server_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "copiedToServer") is not None, timeout=30000)
    assert asked and asked[0]["action"] == "Copy"
    box = window.findChild(QMessageBox, "copiedToServer")
    assert box.text().startswith("The plan was copied to ") and "127.0.0.1" in box.text()
    next(b for b in box.buttons() if b.text() == "&Open it there").click()
    qtbot.waitUntil(lambda: window.context is not None and "(district server)" in window.windowTitle(),
                    timeout=30000)
    assert not window.copy_to_server_action.isEnabled()  # (a server plan is on the server already)
    window.close_plan()
