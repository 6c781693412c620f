"""Survey charts (pyqtgraph): one measure's percent favorable by group, with waves side by side
when the measure is in more than one wave; or a heat map of the domains by group.

Colours come from the orange-to-blue scheme the readiness charts use, which stays apart for the
common kinds of colour blindness; withheld groups get no bar or colour at all, only a label.
What the chart is given and says in words is ``chart_words``, which the results page imports
without pyqtgraph.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from gui.data.chart_words import WaveCells, bars_summary, heat_summary
from gui.widgets.word_elision import cut_at_word, wrapped
from services.data.survey_results import GroupReport
from services.scale_colors import text_color_on

# Oldest first; the latest wave is always dark blue, earlier ones lighter, then orange.
WAVE_COLORS = {1: ("#2166AC",), 2: ("#92C5DE", "#2166AC"), 3: ("#FDB863", "#92C5DE", "#2166AC"),
               4: ("#E08214", "#FDB863", "#92C5DE", "#2166AC")}
WITHHELD_COLOR = "#E4E7EB"
HEAT = ("#B35806", "#E08214", "#FDB863", "#D9D9D9", "#92C5DE", "#4393C3", "#2166AC")


def heat_color(pct: float) -> str:
    """0% favorable is dark orange, 100% dark blue."""
    return HEAT[min(len(HEAT) - 1, int(pct / 100 * len(HEAT)))]


class ResultsChart(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.legend = self.getPlotItem().addLegend(offset=(-5, 2), labelTextColor="#1F2933", brush="#FFFFFFDD",
                                                   colCount=4)  # one row across the top
        self.texts: list[pg.TextItem] = []
        self.getPlotItem().getAxis("bottom").setHeight(58)  # room for three-line group names, or two and "(withheld)"
        self.mode = "bars"
        self._drawn: tuple | None = None  # (method, arguments) of what is shown, to redraw at a new width
        # The bar chart's frame (its waves' bars and the legend naming them, and the title) is kept
        # while only the measure changes: a person moving down the results table redraws bars, not
        # the legend, whose labels pyqtgraph lays out as rich text (about 40 ms each).
        self._bars: list[pg.BarGraphItem] = []
        self._bars_frame: tuple | None = None
        self._title: str | None = None

    def _label_width(self, columns: int, names: list[str]) -> int:
        """How many characters of a group's name fit under its bars at the chart's width. In a narrow
        window the labels get a smaller font first, so the longest word still fits whole."""
        room = max(1, self.width() - 90) / max(1, columns)
        longest = max((len(word) for name in names for word in name.split()), default=8)
        base = QFont(self.font())
        size = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
        char = max(1.0, QFontMetricsF(base).averageCharWidth())
        scale = min(1.0, max(0.7, (room - 4) / (longest * char)))
        font = QFont(base)
        font.setPointSizeF(size * scale)
        self.getPlotItem().getAxis("bottom").setStyle(tickFont=font)
        return max(6, min(16, int((room - 4) / (char * scale))))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        drawn = getattr(self, "_drawn", None)  # pyqtgraph resizes while it is being built
        if drawn is not None and event.oldSize().width() != event.size().width():
            method, args = drawn
            self._drawn = self._bars_frame = None  # drawn again whole: the labels' room changed
            method(*args)

    def _reset(self) -> pg.PlotItem:
        plot = self.getPlotItem()
        plot.clear()
        self.legend.clear()
        self.legend.setVisible(True)
        self.texts, self._bars, self._bars_frame = [], [], None
        plot.invertY(False)
        plot.showGrid(x=False, y=False)
        plot.getAxis("left").setTicks(None)
        return plot

    def _set_title(self, text: str) -> None:
        if text != self._title:
            self._title = text
            self.getPlotItem().setTitle(text, color="#1F2933", size="10pt")

    def show_bars(self, measure: str, groups: list[str], waves: list[WaveCells], min_size: int = 5) -> None:
        """Percent favorable for ``measure``: a bar per group, one colour per wave."""
        drawn = (self.show_bars, (measure, groups, waves, min_size))
        if drawn == self._drawn:  # (the results page asks again as its table's selection settles)
            return
        self.mode, self._drawn = "bars", drawn
        waves = waves[-4:]  # the latest four waves
        rule = (f"no bar: withheld (under {min_size} respondents, or to protect a small group)" if self.width() >= 820
                else "no bar: withheld")  # the note under the table says why
        frame = (tuple(wave.label for wave in waves), rule) if groups and waves else None
        if frame is None or frame != self._bars_frame:
            plot = self._reset()
        else:
            plot = self.getPlotItem()
        self._set_title(cut_at_word(measure, 90))
        if frame is None:
            self.setAccessibleDescription("No results to chart: select a row of the results table.")
            return
        width = 0.8 / len(waves)
        if frame != self._bars_frame:
            colors = WAVE_COLORS[len(waves)]
            self._bars = [pg.BarGraphItem(x=[], height=[], width=width * 0.92, brush=colors[w],
                                          pen=pg.mkPen("#FFFFFF", width=0.5), name=wave.label)
                          for w, wave in enumerate(waves)]
            for bars in self._bars:
                plot.addItem(bars)
            # the rule, in the legend: a group with no bar is withheld, not zero
            self.legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=WITHHELD_COLOR,
                                                pen=pg.mkPen("#9AA5B1")), rule)
            self._bars_frame = frame
        for w, wave in enumerate(waves):
            xs, heights = [], []
            for g, group in enumerate(groups):
                cell = wave.cells.get(group)
                if cell is not None and cell.shown and cell.pct_favorable is not None:
                    xs.append(g - 0.4 + width * (w + 0.5))
                    heights.append(cell.pct_favorable)
            self._bars[w].setOpts(x=xs, height=heights)
        latest = waves[-1]
        label_width = self._label_width(len(groups), groups)
        ticks = []
        for g, group in enumerate(groups):
            cell = latest.cells.get(group)
            withheld = cell is None or not cell.shown
            ticks.append((g, wrapped(group, label_width, 2 if withheld else 3)
                          + ("\n(withheld)" if withheld else "")))
        plot.getAxis("bottom").setTicks([ticks])
        plot.getAxis("left").setLabel("% favorable")
        plot.getAxis("left").setTicks([[(v, str(v)) for v in (0, 25, 50, 75, 100)]])
        plot.setYRange(0, 125, padding=0)  # headroom for the legend above the bars
        plot.setXRange(-0.6, len(groups) - 0.4, padding=0)
        self.setAccessibleDescription(bars_summary(measure, groups, waves))

    def show_heat_map(self, report: GroupReport, measures: list[str]) -> None:
        """Percent favorable for each measure (rows) and group (columns); withheld cells stay grey."""
        min_size = report.min_size
        drawn = (self.show_heat_map, (report, measures))
        if drawn == self._drawn:
            return
        self.mode, self._drawn = "heat", drawn
        plot = self._reset()
        self._set_title(f"% favorable by group (orange low, blue high; grey \u2014 withheld: under {min_size} "
                        "respondents)")
        self.legend.setVisible(False)
        plot.getAxis("left").setLabel("")
        plot.invertY(True)
        groups = list(report.groups)
        xs, ys, brushes = [], [], []
        for r, measure in enumerate(measures):
            for c, group in enumerate(groups):
                cell = report.cell(group, measure)
                shown = cell.shown and cell.pct_favorable is not None
                color = heat_color(cell.pct_favorable) if shown else WITHHELD_COLOR
                xs.append(c)
                ys.append(r)
                brushes.append(QColor(color))
                label = f"{cell.pct_favorable:.0f}" if shown else "\u2014"
                text = pg.TextItem(label, color=text_color_on(color), anchor=(0.5, 0.5))
                text.setPos(c, r)
                text.setZValue(10)  # above the coloured cells
                plot.addItem(text)
                self.texts.append(text)
        plot.addItem(pg.BarGraphItem(x=xs, y=ys, width=0.96, height=0.96, brushes=brushes,
                                     pen=pg.mkPen(None)))
        width = self._label_width(len(groups) + 2, groups)  # the domains' names take the left
        plot.getAxis("bottom").setTicks([[(c, wrapped(g, width, 3)) for c, g in enumerate(groups)]])
        plot.getAxis("left").setTicks([[(r, cut_at_word(m, 34)) for r, m in enumerate(measures)]])
        plot.setXRange(-0.5, len(groups) - 0.5, padding=0)
        plot.setYRange(-0.5, len(measures) - 0.5, padding=0)
        self.setAccessibleDescription(heat_summary(report, measures))
