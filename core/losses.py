"""Loss functions on the network's final scores.

Both losses first turn the scores into probabilities with a softmax, so the
same model can switch between them (Hung-yi Lee's "cross entropy vs square
error" comparison):

- ``softmax_cross_entropy``: L = -mean_i log p[i, t_i], fused with the softmax
  so the gradient is simply (p - onehot) / n, and computed with log-sum-exp so
  it never overflows.
- ``mse``: L = mean_i 0.5 * sum_k (p[i, k] - onehot[i, k])², the book's
  ``mean_squared_error`` applied to the softmax output.

Shapes: scores (n_samples, n_classes); labels (n_samples,) integers.
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

    def forward(self, scores: np.ndarray, labels: np.ndarray) -> float:
        raise NotImplementedError

    def backward(self) -> np.ndarray:
        """dL/dscores, shape (n_samples, n_classes)."""
        raise NotImplementedError

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
        n = scores.shape[0]
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_z = np.log(np.exp(shifted).sum(axis=1))
        rows = np.arange(n)
        loss = float(np.mean(log_z - shifted[rows, labels]))
        self.p = np.exp(shifted - log_z[:, None])
        self.labels = labels
        return loss

    def backward(self):
        n = self.p.shape[0]
        d = self.p.copy()
        d[np.arange(n), self.labels] -= 1
        d /= n
        return d


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


# The registry: the spec's check, the architecture editor and the tests enumerate it.
LOSSES: dict[str, type[Loss]] = {cls.name: cls for cls in (SoftmaxCrossEntropy, MeanSquaredError)}
DEFAULT = SoftmaxCrossEntropy.name


def get(name: str) -> Loss:
    try:
        return LOSSES[name]()
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
