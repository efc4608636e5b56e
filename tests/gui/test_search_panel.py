"""The hyperparameter search panel: runs in a thread, sorts its table, applies the best trial."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from core import Network, optimizers
from core.experiment_cards import mlp
from core.hyperparameter_search import SearchConfig, best, ranked
from gui import worker_registry
from gui.panels.search_panel import YOURS, SearchPanel
from gui.widgets.trials_table import COL_LR, COL_VAL


@pytest.fixture
def panel(qtbot, mnist):
    p = SearchPanel()
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    return p


def small(panel, trials=6, epochs=3, samples=200):
    panel.trials_spin.setValue(trials)
    panel.epochs.setValue(epochs)
    panel.samples.setValue(samples)
    panel.lr_low.setValue(-4)            # most trials learn something in a few epochs
    panel.lr_high.setValue(-1)


def run(panel, qtbot):
    with qtbot.waitSignal(panel.search_finished, timeout=120000) as finished:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        assert panel.is_running and panel.job_thread.isRunning()
        assert not panel.run_button.isEnabled() and not panel.trials_spin.isEnabled()
    assert finished.args == ["completed"]
    assert not panel.is_running and not worker_registry.running_threads()


def test_defaults_are_the_books_ranges(panel):
    c = panel.config()
    d = SearchConfig()
    assert (c.lr_exponents, c.wd_exponents) == ((-6, -2), (-8, -4)) == (d.lr_exponents, d.wd_exponents)
    assert (c.samples, c.epochs, c.optimizer, c.trials) == (500, 50, "sgd", 100)
    names = [panel.optimizer.itemData(i) for i in range(panel.optimizer.count())]
    assert names == list(optimizers.OPTIMIZERS)
    assert not panel.apply_button.isEnabled()
    assert not panel.network.model().item(YOURS).isEnabled()       # until a model arrives


def test_search_fills_a_sorted_table_and_the_scatter_and_applies_the_best(panel, qtbot, shot_dir):
    small(panel)
    run(panel, qtbot)
    trials = panel.trials
    assert all(t.status in ("done", "diverged") for t in trials)
    assert panel.table.rowCount() == 6
    # sorted by validation accuracy, best first (the default)
    shown = panel.table.column_values(COL_VAL)
    assert shown == sorted(shown, key=lambda v: -1 if v is None else v, reverse=True)
    assert shown[0] == ranked(trials)[0].val_acc
    # click the learning-rate column's title: sorted by it
    header = panel.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(COL_LR) + 5, 5))
    assert header.sortIndicatorSection() == COL_LR
    lrs = panel.table.column_values(COL_LR)
    assert lrs == sorted(lrs) or lrs == sorted(lrs, reverse=True)
    assert sorted(lrs) == sorted(t.lr for t in trials)
    # the scatter: one coloured point per finished trial, on log axes, with a colour bar
    assert len(panel.scatter.point_brushes()) == len(ranked(trials))
    assert panel.scatter.getPlotItem().getAxis("bottom").logMode
    assert panel.scatter.colorbar.isVisible()
    panel.grab().save(str(shot_dir / "search_panel.png"))
    # one click applies the best trial
    top = best(trials)
    assert panel.apply_button.isEnabled()
    with qtbot.waitSignal(panel.settings_requested) as applied:
        qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert applied.args == [{"optimizer": "sgd", "lr": top.lr, "weight_decay": top.weight_decay}]
    assert "learning rate" in panel.status.text()


def test_double_clicking_a_trial_applies_it(panel, qtbot):
    small(panel, trials=3, epochs=2)
    panel.optimizer.setCurrentIndex(list(optimizers.OPTIMIZERS).index("adam"))
    run(panel, qtbot)
    row = panel.table.rowCount() - 1
    index = panel.table.trial_at(row)
    trial = next(t for t in panel.trials if t.index == index)
    with qtbot.waitSignal(panel.settings_requested) as applied:
        panel.table.cellDoubleClicked.emit(row, 0)
    assert applied.args == [{"optimizer": "adam", "lr": trial.lr, "weight_decay": trial.weight_decay}]


def test_your_network_is_searched_from_its_weights(panel, qtbot):
    spec = mlp([20])
    panel.set_model(spec, Network.from_spec(spec, rng=np.random.default_rng(1)).snapshot())
    assert panel.network.model().item(YOURS).isEnabled()
    panel.network.setCurrentIndex(YOURS)
    small(panel, trials=2, epochs=2)
    with qtbot.waitSignal(panel.search_finished, timeout=60000):
        panel.start()
        assert panel._job.job.spec == spec and panel._job.job.params is not None
    assert all(t.status == "done" for t in panel.trials)


def test_cancel_mid_search(panel, qtbot):
    assert panel.trials_spin.value() == 100              # far longer than the test waits
    with qtbot.waitSignal(panel.search_finished, timeout=60000) as finished:
        panel.start()
        qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=30000)
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["cancelled"]
    assert "Cancelled" in panel.status.text() and panel.run_button.isEnabled()
    assert "cancelled" in {t.status for t in panel.trials}
    assert not worker_registry.running_threads()


def test_bad_ranges_get_a_message(panel):
    panel.lr_low.setValue(-1)
    panel.lr_high.setValue(-3)
    panel.start()
    assert not panel.is_running and "Cannot search" in panel.status.text()


def test_closing_the_panel_stops_and_joins(panel, qtbot):
    panel.start()
    thread = panel.job_thread
    qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=30000)
    panel.close()
    assert not thread.isRunning() and not panel.is_running and not worker_registry.running_threads()


def test_a_trial_outside_the_training_settings_range_is_not_applied(panel, qtbot):
    small(panel, trials=1, epochs=1, samples=20)
    panel.lr_low.setValue(-9)                # below the learning-rate setting's lowest, 10⁻⁶
    panel.lr_high.setValue(-8)
    run(panel, qtbot)
    with qtbot.assertNotEmitted(panel.settings_requested):
        panel.apply_best()
    assert "Cannot use trial 1" in panel.status.text()
