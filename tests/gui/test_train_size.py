"""The training-set size is a control (issue 17): the book's 300-sample overfitting
experiment runs from the GUI; 0 shows as "all" and uses every training sample."""
import numpy as np
import pytest

from core import live_settings
from gui.panels.training_panel import TrainingPanel


@pytest.fixture
def controller(moons_controller):
    moons_controller.settings.epochs, moons_controller.settings.batch_size = 1, 10
    return moons_controller


def steps_of_one_epoch(qtbot, c) -> int:
    received = []
    c.steps_ready.connect(received.append)
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        assert c.start()
    c.steps_ready.disconnect(received.append)
    return len(np.concatenate([s["step"] for s in received]))


def test_a_run_trains_on_the_chosen_number_of_samples(qtbot, controller):
    c = controller
    c.settings.train_size = 50
    assert steps_of_one_epoch(qtbot, c) == 5          # 50 samples, batches of 10
    assert len(c._trainer.train_idx) == 50
    c.settings.train_size = 0                         # "all": a new run on every sample
    everything = steps_of_one_epoch(qtbot, c)
    assert len(c._trainer.train_idx) > 50
    assert everything == -(-len(c._trainer.train_idx) // 10)


def test_the_control_shows_all_for_zero_and_emits_the_size(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    spin = panel.widgets["train_size"]
    assert spin.value() == live_settings.SETTINGS["train_size"].default == 0
    assert spin.text() == "all"
    with qtbot.waitSignal(panel.setting_changed) as sig:
        spin.setValue(300)
    assert sig.args == ["train_size", 300]
