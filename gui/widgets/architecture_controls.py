"""The rows of controls around the architecture editor, each a small widget that holds values
and emits requests; the architecture panel wires them to its document.

- ``SourceBar``: load a preset, open or save an architecture file (the file dialogs);
- ``LossChoice``: the loss function, one entry per loss of ``core.losses``;
- ``BuildControls``: the seed, an initializer for every layer, and the Apply button;
- ``size_text`` / ``ask_size``: the memory a network needs to train (``core.model_size``), and
  the question asked before building one above the threshold.

Their strings keep the ``ArchitecturePanel`` translation context they were written in.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import losses, presets
from core.layers import settings_of
from core.model_size import SizeEstimate
from gui.tooltips import tooltip


def _tr(text: str) -> str:
    return QCoreApplication.translate("ArchitecturePanel", text)


class SourceBar(QWidget):
    """Preset combo, Open… and Save…; emits the preset key or the chosen file's path."""

    preset_chosen = Signal(str)
    open_chosen = Signal(str)
    save_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(_tr("Load a preset…"), None)
        for key, p in presets.PRESETS.items():
            self.preset_combo.addItem(p["name"], key)
        self.preset_combo.setToolTip(_tr("Ready-made architectures, from the book's TwoLayerNet to "
                                         "a small CNN. Loading one replaces the layers (Undo "
                                         "brings them back)."))
        self.preset_combo.currentIndexChanged.connect(self._on_preset)
        self.preset_combo.setMinimumContentsLength(8)
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.open_button = QPushButton(_tr("Open…"))
        self.open_button.setToolTip(_tr("Load an architecture from a JSON file."))
        self.open_button.clicked.connect(self._on_open)
        self.save_button = QPushButton(_tr("Save…"))
        self.save_button.setToolTip(_tr("Save this architecture as a JSON file."))
        self.save_button.clicked.connect(self._on_save)
        top.addWidget(QLabel(_tr("Preset")))
        top.addWidget(self.preset_combo, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.save_button)

    def _on_preset(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key is not None:
            self.preset_chosen.emit(key)

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Open architecture"), "",
                                              _tr("Architecture (*.json);;All files (*)"))
        if path:
            self.open_chosen.emit(path)

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Save architecture"), "architecture.json",
                                              _tr("Architecture (*.json)"))
        if path:
            self.save_chosen.emit(path)


class LossChoice(QWidget):
    """A labelled combo of the losses of ``core.losses``; ``chosen`` emits the loss's name."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        translate = QCoreApplication.translate
        for name, cls in losses.LOSSES.items():
            self.combo.addItem(translate("losses", cls.label), name)
            self.combo.setItemData(self.combo.count() - 1,
                                   tooltip(translate("losses", cls.help), cls.formula),
                                   Qt.ItemDataRole.ToolTipRole)
        tip = tooltip(_tr("How wrong the output is: the loss function. Both first turn the scores "
                          "into probabilities with a softmax. Cross-entropy, −log p(correct class), "
                          "is the standard for classifying; mean squared error, ½·Σ(p − t)², "
                          "compares with the one-hot target and learns more slowly when the "
                          "network is confidently wrong."))
        self.combo.setToolTip(tip)
        self.combo.currentIndexChanged.connect(lambda _i: self.chosen.emit(self.combo.currentData()))
        label = QLabel(_tr("Loss"))
        label.setToolTip(tip)
        row.addWidget(label)
        row.addWidget(self.combo, 1)


class BuildControls(QWidget):
    """Seed, initial weights (per layer, or one initializer for all) and the Apply button."""

    init_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        box, row = QVBoxLayout(self), QHBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 999_999)
        self.seed_spin.setToolTip(_tr("Random seed for the initial weights: the same seed gives "
                                      "the same starting network, so runs can be compared."))
        self.init_combo = QComboBox()
        for name, data in ((_tr("per layer"), None), (_tr("He for all"), "he"),
                           (_tr("Xavier for all"), "xavier"), (_tr("normal σ for all"), "normal")):
            self.init_combo.addItem(name, data)
        self.init_combo.setToolTip(_tr("Initial weights for every layer, overriding the per-layer "
                                       "choice — compare how training starts with He, Xavier or "
                                       "a small fixed σ (the book's 0.01)."))
        self.init_combo.currentIndexChanged.connect(lambda _i: self.init_changed.emit())
        for label, w in ((_tr("Seed"), self.seed_spin), (_tr("Initial weights"), self.init_combo)):
            lab = QLabel(label)
            lab.setToolTip(w.toolTip())
            row.addWidget(lab)
            row.addWidget(w, 1 if w is self.init_combo else 0)
        self.apply_button = QPushButton(_tr("Apply"))
        self.apply_button.setObjectName("applyButton")
        self.apply_button.setMinimumHeight(30)
        box.addLayout(row)
        box.addWidget(self.apply_button)

    def with_init(self, spec: dict) -> dict:
        """``spec`` with the chosen initializer on every layer that takes one (changed in place)."""
        init = self.init_combo.currentData()
        if init is not None:
            for cfg in spec["layers"]:
                if "init" in settings_of(cfg.get("type", "")):
                    cfg["init"] = init
        return spec


def bytes_text(n: int) -> str:
    """A memory size for people: "less than 1 MB", "650 MB", "2.4 GB" (1 MB = 2²⁰ bytes)."""
    if n < 1 << 20:
        return _tr("less than 1 MB")
    if n < 1 << 30:
        return _tr("{0} MB").format(f"{n / (1 << 20):,.0f}")
    return _tr("{0} GB").format(f"{n / (1 << 30):,.1f}")


def size_text(est: SizeEstimate) -> str:
    """One line on what training the network takes, flagged when Apply will ask first."""
    if est.needs_confirmation:
        return _tr("⚠ Large: training needs about {0} of memory at batch {1}; Apply asks before "
                   "building it.").format(bytes_text(est.total_bytes), est.batch_size)
    return _tr("Training needs about {0} of memory at batch {1}.").format(
        bytes_text(est.total_bytes), est.batch_size)


def ask_size(parent: QWidget, est: SizeEstimate) -> bool:
    """Ask before building a network above the size threshold; True to build it."""
    answer = QMessageBox.question(parent, _tr("Large network"), _tr(
        "This network has {0} parameters and needs about {1} of memory to train at batch {2}. "
        "Training will be slow and may run out of memory.\n\nBuild it anyway?").format(
        f"{est.n_params:,}", bytes_text(est.total_bytes), est.batch_size))
    return answer == QMessageBox.StandardButton.Yes
