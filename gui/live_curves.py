"""The metrics panel's live curves, drawn at the cost of what a plot can show.

A ``LiveCurve`` is a pyqtgraph curve fed through ``gui.curve_downsample``: each frame it gets
the whole series, but sets only the points its view's pixel columns can show (a spike stays:
per column the first, lowest, highest and last point), and nothing at all when neither the
data nor the view changed. When the view changes (a zoom, a resize) the points are taken
again for it, so zooming in brings the detail back. ``EpochCurves`` are the per-epoch curves
(train / validation loss, train / validation / test accuracy) drawn that way.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QGraphicsItem

from . import style
from .curve_downsample import Decimator

MAX_EPOCH_SYMBOLS = 120      # more epochs than this (tiny toy-set epochs): lines without symbols


def plot_view(plot: pg.PlotItem, scale: float = 1.0) -> tuple[float, float, float, float]:
    """``plot``'s visible x range, and its width and left edge in device pixels (``scale``:
    the device pixel ratio; more for an image exported larger than the screen)."""
    (x0, x1), _ = plot.vb.viewRange()
    return float(x0), float(x1), plot.vb.width() * scale, plot.vb.scenePos().x() * scale


SPLIT = 1024                 # a curve of fewer points is drawn whole (cheap enough)
# The newest points, drawn afresh each frame, join the settled part once they are more than
# TAIL and more than TAIL_PER_PX per pixel column of the view (at four points a column, half
# its width). Joining repaints the whole curve: at 1.5k MLP steps a second, a tail of 512
# joined every second or third frame, and those frames cost 8-12 ms of the GUI thread
# against 2.5 ms for the others; with the tail half the plot wide, only when the axis grows.
TAIL = 512
TAIL_PER_PX = 2.0
# The settled parts' cached images live in Qt's pixmap cache, 10 MB by default: a plot-wide
# image is ~2.5 MB (1579×400 px), and the metrics panel's eight settled curves did not fit, so
# each frame evicted and painted them again (the toy net's frames: 13.5 ms → 4.0 ms with room)
PIXMAP_CACHE_KB = 128 * 1024


class LiveCurve:
    """One curve whose data only grow (``version`` changes when earlier points change).

    A long curve is drawn in two parts: the settled points, painted once into a cached image
    of the screen (an item of its own under ``item``, with the same pen), and the newest ones,
    which ``item`` draws afresh. A frame then paints a strip at the end of the curve rather than
    all of it; now and then the tail joins the settled part (one full paint; see ``TAIL``)."""

    def __init__(self, item: pg.PlotDataItem, plot: pg.PlotItem):
        self.item, self.plot = item, plot
        self.decimator = Decimator()
        self.settled: pg.PlotDataItem | None = None
        self._settled = (None, 0)                 # (decimator generation, points) it holds
        self._shown: tuple | None = None
        self._whole: tuple | None = None           # (points, version, ...) when all were set
        item.setDownsampling(ds=1, auto=False)     # done here, once per change, not per paint
        item.setClipToView(False)
        item.visibleChanged.connect(self._follow_visibility)

    def show(self, x: np.ndarray, y: np.ndarray, view: tuple[float, float, float, float],
             version=None, scale: float = 1.0, skip_finite: bool = True) -> bool:
        """Draw ``x``, ``y`` (x ascending, y finite) for ``view`` (``plot_view``); True if it
        set new points."""
        key = (len(x), view, version, scale, skip_finite)
        if key == self._shown:
            return False
        if self._shown is not None and self._shown[3:] != key[3:]:
            self.forget()                  # a log axis (finite check) or a new scale: all again
        idx = self.decimator.indices(x, y, *view, version=version)
        whole = (len(x), version, scale, skip_finite)
        if len(idx) == len(x) <= SPLIT and whole == self._whole:
            # every point drawn, as at the last frame: pyqtgraph follows a new view by itself
            # (an x-axis growth then costs the five epoch curves no new points and symbols)
            self._shown = key
            return False
        self._whole = whole if len(idx) == len(x) <= SPLIT else None
        d = self.decimator
        start = 0
        tail = max(TAIL, int(TAIL_PER_PX * view[2]))
        if d.stable and self._settle_at(d.generation, d.stable, len(idx), tail):
            gen, n = self._settled = (d.generation, d.stable)
            settled = self._settled_item()
            settled.setData(x[idx[:n]], scale * y[idx[:n]], skipFiniteCheck=skip_finite)
            settled.setVisible(self.item.isVisible())
        if self._settled[0] == d.generation and self._settled[1]:
            start = self._settled[1] - 1           # one point shared: the line runs on
        elif self.settled is not None and self.settled.xData is not None and len(self.settled.xData):
            self.settled.setData([], [])
            self._settled = (None, 0)
        part = idx[start:]
        self.item.setData(x[part], scale * y[part], skipFiniteCheck=skip_finite)
        self._shown = key
        return True

    def _settle_at(self, generation: int, stable: int, total: int, tail: int) -> bool:
        gen, n = self._settled
        return total > SPLIT and (gen != generation or total - n > tail and stable > n)

    def _settled_item(self) -> pg.PlotDataItem:
        if self.settled is None:
            o = self.item.opts
            self.settled = pg.PlotDataItem(pen=o["pen"], antialias=o["antialias"])
            self.plot.addItem(self.settled)          # no name: not in the legend
            # after addItem, which gives an item the plot's own (auto downsampling, clipping to
            # the view: every change of the view would take the points again and paint anew)
            self.settled.setDownsampling(ds=1, auto=False)
            self.settled.setClipToView(False)
            self.settled.setZValue(self.item.zValue())
            self.settled.stackBefore(self.item)      # where the curve is in the plot's stack
            self.settled.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
                QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        return self.settled

    def _follow_visibility(self) -> None:
        if self.settled is not None:
            self.settled.setVisible(self.item.isVisible())

    def drawn(self) -> tuple[np.ndarray, np.ndarray]:
        """Every point drawn, settled and new (without the shared one)."""
        x, y = self.item.getOriginalDataset()
        x, y = (np.empty(0), np.empty(0)) if x is None else (x, y)
        if self.settled is None or self._settled[1] == 0:
            return x, y
        sx, sy = self.settled.getOriginalDataset()
        return np.concatenate((sx, x[1:])), np.concatenate((sy, y[1:]))

    def forget(self) -> None:
        """Set the data again at the next ``show`` (after the item's options changed)."""
        self._shown = self._whole = None
        self.decimator.reset()
        if self.settled is not None:                 # made again, with the new options
            self.plot.removeItem(self.settled)
            self.settled = None
        self._settled = (None, 0)


class EpochCurves:
    """The per-epoch curves on the loss and the accuracy plot."""

    def __init__(self, loss_plot: pg.PlotItem, acc_plot: pg.PlotItem):
        # lines without antialiasing: a 2 px antialiased line across the plot costs 0.5 ms to
        # paint (0.02 ms without), and the five of them are painted at every epoch and axis change
        dashed = {"pen": style.pen(style.TRAIN, 2, Qt.PenStyle.DashLine), "symbol": "o",
                  "symbolSize": 7, "symbolBrush": style.TRAIN, "symbolPen": None, "antialias": False}
        solid = {"pen": style.pen(style.VALIDATION, 2), "symbol": "s", "symbolSize": 7,
                 "symbolBrush": style.VALIDATION, "symbolPen": None, "antialias": False}
        train = QCoreApplication.translate("MetricsPanel", "train (epoch)")
        val = QCoreApplication.translate("MetricsPanel", "validation (epoch)")
        self.train_loss = loss_plot.plot(name=train, **dashed)
        self.val_loss = loss_plot.plot(name=val, **solid)
        self.train_acc = acc_plot.plot(name=train, **dashed)
        self.val_acc = acc_plot.plot(name=val, **solid)
        self.test_acc = acc_plot.plot(pen=style.pen(style.TEST, 2), symbol="t", symbolSize=8,
                                      symbolBrush=style.TEST, symbolPen=None, antialias=False,
                                      name=QCoreApplication.translate("MetricsPanel", "test (epoch)"))
        self.loss_plot, self.acc_plot = loss_plot, acc_plot
        self.keys = {self.train_loss: ("train_loss", 1), self.val_loss: ("val_loss", 1),
                     self.train_acc: ("train_acc", 100), self.val_acc: ("val_acc", 100),
                     self.test_acc: ("test_acc", 100)}
        self.live = {c: LiveCurve(c, loss_plot if k.endswith("loss") else acc_plot)
                     for c, (k, _) in self.keys.items()}
        self._symbols = {c: c.opts["symbol"] for c in self.keys}   # shown while epochs are few

    def draw(self, epochs: dict[str, np.ndarray], views: dict, version, skip_finite: bool) -> None:
        """``epochs``: the series by key; ``views``: plot -> its view (``plot_view``)."""
        # Hundreds of epochs (tiny toy-set epochs) make a dense zigzag: drawn like the batch
        # curves, without symbols
        few = len(epochs["step"]) <= MAX_EPOCH_SYMBOLS
        for curve, (key, scale) in self.keys.items():
            if (curve.opts["symbol"] is not None) != few:
                curve.setSymbol(self._symbols[curve] if few else None)
                self.live[curve].forget()       # its points are set again, with the new options
            ok = np.isfinite(epochs[key])
            plot = self.loss_plot if key.endswith("loss") else self.acc_plot
            self.live[curve].show(epochs["step"][ok], epochs[key][ok], views[plot], version, scale,
                                  skip_finite)
