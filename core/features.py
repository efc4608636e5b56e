"""Input features for 2-D points, as TensorFlow Playground offers them.

A network on the plane sees x₁ and x₂; derived inputs such as x₁² + x₂² let even a network
without a hidden layer draw a circle, which shows what a hidden layer does for us: it *learns*
such features. Each feature is an entry of :data:`FEATURES` (its name, display label and
function); the playground enumerates them.

The points span about [-1, 1]², so the sine features use sin(πx): sin(x) would be almost
linear there (the Playground's plane spans [-6, 6]).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .dataset import Dataset
from .translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Feature:
    name: str
    label: str                                   # a formula: the same in every language
    f: Callable[[np.ndarray, np.ndarray], np.ndarray]
    help: str                                    # translatable, context "features"


FEATURES: dict[str, Feature] = {ft.name: ft for ft in (
    Feature("x1", "x₁", lambda a, b: a,
            QT_TRANSLATE_NOOP("features", "The first coordinate of the point, as it is.")),
    Feature("x2", "x₂", lambda a, b: b,
            QT_TRANSLATE_NOOP("features", "The second coordinate of the point, as it is.")),
    Feature("x1_sq", "x₁²", lambda a, b: a * a,
            QT_TRANSLATE_NOOP("features", "The first coordinate squared: with x₂² a single neuron "
                              "can draw a circle or an ellipse.")),
    Feature("x2_sq", "x₂²", lambda a, b: b * b,
            QT_TRANSLATE_NOOP("features", "The second coordinate squared: with x₁² a single neuron "
                              "can draw a circle or an ellipse.")),
    Feature("x1x2", "x₁x₂", lambda a, b: a * b,
            QT_TRANSLATE_NOOP("features", "The product of the coordinates: positive in two opposite "
                              "quadrants, so it alone separates the XOR set.")),
    Feature("sin_x1", "sin(πx₁)", lambda a, b: np.sin(np.pi * a),
            QT_TRANSLATE_NOOP("features", "A wave along x₁ (one period across the plane).")),
    Feature("sin_x2", "sin(πx₂)", lambda a, b: np.sin(np.pi * b),
            QT_TRANSLATE_NOOP("features", "A wave along x₂ (one period across the plane).")),
)}
PLAIN = ("x1", "x2")


def check(names: Sequence[str]) -> tuple[str, ...]:
    """``names`` as a tuple in registry order; ValueError for an unknown, repeated or empty choice."""
    names = tuple(names)
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        raise ValueError(f"unknown input feature(s) {', '.join(map(repr, unknown))}; "
                         f"choose from {', '.join(FEATURES)}")
    if len(set(names)) != len(names):
        raise ValueError(f"an input feature is chosen twice: {', '.join(names)}")
    if not names:
        raise ValueError("choose at least one input feature")
    return tuple(n for n in FEATURES if n in names)


def transform(x: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Points ``x`` float ``(n, 2)`` -> float32 ``(n, len(names))``, one column per feature."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"input features need points of shape (n, 2), got {x.shape}")
    cols = [FEATURES[n].f(x[:, 0], x[:, 1]) for n in check(names)]
    return np.column_stack(cols).astype(np.float32)


def with_features(dataset: Dataset, names: Sequence[str]) -> Dataset:
    """A copy of a 2-D point set whose samples are the chosen features (``input_shape (k,)``)."""
    if dataset.input_shape != (2,):
        raise ValueError(f"{dataset.name}: input features need 2-D points, "
                         f"not samples of shape {dataset.input_shape}")
    names = check(names)
    x_train = transform(dataset.as_float(dataset.x_train), names)
    x_test = transform(dataset.as_float(dataset.x_test), names)
    for a in (x_train, x_test):
        a.flags.writeable = False
    return Dataset(dataset.name, x_train, dataset.y_train, x_test, dataset.y_test, (len(names),),
                   dataset.n_classes, 1.0, dataset.class_names)
