"""Kept runs drawn over the live curves of the metrics panel: one colour per run, static.

Each shown kept run (``core.run_set.KeptRun``) gets one set of curves, created and filled once
when it is first shown and removed when it is hidden or deleted, never redrawn per frame: on
the loss plot its per-batch loss (averaged in blocks as it was kept, then a moving average over
the panel's window, redone only when the window changes) and its validation loss per epoch
(dashed); on the accuracy plot its validation accuracy per epoch and its training
accuracy (dashed). A legend above the plots (a row of the plots' layout, so exported images
have it too, and it never hides a curve) says what differs between the shown runs and the
current one (``core.run_diff``, the registries' labels) and names each run in its colour with
its own values.
"""
from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGraphicsItem

from core import run_diff
from core.run_set import KeptRun

from . import style
from .metric_series import moving_average

# the live run draws in blue, orange and green: kept runs in the palette's other colours
COLOURS = [style.VERMILION, style.SKY, style.BLACK, style.PURPLE, style.GREY, "#8c6d31", "#6a3d9a"]


def colour(run: KeptRun) -> str:
    return COLOURS[(run.number - 1) % len(COLOURS)]


def run_name(run: KeptRun) -> str:
    """The run's name as shown: its own, or "Run <number>"."""
    return run.name or QCoreApplication.translate("RunOverlay", "Run {0}").format(run.number)


