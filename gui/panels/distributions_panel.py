"""Inside the network while it learns: distributions of weights, activations
and gradients per layer, dead ReLU units, and the gradient size per layer.

The data are ``core.layer_stats.layer_stats`` results that the training worker
samples itself while training runs, whether or not this panel is visible (at
most 4 times a second, slower when computing them is slow, e.g. for a CNN; see
``gui.worker``); the controller hands each to ``update_stats(stats, step)``.
Each result is appended to history buffers that grow by doubling (cheap, so a
hidden panel records everything) and drawn when the panel is shown.

Tab "Layer distributions" shows, for the chosen layer, each quantity as a
TensorBoard-style distribution band against the training step (shaded between
the percentile pairs min–max, 7–93, 16–84, 31–69; the line is the median)
with the current histogram beside it on the same value axis; their axes follow
the data in steps (``gui.widgets.stepped_ranges``), so most frames lay no axis out
and repaint only the bands and bars. Tab "All layers"
shows the fraction of dead ReLU units and the mean |gradient| per weight of
every layer (log axis: vanishing gradients in sigmoid nets show as curves far
below the others).
"""
from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import activations

from .. import style
from ..after_paint import AfterPaint
from ..layer_stats_history import KINDS, LayerStatsHistory
from ..metric_ranges import StepPace, paced_minimum
from ..throttle import draw_budget
from ..tooltips import tooltip
from ..widgets.band_paths import band_envelope
from ..widgets.count_histogram import CountHistogram
from ..widgets.distribution_band import DistributionBand
from ..widgets.live_axis import add_live_plot, share_layout
from ..widgets.stat_axes import CountAxis, LogAxis
from ..widgets.stepped_ranges import fitted_range, grown_end

HIST_KEYS = {"weights": "weight_hist", "activations": "act_hist", "gradients": "grad_hist"}
COLOURS = {"weights": style.BLUE, "activations": style.GREEN, "gradients": style.VERMILION}
AXIS_WIDTH = 62
TINY = 1e-12                       # log axis floor for a gradient that is exactly zero


class DistributionsPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("distributionsPanel")
        self._layers: list[tuple] = []          # (index, kind, activation) of each layer shown
        self._history: LayerStatsHistory | None = None
        self._last: dict | None = None
        self._last_step = 0
        self._dirty = False
        # the band plots' ranges: x from 0 to _x_end (shared), y per kind, the histograms'
        # count axes; all follow the data in steps (gui.widgets.stepped_ranges) until zoomed
        self._x_end = 0.0
        self._pace = StepPace()                 # iterations a second of the run drawn
        self._y_ranges: dict[str, tuple[float, float]] = {}
        self._follow = True

        self.layer_box = QComboBox()
        self.layer_box.setToolTip(self.tr("The layer whose weights, activations and gradients are shown"))
        self.info = QLabel()
        self.info.setStyleSheet(f"color: {style.GREY};")
        self.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Layer:")))
        bar.addWidget(self.layer_box)
        bar.addStretch(1)

        band_tip = self.tr("Shaded bands hold the middle 38 %, 68 % and 87 % of the values and all "
                           "of them (min to max), like TensorBoard's distributions; the line is the "
                           "median. Beside it: the histogram at the latest step.")
        titles = {"weights": self.tr("Weights W"), "activations": self.tr("Activations (layer output)"),
                  "gradients": self.tr("Gradients ∂L/∂W")}
        self.dist_view = pg.GraphicsLayoutWidget()
        self._after_paint = AfterPaint.of(self.dist_view.viewport())
        self.dist_view.setToolTip(band_tip)
        self.band_plots, self.hist_plots = {}, {}
        self.bands: dict[str, DistributionBand] = {}
        self.hists: dict[str, CountHistogram] = {}
        for row, kind in enumerate(KINDS):
            band = add_live_plot(self.dist_view, row, 0)
            hist = add_live_plot(self.dist_view, row, 1, bottom=CountAxis)
            self.dist_view.ci.layout.setColumnStretchFactor(0, 3)
            self.dist_view.ci.layout.setColumnStretchFactor(1, 1)
            band.setTitle(titles[kind], size="10pt")
            band.setLabel("left", self.tr("value"))
            band.getAxis("left").enableAutoSIPrefix(False)
            band.getAxis("left").setWidth(AXIS_WIDTH)          # x-linked plots must line up
            band.setMenuEnabled(False)
            band.enableAutoRange(x=False, y=False)   # they follow the data in steps
            band.vb.sigRangeChangedManually.connect(self._bands_zoomed)
            band.autoBtn.clicked.connect(self._bands_auto)
            if row:
                band.setXLink(self.band_plots[KINDS[0]])
            # same title height in both columns: y-linked views align by screen position
            hist.setTitle(self.tr("histogram now"), size="10pt")
            hist.setYLink(band)
            hist.getAxis("left").setStyle(showValues=False)
            hist.getAxis("bottom").enableAutoSIPrefix(False)
            hist.setMenuEnabled(False)
            hist.enableAutoRange(x=False, y=False)
            if row == len(KINDS) - 1:
                band.setLabel("bottom", self.tr("iteration"))
                hist.setLabel("bottom", self.tr("count"))
            colour = COLOURS[kind]
            self.bands[kind] = DistributionBand(band, colour)
            self.hists[kind] = CountHistogram(hist, colour)
            self.band_plots[kind], self.hist_plots[kind] = band, hist

        # the band plots' x axes show the same iterations at the same width: the two without
        # the "iteration" label under them are laid out once for both (share_layout compares)
        share_layout(*(plot.getAxis("bottom") for plot in self.band_plots.values()))

        self.layers_view = pg.GraphicsLayoutWidget()
        self.layers_view.setToolTip(tooltip(self.tr(
            "Per layer, over the iterations. Top: the share of ReLU units whose output is 0 for every "
            "probe sample — dead units no longer learn (a lower learning rate, leaky ReLU or He "
            "initialisation help). Bottom: the mean size of the gradient of the weights, on a log "
            "scale: if the first layers' gradients are far smaller than the last ones', gradients "
            "vanish on their way back.")))
        self.dead_plot = add_live_plot(self.layers_view, 0, 0)
        self.dead_plot.setTitle(self.tr("Dead ReLU units (output 0 for every probe sample)"), size="10pt")
        self.dead_plot.setLabel("left", self.tr("dead units"), units="%")
        self.dead_plot.setLabel("bottom", self.tr("iteration"))
        self.dead_plot.setYRange(0, 100)
        self.grad_plot = add_live_plot(self.layers_view, 1, 0, left=LogAxis)
        self.grad_plot.setTitle(self.tr("Mean |gradient| per weight (log scale)"), size="10pt")
        self.grad_plot.setLabel("left", self.tr("mean |∂L/∂W|"))
        self.grad_plot.setLabel("bottom", self.tr("iteration"))
        self.grad_plot.setLogMode(y=True)
        self.grad_plot.getAxis("left").enableAutoSIPrefix(False)
        self._grad_autoscale = True
        self.grad_plot.vb.sigRangeChangedManually.connect(self._grad_zoomed)
        for p in (self.dead_plot, self.grad_plot):
            p.getAxis("left").setWidth(AXIS_WIDTH)
            p.setMenuEnabled(False)
        legend_style = {"offset": (-5, 5), "labelTextSize": "8pt", "colCount": 3,
                        "brush": pg.mkBrush(255, 255, 255, 170), "pen": pg.mkPen("#ddd"),
                        "verSpacing": -6}
        self.dead_legend = self.dead_plot.addLegend(**legend_style)
        self.grad_legend = self.grad_plot.addLegend(**legend_style)
        self.dead_curves: dict[int, pg.PlotDataItem] = {}
        self.grad_curves: dict[int, pg.PlotDataItem] = {}

        self.tabs = QTabWidget()
        self.tabs.addTab(self.dist_view, self.tr("Layer distributions"))
        self.no_relu_note = QLabel(self.tr("This network has no ReLU layers, so no unit can die "
                                           "(a dead ReLU outputs 0 for every input)."))
        self.no_relu_note.setWordWrap(True)
        self.no_relu_note.setStyleSheet(f"color: {style.GREY}; padding: 4px;")
        layers_page = QWidget()
        page_layout = QVBoxLayout(layers_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.no_relu_note)
        page_layout.addWidget(self.layers_view, 1)
        self.tabs.addTab(layers_page, self.tr("All layers: dead units, gradients"))
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._mark_dirty)     # only the tab in view is drawn

        self.hint = QLabel(self.tr(
            "No statistics yet.\n\nPress Start (Ctrl+Return) to train: while the network learns, "
            "this panel shows how the weights, activations and gradients of each layer are "
            "distributed, how many ReLU units have died, and whether gradients vanish on their "
            "way back to the first layers."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555; font-size: 14px; padding: 30px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.tabs)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.info)

        self.layer_box.currentIndexChanged.connect(self._layer_chosen)
        self._reset()

    # -- slots the main window calls -------------------------------------------------------
    def set_model(self, spec: dict, params: dict) -> None:
        """A new or reset model: forget every statistic."""
        self._reset()

    def stats_rate(self) -> float:
        """Statistics a second it wants now (``gui.stats_rate``): as often as frames while
        shown (drawn live), none while hidden (the coach's keep its history going)."""
        return draw_budget().rate if self.isVisible() else 0.0

    def update_stats(self, stats: dict, step: int) -> None:
        """Append one ``core.layer_stats.layer_stats`` result taken at ``step`` (also while
        hidden: it is drawn when the panel is shown)."""
        layers = stats["layers"]
        shape = [(s["index"], s["kind"], s["activation"]) for s in layers]
        if shape != self._layers:
            self._rebuild(shape)
        self._history.append(step, layers)
        self._last, self._last_step = stats, step
        self._mark_dirty()

    # -- drawing ----------------------------------------------------------------------------
    def _reset(self) -> None:
        self._rebuild([])
        self._grad_autoscale = True
        self._follow = True
        self._last = None
        self.info.clear()
        self.stack.setCurrentIndex(0)

    def _layer_name(self, index: int, kind: str) -> str:
        return self.tr("layer {0} ({1})").format(index, kind)

    def _rebuild(self, shape: list[tuple]) -> None:
        """New set of layers: fresh history, selector entries and per-layer curves."""
        self._layers = shape
        self._history = LayerStatsHistory(len(shape))
        self._x_end = 0.0
        self._pace.reset()
        self._y_ranges.clear()
        current = self.layer_box.currentIndex()
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for index, kind, act in shape:
            suffix = f", {act}" if act else ""
            self.layer_box.addItem(self._layer_name(index, kind) + suffix)
        self.layer_box.setCurrentIndex(min(max(current, 0), len(shape) - 1))
        self.layer_box.blockSignals(False)
        for plot, legend, curves in ((self.dead_plot, self.dead_legend, self.dead_curves),
                                     (self.grad_plot, self.grad_legend, self.grad_curves)):
            for c in curves.values():
                plot.removeItem(c)
                legend.removeItem(c)
            curves.clear()
        for j, (index, _kind, act) in enumerate(shape):
            pen = style.pen(style.PALETTE[j % len(style.PALETTE)], 2)
            name = self.tr("layer {0}").format(index)
            if activations.is_relu_like(act):
                self.dead_curves[j] = self.dead_plot.plot(pen=pen, name=name)
            self.grad_curves[j] = self.grad_plot.plot(pen=pen, name=name)
        has_relu = bool(self.dead_curves) or not shape
        self.dead_plot.setVisible(has_relu)
        self.no_relu_note.setVisible(not has_relu)
        # with no dead-unit curves the empty plot's 0..1 x range would be forced on the other
        self.grad_plot.setXLink(self.dead_plot if self.dead_curves else None)

    def _mark_dirty(self, *_) -> None:
        self._dirty = True
        if self.isVisible():
            draw_budget().request(self._redraw_if_dirty)

    def _redraw_if_dirty(self) -> None:
        if self._dirty:
            self.redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._redraw_if_dirty()

    def redraw(self) -> None:
        self._dirty = False
        self._after_paint.flush()               # (the last frame's histograms, if they wait)
        h, j = self._history, self.layer_box.currentIndex()
        if h is None or h.n == 0 or self._last is None or j < 0:
            return
        if self.stack.currentIndex() != 1:
            self.stack.setCurrentIndex(1)
        steps = h.steps[:h.n]
        if self.tabs.currentIndex() == 0:
            if self._follow:
                self._grow_x(steps[-1])
            # each band plot, then the histograms, in an event-loop pass of its own once the
            # one before is painted (gui.after_paint): the three band plots in one frame were
            # 3.5-6 ms of the GUI thread at once, the six plots 4-5 ms more
            self._draw_band(KINDS[0])
            panel = type(self).__name__
            for kind in KINDS[1:]:
                self._after_paint.then(partial(self._draw_band, kind), panel)
            self._after_paint.then(self._draw_histograms)
        else:
            for i, curve in self.dead_curves.items():
                curve.setData(steps, 100 * h.dead[:h.n, i])
            grads = np.maximum(h.grad[:h.n], TINY)
            for i, curve in self.grad_curves.items():
                curve.setData(steps, grads[:, i])
            if self._grad_autoscale:
                self._fit_grad_range(grads)
        self.info.setText(self.tr("iteration {0} · probe batch of {1} samples · loss {2:.4g}").format(
            self._last_step, self._last["n_samples"], self._last["loss"]))

    def _draw_histograms(self) -> None:
        j = self.layer_box.currentIndex()
        if self._last is None or not 0 <= j < len(self._last["layers"]):
            return
        latest = self._last["layers"][j]
        for kind in KINDS:
            self.hists[kind].set_data(*latest[HIST_KEYS[kind]])
        for plot in self.hist_plots.values():
            plot.vb.updateMatrix()
        for hist in self.hists.values():
            hist.keep_label_inside()          # e.g. the bin of zeros at the plot's edge

    def finish_frame(self) -> None:
        """The rest of the frame now, if it waits for the paints before it (an export, a test)."""
        self._after_paint.flush()

    def _draw_band(self, kind: str) -> None:
        """One band plot with the newest statistics; its y axis changes when the band leaves
        it or fills less than half of it (not while the learner zooms)."""
        h, j = self._history, self.layer_box.currentIndex()
        if h is None or h.n == 0 or j < 0:
            return
        # a vertex per two pixel columns: a noisy band's fill costs about as much per
        # vertex as per pixel it covers, and its envelope is kept (band_envelope)
        pixels = max(int(self.band_plots[KINDS[0]].vb.width()) // 2, 50)
        band, plot = self.bands[kind], self.band_plots[kind]
        if kind != KINDS[0] and plot.vb.linksBlocked:
            plot.vb.blockLink(False)                  # the x axis grew: this plot follows now
            plot.vb.linkedXChanged()
        band.set_data(*band_envelope(h.steps[:h.n], h.pct[:h.n, KINDS.index(kind), j], pixels))
        if self._follow:
            new = fitted_range(*band.bounds(), self._y_ranges.get(kind))
            if new is not None:
                self._y_ranges[kind] = new
                plot.setYRange(*new, padding=0)
        # a new range's transform now, not while painting: the median curve's bounds
        # change with it and would ask for a second paint
        plot.vb.updateMatrix()

    def _grow_x(self, last_step: float) -> None:
        """The band plots' x axis grows by half again when the data reach its end (from 0,
        as the Loss panel's), and while training by room for a few seconds at the run's pace
        at least (a toy net's grew 6 times in 4 seconds); the three plots share it, and while
        training the second and the third take it when they are drawn (``_draw_band``): a
        growth repaints a plot whole."""
        last = float(last_step)
        pace = self._pace.update(last) if draw_budget().active else 0.0
        end = grown_end(last, self._x_end, minimum=paced_minimum(last, pace))
        if end is not None:
            self._x_end = end
            later = self._after_paint.splitting
            for kind in KINDS[1:]:
                self.band_plots[kind].vb.blockLink(later)
            self.band_plots[KINDS[0]].setXRange(0, end, padding=0.02)
            for plot in self.band_plots.values():
                plot.vb.updateMatrix()

    def _bands_zoomed(self, *_) -> None:
        self._follow = False

    def _bands_auto(self, *_) -> None:
        """The plot's "A" button: follow the data again (in steps, not pyqtgraph's auto-range)."""
        for plot in self.band_plots.values():
            plot.enableAutoRange(x=False, y=False)
        self._follow, self._x_end = True, 0.0
        self._y_ranges.clear()
        self._mark_dirty()

    def _layer_chosen(self, *_) -> None:
        self._y_ranges.clear()             # another layer's values: fit the value axes afresh
        self._mark_dirty()

    def _fit_grad_range(self, grads: np.ndarray) -> None:
        """Log y range with headroom above the curves for the legend (until the user zooms)."""
        logs = np.log10(grads[np.isfinite(grads)])
        if not logs.size:
            return
        lo, hi = float(logs.min()), float(logs.max())
        span = max(hi - lo, 0.5)
        self.grad_plot.setYRange(lo - 0.05 * span, hi + 0.4 * span, padding=0)

    def _grad_zoomed(self, *_) -> None:
        self._grad_autoscale = False

    # -- for tests and export ----------------------------------------------------------------
    def band_data(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """(steps, percentiles (n_steps, 9)) as plotted for the selected layer (one point per
        pixel column at most: a longer history is reduced to its envelope)."""
        return self.bands[kind].x, self.bands[kind].pct

    def hist_data(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """(counts, bin edges) of the histogram drawn for ``kind``."""
        return self.hists[kind].counts, self.hists[kind].edges

