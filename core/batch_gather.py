"""Training batches gathered into an array kept from batch to batch.

``Dataset.gather`` returns a fresh float32 array for every batch; a trainer
takes thousands of batches of one size, and a fresh array of megabytes (a
512-image MNIST batch is 1.6 MB) is page-faulted in anew each time. A
``BatchGatherer`` converts the raw samples into an array it keeps instead, with
the same values as ``Dataset.gather`` (the same cast to float32, then the same
float32 multiplication by the data set's scale).

The batch it returns is overwritten by the next ``gather``: use it (train on
it) before asking for the next one, or copy it.
"""
from __future__ import annotations

import numpy as np

from .dataset import Dataset


class BatchGatherer:
    """``gather(split, idx)`` as ``Dataset.gather``, into a kept array."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._buffer = np.empty(0, np.float32)     # flat; grows to the largest batch asked for
        self._raw: np.ndarray | None = None        # the raw rows, kept too

    def _rows(self, x_raw: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """``x_raw[idx]``; indices in 0 … len − 1 are copied into a kept array (``take`` with
        ``mode="clip"``: NumPy's default mode copies through a buffer, and a fresh array is
        page-faulted in), any other index the plain way (negative ones count from the end,
        out-of-range ones raise IndexError)."""
        if idx.ndim != 1 or (len(idx) and (idx.min() < 0 or idx.max() >= len(x_raw))):
            return x_raw[idx]
        shape = (len(idx), *x_raw.shape[1:])
        raw = self._raw
        if raw is None or raw.dtype != x_raw.dtype or raw.shape[1:] != shape[1:] or len(raw) < len(idx):
            raw = self._raw = np.empty(shape, x_raw.dtype)
        return np.take(x_raw, idx, axis=0, out=raw[:len(idx)], mode="clip")

    def gather(self, split: str, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """x float32 ``(len(idx), *input_shape)`` (valid until the next call), y int64."""
        ds = self.dataset
        if split not in ("train", "test"):
            raise ValueError(f"unknown split {split!r}, expected 'train' or 'test'")
        x_raw, y = (ds.x_train, ds.y_train) if split == "train" else (ds.x_test, ds.y_test)
        idx = np.asarray(idx, dtype=np.int64)
        rows = self._rows(x_raw, idx)
        if rows.size > self._buffer.size:
            self._buffer = np.empty(rows.size, np.float32)
        x = self._buffer[:rows.size].reshape(rows.shape)
        np.copyto(x, rows, casting="unsafe")        # as rows.astype(np.float32)
        if ds.scale != 1.0:
            x *= np.float32(ds.scale)
        try:
            return x.reshape((len(idx), *ds.input_shape)), y[idx]
        except ValueError:
            return ds.gather(split, idx)            # its message names the shapes
