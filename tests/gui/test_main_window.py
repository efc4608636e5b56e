"""The real main window, driven as a user would: actions, controls, files, closing."""
import sys

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from gui.app import create_main_window


@pytest.fixture
def window(qtbot):
    QSettings().clear()
    w = create_main_window(restore=False)
    w.quiet_errors = True
    w.controller.settings.epochs = 2
    w.resize(1280, 800)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.shutdown(5000)


def trigger(w, key):
    w.actions_by_id[key].trigger()


def series(w):
    return w.panels["metricsDock"].series()


def n_steps(w):
    return len(series(w)["step_step"])


def test_start_pause_resume_stop(qtbot, window):
    c = window.controller
    trigger(window, "start")
    assert c.state == "running"
    qtbot.waitUntil(lambda: n_steps(window) > 20, timeout=10000)
    trigger(window, "pause")
    qtbot.waitUntil(lambda: c.state == "paused", timeout=5000)
    window.panels["metricsDock"].redraw()
    n = n_steps(window)
    assert window.actions_by_id["pause"].text() == "Resume"
    trigger(window, "pause")                    # Space again: resume
    qtbot.waitUntil(lambda: n_steps(window) > n + 20, timeout=10000)
    with qtbot.waitSignal(c.run_finished, timeout=5000) as blocker:
        trigger(window, "stop")
    assert blocker.args == ["stopped"]
    assert c.state == "finished" and not c.busy
    assert window.status.labels["step"].text().startswith("step ")


def test_step_one_batch_then_one_epoch(qtbot, window):
    c = window.controller
    trigger(window, "step")
    qtbot.waitUntil(lambda: n_steps(window) == 1 and c.state == "paused", timeout=10000)
    trigger(window, "step")
    qtbot.waitUntil(lambda: n_steps(window) == 2 and c.state == "paused", timeout=10000)
    assert list(series(window)["step_step"]) == [1, 2]
    trigger(window, "step_epoch")
    qtbot.waitUntil(lambda: len(series(window)["epoch_epoch"]) == 1 and c.state == "paused",
                    timeout=20000)
    s = series(window)
    assert s["epoch_step"][0] == s["step_step"][-1]        # paused right at the epoch's end
    assert 0.8 < s["epoch_val_acc"][0] <= 1.0


def test_learning_rate_change_mid_run_is_used_and_marked(qtbot, window):
    c = window.controller
    trigger(window, "start")
    qtbot.waitUntil(lambda: n_steps(window) > 10, timeout=10000)
    window.panels["trainingDock"].lr.setValue(0.0002)
    qtbot.waitUntil(lambda: np.isclose(series(window)["step_lr"][-1], 0.0002), timeout=10000)
    lrs = series(window)["step_lr"]
    first_new = int(np.argmax(np.isclose(lrs, 0.0002)))
    assert np.allclose(lrs[:first_new], 0.001) and np.allclose(lrs[first_new:], 0.0002)
    markers = window.panels["metricsDock"]._markers
    assert markers and markers[0][0] == series(window)["step_step"][first_new]
    assert "0.0002" in markers[0][1]
    trigger(window, "stop")
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)


def test_reset_clears_history_and_redraws_weights(qtbot, window):
    c = window.controller
    trigger(window, "step_epoch")
    qtbot.waitUntil(lambda: c.state == "paused" and len(series(window)["epoch_epoch"]) == 1,
                    timeout=20000)
    trigger(window, "reset")
    assert not c.busy and c.state == "idle"
    assert n_steps(window) == 0
    from core import Network
    fresh = Network.from_spec(c.net.spec, rng=np.random.default_rng(c.settings.seed))
    np.testing.assert_array_equal(c.net.flat_params, fresh.flat_params)


def test_divergence_pauses_shows_message_and_recovers(qtbot, window):
    c = window.controller
    window.panels["trainingDock"].lr.setValue(1000.0)
    trigger(window, "start")
    qtbot.waitUntil(lambda: window.divergence_bar.isVisible(), timeout=10000)
    assert c.state == "paused"
    text = window.divergence_bar.label.text()
    assert "diverged" in text and "learning rate" in text
    s = series(window)
    assert np.isfinite(s["step_loss"]).all() and np.isfinite(s["step_acc"]).all()
    window.divergence_bar.halve_button.click()
    assert not window.divergence_bar.isVisible()
    assert c.settings.lr == 500.0
    assert window.panels["trainingDock"].lr.value() == 500.0
    qtbot.waitUntil(lambda: c.state in ("running", "paused"), timeout=5000)
    trigger(window, "stop")
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)
    assert np.isfinite(c.net.flat_params).all()


