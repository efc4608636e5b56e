"""1-D gradient descent on (w − 1)² from w = 5: the learning rate decides everything."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.panels.descent_1d_panel import Descent1DPanel


@pytest.fixture
def panel(qtbot):
    p = Descent1DPanel()
    qtbot.addWidget(p)
    p.resize(600, 700)
    p.show()
    return p


def test_starts_at_five(panel):
    assert panel.objectName() == "descent1DPanel"
    assert panel.weights == [5.0]
    assert panel.learning_rate == pytest.approx(0.1)


def test_lr_one_bounces_between_five_and_minus_three(panel, qtbot):
    panel.set_learning_rate(1.0)
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.weights == [5.0, -3.0, 5.0]
    assert "bounces" in panel.explain_label.text()


def test_small_lr_converges_towards_one(panel):
    panel.slider.setValue(10)                  # the slider itself: lr = 0.10
    assert panel.learning_rate == pytest.approx(0.1)
    for _ in range(30):
        panel.step()
    d = np.abs(np.array(panel.weights) - 1.0)
    assert np.all(np.diff(d) < 0)              # always closer
    assert d[-1] < 0.01
    assert all(w > 1.0 for w in panel.weights)  # from one side


def test_lr_above_one_diverges(panel):
    panel.set_learning_rate(1.1)
    for _ in range(60):
        panel.step()
    w = np.array(panel.weights)
    signs = np.sign(w[1:] - 1.0)
    assert np.all(signs[1:] == -signs[:-1])    # oscillates around the minimum
    assert np.all(np.diff(np.abs(w - 1.0)) > 0)  # with growing amplitude
    assert abs(w[-1] - 1.0) > 100
    assert "diverge" in panel.explain_label.text()
    if panel.diverged:
        assert panel.finished


def test_slider_range_and_reset(panel):
    assert panel.slider.minimum() / 100 == pytest.approx(0.01)
    assert panel.slider.maximum() / 100 == pytest.approx(1.2)
    panel.step()
    panel.slider.setValue(50)                  # a new learning rate starts over
    assert panel.weights == [5.0]
    panel.step()
    assert panel.weights == [5.0, 1.0]         # lr = 0.5 lands on the minimum at once
    panel.reset_button.click()
    assert panel.weights == [5.0]


def test_autoplay_advances_and_pauses(panel, qtbot, shot_dir):
    panel.set_learning_rate(0.9)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert panel.is_playing
    qtbot.waitUntil(lambda: len(panel.weights) >= 4, timeout=5000)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert not panel.is_playing
    assert panel.play_button.text() == "Play"
    assert panel.grab().save(str(shot_dir / "descent_1d_lr0.9.png"))


def test_hiding_the_panel_pauses_autoplay(panel):
    panel.play()
    assert panel.is_playing
    panel.hide()
    assert not panel.is_playing and not panel.play_button.isChecked()


def test_screenshots(panel, shot_dir):
    for lr, k in ((1.0, 4), (1.1, 8), (0.1, 8)):
        panel.set_learning_rate(lr)
        for _ in range(k):
            panel.step()
        QApplication.processEvents()            # let the layout and the axes settle
        assert panel.grab().save(str(shot_dir / f"descent_1d_lr{lr}.png"))
