"""The 2-D playground's controls: the data (set, noise, size, test share, seed) and the network
(input features, hidden layers and their units, the activation). Each emits ``changed`` when the
user changes something; ``set_…`` methods update them quietly."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import activations, features, playground, toy_data
from gui.labels import activation_label


class DataControls(QWidget):
    """Data set, noise, number of points, test share, seed, Regenerate."""

    changed = Signal()              # noise, size, share or seed changed (same set)
    set_changed = Signal(str)       # another data set chosen

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.name = QComboBox()
        for name in toy_data.TOY_SETS:
            self.name.addItem(QCoreApplication.translate("toy_data", toy_data.TOY_LABELS[name]), name)
        self.name.setToolTip(self.tr("The 2-D data set: two classes of points to separate. Choosing one "
                                 "also loads a network and learning rate that solve it."))
        self.name.activated.connect(lambda: self.set_changed.emit(self.name.currentData()))
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, 1.0)
        self.noise.setSingleStep(0.05)
        self.noise.setValue(toy_data.DEFAULT_NOISE)
        self.noise.setToolTip(self.tr("How much the points are jittered (0 = clean). With much noise the "
                                  "classes overlap and no boundary can be perfect."))
        self.points = QSpinBox()
        self.points.setRange(20, 2000)
        self.points.setSingleStep(50)
        self.points.setValue(toy_data.DEFAULT_N)
        self.points.setToolTip(self.tr("Number of points, training and test together"))
        self.test_share = QSpinBox()
        self.test_share.setRange(10, 90)
        self.test_share.setSingleStep(10)
        self.test_share.setSuffix(" %")
        self.test_share.setValue(round(100 * toy_data.DEFAULT_TEST_FRACTION))
        self.test_share.setToolTip(self.tr("Share of the points held out as test data: the network never "
                                       "trains on them (black rim)"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 99999)
        self.seed.setToolTip(self.tr("Draws the points and the initial weights: the same seed gives the "
                                 "same points as the training panel and the command line"))
        self.regenerate = QPushButton(self.tr("Regenerate"))
        self.regenerate.setToolTip(self.tr("Draw new points (the next seed)"))
        self.regenerate.clicked.connect(lambda: self.seed.setValue(self.seed.value() + 1))
        for spin in (self.noise, self.points, self.test_share, self.seed):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self.changed)
        rows = ((self.tr("Data"), self.name), (self.tr("Noise"), self.noise),
                (self.tr("Points"), self.points), (self.tr("Test share"), self.test_share),
                (self.tr("Seed"), self.seed))
        for r, (text, w) in enumerate(rows):
            grid.addWidget(QLabel(text), r, 0)
            grid.addWidget(w, r, 1)
        grid.addWidget(self.regenerate, len(rows), 0, 1, 2)

    def dataset(self):
        """The chosen toy set as a ``core`` Dataset (the shared definition)."""
        return toy_data.load(self.name.currentData(), self.seed.value(), n=self.points.value(),
                             noise=self.noise.value(), test_fraction=self.test_share.value() / 100)

    def set_name(self, name: str) -> None:
        with QSignalBlocker(self.name):
            self.name.setCurrentIndex(self.name.findData(name))


class NetworkControls(QWidget):
    """Input features, hidden layers (− / + and units per layer), activation."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.hidden: list[int] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Inputs")))
        feats = QGridLayout()
        self.features: dict[str, QCheckBox] = {}
        for i, (name, ft) in enumerate(features.FEATURES.items()):
            box = QCheckBox(ft.label)
            box.setToolTip(QCoreApplication.translate("features", ft.help))
            box.toggled.connect(self._on_feature)
            feats.addWidget(box, i // 4, i % 4)
            self.features[name] = box
        layout.addLayout(feats)
        row = QHBoxLayout()
        self.fewer = QPushButton("−")
        self.fewer.setToolTip(self.tr("Remove the last hidden layer"))
        self.fewer.clicked.connect(self.remove_layer)
        self.more = QPushButton("+")
        self.more.setToolTip(self.tr("Add a hidden layer"))
        self.more.clicked.connect(self.add_layer)
        for b in (self.fewer, self.more):
            b.setFixedWidth(32)
        self.count = QLabel()
        row.addWidget(self.fewer)
        row.addWidget(self.more)
        row.addWidget(self.count, 1)
        layout.addLayout(row)
        self.units_row = QHBoxLayout()
        self.unit_spins: list[QSpinBox] = []
        layout.addLayout(self.units_row)
        act_row = QHBoxLayout()
        act_row.addWidget(QLabel(self.tr("Activation")))
        self.activation = QComboBox()
        for name in activations.ACTIVATIONS:
            self.activation.addItem(activation_label(name), name)
        self.activation.setToolTip(self.tr("The activation function of every hidden layer (the output "
                                       "layer stays linear: softmax turns it into probabilities)"))
        self.activation.activated.connect(self.changed)
        act_row.addWidget(self.activation, 1)
        layout.addLayout(act_row)

    # -- state -----------------------------------------------------------------------------------
    def values(self) -> dict:
        return {"hidden": tuple(self.hidden), "activation": self.activation.currentData(),
                "features": tuple(n for n, b in self.features.items() if b.isChecked())}

    def set_values(self, hidden, activation: str, chosen) -> None:
        """Show a recipe's network without emitting ``changed``."""
        for name, box in self.features.items():
            with QSignalBlocker(box):
                box.setChecked(name in chosen)
        with QSignalBlocker(self.activation):
            self.activation.setCurrentIndex(self.activation.findData(activation))
        self._show_layers(list(hidden))

    def _on_feature(self, _on: bool):
        if not any(b.isChecked() for b in self.features.values()):
            box = self.sender()
            with QSignalBlocker(box):
                box.setChecked(True)          # at least one input stays
            return
        self.changed.emit()

    def add_layer(self) -> None:
        """A hidden layer more, as wide as the last one (4 units if it is the first)."""
        self._set_layers([*self.hidden, self.hidden[-1] if self.hidden else 4])

    def remove_layer(self) -> None:
        if self.hidden:
            self._set_layers(self.hidden[:-1])

    def _set_layers(self, hidden: list[int]):
        if len(hidden) > playground.MAX_LAYERS:
            return
        self._show_layers(hidden)
        self.changed.emit()

    def _show_layers(self, hidden: list[int]):
        self.hidden = hidden
        while len(self.unit_spins) > len(hidden):
            spin = self.unit_spins.pop()
            self.units_row.removeWidget(spin)
            spin.deleteLater()
        while len(self.unit_spins) < len(hidden):
            spin = QSpinBox()
            spin.setRange(1, playground.MAX_UNITS)
            spin.setToolTip(self.tr("Neurons in this hidden layer"))
            spin.valueChanged.connect(self._on_units)
            self.unit_spins.append(spin)
            self.units_row.addWidget(spin)
        for spin, units in zip(self.unit_spins, hidden, strict=True):
            with QSignalBlocker(spin):
                spin.setValue(units)
        self.fewer.setEnabled(bool(hidden))
        self.more.setEnabled(len(hidden) < playground.MAX_LAYERS)
        self.count.setText(self.tr("%n hidden layer(s)", "", len(hidden)) if hidden
                           else self.tr("no hidden layer: a straight boundary"))

    def _on_units(self, _value: int):
        self.hidden = [s.value() for s in self.unit_spins]
        self.changed.emit()
