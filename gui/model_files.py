"""Model and run files of the training controller: open and save a model (the
weights) or a whole run (weights, optimizer state, history, and the runs kept for
comparison: ``gui.run_keeping``; opening a run file adds its kept runs to the comparison).

On any error the current model stays as it was and ``error`` says why. While a
worker thread exists the run trains in its process, so saving is handed to it and
done between two steps; ``saved(kind, path)`` reports success either way.

An opened run is shown as it was: its curves are replayed point for point through
the same signals training sends (``steps_ready``, ``epoch_ready``, ``setting_changed``
for its marks), its settings go into the controls (``settings_shown``), and Start
continues it.

``ModelFiles`` is a part of ``gui.controller.TrainingController`` (a mixin).
"""
from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import QCoreApplication

from core import checkpoint
from core.trainer import Trainer

from . import run_sync
from .model_setup import fits


class ModelFiles:
    def open_model(self, path: str) -> bool:
        """Load a saved model; on any error the current model stays as it was."""
        try:
            net = checkpoint.load_model(path)
            if self.dataset is not None and not fits(net.spec, self.dataset):
                raise ValueError(QCoreApplication.translate(
                    "TrainingController", "{0}: this model does not fit the {1} data set").format(
                    path, self.dataset.name))
        except ValueError as e:
            self.error.emit(str(e))
            return False
        self.stop(wait=True)
        self._install(net)
        self.message.emit(QCoreApplication.translate("TrainingController", "Opened {0}.").format(path))
        return True

    def open_run(self, path: str) -> bool:
        """Load a whole run (model, optimizer state, history); continue it with Start."""
        if self.dataset is None:
            return False
        try:
            trainer, kept = checkpoint.load_run_and_kept(path, self.dataset)
        except ValueError as e:
            self.error.emit(str(e))
            return False
        self.stop(wait=True)
        self._install(trainer.net)
        self._trainer = trainer
        self._saved_at = trainer.step
        run_sync.show_run_in_settings(trainer, self.settings, opened=True)
        self._epoch_base = trainer.config.epochs - self.settings.epochs
        self.settings_shown.emit(self.settings)
        self._begin_run()
        self.keep_runs_from_file(kept)
        self._replay(trainer)
        self.message.emit(QCoreApplication.translate(
            "TrainingController", "Opened run {0}; press Start to continue it.").format(path))
        return True

    def _replay(self, trainer: Trainer) -> None:
        """Send an opened run's history as training sent it: the same points, the same marks."""
        h = trainer.history
        if h.n_steps:
            cols = {k: v.copy() for k, v in h.step_columns().items()}
            cols["progress"] = cols.pop("epoch_progress")
            self.steps_ready.emit(cols)
        for ep in h.epochs:
            self.epoch_ready.emit(asdict(ep))
        for mark in h.marks:
            self.setting_changed.emit(mark.name, mark.value, mark.step)

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
            self.worker.request_save("run", path, self.runs_to_save())
            return True
        trainer = self._trainer
        if trainer is None:
            self.error.emit(QCoreApplication.translate(
                "TrainingController", "There is no training run to save yet; save the model instead."))
            return False
        try:
            checkpoint.save_run(trainer, path, runs=self.runs_to_save())
        except (ValueError, OSError) as e:
            self.error.emit(str(e))
            return False
        self._on_saved("run", path, "")
        return True

    def _on_saved(self, kind: str, path: str, err: str) -> None:
        """A save finished (here or on the worker thread); ``err`` is empty on success."""
        if err:
            self.error.emit(err)
            return
        self._saved_at = self.steps_done
        if kind == "model":
            text = QCoreApplication.translate("TrainingController", "Saved model to {0}.")
        else:
            text = QCoreApplication.translate("TrainingController", "Saved run to {0}.")
        self.message.emit(text.format(path))
        self.saved.emit(kind, path)
