"""The two ways our learners' notes write shapes, and the conversion between them.

- "Deep Learning from Scratch" puts samples in rows — the app's own layout: X (m, n),
  W (n_in, n_out), Z = X·W + b (m, n_out), and the loss's gradient is (P − T)/m.
- Andrew Ng's course puts samples in columns: A[l−1] (n[l−1], m), W[l] (n[l], n[l−1]),
  b[l] (n[l], 1), Z[l] = W[l]A[l−1] + b[l] (n[l], m); layers count from 1, and the 1/m
  comes only in dW[l] = (1/m) dZ[l]A[l−1]ᵀ and db[l], so his dZ and dA are m times ours.
  For convolutions his course writes (m, n_H, n_W, n_C) and W (f, f, n_C_prev, n_C).

``NOTATIONS`` is the registry (display names are translatable, context "notation").
Everything here turns the app's row-major shapes and arrays into a notation's; the
numbers themselves are the same (apart from that factor m on dZ and dA).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Notation:
    key: str
    label: str             # translatable, context "notation"
    help: str              # translatable, context "notation"
    samples_in_columns: bool
    first_layer: int       # how the notes number the first layer


BOOK = Notation("book", QT_TRANSLATE_NOOP("notation", "Deep Learning from Scratch (rows = samples)"),
                QT_TRANSLATE_NOOP("notation", "Samples are rows: X is (m, n), W is (n_in, n_out), "
                                  "Z = X·W + b. This is how the app computes."),
                False, 0)
NG = Notation("ng", QT_TRANSLATE_NOOP("notation", "Andrew Ng (columns = samples)"),
              QT_TRANSLATE_NOOP("notation", "Samples are columns: A[l−1] is (n[l−1], m), W[l] is "
                                "(n[l], n[l−1]), Z[l] = W[l]A[l−1] + b[l]. Layers count from 1; "
                                "dZ and dA carry no 1/m (it comes in dW and db)."),
              True, 1)

NOTATIONS: dict[str, Notation] = {n.key: n for n in (BOOK, NG)}
DEFAULT = BOOK.key


def get(key: str) -> Notation:
    """The notation of ``key``; an unknown key (an old setting) gives the default."""
    return NOTATIONS.get(key, NOTATIONS[DEFAULT])


def batch_shape(key: str, shape) -> tuple[int, ...] | None:
    """A batch's shape (m, *per_sample) in the notation: Ng's (n, m) for vectors and
    (m, H, W, C) for images."""
    if shape is None:
        return None
    shape = tuple(int(s) for s in shape)
    if not get(key).samples_in_columns or len(shape) < 2:
        return shape
    m, rest = shape[0], shape[1:]
    if len(rest) == 1:
        return (rest[0], m)
    if len(rest) == 3:
        c, h, w = rest
        return (m, h, w, c)
    return shape


def param_shape(key: str, shape, images: bool = False) -> tuple[int, ...] | None:
    """A parameter's shape in the notation: Ng's W (n_out, n_in) or (f, f, C_prev, C),
    b (n, 1), or (1, 1, 1, C) beside images."""
    if shape is None:
        return None
    shape = tuple(int(s) for s in shape)
    if not get(key).samples_in_columns:
        return shape
    if len(shape) == 2:
        return shape[::-1]
    if len(shape) == 4:
        f, c, kh, kw = shape
        return (kh, kw, c, f)
    if len(shape) == 1:
        return (1, 1, 1, shape[0]) if images else (shape[0], 1)
    return shape


def batch_array(key: str, a: np.ndarray, gradient: bool = False) -> np.ndarray:
    """A batch array (m, …) as the notation writes it. ``gradient``: a dZ or dA, which
    Ng's formulas keep without the 1/m (so it is m times the app's)."""
    a = np.asarray(a)
    if not get(key).samples_in_columns or a.ndim < 2:
        return a
    out = a.T if a.ndim == 2 else a.transpose(0, 2, 3, 1) if a.ndim == 4 else a
    return out * a.shape[0] if gradient else out


def param_array(key: str, a: np.ndarray, images: bool = False) -> np.ndarray:
    a = np.asarray(a)
    if not get(key).samples_in_columns:
        return a
    if a.ndim == 2:
        return a.T
    if a.ndim == 4:
        return a.transpose(2, 3, 1, 0)
    if a.ndim == 1:
        return a.reshape((1, 1, 1, -1) if images else (-1, 1))
    return a


def layer_number(key: str, index: int) -> int:
    """The app's layer ``index`` (0, 1, …) as the notes count it (Ng: 1, 2, …)."""
    return index + get(key).first_layer


def dimension_rows(key: str, rows: list[dict]) -> list[dict]:
    """``core.spec.dimension_table`` rows with every shape in the notation and ``number``
    the layer as the notes count it."""
    out = []
    for row in rows:
        images = len(row["Z"]) == 4
        new = dict(row, number=layer_number(key, row["index"]))
        for k in ("X", "Z", "A"):
            new[k] = batch_shape(key, row[k])
        if get(key).samples_in_columns and row["W"] is not None and len(row["W"]) == 2:
            # a dense layer reads its input as one vector per sample: A[l−1] is (n[l−1], m)
            new["X"] = batch_shape(key, (row["X"][0], int(np.prod(row["X"][1:]))))
        for k in ("W", "b", "dW", "db"):
            new[k] = param_shape(key, row[k], images)
        out.append(new)
    return out
