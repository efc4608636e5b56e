"""Loss functions on the network's final scores.

Both losses first turn the scores into probabilities with a softmax, so the
same model can switch between them (Hung-yi Lee's "cross entropy vs square
error" comparison):

- ``softmax_cross_entropy``: L = -mean_i log p[i, t_i], fused with the softmax
  so the gradient is simply (p - onehot) / n, and computed with log-sum-exp so
  it never overflows.
- ``mse``: L = mean_i 0.5 * sum_k (p[i, k] - onehot[i, k])², the book's
  ``mean_squared_error`` applied to the softmax output.

A third loss is for regression (回归): ``squared_error`` keeps the identity output (恒等函数)
— no softmax — and compares the scores with real-valued targets, L = mean_i ½ Σ_k (z − t)².

Shapes: scores (n_samples, n_classes); labels (n_samples,) integers; regression targets
(n_samples,) or (n_samples, n_outputs) floats.
"""
from __future__ import annotations

import numpy as np

from .activations import softmax
from .translatable import QT_TRANSLATE_NOOP


class Loss:
    """Base class. Each subclass is an entry of :data:`LOSSES` with its ``label``,
    ``formula`` and ``help`` (display strings, translatable, context "losses")."""

    name = ""
    label = ""
    formula = ""
    help = ""
    regression = False          # True: targets are real values, not class labels

    def check_targets(self, y: np.ndarray, n: int, n_outputs: int) -> None:
        """ValueError naming the expected shape unless ``y`` fits ``n`` samples of
        ``n_outputs`` scores: class labels ``(n,)`` for a classification loss."""
        if y.ndim != 1 or len(y) != n:
            raise ValueError(f"labels must have shape ({n},), got {y.shape}")

    def forward(self, scores: np.ndarray, labels: np.ndarray) -> float:
        raise NotImplementedError

    def backward(self) -> np.ndarray:
        """dL/dscores, shape (n_samples, n_classes)."""
        raise NotImplementedError

    _argmax_of: tuple[np.ndarray, np.ndarray] | None = None   # (scores, their argmax), see below

    def predicted(self, scores: np.ndarray) -> np.ndarray:
        """``scores.argmax(axis=1)``, the predicted classes. A loss that found them on the way
        (the softmax cross-entropy does) hands them back once, when ``scores`` is the very
        array its last ``forward`` saw, which saves the trainer a second pass per step. Once
        only: a network writes its next scores into the same array."""
        seen, self._argmax_of = self._argmax_of, None
        if seen is not None and seen[0] is scores:
            return seen[1]
        return scores.argmax(axis=1)

    def __repr__(self) -> str:
        return self.name


class SoftmaxCrossEntropy(Loss):
    name = "softmax_cross_entropy"
    label = QT_TRANSLATE_NOOP("losses", "softmax cross-entropy")
    formula = "L = −(1/m) Σᵢ Σₖ tᵢₖ log pᵢₖ,  p = softmax(z);  ∂L/∂z = (p − t) / m"
    help = QT_TRANSLATE_NOOP("losses", "Cross-entropy error of the softmax probabilities: minus the "
                             "log of the probability given to the right class. Together with softmax "
                             "its gradient is simply (p − t) / m.")

    def forward(self, scores, labels):
        n, k = scores.shape
        rows = self._rows(n)
        # each row's largest score, picked at its argmax (NumPy's max over short rows is slower)
        top = scores.argmax(axis=1)
        self._argmax_of = (scores, top)             # the predicted classes (see predicted)
        shifted = scores - scores[rows, top][:, None]
        p = np.exp(shifted)
        total = p @ np.ones(k, p.dtype)             # the row sums, as a product
        # log Σ exp, less the right class's shifted score, averaged
        loss = float(np.log(total).sum() - shifted[rows, labels].sum()) / n
        p /= total[:, None]                         # softmax from the same exponentials
        self.p = p
        self.labels = labels
        return loss

    def backward(self):
        n = self.p.shape[0]
        d = self.p.copy()
        d[self._rows(n), self.labels] -= 1
        d /= n
        return d

    def _rows(self, n):
        """0, 1, …, n − 1 (kept between batches of one size)."""
        rows = getattr(self, "_row_index", None)
        if rows is None or len(rows) != n:
            rows = self._row_index = np.arange(n)
        return rows


class MeanSquaredError(Loss):
    name = "mse"
    label = QT_TRANSLATE_NOOP("losses", "mean squared error")
    formula = "L = (1/m) Σᵢ ½ Σₖ (pᵢₖ − tᵢₖ)²,  p = softmax(z)"
    help = QT_TRANSLATE_NOOP("losses", "Mean squared error between the softmax probabilities and "
                             "the one-hot target. It learns more slowly than cross-entropy when the "
                             "answer is badly wrong, because softmax saturates.")

    def forward(self, scores, labels):
        n, k = scores.shape
        p = softmax(scores)
        t = np.zeros_like(p)
        t[np.arange(n), labels] = 1
        self.p, self.diff = p, p - t
        return float(0.5 * np.sum(self.diff * self.diff) / n)

    def backward(self):
        n = self.p.shape[0]
        g = self.diff / n                       # dL/dp
        p = self.p
        # back through the softmax Jacobian: dz = p * (g - <g, p>)
        return p * (g - np.sum(g * p, axis=1, keepdims=True))


class SquaredError(Loss):
    """Regression: the identity output z compared with real-valued targets t.

    Targets ``(n,)`` go with one output, ``(n, k)`` with k outputs; integer labels ``(n,)``
    with k > 1 outputs are taken as one-hot targets (so a classifier can train with it too).
    """

    name = "squared_error"
    label = QT_TRANSLATE_NOOP("losses", "squared error (identity output)")
    formula = "L = (1/m) Σᵢ ½ Σₖ (zᵢₖ − tᵢₖ)²,  y = z (identity);  ∂L/∂z = (z − t) / m"
    help = QT_TRANSLATE_NOOP("losses", "For regression: the output layer stays linear (the identity "
                             "function) and is compared with real-valued targets by the squared error. "
                             "Its gradient is simply (y − t) / m.")
    regression = True

    def check_targets(self, y, n, n_outputs):
        if len(y) == n and (y.shape[1:] == (n_outputs,) or y.ndim == 1 and (
                n_outputs == 1 or y.dtype.kind in "iu")):
            return
        raise ValueError(f"targets must have shape ({n},) or ({n}, {n_outputs}), got {y.shape}")

    def targets(self, scores: np.ndarray, y: np.ndarray) -> np.ndarray:
        """``y`` as an array of the scores' shape (n, k)."""
        y = np.asarray(y)
        if y.ndim == 2:
            return y.astype(scores.dtype, copy=False)
        if scores.shape[1] == 1:
            return y.astype(scores.dtype)[:, None]
        t = np.zeros_like(scores)
        t[np.arange(len(y)), y] = 1
        return t

    def forward(self, scores, targets):
        self.check_targets(np.asarray(targets), scores.shape[0], scores.shape[1])
        self.diff = scores - self.targets(scores, targets)
        return float(0.5 * np.sum(self.diff * self.diff) / scores.shape[0])

    def backward(self):
        return self.diff / self.diff.shape[0]


# The registry: the spec's check, the architecture editor and the tests enumerate it.
LOSSES: dict[str, type[Loss]] = {cls.name: cls for cls in (SoftmaxCrossEntropy, MeanSquaredError,
                                                           SquaredError)}
DEFAULT = SoftmaxCrossEntropy.name


def get(name: str) -> Loss:
    try:
        return LOSSES[name]()
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
