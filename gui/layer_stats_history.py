"""The layer statistics of a run, step by step, as the distributions panel draws them:
``core.layer_stats.layer_stats`` results appended to arrays that grow by doubling (cheap, so
a hidden panel records everything)."""
from __future__ import annotations

import numpy as np

KINDS = ("weights", "activations", "gradients")


class LayerStatsHistory:
    """Per-step statistics of every layer in arrays that grow by doubling."""

    def __init__(self, n_layers: int, capacity: int = 256):
        self.n = 0
        self.steps = np.empty(capacity)
        self.pct = np.empty((capacity, len(KINDS), n_layers, 9))
        self.dead = np.empty((capacity, n_layers))
        self.grad = np.empty((capacity, n_layers))

    def append(self, step: int, layers: list[dict]) -> None:
        if self.n and step <= self.steps[self.n - 1]:
            self.n = int(np.searchsorted(self.steps[:self.n], step))   # replace, keep steps sorted
        if self.n == len(self.steps):
            for name in ("steps", "pct", "dead", "grad"):
                old = getattr(self, name)
                new = np.empty((2 * len(old),) + old.shape[1:])
                new[:self.n] = old[:self.n]
                setattr(self, name, new)
        i = self.n
        self.steps[i] = step
        for j, s in enumerate(layers):
            for k, kind in enumerate(KINDS):
                self.pct[i, k, j] = s[kind]
            self.dead[i, j] = np.nan if s["dead_fraction"] is None else s["dead_fraction"]
            self.grad[i, j] = s["mean_abs_grad"]
        self.n += 1
