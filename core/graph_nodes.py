"""The nodes of a computational graph (计算图), shaped like the layers of "Deep Learning
from Scratch" (chapter 5): each is a small class whose ``forward`` caches what its
``backward`` needs, and whose ``backward(dout)`` returns the gradient for each input —
the upstream gradient times the node's local derivative (链式法则, the chain rule).

    mul = MulLayer()
    price = mul.forward(100, 2)        # 200
    dapple, dnum = mul.backward(1.1)   # 2.2, 110

``MulLayer`` and ``AddLayer`` take two inputs; ``Relu`` and ``Sigmoid`` one (they run
the app's own activations from ``core.activations``); ``Affine`` is X·W + b on a batch
(X (m, n_in), W (n_in, n_out), b (n_out,)); ``SoftmaxWithLoss`` is the app's fused
softmax and cross-entropy (``core.losses``), whose backward is (Y − T) / m.

The scalar nodes also say how they read (``symbol``, ``expression`` with the inputs as
{0}, {1}) and what their local derivatives are (``formulas``, ``local_derivatives``), for
the chain-rule step-through.
"""
from __future__ import annotations

import numpy as np

from . import activations, losses


class MulLayer:
    """out = x · y;  ∂out/∂x = y, ∂out/∂y = x (the inputs swap)."""

    symbol = "×"
    expression = "{0} × {1}"
    n_inputs = 2
    formulas = ("∂(x·y)/∂x = y", "∂(x·y)/∂y = x")

    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x

    def local_derivatives(self) -> tuple:
        return self.y, self.x


class AddLayer:
    """out = x + y;  ∂out/∂x = ∂out/∂y = 1 (the gradient passes through unchanged)."""

    symbol = "+"
    expression = "{0} + {1}"
    n_inputs = 2
    formulas = ("∂(x+y)/∂x = 1", "∂(x+y)/∂y = 1")

    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout * 1, dout * 1

    def local_derivatives(self) -> tuple:
        return 1.0, 1.0


class Relu:
    """out = max(0, x);  ∂out/∂x = 1 if x > 0, else 0 (core.activations.ReLU)."""

    symbol = "ReLU"
    expression = "max(0, {0})"
    n_inputs = 1
    formulas = ("ReLU′(x) = 1 if x > 0, else 0",)

    def __init__(self):
        self._act = activations.ReLU()

    def forward(self, x):
        return self._as_input(x, self._act.forward(np.asarray(x)))

    def backward(self, dout):
        # a new value: the caller's gradient is never modified (the book's Relu does)
        return self._as_input(dout, self._act.backward(np.asarray(dout)))

    def local_derivatives(self) -> tuple:
        return (float(np.all(self._act.mask)),)

    @staticmethod
    def _as_input(like, value):
        return float(value) if np.ndim(like) == 0 else value


class Sigmoid:
    """out = σ(x) = 1 / (1 + e⁻ˣ);  ∂out/∂x = σ(x)(1 − σ(x)) (core.activations.Sigmoid)."""

    symbol = "σ"
    expression = "1 / (1 + e^−({0}))"
    n_inputs = 1
    formulas = ("σ′(x) = σ(x)(1 − σ(x))",)

    def __init__(self):
        self._act = activations.Sigmoid()

    def forward(self, x):
        return Relu._as_input(x, self._act.forward(np.asarray(x, dtype=np.float64)))

    def backward(self, dout):
        return Relu._as_input(dout, self._act.backward(np.asarray(dout, dtype=np.float64)))

    def local_derivatives(self) -> tuple:
        a = float(self._act.a)
        return (a * (1 - a),)


class Affine:
    """out = X·W + b on a batch: X (m, n_in), W (n_in, n_out), b (n_out,) -> (m, n_out).

    backward(dout (m, n_out)) returns dX = dout·Wᵀ and keeps dW = Xᵀ·dout, db = Σᵢ doutᵢ.
    """

    symbol = "Affine"

    def __init__(self, W: np.ndarray, b: np.ndarray):
        self.W, self.b = W, b
        self.x: np.ndarray | None = None
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None

    def forward(self, x):
        self.x = np.asarray(x).reshape(len(x), -1)
        return self.x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0)
        return dout @ self.W.T


class SoftmaxWithLoss:
    """loss = cross-entropy of softmax(X) and the targets T (labels (m,) or one-hot (m, k)).

    Runs the app's own fused loss (core.losses.SoftmaxCrossEntropy); backward returns
    (Y − T) / m, Y the softmax probabilities.
    """

    symbol = "Softmax-with-Loss"

    def __init__(self):
        self._loss = losses.SoftmaxCrossEntropy()
        self.y: np.ndarray | None = None      # probabilities (m, k)
        self.t: np.ndarray | None = None      # one-hot targets (m, k)

    def forward(self, x, t):
        x = np.asarray(x)
        t = np.asarray(t)
        labels = t.argmax(axis=1) if t.ndim == 2 else t.astype(np.int64)
        loss = self._loss.forward(x, labels)
        self.y = self._loss.p
        self.t = np.eye(x.shape[1], dtype=x.dtype)[labels]
        return loss

    def backward(self, dout=1):
        return dout * self._loss.backward()


# the scalar nodes a chain-rule graph is made of, by the name a graph gives them
SCALAR_NODES: dict[str, type] = {"mul": MulLayer, "add": AddLayer, "relu": Relu, "sigmoid": Sigmoid}
