"""The 2-D playground (like TensorFlow Playground): a small network learning to separate two
classes of points, live.

The background is the network's P(class 1) over the plane, the points are the data (a black rim:
test points); beside it every neuron's picture (its output over the plane). Changing the data,
the inputs, the layers, a layer's units or the activation rebuilds the network at once and it
keeps training (no Apply). Training runs in the panel's own thread (``gui.session_thread``) with
``core.Trainer``, only while the panel is visible; the panel draws the copies it hands over.
Each data set comes with a network that solves it (``core.playground.RECIPES``), and a hint says
what to try when the test accuracy stops improving.
"""
from __future__ import annotations

import time
from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import features, playground
from core.playground import Frame, Playground
from gui import style
from gui.session_thread import SessionRunner
from gui.throttle import draw_budget
from gui.widgets.boundary_plot import BoundaryPlot
from gui.widgets.log_spin_box import LogSpinBox
from gui.widgets.neuron_pictures import NeuronPictures
from gui.widgets.playground_controls import DataControls, NetworkControls
from gui.widgets.session_buttons import SessionButtons

START = "circle"


class PlaygroundPanel(QWidget):
    """Train a small network on 2-D points and watch the boundary and every neuron."""

    frame_drawn = Signal(int)            # the epoch of the frame just drawn

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("playgroundPanel")
        self.coords, self.points = playground.grid()
        self.frame: Frame | None = None
        self.redraws: deque[float] = deque(maxlen=400)      # times of the redraws (for the rate)
        self._reset_seed = 0
        self._input_pictures: dict[tuple, np.ndarray] = {}
        self._build()
        dataset = self.data_controls.dataset()
        self.session = Playground(dataset, playground.RECIPES[START], seed=0)
        self.runner = SessionRunner(self, self.session)
        self.runner.thread.frame_ready.connect(self._on_frame)
        self.runner.thread.ended.connect(self._on_ended)
        self._show_recipe(self.session.recipe)
        self._show_points(dataset)

    # -- construction ------------------------------------------------------------------------------
    def _build(self):
        self.buttons = SessionButtons(lambda: self.runner.thread, self._on_reset, (
            self.tr("Train continuously; every change below takes effect at once"),
            self.tr("Train one epoch (one pass over the training points)"),
            self.tr("New random initial weights; the data stay"),
        ))
        self.play, self.step, self.reset = self.buttons.widgets()
        self.defaults = QPushButton(self.tr("Defaults"))
        self.defaults.setToolTip(self.tr("The network and learning rate that solve this data set"))
        self.defaults.clicked.connect(lambda: self._on_set(self.data_controls.name.currentData()))
        self.lr = LogSpinBox(1e-4, 10.0)
        self.lr.setPrefix(self.tr("learning rate "))
        self.lr.setToolTip(self.tr("Learning rate of the Adam optimizer; changes apply to the next "
                                   "mini-batch"))
        self.lr.valueChanged.connect(self._on_lr)
        top = QHBoxLayout()
        for w in (self.play, self.step, self.reset, self.defaults, self.lr):
            top.addWidget(w)
        top.addStretch(1)

        self.data_controls = DataControls()
        self.data_controls.set_changed.connect(self._on_set)
        self.data_controls.changed.connect(self._on_data)
        self.network_controls = NetworkControls()
        self.network_controls.changed.connect(self._on_network)
        left = QWidget()
        col = QVBoxLayout(left)
        col.addWidget(self.data_controls)
        col.addWidget(self.network_controls)
        col.addStretch(1)

        self.neurons = NeuronPictures()
        self.neurons.setToolTip(self.tr(
            "Every neuron's output over the plane (orange negative, blue positive), inputs on the "
            "left, the output on the right; lines are the weights (blue positive, orange negative). "
            "Point at a neuron to enlarge it."))

        self.boundary = BoundaryPlot(playground.EXTENT)
        self.boundary.setToolTip(self.tr(
            "The network's probability of class 1 (blue) over the plane; white is the decision "
            "boundary. Points: orange class 0, blue class 1; a black rim marks test points."))
        self.show_test = QCheckBox(self.tr("Show test data"))
        self.show_test.setChecked(True)
        self.show_test.setToolTip(self.tr("Draw the test points (black rim) too"))
        self.show_test.toggled.connect(self.boundary.show_test)
        self.discrete = QCheckBox(self.tr("Discretize output"))
        self.discrete.setToolTip(self.tr("Colour each side of the boundary in one colour"))
        self.discrete.toggled.connect(self.boundary.set_discrete)
        toggles = QHBoxLayout()
        toggles.addWidget(self.show_test)
        toggles.addWidget(self.discrete)
        toggles.addStretch(1)
        self.stats = QLabel(self.tr("Press Play to train."))
        self.stats.setWordWrap(True)
        self.loss_plot = pg.PlotWidget(labels={"bottom": self.tr("epoch"), "left": self.tr("loss")})
        self.loss_plot.setMinimumHeight(90)
        self.loss_plot.setMaximumHeight(140)
        self.loss_plot.setToolTip(self.tr("Training and test loss after every epoch"))
        lp = self.loss_plot.getPlotItem()
        lp.setMenuEnabled(False)
        lp.getAxis("left").enableAutoSIPrefix(False)
        lp.addLegend(offset=(-6, 6), labelTextSize="8pt", brush=pg.mkBrush(255, 255, 255, 200))
        self.train_curve = lp.plot(pen=style.pen(style.TRAIN), name=self.tr("training"))
        self.test_curve = lp.plot(pen=style.pen(style.TEST), name=self.tr("test"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background: #fff4d6; padding: 4px; border-radius: 3px;")
        self.hint.hide()
        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.addWidget(self.boundary, 3)
        rcol.addLayout(toggles)
        rcol.addWidget(self.stats)
        rcol.addWidget(self.loss_plot, 1)
        rcol.addWidget(self.hint)

        split = QSplitter(Qt.Orientation.Horizontal)
        for w, stretch in ((left, 0), (self.neurons, 3), (right, 3)):
            split.addWidget(w)
            split.setStretchFactor(split.count() - 1, stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # -- controls -> the session (run in its thread) ----------------------------------------------
    def _on_set(self, name: str):
        """Another data set: its points and its recipe (network and learning rate)."""
        self.data_controls.set_name(name)
        recipe = playground.RECIPES[name]
        dataset, noise = self.data_controls.dataset(), self.data_controls.noise.value()
        self._show_recipe(recipe)
        self._show_points(dataset)

        def use(s: Playground):
            s.recipe = recipe
            s.set_data(dataset, noise)
        self.runner.thread.submit(use)

    def _on_data(self):
        dataset, noise = self.data_controls.dataset(), self.data_controls.noise.value()
        self._show_points(dataset)
        self.runner.thread.submit(lambda s: s.set_data(dataset, noise))

    def _on_network(self):
        values = self.network_controls.values()
        self.runner.thread.submit(lambda s: s.rebuild(**values))

    def _on_lr(self, lr: float):
        self.runner.thread.submit(lambda s: s.set_lr(lr))

    def _on_reset(self):
        self._reset_seed += 1
        seed = self.data_controls.seed.value() + 1000 * self._reset_seed
        self.runner.thread.submit(lambda s: s.reset(seed))

    def _on_ended(self, reason: str):
        self.play.setChecked(False)
        if reason.startswith("error"):
            self.stats.setText(self.tr("Training stopped: {0}").format(reason))

    def _show_recipe(self, recipe: playground.Recipe):
        self.network_controls.set_values(recipe.hidden, recipe.activation, recipe.features)
        self.lr.blockSignals(True)
        self.lr.setValue(recipe.lr)
        self.lr.blockSignals(False)

    def _show_points(self, dataset):
        self.boundary.set_points(dataset.x_train, dataset.y_train, dataset.x_test, dataset.y_test)

    # -- frames (GUI thread) -------------------------------------------------------------------------
    def _on_frame(self, frame: Frame):
        self.frame = frame
        draw_budget().request(self._redraw)

    def _redraw(self):
        frame = self.frame
        if frame is None:
            return
        try:
            self.boundary.set_output(frame.proba)
            n_layers = len(frame.spec["layers"])
            weights = [frame.params[f"{i}.W"] for i in range(n_layers)]
            # into the one output picture: how much each unit raises class 1's score over class 0's
            weights[-1] = weights[-1][:, 1:2] - weights[-1][:, 0:1]
            labels = [features.FEATURES[n].label for n in frame.features]
            self.neurons.set_pictures(labels, self._inputs(frame.features), frame.pictures,
                                      frame.proba, weights)
            self._show_stats(frame)
        finally:
            self.redraws.append(time.monotonic())
            self.runner.thread.frame_taken()
        self.frame_drawn.emit(frame.epoch)

    def _inputs(self, names: tuple[str, ...]) -> np.ndarray:
        if names not in self._input_pictures:
            size = len(self.coords)
            x = features.transform(self.points, names)
            self._input_pictures[names] = x.T.reshape(len(names), size, size)
        return self._input_pictures[names]

    def _show_stats(self, frame: Frame):
        h = frame.history
        if len(h):
            self.train_curve.setData(h[:, 0], h[:, 1])
            self.test_curve.setData(h[:, 0], h[:, 2])
            _, train_loss, test_loss, train_acc, test_acc = h[-1]
            self.stats.setText(self.tr("Epoch {0} · training loss {1:.3f}, accuracy {2:.1f}% · "
                                       "test loss {3:.3f}, accuracy {4:.1f}%").format(
                frame.epoch, train_loss, 100 * train_acc, test_loss, 100 * test_acc))
        else:
            self.train_curve.setData([], [])
            self.test_curve.setData([], [])
            self.stats.setText(self.tr("Epoch 0 · press Play to train."))
        if frame.hint:
            self.hint.setText(QCoreApplication.translate("playground", frame.hint))
        self.hint.setVisible(bool(frame.hint))

    # -- measurements ------------------------------------------------------------------------------
    def redraw_rate(self, seconds: float = 2.0) -> float:
        """Redraws per second over the last ``seconds``."""
        now = time.monotonic()
        recent = [t for t in self.redraws if now - t <= seconds]
        if len(recent) < 2:
            return 0.0
        return (len(recent) - 1) / (recent[-1] - recent[0])

    def dataset_name(self) -> str:
        return self.data_controls.name.currentData()
