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
    if min_gap <= 0:
        return placed
    # Each point joins the earliest group whose first point lies within min_gap of it. Groups are
    # filed by the grid cell (min_gap wide) of their first point, so only the 3 x 3 cells around a
    # point can hold such a group: the cost grows with the points, not with points x groups (500
    # actions on the screen redraw within a frame; 2,000 do not take sixteen times as long).
    groups: list[list[int]] = []
    firsts: list[tuple[float, float]] = []  # each group's first point
    cells: dict[tuple[int, int], list[int]] = {}  # cell -> the groups starting there, oldest first
    # Ratings are whole numbers, so most points share their place with others (500 actions rated
    # by five: some 160 places): a point where an earlier one lies joins that one's group (the
    # earliest group near a place stays the earliest, or is the one its first point began there),
    # so each place is looked for once.
    at_place: dict[tuple[float, float], int] = {}
    hypot, floor = math.hypot, math.floor
    for i, (x, y) in enumerate(points):
        joined = at_place.get((x, y), -1)
        if joined >= 0:
            groups[joined].append(i)
            continue
        cx, cy = floor(x / min_gap), floor(y / min_gap)
        for cell in ((cx, cy), (cx - 1, cy), (cx + 1, cy), (cx, cy - 1), (cx, cy + 1),
                     (cx - 1, cy - 1), (cx + 1, cy - 1), (cx - 1, cy + 1), (cx + 1, cy + 1)):
            for g in cells.get(cell, ()):
                if joined >= 0 and g > joined:
                    break  # a later group than the one found; the cell's groups are oldest first
                gx, gy = firsts[g]
                if hypot(x - gx, y - gy) < min_gap:
                    joined = g
                    break
        if joined < 0:
            joined = len(groups)
            cells.setdefault((cx, cy), []).append(joined)
            groups.append([i])
            firsts.append((x, y))
        else:
            groups[joined].append(i)
        at_place[(x, y)] = joined
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
