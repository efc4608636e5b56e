"""The book's ch06 experiment (权重的初始值): how the initial weight scale shapes the
activations of a 5-layer network, and the histograms the init-experiment panel draws.
"""
from __future__ import annotations

import numpy as np

from . import activations as act_mod
from . import initializers
from .activations import is_relu_like
from .layer_stats import HIST_BINS, histogram_of_sorted, percentiles_of_sorted, sorted_finite


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
    return _range_of_sorted([sorted_finite(a[a > 0]) for a in acts or []])


def _range_of_sorted(positive_sorted: list[np.ndarray]) -> tuple[float, float]:
    tops = [percentiles_of_sorted(s, [99.5])[0] for s in positive_sorted if s.size]
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
    relu = is_relu_like(activation)
    if activation in ("sigmoid", "tanh"):     # fixed range: np.histogram needs no sorting
        lo, hi = experiment_range(activation)
        shown = [a[np.isfinite(a)] for a in acts]
        hists = [np.histogram(s, bins, range=(lo, hi))[0] for s in shown]
    else:
        shown = [sorted_finite(a[a != 0] if relu else a) for a in acts]
        lo, hi = _range_of_sorted([s[np.searchsorted(s, 0.0, side="right"):] for s in shown])
        hists = [histogram_of_sorted(s, bins, (lo, hi))[0] for s in shown]
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
