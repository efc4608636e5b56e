"""What a network makes of one drawing: the drawing preprocessed as ``core.digits`` does, the
class probabilities and every layer's output for that one sample. Pure NumPy, no Qt, so the
canvas panel can call it on every frame and a test can call it without a window."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core import digits
from core.activations import softmax
from core.digit_typicality import Typicality
from core.network import Network


@dataclass
class Reading:
    """What a network made of one drawing (pure data, computed without Qt)."""

    stages: digits.Stages
    proba: np.ndarray | None                           # (n_classes,), None for a blank canvas
    layers: list[tuple[int, np.ndarray]]                # (layer index, output for this sample)
    # how the input fits the answer's class, as a percentile of MNIST's test digits of that
    # class (core.digit_typicality); None when not measured (not ten digit classes)
    atypical: float | None = None

    @property
    def answer(self) -> int | None:
        return None if self.proba is None else int(np.argmax(self.proba))


def reads_digits(spec: dict) -> bool:
    """True if a network with this spec takes a 28x28 image (784 values per sample)."""
    return int(np.prod(spec["input_shape"])) == digits.SIZE * digits.SIZE


def read_digit(net: Network | None, canvas: np.ndarray,
               typicality: Typicality | None = None) -> Reading:
    """Preprocess ``canvas`` ``(H, W)`` (ink = 1) and run ``net`` on it, recording every layer;
    with ``typicality``, also measure how unlike the training digits of its answer the input is."""
    stages = digits.preprocess(canvas)
    if net is None or stages.empty:
        return Reading(stages, None, [])
    record: list[np.ndarray] = []
    scores = net.forward(stages.centred[None, None], record=record)
    proba = softmax(scores)[0]
    atypical = None
    if typicality is not None and len(proba) == len(typicality.means):
        atypical = typicality.percentile(stages.centred, int(np.argmax(proba)))
    return Reading(stages, proba, [(i, a[0]) for i, a in enumerate(record)], atypical)

