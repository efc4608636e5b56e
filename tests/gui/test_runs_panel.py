"""Runs side by side (issue 17): every run is kept by the controller, overlaid in the metrics panel
with a legend naming what differs, listed in the runs table (hide, rename, delete, CSV), and
saved with the run file."""
from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from core import run_set
from gui.controller import TrainingController
from gui.panels.metrics_panel import MetricsPanel
from gui.panels.runs_panel import NAME, RunsPanel
from gui.run_overlay import colour
from gui.run_state import RunState


@pytest.fixture
def controller(moons_controller):
    moons_controller.settings.epochs, moons_controller.settings.batch_size = 2, 32
    return moons_controller


@pytest.fixture
def panels(qtbot, controller):
    metrics, runs = MetricsPanel(), RunsPanel()
    for p in (metrics, runs):
        qtbot.addWidget(p)
        p.resize(900, 500)
        p.show()
        controller.runs_changed.connect(p.set_runs)
    controller.model_changed.connect(metrics.set_model)
    controller.steps_ready.connect(metrics.add_steps)
    controller.epoch_ready.connect(metrics.add_epoch)
    return metrics, runs


def train(qtbot, c: TrainingController, **settings) -> None:
    for name, value in settings.items():
        assert c.set_setting(name, value)
    with qtbot.waitSignal(c.run_finished, timeout=30000):
        assert c.start()
    assert c.state is RunState.FINISHED


def three_runs(qtbot, c: TrainingController) -> None:
    """Three runs differing in the learning rate, each kept when the next one is applied."""
    for lr in (0.01, 0.001, 0.05):
        train(qtbot, c, lr=lr)
        assert c.build_model(c.net.spec, 0)           # Apply: the run so far is kept


def test_three_runs_overlay_three_curve_sets_with_a_legend_naming_the_difference(qtbot, controller,
                                                                                  panels, shot_dir):
    metrics, runs = panels
    three_runs(qtbot, controller)
    kept = controller.kept_runs.runs
    assert [r.settings["lr"] for r in kept] == [0.01, 0.001, 0.05]
    assert len(metrics.overlay.curves) == 3
    for run in kept:
        loss, val_loss, val_acc, train_acc = metrics.overlay.curves[run.uid]
        assert loss.opts["pen"].color().name() == colour(run).lower()
        np.testing.assert_allclose(val_acc.getOriginalDataset()[1], 100 * run.epochs["val_acc"])
        assert len(loss.getOriginalDataset()[0]) == len(run.steps["step"]) > 0
    assert metrics.overlay.entries == ["Run 1: Learning rate 0.01", "Run 2: Learning rate 0.001",
                                       "Run 3: Learning rate 0.05"]
    assert metrics.overlay.caption == "Compared runs differ in: Learning rate 0.01 vs 0.001 vs 0.05"
    assert metrics.overlay.legend_shown()
    legend_html = metrics.overlay.legend.text
    assert all(e in legend_html for e in metrics.overlay.entries) and colour(kept[2]) in legend_html
    metrics.redraw()
    assert metrics.stack.currentWidget() is metrics.glw          # kept runs show with no live run
    # the x axis holds the longest kept run
    assert metrics.loss_plot.vb.viewRange()[0][1] >= max(r.max_step for r in kept)
    assert runs.table.rowCount() == 3
    assert runs.table.item(1, 1).text() == "Learning rate 0.001"
    assert runs.table.item(0, 2).text() == f"{100 * kept[0].final_val_acc:.2f}%"
    metrics.grab().save(str(shot_dir / "metrics_three_runs.png"))
    runs.grab().save(str(shot_dir / "runs_table.png"))


def test_the_current_run_is_named_in_the_comparison(qtbot, controller, panels):
    metrics, runs = panels
    train(qtbot, controller, lr=0.01)
    assert controller.build_model(controller.net.spec, 0)
    train(qtbot, controller, lr=0.002)
    assert metrics.overlay.caption == ("Compared runs differ in: Learning rate 0.01 vs 0.002"
                                       " · this run: Learning rate 0.002")
    assert metrics.overlay.entries == ["Run 1: Learning rate 0.01"]


