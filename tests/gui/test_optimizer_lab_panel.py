"""The optimizer lab panel: paths on a surface, a clickable start, and the step animation."""
import numpy as np
import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPointF, Qt

from core import optimizers, surfaces
from gui.panels.optimizer_lab_panel import OptimizerLabPanel

N_OPTIMIZERS = len(optimizers.OPTIMIZERS)


@pytest.fixture
def panel(qtbot):
    p = OptimizerLabPanel()
    qtbot.addWidget(p)
    p.resize(1000, 650)
    p.show()
    qtbot.waitExposed(p)
    return p


def view_to_widget(plot, x, y):
    """Widget (viewport) position of the data point (x, y) of a PlotWidget."""
    scene = plot.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
    return plot.mapFromScene(scene)


def test_opens_on_the_books_race(panel):
    assert panel.objectName() == "optimizerLabPanel"
    assert panel.surface.key == "book" and panel.start == (-7.0, 2.0) and panel.n_steps == 30
    assert panel.learning_rates() == surfaces.preset("book")
    assert list(panel.paths) == list(panel.checks) == list(optimizers.OPTIMIZERS)
    # the drawn path is the one the optimizer class computes, shown in full at first
    sgd = surfaces.trajectory(panel.surface, optimizers.SGD(0.95), (-7.0, 2.0), 30)
    np.testing.assert_allclose(np.column_stack(panel.lines["sgd"].getData()), sgd)
    assert panel.current_step == 30


def test_clicking_the_plot_moves_the_start(panel, qtbot):
    target = (3.0, -1.5)
    pos = view_to_widget(panel.plot, *target)
    qtbot.mouseClick(panel.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    # one pixel is 20 / ~450 ≈ 0.05 in x and 10 / ~500 ≈ 0.02 in y
    assert panel.start == pytest.approx(target, abs=0.1)
    for name, path in panel.paths.items():
        np.testing.assert_allclose(path.points[0], panel.start, err_msg=name)
    xs, ys = panel.start_marker.getData()
    assert (xs[0], ys[0]) == pytest.approx(panel.start)


def test_a_click_outside_the_plot_area_is_ignored(panel, qtbot):
    vb = panel.plot.getPlotItem().getViewBox()
    outside = panel.plot.mapFromScene(vb.sceneBoundingRect().bottomLeft() + QPointF(-20, 15))
    qtbot.mouseClick(panel.plot.viewport(), Qt.MouseButton.LeftButton, pos=outside)
    assert panel.start == (-7.0, 2.0)


def test_animation_play_pause_step_reset(panel, qtbot):
    panel.speed.setValue(60)
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.current_step == 0
    assert len(panel.lines["adam"].getData()[0]) == 1          # only the start is drawn
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert panel.is_playing
    qtbot.waitUntil(lambda: panel.current_step >= 5, timeout=5000)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)   # pause
    assert not panel.is_playing
    k = panel.current_step
    assert len(panel.lines["adam"].getData()[0]) == k + 1
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.current_step == k + 1
    assert panel.step_label.text() == f"step {k + 1} / 30"
    panel.play()                                                  # runs to the end, then stops
    qtbot.waitUntil(lambda: not panel.is_playing, timeout=5000)
    assert panel.current_step == 30
    panel.step_forward()                                          # stays at the end
    assert panel.current_step == 30
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.current_step == 0 and not panel.is_playing


def test_hiding_the_panel_pauses_the_animation(panel, qtbot):
    panel.reset_animation()
    panel.play()
    assert panel.is_playing
    panel.hide()
    assert not panel.is_playing and panel.play_button.text() == "Play"
    k = panel.current_step
    panel.show()
    qtbot.waitExposed(panel)
    assert not panel.is_playing and panel.current_step == k


def test_checkboxes_show_and_hide_paths(panel):
    panel.checks["sgd"].setChecked(False)
    assert not panel.lines["sgd"].isVisible() and not panel.loss_curves["sgd"].isVisible()
    assert len(panel.heads.data) == N_OPTIMIZERS - 1
    assert "SGD" not in panel.show_step_info(3)
    panel.checks["sgd"].setChecked(True)
    assert panel.lines["sgd"].isVisible() and len(panel.heads.data) == N_OPTIMIZERS


def test_each_checkbox_explains_its_update_rule(panel):
    for name, cls in optimizers.OPTIMIZERS.items():
        tip = panel.checks[name].toolTip()
        assert QtGui.Qt.mightBeRichText(tip)                 # rich text: Qt wraps it
        assert cls.rule in tip and cls.help in tip and panel.checks[name].text() == cls.label


def test_presets_and_learning_rates(panel, qtbot):
    panel.same_spin.setValue(0.05)
    qtbot.mouseClick(panel.same_button, Qt.MouseButton.LeftButton)
    assert set(panel.learning_rates().values()) == {0.05}
    adam = surfaces.trajectory(panel.surface, optimizers.Adam(0.05), panel.start, 30)
    np.testing.assert_allclose(panel.paths["adam"].points, adam)
    panel.lr_spins["sgd"].setValue(0.5)
    assert panel.paths["sgd"].points[1] == pytest.approx([-7 + 0.5 * 0.7, 2 - 0.5 * 4])
    qtbot.mouseClick(panel.book_button, Qt.MouseButton.LeftButton)
    assert panel.learning_rates() == surfaces.preset("book")


def test_surfaces_and_divergence(panel, qtbot):
    panel.surface_combo.setCurrentIndex(panel.surface_combo.findData("rosenbrock"))
    s = surfaces.get("rosenbrock")
    assert panel.surface is s and panel.start == s.start and panel.n_steps == s.steps
    assert panel.learning_rates() == s.lrs and not panel.status_label.isVisibleTo(panel)
    qtbot.mouseClick(panel.book_button, Qt.MouseButton.LeftButton)     # far too big here
    assert panel.paths["sgd"].stopped
    assert panel.status_label.isVisibleTo(panel) and "SGD diverged at step" in panel.status_label.text()
    assert "diverged" in panel.show_step_info(panel.n_steps)
    for key in surfaces.SURFACES:                 # the saddle has no minimum: linear f axis
        panel.set_surface(key)
        assert panel.loss_plot.getPlotItem().getAxis("left").logMode == (key != "saddle")


def test_hover_reads_x_y_f_at_a_step(panel, qtbot):
    lp = panel.loss_plot
    y_mid = np.mean(lp.getPlotItem().getViewBox().viewRange()[1])
    qtbot.mouseMove(lp.viewport(), view_to_widget(lp, 7, y_mid))
    qtbot.waitUntil(panel.readout.isVisible, timeout=2000)
    text = panel.readout.textItem.toPlainText()
    x, y = panel.paths["sgd"].points[7]
    assert "step 7" in text and f"SGD ({x:.3g}, {y:.3g}) f={panel.paths['sgd'].values[7]:.3g}" in text
    assert len(panel.hover_marks.data) == N_OPTIMIZERS and panel.cursor.value() == 7


@pytest.mark.parametrize("size", [(1000, 650), (600, 700)])
def test_screenshots_mid_animation(panel, qtbot, size, shot_dir):
    panel.resize(*size)
    panel.layout().activate()           # settle the layout before grabbing
    panel.reset_animation()
    for _ in range(12):
        panel.step_forward()
    panel.show_step_info(6)
    assert panel.width() == size[0]
    shot = shot_dir / f"optimizer_lab_{size[0]}x{size[1]}.png"
    assert panel.grab().save(str(shot)) and shot.stat().st_size > 0
