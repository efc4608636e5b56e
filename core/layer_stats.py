"""Statistics of a network's layers: the numbers of the distributions panel.

:func:`layer_stats` computes, per layer, percentiles and histograms of the weights, the
layer's output (activations) and the weight gradients on a probe batch, plus the fraction of
dead ReLU units and the mean absolute gradient per weight. It runs during training, so it
sorts each array once and derives both the percentiles and the histogram from the sorted copy
(:func:`sorted_finite`, :func:`percentiles_of_sorted`, :func:`histogram_of_sorted`, also used by
``core.init_experiment``). Every number equals a direct NumPy computation
(``np.percentile``, ``np.histogram``), which the tests check.
"""
from __future__ import annotations

import time

import numpy as np

from .activations import is_relu_like
from .network import Network

# TensorBoard's distribution percentiles (its basis points 0, 668, 1587, 3085,
# 5000, …): the median and the points ±0.5σ, ±1σ, ±1.5σ of a normal
# distribution, plus the minimum and the maximum.
TB_PERCENTILES = (0.0, 6.68, 15.87, 30.85, 50.0, 69.15, 84.13, 93.32, 100.0)
HIST_BINS = 30
# larger arrays are subsampled (evenly, along the first axis) for percentiles
# and histograms, keeping layer_stats cheap for convolution outputs
MAX_VALUES = 200_000


# -- distributions -----------------------------------------------------------------------
def sorted_finite(values) -> np.ndarray:
    """A sorted 1-D float copy of ``values`` (any shape) without NaN / ±inf."""
    a = np.asarray(values)
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    s = np.sort(a, axis=None)
    # NaN and +inf sort to the end, -inf to the front: two checks find them all
    if s.size and not (np.isfinite(s[0]) and np.isfinite(s[-1])):
        s = s[np.isfinite(s)]
    return s


def percentiles_of_sorted(s: np.ndarray, qs) -> np.ndarray:
    """np.percentile's default ("linear") method on an already sorted array."""
    qs = np.asarray(qs, dtype=np.float64)
    if s.size == 0:
        return np.full(qs.shape, np.nan)
    h = (s.size - 1) * qs / 100.0
    lo = np.floor(h).astype(np.int64)
    hi = np.minimum(lo + 1, s.size - 1)
    a, b = s[lo].astype(np.float64), s[hi].astype(np.float64)
    return a + (b - a) * (h - lo)


def histogram_of_sorted(s: np.ndarray, bins: int, range=None) -> tuple[np.ndarray, np.ndarray]:
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
    return percentiles_of_sorted(sorted_finite(values), qs)


def histogram(values, bins: int = HIST_BINS, range=None) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, edges)`` exactly as ``np.histogram(values, bins, range)``.

    values : any shape, non-finite entries ignored; counts : int64 (bins,);
    edges : (bins + 1,). Empty input gives zero counts on [0, 1].
    """
    return histogram_of_sorted(sorted_finite(values), bins, range)


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
    s = sorted_finite(values)
    return percentiles_of_sorted(s, TB_PERCENTILES), histogram_of_sorted(s, bins)


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
        entry["dead_fraction"] = dead_fraction(out) if is_relu_like(act_name) else None
        entry["mean_abs_grad"] = mean_abs_grad_per_weight(g)
        layers.append(entry)
    return {"loss": float(loss), "n_samples": int(len(y)), "layers": layers,
            "seconds": time.perf_counter() - t0}
