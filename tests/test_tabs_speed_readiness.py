"""The Readiness tab opens on its Answers page; the Results page's chart (a pyqtgraph plot, the
dearest widget the tab has) is made when that page is first shown, and then shows the round
selected before it was made."""

from __future__ import annotations

from gui.readiness.distribution_chart import DistributionChart
from gui.readiness.results_panel import chart_description
from tests.test_gui_readiness import open_readiness


def test_the_results_chart_is_made_when_its_page_is_first_shown_and_shows_the_round(qtbot, window):
    tab = open_readiness(qtbot, window)
    assert tab.pages.currentIndex() == 0  # the Answers page
    assert not tab.results.findChildren(DistributionChart)  # no chart made with the tab
    tab.pages.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(tab.results.findChildren(DistributionChart)))
    (chart,) = tab.results.findChildren(DistributionChart)
    assert chart.isVisible() and chart is tab.results.chart
    qtbot.waitUntil(lambda: tab.results.results is not None and ":" in chart.accessibleDescription())
    assert chart.accessibleDescription() == chart_description(tab.results.results)  # the round on the page


def test_the_readiness_tabs_code_loads_without_pyqtgraph():
    """pyqtgraph (a quarter of a second to import) is loaded when the chart is first made, not with the
    tab, whose first showing would otherwise wait for it."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; import gui.readiness.readiness_tab; "
            "print('pyqtgraph' in sys.modules); import gui.readiness.distribution_chart; print('pyqtgraph' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout.split()
    assert out == ["False", "True"]
