"""The stages of the backprop step-through, worked out from a ``core.backprop_trace.Trace``:
forward layer by layer, the loss, backward layer by layer — each with its formulas and
shapes written in the chosen notation (``core.notation``) and up to three arrays to show.

Only texts and arrays: ``BackpropPanel`` shows them. The strings are filed under the
``BackpropPanel`` translation context.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication

from core import activations, losses, notation
from core.backprop_trace import LayerTrace, Trace
from gui.labels import activation_label, layer_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackpropPanel", text)


def shape_text(shape) -> str:
    return "(" + ", ".join(str(int(s)) for s in shape) + ")" if len(shape) != 1 else f"({int(shape[0])},)"


@dataclass
class Shown:
    """One array of a stage, ready for a heatmap: ``matrix`` 2-D, ``shape`` as the notation
    writes the array."""

    name: str
    matrix: np.ndarray
    shape: tuple[int, ...]
    x_label: str
    y_label: str
    square: bool = False             # a mosaic of image tiles: keep cells square


@dataclass
class Stage:
    phase: str                       # "forward", "loss" or "backward"
    layer: int | None
    title: str
    short: str = ""                  # for the list of stages
    lines: list[str] = field(default_factory=list)      # rich text, one formula or remark each
    arrays: list[Shown] = field(default_factory=list)


MAX_TILES = 1024          # kernels shown of a large convolution


def _mosaic(tiles: np.ndarray) -> np.ndarray:
    from gui.widgets.mosaic import tile_mosaic
    tiles = np.asarray(tiles, dtype=np.float32)[:MAX_TILES]
    return tile_mosaic(tiles, max(1, math.ceil(math.sqrt(len(tiles)))))


def _to_matrix(a: np.ndarray) -> np.ndarray:
    """2-D for a heatmap: matrices as they are, vectors as one row, images (m, C, H, W) as a
    mosaic of the first sample's channels."""
    a = np.asarray(a, dtype=np.float32)
    if a.ndim == 1:
        return a[None, :]
    if a.ndim == 4:
        return _mosaic(a[0])
    return a.reshape(a.shape[0], -1)


