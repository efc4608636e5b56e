"""Axis ranges that follow live data in steps rather than every frame.

A plot whose range changes lays its axes out again (ticks, labels) and repaints all of
itself, its axes and its linked plots, often twice (pyqtgraph's auto-range runs while the
view paints and asks for another paint). Ranges that only move when the data outgrow them
leave most frames with nothing to repaint but the items whose data changed.
"""
from __future__ import annotations

import math

from ..metric_axes import nice_ceiling

GROWTH = 1.5           # an axis that has to grow gets this much room beyond the data
#                        (the iteration axes of the Loss and the Distributions panels)
COUNT_STEPS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)   # a count axis's ends


def grown_end(last: float, end: float, minimum: float = 200.0, growth: float = GROWTH) -> float | None:
    """The new end of an axis from 0 that has to show ``last`` (the newest step): None
    (keep ``end``) while ``last`` fits, else ``growth`` × ``last``, at least ``minimum``."""
    if 0 < end and last <= end:
        return None
    return max(minimum, growth * last)


def fitted_range(lo: float, hi: float, current: tuple[float, float] | None,
                 margin: float = 0.05, room: float = 0.25, fill: float = 0.5) -> tuple[float, float] | None:
    """A range for values from ``lo`` to ``hi``: None (keep ``current``) while it holds them
    and they fill at least ``fill`` of it. Values that grew out of it get ``room`` × their
    span beyond them on that side (room to grow before the next change); a first range, or
    one the values fill too little of, has ``margin`` × their span on each side."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    span = hi - lo if hi > lo else max(abs(hi), 1e-9)
    if current is not None and hi - lo >= fill * (current[1] - current[0]):
        c_lo, c_hi = current
        if c_lo <= lo and hi <= c_hi:
            return None
        return (c_lo if c_lo <= lo else lo - room * span), (c_hi if hi <= c_hi else hi + room * span)
    return lo - margin * span, hi + margin * span


def count_end(needed: float, end: float, fill: float = 0.4, room: float = 1.2) -> float | None:
    """The end of a count axis from 0 that must reach ``needed``: None (keep ``end``) while
    ``needed`` fits and fills at least ``fill`` of it, else the round number at or above
    ``room`` × ``needed`` (a histogram's bins jump by half or double from one sample to the
    next: the axis should not)."""
    if 0 < end and fill * end <= needed <= end:
        return None
    new = nice_ceiling(room * needed, COUNT_STEPS)
    return None if new == end else new
