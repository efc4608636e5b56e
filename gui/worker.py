"""The training worker: iterates ``core.Trainer`` in a QThread.

GUI → worker: plain thread-safe methods (pause, resume, stop, step, change a
setting, ask for a snapshot …) that set flags under a lock; the loop checks
them once per mini-batch. Queued slots would never run: this thread's event
loop is busy inside ``run()``.

Worker → GUI: signals carrying copies. Per-batch scalars are collected and
emitted at most ``EMIT_HZ`` times a second on the worker's own clock; weight
snapshots are computed only when asked for. Layer statistics (given a probe
batch) are sampled by the worker itself, whatever the GUI shows: at most
every ``STATS_S`` seconds and at most ``STATS_SHARE`` of the training time
(a CNN's take longer), once more when the run pauses and when it ends.
``finished(reason)`` is always emitted, from a ``finally:``.
"""
from __future__ import annotations

import threading
import time
import traceback

import numpy as np
from PySide6.QtCore import QObject, Signal

from core import live_settings, threads
from core.live_settings import Target
from core.trainer import Diverged, Done, Epoch, Step, Trainer

from .run_state import FinishReason

EMIT_HZ = 10          # the plots redraw at most 10 times a second anyway
STATS_S = 0.25        # layer statistics at most 4 times a second ...
STATS_SHARE = 0.05    # ... and slower if computing them would cost more than 5 % of the time


