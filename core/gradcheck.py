"""Gradient check (梯度确认): numerical vs backprop gradients per parameter.

The numerical gradient is the central difference (数值微分)

    ∂L/∂w ≈ (L(w + h) − L(w − h)) / 2h,

one entry at a time. Each parameter's row compares it with backprop's gradient
over the entries checked: the relative error ‖a − n‖ / (‖a‖ + ‖n‖) (Andrew Ng's
formula; a and n the analytic and numerical vectors), the largest element-wise
relative error and the largest absolute difference.

Run it on a float64 network (``float64_network``): float32 rounding alone gives
relative errors around 1e-3. Where the function has a kink within ±h of the point
(a ReLU input or a max that switches between the two evaluations) the central
difference is not a derivative: such entries are counted in ``at_kink`` and left
out of the comparison.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .conv_layers import MaxPool2D
from .layers import Dropout, Maxout
from .network import Network

TOLERANCE = 1e-6         # a row passes below this relative error (float64)
ABS_TOLERANCE = 1e-9     # … or when every difference is this small (gradients that are zero)


@dataclass
class GradCheckRow:
    name: str
    shape: tuple[int, ...]
    checked: int          # how many entries were compared
    max_rel_error: float  # largest |a − n| / (|a| + |n|) of one entry
    max_abs_error: float  # largest |a − n|
    rel_error: float = 0.0   # ‖a − n‖ / (‖a‖ + ‖n‖) over the compared entries
    at_kink: int = 0      # entries left out: a ReLU or a max switched within ±h

    @property
    def ok(self) -> bool:
        """Passed (also when nothing could be compared: nothing contradicts backprop)."""
        return self.rel_error < TOLERANCE or self.max_abs_error < ABS_TOLERANCE

    @property
    def layer(self) -> int:
        return int(self.name.split(".")[0])


def relative_error(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a − b| / max(|a| + |b|, 1e-12), element-wise."""
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)


def norm_relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖); 0 when both are zero."""
    den = float(np.linalg.norm(a) + np.linalg.norm(b))
    return float(np.linalg.norm(a - b)) / den if den > 0 else 0.0


def switches(net: Network) -> list[np.ndarray]:
    """Copies of every piecewise choice the last forward pass made: which ReLU-like inputs
    were positive, which entry of each pooling window or maxout group was the largest."""
    out = []
    for layer in net.layers:
        act = getattr(layer, "act", None)
        if act is not None and act.relu_like and getattr(act, "mask", None) is not None:
            out.append(act.mask.copy())
        if isinstance(layer, MaxPool2D):
            out.append(layer.masks.copy())
        elif isinstance(layer, Maxout):
            out.append(layer.arg.copy())
    return out


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(u, v) for u, v in zip(a, b, strict=True))


def numerical_gradient(f, p: np.ndarray, idx, h: float = 1e-5, kinked=None) -> np.ndarray:
    """Central differences of the scalar function ``f()`` w.r.t. ``p.flat[idx]``.

    With ``kinked`` (a function returning True when the last call of ``f`` crossed a
    kink) the entries where either evaluation did come back as NaN.
    """
    out = np.zeros(len(idx))
    flat = p.reshape(-1)
    for j, i in enumerate(idx):
        old = flat[i]
        flat[i] = old + h
        up = f()
        crossed = kinked is not None and kinked()
        flat[i] = old - h
        down = f()
        crossed = crossed or (kinked is not None and kinked())
        flat[i] = old
        out[j] = np.nan if crossed else (up - down) / (2 * h)
    return out


@contextmanager
def broken_backward(net: Network, layer: int, factor: float):
    """Within the block, layer ``layer``'s backward scales its parameter gradients by
    ``factor``: a deliberately wrong backward for the check to catch."""
    if not 0 <= layer < len(net.layers):
        raise ValueError(f"no layer {layer}: the network has layers 0 to {len(net.layers) - 1}")
    target = net.layers[layer]
    if not target.params:
        raise ValueError(f"layer {layer} ({target.kind}) has no parameters to break")
    right = target.backward

    def wrong(dy):
        out = right(dy)
        for g in target.grads.values():
            g *= factor
        return out
    target.backward = wrong
    try:
        yield
    finally:
        del target.backward


def check_network(net: Network, x: np.ndarray, y: np.ndarray, max_entries: int = 50,
                  rng: np.random.Generator | None = None, h: float = 1e-5,
                  break_layer: int | None = None, factor: float = 0.9) -> list[GradCheckRow]:
    """Compare backprop with central differences for every parameter of ``net``.

    The loss is evaluated in training mode (dropout masks should be fixed via
    ``Dropout.fixed_mask``, see ``fix_dropout_masks``; BatchNorm uses batch statistics).
    Up to ``max_entries`` entries per parameter are sampled. With ``break_layer`` that
    layer's backward is made wrong by ``factor`` (``broken_backward``) for this check.
    """
    rng = rng if rng is not None else np.random.default_rng(0)
    net.loss(x, y, training=True)
    base = switches(net)
    if break_layer is None:
        analytic = {k: g.copy() for k, g in net.backward().items()}
    else:
        with broken_backward(net, break_layer, factor):
            analytic = {k: g.copy() for k, g in net.backward().items()}
    rows = []
    for name, p in net.parameters().items():
        n = p.size
        idx = np.arange(n) if n <= max_entries else rng.choice(n, max_entries, replace=False)
        num = numerical_gradient(lambda: net.loss(x, y, training=True), p, idx, h,
                                 kinked=lambda: not _same(switches(net), base))
        ana = analytic[name].reshape(-1)[idx]
        keep = np.isfinite(num)
        num, ana = num[keep], ana[keep]
        rel = relative_error(num, ana)
        rows.append(GradCheckRow(name, p.shape, len(num), float(rel.max(initial=0.0)),
                                 float(np.abs(num - ana).max(initial=0.0)),
                                 norm_relative_error(ana, num), int((~keep).sum())))
    return rows


def float64_network(spec: dict, params: dict[str, np.ndarray], seed: int = 0) -> Network:
    """A float64 copy of a network from its spec and a snapshot of its parameters."""
    net = Network.from_spec(spec, np.random.default_rng(seed), dtype=np.float64)
    net.load_snapshot(params)
    return net


def fix_dropout_masks(net: Network, n: int, rng: np.random.Generator) -> None:
    """Draw each dropout layer's mask once for a batch of ``n``, so every evaluation of the
    loss drops the same units."""
    for layer in net.layers:
        if isinstance(layer, Dropout):
            layer.fixed_mask = rng.random((n,) + layer.in_shape) >= layer.rate


def failed_layers(rows: list[GradCheckRow]) -> list[int]:
    """The layers with at least one failing row, in order."""
    return sorted({r.layer for r in rows if not r.ok})


def check_snapshot(spec: dict, params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray,
                   max_entries: int = 30, seed: int = 0, h: float = 1e-5,
                   break_layer: int | None = None, factor: float = 0.9) -> list[GradCheckRow]:
    """The check of a network given as spec and parameter snapshot (a float64 copy is
    checked, dropout masks fixed): what the GUI and ``python -m core gradcheck`` run."""
    net = float64_network(spec, params, seed)
    rng = np.random.default_rng(seed)
    fix_dropout_masks(net, len(x), rng)
    return check_network(net, np.asarray(x, dtype=np.float64), np.asarray(y), max_entries, rng, h,
                         break_layer, factor)
