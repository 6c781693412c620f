"""Colours for the points of an ordered scale, shared by the screen and the printouts.

An orange-to-blue diverging scheme (ColorBrewer PuOr/RdBu family): the ends stay apart for the
common kinds of colour blindness and in greyscale, which stacked bars of "not yet ... established"
need. "Don't know" is a neutral grey, outside the order.
"""

from __future__ import annotations

# Lowest to highest, for up to seven points; fewer points take evenly spread entries.
_RAMP = ("#B35806", "#E08214", "#FDB863", "#D9D9D9", "#92C5DE", "#4393C3", "#2166AC")
_BY_POINTS = {
    2: ("#E08214", "#2166AC"),
    3: ("#E08214", "#D9D9D9", "#2166AC"),
    4: ("#E08214", "#FDB863", "#92C5DE", "#2166AC"),
    5: ("#B35806", "#FDB863", "#D9D9D9", "#92C5DE", "#2166AC"),
}
DONT_KNOW_COLOR = "#9E9E9E"


def scale_colors(points: int) -> tuple[str, ...]:
    if points in _BY_POINTS:
        return _BY_POINTS[points]
    # Spread over the ramp; longer agreement scales (8-10 points) repeat neighbours rather than
    # invent colours.
    step = (len(_RAMP) - 1) / (points - 1)
    return tuple(_RAMP[round(i * step)] for i in range(points))


def text_color_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"
