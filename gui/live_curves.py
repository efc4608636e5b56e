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

from . import style
from .curve_downsample import Decimator
from .settled_canvas import SettledCanvas, Symbol

MAX_EPOCH_SYMBOLS = 120      # more epochs than this (tiny toy-set epochs): lines without symbols


def plot_view(plot: pg.PlotItem, scale: float = 1.0) -> tuple[float, float, float, float]:
    """``plot``'s visible x range, and its width and left edge in device pixels (``scale``:
    the device pixel ratio; more for an image exported larger than the screen)."""
    (x0, x1), _ = plot.vb.viewRange()
    return float(x0), float(x1), plot.vb.width() * scale, plot.vb.scenePos().x() * scale


# A curve of more points than SPLIT is drawn in two parts: the newest points, set on ``item``
# each frame, and the settled ones before them, drawn once into the plot's canvas
# (``gui.settled_canvas``). The newest join the settled part once they are more than TAIL: a
# join draws only their strip into the canvas, so it can come often, and the item then spans
# only the end of the curve (a frame repaints that strip, not half the plot). A curve with
# symbols (an epoch curve: few points, each new one re-made its whole line and every symbol,
# and repainted the plot under all of them) is all in the canvas once it has SYMBOL_SPLIT
# points: a new epoch draws the strip of its segment and symbol, and the item holds none.
SPLIT = 256
TAIL = 64
SYMBOL_SPLIT = 2


class LiveCurve:
    """One curve whose data only grow (``version`` changes when earlier points change).

    A long curve is drawn in two parts: the settled points, drawn once into the plot's canvas
    (one image for all its curves, ``gui.settled_canvas``), and the newest ones, which ``item``
    draws afresh. A frame then paints a strip at the end of the curve rather than all of it."""

    def __init__(self, item: pg.PlotDataItem, plot: pg.PlotItem):
        self.item, self.plot = item, plot
        self.decimator = Decimator()
        self._settled = (None, 0)                 # (decimator generation, points) in the canvas
        self._settled_xy = (np.empty(0), np.empty(0))
        self._item_xy = (np.empty(0), np.empty(0))  # the newest points, on the item
        self._shown: tuple | None = None
        self._whole: tuple | None = None           # (points, version, ...) when all were set
        item.setDownsampling(ds=1, auto=False)     # done here, once per change, not per paint
        item.setClipToView(False)
        item.visibleChanged.connect(self._follow_visibility)

    def show(self, x: np.ndarray, y: np.ndarray, view: tuple[float, float, float, float],
             version=None, scale: float = 1.0, skip_finite: bool = True, settle: bool = True) -> bool:
        """Draw ``x``, ``y`` (x ascending, y finite) for ``view`` (``plot_view``); True if it
        set new points. ``settle=False``: all on the item (an exported image: vector lines)."""
        key = (len(x), view, version, scale, skip_finite, settle)
        if key == self._shown and self._on_item():
            return False
        if self._shown is not None and self._shown[3:] != key[3:]:
            self.forget()                  # a log axis (finite check), an export: all again
        idx = self.decimator.indices(x, y, *view, version=version)
        whole = (len(x), version, scale, skip_finite)
        if len(idx) == len(x) <= SPLIT and whole == self._whole and self._on_item():
            # every point drawn, as at the last frame: pyqtgraph follows a new view by itself
            # (an x-axis growth then costs the five epoch curves no new points and symbols)
            self._shown = key
            return False
        self._whole = whole if len(idx) == len(x) <= SPLIT else None
        d = self.decimator
        start = 0
        symbols = self.item.opts["symbol"] is not None
        stable = len(idx) if symbols else d.stable   # (few points, all final: an epoch's is)
        if settle and stable and self._settle_at(d.generation, stable, len(idx)):
            before = self._settled
            gen, n = self._settled = (d.generation, stable)
            self._settled_xy = (x[idx[:n]], scale * y[idx[:n]])
            canvas = SettledCanvas.for_plot(self.plot)
            canvas.set_points(self, *self._settled_xy, pg.mkPen(self.item.opts["pen"]),
                              log_y=bool(self.item.opts["logMode"][1]),
                              append_from=before[1] if before[0] == gen and before[1] else None,
                              symbol=Symbol.of(self.item), order=self._order())
            canvas.set_visible(self, self.item.isVisible())
        if self._settled[0] == d.generation and self._settled[1]:
            start = self._settled[1] - 1           # one point shared: the line runs on
            if symbols and self._settled[1] == len(idx):
                start = len(idx)                   # all in the canvas (a symbol is not shared)
        elif self._settled[1]:
            self._unsettle()
        part = idx[start:]
        self._set_item(x[part], scale * y[part], skip_finite)
        self._shown = key
        return True

    def _set_item(self, x: np.ndarray, y: np.ndarray, skip_finite: bool) -> None:
        """The newest points on ``item``: a curve without symbols straight on its line
        (``PlotDataItem.setData`` costs ~8 times ``PlotCurveItem.setData`` in Python: bounds,
        display copies, signals; a toy run sets eight curves 6 times a second), so the
        ``PlotDataItem`` itself holds no points then (``drawn`` has them)."""
        was, self._item_xy = self._item_xy, (x, y)
        item = self.item
        if item.opts["symbol"] is not None:
            if len(x) or len(was[0]):                  # (nothing to set when none was shown)
                item.setData(x, y, skipFiniteCheck=skip_finite)
            return
        if item.xData is not None and len(item.xData):
            item.setData([], [])                       # (its symbols' points, if it had any)
        if item.opts["logMode"][1]:
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.log10(y)
        if not skip_finite:
            ok = np.isfinite(y)
            x, y = x[ok], y[ok]
        item.curve.setData(x, y, pen=item.opts["pen"], antialias=item.opts["antialias"],
                           skipFiniteCheck=True)
        item.curve.show()

    def _on_item(self) -> bool:
        """Whether the item still shows what was set (pyqtgraph sets a curve's line from the
        item's own points, none here, when the item's options change: a log axis, symbols)."""
        return (self.item.opts["symbol"] is not None or not len(self._item_xy[0])
                or self.item.curve.isVisibleTo(self.item))

    def _settle_at(self, generation: int, stable: int, total: int) -> bool:
        gen, n = self._settled
        if self.item.opts["symbol"] is not None:
            return total > SYMBOL_SPLIT and (gen != generation or stable > n)
        return total > SPLIT and (gen != generation or total - n > TAIL and stable > n)

    def _order(self) -> float:
        """Where the item is among its plot's curves: the canvas draws them in that order."""
        items = self.plot.listDataItems()
        return float(items.index(self.item)) if self.item in items else float(len(items))

    @property
    def settled(self) -> int:
        """How many of the points drawn are in the plot's canvas (``gui.settled_canvas``)."""
        return self._settled[1]

    def _unsettle(self) -> None:
        if self._settled[1]:
            SettledCanvas.for_plot(self.plot).remove(self)
        self._settled = (None, 0)
        self._settled_xy = (np.empty(0), np.empty(0))

    def _follow_visibility(self) -> None:
        if self._settled[1]:
            SettledCanvas.for_plot(self.plot).set_visible(self, self.item.isVisible())

    def drawn(self) -> tuple[np.ndarray, np.ndarray]:
        """Every point drawn, settled and new (without the shared one)."""
        x, y = self._item_xy
        if self._settled[1] == 0:
            return x, y
        sx, sy = self._settled_xy
        return np.concatenate((sx, x[1:])), np.concatenate((sy, y[1:]))   # (x[0] is sx[-1])

    def forget(self) -> None:
        """Set the data again at the next ``show`` (after the item's options changed)."""
        self._shown = self._whole = None
        self.decimator.reset()
        self._unsettle()                             # settled again, with the new options


