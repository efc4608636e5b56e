"""Nudge one weight: the loss as a function of a single parameter entry, L(w), with
the slope measured two ways — numerically, (L(w + h) − L(w − h)) / 2h (数值微分), and
by backprop, ∂L/∂w (误差反向传播法) — and the 1-D slice of L around the point.

Everything runs on the caller's own float64 copy of the network (see
``gradcheck.float64_network``), in training mode with fixed dropout masks, so the
loss is exactly the function whose gradient backprop computes.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import softmax
from .network import Network


@dataclass
class Nudge:
    name: str                    # parameter, e.g. "0.W"
    index: tuple[int, ...]       # the entry
    value: float                 # w where everything below was measured
    loss: float                  # L(w) on the batch
    probs: np.ndarray            # softmax outputs (m, k) at w
    analytic: float              # ∂L/∂w from backward()
    numerical: float             # (L(w + h) − L(w − h)) / 2h
    h: float
    slice_w: np.ndarray          # (points,) values of w …
    slice_loss: np.ndarray       # … and L there

    @property
    def relative_difference(self) -> float:
        """|numerical − analytic| / (|numerical| + |analytic|); 0 when both are 0."""
        den = abs(self.numerical) + abs(self.analytic)
        return abs(self.numerical - self.analytic) / den if den > 0 else 0.0


def check_index(net: Network, name: str, index) -> tuple[int, ...]:
    """``index`` as a tuple that addresses one entry of parameter ``name`` (ValueError if not)."""
    params = net.parameters()
    if name not in params:
        raise ValueError(f"no parameter {name!r}; the network has {', '.join(params)}")
    shape = params[name].shape
    index = tuple(int(i) for i in np.atleast_1d(index))
    if len(index) != len(shape) or any(not 0 <= i < s for i, s in zip(index, shape, strict=True)):
        raise ValueError(f"{name} has shape {shape}; index {index} is outside it")
    return index


def nudge(net: Network, x: np.ndarray, y: np.ndarray, name: str, index, value: float,
          h: float = 1e-4, centre: float | None = None, span: float = 1.0,
          points: int = 61) -> Nudge:
    """Set ``name[index]`` to ``value`` and measure L, ∂L/∂w and the slope, plus L on
    ``points`` values of w in [centre − span, centre + span] (centre: ``value``).

    The entry is left at ``value`` afterwards.
    """
    index = check_index(net, name, index)
    if not h > 0 or not span > 0:
        raise ValueError(f"h and span must be positive, got {h} and {span}")
    p = net.parameters()[name]

    def loss_at(w: float) -> float:
        p[index] = w
        return net.loss(x, y, training=True)

    centre = value if centre is None else centre
    slice_w = np.linspace(centre - span, centre + span, points)
    slice_loss = np.array([loss_at(w) for w in slice_w])
    up, down = loss_at(value + h), loss_at(value - h)
    loss = loss_at(value)
    probs = softmax(np.array(net.scores, dtype=np.float64))
    analytic = float(net.backward()[name][index])
    return Nudge(name, index, float(value), float(loss), probs, analytic, (up - down) / (2 * h), h,
                 slice_w, slice_loss)
