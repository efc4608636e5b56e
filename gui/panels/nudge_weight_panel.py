"""Nudge one weight: drag a single parameter of (a copy of) the current network and watch
the loss on a batch, the output probabilities and the slope change — the numerical slope
ΔL/Δw (数值微分) beside backprop's ∂L/∂w (误差反向传播法) — over the 1-D slice L(w).

Everything is computed by ``core.nudge`` on a float64 copy, in a pool task (the newest
request wins while the learner drags). ``select_weight(name, index)`` picks a weight from
elsewhere: the network diagram's ``weight_clicked`` or a click in the weights heatmap.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import nudge as nudge_mod
from core.gradcheck import fix_dropout_masks, float64_network
from gui import style
from gui.data_fit import misfit
from gui.tasks import Task
from gui.widgets.probability_bars import ProbabilityBars

SLIDER_STEPS = 400
H = 1e-4


def compute_nudge(spec, params, x, y, name, index, value, centre, span) -> nudge_mod.Nudge:
    """Runs in a pool thread: a float64 copy of the network, the weight set to ``value``."""
    net = float64_network(spec, params)
    fix_dropout_masks(net, len(x), np.random.default_rng(0))
    return nudge_mod.nudge(net, np.asarray(x, dtype=np.float64), y, name, index, value, H,
                           centre, span)


class NudgeWeightPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("nudgeWeightPanel")
        self._spec: dict | None = None
        self._params: dict[str, np.ndarray] | None = None
        self._dataset = None
        self._dirty = False
        self._centre = 0.0                  # the network's own value of the picked entry
        self._value = 0.0                   # w now (the spin box shows it rounded)
        self._labels = np.zeros(1, dtype=np.int64)
        self._names: list[str] = []
        self.result: nudge_mod.Nudge | None = None
        self.task = Task(self)
        self.task.done.connect(self._on_result)
        self.task.failed.connect(self._on_failed)

        self.param_combo = QComboBox()
        self.param_combo.setToolTip(self.tr("Which parameter array the weight belongs to"))
        self.param_combo.currentIndexChanged.connect(self._param_changed)
        self.index_spins: list[QSpinBox] = []
        for k in range(4):
            spin = QSpinBox()
            spin.setToolTip(self.tr("Index {0} of the entry").format(k + 1))
            spin.valueChanged.connect(self._entry_changed)
            self.index_spins.append(spin)
        self.value_spin = QDoubleSpinBox()
        self.value_spin.setDecimals(6)
        self.value_spin.setRange(-1e4, 1e4)
        self.value_spin.setSingleStep(0.01)
        self.value_spin.setToolTip(self.tr("The weight's value w (the network itself is not changed: "
                                           "this is a copy)"))
        self.value_spin.valueChanged.connect(self._value_typed)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setToolTip(self.tr("Drag to change w within ± the span around its trained value"))
        self.slider.valueChanged.connect(self._slid)
        self.span_spin = QDoubleSpinBox()
        self.span_spin.setRange(0.01, 20.0)
        self.span_spin.setValue(1.0)
        self.span_spin.setPrefix("± ")
        self.span_spin.setToolTip(self.tr("How far the slider and the plotted slice reach either side"))
        self.span_spin.valueChanged.connect(self._entry_changed)
        self.reset_button = QPushButton(self.tr("Back to the trained value"))
        self.reset_button.setToolTip(self.tr("Put w back to the value the network has"))
        self.reset_button.clicked.connect(self._entry_changed)
        self.m_spin = QSpinBox()
        self.m_spin.setRange(1, 256)
        self.m_spin.setValue(16)
        self.m_spin.setPrefix(self.tr("m = "))
        self.m_spin.setToolTip(self.tr("Training samples the loss is computed on"))
        self.m_spin.valueChanged.connect(self._request)

        self.plot = pg.PlotWidget()
        self.plot.setToolTip(self.tr("The loss along this one weight, L(w), with everything else fixed; "
                                     "the dot is w, the red line the tangent with backprop's slope ∂L/∂w"))
        self.plot.setLabel("bottom", self.tr("weight w"))
        self.plot.setLabel("left", self.tr("loss L"))
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.curve = self.plot.plot([], [], pen=style.pen(style.BLUE))
        self.tangent = self.plot.plot([], [], pen=style.pen(style.VERMILION, 2))
        self.dot = self.plot.plot([], [], pen=None, symbol="o", symbolBrush=style.VERMILION,
                                  symbolSize=9)
        self.probs = ProbabilityBars()
        self.probs.setToolTip(self.tr("The softmax output for the first sample of the batch"))
        self.probs_caption = QLabel()
        self.probs_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.readout = QLabel(self.tr("Build a network to nudge one of its weights."))
        self.readout.setWordWrap(True)
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setStyleSheet("QLabel { background: #f7f7f2; border: 1px solid #dddddd; "
                                   "padding: 6px; }")

        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Weight:")))
        pick.addWidget(self.param_combo)
        for spin in self.index_spins:
            pick.addWidget(spin)
        pick.addStretch(1)
        pick.addWidget(self.m_spin)
        drag = QHBoxLayout()
        drag.addWidget(self.value_spin)
        drag.addWidget(self.slider, 1)
        drag.addWidget(self.span_spin)
        drag.addWidget(self.reset_button)
        body = QGridLayout()
        body.addWidget(self.plot, 0, 0, 2, 1)
        body.addWidget(self.probs_caption, 0, 1)
        body.addWidget(self.probs, 1, 1)
        body.setColumnStretch(0, 3)
        body.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addLayout(drag)
        layout.addWidget(self.readout)
        layout.addLayout(body, 1)
        self._show_index_spins(())

    # -- slots the main window calls ---------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        self._spec, self._params = spec, params
        keep = self.param_combo.currentData()
        self.param_combo.blockSignals(True)
        self.param_combo.clear()
        for name, p in params.items():
            if name.split(".")[1] in ("W", "b"):
                self.param_combo.addItem(f"{name} {tuple(p.shape)}", name)
        i = self.param_combo.findData(keep)
        self.param_combo.setCurrentIndex(i if i >= 0 else 0)
        self.param_combo.blockSignals(False)
        self._param_changed()

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        self._params = params            # used from the next pick or reset on

    def set_dataset(self, dataset) -> None:
        self._dataset = dataset
        self._request()

    # -- public: pick a weight ----------------------------------------------------------------
    def select_weight(self, name: str, index) -> None:
        """Show the entry ``index`` of parameter ``name`` (e.g. from a click in the diagram)."""
        i = self.param_combo.findData(name)
        if i < 0:
            return
        self.param_combo.setCurrentIndex(i)
        index = tuple(int(v) for v in np.atleast_1d(index))
        for spin, v in zip(self.index_spins, index, strict=False):
            spin.blockSignals(True)
            spin.setValue(v)
            spin.blockSignals(False)
        self._entry_changed()

    def current(self) -> tuple[str, tuple[int, ...]] | None:
        name = self.param_combo.currentData()
        if name is None:
            return None
        shape = self._params[name].shape
        return name, tuple(s.value() for s in self.index_spins[:len(shape)])

    def set_value(self, w: float) -> None:
        self._value = float(w)
        self._show_value()
        self._sync_slider()
        self._request()

    # -- reacting ------------------------------------------------------------------------------
    def _show_index_spins(self, shape):
        for k, spin in enumerate(self.index_spins):
            spin.setVisible(k < len(shape))
            if k < len(shape):
                spin.blockSignals(True)
                spin.setRange(0, shape[k] - 1)
                spin.blockSignals(False)

    def _param_changed(self, *_):
        name = self.param_combo.currentData()
        self._show_index_spins(self._params[name].shape if name else ())
        self._entry_changed()

    def _original(self) -> float:
        name, index = self.current()
        return float(self._params[name][index])

    def _entry_changed(self, *_):
        """A new entry (or span, or reset): start from the network's own value of it."""
        if self.current() is None:
            return
        self._centre = self._value = self._original()
        self._show_value()
        self._sync_slider()
        self._request()

    def _show_value(self):
        self.value_spin.blockSignals(True)
        self.value_spin.setValue(self._value)
        self.value_spin.blockSignals(False)

    def _sync_slider(self):
        span = self.span_spin.value()
        t = (self._value - self._centre + span) / (2 * span)
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(np.clip(t, 0, 1) * SLIDER_STEPS)))
        self.slider.blockSignals(False)

    def _slid(self, v: int):
        span = self.span_spin.value()
        self._value = self._centre - span + 2 * span * v / SLIDER_STEPS
        self._show_value()
        self._request()

    def _value_typed(self, *_):
        self._value = self.value_spin.value()
        self._sync_slider()
        self._request()

    def _request(self, *_):
        if not self.isVisible():
            self._dirty = True              # a hidden panel does no work
            return
        self._dirty = False
        picked = self.current()
        if picked is None or self._dataset is None:
            return
        problem = misfit(self._spec, self._dataset)
        if problem is not None:
            self.readout.setText(problem)
            return
        m = min(self.m_spin.value(), len(self._dataset.y_train))
        x, y = self._dataset.gather("train", np.arange(m))
        name, index = picked
        self._labels = y
        self.task.submit(compute_nudge, self._spec, self._params, x, y, name, index,
                         self._value, self._centre, self.span_spin.value())

    def showEvent(self, event):
        super().showEvent(event)
        if self._dirty:
            self._request()

    def _on_failed(self, message: str) -> None:
        self.readout.setText(self.tr("Failed: {0}").format(message))

    def _on_result(self, r: nudge_mod.Nudge) -> None:
        self.result = r
        self.curve.setData(r.slice_w, r.slice_loss)
        self.dot.setData([r.value], [r.loss])
        reach = 0.15 * (r.slice_w[-1] - r.slice_w[0])
        ws = np.array([r.value - reach, r.value + reach])
        self.tangent.setData(ws, r.loss + r.analytic * (ws - r.value))
        names = list(self._dataset.class_names) if self._dataset is not None else []
        if len(names) != r.probs.shape[1]:      # the data changed since this was computed
            names = [str(k) for k in range(r.probs.shape[1])]
        if names != self._names:
            self._names = names
            self.probs.set_names(names)
        self.probs.set_probabilities(r.probs[0])
        label = int(self._labels[0])
        self.probs_caption.setText(self.tr("Sample 1 of the batch (label {0})").format(
            names[label] if label < len(names) else label))
        index = ", ".join(map(str, r.index))
        self.readout.setText(self.tr(
            "{0}[{1}] = <b>{2:.5g}</b> (trained value {3:.5g}) · loss L = <b>{4:.6g}</b><br>"
            "numerical slope ΔL/Δw = (L(w + h) − L(w − h)) / 2h, h = {5:g}: <b>{6:.6g}</b><br>"
            "backprop ∂L/∂w: <b>{7:.6g}</b> · relative difference {8:.1e}").format(
            r.name, index, r.value, self._centre, r.loss, r.h, r.numerical, r.analytic,
            r.relative_difference))
