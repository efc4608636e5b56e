"""The second half of each batch in a helper process instead of a second thread.

``batch_halves`` trains each half of a batch on a thread of its own. Two threads in one
process, though, take turns at the interpreter lock around every NumPy call, and the
hand-overs cost: measured on this project's 2-core machine, two *processes* each training
the small CNN ran at full speed side by side, two threads in one process each half as fast
again. So where a network's training step goes through the halves, the second half goes
to a helper process (``core.halves_helper``) once that has started; until then, and
whenever it fails, the threads do it as before.

* **Start.** After ``START_AFTER`` steps through the halves (a network trained for a
  handful of steps never pays for a process) the helper starts in the background — a new
  interpreter, ``python -m core.halves_helper``, with one BLAS thread — and the steps go
  on through the threads until it says it is ready.
* **Shared memory** (``halves_block``): the parameters (copied there before every step:
  ~1.7 MB for SimpleConvNet, about a tenth of a millisecond), the helper's gradients, the
  half batch, its labels and scores. The memory is an anonymous file: nothing is ever
  left in /dev/shm.
* **A step.** The parent copies the parameters and the second half into the block and
  sends ``S``; it takes its own half through the network (on its own thread, one BLAS
  thread: the one-thread path of every layer) while the helper does the same with its
  half, answers ``F`` with its loss and goes straight on to its backward pass (``G``).
  ``backward`` does the parent's half, waits for ``G`` and mixes the gradients as the
  threads do: ``g ← (n₀·g + n₁·g₁)/n``. ``net.scores`` and the loss are the whole batch's.
* **Failures.** A helper that cannot start, dies, says it failed or does not answer in
  time (``WAIT_S`` plus twenty times the parent's own half) is dropped with one log line,
  the step is finished here, and the network's later steps go through the threads.
* **MLPs** (dense layers only) go through the helper only where that measured faster than
  OpenBLAS's threads on the whole batch (``dense_wins``: big batches, many layers).
* **Waiting.** Each side waits for the other's next message busy for a moment
  (``halves_block.poll``: ``SPIN_S`` here, ``HELPER_SPIN_S`` in the helper after each step),
  then blocked: a woken process cost 0.1-1 ms a step on this machine, polling ~5 µs.
* **End.** ``close(net)``, the network being garbage collected or the interpreter exiting
  ends the helper; the helper also ends by itself when the parent's end of the connection
  closes (the parent died) or its parent process changes.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import select
import socket
import subprocess
import sys
import time
import weakref

import numpy as np

from . import blas, halves_block, threads
from .halves_block import THREAD_VARS, poll, send, unpack

log = logging.getLogger(__name__)

ENABLED = os.environ.get("NUMNET_PROCESS_HALVES", "1") != "0"
START_AFTER = 8          # steps through the thread halves before the helper starts
START_TIMEOUT_S = 60.0   # a helper not ready by then is given up
WAIT_S = 10.0            # waiting for a step's answer: this plus 20× the parent's own half
# Networks of dense layers only (``batch_halves.applies``): through the helper only when a
# step has at least DENSE_MIN samples × dense layers, else OpenBLAS's two threads on the whole
# batch. OpenBLAS pays per product (its threads meet after each) and runs the element-wise work
# (biases, activations, softmax) on one thread; the helper pays a fixed ~0.2 ms a step (copies,
# messages, the gradients' mix). Measured on the 2-core machine, steps/s through the helper /
# with OpenBLAS's threads (interleaved, 7 rounds, twice): 784-50-10 and 784-100-10 at batch
# 128 (256 samples × layers) 0.91 and 0.96, 784-256-128-10 at 128 (384) 1.00; at 512 (1024,
# 1536) 1.03-1.05; 5 × 100 (6 layers) at 128 (768) 1.12, at 512 1.21.
DENSE = True
DENSE_MIN = 640
SPIN_S = 0.002           # waiting for the helper's F or G: busy this long, then block
HELPER_SPIN_S = 0.002    # the helper, after a step: busy this long waiting for the next, then block
MIN_CAPACITY = 256       # samples of a half the shared block holds at least
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class HelperFailed(Exception):
    """The helper process is of no more use."""


class Helper:
    """One helper process and the block it shares with this one."""

    def __init__(self, net, capacity: int):
        per_sample = int(np.prod(net.input_shape))
        _, size = halves_block.layout(net.n_params, capacity, per_sample, net.n_classes, net.dtype)
        fd, buf = halves_block.create(size)
        self.block = halves_block.Block(buf, net.n_params, capacity, per_sample, net.n_classes, net.dtype)
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = dict(os.environ, **{name: "1" for name in THREAD_VARS})
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "core.halves_helper", str(theirs.fileno()), str(fd), str(size),
                 str(os.getpid())], pass_fds=(theirs.fileno(), fd), env=env,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        except BaseException:
            self.sock.close()
            raise
        finally:
            theirs.close()
            os.close(fd)
        self.owner = os.getpid()        # a forked copy of this process must not use it
        self.started = time.monotonic()
        self.ready = False
        self.owes_gradients = False     # a G is on its way
        layers = [{"need_dx": bool(layer.need_dx), "method": getattr(layer, "method", None)}
                  for layer in net.layers]
        config = {"spec": net.spec, "dtype": net.dtype.name, "n_params": net.n_params,
                  "capacity": capacity, "per_sample": per_sample, "n_classes": net.n_classes,
                  "layers": layers, "spin_s": HELPER_SPIN_S}
        try:
            self.sock.send(json.dumps(config).encode("utf-8"))
        except OSError:
            self.close()
            raise

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _receive(self, timeout: float | None) -> tuple[bytes, int, float] | None:
        """The next message within ``timeout`` seconds (None: wait as long as it takes a living
        helper); None if none came. HelperFailed if it has gone or failed."""
        end = None if timeout is None else time.monotonic() + timeout
        spin = SPIN_S if timeout is None else min(SPIN_S, timeout)
        while True:
            left = 0.5 if end is None else min(0.5, max(0.0, end - time.monotonic()))
            try:
                msg = poll(self.sock, spin) if spin > 0 else None   # busy a moment: no wake-up
                if msg is None and select.select([self.sock], [], [], left)[0]:
                    msg = self.sock.recv(64)
            except OSError as e:
                raise HelperFailed(f"its connection broke ({e})") from None
            spin = 0.0
            if msg is not None:
                if not msg:
                    raise HelperFailed(f"it ended (exit code {self.proc.poll()})")
                cmd, count, value = unpack(msg)
                if cmd == b"E":
                    raise HelperFailed("it reported an error")
                return cmd, count, value
            if self.proc.poll() is not None:
                raise HelperFailed(f"it ended (exit code {self.proc.returncode})")
            if end is not None and time.monotonic() >= end:
                return None

    def expect(self, want: bytes, timeout: float) -> float:
        got = self._receive(timeout)
        if got is None:
            raise HelperFailed(f"no answer within {timeout:.0f} s")
        if got[0] != want:
            raise HelperFailed(f"it answered {got[0]!r} instead of {want!r}")
        return got[2]

    def poll_ready(self) -> bool:
        """Whether the helper has said it is ready (never waits)."""
        if not self.ready:
            got = self._receive(0.0)
            if got is not None:
                if got[0] != b"R":
                    raise HelperFailed(f"it said {got[0]!r} instead of ready")
                self.ready = True
            elif time.monotonic() - self.started > START_TIMEOUT_S:
                raise HelperFailed(f"not ready after {START_TIMEOUT_S:.0f} s")
        return self.ready

    def start_step(self, n: int) -> None:
        try:
            send(self.sock, b"S", n)
        except OSError as e:
            raise HelperFailed(f"it cannot be reached ({e})") from None

    def close(self) -> None:
        """End the helper (at once, or killed after a second) and reap it."""
        if os.getpid() != self.owner:  # in a forked copy of the parent: not ours to end
            self.sock.close()
            return
        with contextlib.suppress(OSError):
            send(self.sock, b"Q")
        self.sock.close()
        try:
            self.proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class _State:
    """What a network's process halves keep between steps."""

    def __init__(self):
        self.steps = 0                            # steps through the threads before the helper
        self.done = 0                             # steps through the helper
        self.helper: Helper | None = None
        self.finalizer = None
        self.failed = False
        self.scores: np.ndarray | None = None
        self.pending: np.ndarray | None = None   # the scores of a loss whose backward is due
        self.sizes = (0, 0)
        self.own_s = 0.0                          # the parent's own half last time


