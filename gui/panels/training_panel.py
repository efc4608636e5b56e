"""Training controls, one per run setting of ``core.live_settings`` (data set, optimizer and
its hyperparameters, learning rate and its decay, batch size, epochs, L2, dropout, seed,
validation split, slow motion), built from that declaration: its ranges, labels and help.

The panel only edits settings and emits ``setting_changed(name, value)``; the main window
forwards them to the controller. Live settings may change while training runs (they apply at
the next mini-batch); the others are locked until training stops. An optimizer's
hyperparameters (momentum α, Adam's β₁ and β₂ …) are shown only while that optimizer is chosen.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
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

from core import data, optimizers, toy_data
from core.live_settings import SETTINGS, Setting
from gui.run_state import RunState
from gui.tooltips import tooltip
from gui.widgets.log_spin_box import LogSpinBox

__all__ = ["LogSpinBox", "TrainingPanel"]

# object names kept from before the panel was built from the declaration (tests and styles use them)
OBJECT_NAMES = {"dataset": "datasetCombo", "optimizer": "optimizerCombo", "lr": "lrSpin"}
ATTRIBUTES = {"delay_ms": "delay"}     # self.<name> holds each setting's widget, except these


def _t(setting: Setting, text: str) -> str:
    return QCoreApplication.translate(setting.context, text)


class TrainingPanel(QWidget):
    setting_changed = Signal(str, object)
    dataset_requested = Signal(str)

    LOCKED_WHILE_TRAINING = tuple(name for name, s in SETTINGS.items() if not s.live)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self._loading = True           # the declared defaults are shown, not emitted
        self.widgets: dict[str, QWidget] = {}
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, setting in SETTINGS.items():
            widget = self._make_widget(setting)
            widget.setObjectName(OBJECT_NAMES.get(name, f"{name}Setting"))
            tip = tooltip(_t(setting, setting.help), setting.formula)
            widget.setToolTip(tip)
            label = QLabel(_t(setting, setting.label))
            label.setToolTip(tip)
            if name == "delay_ms":
                row = QGridLayout()
                row.addWidget(widget, 0, 0)
                row.addWidget(self.delay_label, 0, 1)
                form.addRow(label, row)
            else:
                form.addRow(label, widget)
            self.widgets[name] = widget
            setattr(self, ATTRIBUTES.get(name, name), widget)

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
        self.optimizer.setCurrentIndex(self.optimizer.findData(SETTINGS["optimizer"].default))
        self.lr.setValue(SETTINGS["lr"].default)
        self._show_hyperparameters(self.optimizer.currentData())
        self._on_delay(0)
        self._loading = False
        self.set_training_state(RunState.IDLE)

    def _make_widget(self, s: Setting) -> QWidget:
        name = s.name
        if name == "dataset":
            combo = QComboBox()
            combo.addItem(self.tr("MNIST handwritten digits"), "mnist")
            for toy in data.TOY_SETS:
                name = QCoreApplication.translate("toy_data", toy_data.TOY_LABELS.get(toy, toy))
                combo.addItem(self.tr("Toy 2-D: {0}").format(name), toy)
            combo.addItem(self.tr("IDX folder (MNIST format)…"), "__idx__")
            # long names are cut in the closed combo (the list shows them whole): the column stays narrow
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.activated.connect(self._on_dataset)
            return combo
        if name == "optimizer":
            combo = QComboBox()
            for key, cls in optimizers.OPTIMIZERS.items():
                combo.addItem(QCoreApplication.translate("optimizers", cls.label), key)
                tip = tooltip(QCoreApplication.translate("optimizers", cls.help), cls.rule)
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            combo.currentIndexChanged.connect(lambda: self._on_optimizer(combo.currentData()))
            return combo
        if name == "lr":
            spin = LogSpinBox(s.low, s.high)
            spin.valueChanged.connect(lambda v: self._emit("lr", float(v)))
            return spin
        if name == "delay_ms":
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(int(s.low), int(s.high))
            slider.setSingleStep(10)
            slider.setPageStep(100)
            self.delay_label = QLabel()
            self.delay_label.setMinimumWidth(70)
            slider.valueChanged.connect(self._on_delay)
            return slider
        if s.type is int:
            spin = QSpinBox()
            spin.setRange(int(s.low), int(s.high))
            spin.setSingleStep(int(s.step))
            if s.special_low:
                spin.setSpecialValueText(_t(s, s.special_low))
            spin.valueChanged.connect(lambda v, n=name: self._emit(n, int(v)))
        else:
            spin = QDoubleSpinBox()
            spin.setDecimals(s.decimals)
            spin.setRange(s.low, s.high)
            spin.setSingleStep(s.step)
            spin.valueChanged.connect(lambda v, n=name: self._emit(n, float(v)))
        spin.setValue(s.default)
        return spin

    def sizeHint(self) -> QSize:
        # a narrow column: the plots and the other panels get the rest of the window
        return QSize(330, super().sizeHint().height())

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
            for name, widget in self.widgets.items():
                if name not in ("dataset", "optimizer"):
                    widget.setValue(getattr(s, name))
            self._show_hyperparameters(s.optimizer)
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

    def _on_optimizer(self, name: str) -> None:
        self._show_hyperparameters(name)
        self._emit("optimizer", name)

    def _show_hyperparameters(self, optimizer: str) -> None:
        """Only the chosen optimizer's hyperparameters have a row."""
        for name, s in SETTINGS.items():
            if s.optimizers:
                self.form.setRowVisible(self.widgets[name], optimizer in s.optimizers)

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
