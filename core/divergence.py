"""Which layer made a run diverge: a watch on the gradient norm of every layer.

With stable numerics a too-large learning rate rarely turns a weight into NaN: the loss grows
astronomically large first. The layer to blame is the one whose gradient blew up. The trainer
asks :class:`GradientWatch` to note each layer's gradient norm on the first step and then only
every few steps (one dot product per layer: a few microseconds). When the run diverges, the
layer named is, in this order: one whose norm grew more than :data:`GRAD_EXPLODED` times its
first value at a check before; one whose gradient of the last update (still in the gradient
buffer: the step that broke the weights) did; the one whose norm grew most on the bad batch.

The opposite also ends a run: with a bounded loss (mean squared error on softmax outputs) a
too-large step saturates the softmax and the ReLUs, every gradient becomes (nearly) zero and
the loss never explodes — the run sits at chance for good. ``vanished`` counts the checks in
a row at which every layer's gradient norm was below :data:`GRAD_VANISHED` times its first
value; the trainer calls that a divergence only if the loss is no better than at the start.
"""
from __future__ import annotations

import math

import numpy as np

GRAD_EXPLODED = 100.0     # a gradient norm this many times its first value has exploded
GRAD_VANISHED = 1e-4      # every gradient norm below this times its first value: vanished


class GradientWatch:
    """Per-layer gradient norms of a network's flat gradient buffer."""

    def __init__(self, net):
        self.net = net
        # the parameters are consecutive views of net.flat_grads, in order: one slice per layer
        spans: dict[int, list[int]] = {}
        offset = 0
        for name, p in net.parameters().items():
            layer = int(name.split(".")[0])
            span = spans.setdefault(layer, [offset, offset])
            offset += p.size
            span[1] = offset
        self.layers = list(spans)
        self._slices = [slice(a, b) for a, b in spans.values()]
        self.base: np.ndarray | None = None           # norms at the first check
        self.first_exploded: tuple[int, float, float] | None = None   # (layer, norm, ratio)
        self.vanished = 0                             # checks in a row with every gradient ~0
        self.last: tuple[float, float] = (math.nan, math.nan)   # (largest norm, its largest ratio)

    def reset(self) -> None:
        """Forget what was seen since the start (after the weights were restored); the
        baseline of the first step stays."""
        self.first_exploded, self.vanished = None, 0

    def norms(self) -> np.ndarray:
        """The gradient norm of every layer with parameters (float64; inf/NaN if not finite)."""
        g = self.net.flat_grads
        with np.errstate(all="ignore"):
            # in the buffer's own dtype (BLAS, no copy); in float64 where float32 over- or underflows
            sq = np.array([float(np.dot(g[s], g[s])) for s in self._slices])
            for i in np.flatnonzero(~(np.isfinite(sq) & (sq > 1e-30))):
                x = g[self._slices[i]].astype(np.float64)
                sq[i] = np.dot(x, x)
            return np.sqrt(sq)

    def check(self) -> None:
        """Note the norms of the gradients just computed (the first call sets the baseline)."""
        if not self._slices:
            return
        n = self.norms()
        if self.base is None:
            self.base = np.where(np.isfinite(n) & (n > 0), n, np.nan)
            return
        ratio = self._ratios(n)
        k = int(np.argmax(ratio))
        if self.first_exploded is None and ratio[k] > GRAD_EXPLODED:
            self.first_exploded = (self.layers[k], float(n[k]), float(ratio[k]))
        known = np.isfinite(self.base)
        gone = known.any() and bool(np.all(ratio[known] < GRAD_VANISHED))
        self.vanished = self.vanished + 1 if gone else 0
        self.last = (float(np.max(n)), float(ratio[k]))

    def _ratios(self, n: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            r = n / self.base
        r[~np.isfinite(n)] = np.inf
        r[np.isnan(r)] = 0.0                          # no baseline for this layer
        return r

    def blame(self, at_least: float = GRAD_EXPLODED) -> tuple[int, float, float] | None:
        """(layer index, gradient norm, growth factor) of the layer to blame: the one that
        exploded at an earlier check, else the one whose gradient now in the buffer grew most,
        if it grew more than ``at_least`` times; None if nothing can be said."""
        if self.first_exploded is not None:
            return self.first_exploded
        if not self._slices or self.base is None:
            return None
        n = self.norms()
        ratio = self._ratios(n)
        top = ratio.max()
        if not top > max(at_least, 0.0):
            return None
        # several non-finite ones: the one nearest the output, where backpropagation begins
        k = max(i for i, r in enumerate(ratio) if r == top)
        return self.layers[k], float(n[k]), float(top)