def _state(net) -> _State:
    state = getattr(net, "_process_halves", None)
    if state is None:
        state = net._process_halves = _State()
    return state


def _start(net, state: _State, capacity: int) -> None:
    try:
        state.helper = Helper(net, capacity)
    except Exception as e:      # noqa: BLE001 - whatever it is, the threads do the work
        _give_up(state, f"cannot start ({e})")
        return
    state.finalizer = weakref.finalize(net, state.helper.close)


def _give_up(state: _State, why: str) -> None:
    log.warning("the helper process for the second half of each batch is not used: %s; "
                "the network trains on two threads in this process instead", why)
    state.failed = True
    close_state(state)


def close_state(state: _State) -> None:
    if state.finalizer is not None:
        state.finalizer()               # Helper.close, once
    state.helper = state.finalizer = None
    state.pending = None


def close(net) -> None:
    """End ``net``'s helper process, if it has one (its next steps may start another)."""
    state = getattr(net, "_process_halves", None)
    if state is not None:
        close_state(state)
        state.steps = 0


def helper_pid(net) -> int | None:
    state = getattr(net, "_process_halves", None)
    return state.helper.pid if state is not None and state.helper is not None else None


def wait_ready(net, timeout: float = 30.0) -> bool:
    """Wait until ``net``'s helper is ready (for tests and benchmarks); False if it failed."""
    state = _state(net)
    end = time.monotonic() + timeout
    while state.helper is not None and time.monotonic() < end:
        try:
            if state.helper.poll_ready():
                return True
        except HelperFailed as e:
            _give_up(state, str(e))
            return False
        time.sleep(0.01)
    return False


