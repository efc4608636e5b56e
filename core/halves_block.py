"""The memory the two processes of ``process_halves`` share: one mapping, laid out in arrays.

The parent makes it (``create``): an anonymous memory file (``memfd_create``; where there is
none, a file in /dev/shm or the temporary folder that is unlinked at once), so no name ever
stays behind in /dev/shm, whatever happens to either process. Its descriptor goes to the
helper process when that starts (``pass_fds``); both map it and close the descriptor, and the
memory goes away with the last mapping.

Layout (each array starts on a 64-byte boundary), in the network's dtype unless said:

* ``params`` — a copy of the parent's flat parameters, written before every step;
* ``grads`` — the helper's twin network's flat gradients (its gradient views point here);
* ``x`` — the second half of the batch, as the first layer sees it (``capacity`` samples);
* ``y`` — its labels (int64);
* ``scores`` — the twin's scores for that half.
"""
from __future__ import annotations

import mmap
import os
import socket
import struct
import tempfile
import time

import numpy as np

ALIGN = 64
MESSAGE = struct.Struct("<4sqd")     # the two processes' messages: command, a count, a number
YIELD = hasattr(os, "sched_yield")
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def send(sock: socket.socket, cmd: bytes, count: int = 0, value: float = 0.0) -> None:
    sock.send(MESSAGE.pack(cmd, count, value))


def poll(sock: socket.socket, seconds: float) -> bytes | None:
    """The next message if it comes within ``seconds``, looked for without sleeping (a busy
    wait: non-blocking ``recv`` calls, each letting go of the GIL); None if none came.

    Why: a process blocked in ``recv``/``select`` is woken by the kernel, and a socket's
    wake-up is a *synchronous* one — the scheduler tends to put the woken process on the
    waking process's core, expecting the waker to sleep. Neither side here sleeps after
    sending, so the two then shared one core until the scheduler moved one of them: measured
    on the 2-core machine, the parent's ``send`` of a step took 0.05-1.2 ms instead of 5 µs
    and its waits for the helper grew alike. A receiver that is busy polling needs no wake-up.
    Only ever for a bounded time (then block): an idle process must use no CPU. The data a
    message announces is in this block, written before the message is sent: the ``send`` and
    ``recv`` system calls order the memory, as with blocking waits (no flag word is polled)."""
    end = time.perf_counter() + seconds
    while True:
        try:
            return sock.recv(64, socket.MSG_DONTWAIT)
        except (BlockingIOError, InterruptedError):
            if time.perf_counter() >= end:
                return None
            if YIELD:
                os.sched_yield()    # anything else runnable on this core goes first


def unpack(msg: bytes) -> tuple[bytes, int, float]:
    cmd, count, value = MESSAGE.unpack(msg)
    return cmd.rstrip(b"\0"), count, value


def layout(n_params: int, capacity: int, per_sample: int, n_classes: int,
           dtype) -> tuple[dict[str, tuple[int, int, np.dtype]], int]:
    """name -> (byte offset, element count, dtype), and the total size in bytes."""
    dtype = np.dtype(dtype)
    parts = (("params", n_params, dtype), ("grads", n_params, dtype),
             ("x", capacity * per_sample, dtype), ("y", capacity, np.dtype(np.int64)),
             ("scores", capacity * n_classes, dtype))
    out, offset = {}, 0
    for name, count, dt in parts:
        out[name] = (offset, count, dt)
        offset += -(-max(1, count * dt.itemsize) // ALIGN) * ALIGN
    return out, offset


class Block:
    """The arrays of a mapping made by ``create`` or ``attach``."""

    def __init__(self, buf: mmap.mmap, n_params: int, capacity: int, per_sample: int,
                 n_classes: int, dtype):
        self.buf = buf
        self.capacity, self.per_sample, self.n_classes = capacity, per_sample, n_classes
        parts, _ = layout(n_params, capacity, per_sample, n_classes, dtype)
        arrays = {name: np.frombuffer(buf, dt, count, offset) for name, (offset, count, dt) in parts.items()}
        self.params, self.grads, self.y = arrays["params"], arrays["grads"], arrays["y"]
        self.x = arrays["x"].reshape(capacity, per_sample)
        self.scores = arrays["scores"].reshape(capacity, n_classes)


def create(size: int) -> tuple[int, mmap.mmap]:
    """A new shared memory file of ``size`` bytes (zeros): its descriptor and a mapping."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("numnet-halves", os.MFD_CLOEXEC)
    else:                                   # pragma: no cover - systems without memfd
        folder = "/dev/shm" if os.path.isdir("/dev/shm") else None
        fd, path = tempfile.mkstemp(prefix="numnet-halves-", dir=folder)
        os.unlink(path)                     # gone from the folder before anyone else sees it
    try:
        os.ftruncate(fd, size)
        return fd, mmap.mmap(fd, size)
    except BaseException:
        os.close(fd)
        raise


def attach(fd: int, size: int) -> mmap.mmap:
    """Map the shared file ``fd`` (``size`` bytes) and close the descriptor."""
    try:
        return mmap.mmap(fd, size)
    finally:
        os.close(fd)
