"""The Qt binding we pin must not corrupt Python's reference counts.

PySide6 6.12.0 under Python 3.11 dropped a reference to None on every call of a Qt method that
returns nothing; after a few thousand calls (dragging a point on the matrix is enough) the
interpreter aborts with "deallocating None". This catches that class of bug before users do.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsRectItem, QLabel


def test_calling_void_qt_methods_keeps_none_alive(qapp):
    label = QLabel()
    item = QGraphicsRectItem()
    before = sys.getrefcount(None)
    for n in range(500):
        label.setText(str(n))
        item.setVisible(True)
        item.setPos(n, n)
    # Unrelated code may take or drop a handful of references meanwhile; a leak is 1,500.
    assert abs(sys.getrefcount(None) - before) < 100
