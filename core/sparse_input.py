"""The first dense layer's two products over the input columns that are not all zero.

An MNIST digit fills the middle of its 28 × 28 frame: in a batch of 128 images
only about 530 of the 784 pixels are nonzero in any of them (about 590 in a batch
of 512). The first layer computes z = x·W and ∂L/∂W = xᵀ·dz, and

    z = Σₖ x[:, k] W[k]          (sum over the input columns k)
    ∂L/∂W[k] = x[:, k]ᵀ · dz

so a column k that is zero in every sample adds nothing to z and has a gradient row
of exactly 0. With K the batch's nonzero columns, z = x[:, K]·W[K] and
∂L/∂W[K] = x[:, K]ᵀ·dz, the other rows 0: the same sums without their zero terms,
about a third less arithmetic for MNIST. The price is copying x[:, K] and W[K]
out (and the gradient rows back), so it is chosen per batch, only when the
arithmetic saved outweighs the copying (``nonzero_columns``); otherwise the layer
takes the plain dense path (and does not look again for a while: ``ColumnScan``).
Only a layer that reads the network's input (one that needs no ∂L/∂x) does this
test: hidden activations are rarely zero in a whole column.

The results are those of the dense path: equal bit for bit where the sums are
exact (a test uses small integers), otherwise equal up to float rounding, as BLAS
adds the terms in a different grouping. One difference by construction: an
infinite or NaN weight in a row whose input column is zero gives 0·∞ = NaN in
the dense product and is skipped here (the trainer's scan of the weights still
finds it).
"""
from __future__ import annotations

import numpy as np

from . import threads

# What copying one value costs, in the products' currency (floating-point operations), fitted
# to whole training steps with NumPy's OpenBLAS on an AVX-512 core: a value of x[:, K] (gathered
# from a fresh batch, so from memory) ~150 flops, a row value of W[K] and of the gradient ~50.
# With them the MNIST presets take the sparse path where it was measured to pay: 784-256-…
# at batch 128 and 512 (4–7 % a step at one thread), not the 784-100 and 784-50 ones (±1 %).
GATHER_FLOPS = 150
ROW_FLOPS = 50
MIN_COLUMNS = 128      # narrower inputs (the 2-D toy sets, …): not worth a test per batch
MIN_UNITS = 32         # with fewer units the products are too cheap for the copies to pay
# After a batch for which the dense path was the cheaper, a layer takes it for this many batches
# (of the same size) in all without looking: the scan reads the whole batch, about 5 % of a
# 784-50-10 network's step at batch 512, and MNIST batches hardly differ in their zero columns.
RESCAN_EVERY = 32


def nonzero_columns(x: np.ndarray, units: int) -> np.ndarray | None:
    """The indices of the columns of ``x`` (n, m) with a value other than +0 (NaN included),
    when skipping the others saves more arithmetic in a layer of ``units`` outputs than the
    copies cost; else None."""
    n, m = x.shape
    if m < MIN_COLUMNS or units < MIN_UNITS or n == 0 or x.dtype.itemsize not in _BITS:
        return None
    # an OR of the bit patterns down each column: nonzero unless every value is +0.0
    used = np.bitwise_or.reduce(x.view(_BITS[x.dtype.itemsize]), axis=0) != 0
    k = int(np.count_nonzero(used))
    # the two products' flops over the zero columns, shared by the threads (the copies are not)
    saved = 4 * n * (m - k) * units / threads.get_threads()
    if saved <= GATHER_FLOPS * n * k + ROW_FLOPS * m * units:
        return None
    return np.flatnonzero(used)


_BITS = {4: np.int32, 8: np.int64}


class ColumnScan:
    """A layer's ``nonzero_columns``, skipped for the ``RESCAN_EVERY - 1`` batches after one
    that took the dense path, unless the batch size changes. Where the sparse path is taken,
    every batch is scanned (its columns are needed)."""

    def __init__(self):
        self._skip = 0
        self._n = -1

    def columns(self, x: np.ndarray, units: int) -> np.ndarray | None:
        if self._skip and len(x) == self._n:
            self._skip -= 1
            return None
        cols = nonzero_columns(x, units)
        self._n = len(x)
        self._skip = RESCAN_EVERY - 1 if cols is None else 0
        return cols


def product(x: np.ndarray, w: np.ndarray, cols: np.ndarray, w_rows: np.ndarray,
            out: np.ndarray) -> np.ndarray:
    """``out`` = x·W from the columns ``cols`` of ``x`` and rows of ``w`` alone.

    ``w_rows`` is a work array of ``w``'s shape and dtype. Returns x[:, cols] (a new
    array), which :func:`weight_gradient` takes in the backward pass."""
    xc = x[:, cols]
    # mode="clip": with the default "raise" NumPy copies through a buffer (~3× slower); the
    # indices come from nonzero_columns, so none is out of range
    wc = np.take(w, cols, axis=0, out=w_rows[:len(cols)], mode="clip")
    threads.matmul(xc, wc, out=out)
    return xc


def weight_gradient(xc: np.ndarray, dz: np.ndarray, cols: np.ndarray, dw: np.ndarray,
                    dw_rows: np.ndarray) -> None:
    """``dw`` = xᵀ·dz, given ``xc`` = x[:, cols] from :func:`product`: the rows ``cols``
    from the product, the others 0. ``dw_rows`` is a work array with one row more than ``dw``.

    The product's k rows go into ``dw_rows``, a zero row after them, and one ``take`` then
    writes every row of ``dw`` from there, row r from its place in ``cols`` or from the
    zero row (a third faster than zeroing the other rows and scattering these)."""
    k = len(cols)
    threads.matmul(xc.T, dz, out=dw_rows[:k])
    dw_rows[k] = 0
    source = np.full(len(dw), k)
    source[cols] = np.arange(k)
    np.take(dw_rows, source, axis=0, out=dw, mode="clip")     # every index is in range
