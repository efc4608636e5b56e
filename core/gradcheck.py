"""Gradient check (梯度确认): numerical vs backprop gradients per parameter.

The numerical gradient is the central difference (L(p + h) − L(p − h)) / 2h,
one entry at a time. Run it on a float64 network: float32 rounding alone
gives relative errors around 1e-3.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network


@dataclass
class GradCheckRow:
    name: str
    shape: tuple[int, ...]
    checked: int          # how many entries were compared
    max_rel_error: float
    max_abs_error: float

    @property
    def ok(self) -> bool:
        return self.max_rel_error < 1e-6


def relative_error(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a − b| / max(|a| + |b|, 1e-12), element-wise."""
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)


def numerical_gradient(f, p: np.ndarray, idx, h: float = 1e-5) -> np.ndarray:
    """Central differences of the scalar function ``f()`` w.r.t. ``p.flat[idx]``."""
    out = np.zeros(len(idx))
    flat = p.reshape(-1)
    for j, i in enumerate(idx):
        old = flat[i]
        flat[i] = old + h
        up = f()
        flat[i] = old - h
        down = f()
        flat[i] = old
        out[j] = (up - down) / (2 * h)
    return out


def check_network(net: Network, x: np.ndarray, y: np.ndarray, max_entries: int = 50,
                  rng: np.random.Generator | None = None, h: float = 1e-5) -> list[GradCheckRow]:
    """Compare backprop with central differences for every parameter of ``net``.

    The loss is evaluated in training mode (dropout masks should be fixed via
    ``Dropout.fixed_mask`` and BatchNorm uses batch statistics). Up to
    ``max_entries`` entries per parameter are sampled.
    """
    rng = rng if rng is not None else np.random.default_rng(0)
    net.loss(x, y, training=True)
    analytic = {k: g.copy() for k, g in net.backward().items()}
    rows = []
    for name, p in net.parameters().items():
        n = p.size
        idx = np.arange(n) if n <= max_entries else rng.choice(n, max_entries, replace=False)
        num = numerical_gradient(lambda: net.loss(x, y, training=True), p, idx, h)
        ana = analytic[name].reshape(-1)[idx]
        rel = relative_error(num, ana)
        rows.append(GradCheckRow(name, p.shape, len(idx), float(rel.max(initial=0.0)),
                                 float(np.abs(num - ana).max(initial=0.0))))
    return rows
