"""Synthesized mouse strokes on a DigitCanvas, shared by the canvas tests."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gui.widgets.digit_canvas import DigitCanvas


def to_widget(canvas: DigitCanvas, u: float, v: float) -> QPoint:
    """Canvas units (0..1 across the square) -> widget coordinates."""
    r = canvas.area()
    return QPoint(round(r.x() + u * r.width()), round(r.y() + v * r.height()))


def move_to(canvas: DigitCanvas, pos: QPoint) -> None:
    """A mouse move with the left button held, as a real drag sends it."""
    p = QPointF(pos)
    QApplication.sendEvent(canvas, QMouseEvent(
        QEvent.Type.MouseMove, p, QPointF(canvas.mapToGlobal(p)), Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def drag(qtbot, canvas: DigitCanvas, points, steps: int = 8) -> None:
    """Press at the first point (canvas units), move through the others with the button
    held, release at the last."""
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=to_widget(canvas, *points[0]))
    for (u0, v0), (u1, v1) in zip(points, points[1:], strict=False):
        for t in np.linspace(0, 1, steps + 1)[1:]:
            move_to(canvas, to_widget(canvas, u0 + t * (u1 - u0), v0 + t * (v1 - v0)))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=to_widget(canvas, *points[-1]))
