"""The curves of an experiment card (``core.experiments``), overlaid run by run.

Three kinds, as the card says: ``"loss"`` — training loss against the iteration, bold smoothed
like the book's figures with the raw batch losses faint behind; ``"accuracy"`` — accuracy
against the epoch, training solid and test dashed; ``"grid"`` — the book's 4 × 4 grid for batch
norm, one small plot per weight scale, with BN solid and without dashed. Plot items are made once
per card (``show_card``) and updated with ``setData`` (``set_results``).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QStackedLayout, QWidget

from core import optimizers
from core.experiments import Card, RunPlan, RunResult
from gui import style
from gui.optimizer_race_worker import smooth_curve
from gui.widgets.optimizer_widgets import color as optimizer_color


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExperimentPlot", text)


def run_color(plan: RunPlan, index: int) -> str:
    """An optimizer's own colour; otherwise the palette by position."""
    if plan.key in optimizers.OPTIMIZERS:
        return optimizer_color(plan.key)
    return style.PALETTE[index % len(style.PALETTE)]


def _legend(pi: pg.PlotItem) -> pg.LegendItem:
    legend = pi.addLegend(offset=(-8, 8), brush=pg.mkBrush(255, 255, 255, 230),
                          pen=pg.mkPen(150, 150, 150), labelTextColor="k", labelTextSize="9pt")
    legend.setZValue(100)
    return legend


