"""The canvas reads a digit the same at any size (its strokes are redrawn for the network at a
width relative to the drawing), and says so when a drawing is unlike the training digits."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint

from gui.panels.canvas_panel import CanvasPanel
from gui.widgets.stroke_image import render_strokes
from tests.gui.drawing import drag
from tests.gui.stroke_digits import DIGITS, all_drawings, arc, placed


@pytest.fixture
def panel(qtbot):
    p = CanvasPanel()
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def read(qtbot, panel) -> str:
    with qtbot.waitSignal(panel.prediction_updated, timeout=2000):
        panel._schedule()
    return panel.prediction.text()


def draw(qtbot, panel, drawing, size, centre=(0.5, 0.5)):
    panel.canvas.clear()
    for stroke in placed(drawing, size, centre):
        drag(qtbot, panel.canvas, stroke, steps=2)


def test_the_same_strokes_read_the_same_at_30_50_and_90_percent_of_the_canvas(qtbot, panel):
    answers = {}
    for digit, k, drawing in all_drawings():
        for size, centre in ((0.3, (0.3, 0.35)), (0.5, (0.55, 0.5)), (0.9, (0.5, 0.5))):
            draw(qtbot, panel, drawing, size, centre)
            answers.setdefault((digit, k), []).append(read(qtbot, panel))
    assert all(len(set(a)) == 1 for a in answers.values()), answers
    assert all(a[0] == str(d) for (d, _), a in answers.items()), answers


def test_the_network_image_does_not_depend_on_the_drawings_size():
    drawing = DIGITS[6][3]
    small, large = (render_strokes(placed(drawing, s)) for s in (0.3, 0.9))
    assert np.abs(small - large).max() < 0.02
    thin = render_strokes(placed(drawing, 0.3), pen=0.08)
    assert small.sum() > 1.5 * thin.sum()           # the width follows the pen fraction only


def test_the_screen_pen_does_not_change_the_answer(qtbot, panel):
    for pen in (4, 48):
        panel.pen.setValue(pen)
        for digit in (6, 9):
            draw(qtbot, panel, DIGITS[digit][3], 0.3)      # small, with a small loop
            assert read(qtbot, panel) == str(digit)


LETTER_A = [[(0.3, 0.85), (0.5, 0.15), (0.7, 0.85)], [(0.38, 0.6), (0.62, 0.6)]]
STAR = [[(0.5, 0.15), (0.62, 0.8), (0.2, 0.4), (0.8, 0.4), (0.38, 0.8), (0.5, 0.15)]]
SCRIBBLE = [[(0.2 + 0.6 * ((i * 37) % 11) / 10, 0.2 + 0.6 * ((i * 53) % 13) / 12) for i in range(40)]]


@pytest.mark.parametrize("name, drawing", [("A", LETTER_A), ("star", STAR), ("scribble", SCRIBBLE)])
def test_a_drawing_unlike_the_training_digits_is_called_so(qtbot, panel, name, drawing):
    draw(qtbot, panel, drawing, 0.6)
    assert read(qtbot, panel).isdigit()                  # it still names a digit ...
    warning = panel.warning.text()
    assert "Unlike the digits it learned from" in warning and "can only answer 0–9" in warning
    assert "MNIST's test" in warning and not panel.warning.isHidden()
    assert panel.hint.text().endswith("% sure")
    assert panel.prediction.styleSheet()                 # ... greyed out
    qtbot.waitUntil(lambda: bottom(panel.warning) <= top(panel.bars))
    assert bottom(panel.bars) <= top(panel.compare)      # the note takes room, covers nothing


def top(w) -> int:
    return w.mapTo(w.window(), QPoint(0, 0)).y()


def bottom(w) -> int:
    return top(w) + w.height()


def test_a_dot_is_not_a_digit_and_a_digit_is_just_read(qtbot, panel):
    panel.canvas.clear()
    drag(qtbot, panel.canvas, [(0.5, 0.5), (0.5, 0.5)], steps=1)
    read(qtbot, panel)
    assert "A dot is not a digit" in panel.warning.text() and not panel.warning.isHidden()
    draw(qtbot, panel, [arc(0.5, 0.33, 0.17, 0.15, 210, 450), arc(0.5, 0.65, 0.19, 0.17, 270, 510)], 0.5)
    assert read(qtbot, panel) == "3"
    assert panel.hint.text().endswith("% sure") and panel.warning.isHidden()
    assert not panel.prediction.styleSheet()
    assert "principal components" in panel.warning.toolTip()
