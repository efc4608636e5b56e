"""The drawing canvas: strokes from mouse, pen and touch events, undo, clear, resizing, pasting."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gui.widgets.digit_canvas import MIN_SIDE, DigitCanvas, ImageGrid
from tests.gui.drawing import drag, to_widget


def ink_at(img: np.ndarray, u: float, v: float) -> float:
    h, w = img.shape
    return float(img[min(h - 1, int(v * h)), min(w - 1, int(u * w))])


@pytest.fixture
def canvas(qtbot):
    c = DigitCanvas()
    qtbot.addWidget(c)
    c.resize(300, 300)
    c.show()
    qtbot.waitExposed(c)
    return c


def test_starts_blank_square_and_large_enough(canvas):
    assert canvas.objectName() == "digitCanvas"
    assert canvas.minimumWidth() >= MIN_SIDE and canvas.minimumHeight() >= MIN_SIDE
    img = canvas.image()
    side = round(canvas.area().width() * canvas.devicePixelRatioF())
    assert img.shape == (side, side) and img.dtype == np.float32
    assert img.max() == 0.0 and canvas.is_empty()


def test_mouse_stroke_puts_ink_where_drawn(qtbot, canvas):
    moves = []
    canvas.changed.connect(lambda: moves.append(1))
    drag(qtbot, canvas, [(0.5, 0.2), (0.5, 0.8)])
    img = canvas.image()
    assert len(moves) >= 8                          # emitted on every move, not just at the end
    assert ink_at(img, 0.5, 0.5) > 0.9 and ink_at(img, 0.5, 0.25) > 0.9
    assert ink_at(img, 0.1, 0.1) == 0.0 and ink_at(img, 0.8, 0.5) == 0.0
    assert 0.0 <= img.min() and img.max() <= 1.0
    assert len(np.unique(img)) > 2                  # antialiased edges
    assert canvas.stroke_count() == 1


def test_a_click_draws_a_round_dot(qtbot, canvas):
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=to_widget(canvas, 0.5, 0.5))
    img = canvas.image()
    assert ink_at(img, 0.5, 0.5) > 0.9
    ys, xs = np.nonzero(img > 0.5)
    assert 0.7 < (ys.max() - ys.min()) / (xs.max() - xs.min()) < 1.3


def test_undo_removes_only_the_last_stroke(qtbot, canvas):
    drag(qtbot, canvas, [(0.3, 0.2), (0.3, 0.8)])
    drag(qtbot, canvas, [(0.5, 0.5), (0.9, 0.5)])
    assert ink_at(canvas.image(), 0.8, 0.5) > 0.9
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    img = canvas.image()
    assert canvas.stroke_count() == 1
    assert ink_at(img, 0.8, 0.5) == 0.0 and ink_at(img, 0.3, 0.5) > 0.9
    canvas.undo()
    assert canvas.is_empty() and canvas.image().max() == 0.0
    canvas.undo()                                       # nothing left: harmless
    assert canvas.is_empty()


def test_delete_clears(qtbot, canvas):
    drag(qtbot, canvas, [(0.2, 0.2), (0.8, 0.8)])
    canvas.setFocus()
    with qtbot.waitSignal(canvas.changed):
        QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.is_empty() and canvas.image().max() == 0.0


def test_pen_width_changes_thickness(qtbot, canvas):
    canvas.set_pen_width(8)
    drag(qtbot, canvas, [(0.3, 0.2), (0.3, 0.8)])
    thin = canvas.image().sum()
    canvas.clear()
    canvas.set_pen_width(32)
    drag(qtbot, canvas, [(0.3, 0.2), (0.3, 0.8)])
    assert canvas.image().sum() > 3 * thin
    canvas.set_pen_width(1000)
    assert canvas.pen_width() <= 48


def test_resizing_keeps_the_drawing_and_stays_square(qtbot, canvas):
    drag(qtbot, canvas, [(0.5, 0.2), (0.5, 0.8)])
    before = canvas.image()
    with qtbot.waitSignal(canvas.changed):
        canvas.resize(500, 420)
    after = canvas.image()
    assert after.shape[0] == after.shape[1] == round(420 * canvas.devicePixelRatioF())
    assert ink_at(after, 0.5, 0.5) > 0.9
    # the same share of the square is inked: strokes are stored in canvas units
    assert abs((after > 0.5).mean() - (before > 0.5).mean()) < 0.01
    assert canvas.heightForWidth(400) == 400


def test_paste_digit_renders_a_28x28_image(qtbot, canvas):
    digit = np.zeros((28, 28), np.uint8)
    digit[4:24, 12:16] = 255
    canvas.paste_digit(digit)
    img = canvas.image()
    assert ink_at(img, 0.5, 0.5) > 0.9 and ink_at(img, 0.1, 0.5) == 0.0
    ys, xs = np.nonzero(img > 0.5)
    assert 0.4 < (ys.max() - ys.min()) / img.shape[0] < 0.6     # 20/28 of a 70 % frame
    assert canvas.pasted_digit() is not None
    drag(qtbot, canvas, [(0.1, 0.1), (0.2, 0.1)])               # drawing over it
    canvas.undo()
    assert canvas.pasted_digit() is not None                    # the pasted digit stays
    canvas.undo()
    assert canvas.is_empty() and canvas.pasted_digit() is None


def test_touch_draws(qtbot, canvas):
    device = QTest.createTouchDevice()
    a, b = to_widget(canvas, 0.5, 0.2), to_widget(canvas, 0.5, 0.8)
    QTest.touchEvent(canvas, device).press(0, a).commit()
    QTest.touchEvent(canvas, device).move(0, (a + b) / 2).commit()
    QTest.touchEvent(canvas, device).move(0, b).commit()
    QTest.touchEvent(canvas, device).release(0, b).commit()
    assert canvas.stroke_count() == 1
    assert ink_at(canvas.image(), 0.5, 0.5) > 0.9


def test_programmatic_strokes(canvas):
    canvas.add_stroke([(0.2, 0.5), (0.8, 0.5)], width=20)
    assert ink_at(canvas.image(), 0.5, 0.5) > 0.9 and canvas.stroke_count() == 1


def test_image_grid_shows_arrays_and_stacks(qtbot):
    grid = ImageGrid(20, columns=8)
    qtbot.addWidget(grid)
    grid.set_array(np.random.default_rng(0).random((32, 10, 10)))
    assert grid.width() == 8 * 20 + 7 * 2 and grid.height() == 4 * 20 + 3 * 2
    grid.set_array(np.zeros((28, 28)), vmax=1.0, box=(2, 3, 20, 25))
    assert grid.width() == 20
    grid.set_array(None)
    grid.grab()                                    # paints without errors in every state


def test_pen_tablet_draws(qtbot, canvas):
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
    pen = QPointingDevice("test pen", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)

    def send(kind, u, v, buttons):
        pos = QPointF(to_widget(canvas, u, v))
        ev = QTabletEvent(kind, pen, pos, QPointF(canvas.mapToGlobal(pos)), 0.5, 0, 0, 0, 0, 0,
                          Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons)
        QApplication.sendEvent(canvas, ev)
        assert ev.isAccepted()

    held = Qt.MouseButton.LeftButton
    send(QEvent.Type.TabletPress, 0.5, 0.2, held)
    for v in np.linspace(0.25, 0.8, 12):
        send(QEvent.Type.TabletMove, 0.5, v, held)
    send(QEvent.Type.TabletRelease, 0.5, 0.8, Qt.MouseButton.NoButton)
    assert canvas.stroke_count() == 1
    assert ink_at(canvas.image(), 0.5, 0.5) > 0.9
