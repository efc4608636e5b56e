"""Threads: how many NumPy's BLAS may use, and big NumPy work split over a few of our own.

**BLAS.** Small matrix products (a 128×784 batch times 784×100) gain little from a
second thread, and on a 2-core machine a BLAS thread spinning next to the
GUI thread makes the window stutter. The app and the CLI therefore train with
one BLAS thread by default. This talks to the OpenBLAS that NumPy ships
(through ctypes); with another BLAS it does nothing and says so.

**Our own split.** NumPy lets go of the GIL inside copies, ufunc loops and matrix
products on large arrays, so Python threads that each take a part of a large array
really run side by side. ``split`` runs such parts on a small pool. A CNN's
training step uses it once per pass: each half of the batch goes through the
whole network on a thread of its own (``batch_halves.py``). Elsewhere (evaluation,
networks with batch statistics) Conv2D cuts its im2col copy, product and ReLU
into blocks of output rows (and its backward pass into blocks of columns, its
col2im into channels), MaxPool2D its passes into channels.

Inside a network that has such layers (``own_products``) OpenBLAS is kept to
one thread, each thread's part doing its own products, and big products
elsewhere in the network (``matmul``, e.g. a wide dense layer) are split the
same way. OpenBLAS's own threads are of no use there: after each product they
spin for a good while (about 0.1 s), holding the second core, and the
scheduler then puts our worker next to the calling thread, so the split work
gains nothing. Networks without such layers (MLPs) leave their products to
OpenBLAS's threads, whose spinning is what makes small products fast.

One number sets both (``set_blas_threads``); it is 1 unless someone asks for
more. With 1 thread ``split`` calls its function once over the whole range on
the calling thread, ``matmul`` is ``np.matmul``, ``own_products`` does nothing,
the layers take their one-thread paths, and no worker thread is ever made: the
app trains with one thread so that the GUI thread keeps the other core to itself.

Workers are daemon threads, made on first use and then kept, each waiting on a
lock of its own. A ``split`` made from inside a worker, or while another
thread's ``split`` is running, does not wait for the pool: it runs on its
calling thread.
"""
from __future__ import annotations

import contextlib
import ctypes
import glob
import os
import threading

import numpy as np