def test_hide_rename_delete_and_csv(qtbot, controller, panels, tmp_path):
    metrics, runs = panels
    three_runs(qtbot, controller)
    kept = list(controller.kept_runs.runs)
    t = runs.table
    t.item(1, NAME).setCheckState(Qt.CheckState.Unchecked)          # hide run 2
    assert not kept[1].visible and kept[1].uid not in metrics.overlay.curves
    assert len(metrics.overlay.curves) == 2
    t.item(0, NAME).setText("careful")                                # rename run 1
    assert kept[0].name == "careful"
    assert metrics.overlay.entries == ["careful: Learning rate 0.01", "Run 3: Learning rate 0.05"]
    # the keyboard: F2 edits the selected run's name, Delete deletes the selected rows
    t.setFocus()
    t.selectRow(2)
    qtbot.keyClick(t, Qt.Key.Key_F2)
    assert t.state() == t.State.EditingState
    qtbot.keyClick(t.focusWidget(), Qt.Key.Key_Escape)
    qtbot.keyClick(t, Qt.Key.Key_Delete)
    assert [r.uid for r in controller.kept_runs.runs] == [kept[0].uid, kept[1].uid]
    assert t.rowCount() == 2 and kept[2].uid not in metrics.overlay.curves
    t.item(0, NAME).setCheckState(Qt.CheckState.Unchecked)          # nothing shown: no legend row
    assert not metrics.overlay.curves and not metrics.overlay.legend_shown()
    path = tmp_path / "runs.csv"
    assert runs.export_csv(str(path)) == 2
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows] == ["careful", "Run 2"]
    assert [float(r["lr"]) for r in rows] == [0.01, 0.001]
    assert rows[1]["differs"] == "Learning rate 0.001"


def test_saving_and_opening_a_run_file_brings_every_run_back(qtbot, controller, panels, tmp_path):
    metrics, runs = panels
    three_runs(qtbot, controller)
    controller.edit_runs("rename", [controller.kept_runs.runs[2].uid], "fast")
    train(qtbot, controller, lr=0.02)                                  # the current run
    path = str(tmp_path / "compare.npz")
    assert controller.save_run(path)
    before = [(r.uid, r.name, r.settings["lr"]) for r in controller.kept_runs.runs]

    other = TrainingController()
    try:
        assert other.load_dataset("moons")
        seen = []
        other.runs_changed.connect(seen.append)
        assert other.open_run(path)
        assert [(r.uid, r.name, r.settings["lr"]) for r in other.kept_runs.runs] == before
        assert seen[-1].current.settings["lr"] == 0.02                # the opened run's own
        a, b = controller.kept_runs.runs[0], other.kept_runs.runs[0]
        np.testing.assert_allclose(a.steps["loss"], b.steps["loss"])
        np.testing.assert_array_equal(a.epochs["val_acc"], b.epochs["val_acc"])
        assert other.open_run(path)                                    # again: nothing doubled
        assert len(other.kept_runs) == 4                               # the opened run, kept once
    finally:
        assert other.shutdown(5000)


def test_a_run_with_nothing_trained_is_not_kept(controller, panels):
    metrics, runs = panels
    assert controller.build_model(controller.net.spec, 1)
    assert len(controller.kept_runs) == 0
    assert runs.stack.currentWidget() is runs.hint and "kept" in runs.hint.text()


def test_recorder_and_overlay_ignore_a_run_without_epochs(qtbot, controller, panels):
    metrics, runs = panels
    controller.step_batches(3)
    qtbot.waitUntil(lambda: controller.state is RunState.PAUSED and controller._recorder.step_arrays()
                    ["step"].size == 3, timeout=10000)
    assert controller.stop(wait=True)
    assert controller.build_model(controller.net.spec, 0)
    (run,) = controller.kept_runs.runs
    assert run.epochs_done == 0 and np.isnan(run.final_val_acc)
    assert runs.table.item(0, 2).text() == "—"
    assert isinstance(run, run_set.KeptRun) and len(metrics.overlay.curves) == 1


def test_kept_curves_are_made_once_and_not_redrawn_per_frame(qtbot, controller, panels):
    metrics, runs = panels
    three_runs(qtbot, controller)
    calls = []
    for items in metrics.overlay.curves.values():
        for item in items:
            item.setData = lambda *a, **k: calls.append(a)         # noqa: B023 - any call counts
    k = np.arange(1, 301)
    for start in range(0, 300, 50):                                 # a live run goes on
        metrics.add_steps({"step": k[start:start + 50], "epoch": np.ones(50, int),
                           "loss": np.linspace(1, 0.5, 50), "acc": np.full(50, 0.6),
                           "lr": np.full(50, 0.01)})
        metrics.redraw()
    assert len(metrics._live[metrics.raw_curve].drawn()[0]) == 300 and calls == []


