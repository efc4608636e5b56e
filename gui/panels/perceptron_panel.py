"""The perceptron (感知机) and the logic gates: the learning rule stepped sample by sample, its line
drawn on the plane; XOR (异或) failing with one layer and solved with two.

A perceptron says 1 where w₁x₁ + w₂x₂ + b > 0: one side of a straight line. Step through the
truth table of AND, NAND (与非门) or OR and watch every wrong answer move the line; for XOR no
line can be right on all four corners, and "Two layers" builds XOR = AND(NAND, OR) from three
learned perceptrons (``core.perceptron``). Everything here is three numbers per perceptron, so it
runs in the GUI thread; the animation stops when the panel is hidden.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import perceptron, toy_data
from core.perceptron import Perceptron, RuleStepper
from gui import style
from gui.widgets.boundary_plot import BoundaryPlot

BOUNDS = (-0.5, -0.5, 1.5, 1.5)
GRID = 64
MAX_EPOCHS = 40            # Play gives up here (XOR never settles)
TICK_MS = 350


def _fmt(v: float) -> str:
    return f"{v:.3g}".replace("-", "\u2212")


class PerceptronPanel(QWidget):
    """Step the perceptron learning rule through a gate's truth table."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("perceptronPanel")
        coords = np.linspace(BOUNDS[0], BOUNDS[2], GRID, dtype=np.float32)
        x1, x2 = np.meshgrid(coords, coords)
        self.grid = np.column_stack([x1.ravel(), x2.ravel()])
        self.two_layers: object | None = None       # the XOR network, when shown
        self.rng = np.random.default_rng(0)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._build()
        self.restart()

    # -- construction ------------------------------------------------------------------------------
    def _build(self):
        self.gate = QComboBox()
        for name, gate in toy_data.GATES.items():
            self.gate.addItem(QCoreApplication.translate("toy_data", gate.label), name)
        self.gate.setToolTip(self.tr("The logic gate whose truth table the perceptron learns"))
        self.gate.activated.connect(self.restart)
        self.lr = QDoubleSpinBox()
        self.lr.setRange(0.01, 1.0)
        self.lr.setSingleStep(0.05)
        self.lr.setValue(0.1)
        self.lr.setPrefix("η = ")
        self.lr.setToolTip(self.tr("Learning rate η: how far one wrong answer moves the line"))
        self.lr.valueChanged.connect(lambda v: setattr(self.p, "lr", float(v)))
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Show the perceptron the next row of the truth table"))
        self.step_button.clicked.connect(self.step)
        self.epoch_button = QPushButton(self.tr("Epoch"))
        self.epoch_button.setToolTip(self.tr("The rest of this pass over the four rows"))
        self.epoch_button.clicked.connect(self.epoch)
        self.play = QPushButton(self.tr("Play"))
        self.play.setCheckable(True)
        self.play.setToolTip(self.tr("Step on its own until every row is right"))
        self.play.toggled.connect(self._on_play)
        self.zero = QPushButton(self.tr("Start at 0"))
        self.zero.setToolTip(self.tr("Start again from w₁ = w₂ = b = 0"))
        self.zero.clicked.connect(self.restart)
        self.random = QPushButton(self.tr("Random start"))
        self.random.setToolTip(self.tr("Start again from random w₁, w₂, b in [−0.5, 0.5]"))
        self.random.clicked.connect(lambda: self.restart(random=True))
        self.layers = QPushButton(self.tr("Two layers (XOR)"))
        self.layers.setToolTip(self.tr("Learn NAND, OR and AND with the rule and wire them into "
                                       "XOR(x₁, x₂) = AND(NAND(x₁, x₂), OR(x₁, x₂))"))
        self.layers.clicked.connect(self.show_two_layers)
        top = QHBoxLayout()
        for w in (self.gate, self.lr, self.step_button, self.epoch_button, self.play, self.zero,
                  self.random, self.layers):
            top.addWidget(w)
        top.addStretch(1)

        self.plot = BoundaryPlot(bounds=BOUNDS)
        self.plot.setToolTip(self.tr("The four inputs of the truth table (orange: output 0, blue: "
                                     "output 1) and the perceptron's line w₁x₁ + w₂x₂ + b = 0; the "
                                     "blue side is where it answers 1"))
        self.plot.set_discrete(True)
        self.plot.train_points.setSize(18)
        pi = self.plot.getPlotItem()
        self.line = pi.plot(pen=style.pen(style.BLACK, 2.5))
        self.hidden_lines = [pi.plot(pen=style.pen(c, 2, Qt.PenStyle.DashLine))
                             for c in (style.VERMILION, style.GREEN)]
        self.current = pg.ScatterPlotItem(size=30, pen=pg.mkPen(style.BLACK, width=2.5), brush=None)
        pi.addItem(self.current)

        self.table = QTableWidget(4, 4)
        self.table.setHorizontalHeaderLabels(["x₁", "x₂", self.tr("target t"), self.tr("output y")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setToolTip(self.tr("The truth table and what the perceptron answers now"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weights = QLabel()
        self.weights.setWordWrap(True)
        self.update_text = QLabel()
        self.update_text.setWordWrap(True)
        self.update_text.setTextFormat(Qt.TextFormat.RichText)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("background: #fff4d6; padding: 4px; border-radius: 3px;")
        side_widget = QWidget()
        side_widget.setMinimumWidth(300)
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.table)
        side.addWidget(self.weights)
        side.addWidget(self.update_text)
        side.addWidget(self.verdict)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.plot, 3)
        body.addWidget(side_widget, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    # -- the rule ----------------------------------------------------------------------------------
    def restart(self, *_args, random: bool = False) -> None:
        """Start learning the chosen gate again (from zero weights, or random ones)."""
        self.play.setChecked(False)
        self.data = toy_data.make_gate(self.gate.currentData())
        lr = self.lr.value()
        self.p = Perceptron.random(self.rng, lr) if random else Perceptron(lr=lr)
        self.stepper = RuleStepper(self.p, self.data.x_train, self.data.y_train)
        self.last: perceptron.Update | None = None
        self.two_layers = None
        self.plot.set_points(self.data.x_train, self.data.y_train)
        self._redraw()

    def step(self) -> perceptron.Update:
        self.two_layers = None
        self.last = self.stepper.step()
        self._redraw()
        return self.last

    def epoch(self) -> None:
        self.step()
        while not self.last.epoch_done:
            self.step()

    @property
    def learned(self) -> bool:
        return self.stepper.converged_at is not None

    def _on_play(self, on: bool):
        self.play.setText(self.tr("Pause") if on else self.tr("Play"))
        if on and self.isVisible():
            self._timer.start()
        else:
            self._timer.stop()

    def _tick(self):
        if self.learned or self.stepper.epoch > MAX_EPOCHS:
            self.play.setChecked(False)
            return
        self.step()

    def hideEvent(self, ev):
        self._timer.stop()
        super().hideEvent(ev)

    def showEvent(self, ev):
        super().showEvent(ev)
        if self.play.isChecked():
            self._timer.start()

    # -- two layers --------------------------------------------------------------------------------
    def show_two_layers(self) -> None:
        """XOR from three perceptrons learned by the rule: hidden NAND and OR, output AND."""
        self.gate.setCurrentIndex(self.gate.findData("xor"))
        self.restart()
        learned, epochs = [], []
        for name in ("nand", "or", "and"):
            table = toy_data.make_gate(name)
            p = Perceptron(lr=self.lr.value())
            epochs.append(perceptron.train(p, table.x_train, table.y_train, max_epochs=100))
            learned.append(p)
        self.two_layers = perceptron.xor_network(*learned)
        out = self.two_layers.forward(self.grid)[:, 0].reshape(GRID, GRID)
        self.plot.set_output(out)
        self.line.setData([], [])
        self.current.setData([], [])
        for item, p in zip(self.hidden_lines, learned[:2], strict=True):
            item.setData(*self._line(p))
        y = self.two_layers.forward(self.data.x_train)[:, 0].astype(int)
        self._fill_table(y)
        right = int((y == self.data.y_train).sum())
        self.weights.setText(self.tr("Hidden: NAND (red dashes), OR (green dashes); "
                                     "output: AND of the two"))
        self.update_text.setText(self.tr(
            "Learned with the rule in {0}, {1} and {2} epochs. Each hidden perceptron draws one line; "
            "the output answers 1 only between them.").format(*epochs))
        self.verdict.setText(self.tr("Two layers: {0} of 4 right. XOR(x₁, x₂) = AND(NAND(x₁, x₂), "
                                     "OR(x₁, x₂)) — what one line cannot do, two layers can.").format(right))

    # -- drawing -----------------------------------------------------------------------------------
    def _line(self, p: Perceptron) -> tuple[np.ndarray, np.ndarray]:
        """Two points of the line w₁x₁ + w₂x₂ + b = 0 across the view (empty if w = 0)."""
        (w1, w2), b = p.w, p.b
        lo, hi = BOUNDS[0] - 1, BOUNDS[2] + 1
        if abs(w2) > 1e-12 and abs(w2) >= abs(w1):
            xs = np.array([lo, hi])
            return xs, -(w1 * xs + b) / w2
        if abs(w1) > 1e-12:
            ys = np.array([lo, hi])
            return -(w2 * ys + b) / w1, ys
        return np.array([]), np.array([])

    def _fit_table(self) -> None:
        t = self.table
        t.setFixedHeight(t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(4)) + 4)

    def _fill_table(self, outputs: np.ndarray) -> None:
        for r in range(4):
            x, t, y = self.data.x_train[r], int(self.data.y_train[r]), int(outputs[r])
            for c, v in enumerate((int(x[0]), int(x[1]), t, y)):
                item = QTableWidgetItem(str(v))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 3:
                    item.setBackground(pg.mkColor("#d8f0d8" if y == t else "#f6d0c8"))
                self.table.setItem(r, c, item)
        self._fit_table()

    def _redraw(self) -> None:
        p = self.p
        for item in self.hidden_lines:
            item.setData([], [])
        self.plot.set_output(p.output(self.grid).reshape(GRID, GRID).astype(np.float32))
        self.line.setData(*self._line(p))
        outputs = p.output(self.data.x_train)
        self._fill_table(outputs)
        self.weights.setText(self.tr("w₁ = {0}, w₂ = {1}, b = {2}").format(_fmt(p.w[0]), _fmt(p.w[1]),
                                                                         _fmt(p.b)))
        u = self.last
        if u is None:
            self.current.setData([], [])
            self.update_text.setText(self.tr("Press Step: the perceptron looks at one row at a time "
                                             "and moves its line only when it answers wrong."))
        else:
            self.current.setData([u.x[0]], [u.x[1]])
            row = self.tr("Epoch {0}, row ({1}, {2}): target t = {3}, output y = {4}").format(
                u.epoch, int(u.x[0]), int(u.x[1]), u.target, u.output)
            if u.output == u.target:
                change = self.tr("right: nothing changes.")
            else:
                change = self.tr("wrong: w ← w + η(t − y)x adds ({0}, {1}), b ← b + η(t − y) adds {2}."
                                 ).format(_fmt(u.dw[0]), _fmt(u.dw[1]), _fmt(u.db))
            self.update_text.setText(f"{row}<br>{change}")
        right = int((outputs == self.data.y_train).sum())
        gate = toy_data.GATES[self.data.name]
        if self.learned:
            text = self.tr("Learned in %n epoch(s): all 4 rows right.", "", self.stepper.converged_at)
        elif not gate.linear and self.stepper.epoch > 3:
            text = self.tr("{0} of 4 right. No straight line puts XOR's two 1s on one side and its two "
                           "0s on the other, so one perceptron never gets more than 3 of 4 (75%). "
                           "Press Two layers.").format(right)
        else:
            text = self.tr("{0} of 4 right.").format(right)
        self.verdict.setText(text)