class EpochCurves:
    """The per-epoch curves on the loss and the accuracy plot."""

    def __init__(self, loss_plot: pg.PlotItem, acc_plot: pg.PlotItem):
        # lines without antialiasing: a 2 px antialiased line across the plot costs 0.5 ms to
        # paint (0.02 ms without), and the five of them are painted at every epoch and axis change.
        # Symbol brush and pen as objects made once: pyqtgraph knows a symbol it has drawn by
        # their identity, and draws it again for every new brush it makes from a colour name
        none = pg.mkPen(None)
        dashed = {"pen": style.pen(style.TRAIN, 2, Qt.PenStyle.DashLine), "symbol": "o",
                  "symbolSize": 7, "symbolBrush": pg.mkBrush(style.TRAIN), "symbolPen": none,
                  "antialias": False}
        solid = {"pen": style.pen(style.VALIDATION, 2), "symbol": "s", "symbolSize": 7,
                 "symbolBrush": pg.mkBrush(style.VALIDATION), "symbolPen": none, "antialias": False}
        train = QCoreApplication.translate("MetricsPanel", "train (epoch)")
        val = QCoreApplication.translate("MetricsPanel", "validation (epoch)")
        self.train_loss = loss_plot.plot(name=train, **dashed)
        self.val_loss = loss_plot.plot(name=val, **solid)
        self.train_acc = acc_plot.plot(name=train, **dashed)
        self.val_acc = acc_plot.plot(name=val, **solid)
        self.test_acc = acc_plot.plot(pen=style.pen(style.TEST, 2), symbol="t", symbolSize=8,
                                      symbolBrush=pg.mkBrush(style.TEST), symbolPen=none, antialias=False,
                                      name=QCoreApplication.translate("MetricsPanel", "test (epoch)"))
        self.loss_plot, self.acc_plot = loss_plot, acc_plot
        self.keys = {self.train_loss: ("train_loss", 1), self.val_loss: ("val_loss", 1),
                     self.train_acc: ("train_acc", 100), self.val_acc: ("val_acc", 100),
                     self.test_acc: ("test_acc", 100)}
        self.live = {c: LiveCurve(c, loss_plot if k.endswith("loss") else acc_plot)
                     for c, (k, _) in self.keys.items()}
        self._symbols = {c: c.opts["symbol"] for c in self.keys}   # shown while epochs are few

    def draw(self, epochs: dict[str, np.ndarray], views: dict, version, skip_finite: bool,
             settle: bool = True) -> None:
        """``epochs``: the series by key; ``views``: plot -> its view (``plot_view``), for the
        plots to draw (the curves of a plot not in it are left as they are)."""
        # Hundreds of epochs (tiny toy-set epochs) make a dense zigzag: drawn like the batch
        # curves, without symbols
        few = len(epochs["step"]) <= MAX_EPOCH_SYMBOLS
        for curve, (key, scale) in self.keys.items():
            plot = self.loss_plot if key.endswith("loss") else self.acc_plot
            if plot not in views:
                continue
            if (curve.opts["symbol"] is not None) != few:
                curve.setSymbol(self._symbols[curve] if few else None)
                self.live[curve].forget()       # its points are set again, with the new options
            ok = np.isfinite(epochs[key])
            self.live[curve].show(epochs["step"][ok], epochs[key][ok], views[plot], version, scale,
                                  skip_finite, settle)
