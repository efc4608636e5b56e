"""Training controls: data set, optimizer, learning rate, batch size, epochs,
L2, dropout, seed, validation split and slow motion.

The panel only edits settings and emits ``setting_changed(name, value)``;
the main window forwards them to the controller. Learning rate, optimizer,
batch size, L2 and dropout may change while training runs (they apply at the
next mini-batch); the others are locked until training stops.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import data, optimizers
from gui.run_state import RunState
from gui.tooltips import tooltip


class LogSpinBox(QDoubleSpinBox):
    """A spin box for quantities that span decades: the arrows step through
    1, 2, 5, 10, 20, 50 … (learning rates 0.001, 0.002, 0.005, 0.01 …)."""

    LADDER = (1.0, 2.0, 5.0)

    def __init__(self, lo: float, hi: float, parent=None):
        super().__init__(parent)
        self.setDecimals(7)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text, pos):
        try:
            v = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= v <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:
        v = self.value()
        for _ in range(abs(steps)):
            v = self._next(v, up=steps > 0)
        self.setValue(min(max(v, self.minimum()), self.maximum()))

    def _next(self, v: float, up: bool) -> float:
        e = math.floor(math.log10(v) + 1e-9)
        ladder = [m * 10 ** k for k in (e - 1, e, e + 1) for m in self.LADDER]
        if up:
            return next(x for x in ladder if x > v * (1 + 1e-9))
        return next(x for x in reversed(ladder) if x < v * (1 - 1e-9))


class TrainingPanel(QWidget):
    setting_changed = Signal(str, object)
    dataset_requested = Signal(str)

    LOCKED_WHILE_TRAINING = ("dataset", "epochs", "seed", "val_fraction")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self._loading = False
        tips = self._tips()

        self.dataset = QComboBox()
        self.dataset.setObjectName("datasetCombo")
        self.dataset.addItem(self.tr("MNIST handwritten digits"), "mnist")
        toy_names = {"circle": self.tr("circle"), "xor": self.tr("XOR (exclusive or)"),
                     "gauss": self.tr("two Gaussian clusters"), "spiral": self.tr("spiral"),
                     "moons": self.tr("two moons")}
        for name in data.TOY_SETS:
            self.dataset.addItem(self.tr("Toy 2-D: {0}").format(toy_names.get(name, name)), name)
        self.dataset.addItem(self.tr("IDX folder (MNIST format)…"), "__idx__")
        self.optimizer = QComboBox()
        self.optimizer.setObjectName("optimizerCombo")
        for key, cls in optimizers.OPTIMIZERS.items():
            self.optimizer.addItem(QCoreApplication.translate("optimizers", cls.label), key)
            tip = tooltip(QCoreApplication.translate("optimizers", cls.help), cls.rule)
            self.optimizer.setItemData(self.optimizer.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.lr = LogSpinBox(1e-6, 1e3)
        self.lr.setObjectName("lrSpin")
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 4096)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1000)
        self.weight_decay = QDoubleSpinBox()
        self.weight_decay.setDecimals(5)
        self.weight_decay.setRange(0.0, 1.0)
        self.weight_decay.setSingleStep(0.0001)
        self.dropout = QDoubleSpinBox()
        self.dropout.setRange(0.0, 0.9)
        self.dropout.setSingleStep(0.05)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.val_fraction = QDoubleSpinBox()
        self.val_fraction.setRange(0.0, 0.5)
        self.val_fraction.setSingleStep(0.05)
        self.delay = QSlider(Qt.Orientation.Horizontal)
        self.delay.setRange(0, 1000)
        self.delay.setSingleStep(10)
        self.delay.setPageStep(100)
        self.delay_label = QLabel()
        self.delay_label.setMinimumWidth(70)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = [(self.tr("Data"), self.dataset, "dataset"),
                (self.tr("Optimizer"), self.optimizer, "optimizer"),
                (self.tr("Learning rate"), self.lr, "lr"),
                (self.tr("Batch size"), self.batch_size, "batch_size"),
                (self.tr("Epochs"), self.epochs, "epochs"),
                (self.tr("L2 (weight decay)"), self.weight_decay, "weight_decay"),
                (self.tr("Dropout rate"), self.dropout, "dropout"),
                (self.tr("Seed"), self.seed, "seed"),
                (self.tr("Validation fraction"), self.val_fraction, "val_fraction")]
        self.widgets = {}
        for label, widget, key in rows:
            widget.setToolTip(tips[key])
            form.addRow(label, widget)
            self.widgets[key] = widget
        slow = QGridLayout()
        slow.addWidget(self.delay, 0, 0)
        slow.addWidget(self.delay_label, 0, 1)
        self.delay.setToolTip(tips["delay_ms"])
        form.addRow(self.tr("Slow motion"), slow)
        self.widgets["delay_ms"] = self.delay

        self.buttons = QGridLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addLayout(form)
        self.state_label = QLabel()
        self.state_label.setObjectName("trainingStateLabel")
        self.state_label.setWordWrap(True)
        self.state_label.setStyleSheet("color: #555;")
        layout.addWidget(self.state_label)
        layout.addStretch(1)

        self.dataset.activated.connect(self._on_dataset)
        self.optimizer.currentIndexChanged.connect(
            lambda: self._emit("optimizer", self.optimizer.currentData()))
        self.lr.valueChanged.connect(lambda v: self._emit("lr", float(v)))
        self.batch_size.valueChanged.connect(lambda v: self._emit("batch_size", int(v)))
        self.epochs.valueChanged.connect(lambda v: self._emit("epochs", int(v)))
        self.weight_decay.valueChanged.connect(lambda v: self._emit("weight_decay", float(v)))
        self.dropout.valueChanged.connect(lambda v: self._emit("dropout", float(v)))
        self.seed.valueChanged.connect(lambda v: self._emit("seed", int(v)))
        self.val_fraction.valueChanged.connect(lambda v: self._emit("val_fraction", float(v)))
        self.delay.valueChanged.connect(self._on_delay)
        self._on_delay(0)
        self.set_training_state(RunState.IDLE)

    def sizeHint(self) -> QSize:
        # a narrow column: the plots and the other panels get the rest of the window
        return QSize(330, super().sizeHint().height())

    def _tips(self) -> dict[str, str]:
        return {
            "dataset": self.tr("What the network learns from. MNIST: 60,000 handwritten digits "
                               "(28×28). Toy sets: 2-D points in two classes, to see decision "
                               "boundaries. An IDX folder: Fashion-MNIST or your own data."),
            "optimizer": self.tr("How the weights move along the gradient. SGD takes plain steps; "
                                 "Momentum and Nesterov add velocity; AdaGrad, RMSProp and Adam "
                                 "adapt the step size per weight. Takes effect at the next batch."),
            "lr": self.tr("Learning rate (学习率): the step size of gradient descent. Too small learns "
                          "slowly; too large overshoots and diverges. Arrows step 1-2-5; takes "
                          "effect at the next batch."),
            "batch_size": self.tr("Samples per mini-batch: one gradient step per batch. Smaller "
                                  "batches give noisier but more frequent steps."),
            "epochs": self.tr("How many passes over the training data."),
            "weight_decay": self.tr("L2 regularization λ: adds ½λ·ΣW² to the loss, pulling weights "
                                    "toward zero to fight overfitting."),
            "dropout": self.tr("Fraction of units switched off at random during training, in every "
                               "dropout layer (add one in the architecture editor)."),
            "seed": self.tr("Random seed for the initial weights, the data split and the batch "
                            "order: the same seed gives the same run."),
            "val_fraction": self.tr("Part of the training data held out to check for overfitting "
                                    "(validation data); it is never trained on."),
            "delay_ms": self.tr("Pause after every mini-batch, to watch learning in slow motion."),
        }

    # -- slots -----------------------------------------------------------------------------
    def add_action_buttons(self, actions) -> None:
        """Tool buttons for the main window's Start / Pause / Step / Stop actions."""
        for i, action in enumerate(actions):
            b = QToolButton()
            b.setDefaultAction(action)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, b.sizePolicy().verticalPolicy())
            self.buttons.addWidget(b, i // 2, i % 2)

    def set_settings(self, s) -> None:
        """Show a RunSettings without emitting setting_changed."""
        self._loading = True
        try:
            i = self.dataset.findData(s.dataset)
            if i < 0:
                self.dataset.insertItem(self.dataset.count() - 1, s.dataset, s.dataset)
                i = self.dataset.findData(s.dataset)
            self.dataset.setCurrentIndex(i)
            self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(s.optimizer)))
            self.lr.setValue(s.lr)
            self.batch_size.setValue(s.batch_size)
            self.epochs.setValue(s.epochs)
            self.weight_decay.setValue(s.weight_decay)
            self.dropout.setValue(s.dropout)
            self.seed.setValue(s.seed)
            self.val_fraction.setValue(s.val_fraction)
            self.delay.setValue(s.delay_ms)
        finally:
            self._loading = False
        self._current_dataset = s.dataset

    def set_training_state(self, state: str) -> None:
        busy = RunState(state).busy
        for key in self.LOCKED_WHILE_TRAINING:
            self.widgets[key].setEnabled(not busy)
        text = {RunState.IDLE: self.tr("Ready. Settings marked live can change while training runs."),
                RunState.RUNNING: self.tr("Training. Optimizer, learning rate, batch size, L2 and dropout "
                                   "apply from the next mini-batch."),
                RunState.PAUSED: self.tr("Paused. Press Space to resume or step one batch at a time."),
                RunState.FINISHED: self.tr("Finished. Start trains further from the current weights; "
                                    "Reset (Ctrl+R) starts over.")}
        self.state_label.setText(text.get(state, ""))

    # -- internals ---------------------------------------------------------------------------
    def _emit(self, name: str, value) -> None:
        if not self._loading:
            self.setting_changed.emit(name, value)

    def _on_delay(self, v: int) -> None:
        self.delay_label.setText(self.tr("off") if v == 0 else self.tr("{0} ms/batch").format(v))
        self._emit("delay_ms", int(v))

    def _on_dataset(self, index: int) -> None:
        key = self.dataset.itemData(index)
        if key == "__idx__":
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("Folder with train-images-idx3-ubyte(.gz) and friends"))
            if not folder:
                self.set_dataset_choice(getattr(self, "_current_dataset", "mnist"))
                return
            key = folder
        self.dataset_requested.emit(key)

    def set_dataset_choice(self, name: str) -> None:
        """Select ``name`` in the combo (after a load succeeded or failed)."""
        self._loading = True
        i = self.dataset.findData(name)
        if i < 0:
            self.dataset.insertItem(self.dataset.count() - 1, name, name)
            i = self.dataset.findData(name)
        self.dataset.setCurrentIndex(i)
        self._current_dataset = name
        self._loading = False