class StageBuilder:
    """Stages of one trace in one notation."""

    def __init__(self, trace: Trace, key: str):
        self.t, self.key = trace, key
        self.ng = notation.get(key).samples_in_columns
        self.n_layers = len(trace.layers)

    # names ---------------------------------------------------------------------------------
    def num(self, index: int) -> int:
        return notation.layer_number(self.key, index)

    def a_name(self, index: int) -> str:
        """The input of layer ``index``: X for the first (book), A[l−1] otherwise."""
        if index == 0 and not self.ng:
            return "X"
        return f"A[{self.num(index) - 1}]"

    def _batch(self, name: str, a: np.ndarray, gradient: bool = False, flat: bool = False) -> Shown:
        """A batch array (m, …): in Ng's notation transposed (and a gradient times m)."""
        if flat:
            a = a.reshape(len(a), -1)
        shown = notation.batch_array(self.key, a, gradient)
        if a.ndim == 4:
            scale = len(a) if gradient and self.ng else 1
            return Shown(name, _to_matrix(a * scale), tuple(shown.shape), _tr("column"),
                         _tr("row (channels of sample 0)"), square=True)
        y, x = (_tr("sample"), _tr("unit")) if not self.ng else (_tr("unit"), _tr("sample"))
        return Shown(name, _to_matrix(shown), tuple(shown.shape), x, y)

    def _param(self, name: str, a: np.ndarray, images: bool) -> Shown:
        shown = notation.param_array(self.key, a, images)
        if a.ndim == 4:
            return Shown(name, _mosaic(a.reshape(-1, a.shape[2], a.shape[3])), tuple(shown.shape),
                         _tr("column"), _tr("row (kernels)"), square=True)
        if a.ndim == 2:
            y, x = (_tr("input unit"), _tr("unit")) if not self.ng else (_tr("unit"), _tr("input unit"))
            return Shown(name, shown, tuple(shown.shape), x, y)
        if self.ng and not images:            # Ng's b[l] is a column (n[l], 1)
            return Shown(name, shown.reshape(-1, 1), tuple(shown.shape), "", _tr("unit"))
        return Shown(name, shown.reshape(1, -1), tuple(shown.shape), _tr("unit"), "")

    def _shape(self, a: np.ndarray, flat: bool = False) -> str:
        if flat:
            a = a.reshape(len(a), -1)
        return shape_text(notation.batch_shape(self.key, a.shape))

    def _pshape(self, a: np.ndarray, images: bool) -> str:
        return shape_text(notation.param_shape(self.key, a.shape, images))

    # stages --------------------------------------------------------------------------------
    def stages(self) -> list[Stage]:
        out = [self.forward(lt) for lt in self.t.layers]
        out.append(self.loss())
        out += [self.backward(lt) for lt in reversed(self.t.layers) if lt.da is not None]
        return out

    def _title(self, lt: LayerTrace) -> str:
        return _tr("layer {0}: {1}").format(self.num(lt.index), lt.description)

    def forward(self, lt: LayerTrace) -> Stage:
        l, prev = self.num(lt.index), self.a_name(lt.index)
        s = Stage("forward", lt.index, _tr("Forward · {0}").format(self._title(lt)),
                  _tr("Forward · layer {0} ({1})").format(l, layer_label(lt.kind)))
        m = self.t.m
        W, b = lt.params.get("W"), lt.params.get("b")
        images = lt.a.ndim == 4
        dense = W is not None and W.ndim == 2
        if dense:
            xs, ws, bs = self._shape(lt.x, flat=True), self._pshape(W, images), self._pshape(b, images)
            zs = self._shape(lt.z if lt.z is not None else lt.a)
            if self.ng:
                s.lines.append(f"Z[{l}] = W[{l}] {prev} + b[{l}] &nbsp; {ws} · {xs} + {bs} → {zs}")
                s.lines.append(_tr("b[{0}] {1} is broadcast (广播) over the {2} columns").format(l, bs, m))
            else:
                s.lines.append(f"Z[{l}] = {prev} · W[{l}] + b[{l}] &nbsp; {xs} · {ws} + {bs} → {zs}")
                s.lines.append(_tr("b[{0}] {1} is broadcast (广播) over the {2} rows").format(l, bs, m))
        elif W is not None:
            s.lines.append(f"Z[{l}] = conv({prev}, W[{l}]) + b[{l}] &nbsp; W {self._pshape(W, True)}"
                           f" → {self._shape(lt.z if lt.z is not None else lt.a)}")
        else:
            s.lines.append(f"A[{l}] = {lt.description}({prev}) &nbsp; {self._shape(lt.x)} → "
                           f"{self._shape(lt.a)}")
        if lt.z is not None:
            act = activations.ACTIVATIONS.get(lt.activation or "identity")
            s.lines.append(f"A[{l}] = g(Z[{l}]), g = {activation_label(lt.activation)}: {act.formula}")
            s.arrays.append(self._batch(f"Z[{l}]", lt.z))
        s.arrays.append(self._batch(f"A[{l}]", lt.a))
        if W is not None:
            s.arrays.insert(0, self._param(f"W[{l}]", W, images))
        cache = ", ".join(f"{k} {shape_text(v)}" for k, v in lt.cache.items())
        s.lines.append(_tr("Cache (缓存) kept for backward, as the layer stores it: {0}").format(
            cache or _tr("nothing")))
        return s

    def loss(self) -> Stage:
        t = self.t
        L = self.num(self.n_layers - 1)
        name = QCoreApplication.translate("losses", losses.LOSSES[t.loss_name].label) \
            if t.loss_name in losses.LOSSES else t.loss_name
        s = Stage("loss", None, _tr("Loss · {0}").format(name), _tr("Loss"))
        s.lines.append(_tr("P = softmax(Z[{0}]) {1}, T = the one-hot targets {1}").format(
            L, self._shape(t.probs)))
        s.lines.append(f"{t.loss_formula}")
        s.lines.append(_tr("loss L = <b>{0:.6g}</b> on these {1} samples").format(t.loss, t.m))
        if self.ng:
            s.lines.append(_tr("Andrew Ng's dZ[{0}] = m · ∂L/∂Z[{0}] (= A[{0}] − Y for softmax with "
                               "cross-entropy): the 1/m comes later, in dW and db").format(L))
        else:
            s.lines.append(_tr("dZ[{0}] = ∂L/∂Z[{0}] = (P − T) / m for softmax with cross-entropy: "
                               "the start of backpropagation").format(L))
        s.arrays = [self._batch("P", t.probs), self._batch("T", t.targets),
                    self._batch(f"dZ[{L}]", t.dscores, gradient=True)]
        return s

    def backward(self, lt: LayerTrace) -> Stage:
        l, prev, m = self.num(lt.index), self.a_name(lt.index), self.t.m
        s = Stage("backward", lt.index, _tr("Backward · {0}").format(self._title(lt)),
                  _tr("Backward · layer {0} ({1})").format(l, layer_label(lt.kind)))
        W = lt.params.get("W")
        images = lt.a.ndim == 4
        src = _tr("the loss") if lt.index == self.n_layers - 1 else _tr("layer {0}").format(l + 1)
        s.lines.append(_tr("dA[{0}] {1} arrives from {2}").format(l, self._shape(lt.da), src))
        if lt.dz is not None:
            act = activations.ACTIVATIONS.get(lt.activation or "identity")
            op = "*" if self.ng else "⊙"
            s.lines.append(f"dZ[{l}] = dA[{l}] {op} g′(Z[{l}]), {act.derivative}")
        if W is not None and W.ndim == 2:
            dz = lt.dz if lt.dz is not None else lt.da
            dzs, xs = self._shape(dz), self._shape(lt.x, flat=True)
            if self.ng:
                s.lines.append(f"dW[{l}] = (1/m) dZ[{l}] {prev}ᵀ &nbsp; (1/{m}) {dzs} · {xs}ᵀ → "
                               f"{self._pshape(W, images)}")
                s.lines.append(_tr("db[{0}] = (1/m) Σ dZ[{0}] over the {1} columns → {2}").format(
                    l, m, self._pshape(lt.params['b'], images)))
                if lt.dx is not None:
                    s.lines.append(f"d{prev} = W[{l}]ᵀ dZ[{l}] → {self._shape(lt.dx, flat=True)}")
            else:
                ws = self._pshape(W, images)
                s.lines.append(f"dW[{l}] = {prev}ᵀ · dZ[{l}] &nbsp; {xs}ᵀ · {dzs} → {ws}")
                s.lines.append(_tr("db[{0}] = Σ dZ[{0}] over the {1} rows → {2}").format(
                    l, m, self._pshape(lt.params['b'], images)))
                if lt.dx is not None:
                    s.lines.append(f"d{prev} = dZ[{l}] · W[{l}]ᵀ → {self._shape(lt.dx, flat=True)}")
        elif W is not None:
            s.lines.append(_tr("dW[{0}]: each kernel weight collects dZ[{0}] times the input it met "
                               "at every position (im2col: one product)").format(l))
        elif lt.dx is not None:
            s.lines.append(f"d{prev} = backward of {lt.description} → {self._shape(lt.dx)}")
        if lt.dx is None:
            s.lines.append(_tr("backward stops here: nothing below needs a gradient"))
        if lt.dz is not None:
            s.arrays.append(self._batch(f"dZ[{l}]", lt.dz, gradient=True))
        else:
            s.arrays.append(self._batch(f"dA[{l}]", lt.da, gradient=True))
        for k, g in lt.grads.items():
            if len(s.arrays) < 3:
                s.arrays.append(self._param(f"d{k}[{l}]", g, images))
        if not lt.grads and lt.dx is not None:
            s.arrays.append(self._batch(f"d{prev}", lt.dx, gradient=True))
        return s
