"""The experiment cards panel: each card runs in a thread, cancels, fills its table and curves."""
import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer

from core import Network, experiment_cards
from core.experiment_cards import mlp
from gui import worker_registry
from gui.optimizer_race_worker import smooth_curve
from gui.panels.experiments_panel import ExperimentsPanel
from gui.run_state import RunState
from gui.widgets.experiment_table import OK


@pytest.fixture
def panel(qtbot, mnist):                 # mnist: loaded (and cached) before the thread needs it
    p = ExperimentsPanel()
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    return p


def run(panel, qtbot, key, scale):
    panel.scale = scale
    with qtbot.waitSignal(panel.experiment_finished, timeout=120000) as finished:
        qtbot.mouseClick(panel.cards[key].run_button, Qt.MouseButton.LeftButton)
        assert panel.is_running and panel.job_thread.isRunning()
    assert finished.args == [key, "completed"]
    assert not panel.is_running and not worker_registry.running_threads()
    return panel.results(key)


def test_one_card_per_experiment_and_an_empty_state(panel):
    assert panel.objectName() == "experimentsPanel"
    assert list(panel.cards) == list(experiment_cards.CARDS)
    assert "Run" in panel.summary.text()                      # says what to do
    for card in panel.cards.values():
        assert card.run_button.isEnabled() and not card.cancel_button.isEnabled()
        assert card.run_button.toolTip() and card.cancel_button.toolTip() and card.toolTip()


def test_weight_init_card_runs_in_the_background_and_fills_table_and_curves(panel, qtbot, shot_dir):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    results = run(panel, qtbot, "weight_init", 0.3)
    timer.stop()
    assert ticks                                            # the GUI thread kept handling events
    w = panel.cards["weight_init"]
    assert w.progress.value() == 1000 and w.run_button.isEnabled() and "done in" in w.status.text()
    loss = {k: r.final_loss() for k, r in results.items()}
    assert loss["he"] < loss["xavier"] < loss["normal"]       # the book's ordering
    assert panel.table.rowCount() == 3
    assert panel.table.marks()[0] == OK and panel.table.marks()[2] == OK
    assert panel.verdict.text().startswith(OK)
    # the curves drawn are the losses measured
    raw, bold = panel.plot.items["he"]
    np.testing.assert_allclose(raw.getData()[1], results["he"].losses)
    np.testing.assert_allclose(bold.getData()[1], smooth_curve(np.array(results["he"].losses)))
    panel.grab().save(str(shot_dir / "experiments_weight_init.png"))


def test_batch_norm_card_draws_the_grid_and_a_row_per_scale(panel, qtbot, shot_dir):
    results = run(panel, qtbot, "batch_norm", 0.4)
    sigmas = experiment_cards.bn_scales(panel.context())
    assert panel.table.rowCount() == len(sigmas) == len(panel.plot._cells)
    # small scales: with BN the network learns, without it it does not
    assert results["bn2"].last("train") > results["plain2"].last("train") + 0.3
    x, y = panel.plot.items["bn2"][0].getData()
    assert list(x) == list(range(1, 9)) and y[-1] == results["bn2"].last("train")
    panel.grab().save(str(shot_dir / "experiments_batch_norm.png"))


def test_cancel_stops_at_once_and_keeps_what_was_measured(panel, qtbot):
    panel.scale = 1.0                                         # far longer than the test waits
    with qtbot.waitSignal(panel.experiment_finished, timeout=60000) as finished:
        panel.start("overfitting")
        w = panel.cards["overfitting"]
        assert w.cancel_button.isEnabled()
        assert all(not c.run_button.isEnabled() for c in panel.cards.values())   # one at a time
        qtbot.waitUntil(lambda: w.progress.value() > 0, timeout=30000)
        done_at_cancel = panel._job.job.done
        qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["overfitting", "cancelled"]
    results = panel.results("overfitting")
    assert results["none"].status == "cancelled" and results["l2"].status == "waiting"
    assert len(results["none"].losses) <= done_at_cancel + 3  # stopped within a step or two
    assert "cancelled" in w.status.text() and all(c.run_button.isEnabled() for c in panel.cards.values())
    assert not worker_registry.running_threads()


def test_the_race_trains_the_learners_network(panel, qtbot):
    spec = mlp([30])
    params = Network.from_spec(spec, rng=np.random.default_rng(2)).snapshot()
    panel.set_model(spec, params)
    params["0.W"][...] = 0                                    # the panel keeps its own copy
    results = run(panel, qtbot, "optimizer_race", 0.05)
    plans = panel._states["optimizer_race"].plans
    assert all(p.spec == spec for p in plans)
    assert not np.any(plans[0].params["0.W"] == 0)
    loss = {k: r.final_loss() for k, r in results.items()}
    assert max(loss, key=loss.get) == "sgd"


def test_showing_another_card_keeps_each_cards_results(panel, qtbot):
    run(panel, qtbot, "deep_vs_wide", 0.05)
    panel.show_card("weight_init")
    assert panel.table.rowCount() == 3 and set(panel.table.marks()) == {""}     # never run
    assert "σ = 0.01" in panel.verdict.text()                # the book's finding, before a run
    panel.show_card("deep_vs_wide")
    assert panel.table.rowCount() == 4 and OK in panel.table.marks()


def test_training_elsewhere_is_noted(panel):
    panel.set_training_state(RunState.RUNNING)
    assert panel.busy_note.isVisible()
    panel.set_training_state(RunState.IDLE)
    assert not panel.busy_note.isVisible()


def test_closing_the_panel_stops_and_joins(panel, qtbot):
    panel.start("weight_init")
    thread = panel.job_thread
    qtbot.waitUntil(lambda: panel.cards["weight_init"].progress.value() > 0, timeout=30000)
    panel.close()
    assert not thread.isRunning() and not panel.is_running
    assert not worker_registry.running_threads()


def test_destroying_the_panel_stops_and_joins(qtbot, mnist):
    p = ExperimentsPanel()
    p.start("weight_init")
    thread = p.job_thread
    qtbot.waitUntil(lambda: p.cards["weight_init"].progress.value() > 0, timeout=30000)
    shiboken6.delete(p)                                       # no close event: only destroyed()
    assert not thread.isRunning() and not worker_registry.running_threads()


def test_a_network_that_does_not_fit_the_data_fails_with_a_message(panel, qtbot):
    spec = {"input_shape": [2], "layers": [{"type": "dense", "units": 2}], "loss": "softmax_cross_entropy"}
    panel.set_model(spec, Network.from_spec(spec).snapshot())       # a toy net, MNIST data
    with qtbot.waitSignal(panel.experiment_finished, timeout=60000) as finished:
        panel.start("optimizer_race")
    assert finished.args[1].startswith("error: ")
    text = panel.cards["optimizer_race"].status.text()
    assert text.startswith("failed:") and "error:" not in text and "classes" in text
    assert not worker_registry.running_threads() and panel.cards["weight_init"].run_button.isEnabled()
