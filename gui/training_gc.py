"""Garbage collection while a run trains: the objects that existed when it started are not
looked at again until it pauses or stops.

The app collects cyclic garbage on a GUI-thread timer (``gui.app``, pyqtgraph's
``GarbageCollector``), and now and then (about once a minute of a busy GUI) that is a full
collection, which walks every object the window holds: 11 ms for ~120 000 objects, a pause of
the GUI thread a 60 Hz timer sees (``python -m gui.bench``). When a run starts, every object
is frozen (``gc.freeze``, which walks nothing): later collections walk only what was made
since, a fraction of a millisecond. When the run pauses or stops they are unfrozen, so
garbage among them (made before the run, or during it: a dock closed, a layer shown in place
of another) is collected then. (Collecting first, at the start, would be the 11 ms pause again.)
"""
from __future__ import annotations

import gc

_holding = False


def set_training(training: bool) -> None:
    """Called with the run state: True when a run starts or resumes, False when it pauses or
    stops (repeated calls change nothing)."""
    global _holding
    if training == _holding:
        return
    _holding = training
    if training:
        gc.freeze()
    else:
        gc.unfreeze()


def holding() -> bool:
    """Whether the objects of before the run are held out of collections now."""
    return _holding
