"""A TensorBoard-style distribution band in a pyqtgraph plot: shaded regions between pairs
of percentiles (the outer, min–max, lightest) and the median as a line, drawn with few,
cheap items that only change when their data do."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsPathItem

from .band_paths import band_path, cosmetic_pen

BAND_ALPHAS = (45, 80, 120, 165)   # outer (min–max) band lightest, inner band darkest


class FlatPathItem(QGraphicsPathItem):
    """A filled path painted without antialiasing. Bands lie edge to edge and their outline
    is a faint one-pixel line, so a smoothed edge cannot be seen, but it makes a large fill
    several times slower to paint."""

    def paint(self, painter: QPainter, option, widget=None) -> None:
        smooth = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        super().paint(painter, option, widget)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)


class DistributionBand:
    """One filled path per pair of percentiles (upper one forward, lower one back) and the
    median as a bare curve: 5 items to update and paint instead of 9 curves and 4 fills
    between them. ``set_data`` with the data already shown changes nothing."""

    def __init__(self, plot: pg.PlotItem, colour):
        edge = pg.mkColor(colour)
        edge.setAlpha(70)
        self.fills: list[FlatPathItem] = []
        for alpha in BAND_ALPHAS:
            c = pg.mkColor(colour)
            c.setAlpha(alpha)
            item = FlatPathItem()
            item.setPen(cosmetic_pen(edge))
            item.setBrush(pg.mkBrush(c))
            plot.addItem(item)
            self.fills.append(item)
        self.median = pg.PlotCurveItem(pen=pg.mkPen(pg.mkColor(colour).darker(170), width=2),
                                       skipFiniteCheck=True)
        self.median.setZValue(10)
        plot.addItem(self.median)
        self.x = np.zeros(0)
        self.pct = np.zeros((0, 2 * len(BAND_ALPHAS) + 1))

    def set_data(self, x: np.ndarray, pct: np.ndarray) -> bool:
        """Show percentiles ``pct`` (n × 9, ascending columns) at ``x``; False (and nothing
        set) if they are what is shown already."""
        if np.array_equal(x, self.x) and np.array_equal(pct, self.pct):
            return False
        self.x, self.pct = np.array(x, dtype=float), np.array(pct, dtype=float)
        last = pct.shape[1] - 1
        for q, item in enumerate(self.fills):
            item.setPath(band_path(self.x, self.pct[:, q], self.pct[:, last - q]))
        self.median.setData(self.x, self.pct[:, last // 2])
        return True

    def bounds(self) -> tuple[float, float]:
        """The lowest and the highest value shown (NaN if none)."""
        values = self.pct[np.isfinite(self.pct)]
        if not values.size:
            return float("nan"), float("nan")
        return float(values.min()), float(values.max())
