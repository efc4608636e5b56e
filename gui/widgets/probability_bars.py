"""Views of what a network computes for one input, painted directly (cheap at 60 Hz).

:class:`ProbabilityBars` shows the softmax output: one row per class, a bar and its value in
percent, the most probable class highlighted. :class:`ActivationBars` shows one dense layer's
activations as a strip of thin bars, the strongest unit highlighted. :class:`LayerActivations`
stacks one row per interesting layer: feature maps of conv layers as a grid of small images,
hidden dense layers as activation bars. :class:`CompareModels` lists up to three saved models
with each one's answer for the same input.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import checkpoint
from core import spec as spec_mod
from core.network import Network
from gui import style
from gui.labels import activation_label, layer_label
from gui.widgets.digit_canvas import ImageGrid

TOP = QColor(style.VERMILION)      # the winning class / the strongest unit
BAR = QColor(style.BLUE)
TRACK = QColor("#e9eef3")
TEXT = QColor("#222222")
FAINT = QColor("#8a8a8a")


class ProbabilityBars(QWidget):
    """Ten (or ``len(names)``) horizontal bars of class probabilities, values shown as %."""

    def __init__(self, names: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self._names = list(names or [str(i) for i in range(10)])
        self._p = np.zeros(len(self._names), np.float64)
        self._has_values = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumSize(180, 20 * len(self._names))
        self.setAccessibleName(self.tr("Class probabilities"))

    def sizeHint(self) -> QSize:
        return QSize(280, 24 * len(self._names))

    def values(self) -> np.ndarray:
        """The probabilities shown, ``(n_classes,)`` float64; zeros in the empty state."""
        return self._p.copy()

    def top_class(self) -> int | None:
        return int(np.argmax(self._p)) if self._has_values else None

    def set_names(self, names: list[str]) -> None:
        self._names = list(names)
        self.set_probabilities(None)
        self.setMinimumHeight(20 * len(self._names))
        self.updateGeometry()

    def set_probabilities(self, p: np.ndarray | None) -> None:
        """Show ``p`` (``(n_classes,)``, summing to 1), or the empty state for None."""
        if p is None:
            self._p = np.zeros(len(self._names), np.float64)
            self._has_values = False
        else:
            p = np.asarray(p, dtype=np.float64).ravel()
            if p.shape != (len(self._names),):
                raise ValueError(f"expected {len(self._names)} probabilities, got shape {p.shape}")
            self._p, self._has_values = p, True
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        if not self._has_values:
            return self.tr("No prediction yet")
        return ", ".join(f"{n}: {100 * v:.1f}%" for n, v in zip(self._names, self._p, strict=True))

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        n = len(self._names)
        fm = self.fontMetrics()
        label_w = max(fm.horizontalAdvance(name) for name in self._names) + 10
        value_w = fm.horizontalAdvance("100.0%") + 8
        row = self.height() / n
        bar_h = max(4.0, min(row * 0.62, 22.0))
        track_w = max(10.0, self.width() - label_w - value_w)
        top = self.top_class()
        bold = QFont(self.font())
        bold.setBold(True)
        for k, name in enumerate(self._names):
            y = k * row
            is_top = k == top
            p.setFont(bold if is_top else self.font())
            p.setPen(TOP if is_top else TEXT)
            p.drawText(QRectF(0, y, label_w - 6, row), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter, name)
            bar = QRectF(label_w, y + (row - bar_h) / 2, track_w, bar_h)
            p.fillRect(bar, TRACK)
            if self._has_values:
                w = float(np.clip(self._p[k], 0, 1)) * track_w
                p.fillRect(QRectF(bar.x(), bar.y(), w, bar_h), TOP if is_top else BAR)
                p.setPen(TOP if is_top else (TEXT if self._p[k] >= 0.005 else FAINT))
                p.drawText(QRectF(label_w + track_w + 4, y, value_w - 4, row),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           f"{100 * self._p[k]:.1f}%")
        p.end()


class ActivationBars(QWidget):
    """A dense layer's activations ``(units,)`` as thin bars, the strongest one highlighted.

    Bars grow up from a zero line (at the bottom, or in the middle when values are negative)
    and are scaled by the largest magnitude; the caption names the strongest unit.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._a = np.zeros(0, np.float32)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(64)
        self.setMinimumWidth(120)

    def sizeHint(self) -> QSize:
        return QSize(300, 64)

    def values(self) -> np.ndarray:
        return self._a.copy()

    def set_values(self, a: np.ndarray | None) -> None:
        self._a = np.zeros(0, np.float32) if a is None else np.asarray(a, np.float32).ravel()
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#fafafa"))
        a = self._a
        caption_h = self.fontMetrics().height()
        area = QRectF(0, caption_h + 2, self.width(), self.height() - caption_h - 2)
        if a.size == 0:
            p.end()
            return
        scale = float(np.abs(a).max())
        neg = bool((a < 0).any())
        base = area.center().y() if neg else area.bottom()
        half = area.height() / 2 if neg else area.height()
        w = area.width() / a.size
        best = int(np.argmax(a))
        for k, v in enumerate(a):
            h = 0.0 if scale == 0 else float(v) / scale * half
            r = QRectF(k * w, base - max(h, 0), max(w - (1 if w > 3 else 0), 1), abs(h))
            p.fillRect(r, TOP if k == best else BAR)
        p.setPen(FAINT)
        p.drawLine(0, int(base), self.width(), int(base))
        p.setPen(TEXT)
        text = self.tr("{n} units · strongest: #{k} = {v:.2f}").format(n=a.size, k=best, v=float(a[best]))
        p.drawText(QRectF(0, 0, self.width(), caption_h), Qt.AlignmentFlag.AlignLeft, text)
        p.end()


