"""The book's weight-initialisation experiment (权重的初始值), live.

1000 random inputs go through 5 layers of 100 units with no training; the
panel shows each layer's activation histogram side by side, as in "Deep
Learning from Scratch" ch06 (weight_init_activation_histogram.py). Choose the
initial weight scale (σ = 1, σ = 0.01, Xavier, He or any σ) and the
activation; the histograms follow at once (the computation takes a few
milliseconds; it runs in a gui.tasks.Task so that dragging the σ slider
never stalls the GUI) and a line below says what the picture means. The
numbers come from ``core.init_experiment.init_experiment``.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from core import activations, init_experiment, initializers

from .. import style
from ..tasks import Task

N_LAYERS, UNITS = 5, 100
SLIDER_STEPS = 100                     # slider positions per decade of σ
SIGMA_RANGE = (0.001, 10.0)
PRESETS = (("normal", 1.0), ("normal", 0.01), ("xavier", None), ("he", None), ("normal", None))
CUSTOM = len(PRESETS) - 1
ACTIVATIONS = ("sigmoid", "tanh", "relu")    # the book's figure compares these three
NARROW = 640                           # below this width the histograms wrap onto two rows


def _short(v: float) -> str:
    """A compact tick label: 0.5, 2.5, 50k, −1."""
    text = f"{v / 1000:g}k" if abs(v) >= 10_000 else f"{v:g}"
    return text.replace("-", "\u2212")


def run_experiment(settings: dict) -> dict:
    """The experiment and its histograms (runs in a pool thread: touches no widget).

    ``core.init_experiment.experiment_histograms`` output plus ``settings``, the
    last layer's ``saturation`` and ``std_ratio`` (std of layer 5 / layer 1).
    """
    s = settings
    acts = init_experiment.init_experiment(s["init"], s["activation"], sigma=s["sigma"],
                                           n_layers=N_LAYERS, units=UNITS,
                                           rng=np.random.default_rng(s["seed"]))
    h = init_experiment.experiment_histograms(acts, s["activation"])
    h["settings"] = dict(s)
    h["last_layer"] = init_experiment.saturation(acts[-1], s["activation"])
    h["std_ratio"] = float(acts[-1].std() / max(float(acts[0].std()), 1e-300))
    return h


class InitExperimentPanel(QWidget):
    updated = Signal()                  # the histograms show a new result

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("initExperimentPanel")
        self.seed = 0
        self.result: dict | None = None           # the last run_experiment output shown
        # a few milliseconds, but more on a busy machine: never in the GUI thread
        self.task = Task(self)
        self.task.done.connect(self._show)
        self.task.failed.connect(self._failed)

        self.init_box = QComboBox()
        self.init_box.addItems([self.tr("σ = 1"), self.tr("σ = 0.01"), self.tr("Xavier: σ = √(1/n)"),
                                self.tr("He: σ = √(2/n)"), self.tr("custom σ")])
        self.init_box.setToolTip(self.tr("Standard deviation of the Gaussian initial weights; "
                                         "n = 100 inputs per unit"))
        self.sigma_spin = QDoubleSpinBox()
        self.sigma_spin.setRange(*SIGMA_RANGE)
        self.sigma_spin.setDecimals(4)
        self.sigma_spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.sigma_spin.setPrefix("σ = ")
        self.sigma_spin.setToolTip(self.tr("The standard deviation σ of the initial weights, when "
                                           "“custom σ” is chosen"))
        self.sigma_slider = QSlider(Qt.Orientation.Horizontal)
        lo, hi = (round(SLIDER_STEPS * math.log10(v)) for v in SIGMA_RANGE)
        self.sigma_slider.setRange(lo, hi)
        self.sigma_slider.setToolTip(self.tr("Drag to change σ (logarithmic: 0.001 to 10)"))
        self.act_box = QComboBox()
        for name in ACTIVATIONS:
            label = activations.ACTIVATIONS[name].label
            self.act_box.addItem(QCoreApplication.translate("activations", label), name)
        self.act_box.setToolTip(self.tr("The activation function of the five layers: the book's "
                                        "experiment compares sigmoid, tanh and ReLU"))
        self.resample_button = QPushButton(self.tr("New inputs"))
        self.resample_button.setToolTip(self.tr("Draw new random inputs and weights"))

        row1 = QHBoxLayout()
        row1.addWidget(QLabel(self.tr("Initial weights:")))
        row1.addWidget(self.init_box)
        row1.addWidget(self.sigma_spin)
        row1.addWidget(self.sigma_slider, 1)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel(self.tr("Activation:")))
        row2.addWidget(self.act_box)
        row2.addStretch(1)
        row2.addWidget(self.resample_button)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setToolTip(self.tr("Histograms of the activations of each of five layers of 100 "
                                     "units, for 1000 random inputs: with σ = 1 sigmoid outputs pile "
                                     "up at 0 and 1 (gradients vanish); with σ = 0.01 they all become "
                                     "alike (the layers lose their expressiveness); Xavier and He keep "
                                     "them spread out."))
        self.plots: list[pg.PlotItem] = []
        self.bars: list[pg.BarGraphItem] = []
        for i in range(N_LAYERS):
            p = pg.PlotItem()
            p.setTitle(self.tr("layer {0}").format(i + 1), size="10pt")
            p.setLabel("bottom", self.tr("activation"))
            p.setMenuEnabled(False)
            p.setMouseEnabled(x=False, y=False)
            p.hideButtons()
            p.showGrid(y=True, alpha=0.15)
            if i:
                p.setYLink(self.plots[0])
            bars = pg.BarGraphItem(x0=[0], width=[0], height=[0], brush=pg.mkBrush(style.BLUE),
                                   pen=pg.mkPen("w", width=0.5))
            p.addItem(bars)
            self.plots.append(p)
            self.bars.append(bars)
        self._columns = 0
        self._arrange(N_LAYERS)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("font-size: 13px; padding: 4px 2px;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {style.GREY};")
        intro = QLabel(self.tr("The book's experiment: 1000 random inputs pass through 5 layers of "
                               "100 units (no training yet). How are the activations distributed?"))
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {style.GREY};")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(intro)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.explanation)
        layout.addWidget(self.note)

        self.init_box.currentIndexChanged.connect(self._on_preset)
        self.sigma_spin.valueChanged.connect(self._on_sigma_spin)
        self.sigma_slider.valueChanged.connect(self._on_sigma_slider)
        self.act_box.currentIndexChanged.connect(self.recompute)
        self.resample_button.clicked.connect(self._resample)
        self._on_preset(0)

    # -- settings ----------------------------------------------------------------------------
    def settings(self) -> dict:
        """The experiment as ``core.init_experiment.init_experiment`` arguments (plus the seed)."""
        init, sigma = PRESETS[self.init_box.currentIndex()]
        if sigma is None:
            sigma = self.sigma_spin.value() if init == "normal" else initializers.std_for(init, UNITS)
        return {"init": init, "sigma": sigma,
                "activation": self.act_box.currentData(), "seed": self.seed}

    def _show_sigma(self, sigma: float) -> None:
        for w in (self.sigma_spin, self.sigma_slider):
            w.blockSignals(True)
        self.sigma_spin.setValue(sigma)
        self.sigma_slider.setValue(round(SLIDER_STEPS * math.log10(sigma)))
        for w in (self.sigma_spin, self.sigma_slider):
            w.blockSignals(False)

    def _on_preset(self, index: int) -> None:
        init, sigma = PRESETS[index]
        if index != CUSTOM:
            self._show_sigma(sigma if sigma is not None else
                             initializers.std_for(init, UNITS))
        self.recompute()

    def _on_sigma_spin(self, sigma: float) -> None:
        self._show_sigma(sigma)
        self._to_custom(sigma)

    def _on_sigma_slider(self, pos: int) -> None:
        sigma = float(f"{10.0 ** (pos / SLIDER_STEPS):.3g}")
        self._show_sigma(sigma)
        self._to_custom(sigma)

    def _to_custom(self, sigma: float) -> None:
        """An edited σ becomes "custom σ" unless it is exactly σ = 1 or σ = 0.01."""
        preset = {1.0: 0, 0.01: 1}.get(sigma, CUSTOM)
        self.init_box.blockSignals(True)
        self.init_box.setCurrentIndex(preset)
        self.init_box.blockSignals(False)
        self.recompute()

    def _resample(self) -> None:
        self.seed += 1
        self.recompute()

    # -- the experiment -------------------------------------------------------------------------
    def recompute(self, *_) -> None:
        self.task.submit(run_experiment, self.settings())

    def _show(self, h: dict) -> None:
        self.result = h
        s = h["settings"]
        edges = h["edges"]
        lo, hi = h["range"]
        ticks = [[(v, _short(v)) for v in (lo, (lo + hi) / 2, hi)]]     # three: narrow plots
        for p, bars, counts in zip(self.plots, self.bars, h["counts"], strict=True):
            bars.setOpts(x0=edges[:-1], width=np.diff(edges), height=counts)
            p.setXRange(lo, hi, padding=0.06)       # room for the edge tick labels
            p.getAxis("bottom").setTicks(ticks)
        self.plots[0].setYRange(0, max(1, max(int(c.max()) for c in h["counts"])) * 1.05, padding=0)
        self.explanation.setText(self._explain(s, h))
        notes = []
        if s["activation"] == "relu":
            notes.append(self.tr("Units that output exactly 0 are left out of the bars: {0} of "
                                 "the activations in layer 1, {1} in layer 5.").format(
                f"{h['zero_fraction'][0]:.0%}", f"{h['zero_fraction'][-1]:.0%}"))
        outside = max(h["outside_fraction"])
        if outside >= 0.005:
            notes.append(self.tr("{0} of the values lie beyond the x axis.").format(f"{outside:.0%}"))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.updated.emit()

    def _failed(self, message: str) -> None:
        self.explanation.setText(self.tr("The experiment failed: {0}").format(message))

    def _choice_name(self, s: dict) -> str:
        index = self.init_box.currentIndex()
        if index in (2, 3):
            return self.tr("Xavier") if index == 2 else self.tr("He")
        return self.tr("σ = {0:g}").format(s["sigma"])

    def _explain(self, s: dict, h: dict) -> str:
        act = s["activation"]
        act_label = QCoreApplication.translate("activations", activations.ACTIVATIONS[act].label)
        head = self.tr("{0} with {1}: ").format(self._choice_name(s), act_label)
        if act == "relu":
            ratio = h["std_ratio"]
            if ratio < 0.05:
                return head + self.tr("the activations shrink towards 0 layer after layer — the "
                                      "signal and the gradients vanish.")
            if ratio < 0.6:
                return head + self.tr("the activations get narrower with depth. ReLU zeroes half "
                                      "its inputs, so it needs He's larger σ = √(2/n).")
            if ratio > 3:
                return head + self.tr("the activations grow layer after layer (see the x axis) — "
                                      "they explode.")
            return head + self.tr("the activations keep the same spread in every layer — He's "
                                  "σ = √(2/n) suits ReLU.")
        last = h["last_layer"]
        if last["ends"] > 0.5:
            ends = self.tr("0 and 1") if act == "sigmoid" else self.tr("−1 and 1")
            return head + self.tr("activations pile up at {0}, where the slope of {1} is almost 0 — "
                                  "gradients vanish on their way back.").format(ends, act)
        if last["centre"] > 0.8:
            if act == "sigmoid":
                return head + self.tr("activations pile up at 0.5: every unit outputs the same "
                                      "value, so 100 units express no more than one.")
            return head + self.tr("activations collapse towards 0 layer after layer — the "
                                  "signal and the gradients vanish.")
        return head + self.tr("activations stay spread out in every layer — a good start. "
                              "Xavier's σ = √(1/n) is made for sigmoid and tanh.")

    # -- layout --------------------------------------------------------------------------------
    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        ci = self.view.ci
        for p in self.plots:
            if p.scene() is not None:
                ci.removeItem(p)
        for i, p in enumerate(self.plots):
            ci.addItem(p, row=i // columns, col=i % columns)
            p.getAxis("left").setStyle(showValues=i % columns == 0)
            p.setLabel("left", self.tr("count") if i % columns == 0 else None)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(3 if self.width() < NARROW else N_LAYERS)
