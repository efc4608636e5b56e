"""Run a plain function off the GUI thread and get its result back as a signal.

The function must not touch widgets (it runs in a pool thread); its result or
its exception reaches the GUI thread through a queued signal. ``Task`` keeps
at most one run in flight: a request made while one runs is remembered, and
only the newest is started when the current one ends — many update requests
collapse into one computation.

    task = Task(self)                       # parent: a GUI-thread QObject
    task.done.connect(self._show_result)    # bound method of a GUI object
    task.submit(compute_confusion, snapshot, data)
"""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object, object)      # (result, error message or None)


class _Job(QRunnable):
    def __init__(self, fn, args, relay: _Relay):
        super().__init__()
        self.fn, self.args, self.relay = fn, args, relay
        self.setAutoDelete(True)

    def run(self):
        try:
            result, error = self.fn(*self.args), None
        except Exception as e:                            # reported to the GUI, never raised here
            result, error = None, f"{type(e).__name__}: {e}"
            traceback.print_exc()
        try:
            self.relay.finished.emit(result, error)
        except RuntimeError:            # the receiver was deleted meanwhile: nobody waits
            pass


class Task(QObject):
    """At most one background run at a time; the newest pending request wins."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._running = False
        self._pending: tuple | None = None

    @property
    def busy(self) -> bool:
        return self._running

    def submit(self, fn, *args) -> None:
        if self._running:
            self._pending = (fn, args)
            return
        self._start(fn, args)

    def _start(self, fn, args):
        self._running = True
        QThreadPool.globalInstance().start(_Job(fn, args, self._relay))

    def _on_finished(self, result, error):
        self._running = False
        if self._pending is not None:
            fn, args = self._pending
            self._pending = None
            self._start(fn, args)
            return                       # a newer request supersedes this result
        if error is None:
            self.done.emit(result)
        else:
            self.failed.emit(error)


def wait_for_all(msecs: int = 5000) -> bool:
    """Block until every background job has ended (used at exit and by tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
