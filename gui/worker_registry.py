"""Every QThread the app starts registers here, so the app can stop them all
at exit and tests can fail when one is left running."""
from __future__ import annotations

import weakref

from PySide6.QtCore import QThread

_threads: weakref.WeakSet[QThread] = weakref.WeakSet()


def register(thread: QThread) -> QThread:
    _threads.add(thread)
    return thread


def running_threads() -> list[QThread]:
    alive = []
    for t in list(_threads):
        try:
            if t.isRunning():
                alive.append(t)
        except RuntimeError:          # the C++ object is already gone
            pass
    return alive
