"""The training controller: owns the data set, the model and the worker thread.

Panels never see the live network. The controller hands them copies
(``model_changed(spec, params)``, ``snapshot(params, step)``) and forwards the
worker's signals. While a worker thread exists (running *or* paused) the run
trains in the worker's process and the controller's trainer is stale; the
controller reaches the run through the worker's thread-safe methods.

``TrainingController`` is the one object the main window and the panels talk to;
its jobs live in their own modules:

- ``gui.model_setup``    the data set and the network (load, build, reset)
- ``gui.model_files``    open and save models and runs
- ``gui.run_lifecycle``  start, pause, step, stop the worker thread; its end
- ``gui.signal_relay``   the worker's signals, with step/epoch numbers made global
- ``gui.run_keeping``    every run kept for comparison (the runs table, the overlays)

This module holds the signals, the state and the run settings.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from core import data, live_settings
from core.live_settings import RunSettings
from core.network import Network
from core.trainer import Trainer

from . import training_gc
from .model_files import ModelFiles
from .model_setup import ModelSetup
from .run_keeping import RunKeeping
from .run_lifecycle import RunLifecycle
from .run_state import RunState
from .signal_relay import SignalRelay
from .throttle import draw_budget
from .worker import TrainingWorker

__all__ = ["RunSettings", "RunState", "TrainingController"]


class TrainingController(ModelSetup, ModelFiles, RunLifecycle, SignalRelay, RunKeeping, QObject):
    dataset_changed = Signal(object)          # core.data.Dataset
    model_changed = Signal(object, object)    # (spec, params copy)
    snapshot = Signal(object, int)            # (params copy, step)
    stats = Signal(object, int)
    steps_ready = Signal(object)              # batched per-step arrays (global step numbers)
    epoch_ready = Signal(object)              # dict of one epoch's metrics (global epoch/step)
    setting_changed = Signal(str, object, int)  # a live change, and the step it applies to
    state_changed = Signal(object)            # a RunState
    diverged = Signal(object)
    run_finished = Signal(object)             # the worker's FinishReason
    saved = Signal(str, str)                  # (kind "model" or "run", path) once written
    settings_shown = Signal(object)           # the RunSettings changed to match the run: show them
    runs_changed = Signal(object)             # gui.run_keeping.RunsView: the runs kept for comparison
    message = Signal(str)                     # informational line for the status bar
    error = Signal(str)                       # something failed; nothing was changed

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = RunSettings()
        self.dataset: data.Dataset | None = None
        self.net: Network | None = None
        self.state = RunState.IDLE
        self.thread: QThread | None = None
        self.worker: TrainingWorker | None = None
        self.step_offset = 0                  # steps of earlier runs on this model
        self.epoch_offset = 0
        self._snapshot_in_flight = False
        self._stats_in_flight = False
        self.stats_rate_of: Callable[[], float] | None = None   # set by the window (gui.stats_rate)
        self._last_diverged: dict | None = None
        self._trainer: Trainer | None = None  # the model's run: running, stopped, finished or opened
        self._epoch_base = 0                  # epochs done when the current Start's epochs began
        self._saved_at = 0                    # steps_done when the model was last saved or opened
        self._init_run_keeping()

    def set_setting(self, name: str, value) -> bool:
        """Change a run setting (``core.live_settings``); live ones reach a running worker
        at its next batch. A value outside the setting's range changes nothing and is
        reported through ``error``; an unknown name raises ValueError."""
        setting = live_settings.get(name)
        try:
            value = setting.check(value)
        except ValueError as e:
            self.error.emit(QCoreApplication.translate("TrainingController", "Setting not changed: {0}")
                            .format(e))
            return False
        setattr(self.settings, name, value)
        if setting.live and self.worker is not None:
            self.worker.set_setting(name, value)
        elif name == "dropout" and self.net is not None and not self.busy:
            # the network keeps its dropout rate between runs (a run does not set it)
            self.net.set_dropout(value)
        return True

    def _set_state(self, state: RunState) -> None:
        if state != self.state:
            self.state = state
            draw_budget().set_active(state == RunState.RUNNING)
            training_gc.set_training(state == RunState.RUNNING)
            self.state_changed.emit(state)
