"""Find the QThreads, QTimers and thread-pool tasks a test started and left running.

``QtLeakGuard.install()`` wraps ``QThread.start``, ``QTimer.start`` and ``QThreadPool.start`` so
that each call records where it was made (file:line of the caller; when the caller is a library,
such as pyqtgraph or pytest-qt, also the first frame in this repository). ``finish()`` takes the
wrappers off again and returns one line per leak, after the widgets that qtbot closed have been
deleted (their ``deleteLater`` is processed first, so the timers they own die with them):

- a QThread started during the test that still runs (it is then quit and joined, so that
  later tests do not inherit it);
- a QTimer started during the test that is still active (then stopped). A timer that a widget
  stops in its ``hideEvent``/``closeEvent``, or that dies with its widget, is no leak;
- a thread pool that still runs a task ``POOL_GRACE_MS`` after the test. A task may end a
  moment after the test that waited for its result (the result is sent just before ``run()``
  returns), hence the grace; a task still busy after it is one the test never waited for,
  whose result would land in a later test. The pool is then drained before going on.

- a child process (``multiprocessing``: a training process of ``gui.worker``) still running
  after the test (then killed).

Timers started by ``QTimer.singleShot`` are not tracked (they cannot be stopped anyway).
The idea comes from napari's conftest (``_dangling_qthreads``, ``_dangling_qtimers``,
``_dangling_qthread_pool``).
"""
from __future__ import annotations

import multiprocessing
import traceback
import weakref
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QThread, QThreadPool, QTimer

ROOT = Path(__file__).resolve().parents[1]
POOL_GRACE_MS = 1000
JOIN_MS = 10_000
_HERE = str(Path(__file__).resolve())
_LIBRARIES = ("site-packages", "dist-packages", "/lib/python")


def _ours(filename: str) -> bool:
    return filename.startswith(str(ROOT)) and filename != _HERE and not any(
        part in filename for part in _LIBRARIES)


def _short(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    try:
        path = path.relative_to(ROOT)
    except ValueError:
        pass
    return f"{path}:{frame.lineno}"


def call_site() -> str:
    """Where the patched ``start`` was called from: ``file:line`` of the caller, and if that
    is not our code, ``(from file:line)`` of the nearest frame that is."""
    stack = [f for f in traceback.extract_stack(limit=40) if f.filename != _HERE]
    if not stack:
        return "?"
    site = _short(stack[-1])
    if not _ours(stack[-1].filename):
        ours = next((f for f in reversed(stack) if _ours(f.filename)), None)
        if ours is not None:
            site += f" (from {_short(ours)})"
    return site


def _alive(obj, check) -> bool:
    """``check()`` on a Qt object whose C++ side may already be deleted (then False)."""
    try:
        return bool(check(obj))
    except RuntimeError:              # "Internal C++ object already deleted"
        return False


class QtLeakGuard:
    """Records the threads, timers and pool tasks started between ``install`` and ``finish``."""

    def __init__(self):
        self.threads: weakref.WeakKeyDictionary[QThread, str] = weakref.WeakKeyDictionary()
        self.timers: weakref.WeakKeyDictionary[QTimer, str] = weakref.WeakKeyDictionary()
        # strong references: the global pool's Python wrapper is made afresh for each call
        self.pools: dict[int, tuple[QThreadPool, list[str]]] = {}
        self._saved: list[tuple[type, str, object]] = []

    def install(self) -> None:
        threads, timers, pools = self.threads, self.timers, self.pools

        def thread_start(thread, *args, **kwargs):
            threads[thread] = call_site()
            return real_thread_start(thread, *args, **kwargs)

        def timer_start(timer, *args, **kwargs):
            timers[timer] = call_site()
            return real_timer_start(timer, *args, **kwargs)

        def pool_start(pool, *args, **kwargs):
            pools.setdefault(id(pool), (pool, []))[1].append(call_site())
            return real_pool_start(pool, *args, **kwargs)

        real_thread_start = self._patch(QThread, "start", thread_start)
        real_timer_start = self._patch(QTimer, "start", timer_start)
        real_pool_start = self._patch(QThreadPool, "start", pool_start)

    def _patch(self, cls: type, name: str, wrapper):
        real = cls.__dict__[name]
        self._saved.append((cls, name, real))
        setattr(cls, name, wrapper)
        return real

    def uninstall(self) -> None:
        while self._saved:
            cls, name, real = self._saved.pop()
            setattr(cls, name, real)

    def finish(self) -> list[str]:
        """Take the wrappers off; return the leaks (and clean them up for the next test)."""
        self.uninstall()
        # widgets qtbot closed were deleteLater()-ed: delete them, and the timers they own, now.
        # (No gc.collect() here: collecting pyqtgraph items out of order calls into half-torn
        # Python objects. A Qt object only garbage holds is therefore still reported.)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        leaks = []
        for thread, site in list(self.threads.items()):
            if _alive(thread, QThread.isRunning):
                leaks.append(f"a QThread started at {site} is still running")
                thread.quit()
                thread.wait(JOIN_MS)
        for timer, site in list(self.timers.items()):
            if _alive(timer, QTimer.isActive):
                leaks.append(f"a QTimer started at {site} is still active")
                timer.stop()
        for pool, sites in self.pools.values():
            if not pool.waitForDone(POOL_GRACE_MS):
                leaks.append(f"the thread pool still runs {pool.activeThreadCount()} task(s) "
                             f"{POOL_GRACE_MS} ms after the test; this test started tasks at "
                             + ", ".join(dict.fromkeys(sites)))
                pool.waitForDone(JOIN_MS)
        for child in multiprocessing.active_children():     # a training process (gui.worker)
            leaks.append(f"a process {child.name!r} (pid {child.pid}) is still running")
            child.kill()
            child.join()
        return leaks
