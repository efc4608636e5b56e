"""The hyperparameter search's trials as points: learning rate against weight decay, both on log
axes, each point coloured by its validation accuracy (colour bar beside), the best one ringed.
Trials still waiting are small grey rings; diverged ones grey crosses."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from core.hyperparameter_search import Trial, best
from gui import style

COLORMAP = "viridis"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SearchScatter", text)


def power_ticks(lo: float, hi: float, most: int = 5) -> list[tuple[float, str]]:
    """Ticks 10⁻⁶, 10⁻⁵ … (positions are exponents: the log axis's own units), at most ``most``."""
    first, last = math.ceil(lo), math.floor(hi)
    step = max(1, math.ceil((last - first + 1) / most))
    return [(e, "10" + str(e).translate(SUPERSCRIPT)) for e in range(first, last + 1, step)]


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class SearchScatter(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(220, 180)
        pi = self.getPlotItem()
        pi.setLogMode(x=True, y=True)
        pi.setLabels(bottom=_tr("learning rate"), left=_tr("weight decay λ"))
        pi.showGrid(x=True, y=True, alpha=0.2)
        for axis in ("bottom", "left"):
            pi.getAxis(axis).enableAutoSIPrefix(False)      # 10⁻³, not "(x0.001)" beside 1
        pi.setMouseEnabled(False, False)
        pi.hideButtons()
        self.setToolTip(_tr("Each trial's learning rate and weight decay (both on log scales), "
                            "coloured by its validation accuracy; the ring marks the best trial"))
        self.cmap = pg.colormap.get(COLORMAP)
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=self.cmap, interactive=False, width=12,
                                        label=_tr("validation accuracy"))
        pi.layout.addItem(self.colorbar, 2, 5)
        pi.layout.setColumnFixedWidth(4, 5)
        # PlotDataItems (not bare scatter items) follow the plot's log mode
        self.waiting = pi.plot(pen=None, symbol="o", symbolSize=6, symbolPen=pg.mkPen(style.GREY, width=1),
                               symbolBrush=None)
        self.diverged = pi.plot(pen=None, symbol="x", symbolSize=9, symbolPen=None,
                                symbolBrush=pg.mkBrush(style.GREY))
        self.done = pi.plot(pen=None, symbol="o", symbolSize=10, symbolPen=pg.mkPen("w", width=0.8))
        self.best = pi.plot(pen=None, symbol="o", symbolSize=20,
                            symbolPen=pg.mkPen(style.VERMILION, width=2.5), symbolBrush=None)

    def set_ranges(self, lr_exponents, wd_exponents) -> None:
        """The search's ranges (exponents of ten) as the axes' ranges, ticks at powers of ten."""
        pi = self.getPlotItem()
        pi.setRange(xRange=lr_exponents, yRange=wd_exponents, padding=0.04)
        for axis, (lo, hi) in (("bottom", lr_exponents), ("left", wd_exponents)):
            pi.getAxis(axis).setTicks([power_ticks(lo, hi), []])


    def set_trials(self, trials: list[Trial]) -> None:
        def xy(group):          # the values themselves: the log-mode plot takes log10 of them
            return np.array([t.lr for t in group]), np.array([t.weight_decay for t in group])

        done = [t for t in trials if t.val_acc is not None]
        self.waiting.setData(*xy([t for t in trials if t.status in ("waiting", "running", "cancelled")]))
        self.diverged.setData(*xy([t for t in trials if t.status == "diverged"]))
        colors = self.cmap.map(np.clip([t.val_acc for t in done], 0, 1), mode="qcolor") if done else []
        self.done.setData(*xy(done), symbolBrush=[pg.mkBrush(c) for c in colors])
        top = best(trials)
        self.best.setData(*xy([top] if top else []))

    def point_brushes(self) -> list:
        """The colours of the finished trials' points, in their order (for tests)."""
        return list(self.done.opts["symbolBrush"] or [])
