"""The layer kinds: each keeps its forward and backward rule side by side.

``LAYER_TYPES`` is the registry of layer kinds; each class carries its metadata
(names, help, colour, the settings its spec takes: see ``layer_base.Layer``).
The base class and the settings live in ``layer_base``, convolution in
``conv_layers``, pooling in ``pool_layers`` (the book's plain versions of both
in ``conv_book``).
"""
from __future__ import annotations

import numpy as np

from . import activations, initializers, sparse_input, threads
from .conv_layers import Conv2D
from .layer_base import ACTIVATION, INIT, SIGMA, UNITS, Layer, Setting, _prod
from .pool_layers import MaxPool2D
from .translatable import QT_TRANSLATE_NOOP

__all__ = ["LAYER_TYPES", "ActivationLayer", "BatchNorm", "Conv2D", "Dense", "Dropout", "Flatten", "Layer",
           "MaxPool2D", "Maxout", "Setting"]


class Dense(Layer):
    """Affine layer z = x·W + b followed by an activation, a = f(z).

    x : (n, *in_shape), flattened to (n, n_in); W : (n_in, units); b : (units,)
    """

    kind = "dense"
    label = QT_TRANSLATE_NOOP("layers", "Dense")
    long_label = QT_TRANSLATE_NOOP("layers", "Dense (fully connected)")
    help = QT_TRANSLATE_NOOP("layers", "Every neuron computes a = f(w·x + b) from all outputs of the "
                             "previous layer (Affine + activation). Images are flattened first.")
    color = "#0072B2"
    diagram = "neurons"
    SETTINGS = (UNITS, ACTIVATION, INIT, SIGMA)
    weight_names = ("W",)

    def __init__(self, units: int, activation: str | None = None, init: str | None = None,
                 sigma: float = 0.01):
        super().__init__()
        self.units = int(units)
        self.act = activations.get(activation)
        self.init = init or initializers.default_for(activation)
        self.sigma = sigma
        self._cols = None               # the input columns the last batch used (sparse_input)
        self._scan = sparse_input.ColumnScan()

    def _output_shape(self, in_shape):
        if self.units < 1:
            raise ValueError(f"units must be at least 1, got {self.units}")
        return (self.units,)

    def param_shapes(self):
        return {"W": (_prod(self.in_shape), self.units), "b": (self.units,)}

    def init_params(self, rng):
        initializers.fill(self.params["W"], self.init, _prod(self.in_shape), rng, self.sigma)
        self.params["b"][...] = 0

    def forward(self, x, training=False):
        # a view, also of a batch-innermost (n, C, H, W) input, whose rows are then strided
        self.x = x.reshape(x.shape[0], -1)
        w = self.params["W"]
        z = self._result("z", (len(x), self.units), np.result_type(self.x, w), training)
        # a layer reading the network's input skips the columns that are zero in the whole batch
        self._cols = None if self.need_dx else self._scan.columns(self.x, self.units)
        if self._cols is None:
            threads.matmul(self.x, w, out=z)
        else:
            rows = self._scratch("W rows", w.shape, w.dtype)
            self._xc = sparse_input.product(self.x, w, self._cols, rows, z)
        z += self.params["b"]
        act = self.act.forward_in_parts(z)          # in place: no new array per step
        if act is None:
            return self.act.forward(z)
        act(slice(None))
        return z

    def backward(self, dy):
        dz = self._scratch("dz", dy.shape, dy.dtype)
        act = self.act.backward_in_parts(dy, dz)
        if act is None:
            dz = self.act.backward(dy)
        else:
            act(slice(None))
        dw = self.grads["W"]
        if self._cols is None:
            threads.matmul(self.x.T, dz, out=dw)
        else:
            rows = self._scratch("dW rows", (len(dw) + 1, dw.shape[1]), dw.dtype)
            sparse_input.weight_gradient(self._xc, dz, self._cols, dw, rows)
        _sum_rows(dz, self.grads["b"], self._scratch("ones", (len(dz),), dz.dtype))
        if not self.need_dx:
            return None
        w, n = self.params["W"], len(dz)
        if self.x.flags.f_contiguous and not self.x.flags.c_contiguous:
            # the input came batch-innermost (from pooling or convolution): dx goes back the
            # same way, as the (n, n_in) view of dxᵀ = W·dzᵀ
            dxt = self._scratch("dxt", (w.shape[0], n), dz.dtype)
            return threads.matmul(w, dz.T, out=dxt).T.reshape((n,) + self.in_shape)
        dx = self._scratch("dx", (n, w.shape[0]), dz.dtype)
        return threads.matmul(dz, w.T, out=dx).reshape((n,) + self.in_shape)

    def __repr__(self):
        return f"Dense({_prod(self.in_shape)} → {self.units}, {self.act.name})"


