"""Keep numbered points on the priority matrix readable when several sit at the same place.

Ratings are whole numbers, so many actions share a position. Points closer than ``min_gap`` are
fanned out on a small ring around their common centre, in number order, so each number can be
read and the ring still shows where they all are; two close points keep their side of each other. Used by the screen and the printed chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def fan_out(points: Sequence[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    """Display positions for ``points`` (same order); crowded groups move onto a ring."""
    placed: list[tuple[float, float]] = list(points)
    groups: list[list[int]] = []
    for i, (x, y) in enumerate(points):
        for group in groups:
            gx, gy = points[group[0]]
            if math.hypot(x - gx, y - gy) < min_gap:
                group.append(i)
                break
        else:
            groups.append([i])
    for group in groups:
        if len(group) == 1:
            continue
        cx = sum(points[i][0] for i in group) / len(group)
        cy = sum(points[i][1] for i in group) / len(group)
        # A ring just big enough that neighbours on it are min_gap apart.
        radius = max(min_gap * 0.75, min_gap / (2 * math.sin(math.pi / len(group))))
        # The ring turns so the first point moves the way it already lies from the centre: two
        # points side by side spread sideways (not one onto a neighbour above or below); points
        # at the very same place start at the top.
        fx, fy = points[group[0]][0] - cx, points[group[0]][1] - cy
        start = math.atan2(fy, fx) if math.hypot(fx, fy) > 1e-9 else math.pi / 2
        for n, i in enumerate(group):
            angle = start - 2 * math.pi * n / len(group)
            placed[i] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return placed
