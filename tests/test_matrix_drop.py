"""A drop on the priority matrix updates what it changed, and only that (issue 21).

With 500 candidate actions a finished drag has to fit in two frames, so a drop re-reads the one
action from the plan, tells the list that one row changed (no model reset), and moves that one
point on the matrix (the other points stay the very same items). These tests drag with the mouse
on the sample plan and check what a facilitator sees: the point where it was dropped, the row's new
position and quadrant, the counts, and undo putting everything back, just as narrowly.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from gui.plan_context import ACTIONS
from services.priorities.priority_board import load_board
from tests.test_gui_priorities import drag, enlarge, item_by_title, open_priorities, viewport_pos

TITLE = "Take non-counseling duties (lunch, bus duty) off providers' schedules"


class Signals:
    """What the list model told its views, from the moment it is made."""

    def __init__(self, model):
        self.resets = 0
        self.layouts = 0
        self.rows_moved_in_or_out = 0
        self.changed_rows: list[tuple[int, int]] = []
        self.changed_columns: list[tuple[int, int]] = []
        model.modelReset.connect(lambda: self._count("resets"))
        model.layoutChanged.connect(lambda *_a: self._count("layouts"))
        model.rowsInserted.connect(lambda *_a: self._count("rows_moved_in_or_out"))
        model.rowsRemoved.connect(lambda *_a: self._count("rows_moved_in_or_out"))
        model.dataChanged.connect(lambda top, bottom, *_a: self.changed_rows.append((top.row(), bottom.row())))
        model.dataChanged.connect(lambda top, bottom, *_a: self.changed_columns.append((top.column(), bottom.column())))

    def _count(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)


def points_of(matrix) -> dict[int, tuple[float, float]]:
    """Where each action's point is drawn, by action id."""
    data = matrix._points.data
    return {int(i): (float(x), float(y)) for i, x, y in zip(data["data"], data["x"], data["y"], strict=True)}


def same_picture(a, b) -> bool:
    """The same picture to the eye: no pixel off by more than a rounding (a number or bar left
    behind, or missing, is off by a hundred or more)."""
    def pixels(image):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        # Copied while the converted image lives: the buffer is its memory, freed with it.
        return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine()).copy()

    return a.size() == b.size() and int(np.abs(pixels(a).astype(int) - pixels(b).astype(int)).max()) <= 8


def cell(tab, item_id: int, key: str) -> str:
    return tab.model.data(tab.model.index(tab.model.row_of(item_id), tab.model.column_of(key)))


def test_a_drop_changes_one_row_and_one_point_and_undo_puts_them_back(qtbot, window):
    tab = open_priorities(qtbot, window)
    enlarge(qtbot, window, tab.matrix)
    matrix = tab.matrix
    item = item_by_title(window, TITLE)
    assert (item.quadrant_label, item.has_agreed_position) == ("Do it next", False)
    # The point stands alone where it is, and the empty corner it goes to keeps it alone: no crowd
    # fans out differently, so no other point has any reason to move.
    assert points_of(matrix)[item.id] == (item.ease, item.impact)
    others_before = {i: p for i, p in points_of(matrix).items() if i != item.id}
    assert all(abs(x - 1.3) > 0.6 or abs(y - 1.3) > 0.6 for x, y in others_before.values())
    spots_before = {int(s.data()): s for s in matrix._points.points()}
    reconsider = sum(1 for i in tab.model.board.items if i.quadrant_label == "Reconsider" and i.in_play)
    announced: list[frozenset[str]] = []
    window.context.changed.connect(announced.append)
    signals = Signals(tab.model)

    drag(qtbot, matrix, viewport_pos(matrix, item.ease, item.impact), viewport_pos(matrix, 1.3, 1.3))

    moved = item_by_title(window, TITLE)  # as the plan file now holds it
    assert moved.has_agreed_position and abs(moved.ease - 1.3) < 0.15 and abs(moved.impact - 1.3) < 0.15
    # The list: that one row was told it changed, nothing was reset, and it shows the new place.
    row = tab.model.row_of(item.id)
    assert signals.changed_rows == [(row, row)]
    # Of that row, the cells that look different: its quadrant, impact and ease (painted again).
    model = tab.model
    assert signals.changed_columns == [(model.column_of("quadrant"), model.column_of("ease"))]
    assert (signals.resets, signals.layouts, signals.rows_moved_in_or_out) == (0, 0, 0)
    assert cell(tab, item.id, "impact") == f"{moved.impact:.1f}*" and cell(tab, item.id, "ease") == f"{moved.ease:.1f}*"
    assert cell(tab, item.id, "quadrant") == "Reconsider"
    assert tab.proxy.row_of(item.id) >= 0 and tab.selected_item().id == item.id
    # The matrix: the point and its number are where it was dropped; every other point is the same
    # item at the same place.
    assert points_of(matrix)[item.id] == (moved.ease, moved.impact)
    at = matrix._shown_at[item.id]
    assert matrix._labels_layer.text_at(at) == str(item.number)
    assert matrix._labels_layer.position_at(at) == (moved.ease, moved.impact)
    assert {i: p for i, p in points_of(matrix).items() if i != item.id} == others_before
    assert all(spot is spots_before[int(spot.data())] for spot in matrix._points.points())
    assert f"Reconsider {reconsider + 1}" in tab.counts_label.text()
    assert f"{item.number}. {item.title}" in matrix.accessibleDescription().rsplit("Reconsider: ", 1)[1]
    # Everyone else heard of it as of any edit of an action: the Overview, the printouts.
    assert any(ACTIONS in topics for topics in announced)

    signals.changed_rows.clear()
    window.context.undo_stack.undo()
    back = item_by_title(window, TITLE)
    assert not back.has_agreed_position and back.quadrant_label == "Do it next"
    assert signals.changed_rows == [(row, row)] and signals.resets == 0
    assert cell(tab, item.id, "quadrant") == "Do it next" and cell(tab, item.id, "impact") == f"{item.impact:.1f}"
    assert points_of(matrix)[item.id] == (item.ease, item.impact)
    assert {i: p for i, p in points_of(matrix).items() if i != item.id} == others_before
    assert f"Reconsider {reconsider}" in tab.counts_label.text()


