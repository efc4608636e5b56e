"""The test-set evaluation: predictions, the confusion matrix, per-class accuracy and the
misclassified samples, most confidently wrong first (the evaluation panel shows them)."""
from __future__ import annotations

import numpy as np

from .network import Network


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """Counts (n_classes, n_classes) int64: row = true class, column = predicted."""
    t = np.asarray(y_true, dtype=np.int64).reshape(-1)
    p = np.asarray(y_pred, dtype=np.int64).reshape(-1)
    if t.shape != p.shape:
        raise ValueError(f"{t.size} true labels but {p.size} predictions")
    if t.size and (min(t.min(), p.min()) < 0 or max(t.max(), p.max()) >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    return np.bincount(t * n_classes + p, minlength=n_classes * n_classes).reshape(
        n_classes, n_classes)


def per_class_accuracy(cm) -> np.ndarray:
    """Recall per class, (n_classes,) float64: diagonal / row sum (NaN for an empty row)."""
    cm = np.asarray(cm)
    rows = cm.sum(axis=1)
    out = np.full(len(cm), np.nan)
    np.divide(np.diag(cm), rows, out=out, where=rows > 0)
    return out


def misclassified(y_true, proba, k: int | None = None) -> np.ndarray:
    """Indices of wrongly classified samples, most confidently wrong first.

    y_true : (n,) int; proba : (n, n_classes). The confidence is the
    probability of the (wrong) predicted class; ties keep index order.
    Returns at most ``k`` indices (all if ``k`` is None), int64.
    """
    proba = np.asarray(proba)
    pred = proba.argmax(axis=1)
    wrong = np.flatnonzero(pred != np.asarray(y_true))
    conf = proba[wrong, pred[wrong]]
    order = wrong[np.argsort(-conf, kind="stable")]
    return order if k is None else order[:k]


def cell_indices(y_true, proba, true_class: int, pred_class: int) -> np.ndarray:
    """Indices of the samples in one confusion-matrix cell, most confident first."""
    proba = np.asarray(proba)
    pred = proba.argmax(axis=1)
    idx = np.flatnonzero((np.asarray(y_true) == true_class) & (pred == pred_class))
    return idx[np.argsort(-proba[idx, pred_class], kind="stable")]


def evaluate(net: Network, x: np.ndarray, y: np.ndarray, chunk: int = 2000) -> dict:
    """Predict ``x`` (n, *input_shape) in chunks and score against ``y`` (n,).

    Returns ``{"proba": (n, n_classes) float, "pred": (n,) int64,
    "cm": (n_classes, n_classes) int64, "accuracy": float}``.
    """
    y = np.asarray(y)
    proba = net.predict_proba(x, batch_size=chunk)
    pred = proba.argmax(axis=1).astype(np.int64)
    cm = confusion_matrix(y, pred, net.n_classes)
    acc = float(np.mean(pred == y)) if len(y) else float("nan")
    return {"proba": proba, "pred": pred, "cm": cm, "accuracy": acc}
