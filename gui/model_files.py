"""Model and run files of the training controller: open and save a model (the
weights) or a whole run (weights, optimizer state, history).

On any error the current model stays as it was and ``error`` says why. While a
worker thread exists only it touches the network, so saving is handed to it and
done between two steps; ``saved(kind, path)`` reports success either way.

``ModelFiles`` is a part of ``gui.controller.TrainingController`` (a mixin).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core import checkpoint

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
            trainer = checkpoint.load_run(path, self.dataset)
        except ValueError as e:
            self.error.emit(str(e))
            return False
        self.stop(wait=True)
        self._install(trainer.net)
        self._loaded_trainer = trainer
        self.step_offset = 0
        self.message.emit(QCoreApplication.translate(
            "TrainingController", "Opened run {0}; press Start to continue it.").format(path))
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
            self.error.emit(QCoreApplication.translate(
                "TrainingController", "There is no training run to save yet; save the model instead."))
            return False
        try:
            checkpoint.save_run(trainer, path)
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
        if kind == "model":
            text = QCoreApplication.translate("TrainingController", "Saved model to {0}.")
        else:
            text = QCoreApplication.translate("TrainingController", "Saved run to {0}.")
        self.message.emit(text.format(path))
        self.saved.emit(kind, path)