# -- BLAS ------------------------------------------------------------------------------
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
    themselves (:func:`split`); True if it took effect for BLAS."""
    global _saved_blas_threads
    set_threads(max(1, int(n)))
    with _own_lock:
        _saved_blas_threads = None          # no longer held at one thread by own_products
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


# -- work split over our own threads ---------------------------------------------------
# Work (in array elements) below which handing part of it to another thread
# costs more than it saves (waking a thread takes some 5-100 µs).
MIN_WORK = 1 << 15
# The same for ``matmul``, in multiply-adds (m·n·k): a 128×800 by 800×100 product
# (10 M) is no faster split, a 128×4320 by 4320×100 one (55 M) a third faster.
MIN_PRODUCT = 1 << 25

_threads = 1
_workers: list[_Worker] = []
_busy = threading.Lock()            # held by the one split that is using the workers
_local = threading.local()
_own_lock = threading.Lock()
_own_depth = 0                      # how many own_products blocks are open
_saved_blas_threads: int | None = None   # BLAS's thread count while own_products holds it at 1


def set_threads(n: int) -> None:
    """Use up to ``n`` threads (the caller's included) for the splits; 1 turns them off."""
    global _threads
    _threads = max(1, int(n))


def get_threads() -> int:
    return _threads


class _Worker:
    def __init__(self, index: int):
        self._go = threading.Lock()
        self._go.acquire()
        self._done = threading.Lock()
        self._done.acquire()
        self._task = None
        self._error: BaseException | None = None
        self.thread = threading.Thread(target=self._loop, name=f"numnet-split-{index}", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        _local.worker = True
        while True:
            self._go.acquire()
            fn, part = self._task
            self._task = None
            try:
                fn(part)
            except BaseException as e:  # noqa: BLE001 - handed to the caller, who re-raises it
                self._error = e
            fn = part = None            # keep no arrays alive until the next task
            self._done.release()

    def start(self, fn, part) -> None:
        self._task = (fn, part)
        self._go.release()

    def wait(self) -> BaseException | None:
        self._done.acquire()
        error, self._error = self._error, None
        return error


def split(n: int, fn, work: int | None = None) -> None:
    """Call ``fn(part)`` for consecutive slices ``part`` that together cover
    ``range(n)``, and return when all calls have.

    With more than one thread configured (and ``work``, the number of array
    elements the whole job touches, not below ``MIN_WORK``) the range is cut
    into up to that many near-equal parts; the calling thread takes the first
    and pool workers the rest. Otherwise ``fn(slice(0, n))`` runs once, here.
    ``fn`` must only write what its own part owns. An exception raised in any
    part is re-raised here once every part has finished.
    """
    parts = min(_threads, n)
    if (parts <= 1 or (work is not None and work < MIN_WORK) or getattr(_local, "worker", False)
            or not _busy.acquire(blocking=False)):
        fn(slice(0, n))
        return
    helpers: list[_Worker] = []
    try:
        while len(_workers) < parts - 1:
            _workers.append(_Worker(len(_workers)))
        bounds = [n * i // parts for i in range(parts + 1)]
        for worker, lo, hi in zip(_workers[:parts - 1], bounds[1:-1], bounds[2:], strict=True):
            worker.start(fn, slice(lo, hi))
            helpers.append(worker)
        error = None
        try:
            fn(slice(bounds[0], bounds[1]))
        except BaseException as e:  # noqa: BLE001 - re-raised below, after the workers are done
            error = e
        while helpers:
            worker_error = helpers[0].wait()    # always wait: the part may still be writing
            helpers.pop(0)
            error = error or worker_error
        if error is not None:
            raise error
    finally:
        if helpers:
            # interrupted (Ctrl-C) while parts were still running: those workers will signal
            # "done" for a part nobody waits for any more, so leave them and make new ones
            _workers[:] = [w for w in _workers if w not in helpers]
        _busy.release()


def own_products(active: bool = True):
    """A context manager: within it (when ``active`` and more than one thread is
    configured) ``matmul`` splits big products over the pool and BLAS runs
    single-threaded. Blocks may nest and overlap (from several threads).

    BLAS stays single-threaded after the block, until ``own_products(False)``
    (a network without such layers: it wants BLAS's threads) or
    ``set_blas_threads``. Giving them back at every block's end made any BLAS
    call between two training steps (a gradient norm, say) wake OpenBLAS's
    threads, which then spun for a tenth of a second on the core our own
    worker needed: some 10% of the CPU time of a CNN's step went to that."""
    if _threads == 1:
        return _NOTHING
    if active:
        return _owning()
    if _saved_blas_threads:
        _give_back()
    return _NOTHING


_NOTHING = contextlib.nullcontext()


@contextlib.contextmanager
def alone():
    """The calling thread's work on its own: BLAS on one thread, and a ``split`` run here
    in one piece, as on a pool worker (the other core is busy elsewhere: the helper process
    of ``core.process_halves``)."""
    was = getattr(_local, "worker", False)
    _local.worker = True
    try:
        with own_products():
            yield
    finally:
        _local.worker = was


def _give_back() -> None:
    global _saved_blas_threads
    with _own_lock:
        if _own_depth == 0 and _saved_blas_threads:
            set_openblas_threads(_saved_blas_threads)
            _saved_blas_threads = None


@contextlib.contextmanager
def _owning():
    global _own_depth, _saved_blas_threads
    with _own_lock:
        _own_depth += 1
        if _saved_blas_threads is None:
            _saved_blas_threads = get_blas_threads()
            set_openblas_threads(1)
    try:
        yield
    finally:
        with _own_lock:
            _own_depth -= 1


def matmul(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a @ b`` for 2-D ``a`` (m, k) and ``b`` (k, n), into ``out`` if given.

    Inside ``own_products`` a big product is split over the threads: by rows of
    the result when it has at least as many rows as columns, else by columns,
    and by the summed axis when that is much the longest (each thread sums a
    stretch of it and the partial products are then added, so the result may
    differ from the unsplit one in the last bits). Elsewhere: ``np.matmul``.
    """
    m, k = a.shape
    n = b.shape[1]
    if _own_depth == 0 or _threads == 1 or m * n * k < MIN_PRODUCT:
        return np.matmul(a, b, out=out)
    if out is None:
        out = np.empty((m, n), dtype=np.result_type(a.dtype, b.dtype))
    if k >= 8 * max(m, n):
        partial: dict[int, np.ndarray] = {}

        def part(span):
            if span.start == 0:
                np.matmul(a[:, span], b[span], out=out)
            else:
                partial[span.start] = a[:, span] @ b[span]
        split(k, part)
        for start in sorted(partial):
            out += partial[start]
    elif m >= n:
        split(m, lambda rows: np.matmul(a[rows], b, out=out[rows]))
    else:
        split(n, lambda cols: np.matmul(a, b[:, cols], out=out[:, cols]))
    return out


def worker_threads() -> list[threading.Thread]:
    """The pool's threads made so far (for tests)."""
    return [w.thread for w in _workers]


def _after_fork_in_child() -> None:
    # a forked child has none of the parent's threads: start again without them
    global _busy, _own_lock
    _workers.clear()
    _busy = threading.Lock()
    _own_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
