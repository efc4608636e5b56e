"""What a network makes of one drawing: the drawing preprocessed as ``core.digits`` does, the
class probabilities and every layer's output for that one sample. Pure NumPy, no Qt, so the
canvas panel can call it on every frame and a test can call it without a window."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core import digits
from core.activations import softmax
from core.network import Network


@dataclass
class Reading:
    """What a network made of one drawing (pure data, computed without Qt)."""

    stages: digits.Stages
    proba: np.ndarray | None                           # (n_classes,), None for a blank canvas
    layers: list[tuple[int, np.ndarray]]                # (layer index, output for this sample)


def reads_digits(spec: dict) -> bool:
    """True if a network with this spec takes a 28x28 image (784 values per sample)."""
    return int(np.prod(spec["input_shape"])) == digits.SIZE * digits.SIZE


def read_digit(net: Network | None, canvas: np.ndarray) -> Reading:
    """Preprocess ``canvas`` ``(H, W)`` (ink = 1) and run ``net`` on it, recording every layer."""
    stages = digits.preprocess(canvas)
    if net is None or stages.empty:
        return Reading(stages, None, [])
    record: list[np.ndarray] = []
    scores = net.forward(stages.centred[None, None], record=record)
    return Reading(stages, softmax(scores)[0], [(i, a[0]) for i, a in enumerate(record)])

