"""The MNIST optimizer race: trained in a worker thread, cancellable, joined on close."""
import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer

from core import optimizers
from gui import worker_registry
from gui.optimizer_race_worker import RaceConfig, race_rates, race_steps, smooth_curve
from gui.panels import optimizer_race_panel
from gui.panels.optimizer_race_panel import OptimizerRacePanel


@pytest.fixture
def panel(qtbot, mnist):                 # mnist: load (and cache) the data before the thread does
    p = OptimizerRacePanel()
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    return p


def test_defaults_are_the_books(panel):
    assert panel.objectName() == "optimizerRacePanel"
    config = panel.config()
    # the book's four, at the book's rates (from the registry)
    assert config.lrs == {name: cls.race_lr for name, cls in optimizers.OPTIMIZERS.items() if cls.in_book}
    assert list(config.lrs) == ["sgd", "momentum", "adagrad", "adam"]
    assert config.lrs == RaceConfig().lrs == race_rates()
    assert list(panel.checks) == list(optimizers.OPTIMIZERS)
    assert {n: s.value() for n, s in panel.lr_spins.items()} == race_rates(everyone=True)
    for name, cls in optimizers.OPTIMIZERS.items():
        assert cls.rule in panel.checks[name].toolTip()
    assert (config.iterations, config.batch_size, config.preset) == (2000, 128, "deep")
    assert not panel.is_running and not panel.cancel_button.isEnabled()


def test_a_short_race_runs_in_the_thread_and_the_window_stays_responsive(panel, qtbot):
    panel.iterations.setValue(30)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(panel.progress.value()))
    timer.start(5)
    with qtbot.waitSignal(panel.race_finished, timeout=60000) as finished:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        assert panel.is_running and panel.race_thread.isRunning()
        assert not panel.run_button.isEnabled() and panel.cancel_button.isEnabled()
    timer.stop()
    assert finished.args == ["completed"]
    assert ticks                                   # the GUI thread kept handling events
    assert not panel.is_running and not worker_registry.running_threads()
    assert panel.progress.value() == 1000 and panel.run_button.isEnabled()
    finals = panel.final_losses()
    assert set(finals) == {"sgd", "momentum", "adagrad", "adam"}
    for name in finals:
        losses = panel.losses(name)
        assert losses.shape == (30,) and np.isfinite(losses).all()
    # every optimizer starts from the same weights on the same first batch
    assert len({round(float(panel.losses(n)[0]), 5) for n in finals}) == 1
    assert "Final loss (smoothed)" in panel.status.text()
    # the curves drawn are the losses the worker sent
    x, y = panel.raw_items["adam"].getData()
    np.testing.assert_array_equal(y, panel.losses("adam"))
    np.testing.assert_allclose(panel.smooth_items["adam"].getData()[1], smooth_curve(panel.losses("adam")))


def test_the_thread_matches_the_plain_loop(panel, qtbot, mnist):
    panel.iterations.setValue(12)
    for name, cb in panel.checks.items():
        cb.setChecked(name in ("sgd", "rmsprop"))
    with qtbot.waitSignal(panel.race_finished, timeout=60000):
        panel.start()
    config = RaceConfig({"sgd": 0.01, "rmsprop": 0.001}, 12)
    expected = {"sgd": [], "rmsprop": []}
    for step in race_steps(config, mnist):
        expected[step.name].append(step.loss)
    for name, losses in expected.items():
        np.testing.assert_allclose(panel.losses(name), losses, rtol=1e-6)


def test_cancel_mid_run(panel, qtbot):
    assert panel.iterations.value() == 2000        # far longer than the test waits
    with qtbot.waitSignal(panel.race_finished, timeout=60000) as finished:
        panel.start()
        qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=30000)
        panel.log_check.setChecked(True)           # the axis may change while it runs
        qtbot.waitUntil(lambda: len(panel.losses("sgd")) > 0, timeout=30000)
        panel.log_check.setChecked(False)
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["cancelled"]
    assert not panel.is_running and not worker_registry.running_threads()
    assert 0 < panel.progress.value() < 1000
    assert panel.status.text().startswith("Cancelled")
    assert panel.run_button.isEnabled()


def test_closing_the_panel_stops_and_joins(panel, qtbot):
    panel.start()
    thread = panel.race_thread
    qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=30000)
    panel.close()
    assert not thread.isRunning() and not panel.is_running
    assert not worker_registry.running_threads()


def test_destroying_the_panel_stops_and_joins(qtbot, mnist):
    p = OptimizerRacePanel()
    p.start()
    thread = p.race_thread
    qtbot.waitUntil(lambda: p.progress.value() > 0, timeout=30000)
    shiboken6.delete(p)                            # no close event: only destroyed() is left
    assert not thread.isRunning()
    assert not worker_registry.running_threads() and not optimizer_race_panel._LIVE_RUNS


def test_nothing_checked_does_not_start(panel):
    for cb in panel.checks.values():
        cb.setChecked(False)
    panel.start()
    assert not panel.is_running and "at least one" in panel.status.text()


def test_smooth_curve_is_the_books():
    x = np.random.default_rng(0).random(50)
    w = np.kaiser(11, 2)
    s = np.r_[x[10:0:-1], x, x[-1:-11:-1]]
    book = np.convolve(w / w.sum(), s, mode="valid")[5:-5]
    np.testing.assert_allclose(smooth_curve(x), book)
    assert smooth_curve(x[:4]).shape == (4,) and smooth_curve(x[:1]).shape == (1,)


def test_screenshot_after_a_race(panel, qtbot, shot_dir):
    panel.iterations.setValue(300)
    for cb in panel.checks.values():
        cb.setChecked(True)
    with qtbot.waitSignal(panel.race_finished, timeout=120000):
        panel.start()
    assert set(panel.final_losses()) == set(optimizers.OPTIMIZERS)
    shot = shot_dir / "optimizer_race_300.png"
    assert panel.grab().save(str(shot)) and shot.stat().st_size > 0


def test_a_diverging_optimizer_is_reported_and_the_others_go_on(panel, qtbot):
    panel.iterations.setValue(20)
    panel.lr_spins["sgd"].setValue(10.0)
    with qtbot.waitSignal(panel.race_finished, timeout=60000) as finished:
        panel.start()
    assert finished.args == ["completed"]
    assert 0 < len(panel.losses("sgd")) < 20 and len(panel.losses("adam")) == 20
    assert "Diverged at iteration: SGD" in panel.status.text()
    assert panel.progress.value() == 1000
