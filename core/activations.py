"""Activation functions, each with its derivative right beside it.

Every activation is a small object with ``forward(z)`` (caching what its
backward needs) and ``backward(da)`` returning dL/dz. The static pair
``f(x)`` / ``df(x)`` evaluates the function and its derivative without any
state, for plotting f and f′ in the app.

Shapes: any; the activation is element-wise, so ``z``, ``a`` and their
gradients share one shape (n_samples, ...).
"""
from __future__ import annotations

import numpy as np

from .translatable import QT_TRANSLATE_NOOP

# exp(-x) overflows float32 past ~88; the sigmoid is 0 or 1 to float32
# precision long before, so clipping keeps high learning rates warning-free.
_SIGMOID_CLIP = 40.0


class Activation:
    """Base class: identity.

    Each subclass is an entry of :data:`ACTIVATIONS` and carries its metadata: ``label``
    (display name), ``formula`` and ``derivative`` (as the notes write them), ``help``, and
    ``relu_like`` (zero for negative inputs, or nearly: He initialisation suits it, and its
    units can die).
    """

    name = "identity"
    label = QT_TRANSLATE_NOOP("activations", "identity (none)")
    formula = "f(z) = z"
    derivative = "f′(z) = 1"
    help = QT_TRANSLATE_NOOP("activations", "No activation: the layer stays linear. The output layer "
                             "keeps it, because the loss applies softmax itself (classification) "
                             "or compares z with the target directly (regression).")
    relu_like = False

    def forward(self, z: np.ndarray) -> np.ndarray:
        return z

    def backward(self, da: np.ndarray) -> np.ndarray:
        return da

    def forward_in_parts(self, z: np.ndarray):
        """For work split over threads: a function ``part(index)`` that turns
        ``z[index]`` into ``f(z[index])`` in place, keeping what ``backward``
        needs, so that parts covering all of ``z`` together do ``forward(z)``
        into ``z``. None if this activation cannot (then call ``forward``).
        ``z`` must be the caller's own array; ``index`` a basic index."""
        if type(self) is Activation:        # the identity: nothing to do
            return lambda index: None
        return None

    def backward_in_parts(self, da: np.ndarray, out: np.ndarray):
        """Like ``forward_in_parts``: ``part(index)`` writes ``backward(da)[index]``
        into ``out[index]``, or ``part(index, into)`` into ``into`` (an array of that
        part's shape, e.g. a small buffer that stays in the cache). None if this
        activation cannot (then call ``backward``)."""
        return None

    @staticmethod
    def f(x: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=float)

    @staticmethod
    def df(x: np.ndarray) -> np.ndarray:
        return np.ones_like(np.asarray(x, dtype=float))

    def __repr__(self) -> str:
        return self.name


Identity = Activation


class Sigmoid(Activation):
    name = "sigmoid"
    label = QT_TRANSLATE_NOOP("activations", "sigmoid")
    formula = "σ(z) = 1 / (1 + e⁻ᶻ)"
    derivative = "σ′(z) = σ(z)(1 − σ(z))"
    help = QT_TRANSLATE_NOOP("activations", "A smooth step from 0 to 1. Its slope is at most 0.25 "
                             "and almost 0 for large |z|, so in deep networks gradients vanish.")

    def forward(self, z):
        self.a = _sigmoid(z)
        return self.a

    def backward(self, da):
        a = self.a
        return da * a * (1 - a)

    def forward_in_parts(self, z):
        self.a = z

        def part(index):
            _sigmoid(z[index], out=z[index])
        return part

    def backward_in_parts(self, da, out):
        a = self.a

        def part(index, into=None):     # da·a·(1 − a), in the order backward multiplies
            o = out[index] if into is None else into
            np.multiply(da[index], a[index], out=o)
            o *= 1 - a[index]
        return part

    @staticmethod
    def f(x):
        return _sigmoid(np.asarray(x, dtype=float))

    @staticmethod
    def df(x):
        s = _sigmoid(np.asarray(x, dtype=float))
        return s * (1 - s)


def _kept(a: np.ndarray | None, shape, dtype) -> np.ndarray:
    """``a`` if it has this shape and dtype (the last batch's cache is done with), else a new one."""
    return a if a is not None and a.shape == shape and a.dtype == dtype else np.empty(shape, dtype)


def _sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """1 / (1 + e⁻ᶻ), into ``out`` if given (which may be ``z`` itself)."""
    if out is not None:
        np.clip(z, -_SIGMOID_CLIP, _SIGMOID_CLIP, out=out)
        np.negative(out, out=out)
        np.exp(out, out=out)
    else:
        out = np.exp(-np.clip(z, -_SIGMOID_CLIP, _SIGMOID_CLIP))
    out += 1
    if not isinstance(out, np.ndarray):     # a scalar input gives a NumPy scalar: no out=
        return 1 / out
    np.reciprocal(out, out=out)
    return out


class Tanh(Activation):
    name = "tanh"
    label = QT_TRANSLATE_NOOP("activations", "tanh")
    formula = "tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)"
    derivative = "tanh′(z) = 1 − tanh²(z)"
    help = QT_TRANSLATE_NOOP("activations", "A sigmoid centred on 0, from −1 to 1, with slope 1 at 0; "
                             "it still saturates for large |z|.")

    def forward(self, z):
        self.a = np.tanh(z)
        return self.a

    def backward(self, da):
        return da * (1 - self.a * self.a)

    def forward_in_parts(self, z):
        self.a = z

        def part(index):
            np.tanh(z[index], out=z[index])
        return part

    def backward_in_parts(self, da, out):
        a = self.a

        def part(index, into=None):
            o = out[index] if into is None else into
            np.multiply(a[index], a[index], out=o)
            np.subtract(1, o, out=o)
            o *= da[index]
        return part

    @staticmethod
    def f(x):
        return np.tanh(np.asarray(x, dtype=float))

    @staticmethod
    def df(x):
        return 1 - np.tanh(np.asarray(x, dtype=float)) ** 2