def test_close_during_training_stops_thread_quickly(qtbot, qtlog):
    w = create_main_window(restore=False)
    w.quiet_errors = True
    qtbot.addWidget(w)
    w.show()
    trigger(w, "start")
    qtbot.waitUntil(lambda: n_steps(w) > 10, timeout=10000)
    from gui import worker_registry
    assert worker_registry.running_threads()
    w.close()
    assert w.controller.thread is None
    assert worker_registry.running_threads() == []
    messages = [m.message for m in qtlog.records]
    assert not [m for m in messages if "QThread" in m or "Destroyed" in m]


def test_failed_open_leaves_the_model_untouched(qtbot, window, tmp_path):
    c = window.controller
    before = c.net.flat_params.copy()
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"PK\x03\x04 this is not a model")
    assert c.open_model(str(bad)) is False
    assert "broken.npz" in window.last_error
    np.testing.assert_array_equal(c.net.flat_params, before)


def test_save_run_while_paused_then_continue_it(qtbot, window, tmp_path):
    c = window.controller
    trigger(window, "step")
    qtbot.waitUntil(lambda: c.state == "paused" and n_steps(window) == 1, timeout=10000)
    path = tmp_path / "run.npz"
    with qtbot.waitSignal(c.saved, timeout=5000) as saved:
        assert c.save_run(str(path))
    assert saved.args == ["run", str(path)]
    trigger(window, "stop")
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)
    assert c.open_run(str(path))
    trigger(window, "step")
    qtbot.waitUntil(lambda: c.state == "paused" and c.trainer_step == 2, timeout=10000)


def test_save_while_paused_and_open_again(qtbot, window, tmp_path):
    c = window.controller
    trigger(window, "step")
    qtbot.waitUntil(lambda: c.state == "paused" and n_steps(window) == 1, timeout=10000)
    path = tmp_path / "m.npz"
    with qtbot.waitSignal(c.saved, timeout=5000):
        assert c.save_model(str(path))             # saved by the worker, between two steps
    trigger(window, "stop")
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)
    trained = c.net.flat_params.copy()
    trigger(window, "reset")
    assert not np.array_equal(c.net.flat_params, trained)
    assert c.open_model(str(path))
    np.testing.assert_array_equal(c.net.flat_params, trained)


def test_switching_to_toy_data_rebuilds_a_fitting_network(qtbot, window):
    c = window.controller
    panel = window.panels["trainingDock"]
    panel.dataset.setCurrentIndex(panel.dataset.findData("xor"))
    panel.dataset.activated.emit(panel.dataset.currentIndex())
    assert c.dataset.name == "xor" and c.net.input_shape == (2,)
    trigger(window, "start")
    qtbot.waitUntil(lambda: not c.busy, timeout=20000)
    assert len(series(window)["epoch_epoch"]) == 2


def test_settings_survive_a_restart(qtbot, window):
    panel = window.panels["trainingDock"]
    panel.optimizer.setCurrentIndex(panel.optimizer.findData("momentum"))
    panel.lr.setValue(0.05)
    panel.batch_size.setValue(32)
    window.close()
    again = create_main_window(restore=True)
    qtbot.addWidget(again)
    s = again.controller.settings
    assert (s.optimizer, s.lr, s.batch_size) == ("momentum", 0.05, 32)
    assert isinstance(s.lr, float) and isinstance(s.batch_size, int)
    assert again.panels["trainingDock"].optimizer.currentData() == "momentum"