def _sum_rows(a: np.ndarray, out: np.ndarray, ones: np.ndarray) -> None:
    """``out`` = the sum of the rows of ``a`` (m, n), as the product 1ᵀ·a: BLAS does it
    several times faster than ``np.sum(a, axis=0)``. ``ones`` is a work array (m,)."""
    ones.fill(1)
    np.matmul(ones, a, out=out)


class Flatten(Layer):
    """(n, C, H, W) -> (n, C·H·W)."""

    kind = "flatten"
    label = QT_TRANSLATE_NOOP("layers", "Flatten")
    long_label = QT_TRANSLATE_NOOP("layers", "Flatten")
    help = QT_TRANSLATE_NOOP("layers", "Turns channels × height × width into one long vector for the "
                             "dense layers.")
    color = "#7f7f7f"
    diagram = "flatten"        # a column of neurons after feature maps, else a badge

    def _output_shape(self, in_shape):
        return (_prod(in_shape),)

    def forward(self, x, training=False):
        return x.reshape(x.shape[0], -1)

    def backward(self, dy):
        return dy.reshape((dy.shape[0],) + self.in_shape)


class Dropout(Layer):
    """Inverted dropout: in training each unit is kept with probability 1 − rate
    and scaled by 1/(1 − rate), so nothing changes at test time.

    ``fixed_mask`` (same shape as a batch) replaces the random mask, for
    gradient checks.
    """

    kind = "dropout"
    label = QT_TRANSLATE_NOOP("layers", "Dropout")
    long_label = QT_TRANSLATE_NOOP("layers", "Dropout")
    help = QT_TRANSLATE_NOOP("layers", "Switches off a random fraction of neurons at each training step, "
                             "so the network cannot rely on any single one: fights overfitting.")
    color = "#CC79A7"
    SETTINGS = (Setting("rate", "float", QT_TRANSLATE_NOOP("layers", "Rate"), QT_TRANSLATE_NOOP(
        "layers", "Fraction of neurons dropped at each training step (the rest are scaled by "
        "1/(1 − rate), so nothing changes at test time, when nothing is dropped)."),
        required=True, initial=0.5, low=0.0, high=0.95, step=0.05, decimals=3,
        summary=QT_TRANSLATE_NOOP("layers", "rate {0}")),)

    def __init__(self, rate: float = 0.5):
        super().__init__()
        self.rate = float(rate)
        self.fixed_mask: np.ndarray | None = None

    def _output_shape(self, in_shape):
        if not 0 <= self.rate < 1:
            raise ValueError(f"rate must be in [0, 1), got {self.rate}")
        return in_shape

    def forward(self, x, training=False):
        if not training or self.rate == 0:
            self.mask = None
            return x
        if self.fixed_mask is not None:
            keep = self.fixed_mask
        else:
            keep = self.rng.random(x.shape, dtype=np.float32) >= self.rate
        self.mask = keep * np.asarray(1.0 / (1.0 - self.rate), dtype=x.dtype)
        return x * self.mask

    def backward(self, dy):
        return dy if self.mask is None else dy * self.mask

    def __repr__(self):
        return f"Dropout({self.rate:g})"