def shown_layers(net: Network) -> list[int]:
    """Indices of the layers worth a row: layers with weights that make feature maps (conv) and
    hidden layers of neurons (dense, maxout)."""
    last = len(net.layers) - 1
    return [i for i, layer in enumerate(net.layers)
            if (layer.diagram == "block" and layer.weight_names) or (layer.diagram == "neurons" and i < last)]


def grid_columns(n: int) -> int:
    """Columns for ``n`` feature maps: a divisor of n (no empty cells), wider than tall."""
    fits = [c for c in range(int(np.ceil(np.sqrt(n) * 1.4)), n + 1) if n % c == 0 and c <= 12]
    return fits[0] if fits else min(n, 10)


class LayerActivations(QWidget):
    """Each shown layer's output for one input: a caption, then a map grid or activation bars."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._net: Network | None = None
        self._rows: dict[int, ImageGrid | ActivationBars] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def network(self) -> Network | None:
        return self._net

    def views(self) -> dict[int, ImageGrid | ActivationBars]:
        """layer index -> the widget showing its output."""
        return dict(self._rows)

    def set_network(self, net: Network | None) -> None:
        """Build one row per shown layer of ``net`` (none for None)."""
        while self._layout.count():
            w = self._layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self._net, self._rows = net, {}
        if net is None:
            return
        shapes = [info.out_shape for info in spec_mod.infer(net.spec)]
        for i in shown_layers(net):
            shape, layer = shapes[i], net.layers[i]
            act = activation_label(layer.activation_name)
            kind = layer_label(layer.kind)
            if len(shape) == 3:
                cols = grid_columns(shape[0])
                view = ImageGrid(max(10, min(28, 200 // cols)), cols)
                kh, kw = layer.kernel
                text = self.tr("layer {i} · conv {kh}×{kw}, {act} → {c} maps {h}×{w}").format(
                    i=i, kh=kh, kw=kw, act=act, c=shape[0], h=shape[1], w=shape[2])
            else:
                view = ActivationBars()
                text = self.tr("layer {i} · {kind}, {act}").format(i=i, kind=kind, act=act)
            caption = QLabel(text)              # no word wrap: keeps the column's height exact
            caption.setStyleSheet("color: #555; font-size: 11px;")
            self._layout.addWidget(caption)
            self._layout.addWidget(view)
            self._rows[i] = view

    def set_outputs(self, outputs: dict[int, np.ndarray]) -> None:
        """``outputs``: layer index -> that layer's output for one sample; missing = blank."""
        for i, view in self._rows.items():
            a = outputs.get(i)
            if isinstance(view, ImageGrid):
                view.set_array(a)
            else:
                view.set_values(a)


