"""While a run trains, the objects of before it are left out of garbage collections
(gui.training_gc); they are collected again once it pauses or stops."""
import gc
import weakref

from gui import training_gc


class Node:
    def __init__(self):
        self.me = self                                    # a cycle: only the collector frees it


def test_objects_of_before_the_run_are_not_collected_until_it_stops():
    assert not training_gc.holding()
    old = Node()
    gone = weakref.ref(old)
    try:
        training_gc.set_training(True)
        assert training_gc.holding() and gc.get_freeze_count() > 0
        training_gc.set_training(True)                    # (again: no change)
        del old                                           # garbage now, but of before the run
        new = Node()
        gone_new = weakref.ref(new)
        del new
        gc.collect()
        assert gone_new() is None                         # made during the run: collected
        assert gone() is not None                         # of before: not looked at
    finally:
        training_gc.set_training(False)
    assert not training_gc.holding() and gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None                                 # collected once the run stopped


def test_the_controller_holds_them_while_running_only(qtbot):
    from gui.controller import TrainingController
    from gui.run_state import RunState
    c = TrainingController()
    try:
        c._set_state(RunState.RUNNING)
        assert training_gc.holding()
        c._set_state(RunState.PAUSED)
        assert not training_gc.holding()
    finally:
        c._set_state(RunState.IDLE)
    assert not training_gc.holding()
