"""The data set and the network of the training controller: loading a data set,
building a network from a spec, installing it, re-drawing its weights.

``ModelSetup`` is a part of ``gui.controller.TrainingController`` (a mixin): it uses
the controller's ``settings``, ``busy``, ``stop()``, signals and ``_set_state``.
"""
from __future__ import annotations

import copy

import numpy as np
from PySide6.QtCore import QCoreApplication

from core import data, presets
from core import spec as spec_mod
from core.network import Network

from .run_state import RunState


def default_spec_for(dataset: data.Dataset) -> dict:
    """The preset network for a data set: the MLP for images, the small one for toy sets."""
    spec = presets.get("mlp" if dataset.is_image else "toy")
    spec["input_shape"] = list(dataset.input_shape)
    if spec["layers"][-1].get("units") != dataset.n_classes:
        spec["layers"][-1]["units"] = dataset.n_classes
    return spec


def fits(spec: dict, dataset: data.Dataset) -> bool:
    """Whether a network of ``spec`` can train on ``dataset`` (inputs and classes)."""
    if int(np.prod(spec["input_shape"])) != int(np.prod(dataset.input_shape)):
        return False
    try:
        spec_mod.validate(spec, dataset.n_classes)
    except ValueError:
        return False
    return True


class ModelSetup:
    def load_dataset(self, name: str, confirm_replace=None) -> bool:
        """Switch data set; keeps the model if it fits, else builds the default one (if
        ``confirm_replace()``, when given, says the current model may go)."""
        if self.busy:
            self.error.emit(QCoreApplication.translate(
                "TrainingController", "Stop training before changing the data set."))
            return False
        try:
            ds = data.load_named(name, self.settings.seed)
        except (ValueError, OSError) as e:
            self.error.emit(QCoreApplication.translate(
                "TrainingController", "Could not load the data set: {0}").format(e))
            return False
        replace = self.net is None or not fits(self.net.spec, ds)
        if replace and self.net is not None and confirm_replace is not None and not confirm_replace():
            return False
        self.dataset = ds
        self.settings.dataset = name
        self.dataset_changed.emit(ds)
        if replace:
            self.build_model(default_spec_for(ds), self.settings.seed)
        return True

    def build_model(self, spec: dict, seed: int | None = None) -> bool:
        """Apply an architecture: a fresh network with the given seed."""
        if self.busy:
            self.error.emit(QCoreApplication.translate(
                "TrainingController", "Stop training before rebuilding the network."))
            return False
        seed = self.settings.seed if seed is None else int(seed)
        try:
            n_classes = self.dataset.n_classes if self.dataset else None
            spec = spec_mod.validate(spec, n_classes)
            net = Network.from_spec(spec, rng=np.random.default_rng(seed))
            if self.dataset is not None:
                net.check_input(self.dataset.as_float(self.dataset.x_train[:1]))
        except ValueError as e:
            self.error.emit(QCoreApplication.translate(
                "TrainingController", "Invalid network: {0}").format(e))
            return False
        self._install(net)
        return True

    def _install(self, net: Network) -> None:
        """Make ``net`` the model: no run yet, history cleared, panels get a copy."""
        self.net = net
        self._trainer = None
        self.step_offset = self.epoch_offset = self._epoch_base = self._saved_at = 0
        self._set_state(RunState.IDLE)
        self.model_changed.emit(copy.deepcopy(net.spec), net.snapshot())

    def reset_weights(self) -> None:
        """Re-draw the weights with the current seed (and clear the history)."""
        if self.net is None:
            return
        self.stop(wait=True)
        self.net.init_parameters(np.random.default_rng(self.settings.seed))
        self._install(self.net)
        self.message.emit(QCoreApplication.translate(
            "TrainingController", "Weights re-initialised with seed {0}.").format(self.settings.seed))
