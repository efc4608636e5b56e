"""The rest of a panel's frame, run in event-loop passes of their own, each once the view has
been painted after the part before it.

The GUI thread's timers (a 60 Hz animation, the draw budget's own) wait for a whole pass of
the event loop, and a redraw and the paint it asks for run in one pass: a frame that repaints a
plot whole (5-9 ms for the Loss and accuracy panel's two plots) delays them by all of it. Split
in parts, each part is a pass, and a timer that falls due waits for one part only.

``AfterPaint.of(view).then(fn)`` runs ``fn`` after ``view``'s next paint: an event filter sees
the paint event, and a zero-timer started then fires in a later pass, after the paint is done.
Parts queue in order, one per paint: a panel's second plot, then a settled canvas's new image
(``gui.settled_canvas``), each after the paint of the one before. A part that paints nothing
does not hold up the next for long (``IDLE_MS``). Each part is billed to its panel's frame
(``DrawBudget.run_part``). A hidden view paints nothing: the parts run at once. ``flush()``
runs the waiting parts at once (an export, a redraw that comes before their paints did).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from .throttle import draw_budget

IDLE_MS = 40          # a waiting part runs after this long if the part before it painted nothing


class AfterPaint(QObject):
    def __init__(self, view: QWidget):
        super().__init__(view)              # (its parent: no Python reference to the view)
        self._parts: list[tuple[Callable[[], None], str | None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self._run)
        view.installEventFilter(self)

    @classmethod
    def of(cls, view: QWidget) -> AfterPaint:
        """The view's queue of parts (made on first use): the panel's and its canvases' share it."""
        for child in view.children():
            if isinstance(child, cls):
                return child
        return cls(view)

    @property
    def pending(self) -> bool:
        return bool(self._parts)

    @property
    def splitting(self) -> bool:
        """Whether a frame is worth drawing in parts now: while training runs (the draw budget
        is active) and the view is shown. Otherwise a panel may as well draw it at once."""
        return draw_budget().active and self.parent().isVisible()

    def waiting(self, fn: Callable[[], None]) -> bool:
        return any(f == fn for f, _ in self._parts)

    def then(self, fn: Callable[[], None], panel: str | None = None) -> None:
        """Run ``fn`` after the next paint that follows the parts waiting before it, or now if
        the view is hidden. Billed to ``panel`` (a class name) if given, else to ``fn``'s class
        (a bound method of the panel)."""
        self._parts.append((fn, panel))
        if not self.parent().isVisible():
            self.flush()

    def flush(self) -> None:
        """The waiting parts, now, in order."""
        self._timer.stop()
        self._idle.stop()
        while self._parts:
            fn, _ = self._parts.pop(0)
            fn()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self._parts and event.type() == QEvent.Type.Paint:
            self._idle.stop()
            self._timer.start()             # fires once this paint is done: a pass of its own
        return False

    def _run(self) -> None:
        self._timer.stop()
        self._idle.stop()
        if not self._parts:
            return
        fn, panel = self._parts.pop(0)
        draw_budget().run_part(fn, panel)
        if self._parts:
            self._idle.start()              # (the next waits for this one's paint, not forever)
