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