class BatchNorm(Layer):
    """Batch normalisation over the batch axis (and the spatial axes for images).

    x : (n, d) or (n, C, H, W); gamma, beta : (d,) or (C,).
    Training uses batch statistics and updates running ones; evaluation uses
    the running statistics.
    """

    kind = "batchnorm"
    label = QT_TRANSLATE_NOOP("layers", "BatchNorm")
    long_label = QT_TRANSLATE_NOOP("layers", "BatchNorm")
    help = QT_TRANSLATE_NOOP("layers", "Normalises each feature over the mini-batch to mean 0, variance 1, "
                             "then scales (γ) and shifts (β): training is faster and less sensitive to "
                             "the initial weights.")
    color = "#009E73"
    SETTINGS = (
        Setting("momentum", "float", QT_TRANSLATE_NOOP("layers", "Momentum"), QT_TRANSLATE_NOOP(
            "layers", "How slowly the running mean and variance (used at test time) follow the "
            "mini-batch statistics: 0.9 averages over roughly the last 10 batches."),
            default=0.9, low=0.0, high=0.999, step=0.01, decimals=3,
            summary=QT_TRANSLATE_NOOP("layers", "momentum {0}")),
        Setting("eps", "float", QT_TRANSLATE_NOOP("layers", "ε"), QT_TRANSLATE_NOOP(
            "layers", "A small number added to the variance so no division is by zero."),
            default=1e-5, low=1e-12, high=1.0, advanced=True),
    )
    nonnegative_buffers = ("running_var",)

    def __init__(self, momentum: float = 0.9, eps: float = 1e-5):
        super().__init__()
        self.momentum = float(momentum)
        self.eps = float(eps)

    def _output_shape(self, in_shape):
        if not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {self.momentum}")
        return in_shape

    def _features(self):
        return self.in_shape[0] if len(self.in_shape) == 3 else _prod(self.in_shape)

    def param_shapes(self):
        return {"gamma": (self._features(),), "beta": (self._features(),)}

    def buffer_shapes(self):
        return {"running_mean": (self._features(),), "running_var": (self._features(),)}

    def init_params(self, rng):
        self.params["gamma"][...] = 1
        self.params["beta"][...] = 0
        self.buffers["running_mean"][...] = 0
        self.buffers["running_var"][...] = 1

    def _to2d(self, x):
        if x.ndim == 4:
            return x.transpose(0, 2, 3, 1).reshape(-1, x.shape[1])
        return x.reshape(x.shape[0], -1)

    def _from2d(self, y, shape):
        if len(shape) == 4:
            n, c, h, w = shape
            return y.reshape(n, h, w, c).transpose(0, 3, 1, 2)
        return y.reshape(shape)

    def forward(self, x, training=False):
        self.shape = x.shape
        x2 = self._to2d(x)
        if training:
            mu = x2.mean(axis=0)
            xc = x2 - mu
            var = np.mean(xc * xc, axis=0)
            std = np.sqrt(var + self.eps)
            m = self.momentum
            self.buffers["running_mean"][...] = m * self.buffers["running_mean"] + (1 - m) * mu
            self.buffers["running_var"][...] = m * self.buffers["running_var"] + (1 - m) * var
            self.xc, self.std = xc, std
            self.xn = xc / std
        else:
            std = np.sqrt(self.buffers["running_var"] + self.eps)
            self.xc = x2 - self.buffers["running_mean"]
            self.std = std
            self.xn = self.xc / std
        y = self.xn * self.params["gamma"] + self.params["beta"]
        return self._from2d(y.astype(x.dtype, copy=False), self.shape)

    def backward(self, dy):
        dy2 = self._to2d(dy)
        n = dy2.shape[0]
        self.grads["beta"][...] = dy2.sum(axis=0)
        self.grads["gamma"][...] = np.sum(self.xn * dy2, axis=0)
        dxn = dy2 * self.params["gamma"]
        dxc = dxn / self.std
        dstd = -np.sum(dxn * self.xc / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / n) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        return self._from2d(dxc - dmu / n, self.shape)

    def __repr__(self):
        return f"BatchNorm({self._features() if self.in_shape else '?'})"


