"""Weights panel: a heatmap of one layer's weights, its biases below, updated live.

Orientation: a dense layer's ``W`` (n_in, n_out) is shown exactly as stored, as in
z = x·W + b: row i (vertical axis, top to bottom) is input unit i, column j
(horizontal axis) is unit j of the layer, and the bias bars below line up with
the columns. A conv layer's ``W`` (filters, channels, kh, kw) is a grid of small
kernels one cell apart: with one input channel the filters are laid out row by
row in a near-square grid; otherwise row f, column c holds the kernel that
filter f applies to input channel c.

Colours are symmetric around zero (white = 0, red > 0, blue < 0), scaled to
±max|w| or, with "robust colours" on, to ±the 99th percentile of |w|.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.layers import LAYER_TYPES
from gui import style
from gui.after_paint import AfterPaint
from gui.labels import layer_label
from gui.throttle import LivePoller, draw_budget
from gui.widgets.band_paths import bar_path
from gui.widgets.grid_axis import GridAxis
from gui.widgets.heatmap import AXIS_WIDTH as HEATMAP_AXIS_WIDTH
from gui.widgets.heatmap import HeatmapWidget, format_value
from gui.widgets.mosaic import mosaic_index, mosaic_zoom, tile_centre, tile_mosaic
from gui.widgets.sliding_axis import SlidingAxis

ROBUST_PERCENTILE = 99.0
BAR_WIDTH = 0.8                     # of a bias bar, in units (columns of the heatmap)
# the bias plot's y range: ±(largest |b|)·BIAS_HEADROOM, kept while the largest |b| stays
# between BIAS_KEEP of that and all of it (snapshots then leave the axes alone)
BIAS_HEADROOM, BIAS_KEEP = 1.05, 0.8


def _keeps_units(kind) -> bool:
    """Whether a layer kind keeps its input's unit numbering (dropout, BN, activation)."""
    cls = LAYER_TYPES.get(kind)
    return cls is not None and cls.diagram == "badge"


def _symmetric_levels(a: np.ndarray, biggest: float, percentile: float) -> tuple | None:
    """±max |w| or ±its ``percentile``-th percentile, from ``a`` = |w| flattened (in w's
    own dtype: a float32 percentile takes half the time of the heatmap's float64 one);
    None (the heatmap works it out, skipping NaN) when a weight is not finite or all are 0."""
    if not (np.isfinite(biggest) and biggest > 0):
        return None
    top = biggest if percentile >= 100 else _high_percentile(a, percentile)
    return (-top, top) if top > 0 else None


# Where the colour scale may end, in each decade: steps of at most a quarter, so the strongest
# weights are drawn at least 80 % saturated.
LEVEL_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _round_up(levels: tuple | None) -> tuple | None:
    """Symmetric ``levels`` with their end rounded up to the next of ``LEVEL_STEPS`` (±0.2734
    → ±0.3): while the weights learn, the colour scale then changes only when their spread
    crosses a step, not with every snapshot (each change laid the colour bar's axis out and
    repainted it: ~1 ms of a frame's paint, in a paint of ~4 ms that a 60 Hz timer waited for;
    a toy net's weights crossed a two-significant-digit step in half the frames)."""
    if levels is None:
        return None
    top = levels[1]
    exponent = math.floor(math.log10(top))
    mantissa = round(top / 10.0 ** exponent, 9)           # (0.3 / 0.1 is 2.9999999999999996)
    step = next(s for s in LEVEL_STEPS if s >= mantissa)
    top = float(f"{step:g}e{exponent}")
    return (-top, top)


def _high_percentile(a: np.ndarray, percentile: float) -> float:
    """``np.percentile(a, percentile)`` (linear interpolation) for a high percentile of a
    1-D array of finite values, found among its largest values only: partitioning all
    78 400 weights of a 784×100 layer costs ~1 ms, a threshold from a strided sample
    leaves ~2 % of them to partition."""
    n = a.size
    position = percentile / 100 * (n - 1)
    below = math.floor(position)             # the value at ``below`` and the next, ascending
    need = n - below                         # values from there to the top
    stride = 16
    if n < 64 * stride or need * 8 > n:
        return float(np.percentile(a, percentile))
    sample = a[::stride]
    j = sample.size - 2 * math.ceil(need / stride) - 8          # some 2·need values lie above
    threshold = np.partition(sample, j)[j]
    candidates = a[a >= threshold]           # every value left out is smaller than these
    if candidates.size < need:               # an unlucky sample: the plain way
        return float(np.percentile(a, percentile))
    k = below - (n - candidates.size)
    k1 = min(k + 1, candidates.size - 1)
    part = np.partition(candidates, (k, k1))
    lo, hi = float(part[k]), float(part[k1])
    frac = position - below
    return lo + (hi - lo) * frac if frac < 0.5 else hi - (hi - lo) * (1 - frac)


