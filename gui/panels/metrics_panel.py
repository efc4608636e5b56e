"""Live loss and accuracy curves (pyqtgraph).

Per mini-batch: the raw loss (faint) and its moving average; the running
batch accuracy. Per epoch: train and validation loss; train, validation and
test accuracy. Setting changes are marked with labelled vertical lines.
Data arrive in batches from the controller, are appended to buffers grown by
doubling (``gui.metric_series``, which also writes the CSV), and are drawn by
one 10 Hz timer only when something new arrived. Runs kept for comparison
(``set_runs``) are drawn over them by ``gui.run_overlay``: static curves, one
colour per run, made once.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QStackedWidget, QVBoxLayout, QWidget

from core import live_settings, optimizers

from .. import style
from ..after_paint import AfterPaint
from ..best_epoch_mark import BestEpochMark, loss_axis_label
from ..live_curves import MAX_EPOCH_SYMBOLS, EpochCurves, LiveCurve, plot_view
from ..metric_ranges import MetricRanges, StepPace
from ..metric_series import MetricSeries, RunningAverage, moving_average
from ..plot_image import render_layout
from ..run_overlay import RunOverlay
from ..throttle import draw_budget
from ..tooltips import tooltip
from ..widgets.live_axis import add_live_plot, share_layout

# Every millisecond the GUI thread spends drawing (pyqtgraph paints from Python) is a
# millisecond the training thread cannot run: they share one GIL. So the plots redraw at
# most 10 times a second, and while training runs only when the draw budget
# (gui/throttle.py) gives them their turn.
REDRAW_MS = 100

__all__ = ["MAX_EPOCH_SYMBOLS", "MetricsPanel"]


class MetricsPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("metricsPanel")
        self.data = MetricSeries()
        self._steps, self._epochs = self.data.steps, self.data.epochs
        self._markers: list[tuple[int, str, list]] = []
        self._dirty = False
        self._epochs_dirty = False

        self.log_box = QCheckBox(self.tr("Log scale"))
        self.log_box.setToolTip(self.tr("Show the loss on a logarithmic axis: late, small "
                                        "improvements become visible."))
        self.raw_box = QCheckBox(self.tr("Raw batch loss"))
        self.raw_box.setChecked(True)
        self.raw_box.setToolTip(self.tr("Each mini-batch's own loss. It is noisy because every "
                                        "batch is a different small sample of the data."))
        self.window_spin = QSpinBox()
        self.window_spin.setRange(1, 1000)
        self.window_spin.setValue(50)
        self.window_spin.setPrefix(self.tr("average of "))
        self.window_spin.setSuffix(self.tr(" batches"))
        self.window_spin.setToolTip(self.tr("Window of the moving average drawn over the batch loss"))
        self.readout = QLabel()
        self.readout.setObjectName("metricsReadout")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        for w in (self.log_box, self.raw_box, self.window_spin):
            bar.addWidget(w)
        bar.addStretch(1)

        self.glw = pg.GraphicsLayoutWidget()
        self.glw.setToolTip(tooltip(self.tr(
            "Top: the loss function after every mini-batch (faint) and its moving average; dots are "
            "the loss per epoch on the training and validation data. Bottom: accuracy per epoch on "
            "training, validation and test data. Validation falling behind training is overfitting. "
            "Vertical lines mark a setting changed during training. Runs kept for comparison (see "
            "“Runs”) are drawn in their own colours: solid, the moving average of the batch loss and "
            "the validation accuracy; dashed, the validation loss and the training accuracy. Drag to "
            "pan, wheel to zoom, hover for values.")))
        # row 0: the kept runs' legend. LiveAxis: pyqtgraph's axes laid out at a fraction of
        # the cost; the two x axes show the same range at the same width, laid out once
        self.loss_plot = add_live_plot(self.glw, 1, 0)
        self.acc_plot = add_live_plot(self.glw, 2, 0)
        self.acc_plot.setXLink(self.loss_plot)
        share_layout(self.loss_plot.getAxis("bottom"), self.acc_plot.getAxis("bottom"))
        self._l2_label = None
        self._set_loss_label(False)
        self.loss_plot.setLabel("bottom", self.tr("iteration (mini-batch)"))
        self.acc_plot.setLabel("left", self.tr("accuracy"), units="%")
        self.acc_plot.setLabel("bottom", self.tr("iteration (mini-batch)"))
        # none of these is in SI units: no "(×0.001)" or "k" prefixes on the axes
        # and no third level of ticks: their marks added little, and laying out 60 of them cost
        # a millisecond an axis whenever the x axis grew
        for plot in (self.loss_plot, self.acc_plot):
            for side in ("left", "bottom"):
                plot.getAxis(side).enableAutoSIPrefix(False)
                plot.getAxis(side).setStyle(maxTickLevel=1)
        self.loss_plot.setTitle(self.tr("Loss"))
        self.acc_plot.setTitle(self.tr("Accuracy"))
        # No grid and no antialiasing on the dense curves: on a CPU-rendered plot they
        # cost 80% of a frame, and every millisecond the GUI thread holds the GIL is
        # taken from training (see `python -m gui.bench`).
        for p, offset in ((self.loss_plot, (-10, 10)), (self.acc_plot, (-10, -10))):
            p.addLegend(offset=offset, labelTextSize="9pt", brush=(255, 255, 255, 210))
            p.enableAutoRange(x=False)
            p.setDownsampling(auto=True, mode="peak")
            p.setClipToView(True)
        self.acc_plot.setYRange(0, 100)
        self.acc_plot.enableAutoRange(y=False)
        self.loss_plot.enableAutoRange(y=False)
        self.ranges = MetricRanges(self.loss_plot, self.acc_plot)
        self._pace = StepPace()
        for p in (self.loss_plot, self.acc_plot):
            p.vb.sigRangeChangedManually.connect(self._on_user_zoom)
            p.autoBtn.clicked.connect(self._on_auto_button)

        P = style.pen
        self.raw_curve = self.loss_plot.plot(pen=P(style.RAW, 1), name=self.tr("batch loss"),
                                             antialias=False)
        self.avg_curve = self.loss_plot.plot(pen=P(style.TRAIN, 2), name=self.tr("moving average"),
                                             antialias=False)
        self.batch_acc_curve = self.acc_plot.plot(pen=P(style.RAW, 1), antialias=False,
                                                  name=self.tr("batch accuracy (moving average)"))
        self.epoch_curves = EpochCurves(self.loss_plot, self.acc_plot)     # legend order as before
        ec = self.epoch_curves
        self.train_loss_curve, self.val_loss_curve = ec.train_loss, ec.val_loss
        self.train_acc_curve, self.val_acc_curve, self.test_acc_curve = ec.train_acc, ec.val_acc, ec.test_acc
        self.best_mark = BestEpochMark(self.loss_plot)
        # each frame sets only the points the plots' pixel columns can show (gui.curve_downsample)
        self._live = {c: LiveCurve(c, p) for c, p in ((self.raw_curve, self.loss_plot),
                      (self.avg_curve, self.loss_plot), (self.batch_acc_curve, self.acc_plot))}
        self._loss_avg, self._acc_avg = RunningAverage(), RunningAverage()
        self._export_scale = 1.0       # columns per screen pixel: more for an exported image
        self._exporting = False        # every point on the curve items (vector lines in an SVG)
        self._drawing = False
        for p in (self.loss_plot, self.acc_plot):        # a zoom or a resize: points for the new view
            p.vb.sigXRangeChanged.connect(self._on_view_changed)
            p.vb.sigResized.connect(self._on_view_changed)
        self.cursor_lines = [pg.InfiniteLine(angle=90, pen=pg.mkPen("#888", width=1)) for _ in range(2)]
        for plot, line in zip((self.loss_plot, self.acc_plot), self.cursor_lines, strict=True):
            plot.addItem(line, ignoreBounds=True)
            line.hide()
        self.overlay = RunOverlay(self.glw.ci, self.loss_plot, self.acc_plot)
        self._mouse_proxy = pg.SignalProxy(self.glw.scene().sigMouseMoved, rateLimit=30,
                                           slot=self._on_mouse_moved)

        self.hint = QLabel(self.tr("No training yet.\n\nPress Start (Ctrl+Return) to train the network "
                                   "and watch its loss fall and its accuracy rise, batch by batch."))
        self.hint.setObjectName("metricsHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555; font-size: 14px; padding: 30px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.glw)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)

        self.log_box.toggled.connect(self._set_log_scale)
        self.raw_box.toggled.connect(self.raw_curve.setVisible)
        self.raw_box.toggled.connect(self._mark_dirty)
        self.window_spin.valueChanged.connect(self._mark_dirty)
        self.window_spin.valueChanged.connect(self.overlay.set_window)
        # a frame draws the loss plot, then the accuracy plot once that is painted
        self._x_waits = False
        self._after_paint = AfterPaint.of(self.glw.viewport())
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    # -- slots ------------------------------------------------------------------------------
    def add_steps(self, cols: dict) -> None:
        """Append per-batch metrics (arrays of equal length); non-finite rows are dropped."""
        self.data.add_steps(cols)
        self._mark_dirty()

    def add_epoch(self, ep: dict) -> None:
        self.data.add_epoch(ep)
        self._set_loss_label(bool(ep.get("loss_includes_l2")))
        self._epochs_dirty = True
        self._mark_dirty()

    def mark_setting(self, name: str, value, step: int) -> None:
        """A labelled vertical line at the step from which a new setting applies."""
        setting = live_settings.SETTINGS.get(name)
        label = QCoreApplication.translate(setting.context, setting.label) if setting else name
        if name == "optimizer" and value in optimizers.OPTIMIZERS:
            value = QCoreApplication.translate("optimizers", optimizers.OPTIMIZERS[value].label)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        text = f"{label} → {shown}"
        lines = []
        for plot in (self.loss_plot, self.acc_plot):
            line = pg.InfiniteLine(pos=step - 0.5, angle=90,
                                   pen=pg.mkPen(style.PURPLE, width=1.5, style=Qt.PenStyle.DashLine),
                                   label=text if plot is self.loss_plot else None,
                                   labelOpts={"position": 0.55, "color": style.PURPLE,
                                              "fill": (255, 255, 255, 200), "movable": False})
            plot.addItem(line, ignoreBounds=True)
            lines.append(line)
        self._markers.append((step, text, lines))

    def clear(self) -> None:
        self.data.clear()
        self._set_loss_label(False)
        for _, _, lines in self._markers:
            for line, plot in zip(lines, (self.loss_plot, self.acc_plot), strict=True):
                plot.removeItem(line)
        self._markers.clear()
        self.readout.clear()
        self.ranges.reset()
        self._pace.reset()
        self._mark_all_dirty()

    def set_model(self, spec: dict, params: dict) -> None:
        self.clear()

    def set_runs(self, view) -> None:
        """The runs kept for comparison (a ``gui.run_keeping.RunsView``): the visible ones are
        drawn over the live curves."""
        self.overlay.set_runs(view.runs, view.current)
        self.ranges.refit()
        self._mark_dirty()

    # -- drawing ----------------------------------------------------------------------------
    def _set_loss_label(self, includes_l2: bool) -> None:
        if includes_l2 != self._l2_label:        # a new label re-lays the plot out: only on a change
            self._l2_label = includes_l2
            self.loss_plot.setLabel("left", loss_axis_label(includes_l2))

    def _mark_dirty(self, *_):
        self._dirty = True

    def _mark_all_dirty(self, *_):
        self._dirty = self._epochs_dirty = True

    def _tick(self) -> None:
        if self._dirty and self.isVisible():
            draw_budget().request(self.redraw)

    def _on_view_changed(self, *_) -> None:
        self._dirty = True
        if not self._drawing and self.isVisible():
            draw_budget().request(self.redraw)

    def redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        with self._own_changes():
            self._draw()

    def _in_parts(self) -> bool:
        """Whether a frame is drawn in parts, each after the paint of the one before (while
        training runs; not for an export)."""
        return self._after_paint.splitting and not self._exporting

    @contextmanager
    def _own_changes(self):
        """The panel's own range and data changes in here do not ask for another frame."""
        drawing, self._drawing = self._drawing, True
        try:
            yield
        finally:
            self._drawing = drawing

    def _draw(self) -> None:
        """The loss plot now; the accuracy plot once the loss plot is painted, in an event-loop
        pass of its own (``_draw_rest``): a frame of the toy net paints 5-9 ms, an x-axis
        growth repaints both plots whole (9-14 ms), and a 60 Hz timer waits for a whole pass.
        While training, a plot whose x axis grows is first painted with its new ranges and the
        curves it has (a whole repaint: 3-4 ms), and takes its new points in a part after that
        (``_draw_loss``, ``_draw_acc``); and the loss plot's epoch curves follow its iteration
        curves in a part of their own (``_draw_loss_epochs``: the two took 1.5-2.7 ms for the
        toy net, in a pass with their paint)."""
        steps = self._steps["step"].view()
        has_data = len(steps) > 0 or self._epochs["step"].n > 0 or bool(self.overlay.shown)
        if self.stack.currentIndex() != int(has_data):
            self.stack.setCurrentIndex(int(has_data))
        self._after_paint.flush()            # (the last frame's parts still waiting: now)
        last = steps[-1] if len(steps) else 0
        training = self._in_parts()
        pace = self._pace.update(last) if training else 0.0
        self._x_waits = self.ranges.grow_x(max(last, self.overlay.max_step), follow_later=True,
                                           pace=pace)
        if self._x_waits and training:
            self._fit_loss(self._loss_values())
            self._after_paint.then(self._draw_loss)
        else:
            self._draw_loss()
        self._after_paint.then(self._draw_rest)

    def _loss_values(self) -> np.ndarray:
        """The loss curve the axis fits (the raw one if shown, else its moving average)."""
        loss = self._steps["loss"].view()
        if not self.raw_box.isChecked():
            loss = self._loss_avg.update(loss, self.window_spin.value(), self.data.version)
        return loss

    def _fit_loss(self, curve: np.ndarray) -> None:
        e = self._epochs
        self.ranges.fit_loss([curve, e["train_loss"].view(), e["val_loss"].view(),
                              self.overlay.loss_values], self.log_box.isChecked(),
                             wait=draw_budget().active)

    def _draw_loss(self) -> None:
        steps = self._steps["step"].view()
        view = plot_view(self.loss_plot, self._export_scale * self.glw.devicePixelRatioF())
        loss = self._steps["loss"].view()
        v, w = self.data.version, self.window_spin.value()
        avg = self._loss_avg.update(loss, w, v)
        # finite already (the series drop non-finite rows): no per-frame check, except on a log
        # axis, where a loss of 0 becomes -inf
        fast = not self.log_box.isChecked()
        settle = not self._exporting
        raw = self.raw_box.isChecked()
        with self._own_changes():
            if raw:                        # a hidden curve does no work
                self._live[self.raw_curve].show(steps, loss, view, v, skip_finite=fast, settle=settle)
            self._live[self.avg_curve].show(steps, avg, view, (v, w), skip_finite=fast, settle=settle)
            # the drawn points hold every column's extremes: the axis fits them as it fits all
            # (on a log axis, the smallest positive loss counts: all points then)
            drawn = self._live[self.raw_curve if raw else self.avg_curve].drawn()[1]
            self._fit_loss(self._loss_values() if not fast else drawn)
        if self._in_parts():
            self._after_paint.then(self._draw_loss_epochs)
        else:
            self._draw_loss_epochs()

    def _draw_loss_epochs(self) -> None:
        """The loss plot's per-epoch curves and its best-epoch mark."""
        view = plot_view(self.loss_plot, self._export_scale * self.glw.devicePixelRatioF())
        e = {k: b.view() for k, b in self._epochs.items()}
        with self._own_changes():
            self.epoch_curves.draw(e, {self.loss_plot: view}, self.data.version,
                                   not self.log_box.isChecked(), not self._exporting)
            if self._epochs_dirty:
                self._epochs_dirty = False
                self.best_mark.update(e["step"], e["epoch"], e["val_loss"])

    def _acc_values(self) -> np.ndarray:
        """The batch accuracy's moving average (0-1) at the iterations."""
        return self._acc_avg.update(self._steps["acc"].view(), self.window_spin.value(),
                                    self.data.version)

    def _fit_acc(self, batch_acc: np.ndarray) -> None:
        e = {k: b.view() for k, b in self._epochs.items()}
        self.ranges.fit_acc(batch_acc, self._steps["step"].view(), e, self.overlay.late_acc_min,
                            wait=draw_budget().active)

    def _draw_acc(self) -> None:
        steps = self._steps["step"].view()
        view = plot_view(self.acc_plot, self._export_scale * self.glw.devicePixelRatioF())
        v, w = self.data.version, self.window_spin.value()
        batch_acc = self._acc_values()
        settle = not self._exporting
        with self._own_changes():
            self._live[self.batch_acc_curve].show(steps, batch_acc, view, (v, w), 100, settle=settle)
            e = {k: b.view() for k, b in self._epochs.items()}
            self._fit_acc(batch_acc)
            self.epoch_curves.draw(e, {self.acc_plot: view}, v, True, settle)

    def finish_frame(self) -> None:
        """The rest of the frame now, if it waits for the paints before it (an export, a test)."""
        self._after_paint.flush()

    def _draw_rest(self) -> None:
        """The frame's second part (``gui.after_paint``): the accuracy plot (its x range
        first, if the axis grew: while training, painted before its new points, as the loss
        plot's)."""
        with self._own_changes():
            if self._x_waits:
                self._x_waits = False
                self.ranges.follow_x()
                if self._in_parts():
                    self._fit_acc(self._acc_values())
                    self._after_paint.then(self._draw_acc)
                    return
            self._draw_acc()

    def _on_user_zoom(self, *_):
        self.ranges.user_zoomed = True

    def _on_auto_button(self, *_):
        self.loss_plot.enableAutoRange(y=False)
        self.acc_plot.enableAutoRange(y=False)
        self.ranges.reset()
        self._mark_all_dirty()

    def _set_log_scale(self, on: bool) -> None:
        self.overlay.set_log(on)
        self.loss_plot.setLogMode(y=on)
        self.ranges.refit(x=False)
        self._mark_dirty()

    def _on_mouse_moved(self, event) -> None:
        pos = event[0]
        steps = self._steps["step"].view()
        if not len(steps):
            return
        for plot in (self.loss_plot, self.acc_plot):
            if plot.sceneBoundingRect().contains(pos):
                x = plot.vb.mapSceneToView(pos).x()
                break
        else:
            return
        i = int(np.clip(np.searchsorted(steps, x), 0, len(steps) - 1))
        self.show_readout(i)

    def show_readout(self, i: int) -> str:
        """Describe batch number ``i`` (an index into the buffers) under the cursor."""
        s = {k: b.view()[i] for k, b in self._steps.items()}
        w = self.window_spin.value()
        avg = moving_average(self._steps["loss"].view()[max(0, i - w + 1):i + 1], w)[-1]
        text = self.tr("iteration {0} · epoch {1} · loss {2:.4f} (average {3:.4f}) · batch accuracy "
                       "{4:.1f}% · learning rate {5:g}").format(
            int(s["step"]), int(s["epoch"]), s["loss"], avg, 100 * s["acc"], s["lr"])
        e_steps = self._epochs["step"].view()
        j = np.searchsorted(e_steps, s["step"])
        if j < len(e_steps) and self._epochs["epoch"].view()[j] == s["epoch"]:
            va = self._epochs["val_acc"].view()[j]
            if np.isfinite(va):
                text += self.tr(" · validation accuracy (end of epoch) {0:.2f}%").format(100 * va)
        self.readout.setText(text)
        for line in self.cursor_lines:
            line.setPos(s["step"])
            line.show()
        return text

    # -- export -----------------------------------------------------------------------------
    def export_image(self, path: str) -> None:
        """Both plots as PNG or SVG (by the file name's extension); OSError if the file cannot
        be written."""
        data = self.render_image("svg" if path.lower().endswith(".svg") else "png")
        with open(path, "wb") as f:
            f.write(data)

    def render_image(self, kind: str) -> bytes:
        """Both plots as a PNG image (at least 1200 px wide) or an SVG drawing, as bytes."""
        # as many points as the image has pixel columns, not the screen
        self._export_scale = max(1.0, (1200 if kind == "png" else 2400) / max(1, self.glw.width()))
        self._exporting = True
        try:
            self._mark_all_dirty()
            self.redraw()
            self.finish_frame()              # both plots, before the picture is taken
            return render_layout(self.glw, kind, self.tr("Loss and accuracy"))
        finally:
            self._export_scale = 1.0
            self._exporting = False
            self._mark_all_dirty()

    def export_csv(self, path: str) -> int:
        """One row per mini-batch; epoch metrics on the row of the epoch's last batch.
        Returns the number of rows written."""
        return self.data.write_csv(path, self.window_spin.value())

    def series(self) -> dict[str, np.ndarray]:
        """Copies of everything plotted (for tests and export)."""
        return self.data.copies()
