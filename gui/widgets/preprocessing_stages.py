"""The three preprocessing stages of a drawing side by side, as the network is fed it: the
drawing with its ink's bounding box, the ink scaled to fit 20×20, and the 28×28 input."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from core import digits
from gui.widgets.digit_canvas import ImageGrid


def _tr(text: str) -> str:
    """The captions keep the canvas panel's translation context, where they were first written."""
    return QCoreApplication.translate("CanvasPanel", text)


class PreprocessingStages(QWidget):
    """Three small images with captions; ``set_stages`` shows a ``core.digits.Stages``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas, self.scaled, self.input = (ImageGrid(80) for _ in range(3))
        stages = QGridLayout(self)
        stages.setContentsMargins(0, 0, 0, 0)
        stages.setHorizontalSpacing(6)
        captions = (_tr("1. your drawing, redrawn at MNIST's stroke width"),
                    _tr("2. scaled to fit 20×20 pixels"),
                    _tr("3. centred in 28×28: the network's input"))
        for k, (grid, text) in enumerate(zip((self.canvas, self.scaled, self.input), captions,
                                             strict=True)):
            stages.addWidget(grid, 0, k, Qt.AlignmentFlag.AlignHCenter)
            stages.addWidget(_caption(text), 1, k, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        stages.setColumnStretch(3, 1)

    def set_stages(self, s: digits.Stages) -> None:
        self.canvas.set_array(s.canvas, vmax=1.0, box=s.bbox)
        self.scaled.set_array(_in_box(s.scaled), vmax=1.0)
        self.input.set_array(s.centred, vmax=1.0)


def _in_box(scaled: np.ndarray) -> np.ndarray:
    """The scaled digit ``(h, w)``, longer side 20, centred on a black 20x20 square."""
    box = np.zeros((digits.BOX, digits.BOX), np.float32)
    h, w = scaled.shape[:2]
    h, w = min(h, digits.BOX), min(w, digits.BOX)
    top, left = (digits.BOX - h) // 2, (digits.BOX - w) // 2
    box[top:top + h, left:left + w] = scaled[:h, :w]
    return box


def _caption(text: str) -> QLabel:
    # wrapped at a fixed width: a height that depends only on the text keeps layouts exact
    label = QLabel(text, alignment=Qt.AlignmentFlag.AlignHCenter, wordWrap=True)
    label.setFixedWidth(92)
    label.setStyleSheet("color: #555; font-size: 11px;")
    return label
