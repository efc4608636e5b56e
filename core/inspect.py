"""Looking inside a network: distributions, dead units, gradients, evaluation.

Every number the app's "inside the network" panels show is computed here, in
plain NumPy, so it can be checked against direct NumPy computations:

- :func:`layer_stats` — per layer, percentiles and histograms of the weights,
  the layer's output (activations) and the weight gradients on a probe batch,
  plus the fraction of dead ReLU units and the mean absolute gradient per
  weight. It runs during training, so it sorts each array once and derives
  both the percentiles and the histogram from the sorted copy.
- :func:`evaluate`, :func:`confusion_matrix`, :func:`per_class_accuracy`,
  :func:`misclassified`, :func:`cell_indices` — the test-set evaluation.
- :func:`init_experiment` and :func:`experiment_histograms` — the book's
  ch06 experiment: how the initial weight scale shapes the activations of a
  5-layer network (权重的初始值).
"""
from __future__ import annotations

import time

import numpy as np

from . import activations as act_mod
from . import initializers
from .network import Network

# TensorBoard's distribution percentiles (its basis points 0, 668, 1587, 3085,
# 5000, …): the median and the points ±0.5σ, ±1σ, ±1.5σ of a normal
# distribution, plus the minimum and the maximum.
TB_PERCENTILES = (0.0, 6.68, 15.87, 30.85, 50.0, 69.15, 84.13, 93.32, 100.0)
RELU_FAMILY = ("relu", "leaky_relu", "elu")
HIST_BINS = 30
# larger arrays are subsampled (evenly, along the first axis) for percentiles
# and histograms, keeping layer_stats cheap for convolution outputs
MAX_VALUES = 200_000


# -- distributions -----------------------------------------------------------------------
def _sorted_finite(values) -> np.ndarray:
    """A sorted 1-D float copy of ``values`` (any shape) without NaN / ±inf."""
    a = np.asarray(values)
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    s = np.sort(a, axis=None)
    # NaN and +inf sort to the end, -inf to the front: two checks find them all
    if s.size and not (np.isfinite(s[0]) and np.isfinite(s[-1])):
        s = s[np.isfinite(s)]
    return s


def _percentiles_sorted(s: np.ndarray, qs) -> np.ndarray:
    """np.percentile's default ("linear") method on an already sorted array."""
    qs = np.asarray(qs, dtype=np.float64)
    if s.size == 0:
        return np.full(qs.shape, np.nan)
    h = (s.size - 1) * qs / 100.0
    lo = np.floor(h).astype(np.int64)
    hi = np.minimum(lo + 1, s.size - 1)
    a, b = s[lo].astype(np.float64), s[hi].astype(np.float64)
    return a + (b - a) * (h - lo)


def _histogram_sorted(s: np.ndarray, bins: int, range=None) -> tuple[np.ndarray, np.ndarray]:
    """np.histogram on an already sorted array: the same edges, the same counts."""
    if s.size == 0 and range is None:
        range = (0.0, 1.0)
    edges = np.histogram_bin_edges(s, bins, range=range)
    cut = np.searchsorted(s, edges[:-1], side="left")
    end = np.searchsorted(s, edges[-1], side="right")     # the last bin includes its right edge
    counts = np.diff(np.append(cut, end)).astype(np.int64)
    return counts, edges


def percentiles(values, qs=TB_PERCENTILES) -> np.ndarray:
    """Percentiles of ``values`` (any shape; non-finite entries ignored).

    Same numbers as ``np.percentile(values, qs)`` (linear interpolation).
    ``qs`` defaults to TensorBoard's distribution points :data:`TB_PERCENTILES`
    (min, ±1.5σ, ±1σ, ±0.5σ of a normal, median, max). Returns float64,
    shape (len(qs),); all NaN if there are no finite values.
    """
    return _percentiles_sorted(_sorted_finite(values), qs)


