"""Where the training process's time goes: counters kept by ``core.training_loop``.

The loop adds up the wall-clock seconds of each kind of work it does (the trainer's
mini-batches, weight snapshots, sending messages) and how many of each;
``as_dict()`` adds the process's CPU time and the wall-clock time now. It sends these
(``timing``) each time the run pauses, so a caller can take the difference between two
pauses (:func:`delta`) and see what a stretch of training cost (``python -m gui.bench``
prints it for runs with and without the window; CPU time per step is robust to a busy
machine, wall-clock time is not).
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass


@dataclass
class LoopTiming:
    steps: int = 0
    train_s: float = 0.0       # inside the trainer (mini-batches, evaluations at epoch ends)
    snapshot_s: float = 0.0    # copying the weights for a snapshot
    snapshot_n: int = 0
    send_s: float = 0.0        # encoding and writing every message
    send_cpu_s: float = 0.0    # the CPU time of that (the rest: waiting, or another process ran)
    send_n: int = 0
    send_bytes: int = 0
    poll_s: float = 0.0        # looking for and applying controls (without the waits of a pause)
    waited_s: float = 0.0      # paused, or slow motion's wait after a step

    def as_dict(self) -> dict:
        return {**asdict(self), "cpu_s": time.process_time(), "wall_s": time.perf_counter()}


def delta(after: dict, before: dict | None) -> dict:
    """What happened between two ``as_dict()`` readings (``before`` None: since the start)."""
    if before is None:
        return dict(after)
    return {k: after[k] - before.get(k, 0) for k in after}


def describe(d: dict) -> str:
    """One line: CPU and wall time per step (without the waits), and how the wall time divides."""
    n = max(1, d["steps"])

    def ms(s: float) -> str:
        return f"{1000 * s / n:.2f}"

    wall = d["wall_s"] - d["waited_s"]
    other = wall - d["train_s"] - d["snapshot_s"] - d["send_s"] - d["poll_s"]
    return (f"{d['steps']} steps, per step: CPU {ms(d['cpu_s'])} ms, wall {ms(wall)} ms = "
            f"trainer {ms(d['train_s'])} + snapshots {ms(d['snapshot_s'])} ({d['snapshot_n']}×) + "
            f"sends {ms(d['send_s'])} (CPU {ms(d['send_cpu_s'])}, "
            f"{d['send_n']} messages, {d['send_bytes'] / 1e6:.2f} MB) + controls {ms(d['poll_s'])}"
            f" + other {ms(other)}")