class TrainingWorker(QObject):
    """Runs one training run; create a new worker for the next run."""

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

    def __init__(self, trainer: Trainer, probe: tuple[np.ndarray, np.ndarray] | None = None,
                 start_paused: bool = False):
        super().__init__()
        self.trainer = trainer
        self.probe = probe
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = False
        self._paused = start_paused
        self._budget: int | None = None       # steps to run before pausing again
        self._until_epoch_end = False
        self._pending: dict[str, object] = {}
        self._want_snapshot = False
        self._want_stats = False
        self._save: tuple[str, str, list | None] | None = None     # (kind, path, kept runs)
        self._recover_lr: float | None = None
        self._delay = 0.0
        self._stats_due = 0.0                 # perf_counter time of the next statistics sample
        self._stats_step = -1                 # the step of the last sample
        # set after every control change: the loop takes the lock only then, not every batch
        self._poked = True

    # -- thread-safe controls (called from the GUI thread) ------------------------------
    def pause(self) -> None:
        with self._lock:
            self._paused = True
        self._poke()

    def resume(self) -> None:
        with self._lock:
            self._paused, self._budget, self._until_epoch_end = False, None, False
        self._poke()

    def stop(self) -> None:
        with self._lock:
            self._stop = True
        self._poke()

    def step_batches(self, n: int = 1) -> None:
        """Run ``n`` mini-batches, then pause."""
        with self._lock:
            self._paused, self._budget, self._until_epoch_end = False, n, False
        self._poke()

    def step_epoch(self) -> None:
        """Run to the end of the current epoch, then pause."""
        with self._lock:
            self._paused, self._budget, self._until_epoch_end = False, None, True
        self._poke()

    def set_setting(self, name: str, value) -> None:
        """Change a live setting (``core.live_settings``). One that changes the trainer
        (lr, optimizer, batch_size, …) is checked and applied by ``Trainer.apply_setting``
        at the next batch (``setting_applied``, or ``warning`` if it was rejected); one that
        changes this loop (slow motion) applies at once."""
        setting = live_settings.get(name)
        if setting.target is Target.WORKER:
            getattr(self, setting.setter)(setting.check(value))
            return
        if setting.target is not Target.TRAINER:
            raise ValueError(f"{setting.label} ({name}) cannot change while training runs")
        with self._lock:
            self._pending[name] = value
        self._poke()

    def set_delay_ms(self, ms: int) -> None:
        """Slow motion: wait this many milliseconds after every step."""
        with self._lock:
            self._delay = max(0.0, ms / 1000.0)
        self._poke()

    def request_snapshot(self) -> None:
        with self._lock:
            self._want_snapshot = True
        self._poke()

    def request_stats(self) -> None:
        with self._lock:
            self._want_stats = True
        self._poke()

    def request_save(self, kind: str, path: str, runs: list | None = None) -> None:
        """Save the model or the whole run between two steps (answered by ``saved``); ``runs``:
        the kept runs a run file also holds (a copy the worker may read)."""
        with self._lock:
            self._save = (kind, path, runs)
        self._poke()

    def recover(self, lr: float) -> None:
        """After ``diverged``: restore the last good weights, continue with ``lr``."""
        with self._lock:
            self._recover_lr = lr
            self._paused = False
        self._poke()

    def _poke(self) -> None:
        """Tell the loop to look at the controls (after they were written, under the lock)."""
        self._poked = True
        self._wake.set()

    # -- the loop (worker thread) --------------------------------------------------------
    def run(self) -> None:
        threads.set_blas_threads(1)
        reason = FinishReason.ERROR
        self._buf: list[tuple] = []
        self._last_emit = time.perf_counter()
        gen = self.trainer.run()
        try:
            reason = self._loop(gen)
        except Exception as e:                      # reported, never raised in the thread
            traceback.print_exc()
            self.error.emit(f"{type(e).__name__}: {e}")
            reason = FinishReason.ERROR
        finally:
            gen.close()
            self._flush()
            if reason != FinishReason.ERROR:
                self._sample_stats()              # where the run ended
            self.finished.emit(reason)

    def _loop(self, gen) -> FinishReason:
        was_paused = diverged = stop = paused = False
        delay = 0.0
        while True:
            if self._poked:             # a plain read: the lock only when a control changed
                self._poked = False     # (cleared before reading, so no change is missed)
                self._serve_requests()
                with self._lock:
                    stop, paused, delay = self._stop, self._paused, self._delay
                    recover, self._recover_lr = self._recover_lr, None
                if stop:
                    return FinishReason.DIVERGED if diverged else FinishReason.STOPPED
                if recover is not None and diverged:
                    self.trainer.recover(recover)
                    diverged = False
                self._apply_settings()
            if paused:
                if not was_paused:
                    self._flush()
                    self._sample_stats()          # where it paused
                    self.paused.emit(True)
                    was_paused = True
                self._wake.wait(0.05)
                self._wake.clear()
                continue
            if was_paused:
                self.paused.emit(False)
                was_paused = False
            try:
                ev = next(gen)
            except StopIteration:
                return FinishReason.COMPLETED
            if isinstance(ev, Step):
                self._buf.append((ev.step, ev.epoch, ev.loss, ev.acc, ev.lr, ev.epoch_progress,
                                  ev.batch_size))
                if self._budget is not None:
                    with self._lock:
                        if self._budget is not None:
                            self._budget -= 1
                            if self._budget <= 0:
                                self._paused, self._budget = True, None
                                paused = True
                if delay:
                    self._flush()
                    self._wake.wait(delay)
                    self._wake.clear()
            elif isinstance(ev, Epoch):
                self._flush()
                self.epoch_ready.emit(dict(ev.__dict__))
                with self._lock:
                    if self._until_epoch_end:
                        self._paused, self._until_epoch_end = True, False
                        paused = True
            elif isinstance(ev, Diverged):
                self._flush()
                diverged = True
                self.diverged.emit({**ev.__dict__, "lr": self.trainer.lr})
                with self._lock:
                    self._paused = True          # wait for recover() or stop()
                paused = True
            elif isinstance(ev, Done):
                return FinishReason(ev.reason)
            now = time.perf_counter()
            if now - self._last_emit >= 1.0 / EMIT_HZ:
                self._flush()
            if now >= self._stats_due:
                self._sample_stats()

    def _flush(self) -> None:
        self._last_emit = time.perf_counter()
        if not self._buf:
            return
        cols = list(zip(*self._buf, strict=True))
        self._buf = []
        names = ("step", "epoch", "loss", "acc", "lr", "progress", "batch_size")
        self.steps_ready.emit({k: np.array(v) for k, v in zip(names, cols, strict=True)})

    def _sample_stats(self, force: bool = False) -> None:
        """Layer statistics of the probe batch now (unless this step has some already), and
        when the next are due: they may take at most STATS_SHARE of the time."""
        step = self.trainer.step
        if self.probe is None or (not force and step in (0, self._stats_step)):
            return
        from core import layer_stats
        try:
            stats = layer_stats.layer_stats(self.trainer.net, *self.probe)
        except Exception as e:                    # statistics are optional; training goes on
            self.probe = None
            self.warning.emit(f"layer statistics failed: {e}")
            return
        self._stats_step = step
        self._stats_due = time.perf_counter() + max(STATS_S, stats["seconds"] / STATS_SHARE)
        self.stats_ready.emit(stats, step)

    def _apply_settings(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        for name, value in pending.items():
            try:
                value = self.trainer.apply_setting(name, value)
            except ValueError as e:
                self.warning.emit(str(e))
                continue
            self.setting_applied.emit(name, value, self.trainer.step + 1)

    def _serve_requests(self) -> None:
        with self._lock:
            snap, self._want_snapshot = self._want_snapshot, False
            stats, self._want_stats = self._want_stats, False
            save, self._save = self._save, None
        net = self.trainer.net
        if snap:
            self.snapshot_ready.emit(net.snapshot(), self.trainer.step)
        if stats:
            self._sample_stats(force=True)
        if save:
            from core import checkpoint
            kind, path, runs = save
            try:
                if kind == "run":
                    checkpoint.save_run(self.trainer, path, runs=runs)
                else:
                    checkpoint.save_model(net, path)
                self.saved.emit(kind, path, "")
            except (ValueError, OSError) as e:
                self.saved.emit(kind, path, str(e))
