"""What every layer shares: the ``Layer`` base class and the ``Setting`` its spec keys are
described by.

A layer is built for an input shape (per sample, without the batch axis),
reports its output shape and the shapes of its parameters, and then runs
``forward(x, training)`` / ``backward(dy)`` on batches. Its ``params`` and
``grads`` dicts hold *views* into the network's flat buffers (see
``network.py``): backward writes gradients into them in place and optimizers
update parameters in place, so nothing is ever re-bound.

Results of ``forward(x, training=True)`` and of ``backward`` may live in arrays the
layer keeps and overwrites at its next such call (a fresh array of many MB costs
page faults at every step): use them before the next training step, or copy them.

Batch shapes: (n, features) for dense data, (n, channels, height, width) for
images. Shape errors raise ``ValueError`` with a message that names the
problem; the spec module prefixes it with the layer's index and type.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .translatable import QT_TRANSLATE_NOOP


def _prod(shape) -> int:
    return int(np.prod(shape, dtype=np.int64))


def _pair(v) -> tuple[int, int]:
    if isinstance(v, (list, tuple)):
        if len(v) not in (1, 2):
            raise ValueError(f"expected one number or two, got {list(v)}")
        return int(v[0]), int(v[-1])
    return int(v), int(v)


@dataclass(frozen=True)
class Setting:
    """One key of a layer's spec, as the spec checks it and the editor shows it."""

    name: str
    type: str                  # "int", "float", "activation", "init" or "kernel"
    label: str                 # display name (translatable, context "layers")
    help: str                  # translatable, context "layers"
    required: bool = False
    default: object = None     # what the layer uses when the key is absent (None: it decides)
    initial: object = None     # what a new layer gets in the editor (None: the key is left out)
    low: float | None = None   # the editor's range
    high: float | None = None
    step: float = 1
    decimals: int = 0
    special: str = ""          # the editor's text for its lowest value, meaning "absent"
    advanced: bool = False     # not shown in the editor
    summary: str = ""          # how a layer's one-line summary shows a value, "{0} units" (translatable)


MAX_UNITS = 1 << 16

# settings that several layer kinds share
UNITS = Setting("units", "int", QT_TRANSLATE_NOOP("layers", "Units"), QT_TRANSLATE_NOOP(
    "layers", "Number of neurons. Each one has a weight for every input plus a bias, so this layer "
    "has (inputs × units) weights and units biases. The last layer needs one unit per class."),
    required=True, initial=64, low=1, high=MAX_UNITS, summary=QT_TRANSLATE_NOOP("layers", "{0} units"))
ACTIVATION = Setting("activation", "activation", QT_TRANSLATE_NOOP("layers", "Activation"),
                     QT_TRANSLATE_NOOP(
    "layers", "The function f applied to each weighted sum z. ReLU, max(0, z), trains fast in deep "
    "nets; sigmoid and tanh saturate (f′ ≈ 0 for large |z|), so gradients vanish in deep nets. Keep "
    "the output layer's identity: the loss applies the softmax itself."), initial="relu")
INIT = Setting("init", "init", QT_TRANSLATE_NOOP("layers", "Initializer"), QT_TRANSLATE_NOOP(
    "layers", "How the first weights are drawn. He (σ = √(2/n_in)) suits ReLU: ReLU zeroes about half "
    "its inputs, so twice the variance keeps the signal's size from layer to layer. Xavier "
    "(σ = √(1/n_in)) suits sigmoid and tanh, which are nearly linear around 0. normal uses a fixed σ "
    "(the book's 0.01 is too small for deep nets: activations shrink layer by layer). Default: He for "
    "ReLU-like activations, otherwise Xavier."))
SIGMA = Setting("sigma", "float", QT_TRANSLATE_NOOP("layers", "σ (normal)"), QT_TRANSLATE_NOOP(
    "layers", "Standard deviation σ of the initial weights for the 'normal' initializer."),
    default=0.01, low=0.0001, high=10.0, step=0.01, decimals=4)


class Layer:
    """Base layer: no parameters, identity.

    Each subclass is an entry of ``core.layers.LAYER_TYPES`` and carries its metadata:
    ``label`` (short name), ``long_label``, ``help``, ``color`` (for lists and diagrams),
    ``diagram`` (how the network diagram draws it: ``"neurons"`` for a vector of units,
    ``"block"`` for feature maps, ``"badge"`` for a layer that keeps its input's units,
    ``"flatten"`` for a column of neurons after feature maps and a badge elsewhere) and
    ``SETTINGS``, the keys a spec may give it, each a :class:`Setting`.
    """

    kind = ""
    label = ""
    long_label = ""
    help = ""
    color = "#7f7f7f"
    diagram = "badge"
    SETTINGS: tuple[Setting, ...] = ()
    weight_names: tuple[str, ...] = ()   # parameters that weight decay applies to
    nonnegative_buffers: tuple[str, ...] = ()   # buffers that can never be negative (variances)
    splits_work = False                  # cuts its own big work over threads (threads.split)

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.buffers: dict[str, np.ndarray] = {}
        self.need_dx = True
        self.in_shape: tuple[int, ...] = ()
        self.out_shape: tuple[int, ...] = ()
        self.rng: np.random.Generator | None = None
        self._scratch_arrays: dict[str, np.ndarray] = {}

    def build(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        """Check the input shape and return the output shape (per sample)."""
        self.in_shape = tuple(in_shape)
        self.out_shape = self._output_shape(self.in_shape)
        return self.out_shape

    def _output_shape(self, in_shape):
        return in_shape

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        return {}

    def z_shape(self) -> tuple[int, ...]:
        """Shape per sample of the weighted sums Z before the activation (the dimension table's
        Z[l]); the output's shape unless the layer combines several sums into one output."""
        return self.out_shape

    def buffer_shapes(self) -> dict[str, tuple[int, ...]]:
        return {}

    def init_params(self, rng: np.random.Generator) -> None:
        """Fill ``self.params`` (already allocated views) with initial values."""

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        return x

    def _scratch(self, name: str, shape: tuple[int, ...], dtype) -> np.ndarray:
        """A work array kept from call to call, zero-filled when first made. A fresh
        array of many MB would be page-faulted in anew at every step."""
        buf = self._scratch_arrays.get(name)
        if buf is None or buf.shape != shape or buf.dtype != dtype:
            buf = self._scratch_arrays[name] = np.zeros(shape, dtype)
        return buf

    def _result(self, name: str, shape: tuple[int, ...], dtype, keep: bool) -> np.ndarray:
        """An array for a layer's output: with ``keep`` (training, and in backward) a
        ``_scratch`` array, overwritten by this layer's next call, else a new one. The
        trainer uses each result before the next step; code that keeps results across
        training steps copies them (``Network.forward(record=...)`` callers do)."""
        return self._scratch(name, shape, dtype) if keep else np.empty(shape, dtype)

    def backward(self, dy: np.ndarray) -> np.ndarray:
        return dy

    @property
    def activation_name(self) -> str | None:
        act = getattr(self, "act", None)
        return act.name if act is not None else None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_fmt(self.in_shape)} → {_fmt(self.out_shape)})"


def _fmt(shape) -> str:
    return "×".join(str(s) for s in shape) if shape else "?"

