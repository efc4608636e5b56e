"""``y ← a·x + b·y`` in one pass, from the OpenBLAS that NumPy ships (``?axpby``).

NumPy needs two passes over memory for it (``x·a`` into a scratch array, then an
in-place add), and an optimizer's update is a few such lines over the whole
parameter buffer, so one pass instead of two is most of what can be saved there.
OpenBLAS runs this routine on the calling thread (it never starts threads of
its own for it), so it can be called from ``threads.split`` parts.

With another BLAS (or none found) ``axpby`` is ``None`` and callers use NumPy.
"""
from __future__ import annotations

import ctypes

import numpy as np

from . import threads

_NAMES = {np.dtype(np.float32): ("scipy_cblas_saxpby64_", "scipy_cblas_saxpby", "cblas_saxpby"),
          np.dtype(np.float64): ("scipy_cblas_daxpby64_", "scipy_cblas_daxpby", "cblas_daxpby")}


def _routine(dtype: np.dtype):
    lib = threads._openblas()
    if lib is None:
        return None
    scalar = ctypes.c_float if dtype == np.float32 else ctypes.c_double
    for name in _NAMES[dtype]:
        fn = getattr(lib, name, None)
        if fn is not None:
            # the 64_ symbols take 64-bit integers (ILP64), the others 32-bit ones
            index = ctypes.c_int64 if name.endswith("64_") else ctypes.c_int
            fn.restype = None
            fn.argtypes = [index, scalar, ctypes.c_void_p, index, scalar, ctypes.c_void_p, index]
            return fn
    return None


_ROUTINES: dict[np.dtype, object] = {}


def routine(dtype) -> object | None:
    """The ``?axpby`` for float32 or float64 arrays, or None (no OpenBLAS, other dtype):
    ``fn(n, a, x, 1, b, y, 1)`` sets ``y[:n] ← a·x[:n] + b·y[:n]`` for contiguous vectors
    at addresses ``x`` and ``y`` (integers, see :func:`address`); the caller owns the bounds."""
    dtype = np.dtype(dtype)
    if dtype not in _NAMES:
        return None
    if dtype not in _ROUTINES:
        _ROUTINES[dtype] = _routine(dtype)
    return _ROUTINES[dtype]


def address(a: np.ndarray) -> int:
    """The address of ``a``'s first element. Taking it costs about a microsecond, as much
    as the call itself: callers that cut a buffer into pieces take it once and add offsets."""
    return a.__array_interface__["data"][0]
