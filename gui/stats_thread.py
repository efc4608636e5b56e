"""Layer statistics of a training run, computed in the GUI process from weight snapshots.

The training process only sends a copy of the weights (which the panels want anyway); the
forward and backward pass on the probe batch and the sorting behind percentiles and
histograms (``core.layer_stats``) run here, in a thread of their own with a lower
scheduling priority (on Linux), on a network of this thread's own. So statistics no longer
cost training a share of its time: on a machine with two cores the training process keeps
one, and this thread uses the other's spare time.

``StatsThread.wants()`` says whether a snapshot would be welcome now: none is being
computed and the next sample is due, at most ``rate`` a second and at most ``share`` of the
time (slower if one sample costs more). ``offer(params, step, weight_decay)`` hands it a
snapshot (the newest replaces one that waits); the result goes to ``emit(stats, step)``
from this thread (an error, once, to ``warn(text)``; statistics then stop).
``compute_now`` computes one in the caller's thread (the run's last step), ``close()`` ends
the thread.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication

from core import layer_stats
from core.network import Network

SHARE = 0.5           # of the wall-clock time this thread may compute (on the other core)
NICE = 10             # its scheduling priority below the GUI thread's and the training's
JOIN_S = 0.2          # close() waits this long at most (a sample finished later is dropped)


class StatsThread:
    def __init__(self, spec: dict, dtype, probe, emit: Callable[[dict, int], None],
                 warn: Callable[[str], None], rate: float = 5.0, share: float = SHARE):
        self._spec, self._dtype = spec, np.dtype(dtype)
        self._probe = tuple(probe)
        self._emit, self._warn = emit, warn
        self._interval, self._share = 1.0 / max(0.1, rate), share
        self._net: Network | None = None
        self._net_lock = threading.Lock()          # one computation at a time on self._net
        self._cond = threading.Condition()
        self._job: tuple | None = None
        self._busy = False
        self._closed = False
        self._due = 0.0                              # perf_counter time of the next sample
        self.last_step = -1                          # the step of the last statistics
        self.failed: str | None = None               # the error that turned statistics off
        self.seconds: list[float] = []               # the cost of each sample
        self._thread = threading.Thread(target=self._run, name="NumNetLayerStats", daemon=True)
        self._thread.start()

    @property
    def rate(self) -> float:
        return 1.0 / self._interval

    def set_rate(self, rate: float) -> None:
        """At most ``rate`` samples a second from now on (a faster one: the next one sooner)."""
        with self._cond:
            self._interval = 1.0 / max(0.1, rate)
            self._due = min(self._due, time.perf_counter() + self._interval)

    def wants(self, force: bool = False) -> bool:
        with self._cond:
            return not (self._closed or self.failed or self._busy or self._job is not None) and (
                force or time.perf_counter() >= self._due)

    def offer(self, params: dict, step: int, weight_decay: float = 0.0, force: bool = False) -> None:
        """Compute statistics of these weights next (unless this step has some, or ``force``)."""
        with self._cond:
            if self._closed or self.failed or (step == self.last_step and not force):
                return
            self._job = (params, int(step), float(weight_decay))
            self._cond.notify()

    def compute_now(self, params: dict, step: int, weight_decay: float = 0.0) -> None:
        """Statistics of these weights in the caller's thread, unless this step has some (sent
        already, or being sent by the thread: it is waited for)."""
        with self._net_lock:
            done = step == self.last_step
        if self.failed is None and not done:
            self._compute(params, int(step), float(weight_decay))

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._job = None
            self._cond.notify()
        self._thread.join(JOIN_S)

    # -- the thread ---------------------------------------------------------------------------
    def _run(self) -> None:
        if sys.platform.startswith("linux"):          # a thread's own nice value (Linux only)
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
            except OSError:
                pass
        while True:
            with self._cond:
                while self._job is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                job, self._job, self._busy = self._job, None, True
            try:
                self._compute(*job)
            finally:
                with self._cond:
                    self._busy = False

    def _compute(self, params: dict, step: int, weight_decay: float) -> None:
        with self._net_lock:
            t0 = time.perf_counter()
            try:
                if self._net is None:
                    self._net = Network(self._spec, rng=np.random.default_rng(0), dtype=self._dtype)
                self._net.load_snapshot(params)
                self._net.weight_decay = weight_decay
                stats = layer_stats.layer_stats(self._net, *self._probe)
            except Exception as e:                  # statistics are optional; training goes on
                self.failed = f"{type(e).__name__}: {e}"
                self._warn(QCoreApplication.translate(
                    "StatsThread", "Layer statistics failed and are off for this run: {0}").format(e))
                return
            cost = time.perf_counter() - t0
            self.seconds.append(cost)
            if self._closed and threading.current_thread() is self._thread:
                return                              # its run has ended meanwhile: nobody listens
            # under the lock: a step counts as done only once its statistics went out, so the
            # run's last step (compute_now, after close) is never skipped for a dropped sample,
            # and a sample of the last step is sent before compute_now returns
            self.last_step = step
            self._due = t0 + max(self._interval, cost / self._share)
            try:
                self._emit(stats, step)
            except RuntimeError:                    # the receiver was deleted meanwhile
                pass
