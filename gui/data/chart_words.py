"""What the survey results chart is given (each wave's cells for one measure) and what it shows,
in words, for a screen reader. Apart from the chart (``results_chart``) so that the results page
can prepare what to draw without loading pyqtgraph, which the chart is made with only when first
needed."""

from __future__ import annotations

from dataclasses import dataclass

from services.data.survey_results import Cell, GroupReport


@dataclass(frozen=True)
class WaveCells:
    label: str
    cells: dict[str, Cell]  # group -> cell for the measure


def _pct(cell: Cell | None) -> str:
    return f"{cell.pct_favorable:.0f}%" if cell is not None and cell.shown and cell.pct_favorable is not None \
        else "withheld"


def bars_summary(measure: str, groups: list[str], waves: list[WaveCells]) -> str:
    """What the bar chart shows, in words, for a screen reader: each wave's percent favorable by group."""
    parts = [f"Percent favorable for \u201c{measure}\u201d by group."]
    for wave in waves[-4:]:
        parts.append(f"{wave.label}: " + "; ".join(f"{g} {_pct(wave.cells.get(g))}" for g in groups) + ".")
    return " ".join(parts)


def heat_summary(report: GroupReport, measures: list[str]) -> str:
    """What the heat map shows, in words: each domain's percent favorable by group."""
    groups = list(report.groups)
    lines = [f"Percent favorable for {len(measures)} domains by {len(groups)} groups."]
    for measure in measures:
        lines.append(f"{measure}: " + "; ".join(f"{g} {_pct(report.cell(g, measure))}" for g in groups) + ".")
    return " ".join(lines)
