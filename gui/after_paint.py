"""The rest of a panel's frame, run in an event-loop pass of its own once the first part has
been painted.

The GUI thread's timers (a 60 Hz animation, the draw budget's own) wait for a whole pass of
the event loop, and a redraw and the paint it asks for run in one pass: a frame that repaints a
plot whole (5-9 ms for the Loss and accuracy panel's two plots) delays them by all of it. Split
in two, each part is a pass, and a timer that falls due waits for one part only.

``AfterPaint(view).then(fn)`` runs ``fn`` after ``view``'s next paint: an event filter sees the
paint event, and a zero-timer started then fires in a later pass, after the paint is done. The
part is billed to the panel's frame (``DrawBudget.run_part``). A hidden view paints nothing:
``fn`` runs at once. ``flush()`` runs a waiting part at once (an export, a redraw that comes
before the paint did).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from .throttle import draw_budget


class AfterPaint(QObject):
    def __init__(self, view: QWidget):
        super().__init__(view)              # (its parent: no Python reference to the view)
        self._fn: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run)
        view.installEventFilter(self)

    @property
    def pending(self) -> bool:
        return self._fn is not None

    def then(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` (a bound method of the panel, for the budget's bill) after the next paint,
        or now if the view is hidden."""
        self._fn = fn
        if not self.parent().isVisible():
            self.flush()

    def flush(self) -> None:
        """The waiting part, now."""
        self._timer.stop()
        fn, self._fn = self._fn, None
        if fn is not None:
            fn()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self._fn is not None and event.type() == QEvent.Type.Paint:
            self._timer.start()             # fires once this paint is done: a pass of its own
        return False

    def _run(self) -> None:
        fn, self._fn = self._fn, None
        if fn is not None:
            draw_budget().run_part(fn)
