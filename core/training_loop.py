"""The app's training loop, run in the training process (``core.training_child``).

It drives ``Trainer.run()`` and talks to the app over one connection (``core.wire``
messages). Controls from the app (pause, resume, stop, step, live settings, slow motion,
snapshot and save requests, recover) are read between two mini-batches: a
``poll()`` of the connection, a system call of a few microseconds. Answers:

* ``steps`` — per-batch scalars, collected and sent at most ``EMIT_HZ`` times a second;
* ``epochs`` — the epochs that ended meanwhile (a list of dicts), right after those steps:
  a toy net ends hundreds of epochs a second, one message each would cost a fifth of its time;
* ``setting_applied``, ``paused``, ``diverged``, ``saved``, ``warning``;
* ``snapshot`` — a copy of the weights (and the weight decay), only when asked for: the app
  draws them and computes layer statistics from them (``gui.stats_thread``), so that
  statistics cost the training process nothing but the copy;
* ``timing`` — where the loop's time went so far (``core.loop_timing``), before each ``paused``;
* ``save_state`` — the trainer's state for "save the run" (the app writes the file: it holds
  the kept runs the file also stores);
* at the end ``state`` (the trainer's full state, ``core.trainer_transfer``) and ``finished``.

When the connection reaches its end (the app has gone) or the parent process changes, the
loop ends at once (``Gone``).
"""
from __future__ import annotations

import os
import time
import traceback

import numpy as np

from . import checkpoint, live_settings, trainer_transfer, wire
from .live_settings import Target
from .loop_timing import LoopTiming
from .trainer import Diverged, Done, Epoch, Step, Trainer

EMIT_HZ = 10          # the plots redraw at most 10 times a second anyway
PARENT_CHECK_S = 0.5  # how often the loop looks whether the app is still its parent
STEP_COLUMNS = ("step", "epoch", "loss", "acc", "lr", "progress", "batch_size")


class Gone(Exception):
    """The app has gone: the loop ends without a word."""


