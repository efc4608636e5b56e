"""The training worker: the GUI's side of a training process.

The run trains in a process of its own (``core.training_child``, started with the spawn
context), so the GUI thread and the training never take turns at one interpreter lock.
``run()`` (in the worker's QThread) starts the process, sends it the run (network, data,
trainer state: ``core.trainer_transfer``), then receives its messages
(``core.wire``: JSON and raw array bytes, never pickle) and emits them as this object's
signals, shifted to nothing: the numbers are the run's own, as before. A blocking receive
with a timeout lets go of the lock while it waits.

GUI → worker: plain thread-safe methods (pause, resume, stop, step, change a setting, ask
for a snapshot …) that send a control message down the connection (under a lock; until the
process has its run they wait in a list). The process reads them between two mini-batches.

Snapshots: one request in flight at a time, whoever asks (the panels through
``request_snapshot``, the layer statistics); the answer goes to each that asked. Layer
statistics of the probe batch are computed in this process (``gui.stats_thread``, a
low-priority thread) from snapshots asked for at the draw rate while the run trains, once
more where it pauses and where it ends (unless stopped): the training process only copies
its weights.

At the end the process sends the trainer's full state (``final_state``); this thread applies
it to the GUI's trainer, stale while the run lasted (``core.trainer_transfer.apply_state``),
before ``finished``. "Save the run" gets the state from the process and
writes the file in this thread. A process that dies (killed, crashed) is reported with
``error`` and ``finished("error")``; one still running when the worker ends is killed.
``finished(reason)`` is always emitted, from a ``finally:``.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core import checkpoint, live_settings, trainer_transfer, training_child, wire
from core.live_settings import Target
from core.trainer import Trainer
from core.training_loop import EMIT_HZ  # noqa: F401  (the rate steps_ready is emitted at)

from .run_state import FinishReason
from .stats_thread import StatsThread

JOIN_S = 1.0            # how long the process may take to end after its last message
RECV_S = 0.2            # the receive loop looks at the process this often when nothing comes
_env_lock = threading.Lock()


class TrainingWorker(QObject):
    """Runs one training run in a process; create a new worker for the next run."""

    steps_ready = Signal(object)          # dict of equal-length arrays: step, epoch, loss, acc, lr, progress
    epoch_ready = Signal(object)          # dict: one core.trainer.Epoch as a plain dict
    snapshot_ready = Signal(object, int)  # (params copy, step)
    stats_ready = Signal(object, int)     # (core.layer_stats.layer_stats result, step)
    setting_applied = Signal(str, object, int)   # (name, value, step it first applies to)
    paused = Signal(bool)                 # True when the loop waits, False when it runs again
    diverged = Signal(object)             # dict: epoch, step, where, message, lr
    saved = Signal(str, str, str)         # (kind "model" or "run", path, error message or "")
    warning = Signal(str)
    error = Signal(str)
    finished = Signal(str)                # a FinishReason

    def __init__(self, trainer: Trainer, probe=None, start_paused: bool = False,
                 stats_rate: float = 5.0):
        super().__init__()
        self.trainer = trainer                # the GUI's copy: read only to start the process
        self.probe = probe                    # (x, y) for layer statistics, or None
        self.stats_rate = stats_rate          # statistics a second at most while training runs
        self.stats: StatsThread | None = None
        self._running = not start_paused      # as the process last said
        self._snap_pending = False            # a snapshot request is on its way
        self._snap_for: set[str] = set()      # who waits for it: "panels", "stats", "forced"
        self.start_paused = start_paused
        self.step = trainer.step              # the last step the process reported
        self.final_state: dict | None = None  # the trainer's state at the end of the run
        self.process: multiprocessing.Process | None = None
        # perf_counter times: run() began, the process has built its trainer (and how long that took)
        self.started_at = self.ready_at = self.build_s = None
        self._lock = threading.Lock()
        self._conn = None                     # set once the process has its run
        self._queued: list[tuple[str, dict | None]] = []
        self._delay_ms = 0
        self._runs: dict[str, list | None] = {}    # path → kept runs of a pending run save
        self._stopping = False
        self._parent = None                   # the app's end of the pipe
        # where the process's time went (core.loop_timing), as of its last pause, with the
        # CPU seconds of this receiving thread then ("reader_cpu_s")
        self.timing: dict | None = None

    # -- thread-safe controls (called from the GUI thread) ------------------------------
    def _send(self, op: str, args: dict | None = None) -> None:
        with self._lock:
            if self._conn is None:
                self._queued.append((op, args))
                return
            try:
                wire.send(self._conn, op, args)
            except (OSError, ValueError):     # the process has gone: run() reports it
                pass

    def pause(self) -> None:
        self._send("pause")

    def resume(self) -> None:
        self._send("resume")

    def stop(self) -> None:
        self._stopping = True
        self._send("stop")

    def step_batches(self, n: int = 1) -> None:
        """Run ``n`` mini-batches, then pause."""
        self._send("step_batches", {"n": int(n)})

    def step_epoch(self) -> None:
        """Run to the end of the current epoch, then pause."""
        self._send("step_epoch")

    def set_setting(self, name: str, value) -> None:
        """Change a live setting (``core.live_settings``). One that changes the trainer
        (lr, optimizer, batch_size, …) is checked and applied by ``Trainer.apply_setting``
        at the next batch (``setting_applied``, or ``warning`` if it was rejected); one that
        changes the loop (slow motion) applies at once."""
        setting = live_settings.get(name)
        if setting.target is Target.WORKER:
            getattr(self, setting.setter)(setting.check(value))
            return
        if setting.target is not Target.TRAINER:
            raise ValueError(f"{setting.label} ({name}) cannot change while training runs")
        self._send("setting", {"name": name, "value": value})

    def set_delay_ms(self, ms: int) -> None:
        """Slow motion: wait this many milliseconds after every step."""
        with self._lock:
            if self._conn is None:            # goes with the run
                self._delay_ms = max(0, int(ms))
                return
        self._send("delay", {"ms": int(ms)})

    def request_snapshot(self) -> None:
        self._want_snapshot("panels")

    def set_stats_rate(self, rate: float) -> None:
        """Layer statistics at most ``rate`` a second (from the GUI thread, at any time)."""
        self.stats_rate = rate
        if self.stats is not None:
            self.stats.set_rate(rate)

    def request_stats(self) -> None:
        self._want_snapshot("forced")

    def _want_snapshot(self, who: str) -> None:
        with self._lock:
            self._snap_for.add(who)
            if self._snap_pending:
                return
            self._snap_pending = True
        self._send("snapshot")

    def request_save(self, kind: str, path: str, runs: list | None = None) -> None:
        """Save the model or the whole run between two steps (answered by ``saved``); ``runs``:
        the kept runs a run file also holds (a copy this thread may read)."""
        with self._lock:
            self._runs[path] = runs
        self._send("save", {"kind": kind, "path": path})

    def recover(self, lr: float) -> None:
        """After ``diverged``: restore the last good weights, continue with ``lr``."""
        self._send("recover", {"lr": float(lr)})

    # -- the worker thread ---------------------------------------------------------------
    def run(self) -> None:
        reason = FinishReason.ERROR
        self.started_at = time.perf_counter()
        self._parent = None
        try:
            conn = self._start_process()
            if self.probe is not None:
                net = self.trainer.net
                self.stats = StatsThread(net.spec, net.dtype, self.probe, self.stats_ready.emit,
                                         self.warning.emit, rate=self.stats_rate)
            reason = self._receive(conn)
            if self.final_state is not None:    # the GUI's trainer becomes the run's
                trainer_transfer.apply_state(self.trainer, self.final_state)
                if self.stats is not None and not self._stopping:   # statistics where it ended
                    self.stats.close()              # (not after Stop: the window may be closing)
                    self.stats.compute_now(self.final_state["params"], self.step,
                                           self.trainer.net.weight_decay)
        except Exception as e:                      # reported, never raised in the thread
            self.error.emit(f"{type(e).__name__}: {e}")
            reason = FinishReason.ERROR
        finally:
            if self.stats is not None:
                self.stats.close()
            self._end_process()
            self.finished.emit(reason)

    def _start_process(self):
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe(duplex=True)
        self._parent = parent                 # closed by _end_process, whatever happens
        process = ctx.Process(target=training_child.main, args=(child, os.getpid()),
                              name="NumNetTraining", daemon=True)
        with _env_lock:                 # one BLAS thread, set before the child's NumPy loads
            saved = {k: os.environ.get(k) for k in training_child.ENV_THREADS}
            os.environ.update({k: "1" for k in training_child.ENV_THREADS})
            try:
                process.start()
                self.process = process
            finally:
                child.close()
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
        run = trainer_transfer.pack_run(self.trainer)
        with self._lock:
            delay_ms = self._delay_ms
        run.update(paused=self.start_paused, delay_ms=delay_ms)
        wire.send(parent, "start", run)       # not under the lock: controls meanwhile are queued
        with self._lock:
            if self._delay_ms != delay_ms:
                self._queued.insert(0, ("delay", {"ms": self._delay_ms}))
            for op, args in self._queued:
                wire.send(parent, op, args)
            self._queued = []
            self._conn = parent
        return parent

    def _receive(self, conn) -> str:
        while True:
            if not conn.poll(RECV_S):
                if not self.process.is_alive():
                    return self._died()
                self._stats_due()
                continue
            try:
                kind, body = wire.recv(conn)
            except (EOFError, OSError):
                return self._died()
            if kind == "finished":
                return FinishReason(body)
            self._dispatch(kind, body)
            self._stats_due()

    def _stats_due(self) -> None:
        if self.stats is not None and self._running and self.stats.wants():
            self._want_snapshot("stats")

    def _on_snapshot(self, body: dict) -> None:
        with self._lock:
            who, self._snap_for, self._snap_pending = self._snap_for, set(), False
        params, step = body["params"], int(body["step"])
        if self.stats is not None and ("forced" in who or (
                ("stats" in who or self.stats.wants()) and step > 0)):
            self.stats.offer({k: a.copy() for k, a in params.items()} if "panels" in who else params,
                             step, float(body.get("weight_decay", 0.0)), force="forced" in who)
        if "panels" in who:
            self.snapshot_ready.emit(params, step)

    def _dispatch(self, kind: str, body) -> None:
        if kind == "steps":
            self.step = int(body["step"][-1])
            self.steps_ready.emit(body)
        elif kind == "epochs":
            for epoch in body:                     # (they follow the steps that came with them)
                self.step = max(self.step, int(epoch["step"]))
                self.epoch_ready.emit(epoch)
        elif kind == "snapshot":
            self._on_snapshot(body)
        elif kind == "setting_applied":
            self.setting_applied.emit(body["name"], body["value"], int(body["step"]))
        elif kind == "paused":
            self._running = not body
            if body and self.stats is not None and self.stats.last_step != self.step > 0:
                self._want_snapshot("forced")      # statistics where it paused
            self.paused.emit(bool(body))
        elif kind == "diverged":
            self.step = int(body["step"])
            self.diverged.emit(body)
        elif kind == "saved":
            self.saved.emit(body["kind"], body["path"], body["error"])
        elif kind == "save_state":
            self._save_run(body["path"], body["state"])
        elif kind == "warning":
            self.warning.emit(str(body))
        elif kind == "error":
            self.error.emit(str(body))
        elif kind == "state":
            self.final_state = body
        elif kind == "timing":
            self.timing = dict(body, reader_cpu_s=time.thread_time())
        elif kind == "ready":
            self.ready_at, self.build_s = time.perf_counter(), float(body["build_s"])

    def _save_run(self, path: str, state: dict) -> None:
        """Write a run file from the process's state (a trainer of its own: the GUI's is stale)."""
        with self._lock:
            runs = self._runs.pop(path, None)
        t = self.trainer
        try:
            copy = trainer_transfer.build_trainer(t.net.spec, t.net.dtype.str, t.data, state)
            checkpoint.save_run(copy, path, runs=runs)
            self.saved.emit("run", path, "")
        except (ValueError, OSError) as e:
            self.saved.emit("run", path, str(e))

    def _died(self) -> str:
        self.process.join(JOIN_S)
        if self._stopping and self.process.exitcode == 0:
            return FinishReason.STOPPED
        self.error.emit(QCoreApplication.translate(
            "TrainingWorker", "The training process ended unexpectedly (exit code {0}). The "
            "network keeps the weights it had when this run started.").format(self.process.exitcode))
        return FinishReason.ERROR

    def _end_process(self) -> None:
        with self._lock:
            self._conn = None
            self._queued = []
        p = self.process
        if p is not None:
            p.join(JOIN_S)
            if p.is_alive():
                p.kill()
                p.join(JOIN_S)
            p.close()
        if self._parent is not None:
            self._parent.close()
