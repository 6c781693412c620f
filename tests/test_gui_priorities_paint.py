"""The Priorities tab paints what it shows as it did, with less work (issue 21: a grabbed point, the
list scrolled to it and the tab's first visit, each within a frame or two)."""

from __future__ import annotations

import cProfile
import pstats

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from gui.priorities.matrix_view import PriorityMatrix
from tests.test_gui_priorities import item_by_title, open_priorities
from tests.test_gui_team import click_cell

DEFAULT_ALIGNMENT = QStyleOptionViewItem().displayAlignment


def test_each_cell_shows_what_the_model_says_whatever_cell_came_before(qtbot, window):
    """The delegate asks for all of a cell's roles at once (``multiData``): the answer for one cell
    must not keep anything of the one painted before it (a right-aligned number, a coloured row)."""
    tab = open_priorities(qtbot, window)
    view, proxy = tab.list_view, tab.proxy
    delegate = view.itemDelegate()
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            index = proxy.index(row, column)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == (index.data(Qt.ItemDataRole.DisplayRole) or "")
            alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
            assert option.displayAlignment == (DEFAULT_ALIGNMENT if alignment is None else Qt.AlignmentFlag(alignment))
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            assert option.backgroundBrush.style() == (Qt.BrushStyle.NoBrush if background is None
                                                      else background.style())


def test_a_cell_painted_is_one_question_to_the_list(qtbot, window):
    """Painting a cell asked the list about 24 questions through the filter, each a call into
    Python (its index, then each role); now the filter asks for all its roles in one."""
    tab = open_priorities(qtbot, window)
    view = tab.list_view
    view.viewport().repaint()  # every text measured once, as after the first paint
    profile = cProfile.Profile()
    profile.enable()
    view.viewport().repaint()
    profile.disable()
    # What Qt asks the list and its filter (each a call from Qt into Python), by name.
    asked = {"index", "rowCount", "columnCount", "data", "multiData", "flags"}
    calls: dict[str, int] = {}
    for (path, _line, name), (count, *_rest) in pstats.Stats(profile).stats.items():
        if path.endswith(("board_model.py", "record_model.py")) and name in asked:
            calls[name] = calls.get(name, 0) + count
    cells = sum(count for (path, _line, name), (count, *_rest) in pstats.Stats(profile).stats.items()
                if path.endswith("delegates.py") and name == "paint")
    assert cells >= 20  # the cells on screen were painted
    assert sum(calls.values()) <= 4 * cells, calls


def test_the_plot_stays_where_it_is_first_painted(qtbot):
    """An axis measures its numbers as it is first painted; the plot used to widen just after, so
    the first picture was drawn again at another scale (on a tab's first or next visit)."""
    matrix = PriorityMatrix()
    qtbot.addWidget(matrix)
    matrix.resize(600, 600)
    matrix.show()
    qtbot.waitExposed(matrix)
    view = matrix.getPlotItem().vb
    matrix.grab()  # painted
    painted_at = view.sceneBoundingRect()
    for _ in range(5):
        QApplication.processEvents()
    assert view.sceneBoundingRect() == painted_at


def test_typing_an_owner_offers_the_team_s_names(qtbot, window):
    """Read when an owner's box is first used, not while the tab is built."""
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Give counselors and psychologists a private office in every school")
    click_cell(qtbot, tab.list_view, tab.proxy.row_of(item.id), tab.model.column_of("title"))
    details = tab.details
    bar = details.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    edit = details.owner_edit
    qtbot.waitUntil(edit.isVisible)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(edit.hasFocus)
    from services.team import team_roster

    name = window.context.read(lambda s: team_roster.list_people(s)[0].name)
    qtbot.keyClicks(edit, name[:3])
    completer = edit.completer()
    assert completer is not None
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    shown = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert name in shown


def test_a_change_elsewhere_in_the_plan_leaves_the_list_and_the_matrix_as_they_are(qtbot, window, monkeypatch):
    """Moving an approved action's dates on the Action plan leaves every candidate action as it
    was: the Priorities tab, hidden meanwhile, reads its board again as it is shown and finds it
    the same, so its list is not told of every row (measured and painted again) nor its matrix
    drawn again; the details still say where the selected action now stands in the plan."""
    import datetime as dt

    from gui.plan_context import PlanEdit
    from services.action_plan import action_schedule
    from services.priorities import planned_actions
    from tests.test_gui_team import click_tab
    from tests.test_matrix_drop import Signals

    tab = open_priorities(qtbot, window)
    context = window.context
    lines = context.read(planned_actions.list_planned_actions)
    line = next(p for p in lines if p.candidate_action_id is not None)
    click_cell(qtbot, tab.list_view, tab.proxy.row_of(line.candidate_action_id), tab.model.column_of("title"))
    assert tab.details.item.id == line.candidate_action_id and tab.details.item.status == "approved"
    click_tab(qtbot, window, "Team")
    qtbot.waitUntil(lambda: not tab.isVisible())

    draws: list[int] = []
    real_set_items = tab.matrix.set_items
    monkeypatch.setattr(tab.matrix, "set_items", lambda items, *a: draws.append(len(items)) or real_set_items(items, *a))
    told = Signals(tab.proxy)
    start, due = dt.date(2031, 3, 2), dt.date(2031, 4, 27)
    before = context.read(lambda s: action_schedule.get_action(s, line.id))
    assert context.edit(PlanEdit(
        context, "Move the plan line",
        lambda s, _m: action_schedule.set_dates(s, {line.id: (start, due)}),
        lambda s, _m: action_schedule.set_dates(s, {line.id: (before.start, before.end)})))

    open_priorities(qtbot, window)
    assert draws == [] and (told.resets, told.layouts, told.rows_moved_in_or_out, told.changed_rows) == (0, 0, 0, [])
    assert "2031" in tab.details.decision_label.text()


def test_the_list_is_sorted_once_as_the_tab_is_built(qtbot, window):
    """By number, as the heading says: enabling sorting sorted by the heading's first guess (the
    first column, downwards) and then again by number, each sort a call into Python for every
    comparison of two rows (and two more for the rows' cells): 6,500 on 500 actions."""
    from PySide6.QtCore import Qt as QtNames

    from gui.priorities.priorities_tab import PrioritiesTab

    def comparisons(do) -> int:
        profile = cProfile.Profile()
        profile.enable()
        result = do()
        profile.disable()
        comparisons.result = result
        return sum(count for (path, _line, name), (count, *_rest) in pstats.Stats(profile).stats.items()
                   if path.endswith("board_model.py") and name == "lessThan")

    built = comparisons(lambda: PrioritiesTab(window.context))
    tab = comparisons.result
    qtbot.addWidget(tab)
    view, number = tab.list_view, tab.model.column_of("number")
    assert (view.horizontalHeader().sortIndicatorSection(), view.horizontalHeader().sortIndicatorOrder()) == \
        (number, QtNames.SortOrder.AscendingOrder)
    shown = [tab.proxy.index(r, number).data() for r in range(tab.proxy.rowCount())]
    assert len(shown) > 5 and shown == sorted(shown, key=lambda n: int(str(n).split()[-1]))
    one_sort = comparisons(lambda: tab.proxy.sort(number, QtNames.SortOrder.AscendingOrder))
    assert 0 < built <= one_sort
