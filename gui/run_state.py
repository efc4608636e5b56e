"""Where a training run stands, and why a run ended: the two vocabularies the
controller, the worker, the main window and the panels share.

Both are ``str`` enums, so a member equals its value (``RunState.RUNNING ==
"running"``) and a plain string sent through a Qt ``Signal(str)`` still compares
equal; convert with ``RunState(text)`` to get a member back (a typo raises
``ValueError``).
"""
from __future__ import annotations

from enum import Enum


class _StrEnum(str, Enum):
    """``str()`` and f-strings give the value (``enum.StrEnum`` needs Python 3.11)."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(str(self), spec)


class RunState(_StrEnum):
    """The controller's state, sent to panels by ``set_training_state``."""

    IDLE = "idle"            # a new (or reset) network, nothing trained yet
    RUNNING = "running"      # the worker thread trains
    PAUSED = "paused"        # the worker thread exists and waits (paused, stepped, diverged)
    FINISHED = "finished"    # a run ended; Start trains further from the current weights

    @property
    def busy(self) -> bool:
        """A worker thread exists (running or paused)."""
        return self in (RunState.RUNNING, RunState.PAUSED)


class FinishReason(_StrEnum):
    """Why the worker's ``run()`` returned (its ``finished`` signal)."""

    COMPLETED = "completed"  # all epochs trained
    STOPPED = "stopped"      # stop() was called
    DIVERGED = "diverged"    # it diverged and was stopped instead of recovered
    EARLY_STOPPED = "early_stopped"  # the validation loss stopped improving (patience ran out)
    ERROR = "error"          # an exception; reported through the worker's ``error`` signal