def test_live_drawing_level_is_chosen_in_the_view_menu_and_kept(qtbot, window):
    from gui.throttle import DEFAULT_RATE, DEFAULT_SHARE, draw_budget
    menu = window.live_drawing_menu
    assert menu in [a.menu() for a in window.view_menu.actions() if a.menu()]
    levels = menu.actions()
    assert len(levels) == 3 and [a.isChecked() for a in levels] == [False, True, False]
    assert (draw_budget().rate, draw_budget().share) == (DEFAULT_RATE, DEFAULT_SHARE)
    levels[2].trigger()
    assert draw_budget().rate == levels[2].data() == 10.0 and draw_budget().share > DEFAULT_SHARE
    assert [a.isChecked() for a in levels] == [False, False, True]
    window.close()
    again = create_main_window(restore=True)
    qtbot.addWidget(again)
    assert draw_budget().rate == 10.0
    assert [a.isChecked() for a in again.live_drawing_menu.actions()] == [False, False, True]
    again.live_drawing_menu.actions()[1].trigger()
    again.controller.shutdown(5000)


def test_a_strange_saved_drawing_level_falls_back_to_the_default(qtbot):
    from gui.throttle import DEFAULT_RATE, draw_budget
    QSettings().clear()
    draw_budget().set_rate(2.0)
    QSettings().setValue("view/drawRate", "lots")
    w = create_main_window(restore=True)
    qtbot.addWidget(w)
    assert draw_budget().rate == DEFAULT_RATE
    assert w.live_drawing_menu.actions()[1].isChecked()
    w.controller.shutdown(5000)
    QSettings().clear()


def test_animating_plots_does_not_leak_references_to_none(qtbot, window):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on void calls and
    aborts live plots after a few hundred frames; this catches that build."""
    metrics = window.panels["metricsDock"]
    rng = np.random.default_rng(0)
    before = sys.getrefcount(None)
    for frame in range(300):
        k = np.arange(frame * 10, frame * 10 + 10)
        metrics.add_steps({"step": k, "epoch": np.ones(10), "loss": rng.random(10), "acc": rng.random(10),
                           "lr": np.full(10, 0.001), "progress": k / 3000, "batch_size": np.full(10, 64)})
        metrics.redraw()
        metrics.glw.repaint()
    assert sys.getrefcount(None) >= before - 50


def test_dropout_rate_from_the_architecture_is_kept_until_changed(qtbot, window):
    c = window.controller
    spec = {"input_shape": [1, 28, 28], "layers": [
        {"type": "dense", "units": 50, "activation": "relu"}, {"type": "dropout", "rate": 0.3},
        {"type": "dense", "units": 10}]}
    window.apply_spec(spec, 0)
    trigger(window, "step")
    qtbot.waitUntil(lambda: c.state == "paused" and n_steps(window) == 1, timeout=10000)
    assert c.net.layers[1].rate == 0.3             # Start did not reset it to the panel's 0
    window.panels["trainingDock"].dropout.setValue(0.5)
    trigger(window, "step")
    qtbot.waitUntil(lambda: c.state == "paused" and n_steps(window) == 2, timeout=10000)
    trigger(window, "stop")
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)
    assert c.net.layers[1].rate == 0.5             # a change from the panel applies


def test_apply_in_the_architecture_panel_ends_with_the_result_in_the_status_bar(window):
    arch = window.panels["architectureDock"]
    arch.seed_spin.setValue(7)
    assert arch.apply()
    assert window.statusBar().currentMessage() == "Built a new network with seed 7."


def test_strange_saved_settings_fall_back_to_their_defaults(qtbot):
    from core.live_settings import RunSettings
    QSettings().clear()
    for key, value in (("batch_size", 0), ("optimizer", "adamw"), ("lr", "lots"), ("epochs", 7)):
        QSettings().setValue(f"training/{key}", value)
    w = create_main_window(restore=True)
    qtbot.addWidget(w)
    s, default = w.controller.settings, RunSettings()
    assert (s.batch_size, s.optimizer, s.lr) == (default.batch_size, default.optimizer, default.lr)
    assert s.epochs == 7                                  # a sound value is kept
    w.controller.shutdown(5000)
    QSettings().clear()


def test_while_paused_one_button_resumes(qtbot, window):
    c = window.controller
    trigger(window, "step")
    qtbot.waitUntil(lambda: c.state == "paused", timeout=10000)
    a = window.actions_by_id
    assert a["pause"].text() == "Resume" and a["pause"].isEnabled()
    assert not a["start"].isEnabled() and a["start"].text() == "Start"
    window.stop()
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)
    assert a["start"].isEnabled()
