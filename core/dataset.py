"""The classification data set container shared by every loader (MNIST, IDX folders, toy sets).

``core.data`` re-exports it; it lives on its own so that the toy sets (``core.toy_data``) and the
file loaders (``core.data``) can both build one without importing each other.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Dataset:
    """A classification data set: raw read-only train/test arrays plus metadata.

    Raw storage is uint8 ``(n, h, w)`` for images and float32 ``(n, 2)`` for toy
    sets; labels are int64 ``(n,)``. Use :meth:`gather` to get network inputs.
    """

    name: str  # "mnist", a toy set name, or the IDX folder name
    x_train: np.ndarray  # raw samples (n_train, ...)
    y_train: np.ndarray  # int64 (n_train,), values in 0 .. n_classes - 1
    x_test: np.ndarray  # raw samples (n_test, ...)
    y_test: np.ndarray  # int64 (n_test,)
    input_shape: tuple[int, ...]  # per sample as the network sees it: (1, 28, 28), (2,)
    n_classes: int
    scale: float  # raw value * scale = network input (1/255 for uint8 images)
    class_names: tuple[str, ...]  # one readable name per class

    @property
    def is_image(self) -> bool:
        """True for image data (``input_shape`` is ``(channels, h, w)``)."""
        return len(self.input_shape) == 3

    def as_float(self, x_raw: np.ndarray) -> np.ndarray:
        """Convert raw samples ``(n, ...)`` to scaled float32 ``(n, *input_shape)``."""
        x_raw = np.asarray(x_raw)
        x = x_raw.astype(np.float32)  # always a fresh, writeable copy
        if self.scale != 1.0:
            x *= np.float32(self.scale)
        try:
            return x.reshape((x_raw.shape[0], *self.input_shape))
        except (ValueError, IndexError):
            raise ValueError(f"{self.name}: cannot shape raw data {x_raw.shape} "
                             f"as samples of shape {self.input_shape}") from None

    def gather(self, split: str, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the samples ``idx`` of ``split`` (``"train"`` or ``"test"``).

        Returns
        -------
        x : np.ndarray
            float32 ``(len(idx), *input_shape)``, scaled.
        y : np.ndarray
            int64 ``(len(idx),)`` labels.
        """
        if split not in ("train", "test"):
            raise ValueError(f"unknown split {split!r}, expected 'train' or 'test'")
        x_raw, y = (self.x_train, self.y_train) if split == "train" else (self.x_test, self.y_test)
        idx = np.asarray(idx, dtype=np.int64)
        return self.as_float(x_raw[idx]), y[idx]
