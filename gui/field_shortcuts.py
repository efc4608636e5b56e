"""The window's shortcuts work while a number field has the keyboard focus.

A spin box takes every key that could be typed into it, Space included, before any shortcut
sees it (Qt's "shortcut override"): after typing a learning rate, Space would go into the box
instead of pausing. :class:`FieldShortcuts` watches the spin boxes of one window (each gets an
event filter when it first takes the focus, so fields built later are covered too). When a key
that is one of the window's action shortcuts (Space, Ctrl+Return, F10, Esc …) is pressed in
one, the field first commits what was typed (as Enter would) and then lets the shortcut run.
Nothing else is filtered, and no application-wide filter runs for every event.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget

_WATCHED = "numnetFieldShortcuts"     # set on a spin box once it has the filter


def _spin_box_of(widget) -> QAbstractSpinBox | None:
    while isinstance(widget, QWidget):
        if isinstance(widget, QAbstractSpinBox):
            return widget
        widget = widget.parentWidget()
    return None


class FieldShortcuts(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        QApplication.instance().focusChanged.connect(self._on_focus)

    def _on_focus(self, _old, new) -> None:
        spin = _spin_box_of(new)
        if spin is not None and spin.window() is self._window and not spin.property(_WATCHED):
            spin.setProperty(_WATCHED, True)
            spin.installEventFilter(self)

    def is_shortcut(self, event) -> bool:
        """Whether the key event is the shortcut of one of the window's enabled actions."""
        pressed = QKeySequence(event.keyCombination())
        return any(a.isEnabled() and any(k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                                         for k in a.shortcuts())
                   for a in self._window.actions())

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QAbstractSpinBox) \
                and self.is_shortcut(event):
            watched.interpretText()          # commit the typed value first (valueChanged)
            event.ignore()                   # the field does not claim the key: the shortcut runs
            return True
        return False
