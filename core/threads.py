"""How many threads NumPy's BLAS may use.

Small matrix products (a 128×784 batch times 784×100) gain little from a
second thread, and on a 2-core machine a BLAS thread spinning next to the
GUI thread makes the window stutter. The app and the CLI therefore train with
one BLAS thread by default. This talks to the OpenBLAS that NumPy ships
(through ctypes); with another BLAS it does nothing and says so.

The same number also sets how many threads the layers may split their own big
work over (``parallel.py``; while a network with convolution or pooling layers
runs, those threads do its products too and OpenBLAS is kept to one); with 1,
nothing is split.
"""
from __future__ import annotations

import ctypes
import glob
import os

import numpy as np

from . import parallel

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads",
            "openblas_get_num_threads64_", "openblas_get_num_threads")
_lib = None


def _openblas():
    global _lib
    if _lib is None:
        base = os.path.dirname(os.path.dirname(np.__file__))
        candidates = glob.glob(os.path.join(base, "numpy.libs", "*openblas*")) + \
            glob.glob(os.path.join(os.path.dirname(np.__file__), ".dylibs", "*openblas*"))
        _lib = False
        for path in candidates:
            try:
                _lib = ctypes.CDLL(path)
                break
            except OSError:
                continue
    return _lib or None


def _symbol(names):
    lib = _openblas()
    for name in names if lib else ():
        fn = getattr(lib, name, None)
        if fn is not None:
            return fn
    return None


def set_blas_threads(n: int) -> bool:
    """Use ``n`` threads: BLAS's, and as many for the work the layers split
    themselves (``parallel``); True if it took effect for BLAS."""
    parallel.set_threads(max(1, int(n)))
    return set_openblas_threads(n)


def set_openblas_threads(n: int) -> bool:
    """Set OpenBLAS's own thread count only; True if there is an OpenBLAS to set."""
    fn = _symbol(_SETTERS)
    if fn is None:
        return False
    fn(ctypes.c_int(int(n)))
    return True


def get_blas_threads() -> int | None:
    fn = _symbol(_GETTERS)
    return int(fn()) if fn is not None else None
