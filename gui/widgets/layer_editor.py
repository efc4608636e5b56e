"""The settings form of one layer, with a learner-oriented tooltip on every setting.

``LayerForm`` shows the settings of one layer config (a dict as in
``core.spec``, e.g. ``{"type": "dense", "units": 100, "activation": "relu"}``)
and reports each edit as ``changed(key, value)``; ``value`` None means "remove
the key" (back to the layer's default). It never holds the truth: the panel
applies the edit and calls ``set_layer`` again.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import activations
from core.spec import MAX_UNITS, SETTINGS
from gui import style

LAYER_KINDS = tuple(SETTINGS)

ACTIVATION_LABELS = {None: QT_TRANSLATE_NOOP("LayerForm", "identity (none)"), "sigmoid": "sigmoid",
                     "tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU", "elu": "ELU", "step": "step"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LayerForm", text)


def kind_names() -> dict[str, str]:
    return {"dense": _tr("Dense (fully connected)"), "conv2d": _tr("Conv2D (convolution)"),
            "maxpool": _tr("MaxPool (pooling)"), "flatten": _tr("Flatten"),
            "dropout": _tr("Dropout"), "batchnorm": _tr("BatchNorm"), "maxout": _tr("Maxout"),
            "activation": _tr("Activation")}


def short_names() -> dict[str, str]:
    return {"dense": _tr("Dense"), "conv2d": _tr("Conv2D"), "maxpool": _tr("MaxPool"),
            "flatten": _tr("Flatten"), "dropout": _tr("Dropout"), "batchnorm": _tr("BatchNorm"),
            "maxout": _tr("Maxout"), "activation": _tr("Activation")}


def kind_help() -> dict[str, str]:
    return {
        "dense": _tr("Every neuron computes a = f(w·x + b) from all outputs of the previous layer "
                     "(Affine + activation). Images are flattened first."),
        "conv2d": _tr("Filters slide over the image; each produces one feature map. Far fewer weights "
                      "than a dense layer, and the same feature is found anywhere in the image."),
        "maxpool": _tr("Keeps the largest value of each window: smaller feature maps, a little "
                       "robustness to shifts, no weights."),
        "flatten": _tr("Turns channels × height × width into one long vector for the dense layers."),
        "dropout": _tr("Switches off a random fraction of neurons at each training step, so the "
                       "network cannot rely on any single one: fights overfitting."),
        "batchnorm": _tr("Normalises each feature over the mini-batch to mean 0, variance 1, then "
                         "scales (γ) and shifts (β): training is faster and less sensitive to the "
                         "initial weights."),
        "maxout": _tr("Each unit computes several weighted sums and outputs the largest: an "
                      "activation function that is learned."),
        "activation": _tr("Applies a function to every value, e.g. ReLU after a BatchNorm layer."),
    }


def setting_help() -> dict[str, str]:
    return {
        "units": _tr("Number of neurons. Each one has a weight for every input plus a bias, so this "
                     "layer has (inputs × units) weights and units biases. The last layer needs one "
                     "unit per class."),
        "activation": _tr("The function f applied to each weighted sum z. ReLU, max(0, z), trains "
                          "fast in deep nets; sigmoid and tanh saturate (f′ ≈ 0 for large |z|), so "
                          "gradients vanish in deep nets. Keep the output layer's identity: the "
                          "loss applies the softmax itself."),
        "init": _tr("How the first weights are drawn. He (σ = √(2/n_in)) suits ReLU: ReLU zeroes "
                    "about half its inputs, so twice the variance keeps the signal's size from layer "
                    "to layer. Xavier (σ = √(1/n_in)) suits sigmoid and tanh, which are nearly "
                    "linear around 0. normal uses a fixed σ (the book's 0.01 is too small for deep "
                    "nets: activations shrink layer by layer). Default: He for ReLU-like "
                    "activations, otherwise Xavier."),
        "sigma": _tr("Standard deviation σ of the initial weights for the 'normal' initializer."),
        "filters": _tr("Number of filters = number of output channels (feature maps). Each filter "
                       "has kernel × kernel × input-channels weights and one bias."),
        "kernel": _tr("Height and width of each filter: 5 means a 5×5 window. A larger kernel "
                      "sees more at once but has more weights and shrinks the image more."),
        "stride": _tr("How many pixels the window moves between positions. Stride 2 roughly halves "
                      "the output's height and width."),
        "padding": _tr("Rows and columns of zeros added around the input. Without padding a k×k "
                       "kernel shrinks the image by k − 1; padding (k − 1)/2 (2 for a 5×5 kernel) "
                       "keeps its size. Output size = (H + 2·padding − kernel) / stride + 1."),
        "size": _tr("Window size: each output is the largest value in a size × size window. "
                    "Size 2 halves the height and width."),
        "pool_stride": _tr("How far the window moves. 'same as size' gives non-overlapping windows."),
        "rate": _tr("Fraction of neurons dropped at each training step (the rest are scaled by "
                    "1/(1 − rate), so nothing changes at test time, when nothing is dropped)."),
        "momentum": _tr("How slowly the running mean and variance (used at test time) follow the "
                        "mini-batch statistics: 0.9 averages over roughly the last 10 batches."),
        "pieces": _tr("How many weighted sums each maxout unit takes the maximum of."),
    }


class ActivationPlot(QWidget):
    """A tiny plot of an activation f (solid) and its derivative f′ (dashed) on [−4, 4]."""

    X = np.linspace(-4, 4, 161)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._name: str | None = None
        self.setMinimumSize(QSize(120, 64))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(72)

    def set_activation(self, name: str | None) -> None:
        self._name = name
        label = ACTIVATION_LABELS.get(name, name or "identity")
        self.setToolTip(self.tr("{0}: f(x) solid, its derivative f′(x) dashed, for x from −4 to 4. "
                                "Where f′ is 0 no gradient flows back.").format(label))
        self.update()

    def curves(self) -> tuple[np.ndarray, np.ndarray]:
        cls = activations.ACTIVATIONS[self._name or "identity"]
        return cls.f(self.X), cls.df(self.X)

    def paintEvent(self, event):
        f, df = self.curves()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.rect().adjusted(4, 4, -4, -16)
        lo, hi = min(-1.2, f.min(), df.min()), max(1.2, min(f.max(), 4.0), df.max())
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(QColor("#d0d0d0"), 1))
        p.drawRect(r)

        def to_px(x, y):
            return QPointF(r.left() + (x + 4) / 8 * r.width(),
                           r.bottom() - (min(y, hi) - lo) / (hi - lo) * r.height())

        p.setPen(QPen(QColor("#b0b0b0"), 1, Qt.PenStyle.DotLine))
        p.drawLine(to_px(-4, 0), to_px(4, 0))
        p.drawLine(to_px(0, lo), to_px(0, hi))
        for ys, color, dash in ((f, style.BLUE, Qt.PenStyle.SolidLine),
                                (df, style.VERMILION, Qt.PenStyle.DashLine)):
            path = QPainterPath(to_px(self.X[0], ys[0]))
            for x, y in zip(self.X[1:], ys[1:], strict=False):
                path.lineTo(to_px(x, y))
            p.setPen(QPen(QColor(color), 2, dash))
            p.drawPath(path)
        p.setPen(QColor("#444444"))
        font = p.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        p.setFont(font)
        p.setPen(QColor(style.BLUE))
        p.drawText(r.left(), self.height() - 3, "— f(x)")
        p.setPen(QColor(style.VERMILION))
        p.drawText(r.left() + r.width() // 2, self.height() - 3, "- - f′(x)")
        p.end()


class LayerForm(QWidget):
    """Editable settings of one layer; see the module docstring."""

    changed = Signal(str, object)          # setting, new value (None: remove, use the default)
    type_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("layerForm")
        self._cfg: dict | None = None
        self._index: int | None = None
        self._editors: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #555555;")
        self.type_combo = _combo()
        for kind, name in short_names().items():
            self.type_combo.addItem(name, kind)
        self.type_combo.setToolTip(self.tr("Change this layer's type (its settings start from the "
                                           "new type's defaults)."))
        self.type_combo.currentIndexChanged.connect(self._on_type)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.empty = QLabel(self.tr("Select a layer in the list to edit its settings, or add one "
                                    "with “Add layer”."))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #777777;")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.type_combo)
        outer.addLayout(head)
        outer.addWidget(self.help)
        outer.addLayout(self.form)
        outer.addWidget(self.empty)
        self.act_plot = ActivationPlot()
        self.set_layer(None, None)

    # -- public ------------------------------------------------------------------
    def config(self) -> dict | None:
        return None if self._cfg is None else dict(self._cfg)

    def editor(self, key: str) -> QWidget | None:
        """The widget editing ``key`` (for tests), or None."""
        return self._editors.get(key)

    def set_layer(self, index: int | None, cfg: dict | None) -> None:
        """Show layer ``index`` with settings ``cfg``; None shows the empty hint."""
        rebuild = (cfg is None or self._cfg is None or cfg.get("type") != self._cfg.get("type")
                   or self._index != index)
        self._index, self._cfg = index, (dict(cfg) if cfg is not None else None)
        for w in (self.title, self.help, self.type_combo):
            w.setVisible(cfg is not None)
        self.empty.setVisible(cfg is None)
        if cfg is None:
            self._clear()
            return
        kind = cfg.get("type")
        self.title.setText(self.tr("Layer {0}").format(index))
        self.help.setText(kind_help().get(kind, ""))
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(kind)))
        self.type_combo.blockSignals(False)
        if rebuild:
            self._build(kind)
        self._load_values(cfg)

    # -- building ------------------------------------------------------------------
    def _clear(self):
        self.act_plot.setParent(None)    # kept: removeRow would delete it
        # hidden on purpose: adding it to the form queued a "show unless hidden" for it, and
        # that would otherwise show the orphan as a window of its own
        self.act_plot.hide()
        while self.form.rowCount():
            self.form.removeRow(0)       # deletes the row's widgets
        self._editors = {}

    def _build(self, kind: str):
        self._clear()
        helps = setting_help()
        labels = {"units": self.tr("Units"), "activation": self.tr("Activation"),
                  "init": self.tr("Initializer"), "sigma": self.tr("σ (normal)"),
                  "filters": self.tr("Filters"), "kernel": self.tr("Kernel"), "stride": self.tr("Stride"),
                  "padding": self.tr("Padding"), "size": self.tr("Size"), "rate": self.tr("Rate"),
                  "momentum": self.tr("Momentum"), "pieces": self.tr("Pieces")}
        for key in SETTINGS.get(kind, {}):
            if key == "eps":
                continue
            w = self._make_editor(kind, key)
            if w is None:
                continue
            tip = helps["pool_stride" if (kind, key) == ("maxpool", "stride") else key]
            w.setToolTip(tip)
            label = QLabel(labels[key])
            label.setToolTip(tip)
            self.form.addRow(label, w)
            self._editors[key] = w
            if key == "activation":
                self.form.addRow("", self.act_plot)
                self.act_plot.show()

    def _make_editor(self, kind: str, key: str) -> QWidget | None:
        def spin(lo, hi, special=None):
            s = QSpinBox()
            s.setRange(lo, hi)
            if special:
                s.setSpecialValueText(special)
            s.valueChanged.connect(lambda v, k=key: self._emit(k, v))
            return s

        if key == "units":
            return spin(1, MAX_UNITS)
        if key == "filters":
            return spin(1, 1024)
        if key == "kernel":
            w = spin(1, 64)
            w.valueChanged.connect(lambda v, w=w: w.setSuffix(f" × {v}"))
            return w
        if key == "stride" and kind == "maxpool":
            return spin(0, 32, self.tr("same as size"))
        if key in ("stride", "size"):
            return spin(1, 32)
        if key == "padding":
            return spin(0, 32)
        if key == "pieces":
            return spin(2, 16)
        if key in ("rate", "momentum", "sigma"):
            d = QDoubleSpinBox()
            d.setDecimals(3 if key != "sigma" else 4)
            d.setRange(*{"rate": (0.0, 0.95), "momentum": (0.0, 0.999), "sigma": (0.0001, 10.0)}[key])
            d.setSingleStep({"rate": 0.05, "momentum": 0.01, "sigma": 0.01}[key])
            d.valueChanged.connect(lambda v, k=key: self._emit(k, round(v, 6)))
            return d
        if key == "activation":
            c = _combo()
            for name, label in ACTIVATION_LABELS.items():
                c.addItem(self.tr(label), name)
            c.currentIndexChanged.connect(lambda _i, c=c: self._on_activation(c.currentData()))
            return c
        if key == "init":
            c = _combo()
            default = self.tr("default (Xavier)") if kind == "maxout" else \
                self.tr("default (He for ReLU, else Xavier)")
            for name, label in ((None, default), ("he", self.tr("He")), ("xavier", self.tr("Xavier")),
                                ("normal", self.tr("normal (σ)"))):
                c.addItem(label, name)
            c.currentIndexChanged.connect(lambda _i, c=c: self._on_init(c.currentData()))
            return c
        return None

    def _load_values(self, cfg: dict):
        for key, w in self._editors.items():
            w.blockSignals(True)
            v = cfg.get(key)
            if isinstance(w, QComboBox):
                _select(w, None if v == "identity" and cfg["type"] != "activation" else v)
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                if key == "kernel" and isinstance(v, (list, tuple)):
                    v = v[0]
                if v is None:
                    v = {"rate": 0.5, "momentum": 0.9, "sigma": 0.01, "stride": 0 if cfg["type"] == "maxpool"
                         else 1, "padding": 0, "size": 2, "pieces": 2}.get(key, 1)
                if w.value() != v:
                    w.setValue(v)
            w.blockSignals(False)
        if "activation" in self._editors:
            act = cfg.get("activation")
            self.act_plot.set_activation(None if act == "identity" else act)
        if "kernel" in self._editors:
            k = self._editors["kernel"]
            k.setSuffix(f" × {k.value()}")
        if "sigma" in self._editors:
            self.form.setRowVisible(self._editors["sigma"], cfg.get("init") == "normal")

    # -- edits ----------------------------------------------------------------------
    def _emit(self, key: str, value):
        if self._cfg is None:
            return
        if (self._cfg.get("type"), key, value) == ("maxpool", "stride", 0):
            value = None
        self.changed.emit(key, value)

    def _on_activation(self, name: str | None):
        if self._cfg is not None and self._cfg.get("type") == "activation" and name is None:
            name = "identity"             # an activation layer must name its function
        self.act_plot.set_activation(None if name == "identity" else name)
        self._emit("activation", name)

    def _on_init(self, name: str | None):
        if "sigma" in self._editors:
            self.form.setRowVisible(self._editors["sigma"], name == "normal")
        self._emit("init", name)

    def _on_type(self, _i: int):
        kind = self.type_combo.currentData()
        if self._cfg is not None and kind != self._cfg.get("type"):
            self.type_changed.emit(kind)


def _combo() -> QComboBox:
    c = QComboBox()
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(8)
    return c


def _select(combo: QComboBox, value) -> None:
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            return
    combo.setCurrentIndex(0)