def test_delete_while_renaming_edits_the_name_not_the_runs(qtbot, controller, panels):
    metrics, runs = panels
    three_runs(qtbot, controller)
    t = runs.table
    t.setFocus()
    t.selectRow(0)
    runs.rename_current()
    editor = t.viewport().findChild(QLineEdit)
    assert t.state() == t.State.EditingState and editor is not None
    assert editor.text() == "Run 1"
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)                     # committed by a queued call
    qtbot.waitUntil(lambda: controller.kept_runs.runs[0].name == "un 1")
    assert len(controller.kept_runs) == 3


def test_the_main_window_has_the_runs_panel_fed_by_the_controller(qtbot, new_window):
    w = new_window()
    runs, metrics = w.panels["runsDock"], w.panels["metricsDock"]
    c = w.controller
    assert c.load_dataset("moons")
    c.settings.epochs = 1
    train(qtbot, c, lr=0.01)
    w.apply_spec(c.net.spec, 0)
    w.show_docks(("runsDock",))
    qtbot.waitUntil(lambda: runs.table.rowCount() == 1)
    assert len(metrics.overlay.curves) == 1


def test_kept_runs_on_a_log_axis_with_a_loss_of_zero(qtbot):
    from core.run_set import RunRecorder
    from gui.run_keeping import RunsView
    from tests.core.test_run_set import settings
    rec = RunRecorder()
    rec.begin(settings(), {"input_shape": [2], "layers": [{"type": "dense", "units": 2}]}, "xor")
    rec.add_steps({"step": np.arange(1, 11), "loss": np.r_[np.linspace(1, 0.1, 9), 0.0],
                   "acc": np.full(10, 0.5)})
    run = rec.freeze(1)
    m = MetricsPanel()
    qtbot.addWidget(m)
    m.resize(600, 400)
    m.show()
    m.set_runs(RunsView([run], None, lambda *a: None))
    m.log_box.setChecked(True)
    m.redraw()
    assert not m.overlay.curves[run.uid][0].opts["skipFiniteCheck"]
    image = m.glw.grab().toImage()                     # paints without an error
    assert image.width() > 0
    m.log_box.setChecked(False)
    assert m.overlay.curves[run.uid][0].opts["skipFiniteCheck"]


def test_the_current_run_is_the_last_row_until_it_is_kept(qtbot, new_window, tmp_path):
    w = new_window()
    runs = w.panels["runsDock"]
    c = w.controller
    assert c.load_dataset("moons")
    c.settings.epochs, c.settings.batch_size = 2, 32
    w.show_docks(("runsDock",))
    train(qtbot, c, lr=0.01)
    qtbot.waitUntil(lambda: runs.table.rowCount() == 1)             # fed by epoch_ready
    t = runs.table
    assert t.item(0, NAME).text() == "This run" and t.item(0, NAME).font().italic()
    assert not t.item(0, NAME).flags() & Qt.ItemFlag.ItemIsEditable   # not renamed, hidden ...
    t.selectRow(0)
    assert runs.selected_uids() == [] and not runs.delete_button.isEnabled()   # ... nor deleted
    final = c._recorder.epochs["val_acc"][-1]
    assert t.item(0, 2).text() == f"{100 * final:.2f}%"
    assert runs.export_csv(str(tmp_path / "runs.csv")) == 1
    w.apply_spec(c.net.spec, 0)                                       # kept: a row of its own
    qtbot.waitUntil(lambda: t.item(0, NAME).text() == "Run 1")
    assert t.rowCount() == 1 and t.item(0, 2).text() == f"{100 * final:.2f}%"
    train(qtbot, c, lr=0.002)                                         # the next run follows it
    qtbot.waitUntil(lambda: t.rowCount() == 2)
    assert [t.item(r, NAME).text() for r in range(2)] == ["Run 1", "This run"]
    assert t.item(1, 1).text() == "Learning rate 0.002"
