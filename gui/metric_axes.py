"""Where the loss axis of the Loss and accuracy panel ends: at a round number above the highest
loss (on a log axis, at whole decades), moved only when the curve outgrows it or falls below a
third of it, so the axis is not re-laid-out every frame. No Qt: pure rules, tested alone."""
from __future__ import annotations

import numpy as np

ROUND = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice_ceiling(x: float, steps: tuple = ROUND) -> float:
    """The smallest of ``steps`` × 10^k that is ≥ x (1 for an x that is not > 0 or not finite);
    ``steps`` rise from 1 to 10."""
    if not x > 0 or not np.isfinite(x):
        return 1.0
    k = 10.0 ** np.floor(np.log10(x))
    return float(next(m * k for m in steps if m * k >= x * (1 - 1e-12)))


def loss_axis_range(values: np.ndarray, log: bool,
                    current: tuple[float, float] | None) -> tuple[float, float] | None:
    """The loss axis's new (low, high) for ``values`` (log10 units on a log axis), or None
    to keep ``current``."""
    values = values[np.isfinite(values)]
    if log:
        positive = values[values > 0]
        if not positive.size:
            return None
        lo, hi = np.log10(positive.min()), np.log10(positive.max())
        return float(np.floor(lo)), float(max(np.ceil(hi), np.floor(lo) + 1))
    if not values.size:
        return None
    hi = float(values.max())
    if hi <= 0 or (current is not None and current[1] / 3 < hi <= current[1]):
        return None
    return 0.0, nice_ceiling(1.05 * hi)
