"""A word-wrapped label that reserves its own height.

Qt passes a wrapped label's height-for-width up through nested box layouts unreliably: a
note that appears in a column can end up drawn over the widgets below it. This label does not
take part in height-for-width; it fixes its height to what its text needs at its current
width, whenever the text or the width changes.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy


class WrappedNote(QLabel):
    def __init__(self, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def hasHeightForWidth(self) -> bool:
        return False

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        height = super().heightForWidth(max(self.width(), 200)) if self.text() else 0
        if height != self.height() or height != self.minimumHeight():
            self.setFixedHeight(max(height, 0))