def _finite(x: np.ndarray, y: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    ok = np.isfinite(x) & np.isfinite(y)
    return x[ok], scale * y[ok]


class RunOverlay:
    """The kept runs' curves on ``loss_plot`` and ``acc_plot`` (pyqtgraph PlotItems)."""

    def __init__(self, layout: pg.GraphicsLayout, loss_plot: pg.PlotItem, acc_plot: pg.PlotItem):
        """``layout`` holds the plots from its row 1 on; the legend goes into row 0."""
        self.layout, self.loss_plot, self.acc_plot = layout, loss_plot, acc_plot
        self.legend = pg.LabelItem(justify="left", size="9pt")
        self.legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)   # rich text: slow to paint
        self.caption = ""                     # what differs, as plain text
        self.entries: list[str] = []          # one per shown run: "Run 1: Learning rate 0.01"
        self.curves: dict[str, list[pg.PlotDataItem]] = {}    # uid -> [loss, val loss, val acc, train acc]
        self.shown: list[KeptRun] = []
        self.max_step = 0.0
        self.loss_values = np.empty(0)        # what the loss axis must hold for them
        self.late_acc_min = np.inf            # lowest accuracy (%) in the later half of any run
        self.window = 50                      # batches of the loss's moving average
        self.log = False                      # the loss axis is logarithmic (a loss of 0: -inf)

    def set_runs(self, runs: list[KeptRun], current: KeptRun | None) -> None:
        """Show the visible ones of ``runs`` (``current``: the current run's settings, or None)."""
        shown = [r for r in runs if r.visible]
        keep = {r.uid for r in shown}
        for uid in [u for u in self.curves if u not in keep]:
            for item, plot in zip(self.curves.pop(uid), self._plots(), strict=True):
                plot.removeItem(item)
        for run in shown:
            if run.uid not in self.curves:
                self.curves[run.uid] = self._make(run)
        self.shown = shown
        compared = shown + ([current] if current is not None and shown else [])
        names = run_diff.differing(compared)
        tr = QCoreApplication.translate
        self.entries = []
        for run in shown:
            own = run_diff.describe(run, names, tr)
            entry = QCoreApplication.translate("RunOverlay", "{0}: {1}")
            self.entries.append(entry.format(run_name(run), own) if own else run_name(run))
        self._measure()
        self.caption = self._caption(compared, current, names) if shown else ""
        self._show_legend(shown)

    @staticmethod
    def _caption(compared: list[KeptRun], current: KeptRun | None, names: list[str]) -> str:
        tr = QCoreApplication.translate
        diff = run_diff.diff_text(compared, tr)
        if not diff:
            return QCoreApplication.translate("RunOverlay",
                                              "The compared runs have the same settings and network.")
        text = QCoreApplication.translate("RunOverlay", "Compared runs differ in: {0}").format(diff)
        own = run_diff.describe(current, names, tr) if current is not None else ""
        if own:
            text += QCoreApplication.translate("RunOverlay", " · this run: {0}").format(own)
        return text

    def _show_legend(self, shown: list[KeptRun]) -> None:
        """The legend row: the caption, then each run's colour (a solid and a dashed stroke, as
        its curves) and entry, three to a line."""
        in_layout = self.legend in self.layout.items
        if not shown:
            if in_layout:
                self.layout.removeItem(self.legend)
            return
        cells = [f"<span style='color:{colour(r)}; font-weight:bold'>━━ ╍╍</span>&nbsp;{escape(e)}"
                 for r, e in zip(shown, self.entries, strict=True)]
        lines = ["&nbsp;&nbsp;&nbsp;&nbsp;".join(cells[i:i + 3]) for i in range(0, len(cells), 3)]
        self.legend.setText("<br>".join([escape(self.caption), *lines]), color="#333")
        if not in_layout:
            self.layout.addItem(self.legend, row=0, col=0)

    def _plots(self):
        return (self.loss_plot, self.loss_plot, self.acc_plot, self.acc_plot)

    def _make(self, run: KeptRun) -> list[pg.PlotDataItem]:
        c = colour(run)
        solid, dashed = style.pen(c, 1.5), style.pen(c, 1.5, Qt.PenStyle.DashLine)
        e = run.epochs
        series = ((self._loss(run), solid, {}),
                  (_finite(e["step"], e["val_loss"]), dashed,
                   {"symbol": "s", "symbolSize": 5, "symbolBrush": c, "symbolPen": None}),
                  (_finite(e["step"], e["val_acc"], 100), solid,
                   {"symbol": "s", "symbolSize": 6, "symbolBrush": c, "symbolPen": None}),
                  (_finite(e["step"], e["train_acc"], 100), dashed, {}))
        items = []
        for ((x, y), pen, extra), plot in zip(series, self._plots(), strict=True):
            item = pg.PlotDataItem(pen=pen, antialias=False, **extra)
            item.setData(x, y, skipFiniteCheck=not (self.log and plot is self.loss_plot))  # set once
            # painted once into a pixmap, then copied every frame the live curves move; painted
            # again only when the axes change (measured: 3 kept runs add ~15 % to a frame
            # instead of ~85 %)
            for part in (item.curve, item.scatter):
                part.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            plot.addItem(item)
            items.append(item)
        return items

    def _loss(self, run: KeptRun) -> tuple[np.ndarray, np.ndarray]:
        """The run's batch loss as a moving average over about ``window`` batches (its kept
        points may each stand for several); its epochs' training loss if it kept no batches."""
        if not len(run.steps["step"]):
            return _finite(run.epochs["step"], run.epochs["train_loss"])
        x, y = _finite(run.steps["step"], run.steps["loss"])
        stride = float(np.median(np.diff(x))) if len(x) > 1 else 1.0
        return x, moving_average(y, max(1, round(self.window / max(stride, 1.0))))

    def set_window(self, window: int) -> None:
        """Smooth the kept losses over ``window`` batches, like the live one (a user's change)."""
        if window == self.window:
            return
        self.window = window
        for run in self.shown:
            x, y = self._loss(run)
            self.curves[run.uid][0].setData(x, y, skipFiniteCheck=not self.log)
        self._measure()

    def set_log(self, on: bool) -> None:
        """Before the loss axis turns logarithmic (or back): there a loss of 0 is not finite, so
        the curves check again."""
        self.log = on
        for items in self.curves.values():
            for item in items[:2]:
                item.setSkipFiniteCheck(not on)

    def _measure(self) -> None:
        """The extent of the shown runs, for the panel's axis ranges (computed once per change)."""
        self.max_step = max((r.max_step for r in self.shown), default=0.0)
        losses, late = [], []
        for r in self.shown:
            for item in self.curves[r.uid][:2]:
                losses.append(item.getOriginalDataset()[1])
            for item in self.curves[r.uid][2:]:
                x, y = item.getOriginalDataset()
                if x is not None and len(x):
                    late.append(y[x >= r.max_step / 2])
        self.loss_values = np.concatenate([v for v in losses if v is not None] or [np.empty(0)])
        late_values = np.concatenate(late) if late else np.empty(0)
        self.late_acc_min = float(late_values.min()) if late_values.size else np.inf

    def legend_shown(self) -> bool:
        return self.legend in self.layout.items