class TrainingLoop:
    """One run of ``trainer``; its controls arrive on ``conn``."""

    def __init__(self, conn, trainer: Trainer, paused: bool = False,
                 delay_s: float = 0.0, parent_pid: int | None = None):
        self.conn, self.trainer = conn, trainer
        self.parent_pid = parent_pid
        self._parent_checked = time.monotonic()
        self.stop = False
        self.paused = paused
        self.budget: int | None = None       # steps to run before pausing again
        self.until_epoch_end = False
        self.delay = delay_s
        self.recover_lr: float | None = None
        self._buf: list[tuple] = []
        self._epochs: list[dict] = []
        self._last_emit = time.perf_counter()
        self.timing = LoopTiming()

    def send(self, kind: str, body=None) -> None:
        t0, cpu0 = time.perf_counter(), time.thread_time()
        try:
            n = wire.send(self.conn, kind, body)
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            raise Gone from None
        tm = self.timing
        tm.send_s += time.perf_counter() - t0
        tm.send_cpu_s += time.thread_time() - cpu0
        tm.send_n += 1
        tm.send_bytes += n

    # -- controls ---------------------------------------------------------------------------
    def _poll(self, timeout: float = 0.0) -> None:
        """Apply every control that has arrived (waiting up to ``timeout`` for the first)."""
        now = time.monotonic()
        if self.parent_pid is not None and now - self._parent_checked > PARENT_CHECK_S:
            self._parent_checked = now
            if os.getppid() != self.parent_pid:
                raise Gone
        try:
            while True:
                t0 = time.perf_counter()
                message = wire.recv(self.conn) if self.conn.poll(timeout) else None
                if not timeout:                   # (the waits of a pause are not work)
                    self.timing.poll_s += time.perf_counter() - t0
                if message is None:
                    return
                timeout = 0.0
                self._control(*message)
        except (EOFError, OSError):
            raise Gone from None

    def _control(self, op: str, args) -> None:
        args = args or {}
        if op == "pause":
            self.paused = True
        elif op == "resume":
            self.paused, self.budget, self.until_epoch_end = False, None, False
        elif op == "stop":
            self.stop = True
        elif op == "step_batches":
            self.paused, self.budget, self.until_epoch_end = False, int(args["n"]), False
        elif op == "step_epoch":
            self.paused, self.budget, self.until_epoch_end = False, None, True
        elif op == "delay":
            self.delay = max(0.0, float(args["ms"]) / 1000.0)
        elif op == "recover":
            self.recover_lr, self.paused = float(args["lr"]), False
        elif op == "setting":
            self._apply_setting(str(args["name"]), args["value"])
        elif op == "snapshot":
            t0 = time.perf_counter()
            params = self.trainer.net.snapshot()
            self.timing.snapshot_s += time.perf_counter() - t0
            self.timing.snapshot_n += 1
            self.send("snapshot", {"params": params, "step": self.trainer.step,
                                   "weight_decay": self.trainer.net.weight_decay})
        elif op == "save":
            self._save(str(args["kind"]), str(args["path"]))
        else:
            self.send("warning", f"unknown control {op!r}")

    def _apply_setting(self, name: str, value) -> None:
        try:
            setting = live_settings.get(name)
            if setting.target is Target.WORKER:
                getattr(self, "_" + setting.setter)(setting.check(value))
                return
            value = self.trainer.apply_setting(name, value)
        except (ValueError, KeyError) as e:
            self.send("warning", str(e))
            return
        self.send("setting_applied", {"name": name, "value": value, "step": self.trainer.step + 1})

    def _set_delay_ms(self, ms) -> None:
        self.delay = max(0.0, ms / 1000.0)

    def _save(self, kind: str, path: str) -> None:
        if kind == "run":       # the app writes it: it has the kept runs the file also holds
            self.send("save_state", {"path": path, "state": trainer_transfer.pack_state(self.trainer)})
            return
        try:
            checkpoint.save_model(self.trainer.net, path)
            error = ""
        except (ValueError, OSError) as e:
            error = str(e)
        self.send("saved", {"kind": kind, "path": path, "error": error})

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> str:
        """Train until the run ends or is stopped; returns the finish reason. Raises ``Gone``."""
        gen = self.trainer.run()
        try:
            reason = self._loop(gen)
        finally:
            gen.close()
        self._flush()
        return reason

    def _loop(self, gen) -> str:
        was_paused = diverged = False
        tm = self.timing
        while True:
            self._poll()
            if self.stop:
                return "diverged" if diverged else "stopped"
            if self.recover_lr is not None:
                if diverged:
                    self.trainer.recover(self.recover_lr)
                    diverged = False
                self.recover_lr = None
            if self.paused:
                if not was_paused:
                    self._flush()
                    self.send("timing", self.timing.as_dict())
                    self.send("paused", True)
                    was_paused = True
                t0 = time.perf_counter()
                self._poll(0.05)
                tm.waited_s += time.perf_counter() - t0
                continue
            if was_paused:
                self.send("paused", False)
                was_paused = False
            t0 = time.perf_counter()
            try:
                ev = next(gen)
            except StopIteration:
                return "completed"
            finally:
                tm.train_s += time.perf_counter() - t0
            if isinstance(ev, Step):
                tm.steps += 1
                self._buf.append((ev.step, ev.epoch, ev.loss, ev.acc, ev.lr, ev.epoch_progress,
                                  ev.batch_size))
                if self.budget is not None:
                    self.budget -= 1
                    if self.budget <= 0:
                        self.paused, self.budget = True, None
                if self.delay:
                    self._flush()
                    t0 = time.perf_counter()
                    self._poll(self.delay)
                    tm.waited_s += time.perf_counter() - t0
            elif isinstance(ev, Epoch):
                self._epochs.append(dict(ev.__dict__))
                if self.until_epoch_end:
                    self.paused, self.until_epoch_end = True, False
            elif isinstance(ev, Diverged):
                self._flush()
                diverged = True
                self.send("diverged", {**ev.__dict__, "lr": self.trainer.lr})
                self.paused = True                # wait for recover or stop
            elif isinstance(ev, Done):
                return ev.reason
            if time.perf_counter() - self._last_emit >= 1.0 / EMIT_HZ:
                self._flush()

    def _flush(self) -> None:
        self._last_emit = time.perf_counter()
        if self._buf:
            cols = list(zip(*self._buf, strict=True))
            self._buf = []
            self.send("steps", {k: np.array(v) for k, v in zip(STEP_COLUMNS, cols, strict=True)})
        if self._epochs:
            epochs, self._epochs = self._epochs, []
            self.send("epochs", epochs)


def error_text(e: BaseException) -> str:
    """The message and traceback the app shows for an error in the training process."""
    return f"{type(e).__name__}: {e}\n\n" + "".join(traceback.format_exception(e))
