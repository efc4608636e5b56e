"""The training controller alone (no window) on a small toy set: run states, offsets
across runs, settings checked against their declaration."""
import numpy as np
import pytest

from gui.controller import TrainingController
from gui.run_state import FinishReason, RunState


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    c.settings.epochs = 1
    assert c.load_dataset("xor")
    yield c
    assert c.shutdown(5000)


class Record:
    def __init__(self, c):
        self.states, self.steps, self.epochs, self.errors, self.changes = [], [], [], [], []
        c.state_changed.connect(self.states.append)
        c.steps_ready.connect(self.steps.append)
        c.epoch_ready.connect(self.epochs.append)
        c.error.connect(self.errors.append)
        c.setting_changed.connect(lambda *args: self.changes.append(args))

    def step_numbers(self):
        return np.concatenate([s["step"] for s in self.steps]).tolist()


def test_a_run_goes_idle_running_finished_with_enum_members(qtbot, controller):
    c, rec = controller, Record(controller)
    assert c.state is RunState.IDLE
    with qtbot.waitSignal(c.run_finished, timeout=20000) as done:
        assert c.start()
    assert rec.states == [RunState.RUNNING, RunState.FINISHED]
    assert all(type(s) is RunState for s in rec.states)
    assert done.args == [FinishReason.COMPLETED] and type(done.args[0]) is FinishReason
    assert c.state is RunState.FINISHED and not c.busy


def test_a_second_run_numbers_its_steps_and_epochs_after_the_first(qtbot, controller):
    c, rec = controller, Record(controller)
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        c.start()
    first = rec.step_numbers()
    assert first == list(range(1, len(first) + 1)) and [e["epoch"] for e in rec.epochs] == [1]
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        c.start()
    both = rec.step_numbers()
    assert both == list(range(1, 2 * len(first) + 1))
    assert [e["epoch"] for e in rec.epochs] == [1, 2]
    assert rec.epochs[1]["step"] == both[-1] == c.steps_done
    assert c.step_offset == 0                   # the same run went on, for one more epoch
    c.set_setting("seed", 7)                    # a new data order: a new run, numbered on
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        c.start()
    assert rec.step_numbers() == list(range(1, 3 * len(first) + 1))
    assert [e["epoch"] for e in rec.epochs] == [1, 2, 3] and c.step_offset == len(both)


def test_settings_outside_their_range_are_refused_with_a_message(qtbot, controller):
    c, rec = controller, Record(controller)
    assert c.set_setting("batch_size", 0) is False
    assert c.settings.batch_size == 64
    assert rec.errors == ["Setting not changed: Batch size (batch_size) must be a whole number "
                          "from 1 to 4096, got 0"]
    with pytest.raises(ValueError, match="unknown setting 'batchsize'"):
        c.set_setting("batchsize", 8)
    assert c.set_setting("batch_size", 8) and c.settings.batch_size == 8


def test_live_settings_reach_the_running_worker_the_others_wait(qtbot, controller):
    c, rec = controller, Record(controller)
    c.start(paused=True)
    qtbot.waitUntil(lambda: c.thread.isRunning(), timeout=5000)
    c.set_setting("lr", 0.0123)
    c.set_setting("epochs", 3)                  # not live: kept for the next run
    c.step_batch()
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 1, timeout=10000)
    assert rec.changes == [("lr", 0.0123, 1)]
    assert c.stop(wait=True) and c.state is RunState.FINISHED
    assert c._trainer.lr == 0.0123              # the run's state, back from its process
    assert c._trainer.config.epochs == 1 and c.settings.epochs == 3


def test_dropout_applies_to_an_idle_network(qtbot, controller):
    c = controller
    spec = {"input_shape": [2], "layers": [{"type": "dense", "units": 8, "activation": "relu"},
                                           {"type": "dropout", "rate": 0.2}, {"type": "dense", "units": 2}]}
    assert c.build_model(spec, 0)
    assert c.set_setting("dropout", 0.4)
    assert c.net.layers[1].rate == 0.4


def test_a_network_that_does_not_fit_the_data_is_refused(qtbot, controller):
    c, rec = controller, Record(controller)
    before = c.net
    spec = {"input_shape": [3], "layers": [{"type": "dense", "units": 2}]}
    assert c.build_model(spec, 0) is False
    assert c.net is before
    assert rec.errors and rec.errors[0].startswith("Invalid network: input has shape 2 per sample")
