"""The Readiness results' chart: stacked horizontal bars, one per item, each answer's count in the
scale's colour. A module of its own because it needs pyqtgraph, which the Results page imports
only when it is first shown (``ResultsPanel.chart``)."""

from __future__ import annotations

import pyqtgraph as pg

from gui.readiness.results_panel import chart_description, whole_number_ticks
from models.instrument import DONT_KNOW
from services.readiness.readiness_results import RoundResults
from services.scale_colors import DONT_KNOW_COLOR, scale_colors


class DistributionChart(pg.PlotWidget):
    """Stacked horizontal bars: one per item, each answer's count in the scale's colour."""

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.getPlotItem().invertY(True)
        self.getPlotItem().setLabel("bottom", "Respondents")
        self.legend = self.getPlotItem().addLegend(offset=(-5, 5), labelTextColor="#1F2933", brush="#FFFFFFDD")
        self.setAccessibleName("Chart of the answers to each item")
        self.setAccessibleDescription("No round's answers to show.")
        self._keys: list[str] = []

    def show_results(self, results: RoundResults | None) -> None:
        plot = self.getPlotItem()
        plot.clear()
        self.legend.clear()
        if results is None or not results.reading.items:
            self.setAccessibleDescription("No round's answers to show.")
            self.setToolTip("")
            self._keys = []
            return
        scale = results.data.instrument.scale
        items = results.reading.items
        values = [*scale.values] + ([DONT_KNOW] if scale.dont_know else [])
        colors = {v: scale_colors(scale.points)[v - 1] for v in scale.values} | {DONT_KNOW: DONT_KNOW_COLOR}
        left = [0.0] * len(items)
        ys = list(range(len(items)))
        for v in values:
            widths = [float(i.reading.count(v)) for i in items]
            bars = pg.BarGraphItem(x0=left, y=ys, height=0.7, width=widths, brush=colors[v],
                                   pen=pg.mkPen("w", width=0.5), name=scale.label(v))
            plot.addItem(bars)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        self._keys = [i.key for i in items]
        self._label_items()
        plot.setYRange(-0.6, len(items) - 0.4, padding=0)
        top = max(max(left), 1) * 1.6  # room on the right for the legend
        plot.getAxis("bottom").setTicks([whole_number_ticks(top), []])
        plot.setXRange(0, top, padding=0)
        described = chart_description(results)
        self.setAccessibleDescription(described)
        self.setToolTip("Answers per item (bar lengths are numbers of respondents):\n" + described.replace(". ", ".\n"))


    def _label_items(self) -> None:
        """Every item's key down the side where there is room; on a short chart every second or
        third, so the keys never print over each other (every bar keeps its tick)."""
        if not self.__dict__.get("_keys"):  # (also called while the widget is being built)
            return
        room = max(1, self.getPlotItem().getViewBox().height() or self.height() - 60)
        every = max(1, -(-len(self._keys) * 14 // int(room)))  # a key needs about 14 pixels
        labelled = [(y, key) for y, key in enumerate(self._keys) if y % every == 0]
        self.getPlotItem().getAxis("left").setTicks([labelled, [(y, "") for y in range(len(self._keys))]])

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._label_items()