def histogram(values, bins: int = HIST_BINS, range=None) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, edges)`` exactly as ``np.histogram(values, bins, range)``.

    values : any shape, non-finite entries ignored; counts : int64 (bins,);
    edges : (bins + 1,). Empty input gives zero counts on [0, 1].
    """
    return _histogram_sorted(_sorted_finite(values), bins, range)


def dead_fraction(activations) -> float:
    """Fraction of ReLU units that output zero for every sample of the batch.

    activations : (n, units) for dense layers or (n, channels, h, w) for
    convolutions, where a unit is one feature map (a filter whose output is
    zero everywhere, for every sample, is dead). A unit counts as dead when
    its output is never positive, which for ReLU means exactly zero.
    """
    a = np.asarray(activations)
    if a.ndim < 2 or a.shape[0] == 0:
        return float("nan")
    per_unit = a.max(axis=0) if a.ndim == 2 else a.max(axis=(0,) + tuple(range(2, a.ndim)))
    return float(np.mean(per_unit <= 0))


def mean_abs_grad_per_weight(grads) -> float:
    """Mean of |g| over every entry of a gradient array (any shape)."""
    g = np.asarray(grads)
    return float(np.mean(np.abs(g), dtype=np.float64)) if g.size else float("nan")


def _subsample(a: np.ndarray, limit: int = MAX_VALUES) -> np.ndarray:
    """Every k-th sample (first axis) so that at most ``limit`` values remain."""
    if a.size <= limit or a.ndim == 0 or a.shape[0] < 2:
        return a
    per_sample = a.size // a.shape[0]
    step = -(-a.shape[0] * per_sample // limit)
    return a[::step]


def _summary(values: np.ndarray, bins: int) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    s = _sorted_finite(values)
    return _percentiles_sorted(s, TB_PERCENTILES), _histogram_sorted(s, bins)


def layer_stats(net: Network, x: np.ndarray, y: np.ndarray, bins: int = HIST_BINS) -> dict:
    """Statistics of every layer with weights, on the probe batch ``(x, y)``.

    x : (n, *input_shape) float; y : (n,) int labels. Runs one forward pass in
    evaluation mode (dropout off, BatchNorm on its running statistics) and one
    backward pass. It never changes parameters or buffers, so the training
    worker may call it on the live network *between* two steps; but it
    overwrites the network's cached activations and ``net.flat_grads`` (the
    next training step recomputes both). The gradients include the weight
    decay term, as the optimizer sees them.

    Returns ``{"loss": float, "n_samples": int, "seconds": float, "layers":
    [...]}`` (``seconds``: the time this call took, so a caller can pace its
    requests) with one dict per layer that has weights (dense, conv2d,
    maxout), in order::

        {"name": "layer 0 (dense)", "index": 0, "kind": "dense",
         "activation": "relu" or None,
         "weights" / "activations" / "gradients": percentiles, (9,) float64
                 (at :data:`TB_PERCENTILES`),
         "weight_hist" / "act_hist" / "grad_hist": (counts, edges), ``bins``
                 bins spanning min..max,
         "dead_fraction": float (ReLU family only, else None),
         "mean_abs_grad": float}

    "activations" are the layer's outputs (after its activation function);
    arrays of more than :data:`MAX_VALUES` values are evenly subsampled along
    the batch axis for their percentiles and histogram.
    """
    t0 = time.perf_counter()
    record: list[np.ndarray] = []
    scores = net.forward(x, training=False, record=record)
    net.scores = scores
    loss = net.loss_fn.forward(scores, np.asarray(y))
    net.backward()
    layers = []
    for i, (layer, out) in enumerate(zip(net.layers, record, strict=True)):
        if "W" not in layer.params:
            continue
        w, g = layer.params["W"], layer.grads["W"]
        act_name = layer.activation_name
        act_name = None if act_name == "identity" else act_name
        entry = {"name": f"layer {i} ({layer.kind})", "index": i, "kind": layer.kind,
                 "activation": act_name}
        entry["weights"], entry["weight_hist"] = _summary(w, bins)
        entry["activations"], entry["act_hist"] = _summary(_subsample(out), bins)
        entry["gradients"], entry["grad_hist"] = _summary(g, bins)
        entry["dead_fraction"] = dead_fraction(out) if act_name in RELU_FAMILY else None
        entry["mean_abs_grad"] = mean_abs_grad_per_weight(g)
        layers.append(entry)
    return {"loss": float(loss), "n_samples": int(len(y)), "layers": layers,
            "seconds": time.perf_counter() - t0}


# -- evaluation --------------------------------------------------------------------------
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


# -- the weight-initialisation experiment (the book's ch06) -----------------------------
def init_experiment(init: str, activation: str, sigma: float = 0.01, n_layers: int = 5,
                    units: int = 100, n_samples: int = 1000,
                    rng: np.random.Generator | None = None) -> list[np.ndarray]:
    """The book's ``weight_init_activation_histogram``: activations per layer.

    ``n_samples`` standard-normal inputs with ``units`` features go through
    ``n_layers`` bias-free layers of ``units`` units, a = f(x·W), with W drawn
    from N(0, s²): s = ``sigma`` for ``init="normal"``, sqrt(1/n) for
    ``"xavier"``, sqrt(2/n) for ``"he"`` (n = units). Returns one float64
    array (n_samples, units) per layer.
    """
    rng = np.random.default_rng() if rng is None else rng
    f = act_mod.get(activation).f
    std = initializers.std_for(init, units, sigma)
    a = rng.standard_normal((n_samples, units))
    out = []
    for _ in range(n_layers):
        w = rng.standard_normal((units, units)) * std
        a = f(a @ w)
        out.append(a)
    return out


def _nice_ceil(x: float) -> float:
    """The smallest "round" number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at least ``x`` > 0."""
    mag = 10.0 ** np.floor(np.log10(x))
    return float(next(m for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * mag >= x * (1 - 1e-9)) * mag)


def experiment_range(activation: str, acts: list[np.ndarray] | None = None) -> tuple[float, float]:
    """The x range of the experiment's histograms.

    sigmoid: (0, 1) and tanh: (−1, 1), as in the book. Unbounded activations
    get (0, top), top the largest per-layer 99.5th percentile of the positive
    activations rounded up to a round number, so that layers whose
    activations grow or shrink stay visible on the shared axis.
    """
    if activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    return _range_of_sorted([_sorted_finite(a[a > 0]) for a in acts or []])


def _range_of_sorted(positive_sorted: list[np.ndarray]) -> tuple[float, float]:
    tops = [_percentiles_sorted(s, [99.5])[0] for s in positive_sorted if s.size]
    top = max(tops, default=1.0)
    return (0.0, _nice_ceil(top)) if np.isfinite(top) and top > 0 else (0.0, 1.0)


def experiment_histograms(acts: list[np.ndarray], activation: str, bins: int = HIST_BINS) -> dict:
    """Histograms of the experiment's activations, one per layer, on a shared range.

    For the ReLU family exact zeros (inactive units) are left out of the
    histograms and reported as ``zero_fraction`` instead, as they would
    otherwise dwarf every other bar. Returns ``{"counts": list of (bins,)
    int64, "edges": (bins + 1,), "range": (lo, hi), "zero_fraction": list,
    "outside_fraction": list}`` (share of the shown values outside the range).
    """
    relu = activation in RELU_FAMILY
    if activation in ("sigmoid", "tanh"):     # fixed range: np.histogram needs no sorting
        lo, hi = experiment_range(activation)
        shown = [a[np.isfinite(a)] for a in acts]
        hists = [np.histogram(s, bins, range=(lo, hi))[0] for s in shown]
    else:
        shown = [_sorted_finite(a[a != 0] if relu else a) for a in acts]
        lo, hi = _range_of_sorted([s[np.searchsorted(s, 0.0, side="right"):] for s in shown])
        hists = [_histogram_sorted(s, bins, (lo, hi))[0] for s in shown]
    out = {"range": (lo, hi), "counts": hists, "zero_fraction": [], "outside_fraction": []}
    for a, s, counts in zip(acts, shown, hists, strict=True):
        out["zero_fraction"].append(1.0 - s.size / a.size if relu else 0.0)
        out["outside_fraction"].append(1.0 - counts.sum() / max(s.size, 1))
    out["edges"] = np.histogram_bin_edges(np.zeros(0), bins, range=(lo, hi))
    return out


def saturation(acts: np.ndarray, activation: str) -> dict:
    """How one layer's activations sit, for the experiment's explanation line.

    ``ends``: share within 0.05 of the output limits (sigmoid 0/1, tanh ±1);
    ``centre``: share within 0.05 of the midpoint (sigmoid 0.5, tanh 0);
    ``std``: standard deviation.
    """
    a = np.asarray(acts)
    std = float(a.std())
    if activation == "sigmoid":
        return {"ends": float(np.mean((a < 0.05) | (a > 0.95))),
                "centre": float(np.mean(np.abs(a - 0.5) < 0.05)), "std": std}
    if activation == "tanh":
        return {"ends": float(np.mean(np.abs(a) > 0.95)),
                "centre": float(np.mean(np.abs(a) < 0.05)), "std": std}
    return {"ends": 0.0, "centre": float(np.mean(a == 0)), "std": std}
