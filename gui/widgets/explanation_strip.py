"""A strip along the bottom of the window that explains whatever the pointer is over.

Tooltips appear only after the pointer rests, and vanish when it moves; a learner reading a
formula should not have to hold still. The strip shows the same text at once and keeps it
while the pointer stays over the same control. It asks where the pointer is a few times a
second (``POLL_MS``) instead of filtering every event of the application: a Python event
filter would run for every paint and timer event and take time from training.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QWidget

POLL_MS = 150


def explanation_of(widget: QWidget | None) -> str:
    """The tooltip of ``widget`` or of its nearest ancestor that has one ("" if none)."""
    while widget is not None:
        tip = widget.toolTip()
        if tip:
            return tip
        widget = widget.parentWidget()
    return ""


class ExplanationStrip(QFrame):
    """Shows ``explanation_of`` the widget under the pointer, inside ``window`` only."""

    def __init__(self, window: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("explanationStrip")
        self._window = window
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#explanationStrip { background: #f4f7fb; border-top: 1px solid #d5dde8; }"
                           " QLabel { color: #303030; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel()
        self.label.setObjectName("explanationText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.label, 1)
        self.hint = self.tr("Point at any control or plot: its explanation appears here.")
        self.label.setText(f"<span style='color:#777777'>{self.hint}</span>")
        # three lines of text: a long explanation never makes the window jump
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self._shown_for: QWidget | None = None
        self._last_pos: QPoint | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def showEvent(self, event):
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event):
        self._timer.stop()
        super().hideEvent(event)

    def poll(self, pos: QPoint | None = None) -> None:
        """Explain the widget at ``pos`` (global; default: the pointer) if it is in our window."""
        if pos is None:
            if not self._window.isActiveWindow():
                return
            pos = QCursor.pos()
            if pos == self._last_pos:           # the pointer has not moved: nothing new to explain
                return
            self._last_pos = pos
        widget = QApplication.widgetAt(pos)
        if widget is None or widget is self or self.isAncestorOf(widget):
            return
        if widget.window() is not self._window:
            return
        if widget is not self._shown_for:
            self.explain(widget)

    def explain(self, widget: QWidget) -> None:
        """Show ``widget``'s explanation (unchanged when it has none: the last one stays)."""
        self._shown_for = widget
        text = explanation_of(widget)
        if text:
            self.label.setText(text)
