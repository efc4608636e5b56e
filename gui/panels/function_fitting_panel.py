"""Fitting a function (regression, 回归): a network with an identity output (恒等函数) and squared
error learns y = f(x) from noisy samples, its curve drawn over the points while it trains.

The output is y(x) = Σⱼ wⱼ aⱼ(x) + b over the last hidden layer: the thin curves show each unit's
share wⱼ aⱼ(x) — bent pieces that add up to the fit, which is why a network with enough units can
approximate any continuous function. Training runs in the panel's own thread (``core.fitting``
through ``gui.session_thread``), only while the panel is visible.
"""
from __future__ import annotations

import time
from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import activations, fitting, playground, toy_data
from core.fitting import FitFrame, FunctionFit
from gui import style
from gui.labels import activation_label
from gui.session_thread import SessionRunner
from gui.throttle import draw_budget
from gui.widgets.log_spin_box import LogSpinBox
from gui.widgets.session_buttons import SessionButtons

PARTS_PEN = pg.mkPen(style.GREY, width=1)


class FunctionFittingPanel(QWidget):
    """Train a small network to fit noisy samples of a function; watch the curve and its pieces."""

    frame_drawn = Signal(int)            # the epoch of the frame just drawn

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("functionFittingPanel")
        self.frame: FitFrame | None = None
        self.redraws: deque[float] = deque(maxlen=400)
        self._reset_seed = 0
        self._build()
        self.data = self._make_data()
        self.session = FunctionFit(self.data, self._recipe(), seed=0)
        self.runner = SessionRunner(self, self.session)
        self.runner.thread.frame_ready.connect(self._on_frame)
        self.runner.thread.ended.connect(self._on_ended)
        self._show_data()

    # -- construction ------------------------------------------------------------------------------
    def _spin(self, spin, lo, hi, value, tip, step=1):
        spin.setRange(lo, hi)
        spin.setSingleStep(step)
        spin.setValue(value)
        spin.setKeyboardTracking(False)
        spin.setToolTip(tip)
        return spin

    def _build(self):
        self.function = QComboBox()
        for name, fn in toy_data.FUNCTIONS.items():
            label = QCoreApplication.translate("toy_data", fn.label)
            self.function.addItem(f"{label}: {fn.formula}", name)
        self.function.setToolTip(self.tr("The function f the samples come from: y = f(x) + noise"))
        self.function.activated.connect(self._on_data)
        self.noise = self._spin(QDoubleSpinBox(), 0.0, 1.0, 0.1, self.tr(
            "Standard deviation σ of the noise added to y; a perfect fit still has a mean squared "
            "error of σ²"), 0.05)
        self.noise.setPrefix("σ = ")
        self.points = self._spin(QSpinBox(), 10, 2000, toy_data.FUNCTION_N,
                                 self.tr("Number of samples, training and test together (20% test)"), 50)
        self.seed = self._spin(QSpinBox(), 0, 99999, 0, self.tr("Draws the samples and the initial weights"))
        for w in (self.noise, self.points, self.seed):
            w.valueChanged.connect(self._on_data)
        recipe = fitting.FitRecipe()
        self.layers = self._spin(QSpinBox(), 1, 3, len(recipe.hidden),
                                 self.tr("Hidden layers; the thin curves are the last one's units"))
        self.units = self._spin(QSpinBox(), 1, playground.MAX_UNITS, recipe.hidden[-1],
                                self.tr("Neurons per hidden layer"))
        self.activation = QComboBox()
        for name in activations.ACTIVATIONS:
            self.activation.addItem(activation_label(name), name)
        self.activation.setCurrentIndex(self.activation.findData(recipe.activation))
        self.activation.setToolTip(self.tr("Activation of the hidden layers; the output layer is the "
                                           "identity, compared with y by the squared error"))
        self.layers.valueChanged.connect(self._on_network)
        self.units.valueChanged.connect(self._on_network)
        self.activation.activated.connect(self._on_network)
        self.buttons = SessionButtons(lambda: self.runner.thread, self._on_reset, (
            self.tr("Train continuously; changes take effect at once"),
            self.tr("Train one epoch"),
            self.tr("New random initial weights; the samples stay"),
        ))
        self.play, self.step, self.reset = self.buttons.widgets()
        self.lr = LogSpinBox(1e-4, 10.0)
        self.lr.setValue(recipe.lr)
        self.lr.setPrefix(self.tr("learning rate "))
        self.lr.setToolTip(self.tr("Learning rate of the Adam optimizer"))
        self.lr.valueChanged.connect(lambda v: self.runner.thread.submit(lambda s: s.set_lr(v)))
        self.parts = QCheckBox(self.tr("Show each unit's share wⱼaⱼ(x)"))
        self.parts.setChecked(True)
        self.parts.setToolTip(self.tr("The thin curves: what each unit of the last hidden layer adds to "
                                      "the output. Their sum plus the bias b is the fitted curve."))
        self.parts.toggled.connect(self._on_parts)

        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for w in (self.function, self.noise, QLabel(self.tr("Points")), self.points, QLabel(self.tr("Seed")),
                  self.seed):
            row1.addWidget(w)
        row1.addStretch(1)
        for w in (self.play, self.step, self.reset, self.lr, QLabel(self.tr("Layers")), self.layers,
                  QLabel(self.tr("Units")), self.units, self.activation):
            row2.addWidget(w)
        row2.addStretch(1)

        self.plot = pg.PlotWidget(labels={"bottom": "x", "left": "y"})
        self.plot.setToolTip(self.tr("Samples (black rim: test), the true f (dashed), the network's "
                                     "curve (red) and each hidden unit's share (thin grey)"))
        pi = self.plot.getPlotItem()
        pi.setMenuEnabled(False)
        pi.showGrid(x=True, y=True, alpha=0.2)
        pi.addLegend(offset=(8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.part_items: list[pg.PlotDataItem] = []
        self.truth = pi.plot(pen=style.pen(style.GREY, 2, Qt.PenStyle.DashLine), name=self.tr("f(x)"))
        self.train_points = pi.plot(pen=None, symbol="o", symbolSize=6, symbolBrush=style.BLUE,
                                    symbolPen="w", name=self.tr("training samples"))
        self.test_points = pi.plot(pen=None, symbol="o", symbolSize=6, symbolBrush=style.BLUE,
                                   symbolPen="k", name=self.tr("test samples"))
        self.curve = pi.plot(pen=style.pen(style.VERMILION, 3), name=self.tr("network y(x)"))
        pi.setXRange(-fitting.CURVE_EXTENT, fitting.CURVE_EXTENT, padding=0)
        self.stats = QLabel(self.tr("Press Play to train."))
        self.stats.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.parts)
        layout.addWidget(self.stats)

    # -- controls -> the session -------------------------------------------------------------------
    def _recipe(self) -> fitting.FitRecipe:
        return fitting.FitRecipe(hidden=(self.units.value(),) * self.layers.value(),
                                 activation=self.activation.currentData(), lr=self.lr.value())

    def _make_data(self) -> toy_data.FunctionData:
        return toy_data.make_function(self.function.currentData(), n=self.points.value(),
                                      noise=self.noise.value(), rng=np.random.default_rng(self.seed.value()))

    def _on_data(self, *_):
        self.data = data = self._make_data()
        self._show_data()
        self.runner.thread.submit(lambda s: s.set_data(data))

    def _on_network(self, *_):
        r = self._recipe()
        self.runner.thread.submit(lambda s: s.rebuild(hidden=r.hidden, activation=r.activation))

    def _on_reset(self):
        self._reset_seed += 1
        seed = self.seed.value() + 1000 * self._reset_seed
        self.runner.thread.submit(lambda s: s.reset(seed))

    def _on_ended(self, reason: str):
        self.play.setChecked(False)
        if reason.startswith("error"):
            self.stats.setText(self.tr("Training stopped: {0}").format(reason))

    def _on_parts(self, on: bool):
        for item in self.part_items:
            item.setVisible(on)

    def _show_data(self):
        d = self.data
        self.train_points.setData(d.x_train[:, 0], d.y_train[:, 0])
        self.test_points.setData(d.x_test[:, 0], d.y_test[:, 0])
        xs = np.linspace(-fitting.CURVE_EXTENT, fitting.CURVE_EXTENT, fitting.CURVE_POINTS)
        self.truth.setData(xs, d.clean(xs))

    # -- frames ------------------------------------------------------------------------------------
    def _on_frame(self, frame: FitFrame):
        self.frame = frame
        draw_budget().request(self._redraw)

    def _redraw(self):
        frame = self.frame
        if frame is None:
            return
        try:
            self.curve.setData(frame.xs, frame.curve)
            self._draw_parts(frame)
            self._show_stats(frame)
        finally:
            self.redraws.append(time.monotonic())
            self.runner.thread.frame_taken()
        self.frame_drawn.emit(frame.epoch)

    def _draw_parts(self, frame: FitFrame):
        pi = self.plot.getPlotItem()
        n = frame.parts.shape[1]
        while len(self.part_items) < n:
            self.part_items.append(pi.plot(pen=PARTS_PEN))
            self.part_items[-1].setZValue(-1)
        for j, item in enumerate(self.part_items):
            if j < n:
                item.setData(frame.xs, frame.parts[:, j])
            else:
                item.setData([], [])
            item.setVisible(self.parts.isChecked() and j < n)

    def _show_stats(self, frame: FitFrame):
        h = frame.history
        var = self.data.noise_variance
        if frame.diverged:
            text = self.tr("The loss ran away to infinity: lower the learning rate and press Reset.")
        elif len(h):
            text = self.tr("Epoch {0} · training MSE {1:.4f} · test MSE {2:.4f} · noise variance "
                           "σ² = {3:.4f} (a perfect fit scores about this)").format(
                frame.epoch, h[-1, 1], h[-1, 2], var)
        else:
            text = self.tr("Epoch 0 · press Play to train.")
        self.stats.setText(text)

    def redraw_rate(self, seconds: float = 2.0) -> float:
        now = time.monotonic()
        recent = [t for t in self.redraws if now - t <= seconds]
        return 0.0 if len(recent) < 2 else (len(recent) - 1) / (recent[-1] - recent[0])
