"""Weight initialisation: normal(σ), Xavier (Glorot) and He.

The scale depends on ``fan_in``, the number of inputs of one neuron: n_in for
a dense layer, channels × kh × kw for a convolution.
"""
from __future__ import annotations

import numpy as np

INITIALIZERS = ("he", "xavier", "normal")


def default_for(activation: str | None) -> str:
    """He for ReLU-like activations, Xavier for sigmoid/tanh/identity."""
    return "he" if activation in ("relu", "leaky_relu", "elu") else "xavier"


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
