"""The training controller: owns the data set, the model and the worker thread.

Panels never see the live network. The controller hands them copies
(``model_changed(spec, params)``, ``snapshot(params, step)``) and forwards the
worker's signals. While a worker thread exists (running *or* paused) only that
thread touches the network; the controller reaches it through the worker's
thread-safe methods.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, fields

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from core import checkpoint, data, presets
from core import spec as spec_mod
from core.network import Network
from core.trainer import Config, Trainer

from . import worker_registry
from .throttle import draw_budget
from .worker import TrainingWorker

PROBE_SIZE = 256        # samples for layer statistics; conv nets use fewer (they cost more)
PROBE_SIZE_CONV = 64


def tr(text: str) -> str:
    return QCoreApplication.translate("TrainingController", text)


@dataclass
class RunSettings:
    """Everything the training controls set; saved in QSettings between launches."""

    dataset: str = "mnist"          # "mnist", a toy set name, or a folder of IDX files
    optimizer: str = "adam"
    lr: float = 0.001
    batch_size: int = 64
    epochs: int = 5
    weight_decay: float = 0.0
    dropout: float = 0.0            # applied to every dropout layer once changed; until then
    #                                 the rate in the architecture stands
    seed: int = 0
    val_fraction: float = 0.1
    delay_ms: int = 0               # slow motion: pause after every step

    LIVE = ("optimizer", "lr", "batch_size", "weight_decay", "dropout")

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def default_spec_for(dataset: data.Dataset) -> dict:
    spec = presets.get("mlp" if dataset.is_image else "toy")
    spec["input_shape"] = list(dataset.input_shape)
    if spec["layers"][-1].get("units") != dataset.n_classes:
        spec["layers"][-1]["units"] = dataset.n_classes
    return spec


def _fits(spec: dict, dataset: data.Dataset) -> bool:
    if int(np.prod(spec["input_shape"])) != int(np.prod(dataset.input_shape)):
        return False
    try:
        spec_mod.validate(spec, dataset.n_classes)
    except ValueError:
        return False
    return True


class TrainingController(QObject):
    dataset_changed = Signal(object)          # core.data.Dataset
    model_changed = Signal(object, object)    # (spec, params copy)
    snapshot = Signal(object, int)            # (params copy, step)
    stats = Signal(object, int)
    steps_ready = Signal(object)              # batched per-step arrays (global step numbers)
    epoch_ready = Signal(object)              # dict of one epoch's metrics (global epoch/step)
    setting_changed = Signal(str, object, int)  # a live change, and the step it applies to
    state_changed = Signal(str)               # "idle", "running", "paused", "finished"
    diverged = Signal(object)
    run_finished = Signal(str)                # the worker's reason
    saved = Signal(str, str)                  # (kind "model" or "run", path) once written
    message = Signal(str)                     # informational line for the status bar
    error = Signal(str)                       # something failed; nothing was changed

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = RunSettings()
        self.dataset: data.Dataset | None = None
        self.net: Network | None = None
        self.state = "idle"
        self.thread: QThread | None = None
        self.worker: TrainingWorker | None = None
        self.step_offset = 0                  # steps of earlier runs on this model
        self.epoch_offset = 0
        self._snapshot_in_flight = False
        self._stats_in_flight = False
        self._last_diverged: dict | None = None
        self._trainer: Trainer | None = None           # the running (or last) run
        self._loaded_trainer: Trainer | None = None    # a run opened from a file, not yet continued
        self._finished_trainer: Trainer | None = None

    # -- data and model --------------------------------------------------------------------
    def load_dataset(self, name: str) -> bool:
        """Switch data set; keeps the model if it fits, else builds the default one."""
        if self.busy:
            self.error.emit(tr("Stop training before changing the data set."))
            return False
        try:
            if name == "mnist":
                ds = data.load_mnist()
            elif name in data.TOY_SETS:
                ds = data.make_toy(name, n=600, noise=0.1, rng=np.random.default_rng(self.settings.seed))
            else:
                ds = data.load_idx_folder(name)
        except (ValueError, OSError) as e:
            self.error.emit(tr("Could not load the data set: {0}").format(e))
            return False
        self.dataset = ds
        self.settings.dataset = name
        self.dataset_changed.emit(ds)
        if self.net is None or not _fits(self.net.spec, ds):
            self.build_model(default_spec_for(ds), self.settings.seed)
        return True

    def build_model(self, spec: dict, seed: int | None = None) -> bool:
        """Apply an architecture: a fresh network with the given seed."""
        if self.busy:
            self.error.emit(tr("Stop training before rebuilding the network."))
            return False
        seed = self.settings.seed if seed is None else int(seed)
        try:
            n_classes = self.dataset.n_classes if self.dataset else None
            spec = spec_mod.validate(spec, n_classes)
            net = Network.from_spec(spec, rng=np.random.default_rng(seed))
            if self.dataset is not None:
                net._prepare(self.dataset.as_float(self.dataset.x_train[:1]))
        except ValueError as e:
            self.error.emit(tr("Invalid network: {0}").format(e))
            return False
        self._install(net)
        return True

    def _install(self, net: Network) -> None:
        self.net = net
        self._loaded_trainer = self._finished_trainer = None
        self.step_offset = self.epoch_offset = 0
        self._set_state("idle")
        self.model_changed.emit(copy.deepcopy(net.spec), net.snapshot())

    def reset_weights(self) -> None:
        """Re-draw the weights with the current seed (and clear the history)."""
        if self.net is None:
            return
        self.stop(wait=True)
        self.net.init_parameters(np.random.default_rng(self.settings.seed))
        self._install(self.net)
        self.message.emit(tr("Weights re-initialised with seed {0}.").format(self.settings.seed))

    def open_model(self, path: str) -> bool:
        """Load a saved model; on any error the current model stays as it was."""
        try:
            net = checkpoint.load_model(path)
            if self.dataset is not None and not _fits(net.spec, self.dataset):
                raise ValueError(tr("{0}: this model does not fit the {1} data set").format(
                    path, self.dataset.name))
        except ValueError as e:
            self.error.emit(str(e))
            return False
        self.stop(wait=True)
        self._install(net)
        self.message.emit(tr("Opened {0}.").format(path))
        return True

    def open_run(self, path: str) -> bool:
        """Load a whole run (model, optimizer state, history); continue it with Start."""
        if self.dataset is None:
            return False
        try:
            trainer = checkpoint.load_run(path, self.dataset)
        except ValueError as e:
            self.error.emit(str(e))
            return False
        self.stop(wait=True)
        self._install(trainer.net)
        self._loaded_trainer = trainer
        self.step_offset = 0
        self.message.emit(tr("Opened run {0}; press Start to continue it.").format(path))
        return True

    def save_model(self, path: str) -> bool:
        """Save the current weights; while a worker exists it saves them between two steps
        and ``saved`` reports the outcome."""
        if self.net is None:
            return False
        if self.worker is not None:
            self.worker.request_save("model", path)
            return True
        try:
            checkpoint.save_model(self.net, path)
        except (ValueError, OSError) as e:
            self.error.emit(str(e))
            return False
        self._on_saved("model", path, "")
        return True

    def save_run(self, path: str) -> bool:
        """Save the run (needs a training run; done on the worker thread if one exists)."""
        if self.worker is not None:
            self.worker.request_save("run", path)
            return True
        trainer = self._finished_trainer
        if trainer is None:
            self.error.emit(tr("There is no training run to save yet; save the model instead."))
            return False
        try:
            checkpoint.save_run(trainer, path)
        except (ValueError, OSError) as e:
            self.error.emit(str(e))
            return False
        self._on_saved("run", path, "")
        return True

    # -- settings ------------------------------------------------------------------------------
    def set_setting(self, name: str, value) -> None:
        """Change a setting; live ones reach a running worker at its next batch."""
        setattr(self.settings, name, value)
        if name == "delay_ms" and self.worker is not None:
            self.worker.set_delay(value / 1000.0)
        elif name in RunSettings.LIVE and self.worker is not None:
            self.worker.set_setting(name, value)
        elif name == "dropout" and self.net is not None and not self.busy:
            self.net.set_dropout(value)

    # -- running ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.thread is not None

    def start(self, paused: bool = False) -> bool:
        if self.busy:
            if self.state == "paused":
                self.resume()
            return True
        if self.net is None or self.dataset is None:
            return False
        s = self.settings
        trainer, self._loaded_trainer = self._loaded_trainer, None
        try:
            if trainer is None:
                config = Config(epochs=s.epochs, batch_size=s.batch_size, optimizer=s.optimizer,
                                lr=s.lr, weight_decay=s.weight_decay, val_fraction=s.val_fraction,
                                seed=s.seed)
                trainer = Trainer(self.net, self.dataset, config)
        except ValueError as e:
            self.error.emit(str(e))
            return False
        k = PROBE_SIZE_CONV if any(l["type"] == "conv2d" for l in self.net.spec["layers"]) else PROBE_SIZE
        probe_idx = trainer.val_idx[:k] if len(trainer.val_idx) else trainer.train_idx[:k]
        probe = self.dataset.gather("train", probe_idx)
        self.worker = TrainingWorker(trainer, probe, start_paused=paused)
        self.worker.set_delay(s.delay_ms / 1000.0)
        self.thread = worker_registry.register(QThread())
        self.thread.setObjectName("TrainingThread")
        self.worker.moveToThread(self.thread)
        w = self.worker
        w.steps_ready.connect(self._on_steps)
        w.epoch_ready.connect(self._on_epoch)
        w.snapshot_ready.connect(self._on_snapshot)
        w.stats_ready.connect(self._on_stats)
        w.setting_applied.connect(self._on_setting_applied)
        w.paused.connect(self._on_paused)
        w.diverged.connect(self._on_diverged)
        w.saved.connect(self._on_saved)
        w.warning.connect(self.message)
        w.error.connect(self.error)
        w.finished.connect(self._on_finished)
        self.thread.started.connect(w.run)
        self._trainer = trainer
        self._snapshot_in_flight = self._stats_in_flight = False
        self.thread.start()
        self._set_state("paused" if paused else "running")
        return True

    def pause(self) -> None:
        if self.worker is not None:
            self.worker.pause()

    def resume(self) -> None:
        if self.worker is not None:
            self.worker.resume()
            self._set_state("running")

    def toggle_pause(self) -> None:
        if self.state == "running":
            self.pause()
        elif self.state == "paused":
            self.resume()

    def step_batch(self) -> None:
        if not self.busy and not self.start(paused=True):
            return
        self.worker.step_batches(1)
        self._set_state("running")

    def step_epoch(self) -> None:
        if not self.busy and not self.start(paused=True):
            return
        self.worker.step_epoch()
        self._set_state("running")

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
                self._on_finished("stopped")
            return ok
        return True

    def halve_lr_and_continue(self) -> None:
        """After divergence: go back to the last good weights with half the learning rate."""
        if self.worker is None or self._last_diverged is None:
            return
        lr = self._last_diverged["lr"] / 2
        self.settings.lr = lr
        self.worker.recover(lr)
        self._last_diverged = None
        self.setting_changed.emit("lr", lr, self.step_offset + self._trainer.step + 1)
        self._set_state("running")

    def request_snapshot(self) -> None:
        if self.worker is None:
            return
        if not self._snapshot_in_flight:
            self._snapshot_in_flight = True
            self.worker.request_snapshot()

    def request_stats(self) -> None:
        if self.worker is not None and not self._stats_in_flight:
            self._stats_in_flight = True
            self.worker.request_stats()

    # -- worker signals (GUI thread) ----------------------------------------------------------------
    def _on_steps(self, cols: dict) -> None:
        cols["step"] = cols["step"] + self.step_offset
        cols["epoch"] = cols["epoch"] + self.epoch_offset
        self.steps_ready.emit(cols)

    def _on_epoch(self, ep: dict) -> None:
        ep = dict(ep, step=ep["step"] + self.step_offset, epoch=ep["epoch"] + self.epoch_offset)
        self.epoch_ready.emit(ep)

    def _on_snapshot(self, params, step) -> None:
        self._snapshot_in_flight = False
        self.snapshot.emit(params, step + self.step_offset)

    def _on_stats(self, stats, step) -> None:
        self._stats_in_flight = False
        self.stats.emit(stats, step + self.step_offset)

    def _on_setting_applied(self, name, value, step) -> None:
        self.setting_changed.emit(name, value, step + self.step_offset)

    def _on_paused(self, paused: bool) -> None:
        if self.worker is not None:
            self._set_state("paused" if paused else "running")

    def _on_diverged(self, info: dict) -> None:
        info = dict(info, step=info["step"] + self.step_offset)
        self._last_diverged = info
        self._set_state("paused")
        self.diverged.emit(info)

    def _on_saved(self, kind: str, path: str, err: str) -> None:
        if err:
            self.error.emit(err)
            return
        text = tr("Saved model to {0}.") if kind == "model" else tr("Saved run to {0}.")
        self.message.emit(text.format(path))
        self.saved.emit(kind, path)

    def _on_finished(self, reason: str) -> None:
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
        self._set_state("finished")
        # the network is ours again: hand out a final snapshot
        self.snapshot.emit(self.net.snapshot(), self.step_offset)
        self.run_finished.emit(reason)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            draw_budget().set_active(state == "running")
            self.state_changed.emit(state)

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop and join the worker (window closing)."""
        return self.stop(wait=True, timeout_ms=timeout_ms)
