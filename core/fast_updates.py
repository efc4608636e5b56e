"""Some optimizers' update rules in fewer passes over memory (the fast path of ``optimizers``).

``core.optimizers`` writes each rule as the book does, one NumPy operation per
line. Over a whole parameter buffer every line is a pass over memory, and
several lines are ``y ← y + a·x`` or ``y ← b·y + a·x``, which NumPy does in two
passes and BLAS's ``axpby`` in one (``core.blas``). Here are the same rules
with those lines merged, for contiguous float32/float64 pieces of the flat
buffers (``Optimizer._in_pieces`` uses them when BLAS is there). They are the
same arithmetic rearranged, e.g. Adam's m + (1 − β₁)(g − m) as β₁·m + (1 − β₁)·g,
so results agree with the book's lines up to float rounding; a test compares them.

Each function takes pieces of one length and dtype — the parameters ``p``, the
gradient ``g``, the optimizer's state and a scratch piece ``tmp`` — then ``at``,
the addresses of those pieces in the same order (``blas.address``), and the
rule's numbers.
"""
from __future__ import annotations

import numpy as np

from . import blas


def available(*arrays: np.ndarray) -> bool:
    """Whether these arrays (of one dtype, all contiguous) can take the fast rules."""
    dtype = arrays[0].dtype
    return (blas.routine(dtype) is not None
            and all(a.dtype == dtype and a.flags.c_contiguous for a in arrays))


def sgd(p, g, tmp, at, lr):
    """p ← p − lr·g"""
    blas.routine(p.dtype)(p.size, -lr, at[1], 1, 1.0, at[0], 1)


def momentum(p, g, v, tmp, at, lr, alpha):
    """v ← α·v − lr·g;  p ← p + v"""
    axpby, n = blas.routine(p.dtype), p.size
    axpby(n, -lr, at[1], 1, alpha, at[2], 1)
    axpby(n, 1.0, at[2], 1, 1.0, at[0], 1)


def adam(p, g, m, v, tmp, at, beta1, beta2, lr_t):
    """m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;  p ← p − lr_t·m / (√v + 1e-7)"""
    axpby, n = blas.routine(p.dtype), p.size
    axpby(n, 1.0 - beta1, at[1], 1, beta1, at[2], 1)
    np.multiply(g, g, out=tmp)
    axpby(n, 1.0 - beta2, at[4], 1, beta2, at[3], 1)
    np.sqrt(v, out=tmp)
    tmp += 1e-7
    np.divide(m, tmp, out=tmp)
    axpby(n, -lr_t, at[4], 1, 1.0, at[0], 1)
