"""A full redraw of the priority matrix draws again only the layers that look different (issue 21:
a redraw within a frame on 500 actions).

The board is read whole after an edit that can move every rank (a criterion score): every record is
new, but the points stay where they were and look as they did, so no point is made again and the
numbers and the raters' spread are not drawn again; a change of filter still draws what it changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.priorities import matrix_view
from tests.test_gui_priorities import item_by_title, open_priorities
from tests.test_gui_team import click_cell
from tests.test_matrix_drop import same_picture

TITLE = "Give counselors and psychologists a private office in every school"


class Drawn:
    """How often the matrix's layers were drawn anew: its points made again, its numbers and its
    spread bars drawn whole again."""

    def __init__(self, monkeypatch):
        self.points = self.numbers = self.bars = 0
        for owner, name, counter in ((matrix_view._Points, "setData", "points"),
                                     (matrix_view._Labels, "redraw_all", "numbers"),
                                     (matrix_view._Bars, "redraw_all", "bars")):
            real = getattr(owner, name)
            monkeypatch.setattr(owner, name, self._counting(real, counter))

    def _counting(self, real, counter: str):
        def counted(obj, *args, **kwargs):
            setattr(self, counter, getattr(self, counter) + 1)
            return real(obj, *args, **kwargs)
        return counted


def score_a_criterion(qtbot, tab) -> None:
    """Lower the selected action's first ranking criterion by one (the arrow key)."""
    details = tab.details
    bar = details.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(details.count() - 1).center())
    spin = next(iter(details.criterion_spins.values()))
    qtbot.waitUntil(spin.isVisible)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    qtbot.keyClick(spin, Qt.Key.Key_Down)


def test_a_whole_read_that_leaves_every_point_as_it_was_draws_no_layer_again(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    matrix = tab.matrix
    item = item_by_title(window, TITLE)
    click_cell(qtbot, tab.list_view, tab.proxy.row_of(item.id), tab.model.column_of("title"))
    picture = matrix.grab().toImage()
    drawn = Drawn(monkeypatch)
    redraws: list[int] = []
    real_set_items = matrix.set_items
    monkeypatch.setattr(matrix, "set_items", lambda items, *a: redraws.append(len(items)) or real_set_items(items, *a))

    score_a_criterion(qtbot, tab)
    qtbot.waitUntil(lambda: tab.model.board.item(item.id).score != item.score)

    assert redraws  # the matrix was redrawn from the board read whole...
    assert (drawn.points, drawn.numbers, drawn.bars) == (0, 0, 0)  # ...and nothing on it drawn anew
    assert matrix._shown == [i for i in tab.proxy.visible_items() if i.impact is not None and i.ease is not None]
    assert same_picture(matrix.grab().toImage(), picture)


def test_a_filter_change_draws_the_layers_it_changes(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    drawn = Drawn(monkeypatch)
    shown_before = len(tab.matrix._shown)
    qtbot.mouseClick(tab.discussion_filter, Qt.MouseButton.LeftButton)
    assert tab.discussion_filter.isChecked()
    assert 0 < len(tab.matrix._shown) < shown_before
    assert (drawn.points, drawn.numbers, drawn.bars) == (1, 1, 1)
    assert all(i.needs_discussion for i in tab.matrix._shown)


def test_a_part_drawn_again_draws_only_the_numbers_that_reach_it(qapp):
    """A drop draws the numbers again only where the moved ones were and are; a number is drawn
    into such a part if it or its contract badge reaches it (not every number within 48 pixels:
    after a drop into a crowd that was most of the matrix, each number drawn and then clipped)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont

    labels = matrix_view._Labels(QFont())
    dx, dy = matrix_view._pixel(labels)  # (a guess of the pixel's size: not in a view)
    xs = [3.0, 3.0 + 30 * dx, 3.0 + 20 * dx, 3.0 + 20 * dx, 3.0 + 6 * dx]
    ys = [3.0, 3.0, 3.0 - 25 * dy, 3.0 - 25 * dy, 3.0]
    labels.set_labels(xs, ys, ["12", "13", "14", "16", "15"], [False] * 5, [False, False, True, False, False])
    part = QRectF(3.0 - dx, 3.0 - dy, 2 * dx, 2 * dy)  # two pixels round the first point
    near = matrix_view._near(labels, labels._xy, [part], labels._reach()).tolist()
    # Its own number, and one 6 pixels off, reach it; one 30 pixels off does not; of two 20 pixels
    # across and 25 below, the one with a badge (drawn up and to the right of its point) may.
    assert near == [True, False, True, False, True]