class ExperimentPlot(QWidget):
    """One card's curves; ``show_card`` (re)builds the items, ``set_results`` fills them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.single = pg.PlotWidget()
        self.single.setMinimumHeight(140)
        self.grid = pg.GraphicsLayoutWidget()
        self.grid.setMinimumHeight(140)
        self.grid.setToolTip(_tr("One plot per initial weight scale σ: training accuracy against "
                                 "the epoch with batch norm (solid) and without (dashed)"))
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.single)
        self._stack.addWidget(self.grid)
        self.card: Card | None = None
        self.items: dict[str, list[pg.PlotDataItem]] = {}   # run key -> its curves
        self._cells: list[pg.PlotItem] = []
        self._drawn: dict[str, tuple] = {}                    # run key -> what its curves show
        self._top = 0.0                                       # the loss axis's top so far
        pi = self.single.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.25)
        self.legend = _legend(pi)
        self.empty = pg.TextItem(color=style.GREY, anchor=(0.5, 0.5))
        pi.addItem(self.empty, ignoreBounds=True)
        self.show_empty()

    # -- building ----------------------------------------------------------------------
    def show_empty(self) -> None:
        """No card yet: a hint where the curves will be."""
        self.card = None
        self._clear()
        pi = self.single.getPlotItem()
        pi.setLabels(bottom=_tr("iteration"), left=_tr("training loss"))
        self.empty.setText(_tr("Press Run on a card: its runs' curves appear here."))
        self.empty.setPos(0.5, 0.5)
        self.empty.show()
        pi.setRange(xRange=(0, 1), yRange=(0, 1))
        self.single.setToolTip(_tr("The curves of the experiment you run"))
        self._stack.setCurrentWidget(self.single)

    def _clear(self) -> None:
        pi = self.single.getPlotItem()
        for curves in self.items.values():
            for item in curves:
                if item.scene() is not None and item in pi.items:
                    pi.removeItem(item)
        self.items, self._drawn = {}, {}
        self.legend.clear()
        self.grid.clear()
        self._cells = []

    def show_card(self, card: Card, plans: list[RunPlan]) -> None:
        """Make the plot items for ``card``'s runs (no data yet)."""
        self._clear()
        self.card = card
        self.empty.hide()
        if card.plot == "grid":
            self._build_grid(plans)
            self._stack.setCurrentWidget(self.grid)
            return
        self._stack.setCurrentWidget(self.single)
        pi = self.single.getPlotItem()
        if card.plot == "loss":
            pi.setLabels(bottom=_tr("iteration"), left=_tr("training loss (smoothed)"))
            self.single.setToolTip(_tr("Training loss of each run against the iteration: bold "
                                       "smoothed like the book's figure, faint the raw batch losses"))
        else:
            pi.setLabels(bottom=_tr("epoch"), left=_tr("accuracy"))
            self.single.setToolTip(_tr("Accuracy of each run after every epoch: solid on the "
                                       "training data, dashed on the test data"))
        for i, plan in enumerate(plans):
            c = run_color(plan, i)
            label = plan.label.render(QCoreApplication.translate)
            if card.plot == "loss":
                faint = pg.mkColor(c)
                faint.setAlpha(50)
                raw = pi.plot(pen=pg.mkPen(faint, width=1), antialias=False)
                bold = pi.plot(pen=style.pen(c, 2.5), name=label)
                self.items[plan.key] = [raw, bold]
            else:
                train = pi.plot(pen=style.pen(c, 2.2), name=label)
                test = pi.plot(pen=style.pen(c, 2.2, Qt.PenStyle.DashLine))
                self.items[plan.key] = [train, test]
        pi.enableAutoRange()
        self._top = 0.0
        # the legend where the curves are not: at the end a loss has either fallen low or
        # stayed near its start (mid right is free); accuracies rise (bottom right is free)
        corner = (1, 1) if card.plot == "accuracy" else (1, 0.55)
        self.legend.anchor(itemPos=corner, parentPos=corner, offset=(-8, -8 if corner[1] == 1 else 0))
        if card.plot == "accuracy":
            pi.setYRange(0, 1.02, padding=0)
            for text, dash in ((_tr("training data"), Qt.PenStyle.SolidLine),
                               (_tr("test data"), Qt.PenStyle.DashLine)):
                sample = pg.PlotDataItem(pen=style.pen(style.GREY, 2, dash))
                self.legend.addItem(sample, text)
        else:                                    # losses from 0: a flat 2.30 must look flat
            pi.getViewBox().disableAutoRange(pg.ViewBox.YAxis)

    def _build_grid(self, plans: list[RunPlan]) -> None:
        pairs = list(zip(plans[::2], plans[1::2], strict=True))
        cols = math.ceil(math.sqrt(len(pairs)))
        rows = math.ceil(len(pairs) / cols)
        key = (f'<span style="color:{style.BLUE}">━━ {_tr("with BN")}</span>&nbsp;&nbsp;&nbsp;'
               f'<span style="color:{style.VERMILION}">╍╍ {_tr("without")}</span>')
        self.grid.addLabel(key, row=0, col=0, colspan=cols, size="9pt")
        for n, (bn, plain) in enumerate(pairs):
            r, c = divmod(n, cols)
            cell = self.grid.addPlot(row=r + 1, col=c)
            cell.setTitle(_tr("σ = {0:.2g}").format(bn.label.args[0]), size="8pt")
            cell.setRange(xRange=(0, bn.config.epochs), yRange=(0, 1.02), padding=0)
            cell.setMouseEnabled(False, False)
            cell.hideButtons()
            cell.getAxis("left").setTicks([[(0, "0"), (1, "1")], [(0.5, "")]])
            if c == 0:
                cell.setLabel("left", _tr("accuracy"))
            if r == rows - 1:
                cell.setLabel("bottom", _tr("epoch"))
            with_bn = cell.plot(pen=style.pen(style.BLUE, 2))
            without = cell.plot(pen=style.pen(style.VERMILION, 2, Qt.PenStyle.DashLine))
            self.items[bn.key], self.items[plain.key] = [with_bn], [without]
            self._cells.append(cell)

    # -- data --------------------------------------------------------------------------
    def set_results(self, results: dict[str, RunResult]) -> None:
        """Show ``results`` (the card's runs so far)."""
        if self.card is None:
            return
        for key, curves in self.items.items():
            r = results.get(key)
            if r is None or self._drawn.get(key) == (len(r.losses), len(r.epochs)):
                continue
            self._drawn[key] = (len(r.losses), len(r.epochs))
            if self.card.plot == "loss":
                n = len(r.losses)
                if n == 0:
                    curves[0].setData([], [])
                    curves[1].setData([], [])
                    continue
                raw = np.asarray(r.losses, dtype=np.float64)
                x = np.arange(1, n + 1)
                smooth = smooth_curve(raw)
                curves[0].setData(x, raw)
                curves[1].setData(x, smooth)
                top = float(np.nanmax(smooth[np.isfinite(smooth)], initial=0.0))
                if top > self._top:
                    self._top = max(1.1 * top, 0.5)
                    self.single.getPlotItem().setYRange(0, self._top, padding=0)
            else:
                curves[0].setData(*r.series("train"))
                if len(curves) > 1:
                    curves[1].setData(*r.series("test"))
