"""Downsampling a long curve to what a plot can show: per pixel column its first, lowest,
highest and last point ("M4"), in their order. A line through these points lights the same
pixels as the line through all of them (a spike in a hundred thousand batches is still drawn),
and there are at most four points per column however long the run. No Qt: pure NumPy.

``Decimator`` keeps the result between frames: while the view stays the same and the data
only grow, only the new points (and the column that was still open) are looked at, so a
frame costs the same after a thousand batches or a million.
"""
from __future__ import annotations

import numpy as np

SMALL = 2          # up to this many points per column in view: all of them are drawn


def m4_indices(x: np.ndarray, y: np.ndarray, start: int, stop: int, x0: float, x1: float,
               width: float, left: float = 0.0) -> tuple[np.ndarray, int]:
    """Indices (into ``x``, ascending) of the points of ``x[start:stop]`` to draw on a view of
    ``x0``..``x1`` that is ``width`` pixels wide and begins ``left`` pixels into the device
    (its pixel columns are then the device's), and the index where the last column's points
    begin (it may still grow). ``x`` ascending, ``y`` finite; points left of ``x0`` share a
    column, as do those right of ``x1``."""
    xs, ys = x[start:stop], y[start:stop]
    if not len(xs):
        return np.empty(0, dtype=np.intp), start
    col = np.floor(left + (xs - x0) * (width / (x1 - x0)))
    np.clip(col, np.floor(left) - 1, np.floor(left + width) + 1, out=col)
    edges = np.flatnonzero(col[1:] != col[:-1]) + 1
    first = np.concatenate(([0], edges))
    last = np.concatenate((edges, [len(xs)])) - 1
    lengths = last - first + 1
    lo_hits = np.flatnonzero(ys == np.repeat(np.minimum.reduceat(ys, first), lengths))
    hi_hits = np.flatnonzero(ys == np.repeat(np.maximum.reduceat(ys, first), lengths))
    # the first point of each column that has its lowest (highest) value
    lo = lo_hits[np.minimum(np.searchsorted(lo_hits, first), len(lo_hits) - 1)]
    hi = hi_hits[np.minimum(np.searchsorted(hi_hits, first), len(hi_hits) - 1)]
    idx = np.column_stack((first, np.minimum(lo, hi), np.maximum(lo, hi), last)).ravel()
    idx = idx[np.concatenate(([True], idx[1:] != idx[:-1]))]     # each point once
    return idx + start, int(first[-1]) + start


class Decimator:
    """The points of one growing curve to draw on a view, kept between frames."""

    def __init__(self):
        self.generation = 0       # changes when the points are taken afresh
        self.stable = 0           # leading points of the last answer that stay while it holds
        self.reset()

    def reset(self) -> None:
        self._key: tuple | None = None
        self._done = np.empty(0, dtype=np.intp)   # points of the columns that are complete
        self._upto = 0                            # where the open column begins
        self.generation += 1
        self.stable = 0

    def indices(self, x: np.ndarray, y: np.ndarray, x0: float, x1: float, width: float,
                left: float = 0.0, version=None) -> np.ndarray:
        """Indices of the points of ``x``, ``y`` to draw on ``x0``..``x1`` (``width`` pixels,
        from ``left``; one point either side of the view, so the line runs to its edges).
        ``version`` changes whenever earlier points changed (not just new ones appended)."""
        n = len(x)
        if n == 0 or not x1 > x0 or not width > 0:
            self.reset()
            return np.arange(n)
        begin = max(int(np.searchsorted(x, x0, "left")) - 1, 0)
        stop = min(int(np.searchsorted(x, x1, "right")) + 1, n)
        small = stop - begin <= SMALL * width     # few enough: every point
        key = (float(x0), float(x1), float(width), float(left), version, small)
        if key != self._key or n < self._upto or self._upto < begin:
            self.reset()
            self._key, self._upto = key, begin
        if small:
            self.stable = max(stop - begin - 1, 0)     # all final but the newest
            return np.arange(begin, stop)
        idx, open_at = m4_indices(x, y, self._upto, stop, x0, x1, width, left)
        out = np.concatenate((self._done, idx))
        self._done = np.concatenate((self._done, idx[idx < open_at]))
        self._upto = open_at
        self.stable = len(self._done)
        return out
