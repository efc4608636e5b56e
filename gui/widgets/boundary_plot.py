"""A decision boundary on the plane: the network's P(class 1) as a heatmap under the data points,
as in TensorFlow Playground.

Class 0 is orange, class 1 blue (Okabe–Ito, safe for colour-blind readers); the background
goes from orange (P = 0) through white (P = ½, the boundary) to blue (P = 1), a little paler
than the points. Training points have a white rim, test points a black one.

    plot = BoundaryPlot(extent=1.5)
    plot.set_points(x_train, y_train, x_test, y_test)
    plot.set_output(proba)           # (size, size): row i is the height, column j the abscissa
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from gui import style

CLASS_COLORS = (style.ORANGE, style.BLUE)      # class 0, class 1
PALE = 0.45                                    # the background's share of white, at full certainty
OUTSIDE = "#eeeeee"


def diverging_lut(pale: float = 0.0, n: int = 256) -> np.ndarray:
    """uint8 RGBA ``(n, 4)`` from the class-0 colour through white to the class-1 colour,
    blended with ``pale`` white at the ends."""
    lo, hi = (np.array(QColor(c).getRgb()[:3], dtype=np.float64) for c in CLASS_COLORS)
    t = np.linspace(-1.0, 1.0, n)[:, None]
    white = np.full(3, 255.0)
    ends = np.where(t < 0, lo, hi)
    mix = np.abs(t) * (1 - pale)
    rgb = white + (ends - white) * mix
    return np.column_stack([rgb, np.full(n, 255.0)]).round().astype(np.uint8)


class BoundaryPlot(pg.PlotWidget):
    """Points of two classes over a heatmap of the network's output on [-extent, extent]²
    (or any rectangle given by ``bounds``)."""

    def __init__(self, extent: float = 1.5, parent=None,
                 bounds: tuple[float, float, float, float] | None = None):
        super().__init__(parent)
        self.bounds = bounds or (-extent, -extent, extent, extent)
        self.discrete = False
        self._proba: np.ndarray | None = None
        pi = self.getPlotItem()
        pi.setLabel("bottom", "x₁")
        pi.setLabel("left", "x₂")
        pi.setAspectLocked(True)
        pi.setMenuEnabled(False)
        pi.hideButtons()
        self.setMouseEnabled(False, False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(diverging_lut(PALE))
        self.image.setLevels((0.0, 1.0))
        pi.addItem(self.image)
        pi.getViewBox().setBackgroundColor(OUTSIDE)     # beyond the plane the network is drawn on
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w", width=1))
        self.test_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("k", width=1.2))
        pi.addItem(self.train_points)
        pi.addItem(self.test_points)
        x0, y0, x1, y1 = self.bounds
        pi.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        self._show()

    # -- data ------------------------------------------------------------------------------------
    def set_points(self, x_train: np.ndarray, y_train: np.ndarray,
                   x_test: np.ndarray | None = None, y_test: np.ndarray | None = None) -> None:
        """Points ``(n, 2)`` with labels 0/1 ``(n,)``; test points are drawn with a black rim."""
        brushes = [pg.mkBrush(c) for c in CLASS_COLORS]
        for item, x, y in ((self.train_points, x_train, y_train), (self.test_points, x_test, y_test)):
            if x is None or len(x) == 0:
                item.setData([], [])
                continue
            y = np.asarray(y, dtype=np.int64)
            item.setData(x[:, 0], x[:, 1], brush=[brushes[int(k) & 1] for k in y])

    def set_output(self, proba: np.ndarray | None) -> None:
        """P(class 1) on the grid, ``(size, size)`` (None: no network yet, white)."""
        self._proba = None if proba is None else np.asarray(proba)
        self._show()

    def set_discrete(self, on: bool) -> None:
        """Show only which side of the boundary (P > ½) each point of the plane is on."""
        self.discrete = bool(on)
        self._show()

    def show_test(self, on: bool) -> None:
        self.test_points.setVisible(bool(on))

    def output(self) -> np.ndarray | None:
        """The image as drawn: P(class 1), or 0/1 when discrete."""
        return self.image.image

    def _show(self) -> None:
        if self._proba is None:
            self.image.setImage(np.full((2, 2), 0.5, np.float32), levels=(0.0, 1.0))
            return
        shown = (self._proba > 0.5).astype(np.float32) if self.discrete else self._proba
        self.image.setImage(shown, levels=(0.0, 1.0), autoLevels=False)
        self._place()

    def _place(self) -> None:
        """Stretch the image over ``bounds`` (its pixel size may have changed)."""
        x0, y0, x1, y1 = self.bounds
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
