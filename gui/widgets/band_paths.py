"""Cheap shapes for live plots: a band between two curves and a histogram, each one
``QPainterPath`` (one item to update and paint), and a history reduced to what a view's
pixel columns can show.

Put the paths in a ``QGraphicsPathItem`` with a cosmetic pen (:func:`cosmetic_pen`) and add
it to a pyqtgraph plot: the view's auto-range uses the path's bounding rectangle.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPainterPath, QPen


def cosmetic_pen(colour) -> QPen:
    """A one-pixel pen whatever the axes' scales. Width 0, not a cosmetic width 1: with
    that a QGraphicsPathItem's bounding rectangle (which the view's auto-range uses) would
    grow by half a data unit on every side."""
    pen = pg.mkPen(colour)
    pen.setWidth(0)
    return pen


def band_envelope(x: np.ndarray, pct: np.ndarray, pixels: int) -> tuple[np.ndarray, np.ndarray]:
    """``x`` and the percentile columns (an odd number, ascending, the median in the middle)
    reduced to at most ``pixels`` points: per group of neighbouring points the lower
    percentiles' minimum, the upper ones' maximum and the median's mean, so the bands
    drawn cover every value they did at full length."""
    n = len(x)
    if n <= pixels:
        return x, pct
    starts = np.linspace(0, n, pixels, endpoint=False).astype(np.intp)
    sizes = np.diff(np.append(starts, n))
    out = np.empty((len(starts), pct.shape[1]))
    mid = pct.shape[1] // 2
    out[:, :mid] = np.minimum.reduceat(pct[:, :mid], starts, axis=0)
    out[:, mid + 1:] = np.maximum.reduceat(pct[:, mid + 1:], starts, axis=0)
    out[:, mid] = np.add.reduceat(pct[:, mid], starts) / sizes
    return np.add.reduceat(x, starts) / sizes, out


def band_path(x: np.ndarray, low: np.ndarray, high: np.ndarray) -> QPainterPath:
    """The closed region between two curves: ``high`` left to right, ``low`` back."""
    if len(x) == 0:
        return QPainterPath()
    path = pg.arrayToQPath(np.concatenate([x, x[::-1]]), np.concatenate([high, low[::-1]]))
    path.closeSubpath()
    return path


def histogram_path(counts: np.ndarray, edges: np.ndarray) -> QPainterPath:
    """Horizontal bars of length ``counts`` between consecutive ``edges``, as one outline."""
    counts = np.asarray(counts, dtype=float)
    if counts.size == 0:
        return QPainterPath()
    xs = np.concatenate([[0.0], np.repeat(counts, 2), [0.0]])
    path = pg.arrayToQPath(xs, np.repeat(np.asarray(edges, dtype=float), 2))
    path.closeSubpath()
    return path


def bar_path(x: np.ndarray, heights: np.ndarray, width: float) -> QPainterPath:
    """Vertical bars from 0 to ``heights`` centred on ``x``, ``width`` wide, as one path."""
    x = np.asarray(x, dtype=float)
    h = np.asarray(heights, dtype=float)
    if x.size == 0:
        return QPainterPath()
    left, right, zero = x - width / 2, x + width / 2, np.zeros_like(h)
    xs = np.column_stack([left, right, right, left, left]).ravel()
    ys = np.column_stack([zero, zero, h, h, zero]).ravel()
    connect = np.ones(xs.size, dtype=np.int32)
    connect[4::5] = 0                      # each bar a closed outline of its own
    return pg.arrayToQPath(xs, ys, connect=connect)