def dense_wins(net, n: int) -> bool:
    """Whether a network of dense layers only (``batch_halves``) is to train ``n`` samples
    a step through the helper rather than on OpenBLAS's threads (``DENSE_MIN``)."""
    return DENSE and n * sum(1 for layer in net.layers if layer.kind == "dense") >= DENSE_MIN


def ready(net, n: int) -> bool:
    """Whether ``net``'s helper is ready to take the second half of a step on ``n`` samples
    (never waits). Counts the steps before it and starts it after ``START_AFTER``."""
    state = _state(net)
    if not ENABLED or state.failed:
        return False
    helper = state.helper
    try:
        if helper is not None and helper.owner != os.getpid():
            close_state(state)          # this process is a fork of the one that started it
            state.steps, helper = START_AFTER, None
        if helper is not None and n // 2 > helper.block.capacity:
            close_state(state)          # a bigger batch than the block holds: a bigger block
            helper = None
        if helper is None:
            state.steps += 1
            if state.steps >= START_AFTER:
                _start(net, state, max(MIN_CAPACITY, n // 2))
            return False
        return helper.poll_ready()
    except HelperFailed as e:
        _give_up(state, str(e))
        return False


def loss(net, x: np.ndarray, y: np.ndarray) -> float | None:
    """A training step's loss with the second half in the helper process, or None (nothing
    done) when that is not (yet) possible and the threads are to do it."""
    y = np.asarray(y)
    if y.ndim != 1 or y.dtype.kind not in "iu" or not ready(net, len(x)):
        return None
    state = _state(net)
    helper = state.helper
    n = len(x)
    h = n - n // 2
    n1 = n - h
    try:
        if helper.owes_gradients:       # a loss without backward before this one
            helper.expect(b"G", WAIT_S + 20 * state.own_s)
            helper.owes_gradients = False
    except HelperFailed as e:
        _give_up(state, str(e))
        return None
    a = net._prepare(x)
    block = helper.block
    np.copyto(block.params, net.flat_params)
    block.x[:n1] = a[h:].reshape(n1, -1)
    block.y[:n1] = y[h:]
    try:
        helper.start_step(n1)
    except HelperFailed as e:
        _give_up(state, str(e))
        return None
    if state.scores is None or state.scores.shape != (n, net.n_classes):
        state.scores = np.empty((n, net.n_classes), net.dtype)
    scores = state.scores
    t0 = time.perf_counter()
    with threads.alone():
        scores[:h], loss0 = net.part_loss(a[:h], y[:h])
    state.own_s = time.perf_counter() - t0
    try:
        loss1 = helper.expect(b"F", WAIT_S + 20 * state.own_s)
        helper.owes_gradients = True
    except HelperFailed as e:
        _give_up(state, str(e))
        return None                     # the threads do the whole step again
    scores[h:] = block.scores[:n1]
    net.scores = state.pending = scores
    state.sizes = (h, n1)
    state.done += 1
    return (h * loss0 + n1 * loss1) / n


def backward(net, twin) -> bool:
    """The gradients of the last :func:`loss` into ``net.flat_grads``, if that was the
    network's last loss; False (and nothing done) otherwise. ``twin(net)`` gives the
    threads' twin network, should the second half have to be done here after all."""
    state = getattr(net, "_process_halves", None)
    if state is None or state.pending is None or state.pending is not net.scores:
        return False
    state.pending = None
    helper = state.helper
    with threads.alone():
        net.part_backward()
    n0, n1 = state.sizes
    try:
        helper.expect(b"G", WAIT_S + 20 * state.own_s)
        helper.owes_gradients = False
        g1 = helper.block.grads
    except HelperFailed as e:
        x1, y1 = helper.block.x[:n1].copy(), helper.block.y[:n1].copy()
        _give_up(state, str(e))
        g1 = _second_half_here(net, twin(net), x1, y1)
    combine(net.flat_grads, g1, n0, n1)
    return True


def combine(g: np.ndarray, g1: np.ndarray, n0: int, n1: int) -> None:
    """``g ← (n₀·g + n₁·g₁) / n``: the batch's gradients from its halves'."""
    axpby = blas.routine(g.dtype)
    if axpby is not None:                   # g ← (n₁/n)·g₁ + (n₀/n)·g in one pass
        axpby(g.size, n1 / (n0 + n1), blas.address(g1), 1, n0 / (n0 + n1), blas.address(g), 1)
    else:
        g *= n0 / (n0 + n1)
        g += (n1 / (n0 + n1)) * g1


def _second_half_here(net, twin, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """The second half's gradients, made in this process by the threads' twin network
    (the helper failed between its loss and its gradients)."""
    with threads.alone():
        twin.part_loss(x1.reshape((len(x1),) + net.input_shape), y1)
        twin.part_backward()
    return twin.flat_grads
