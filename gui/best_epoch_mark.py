"""The best epoch on the loss plot: a star on the validation-loss curve at the epoch with the
lowest validation loss, labelled "best epoch k" — the epoch early stopping would go back to
(Training › Restore best epoch). Also the loss axis's name, which says when the L2 penalty
½λΣW² is part of the plotted losses."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from . import style


def _tr(text: str) -> str:
    return QCoreApplication.translate("BestEpochMark", text)


def loss_axis_label(includes_l2: bool) -> str:
    """The loss axis's name; with weight decay the losses include the L2 penalty."""
    return _tr("loss + L2 penalty ½λΣW²") if includes_l2 else _tr("loss")


class BestEpochMark:
    """A star and a label on ``plot`` at the lowest validation loss (hidden until two epochs
    have one: a single epoch is trivially the best)."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.star = pg.PlotDataItem(symbol="star", symbolSize=16, symbolBrush=pg.mkBrush(style.VALIDATION),
                                    symbolPen=pg.mkPen(style.BLACK, width=1), pen=None)
        self.label = pg.TextItem(anchor=(0.5, 1.3), color=style.BLACK, fill=(255, 255, 255, 210))
        for item in (self.star, self.label):
            plot.addItem(item, ignoreBounds=True)
            item.setZValue(20)
        self.epoch: int | None = None
        self.hide()

    def hide(self) -> None:
        self.epoch = None
        self._at: tuple | None = None
        self.star.setData([], [])
        self.label.setVisible(False)

    def update(self, steps: np.ndarray, epochs: np.ndarray, val_loss: np.ndarray) -> None:
        """Put the mark on the epoch with the lowest finite validation loss."""
        ok = np.flatnonzero(np.isfinite(val_loss))
        if len(ok) < 2:
            self.hide()
            return
        i = ok[np.argmin(val_loss[ok])]
        x, y = float(steps[i]), float(val_loss[i])
        log_y = self.plot.getAxis("left").logMode
        if (x, y, log_y) == self._at and self.label.isVisible():
            return                      # the same place: nothing to redo (every epoch of a toy run)
        self._at = (x, y, log_y)
        self.epoch = int(epochs[i])
        self.star.setData([x], [y])
        self.label.setText(_tr("best epoch {0}").format(self.epoch))
        self.label.setPos(x, math.log10(y) if log_y and y > 0 else y)
        self.label.setVisible(True)
