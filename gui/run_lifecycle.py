"""The life of a training run: start a worker in its own QThread, pause, resume,
step, stop, recover from divergence, and take the thread down when it ends.

While a worker thread exists (running *or* paused) only that thread touches the
network; these methods reach it through the worker's thread-safe controls. When
the worker finishes, the thread is joined, the step/epoch offsets grow by the
run's length and the panels get a final snapshot.

``RunLifecycle`` is a part of ``gui.controller.TrainingController`` (a mixin).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread

from core import live_settings
from core.live_settings import Target
from core.trainer import Config, Trainer

from . import worker_registry
from .run_state import FinishReason, RunState
from .worker import TrainingWorker

PROBE_SIZE = 256        # samples for layer statistics; conv nets use fewer (they cost more)
PROBE_SIZE_CONV = 64


class RunLifecycle:
    @property
    def busy(self) -> bool:
        """A worker thread exists (training runs or is paused)."""
        return self.thread is not None

    def start(self, paused: bool = False) -> bool:
        """Start a run (a fresh one, or the one opened from a file); resume a paused one."""
        if self.busy:
            if self.state == RunState.PAUSED:
                self.resume()
            return True
        if self.net is None or self.dataset is None:
            return False
        trainer, self._loaded_trainer = self._loaded_trainer, None
        try:
            trainer = trainer or self._new_trainer()
        except ValueError as e:
            self.error.emit(str(e))
            return False
        self.worker = TrainingWorker(trainer, self._probe(trainer), start_paused=paused)
        for setting in live_settings.for_target(Target.WORKER):
            self.worker.set_setting(setting.name, getattr(self.settings, setting.name))
        self.thread = worker_registry.register(QThread())
        self.thread.setObjectName("TrainingThread")
        self.worker.moveToThread(self.thread)
        self._relay_from(self.worker)
        self.thread.started.connect(self.worker.run)
        self._trainer = trainer
        self._snapshot_in_flight = self._stats_in_flight = False
        self.thread.start()
        self._set_state(RunState.PAUSED if paused else RunState.RUNNING)
        return True

    def _new_trainer(self) -> Trainer:
        s = self.settings
        config = Config(epochs=s.epochs, batch_size=s.batch_size, optimizer=s.optimizer, lr=s.lr,
                        optimizer_args=live_settings.optimizer_args(s), lr_decay=s.lr_decay,
                        weight_decay=s.weight_decay, val_fraction=s.val_fraction, seed=s.seed)
        return Trainer(self.net, self.dataset, config)

    def _probe(self, trainer: Trainer):
        """A few validation samples (training ones if there are none) for layer statistics."""
        conv = any(layer.diagram == "block" for layer in self.net.layers)   # feature maps cost more
        k = PROBE_SIZE_CONV if conv else PROBE_SIZE
        idx = trainer.val_idx[:k] if len(trainer.val_idx) else trainer.train_idx[:k]
        return self.dataset.gather("train", idx)

    def pause(self) -> None:
        if self.worker is not None:
            self.worker.pause()

    def resume(self) -> None:
        if self.worker is not None:
            self.worker.resume()
            self._set_state(RunState.RUNNING)

    def toggle_pause(self) -> None:
        if self.state == RunState.RUNNING:
            self.pause()
        elif self.state == RunState.PAUSED:
            self.resume()

    def step_batch(self) -> None:
        self.step_batches(1)

    def step_batches(self, n: int) -> None:
        """Train ``n`` mini-batches, then pause (starting a paused run if none exists)."""
        if not self.busy and not self.start(paused=True):
            return
        self.worker.step_batches(n)
        self._set_state(RunState.RUNNING)

    @property
    def trainer_step(self) -> int:
        """Steps of the current (or last) run, counted from its start; 0 before any run."""
        return self._trainer.step if self._trainer is not None else 0

    def step_epoch(self) -> None:
        if not self.busy and not self.start(paused=True):
            return
        self.worker.step_epoch()
        self._set_state(RunState.RUNNING)

    def stop(self, wait: bool = False, timeout_ms: int = 5000) -> bool:
        """Ask the worker to stop; with ``wait`` join its thread (True if it ended)."""
        if self.worker is not None:
            self.worker.stop()
        if wait and self.thread is not None:
            # the thread's event loop ends as soon as run() returns; _on_finished, queued to
            # this (blocked) thread, cannot be the one to quit it
            self.thread.quit()
            ok = self.thread.wait(timeout_ms)
            QCoreApplication.sendPostedEvents(self)    # deliver the queued finished signal
            if self.thread is not None and ok:
                self._on_finished(FinishReason.STOPPED)
            return ok
        return True

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop and join the worker (window closing)."""
        return self.stop(wait=True, timeout_ms=timeout_ms)

    def halve_lr_and_continue(self) -> None:
        """After divergence: go back to the last good weights with half the learning rate."""
        if self.worker is None or self._last_diverged is None:
            return
        lr = self._last_diverged["lr"] / 2
        self.settings.lr = lr
        self.worker.recover(lr)
        self._last_diverged = None
        self.setting_changed.emit("lr", lr, self.step_offset + self._trainer.step + 1)
        self._set_state(RunState.RUNNING)

    def request_snapshot(self) -> None:
        """Ask the worker for a copy of the weights; at most one request in flight."""
        if self.worker is not None and not self._snapshot_in_flight:
            self._snapshot_in_flight = True
            self.worker.request_snapshot()

    def request_stats(self) -> None:
        """Ask the worker for layer statistics; at most one request in flight."""
        if self.worker is not None and not self._stats_in_flight:
            self._stats_in_flight = True
            self.worker.request_stats()

    def _on_finished(self, reason: str) -> None:
        """The worker's run() returned: join the thread, hand out the final weights."""
        if self.thread is None:
            return
        self.thread.quit()
        self.thread.wait()
        trainer = self._trainer
        self.step_offset += trainer.step
        self.epoch_offset += trainer.epoch
        self._finished_trainer = trainer
        self.worker.deleteLater()
        self.thread.deleteLater()
        self.worker = self.thread = None
        self._snapshot_in_flight = self._stats_in_flight = False
        self._last_diverged = None
        self._set_state(RunState.FINISHED)
        # the network is ours again: hand out a final snapshot
        self.snapshot.emit(self.net.snapshot(), self.step_offset)
        self.run_finished.emit(FinishReason(reason))
