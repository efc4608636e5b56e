"""Runs the learner can trust: Stop → Start goes on where it stopped, an opened run shows its
curves, marks and settings and continues, Distributions records while hidden, a divergence
names its layer."""
import numpy as np
import pytest

from core import Network, Trainer, live_settings
from core.trainer import Config, Step
from gui.controller import TrainingController
from gui.run_state import RunState


@pytest.fixture
def controller(moons_controller):
    moons_controller.settings.epochs, moons_controller.settings.batch_size = 2, 16
    return moons_controller


def losses(received):
    return np.concatenate([s["loss"] for s in received]).tolist()


def straight_losses(c: TrainingController) -> list[float]:
    """The same run, uninterrupted, on a network with the same initial weights."""
    s = c.settings
    net = Network.from_spec(c.net.spec, rng=np.random.default_rng(s.seed))
    config = Config(epochs=s.epochs, batch_size=s.batch_size, optimizer=s.optimizer, lr=s.lr,
                    optimizer_args=live_settings.optimizer_args(s), val_fraction=s.val_fraction,
                    seed=s.seed)
    return [e.loss for e in Trainer(net, c.dataset, config).run() if isinstance(e, Step)]


def test_stop_then_start_continues_the_data_order_and_the_optimizer_state(qtbot, controller):
    c = controller
    expected = straight_losses(c)
    received, epochs = [], []
    c.steps_ready.connect(received.append)
    c.epoch_ready.connect(epochs.append)
    for n in (3, 7, 11):                          # three Stop → Start cycles inside epoch 1
        c.step_batches(n)
        qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step >= len(losses(received))
                        and len(losses(received)) > 0, timeout=10000)   # steps come before "paused"
        assert c.stop(wait=True) and c.state is RunState.FINISHED
    assert c.trainer_step == 21 and c._trainer.epoch == 1
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        assert c.start()
    assert losses(received) == expected           # not a single batch replayed or skipped
    assert [e["epoch"] for e in epochs] == [1, 2] # epochs count the data seen
    assert np.concatenate([s["step"] for s in received]).tolist() == list(range(1, len(expected) + 1))


def test_reset_weights_starts_the_run_over(qtbot, controller):
    c = controller
    received = []
    c.steps_ready.connect(received.append)
    c.step_batches(4)
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 4, timeout=10000)
    c.reset_weights()
    received.clear()
    c.step_batches(2)
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 2, timeout=10000)
    c.stop(wait=True)
    assert losses(received) == straight_losses(c)[:2]


def test_settings_changed_while_stopped_apply_to_the_continued_run_and_are_marked(qtbot, controller):
    c = controller
    changes = []
    c.setting_changed.connect(lambda *a: changes.append(a))
    c.step_batches(5)
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 5, timeout=10000)
    c.stop(wait=True)
    c.set_setting("lr", 0.004)
    c.set_setting("batch_size", 8)
    c.set_setting("beta1", 0.8)
    c.step_batches(1)
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 6, timeout=10000)
    assert sorted(changes) == [("batch_size", 8, 6), ("beta1", 0.8, 6), ("lr", 0.004, 6)]
    c.stop(wait=True)                 # the trainer takes the run's state from its process
    t = c._trainer
    assert (t.lr, t.batch_size, t.optimizer.beta1, t.optimizer.t) == (0.004, 8, 0.8, 6)


def test_a_finished_run_trains_the_epochs_asked_for_more(qtbot, controller):
    c = controller
    c.settings.epochs = 1
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        c.start()
    one = c.trainer_step
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        c.start()
    assert c._trainer.epochs_done == 2 and c.trainer_step == 2 * one


def test_open_run_replays_the_curves_point_for_point_and_continues(qtbot, new_window, tmp_path):
    w = new_window()
    c = w.controller
    assert c.load_dataset("moons")
    metrics, training = w.panels["metricsDock"], w.panels["trainingDock"]
    c.settings.epochs = 1
    training.set_settings(c.settings)
    training.optimizer.setCurrentIndex(training.optimizer.findData("momentum"))
    training.lr.setValue(0.05)
    training.batch_size.setValue(16)
    c.step_batches(10)
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 10, timeout=10000)
    training.lr.setValue(0.02)                   # a change during the run: marked on the curves
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        w.actions_by_id["pause"].trigger()      # resume to the end of the epoch
    metrics.redraw()
    before, marks = metrics.series(), [(m[0], m[1]) for m in metrics._markers]
    assert marks == [(11, "Learning rate → 0.02")] and len(before["epoch_epoch"]) == 1
    path = tmp_path / "run.npz"
    assert c.save_run(str(path))
    w.reset_weights()
    training.lr.setValue(0.5)                    # the controls say something else now
    training.optimizer.setCurrentIndex(training.optimizer.findData("adam"))
    assert metrics.series()["step_step"].size == 0

    assert c.open_run(str(path))
    after = metrics.series()
    assert before.keys() == after.keys()
    for key in before:                           # the same curves, point for point
        np.testing.assert_array_equal(after[key], before[key], err_msg=key)
    assert [(m[0], m[1]) for m in metrics._markers] == marks
    assert training.optimizer.currentData() == "momentum" and training.lr.value() == 0.02
    assert not c.unsaved
    n = len(after["step_step"])
    with qtbot.waitSignal(c.run_finished, timeout=20000):
        w.actions_by_id["start"].trigger()      # one more epoch, continuing
    s = metrics.series()
    assert s["step_step"][n] == n + 1 and list(s["epoch_epoch"]) == [1, 2]
    assert np.allclose(s["step_lr"][n:], 0.02) and c._trainer.optimizer.name == "momentum"
    assert c.unsaved


def test_distributions_has_statistics_after_a_run_it_did_not_watch(qtbot, new_window):
    w = new_window()
    c = w.controller
    assert c.load_dataset("moons")
    dist = w.panels["distributionsDock"]
    w.show_docks(("metricsDock",))
    qtbot.waitUntil(lambda: not dist.isVisible())
    with qtbot.waitSignal(c.run_finished, timeout=30000):
        c.settings.epochs = 1
        c.start()
    assert dist._history is not None and dist._history.n >= 1     # recorded while hidden
    assert dist.stack.currentIndex() == 0                         # ... and not drawn yet
    w.show_docks(("distributionsDock",))
    qtbot.waitUntil(lambda: dist.stack.currentIndex() == 1)
    steps, pct = dist.band_data("weights")
    assert len(steps) == dist._history.n and steps[-1] == c.steps_done
    assert np.isfinite(pct).all()


def test_divergence_at_sgd_lr_50_names_a_layer(qtbot, new_window):
    w = new_window()
    c = w.controller
    training = w.panels["trainingDock"]
    training.optimizer.setCurrentIndex(training.optimizer.findData("sgd"))
    training.lr.setValue(50.0)
    w.actions_by_id["start"].trigger()
    qtbot.waitUntil(lambda: w.divergence_bar.isVisible(), timeout=20000)
    text = w.divergence_bar.label.text()
    assert "the gradient of layer 1 (dense) exploded" in text and "times its size" in text
    w.actions_by_id["stop"].trigger()
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)
