"""The Data tab is built without its results chart (a pyqtgraph plot, the dearest widget the tab
has, and pyqtgraph itself a quarter of a second to load): the chart is made once there are results
to draw, and then draws the row selected meanwhile."""

from __future__ import annotations

from gui.data.results_chart import ResultsChart
from tests.test_gui_data import settled
from tests.test_gui_team import click_cell, click_tab


def test_the_results_chart_is_made_for_the_first_results_and_shows_the_selected_row(qtbot, window):
    click_tab(qtbot, window, "Data")
    tab = window.tab("data")
    page = tab.results_page
    assert tab.selected_wave() is not None  # the sample's wave, being read
    assert not page.findChildren(ResultsChart)  # built without it: nothing to draw yet
    settled(qtbot, tab)
    qtbot.waitUntil(lambda: bool(page.findChildren(ResultsChart)))
    (chart,) = page.findChildren(ResultsChart)
    assert chart is page.chart and chart.isVisible()
    measure = page.model.measures[2]
    click_cell(qtbot, page.view, 2, 0)
    assert chart.mode == "bars" and f"\u201c{measure}\u201d" in chart.accessibleDescription()


def test_the_data_tabs_code_loads_without_pyqtgraph():
    """Loaded with the chart's own module, not with the tab's."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; import gui.data.data_tab; print('pyqtgraph' in sys.modules); "
            "import gui.data.results_chart; print('pyqtgraph' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout.split()
    assert out == ["False", "True"]


def _bars_by_wave(chart) -> dict[str, list[float]]:
    import pyqtgraph as pg

    return {item.name(): [float(h) for h in item.opts["height"]]
            for item in chart.getPlotItem().items if isinstance(item, pg.BarGraphItem) and item.name()}


def test_moving_down_the_results_redraws_the_bars_and_keeps_the_legend(qtbot, window):
    """A person going down the results table sees each measure's bars; the legend (which waves, what
    no bar means) says the same, so it is kept, not laid out again for every row."""
    click_tab(qtbot, window, "Data")
    page = settled(qtbot, window.tab("data")).results_page
    qtbot.waitUntil(lambda: bool(page.findChildren(ResultsChart)))
    chart = page.chart
    click_cell(qtbot, page.view, 1, 0)
    legend = [label for _sample, label in chart.legend.items]
    before = _bars_by_wave(chart)
    click_cell(qtbot, page.view, 4, 0)
    measure = page.model.measures[4]
    assert [label for _sample, label in chart.legend.items] == legend  # the same label items, not made again
    after = _bars_by_wave(chart)
    assert after != before and list(after)[-1] == page.wave.label  # the latest wave's bars come last
    shown = [page.report.cell(g, measure).pct_favorable for g in page.report.groups
             if page.report.cell(g, measure).shown and page.report.cell(g, measure).pct_favorable is not None]
    assert after[page.wave.label] == [float(v) for v in shown]
    assert f"\u201c{measure}\u201d" in chart.accessibleDescription()