class CompareModels(QWidget):
    """Up to three saved models side by side: file name, predicted digit, top probability.

    :meth:`add_model` loads a model file (no dialog; the "Add model…" button opens one); a file
    that cannot be used is reported in a message naming it and the problem, and via ``failed``.
    """

    MAX = 3
    changed = Signal()                  # a model was added or removed
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._models: list[tuple[Network, list[QWidget]]] = []
        self._x: np.ndarray | None = None
        self.add_button = QPushButton(self.tr("Add model…"), clicked=self._pick_files)
        self.add_button.setToolTip(self.tr("Compare up to three saved models (.npz) on your drawing"))
        self.error = QLabel(objectName="compareError", wordWrap=True)
        self.error.setStyleSheet(f"color: {style.VERMILION};")
        self.error.hide()
        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 1)
        title = QLabel(self.tr("Compare models"))
        f = title.font()
        f.setBold(True)
        title.setFont(f)
        header = QHBoxLayout()
        header.addWidget(title, 1)
        header.addWidget(self.add_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(header)
        col.addWidget(self.error)
        col.addLayout(self._grid)

    def add_model(self, path: str | Path) -> bool:
        name = Path(path).name
        if len(self._models) >= self.MAX:
            return self._fail(self.tr("Cannot add {file}: at most three models can be compared; "
                                      "remove one first.").format(file=name))
        try:
            net = checkpoint.load_model(path)
        except checkpoint.CheckpointError as e:
            return self._fail(self.tr("Cannot open {file}: {problem}").format(file=name, problem=e.problem))
        if int(np.prod(net.input_shape)) != 28 * 28:
            return self._fail(self.tr("Cannot compare {file}: it reads {n} values per sample, not a "
                                      "28×28 image.").format(file=name, n=int(np.prod(net.input_shape))))
        self.error.hide()
        shown = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, 150)
        label, digit, prob = QLabel(shown, toolTip=str(path)), QLabel(), QLabel()
        digit.setStyleSheet("font-weight: bold; font-size: 18px;")
        remove = QToolButton(text="✕", toolTip=self.tr("Remove from the comparison"))
        widgets: list[QWidget] = [label, digit, prob, remove]
        remove.clicked.connect(lambda: self.remove_model(self._row_of(widgets)))
        self._models.append((net, widgets))
        self._relayout()
        self._show(len(self._models) - 1)
        return True

    def remove_model(self, index: int) -> None:
        if 0 <= index < len(self._models):
            for w in self._models.pop(index)[1]:
                w.deleteLater()
            self._relayout()

    def results(self) -> list[tuple[str, str, str]]:
        """(file path, predicted digit, top probability) as shown, one per model."""
        return [(ws[0].toolTip(), ws[1].text(), ws[2].text()) for _, ws in self._models]

    def set_input(self, x28: np.ndarray | None) -> None:
        """Show every model's answer for ``x28`` ``(28, 28)`` (None: a blank canvas)."""
        self._x = x28
        for k in range(len(self._models)):
            self._show(k)

    def _show(self, k: int) -> None:
        net, (_, digit, prob, _) = self._models[k]
        if self._x is None:
            digit.setText("–")
            prob.setText("")
            return
        p = net.predict_proba(self._x[None, None])[0]
        digit.setText(str(int(np.argmax(p))))
        prob.setText(f"{100 * p.max():.1f}%")

    def _relayout(self) -> None:
        while self._grid.count():
            self._grid.takeAt(0)
        for row, (_, widgets) in enumerate(self._models):
            for col, w in enumerate(widgets):
                self._grid.addWidget(w, row, col)
        self.add_button.setEnabled(len(self._models) < self.MAX)
        self.changed.emit()

    def _row_of(self, widgets: list[QWidget]) -> int:
        return next((k for k, (_, ws) in enumerate(self._models) if ws is widgets), -1)

    def _fail(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        self.failed.emit(message)
        return False

    def _pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Compare saved models"), "",
                                                self.tr("NumNet models (*.npz);;All files (*)"))
        for p in paths[:self.MAX - len(self._models)]:
            self.add_model(p)