class Maxout(Layer):
    """Maxout: ``pieces`` affine maps per unit, the unit outputs their maximum.

    x : (n, *in_shape) flattened to (n, n_in); W : (n_in, units·pieces);
    b : (units·pieces,); output (n, units).
    """

    kind = "maxout"
    label = QT_TRANSLATE_NOOP("layers", "Maxout")
    long_label = QT_TRANSLATE_NOOP("layers", "Maxout")
    help = QT_TRANSLATE_NOOP("layers", "Each unit computes several weighted sums and outputs the largest: "
                             "an activation function that is learned.")
    color = "#005a8c"
    diagram = "neurons"
    SETTINGS = (
        UNITS,
        Setting("pieces", "int", QT_TRANSLATE_NOOP("layers", "Pieces"), QT_TRANSLATE_NOOP(
            "layers", "How many weighted sums each maxout unit takes the maximum of."),
            default=2, initial=2, low=2, high=16, summary=QT_TRANSLATE_NOOP("layers", "× {0} pieces")),
        INIT, SIGMA,
    )
    weight_names = ("W",)

    def __init__(self, units: int, pieces: int = 2, init: str | None = None, sigma: float = 0.01):
        super().__init__()
        self.units = int(units)
        self.pieces = int(pieces)
        self.init = init or "xavier"
        self.sigma = sigma

    def _output_shape(self, in_shape):
        if self.units < 1:
            raise ValueError(f"units must be at least 1, got {self.units}")
        if self.pieces < 2:
            raise ValueError(f"pieces must be at least 2, got {self.pieces}")
        return (self.units,)

    def param_shapes(self):
        k = self.units * self.pieces
        return {"W": (_prod(self.in_shape), k), "b": (k,)}

    def init_params(self, rng):
        initializers.fill(self.params["W"], self.init, _prod(self.in_shape), rng, self.sigma)
        self.params["b"][...] = 0

    def forward(self, x, training=False):
        self.x = x.reshape(x.shape[0], -1)
        z = (threads.matmul(self.x, self.params["W"]) + self.params["b"]).reshape(
            -1, self.units, self.pieces)
        self.arg = z.argmax(axis=2)[..., None]
        return np.take_along_axis(z, self.arg, axis=2)[..., 0]

    def backward(self, dy):
        n = dy.shape[0]
        dz = np.zeros((n, self.units, self.pieces), dtype=dy.dtype)
        np.put_along_axis(dz, self.arg, dy[..., None], axis=2)
        dz = dz.reshape(n, -1)
        threads.matmul(self.x.T, dz, out=self.grads["W"])
        _sum_rows(dz, self.grads["b"], self._scratch("ones", (n,), dz.dtype))
        if not self.need_dx:
            return None
        return threads.matmul(dz, self.params["W"].T).reshape((n,) + self.in_shape)

    def z_shape(self):
        return (self.units * self.pieces,)

    def __repr__(self):
        return f"Maxout({_prod(self.in_shape)} → {self.units}, {self.pieces} pieces)"


class ActivationLayer(Layer):
    """A stand-alone activation, e.g. after BatchNorm."""

    kind = "activation"
    label = QT_TRANSLATE_NOOP("layers", "Activation")
    long_label = QT_TRANSLATE_NOOP("layers", "Activation")
    help = QT_TRANSLATE_NOOP("layers", "Applies a function to every value, e.g. ReLU after a BatchNorm "
                             "layer.")
    color = "#b8a800"
    SETTINGS = (Setting("activation", "activation", ACTIVATION.label, ACTIVATION.help, required=True,
                        initial="relu"),)

    def __init__(self, activation: str = "relu"):
        super().__init__()
        self.act = activations.get(activation)

    def forward(self, x, training=False):
        return self.act.forward(x)

    def backward(self, dy):
        return self.act.backward(dy)

    def __repr__(self):
        return f"Activation({self.act.name})"


# The registry, in the order the editor offers them: everything else enumerates it.
LAYER_TYPES: dict[str, type[Layer]] = {
    cls.kind: cls
    for cls in (Dense, Conv2D, MaxPool2D, Flatten, Dropout, BatchNorm, Maxout, ActivationLayer)
}


def settings_of(kind: str) -> dict[str, Setting]:
    """The settings a layer of ``kind`` takes, by name (KeyError for an unknown kind)."""
    return {s.name: s for s in LAYER_TYPES[kind].SETTINGS}
