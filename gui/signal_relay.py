"""Relaying the training worker's signals to the rest of the GUI.

Each run's worker counts steps and epochs from zero; the model may have been
trained before (``step_offset``/``epoch_offset`` count the earlier runs), so every
step and epoch number is shifted to the model's own count before it goes out.
Snapshot and statistics answers also clear the "request in flight" flags.

``SignalRelay`` is a part of ``gui.controller.TrainingController`` (a mixin). The
worker's signals are connected to its bound methods, so they run in the GUI thread.
"""
from __future__ import annotations

from .run_state import RunState
from .worker import TrainingWorker


class SignalRelay:
    def _relay_from(self, w: TrainingWorker) -> None:
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
            self._set_state(RunState.PAUSED if paused else RunState.RUNNING)

    def _on_diverged(self, info: dict) -> None:
        info = dict(info, step=info["step"] + self.step_offset)
        self._last_diverged = info
        self._set_state(RunState.PAUSED)
        self.diverged.emit(info)