def _live_colorbar_axis(bar: pg.ColorBarItem) -> None:
    """Give a vertical colour bar a ``SlidingAxis`` (its range follows the levels, which change
    a little with every snapshot), set up as ``pg.ColorBarItem`` sets up its own."""
    axis = SlidingAxis("right")
    bar.setAxisItems({"right": axis})
    axis.setWidth(45)
    axis.setStyle(showValues=True)
    axis.unlinkFromView()
    axis.setRange(*bar.values)
    bar.axis = axis                   # ColorBarItem.setLevels sets the range of bar.axis


def _index_ticks(n: int, size: int, zoom: int) -> list[list[tuple[float, str]]]:
    """Ticks at the centres of n tiles of ``size`` pixels; beyond 10, every 5th labelled."""
    centre = [(tile_centre(k, size, zoom=zoom), str(k)) for k in range(n)]
    if n <= 10:
        return [centre]
    return [centre[::5], [(pos, "") for k, (pos, _) in enumerate(centre) if k % 5]]


class WeightsPanel(QWidget):
    """Weight heatmaps, one layer at a time.

    Slots: ``set_model(spec, params)``, ``update_snapshot(params, step)``,
    ``set_training_state(state)``. Signal: ``snapshot_wanted()``.
    """

    snapshot_wanted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("weightsPanel")
        self._spec: dict | None = None
        self._params: dict[str, np.ndarray] = {}
        self._step: int | None = None
        self._names: list[str] = []          # "0.W", "1.W", … in combo order
        self._dirty = False
        self._drawn_name: str | None = None

        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(self.tr("Which layer's weights to show"))
        self.layer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.layer_combo.currentIndexChanged.connect(self._redraw)
        self.robust_check = QCheckBox(self.tr("Robust colours"))
        self.robust_check.setToolTip(self.tr(
            "Scale colours to the 99th percentile of |w| instead of the largest |w|, "
            "so a few large weights do not wash out all the others"))
        self.robust_check.setChecked(True)
        self.robust_check.toggled.connect(self._redraw)
        self.info_label = QLabel()
        self.info_label.setStyleSheet(f"color: {style.GREY}")

        self.controls = QWidget()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("Layer:")))
        top.addWidget(self.layer_combo, 1)
        top.addWidget(self.robust_check)
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(6, 4, 6, 0)
        controls.setSpacing(2)
        controls.addLayout(top)
        controls.addWidget(self.info_label)

        self.heatmap = HeatmapWidget(value_label=self.tr("weight w"))
        self.heatmap.setToolTip(self.tr("The chosen layer's weight matrix W: a row per input, a column "
                                        "per neuron of the layer (W has shape (n_in, n_out)). Blue is "
                                        "negative, red positive; hover a cell for its value. Drag to "
                                        "pan, wheel to zoom."))
        self.bias_plot = self.heatmap.add_marginal_plot(height=90)
        # a frame draws the weights, then the biases once those are painted (gui.after_paint)
        self._after_paint = AfterPaint.of(self.heatmap.graphics.viewport())
        # its range changes with every snapshot: axes that lay themselves out cheaply (and
        # fill their grid lines: stroked, the two axes' semi-transparent lines cost 1–2 ms)
        self.bias_plot.setAxisItems({"left": GridAxis("left"), "right": GridAxis("right")})
        self.bias_plot.getAxis("top").enableAutoSIPrefix(False)    # hidden: no label updates
        self.bias_plot.getAxis("left").setWidth(HEATMAP_AXIS_WIDTH)
        self.bias_plot.getAxis("right").setStyle(showValues=False)
        _live_colorbar_axis(self.heatmap.colorbar)
        self.bias_plot.setLabel("left", self.tr("bias b"))
        self.bias_plot.getAxis("left").enableAutoSIPrefix(False)
        self.bias_plot.getAxis("left").setStyle(maxTickLevel=0)
        self.bias_plot.showGrid(y=True, alpha=0.25)
        self.bias_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(style.GREY, width=1)))
        cmap = style.diverging_colormap()
        # negative and positive biases: one path each (a bar item redraws a picture per bar)
        self.bias_paths = (QGraphicsPathItem(), QGraphicsPathItem())
        for item, at in zip(self.bias_paths, (0.12, 0.88), strict=True):
            item.setBrush(pg.mkBrush(cmap.map(at, mode="qcolor")))
            item.setPen(QPen(Qt.PenStyle.NoPen))
            self.bias_plot.addItem(item)
        self._bias = np.zeros(0)
        self._bias_half: float | None = None     # the y range's half-height set last
        self._bias_view: list[float] = []        # and the view range it gave

        self.empty_label = QLabel(self.tr("Build or train a network to see its weights."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(f"color: {style.GREY}; font-size: 11pt")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.heatmap)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.controls)
        layout.addWidget(self.stack, 1)
        self.controls.hide()

        self.poller = LivePoller(self)
        self.poller.wanted.connect(self.snapshot_wanted)

    # -- slots the main window calls ------------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        """A new or reset model: list its weight layers and show the selected one."""
        keep = self.current_name()
        if keep is not None and (keep not in params or params[keep].shape != self._params[keep].shape):
            keep = None
        self._spec, self._params, self._step = spec, params, None
        self._drawn_name = None
        self._names = [f"{i}.W" for i in range(len(spec["layers"])) if f"{i}.W" in params]
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for name in self._names:
            self.layer_combo.addItem(self._layer_title(name), name)
        if keep in self._names:
            self.layer_combo.setCurrentIndex(self._names.index(keep))
        self.layer_combo.blockSignals(False)
        self.controls.setVisible(bool(self._names))
        self.stack.setCurrentWidget(self.heatmap if self._names else self.empty_label)
        self._redraw()

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        """Newer weights during training (a copy this panel owns)."""
        if not self._names:
            return
        self._params, self._step = params, step
        if self.isVisible():
            draw_budget().request(self._redraw)
        else:
            self._dirty = True            # drawn when the panel is shown

    def set_training_state(self, state: str) -> None:
        self.poller.set_state(state)

    # -- queries (tests, tools) -----------------------------------------------------------------
    def bias_shown(self) -> np.ndarray:
        """The biases drawn as bars (in unit order)."""
        return self._bias

    def current_name(self) -> str | None:
        """The parameter name shown, e.g. "0.W", or None."""
        return self.layer_combo.currentData()

    def select_layer(self, name: str) -> None:
        self.layer_combo.setCurrentIndex(self._names.index(name))

    # -- drawing ----------------------------------------------------------------------------------
    def showEvent(self, event):
        super().showEvent(event)
        if self._dirty:
            self._redraw()

    def _layer_title(self, name: str) -> str:
        i = int(name.split(".")[0])
        kind = layer_label(self._spec["layers"][i].get("type"))
        w = self._params[name]
        if w.ndim == 4:
            return self.tr("Layer {i} · {kind} {f} filters {kh}×{kw}").format(
                i=i, kind=kind, f=w.shape[0], kh=w.shape[2], kw=w.shape[3])
        return self.tr("Layer {i} · {kind} {n_in} → {n_out}").format(
            i=i, kind=kind, n_in=w.shape[0], n_out=w.shape[1])

    def _redraw(self) -> None:
        self._dirty = False
        self._after_paint.flush()                # (the last frame's biases, if they wait)
        name = self.current_name()
        if name is None or name not in self._params:
            return
        if name != self._drawn_name:            # another layer's biases: fit their range anew
            self._drawn_name, self._bias_half = name, None
        w = self._params[name]
        percentile = ROBUST_PERCENTILE if self.robust_check.isChecked() else 100.0
        a = np.abs(w).ravel()
        biggest = float(a.max())
        levels = _round_up(_symmetric_levels(a, biggest, percentile))
        if w.ndim == 4:
            self._draw_conv(name, w, percentile, levels)
        else:
            self._draw_dense(name, w, percentile, levels)
        # the biases once the weights are painted, in an event-loop pass of their own: the
        # whole frame was 4-5 ms of the GUI thread at once, the biases ~1.8 ms of it
        self._after_paint.then(self._draw_biases)
        lo, hi = self.heatmap.levels()
        step = "" if self._step is None else self.tr(" · step {0}").format(self._step)
        self.info_label.setText(self.tr("W {shape} · max |w| {max} · colours ±{top}{step}").format(
            shape="×".join(map(str, w.shape)), max=format_value(biggest, "{:.3g}"),
            top=format_value(hi, "{:.2g}"), step=step))

    def _draw_dense(self, name: str, w: np.ndarray, percentile: float, levels) -> None:
        i = int(name.split(".")[0])
        layers = self._spec["layers"]
        input_shape = tuple(self._spec["input_shape"])
        prev = [j for j in range(i) if f"{j}.W" in self._params]
        image_input = not prev and len(input_shape) == 3 and input_shape[0] == 1
        last = i == len(layers) - 1
        x_label = self.tr("output unit (class)") if last else self.tr("hidden unit")
        width = input_shape[2] if image_input else None
        if image_input:
            y_label, source = self.tr("input pixel"), self.tr("pixel {r} (row {y}, col {x})")
        elif not prev:
            y_label, source = self.tr("input feature"), self.tr("input {r}")
        elif all(_keeps_units(layers[k].get("type")) for k in range(prev[-1] + 1, i)):
            y_label = self.tr("unit of layer {0}").format(prev[-1])
            source = self.tr("unit {r} of layer {p}").replace("{p}", str(prev[-1]))
        else:
            y_label, source = self.tr("input feature (flattened)"), self.tr("feature {r}")
        target = self.tr("class {c}") if last else self.tr("unit {c}")

        def readout(r, c, v):
            src = source.format(r=r, y=r // width, x=r % width) if width else source.format(r=r)
            return self.tr("{src} → {dst}: w = {v}").format(
                src=src, dst=target.format(c=c), v=format_value(v, "{:.4g}"))

        self.heatmap.set_matrix(w, levels=levels, percentile=percentile, x_label=x_label, y_label=y_label,
                                readout=readout)

    def _draw_conv(self, name: str, w: np.ndarray, percentile: float, levels) -> None:
        f, c, kh, kw = w.shape
        zoom = mosaic_zoom((kh, kw)) if f * c <= 100 else 1   # big grids: keep the gaps visible
        if c == 1:
            n_cols = math.ceil(math.sqrt(f))
            x_label = self.tr("filters, {n} per row ({kh}×{kw} each)").format(n=n_cols, kh=kh, kw=kw)
            y_label = self.tr("filter")
            y_ticks = [(tile_centre(r, kh, zoom=zoom), str(r * n_cols)) for r in range(math.ceil(f / n_cols))]
            x_ticks = [(tile_centre(k, kw, zoom=zoom), f"+{k}") for k in range(n_cols)]
        else:
            n_cols = c
            x_label, y_label = self.tr("input channel"), self.tr("output filter")
            y_ticks = _index_ticks(f, kh, zoom)
            x_ticks = _index_ticks(c, kw, zoom)
        image = tile_mosaic(w.reshape(f * c, kh, kw), n_cols, zoom=zoom)

        def readout(r, col, v):
            hit = mosaic_index(r, col, (kh, kw), n_cols, zoom=zoom)
            if hit is None:
                return ""
            k, i, j = hit
            return self.tr("filter {f} · channel {c} · kernel row {i}, col {j}: w = {v}").format(
                f=k // c, c=k % c, i=i, j=j, v=format_value(v, "{:.4g}"))

        self.heatmap.set_matrix(image, levels=levels, percentile=percentile, x_label=x_label,
                                y_label=y_label,
                                readout=readout, x_ticks=x_ticks, y_ticks=y_ticks, lock_aspect=True)

    def _draw_biases(self) -> None:
        name = self.current_name()
        if name is not None and name in self._params:
            self._draw_bias(self._params.get(name[:-1] + "b"), linked=self._params[name].ndim != 4)

    def finish_frame(self) -> None:
        """The biases now, if they wait for the weights' paint (a test, a picture)."""
        self._after_paint.flush()

    def _draw_bias(self, b: np.ndarray | None, linked: bool) -> None:
        self.bias_plot.setVisible(b is not None)
        if b is None:
            return
        if np.may_share_memory(b, self._bias) or not np.array_equal(b, self._bias):
            x = np.arange(len(b))
            for item, sel in zip(self.bias_paths, (b < 0, b >= 0), strict=True):
                item.setPath(bar_path(x[sel], b[sel], BAR_WIDTH))
        self._bias = b
        vb = self.bias_plot.vb
        bottom = self.bias_plot.getAxis("bottom")
        shown = bottom.isVisibleTo(self.bias_plot)
        # (axis and link changes only when they change: each relays the plot out)
        if linked:
            if shown:
                self.bias_plot.hideAxis("bottom")
            if vb.linkedView(vb.XAxis) is None:
                self.bias_plot.setXLink(self.heatmap.plot)
                vb.linkedViewChanged(self.heatmap.plot.vb, vb.XAxis)
        else:
            if vb.linkedView(vb.XAxis) is not None:
                self.bias_plot.setXLink(None)
            if not shown or bottom.labelText != self.tr("filter"):
                self.bias_plot.setLabel("bottom", self.tr("filter"))
            vb.setXRange(-0.6, len(b) - 0.4, padding=0)
        top = float(np.abs(b).max()) if b.size else 0.0
        top = top if top > 0 else 1.0
        if self._bias_range_moves(top):
            half = top * BIAS_HEADROOM
            vb.setYRange(-half, half, padding=0.05)
            vb.updateMatrix()
            self._bias_half, self._bias_view = half, list(vb.viewRange()[1])

    def _bias_range_moves(self, top: float) -> bool:
        """Whether the bias plot's y range must change for biases up to ``top`` in size: when
        they outgrow it, fill less than ``BIAS_KEEP`` of it, or it was panned or zoomed. A
        range that moved every snapshot laid the bias axes out anew and repainted their
        grid and labels in every frame (and made the labels flicker)."""
        if self._bias_half is None or self.bias_plot.vb.viewRange()[1] != self._bias_view:
            return True
        return not BIAS_KEEP * self._bias_half <= top <= self._bias_half
