"""The life of a training run: start a worker in its own QThread, pause, resume,
step, stop, recover from divergence, and take the thread down when it ends.

The worker trains in a process of its own (``gui.worker``); while it exists (running
*or* paused) the controller's trainer is stale (the panels draw snapshots) and these
methods reach the run through the worker's thread-safe controls. When the worker
finishes (the trainer has taken the run's final state), the thread is joined and
the panels get a final snapshot.

Start continues the model's run where it stopped (the same epoch, data order and
optimizer state; a finished run for another ``epochs`` epochs), after bringing it
up to date with the controls (``gui.run_sync``). Only Reset weights, a new or
opened model, another data set, seed or validation split start a new run; the
step and epoch numbers of a new run on weights trained before go on from the
old run's (``step_offset``/``epoch_offset``).

``RunLifecycle`` is a part of ``gui.controller.TrainingController`` (a mixin).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread

from core import live_settings
from core.live_settings import Target
from core.trainer import Config, Trainer

from . import run_sync, worker_registry
from .run_state import FinishReason, RunState
from .throttle import draw_budget
from .worker import TrainingWorker

PROBE_SIZE = 256        # samples for layer statistics; conv nets use fewer (they cost more)
PROBE_SIZE_CONV = 64


class RunLifecycle:
    @property
    def busy(self) -> bool:
        """A worker thread exists (training runs or is paused)."""
        return self.thread is not None

    def start(self, paused: bool = False) -> bool:
        """Train: continue the model's run (or begin one); resume a paused one."""
        if self.busy:
            if self.state == RunState.PAUSED:
                self.resume()
            return True
        if self.net is None or self.dataset is None:
            return False
        try:
            trainer = self._trainer_to_train()
        except ValueError as e:
            self.error.emit(str(e))
            return False
        self.worker = TrainingWorker(trainer, self._probe(trainer), start_paused=paused,
                                     stats_rate=self.stats_rate())
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

    def _trainer_to_train(self) -> Trainer:
        """The run Start trains: the current one, brought up to date with the controls and
        given ``settings.epochs`` more epochs if it had finished; or a new one."""
        s, t = self.settings, self._trainer
        if t is not None and t.net is self.net and t.data is self.dataset \
                and (t.config.seed, t.config.val_fraction, t.config.max_train) \
                == (s.seed, s.val_fraction, s.train_size or None):
            if t.finished:
                self._epoch_base = t.epochs_done
            t.set_epochs(self._epoch_base + s.epochs)
            base = self.step_offset + t.step + 1
            for name, value in run_sync.bring_run_up_to_date(t, s):
                self.setting_changed.emit(name, value, base)
            return t
        t_new = self._new_trainer()
        if t is not None and t.net is self.net:   # new run, same weights: the numbering goes on
            self.step_offset += t.step
            self.epoch_offset += t.epoch
        self._epoch_base = 0
        return t_new

    def _new_trainer(self) -> Trainer:
        s = self.settings
        config = Config(epochs=s.epochs, batch_size=s.batch_size, optimizer=s.optimizer, lr=s.lr,
                        optimizer_args=live_settings.optimizer_args(s), lr_decay=s.lr_decay,
                        weight_decay=s.weight_decay, val_fraction=s.val_fraction, seed=s.seed,
                        max_train=s.train_size or None, patience=s.patience or None)
        return Trainer(self.net, self.dataset, config)

    @property
    def best_epoch(self) -> int | None:
        """The epoch (numbered as the plots do) with the lowest validation loss of the run."""
        t = self._trainer
        return None if t is None or t.best_epoch is None else t.best_epoch + self.epoch_offset

    def restore_best_epoch(self) -> int | None:
        """Between runs: put back the weights of the epoch with the lowest validation loss."""
        if self.busy or self.best_epoch is None:
            return None
        t = self._trainer
        t.restore_best()
        self.snapshot.emit(self.net.snapshot(), self.steps_done)
        self.message.emit(QCoreApplication.translate(
            "TrainingController", "Weights of epoch {0} restored: its validation loss, {1:.4f}, was "
            "the lowest of the run.").format(self.best_epoch, t.best_val_loss))
        return self.best_epoch

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
        """Steps of the current (or last) run, counted from its start; 0 before any run. While
        the run trains (in its own process) the last step it reported."""
        if self.worker is not None:
            return self.worker.step
        return self._trainer.step if self._trainer is not None else 0

    @property
    def steps_done(self) -> int:
        """Mini-batches the model has been trained on, over all its runs."""
        return self.step_offset + self.trainer_step

    @property
    def has_run(self) -> bool:
        """There is a run to save or continue (the model has trained, or a run was opened)."""
        return self._trainer is not None

    @property
    def saved_at(self) -> int:
        """``steps_done`` when the model was last saved, opened or built."""
        return self._saved_at

    @property
    def unsaved(self) -> bool:
        """The network has trained since it was built, opened or last saved."""
        return self.net is not None and self.steps_done > self._saved_at

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
        self.setting_changed.emit("lr", lr, self.steps_done + 1)
        self._set_state(RunState.RUNNING)

    def request_snapshot(self) -> None:
        """Ask the worker for a copy of the weights; at most one request in flight."""
        if self.worker is not None and not self._snapshot_in_flight:
            self._snapshot_in_flight = True
            self.worker.request_snapshot()

    def stats_rate(self) -> float:
        """Layer statistics a second while training runs: as often as frames (the window
        replaces this with what the panels shown want, ``gui.stats_rate``)."""
        return self.stats_rate_of() if self.stats_rate_of is not None else draw_budget().rate

    def stats_rate_changed(self) -> None:
        """The panels shown changed: a running worker takes the new rate."""
        if self.worker is not None:
            self.worker.set_stats_rate(self.stats_rate())

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
        self.worker.deleteLater()
        self.thread.deleteLater()
        self.worker = self.thread = None
        self._snapshot_in_flight = self._stats_in_flight = False
        self._last_diverged = None
        self._set_state(RunState.FINISHED)
        # the network is ours again: hand out a final snapshot
        self.snapshot.emit(self.net.snapshot(), self.steps_done)
        # what the run uses now (a decayed learning rate …) is what the controls show
        run_sync.show_run_in_settings(self._trainer, self.settings)
        self.settings_shown.emit(self.settings)
        self.run_finished.emit(FinishReason(reason))
