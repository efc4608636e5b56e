"""Two threads, each training on half of the batch, end to end through the network.

With more than one thread (``threads.py``), a network of convolution and
pooling layers used to cut every layer's work in two: some output rows or
channels per thread, a wait for both at the end of each such piece (about
sixteen waits per training step), and what did not split (the dense layers,
the loss, small products and copies between the pieces) on one thread. Here
instead each thread takes half of the batch through the whole network — the
forward pass and the loss (one wait), then the loss's gradient and every
layer's backward pass (a second wait) — each half with its own copy of the
layers (the *twin*: same parameters, its own gradients, inputs and work
arrays). Each layer then runs its one-thread path, the same arithmetic as
with one thread, on 64 samples instead of 128.

Two threads in one process take turns at the interpreter lock around every NumPy call, so
once a helper process has started (``process_halves``) the second half goes there instead
and the threads here only stand in for it (before it is ready, after it failed).

Each half's gradients are those of its own mean loss; the batch's are their
mean weighted by the halves' sizes, one pass over the flat gradient buffer:
``g ← (n₀·g₀ + n₁·g₁) / n``. The reported loss is weighted the same way.

This is for training steps only (``Network.loss(training=True)`` and the
``Network.backward`` after it), and only for networks whose layers treat every
sample on its own (``KINDS``: no batch statistics, no random masks) and of
which at least one splits its work (``Layer.splits_work``). Everything else —
evaluation, recorded passes, MLPs (unless the helper process takes their
second half: ``process_halves.dense_wins``) — takes the network's own path.
"""
from __future__ import annotations

import contextlib

import numpy as np

from . import process_halves, threads

# Layer kinds whose output for a sample depends on that sample alone (and on nothing
# drawn at random): a batch may be cut into halves through them.
KINDS = frozenset({"conv2d", "maxpool", "flatten", "dense", "activation"})
# Smallest batch cut in two. On this project's 2-core machine the small CNN's steps were
# faster in halves at batch 128 (by 5-10%), slower at 64 (by ~10%, halves of 32), than
# with the layers' own splits; SimpleConvNet's about even at 128.
MIN_BATCH = 128
# Values per block of channels in a MaxPool2D's passes within the halves (4 MB of float32, not
# its own 512 KB): the two threads' NumPy calls each let go of the GIL and take it again
# afterwards, and each time one thread finds the other holding it, it sleeps and is woken
# (tens of µs on this virtual machine). Fewer, longer calls make that rarer: the small CNN's
# and SimpleConvNet's 2-thread steps took ~9% less time, the 1-thread path gained nothing.
POOL_BLOCK = 1 << 20


def applies(net, n: int) -> bool:
    """Whether a training step of ``net`` on ``n`` samples goes through the halves."""
    if threads.get_threads() < 2 or n < MIN_BATCH:
        return False
    ok = getattr(net, "_halves_ok", None)
    if ok is None:
        alone = all(layer.kind in KINDS and not layer.buffers for layer in net.layers)
        ok = net._halves_ok = alone and any(layer.splits_work for layer in net.layers)
        net._halves_dense = alone and not ok
    if ok or not net._halves_dense:
        return ok
    # networks of dense layers only: in halves only once the helper process is there to take one
    use = process_halves.dense_wins(net, n) and process_halves.ready(net, n)
    # and then BLAS on one thread all through the step, as for the CNNs: else the network's
    # backward gave OpenBLAS its threads back, the optimizer's BLAS calls woke them, and they
    # spun (~0.1 s) on the core the helper needs (the step ~6% slower)
    net._own_products = use
    return use


class _Halves:
    """The twin network and what the last forward pass left for backward."""

    def __init__(self, net):
        twin = type(net)(net.spec, rng=np.random.default_rng(0), dtype=net.dtype)
        for mine, theirs in zip(twin.layers, net.layers, strict=True):
            for name, p in theirs.params.items():
                mine.params[name] = p            # the same parameters; gradients its own
            mine.need_dx = theirs.need_dx
            if hasattr(theirs, "method"):
                mine.method = theirs.method
        self.twin = twin
        self.pools = [layer for layer in net.layers + twin.layers if layer.kind == "maxpool"]
        self.scores: np.ndarray | None = None
        self.sizes = (0, 0)
        self.pending: np.ndarray | None = None  # the scores of a loss whose backward is due

    @contextlib.contextmanager
    def _big_blocks(self):
        """Pooling in ``POOL_BLOCK`` blocks while the halves run (the network's own layers keep
        their blocks elsewhere: evaluation, one thread)."""
        for layer in self.pools:
            layer.block = POOL_BLOCK
        try:
            yield
        finally:
            for layer in self.pools:
                layer.block = None

    def loss(self, net, x: np.ndarray, y: np.ndarray) -> float:
        a = net._prepare(x)
        n = len(a)
        h = n - n // 2
        self.sizes = (h, n - h)
        sides = ((net, a[:h], y[:h]), (self.twin, a[h:], y[h:]))
        if self.scores is None or self.scores.shape != (n, net.n_classes):
            self.scores = np.empty((n, net.n_classes), net.dtype)
        scores, losses = self.scores, [0.0, 0.0]

        def forward(part):      # one half (both, one after the other, if no worker is free)
            for i in range(part.start, part.stop):
                side, xs, ys = sides[i]
                out, losses[i] = side.part_loss(xs, ys)
                scores[i * h:i * h + len(out)] = out
        with threads.own_products(), self._big_blocks():
            threads.split(2, forward)
        net.scores = scores
        return (h * losses[0] + (n - h) * losses[1]) / n

    def backward(self, net) -> None:
        sides = (net, self.twin)

        def backward(part):
            for i in range(part.start, part.stop):
                sides[i].part_backward()
        with threads.own_products(), self._big_blocks():
            threads.split(2, backward)
        process_halves.combine(net.flat_grads, self.twin.flat_grads, *self.sizes)


def twin(net):
    """The twin network of ``net``'s thread halves (made on first use)."""
    halves = getattr(net, "_halves", None)
    if halves is None:
        halves = net._halves = _Halves(net)
    return halves.twin


def loss(net, x: np.ndarray, y: np.ndarray) -> float:
    """The batch's mean loss, each half of it taken through the network on a thread of its
    own (or in a helper process: ``process_halves``); sets ``net.scores``. Call only where
    :func:`applies`."""
    value = process_halves.loss(net, x, y)
    if value is not None:
        return value
    halves = getattr(net, "_halves", None)
    if halves is None:
        halves = net._halves = _Halves(net)
    value = halves.loss(net, x, y)
    halves.pending = net.scores
    return value


def backward(net) -> bool:
    """The gradients of the last :func:`loss` into ``net.flat_grads``, if that was the
    network's last loss; False (and nothing done) otherwise."""
    if process_halves.backward(net, twin):
        return True
    halves = getattr(net, "_halves", None)
    if halves is None or halves.pending is None or halves.pending is not net.scores:
        return False
    halves.pending = None
    halves.backward(net)
    return True