def test_grabbing_a_point_selects_it_before_the_drop_and_the_drop_keeps_it_selected(qtbot, window):
    tab = open_priorities(qtbot, window)
    enlarge(qtbot, window, tab.matrix)
    matrix = tab.matrix
    item = item_by_title(window, TITLE)
    other = item_by_title(window, "Name a wellness contact in every school")
    tab.select_action(other.id)
    assert tab.selected_item().id == other.id
    start, end = viewport_pos(matrix, item.ease, item.impact), viewport_pos(matrix, 1.3, 1.3)
    viewport = matrix.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for n in range(1, 5):  # the mouse is still down: the point is being dragged
        qtbot.mouseMove(viewport, pos=start + (end - start) * n / 8)
    # Grabbed, it is the selected action everywhere, as a click makes it: the list's row (shown),
    # the details panel and the matrix's ring; nothing is written yet.
    assert tab.selected_item().id == item.id and matrix.selected_id() == item.id
    assert tab.details.item is not None and tab.details.item.id == item.id
    row = tab.proxy.row_of(item.id)
    assert tab.list_view.visualRect(tab.proxy.index(row, 0)).intersects(tab.list_view.viewport().rect())
    assert not item_by_title(window, TITLE).has_agreed_position
    for n in range(5, 9):
        qtbot.mouseMove(viewport, pos=start + (end - start) * n / 8)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert item_by_title(window, TITLE).has_agreed_position
    assert tab.selected_item().id == item.id and tab.details.item.id == item.id


def test_a_point_dropped_into_a_crowd_fans_it_out_as_a_full_redraw_would(qtbot, window, monkeypatch):
    tab = open_priorities(qtbot, window)
    enlarge(qtbot, window, tab.matrix)
    matrix = tab.matrix
    item = item_by_title(window, TITLE)
    crowd = item_by_title(window, "Name a wellness contact in every school")
    signals = Signals(tab.model)
    rebuilt = []
    monkeypatch.setattr(matrix, "set_items", lambda *a: rebuilt.append(a))
    matrix.setFocus()  # as the press will (the frame round the plot), drawn before the drag
    qtbot.waitUntil(matrix.hasFocus)
    matrix.viewport().repaint()
    drag(qtbot, matrix, viewport_pos(matrix, item.ease, item.impact), viewport_pos(matrix, crowd.ease, crowd.impact))
    assert signals.resets == 0 and len(signals.changed_rows) == 1 and rebuilt == []
    monkeypatch.undo()
    placed = points_of(matrix)
    # Both numbers can be read: the crowd's points moved apart onto a ring, as a full redraw places them.
    (ax, ay), (bx, by) = placed[item.id], placed[crowd.id]
    assert np.hypot(ax - bx, ay - by) >= matrix._gap() * 0.99
    labels = [matrix._labels_layer.position_at(n) for n in range(len(matrix._shown))]
    bars = matrix._spread.drawn()
    # Only the parts of the picture around the moved points were drawn again: nothing is left of
    # where the point was, and the picture is the one drawing everything again gives.
    picture = matrix.grab().toImage()
    tab._redraw()  # everything again, from the same board
    assert points_of(matrix) == placed
    assert [matrix._labels_layer.position_at(n) for n in range(len(matrix._shown))] == labels
    assert matrix._spread.drawn() == bars
    assert same_picture(matrix.grab().toImage(), picture)


def test_what_the_tab_shows_after_edits_of_one_action_is_what_the_plan_holds(qtbot, window):
    tab = open_priorities(qtbot, window)
    matrix = tab.matrix
    item = item_by_title(window, TITLE)
    tab.select_action(item.id)
    matrix.setFocus()
    qtbot.keyClick(matrix, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)  # a nudge: one undo step
    qtbot.keyClick(matrix, Qt.Key.Key_Left)
    ratings = tab.details.ratings_model
    ratings.setData(ratings.index(0, ratings.column_of("impact")), 1)  # a rating of the same action
    tab.details.owner_edit.setText("School psychologist")
    tab.details.owner_edit.editingFinished.emit()  # a detail

    plan = window.context.read(load_board)
    assert tab.model.board.items == plan.items
    assert [tab.model.record_at(r) for r in range(tab.model.rowCount())] == plan.items
    shown = tab.model.board.item(item.id)
    assert shown.discussion_owner == "School psychologist" and shown.ratings[0].impact == 1
    assert matrix._shown[matrix._shown_at[item.id]] == shown
    assert tab.details.item == shown
    placed = points_of(matrix)
    tab._redraw()
    assert points_of(matrix) == placed
