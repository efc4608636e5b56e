"""Keeping every training run for comparison (issue 17).

The controller records what the current run sends out (``steps_ready``, ``epoch_ready``,
``setting_changed``) in a ``core.run_set.RunRecorder``, with the settings, network and data
set it started with. When the model is replaced (Apply, Reset weights, another data set, an
opened model or run) the run is frozen into the kept runs (``kept_runs``, a
``core.run_set.RunSet``) before the panels clear their curves. ``runs_changed(view)`` hands
the panels (slot ``set_runs``) a :class:`RunsView`: the kept runs (the objects themselves:
panels read them), a curve-less ``KeptRun`` of the current run's settings (None before it
starts), so that what differs can name the current run too, and ``edit``, the one way to
change them (:meth:`RunKeeping.edit_runs`; ``runs_changed`` follows at once).

``RunKeeping`` is a part of ``gui.controller.TrainingController`` (a mixin).
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import asdict, dataclass

from core.run_set import KeptRun, RunRecorder, RunSet

from .run_state import RunState


@dataclass(frozen=True)
class RunsView:
    runs: list[KeptRun]                  # the kept runs, oldest first
    current: KeptRun | None              # the current run's settings (no curves)
    edit: Callable[..., None]            # edit(action, uids, value=None): see RunKeeping.edit_runs


class RunKeeping:
    def _init_run_keeping(self) -> None:
        """Call once from the controller's constructor, before anyone else connects: the run is
        kept before the panels see ``model_changed``."""
        self.kept_runs = RunSet()
        self._recorder = RunRecorder()
        self.steps_ready.connect(self._recorder.add_steps)
        self.epoch_ready.connect(self._recorder.add_epoch)
        self.setting_changed.connect(self._recorder.add_mark)
        self.model_changed.connect(self._keep_current_run)
        self.state_changed.connect(self._on_run_state)

    def current_run(self) -> KeptRun | None:
        """The current run's settings, network and data set as a KeptRun without curves."""
        r = self._recorder
        if r.settings is None:
            return None
        return KeptRun(0, dict(r.settings), r.spec, r.dataset, {}, {})

    def _emit_runs(self) -> None:
        self.runs_changed.emit(RunsView(list(self.kept_runs.runs), self.current_run(), self.edit_runs))

    def _begin_run(self) -> None:
        """The current run starts (or is opened) with the controls' settings."""
        if self._recorder.settings is None and self.net is not None:
            self._recorder.begin(asdict(self.settings), copy.deepcopy(self.net.spec),
                                 self.settings.dataset)
            self._emit_runs()

    def _on_run_state(self, state) -> None:
        if RunState(state).busy:
            self._begin_run()

    def _keep_current_run(self, *_) -> None:
        run = self._recorder.freeze(self.kept_runs.next_number())
        self._recorder.clear()
        if run is not None:
            self.kept_runs.add(run)
        self._emit_runs()

    def keep_runs_from_file(self, runs: list[KeptRun]) -> int:
        """Add the kept runs of an opened run file (those not kept already)."""
        added = self.kept_runs.merge(runs)
        self._emit_runs()
        return added

    def runs_to_save(self) -> list[KeptRun]:
        """A copy of the kept runs for a run file (the worker thread may write it)."""
        return copy.deepcopy(self.kept_runs.runs)

    def edit_runs(self, action: str, uids, value=None) -> None:
        """``"show"`` (value: bool), ``"rename"`` (value: the new name) or ``"delete"`` the kept
        runs ``uids`` (a list of uids); unknown uids are skipped."""
        known = {r.uid for r in self.kept_runs.runs}
        uids = [u for u in uids if u in known]
        if action == "delete":
            self.kept_runs.delete(uids)
        elif action == "show":
            for u in uids:
                self.kept_runs.set_visible(u, bool(value))
        elif action == "rename":
            for u in uids:
                self.kept_runs.rename(u, str(value))
        else:
            raise ValueError(f"unknown run edit {action!r}")
        self._emit_runs()
