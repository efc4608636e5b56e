"""The settings form of one layer, with a learner-oriented tooltip on every setting.

``LayerForm`` shows the settings of one layer config (a dict as in
``core.spec``, e.g. ``{"type": "dense", "units": 100, "activation": "relu"}``)
and reports each edit as ``changed(key, value)``; ``value`` None means "remove
the key" (back to the layer's default). It never holds the truth: the panel
applies the edit and calls ``set_layer`` again.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, Signal
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

from core import activations, initializers
from core.layers import LAYER_TYPES, settings_of
from gui import style
from gui.labels import activation_label
from gui.tooltips import tooltip


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def kind_names() -> dict[str, str]:
    """Layer kinds with their long display names, in the registry's order."""
    return {kind: _tr("layers", cls.long_label) for kind, cls in LAYER_TYPES.items()}


def short_names() -> dict[str, str]:
    return {kind: _tr("layers", cls.label) for kind, cls in LAYER_TYPES.items()}


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
        cls = activations.ACTIVATIONS.get(name or "identity", activations.Activation)
        what = self.tr("{0}: f(x) solid, its derivative f′(x) dashed, for x from −4 to 4. "
                       "Where f′ is 0 no gradient flows back.").format(activation_label(name))
        self.setToolTip(tooltip(_tr("activations", cls.help) + "\n\n" + what,
                                f"{cls.formula};  {cls.derivative}"))
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
        self.type_combo.setToolTip(tooltip(self.tr("Change this layer's type (its settings start from "
                                                   "the new type's defaults).")))
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
        cls = LAYER_TYPES.get(kind)
        self.help.setText(_tr("layers", cls.help) if cls is not None else "")
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
        for setting in settings_of(kind).values():
            if setting.advanced:
                continue
            w = self._make_editor(kind, setting)
            tip = tooltip(_tr("layers", setting.help))
            w.setToolTip(tip)
            label = QLabel(_tr("layers", setting.label))
            label.setToolTip(tip)
            self.form.addRow(label, w)
            self._editors[setting.name] = w
            if setting.type == "activation":
                self.form.addRow("", self.act_plot)
                self.act_plot.show()

    def _make_editor(self, kind: str, setting) -> QWidget:
        key = setting.name
        if setting.type == "activation":
            c = _combo()
            for name, cls in activations.ACTIVATIONS.items():
                c.addItem(_tr("activations", cls.label), None if name == "identity" else name)
            c.currentIndexChanged.connect(lambda _i, c=c: self._on_activation(c.currentData()))
            return c
        if setting.type == "init":
            c = _combo()
            default = self.tr("default (Xavier)") if "activation" not in settings_of(kind) else \
                self.tr("default (He for ReLU, else Xavier)")
            c.addItem(default, None)
            for name, init in initializers.INITIALIZERS.items():
                c.addItem(_tr("initializers", init.label), name)
            c.currentIndexChanged.connect(lambda _i, c=c: self._on_init(c.currentData()))
            return c
        if setting.type == "float":
            d = QDoubleSpinBox()
            d.setDecimals(setting.decimals)
            d.setRange(setting.low, setting.high)
            d.setSingleStep(setting.step)
            d.valueChanged.connect(lambda v, k=key: self._emit(k, round(v, 6)))
            return d
        s = QSpinBox()                     # "int" and "kernel"
        s.setRange(int(setting.low), int(setting.high))
        if setting.special:
            s.setSpecialValueText(_tr("layers", setting.special))
        s.valueChanged.connect(lambda v, k=key: self._emit(k, v))
        if setting.type == "kernel":
            s.valueChanged.connect(lambda v, s=s: s.setSuffix(f" × {v}"))
        return s

    def _load_values(self, cfg: dict):
        settings = settings_of(cfg["type"])
        for key, w in self._editors.items():
            w.blockSignals(True)
            v = cfg.get(key)
            if isinstance(w, QComboBox):
                _select(w, None if v == "identity" and cfg["type"] != "activation" else v)
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                if key == "kernel" and isinstance(v, (list, tuple)):
                    v = v[0]
                if v is None:              # absent: the layer's default, or the editor's lowest value
                    setting = settings[key]
                    v = setting.default if setting.default is not None else setting.low
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
        setting = settings_of(self._cfg["type"]).get(key)
        if setting is not None and setting.special and value == setting.low:
            value = None                   # the special lowest value means "absent"
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
