"""Runs a headless experiment (``core.experiments.ExperimentRun``, ``core.hyperparameter_search.
HyperparameterSearch``) in a QThread, following DESIGN.md.

A *job* is any object with ``run()`` — a generator that yields between training steps — and
``snapshot()`` (a copy of what it has measured so far) and the ``done`` / ``total`` step counts.
:class:`JobWorker` iterates it, checks a ``threading.Event`` after every yield (so Cancel stops
it within one mini-batch), sends ``progress(snapshot, done, total)`` at most every
``EMIT_INTERVAL`` seconds and ``finished(reason)`` from a ``finally:``. :class:`BackgroundJob`
owns the worker and its thread for a panel: start, cancel, and ``stop()`` (cancel + quit +
wait, never terminate) when the panel closes or is destroyed.
"""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QThread, Signal

from core import threads
from gui import worker_registry

EMIT_INTERVAL = 0.1         # seconds between progress signals


class JobWorker(QObject):
    """Iterates ``job.run()`` in its thread; connect its signals to GUI-thread bound methods."""

    progress = Signal(object, int, int)  # snapshot (a copy), steps done, steps in total
    finished = Signal(str)               # "completed", "cancelled" or "error: …"

    def __init__(self, job):
        super().__init__()
        self.job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Thread-safe: stop at the next step."""
        self._cancel.set()

    def run(self) -> None:
        reason = "error: stopped unexpectedly"
        steps = None
        try:
            threads.set_blas_threads(1)
            steps = self.job.run()
            last = 0.0
            for _ in steps:
                if self._cancel.is_set():
                    reason = "cancelled"
                    break
                if time.monotonic() - last >= EMIT_INTERVAL:
                    self._emit()
                    last = time.monotonic()
            else:
                reason = "completed"
        except Exception as e:                     # reported to the GUI, never raised in the thread
            reason = f"error: {type(e).__name__}: {e}"
        finally:
            if steps is not None:
                steps.close()                      # marks the run in progress "cancelled"
            self._emit()
            self.finished.emit(reason)

    def _emit(self) -> None:
        self.progress.emit(self.job.snapshot(), self.job.done, self.job.total)


_LIVE: set[BackgroundJob] = set()       # jobs whose thread may still run (outlive their panel)


class BackgroundJob:
    """A job's worker and thread. ``stop()`` cancels and joins; safe to call twice."""

    def __init__(self, job, name: str):
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.worker = JobWorker(job)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        worker_registry.register(self.thread)
        _LIVE.add(self)

    @property
    def job(self):
        return self.worker.job

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def stop(self, *_) -> None:
        self.worker.cancel()
        self.thread.quit()               # also ends an event loop that has not started yet
        self.thread.wait()
        _LIVE.discard(self)


class JobHost:
    """What a panel running one BackgroundJob at a time (experiment cards, the search) shares:
    ``launch`` wires and starts it, a finished job is joined and handed to the panel's
    ``_finish(job, reason)``, and ``shutdown`` (closing the panel or the window) cancels and
    joins it now. The panel owns ``_timer`` (its redraw timer while the job runs)."""

    _job: BackgroundJob | None = None

    @property
    def is_running(self) -> bool:
        return self._job is not None

    @property
    def job_thread(self):
        return self._job.thread if self._job else None

    def launch(self, job: BackgroundJob, on_progress) -> None:
        self._job = job
        job.worker.progress.connect(on_progress)
        job.worker.finished.connect(self._on_job_finished)
        self.destroyed.connect(job.stop)         # a plain object's method: runs even as we die

    def shutdown(self) -> None:
        """Cancel and join now (closing the panel or the window)."""
        if self._job is not None:
            job, self._job = self._job, None
            job.stop()
            self._job_ended(job, "cancelled")

    def closeEvent(self, ev):
        self.shutdown()
        super().closeEvent(ev)

    def _on_job_finished(self, reason: str) -> None:
        if self._job is None or self.sender() is not self._job.worker:
            return                               # a job already joined by shutdown()
        job, self._job = self._job, None
        job.stop()                               # the worker is done: this only joins
        self._job_ended(job, reason)

    def _job_ended(self, job: BackgroundJob, reason: str) -> None:
        self.destroyed.disconnect(job.stop)
        self._timer.stop()
        self._finish(job, reason)