class ReLU(Activation):
    name = "relu"
    label = QT_TRANSLATE_NOOP("activations", "ReLU")
    formula = "ReLU(z) = max(0, z)"
    derivative = "ReLU′(z) = 1 if z > 0, else 0"
    help = QT_TRANSLATE_NOOP("activations", "Passes positive values and zeroes the rest. Its slope is "
                             "1 wherever it is active, so deep networks train fast; a unit that is "
                             "never active is dead and stops learning.")
    relu_like = True

    def forward(self, z):
        self.mask = z > 0
        return np.maximum(z, 0)

    def backward(self, da):
        # a new array: the caller's gradient is never modified in place
        return da * self.mask

    def forward_in_parts(self, z):
        mask = self.mask = _kept(getattr(self, "mask", None), z.shape, bool)

        def part(index):
            np.greater(z[index], 0, out=mask[index])
            np.maximum(z[index], 0, out=z[index])
        return part

    def backward_in_parts(self, da, out):
        mask = self.mask

        def part(index, into=None):
            np.multiply(da[index], mask[index], out=out[index] if into is None else into)
        return part

    @staticmethod
    def f(x):
        return np.maximum(np.asarray(x, dtype=float), 0)

    @staticmethod
    def df(x):
        return (np.asarray(x, dtype=float) > 0).astype(float)


class LeakyReLU(Activation):
    name = "leaky_relu"
    label = QT_TRANSLATE_NOOP("activations", "leaky ReLU")
    formula = "f(z) = z if z > 0, else 0.01·z"
    derivative = "f′(z) = 1 if z > 0, else 0.01"
    help = QT_TRANSLATE_NOOP("activations", "ReLU with a small slope for negative inputs, so a unit "
                             "never dies completely.")
    relu_like = True

    def __init__(self, alpha: float = 0.01):
        self.alpha = alpha

    def forward(self, z):
        self.mask = z > 0
        return np.where(self.mask, z, z * self.alpha)

    def backward(self, da):
        return np.where(self.mask, da, da * self.alpha)

    def forward_in_parts(self, z):
        mask = self.mask = _kept(getattr(self, "mask", None), z.shape, bool)

        def part(index):
            np.greater(z[index], 0, out=mask[index])
            np.maximum(z[index], z[index] * self.alpha, out=z[index])    # alpha < 1
        return part if self.alpha <= 1 else None

    def backward_in_parts(self, da, out):
        mask = self.mask

        def part(index, into=None):
            o = out[index] if into is None else into
            o[...] = np.where(mask[index], da[index], da[index] * self.alpha)
        return part

    @staticmethod
    def f(x, alpha=0.01):
        x = np.asarray(x, dtype=float)
        return np.where(x > 0, x, alpha * x)

    @staticmethod
    def df(x, alpha=0.01):
        return np.where(np.asarray(x, dtype=float) > 0, 1.0, alpha)


class ELU(Activation):
    name = "elu"
    label = QT_TRANSLATE_NOOP("activations", "ELU")
    formula = "f(z) = z if z > 0, else eᶻ − 1"
    derivative = "f′(z) = 1 if z > 0, else eᶻ"
    help = QT_TRANSLATE_NOOP("activations", "ReLU with a smooth negative part that tends to −1: "
                             "outputs are closer to zero-centred.")
    relu_like = True

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha

    def forward(self, z):
        self.mask = z > 0
        # expm1 of a clipped input: no overflow warnings for large positive z
        self.neg = self.alpha * np.expm1(np.minimum(z, 0))
        return np.where(self.mask, z, self.neg)

    def backward(self, da):
        return np.where(self.mask, da, da * (self.neg + self.alpha))

    @staticmethod
    def f(x, alpha=1.0):
        x = np.asarray(x, dtype=float)
        return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))

    @staticmethod
    def df(x, alpha=1.0):
        x = np.asarray(x, dtype=float)
        return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))


class Step(Activation):
    """The perceptron's step function: its derivative is zero almost
    everywhere, which is exactly why gradient descent cannot train it."""

    name = "step"
    label = QT_TRANSLATE_NOOP("activations", "step")
    formula = "f(z) = 1 if z > 0, else 0"
    derivative = "f′(z) = 0 (z ≠ 0)"
    help = QT_TRANSLATE_NOOP("activations", "The perceptron's activation. Its slope is 0 everywhere, "
                             "so no gradient flows back: gradient descent cannot train it.")

    def forward(self, z):
        self.shape = z.shape
        return (z > 0).astype(z.dtype)

    def backward(self, da):
        return np.zeros_like(da)

    @staticmethod
    def f(x):
        return (np.asarray(x, dtype=float) > 0).astype(float)

    @staticmethod
    def df(x):
        return np.zeros_like(np.asarray(x, dtype=float))


# The registry: everything else (the editor, initializers, statistics, tests) enumerates it.
ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Activation, Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Step)
}


def is_relu_like(name: str | None) -> bool:
    """Whether the named activation (None: identity) is ReLU-like (see :class:`Activation`)."""
    cls = ACTIVATIONS.get(name or "identity")
    return bool(cls is not None and cls.relu_like)


def get(name: str | None) -> Activation:
    """A fresh activation object by name (``None`` means identity)."""
    if name is None:
        return Activation()
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, max-shifted so it never overflows.

    z : ndarray, shape (n_samples, n_classes) -> same shape, rows sum to 1.
    """
    e = z - z.max(axis=1, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=1, keepdims=True)
    return e
