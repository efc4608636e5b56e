"""Early stopping from the GUI (issue 17): the patience setting ends a run whose validation
loss stopped improving, the window says so, and Training › Restore best epoch puts back the
weights of the epoch with the lowest validation loss."""
import pytest

from gui.run_state import FinishReason


def early_stopping_window(new_window):
    w = new_window()
    c = w.controller
    assert c.load_dataset("moons")
    s = c.settings
    s.epochs, s.batch_size, s.patience, s.lr, s.train_size = 200, 8, 2, 0.05, 40
    return w, c


def test_a_run_stops_early_and_its_best_epoch_comes_back(qtbot, new_window):
    w, c = early_stopping_window(new_window)
    restore = w.actions_by_id["restore_best"]
    assert not restore.isEnabled()                    # no run yet: nothing to restore
    with qtbot.waitSignal(c.run_finished, timeout=60000) as done:
        assert c.start()
    assert done.args == [FinishReason.EARLY_STOPPED]
    t = c._trainer
    assert t.epoch < 200 and t.best_epoch is not None
    assert t.epoch - t.best_epoch == 2                # patience 2: two epochs without a better loss
    assert restore.isEnabled()
    assert f"epoch {c.best_epoch}" in w.statusBar().currentMessage()
    before, _ = t.evaluate("val")
    assert before > t.best_val_loss                   # the last weights are worse than the best
    with qtbot.waitSignal(c.snapshot, timeout=5000):
        restore.trigger()
    after, _ = t.evaluate("val")
    assert after == pytest.approx(t.best_val_loss, rel=1e-6)
    assert "restored" in w.statusBar().currentMessage()


def test_patience_off_trains_every_epoch(qtbot, new_window):
    w, c = early_stopping_window(new_window)
    c.settings.patience, c.settings.epochs = 0, 6
    with qtbot.waitSignal(c.run_finished, timeout=60000) as done:
        assert c.start()
    assert done.args == [FinishReason.COMPLETED] and c._trainer.epoch == 6


def test_patience_without_a_validation_set_is_a_clear_message(qtbot, new_window):
    w, c = early_stopping_window(new_window)
    c.settings.val_fraction = 0.0
    assert not c.start()
    assert "validation" in w.last_error and "patience" in w.last_error


def test_patience_set_on_a_run_without_validation_data_is_refused_when_it_continues(qtbot, new_window):
    w, c = early_stopping_window(new_window)
    c.settings.val_fraction, c.settings.patience, c.settings.epochs = 0.0, 0, 1
    with qtbot.waitSignal(c.run_finished, timeout=60000):
        assert c.start()
    c.settings.patience = 2                           # the same run goes on: no validation set
    assert not c.start()
    assert "validation" in w.last_error and "patience" in w.last_error
    assert c._trainer.config.patience is None
