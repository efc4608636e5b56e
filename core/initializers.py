"""Weight initialisation: normal(σ), Xavier (Glorot) and He.

The scale depends on ``fan_in``, the number of inputs of one neuron: n_in for
a dense layer, channels × kh × kw for a convolution.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import is_relu_like
from .translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Initializer:
    name: str
    label: str          # display name (translatable, context "initializers")
    formula: str        # the standard deviation of the weights
    help: str           # translatable, context "initializers"


# The registry: the spec's check, the editor and the tests enumerate it.
INITIALIZERS: dict[str, Initializer] = {i.name: i for i in (
    Initializer("he", QT_TRANSLATE_NOOP("initializers", "He"), "σ = √(2 / n_in)",
                QT_TRANSLATE_NOOP("initializers", "For ReLU: ReLU zeroes about half its inputs, so "
                                  "twice Xavier's variance keeps the signal's size from layer to layer.")),
    Initializer("xavier", QT_TRANSLATE_NOOP("initializers", "Xavier"), "σ = √(1 / n_in)",
                QT_TRANSLATE_NOOP("initializers", "For sigmoid and tanh, which are nearly linear "
                                  "around 0: the signal keeps its size from layer to layer.")),
    Initializer("normal", QT_TRANSLATE_NOOP("initializers", "normal (σ)"), "σ fixed",
                QT_TRANSLATE_NOOP("initializers", "A fixed σ. The book's 0.01 is too small for deep "
                                  "networks: activations shrink layer by layer.")),
)}


def default_for(activation: str | None) -> str:
    """He for ReLU-like activations, Xavier for sigmoid/tanh/identity."""
    return "he" if is_relu_like(activation) else "xavier"


def std_for(init: str, fan_in: int, sigma: float = 0.01) -> float:
    """Standard deviation of the initial weights.

    he: sqrt(2 / fan_in); xavier: sqrt(1 / fan_in) (the book's form);
    normal: the given sigma.
    """
    if init == "he":
        return float(np.sqrt(2.0 / fan_in))
    if init == "xavier":
        return float(np.sqrt(1.0 / fan_in))
    if init == "normal":
        return float(sigma)
    raise ValueError(f"unknown initializer {init!r}; choose one of {', '.join(INITIALIZERS)}")


def fill(out: np.ndarray, init: str, fan_in: int, rng: np.random.Generator,
         sigma: float = 0.01) -> None:
    """Fill ``out`` in place with Gaussian weights of the chosen scale."""
    std = std_for(init, fan_in, sigma)
    out[...] = rng.standard_normal(out.shape, dtype=np.float64) * std
