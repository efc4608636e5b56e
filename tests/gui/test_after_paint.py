"""The rest of a frame runs after the first part's paint, in an event-loop pass of its own
(gui.after_paint), or at once when flushed."""
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from gui.after_paint import AfterPaint


class Log(QObject):
    """Records paint events of a widget and calls of ``part``."""

    def __init__(self):
        super().__init__()
        self.events: list[str] = []

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.events.append("paint")
        return False

    def part(self):
        self.events.append("part")


class View(QWidget):
    def __init__(self, log: Log):
        super().__init__()
        self.log = log

    def paintEvent(self, event):  # noqa: N802 - Qt's name
        self.log.events.append("painted")


def shown_view(qtbot, log: Log) -> View:
    view = View(log)
    qtbot.addWidget(view)
    view.resize(200, 100)
    view.show()
    qtbot.waitExposed(view)
    view.installEventFilter(log)
    return view


def test_the_part_runs_once_after_the_next_paint_not_before_and_not_inside_it(qtbot):
    log = Log()
    view = shown_view(qtbot, log)
    after = AfterPaint(view)
    log.events.clear()
    after.then(log.part)
    assert after.pending and log.events == []   # nothing painted yet: it waits
    view.update()
    qtbot.waitUntil(lambda: "part" in log.events)
    assert log.events[:3] == ["paint", "painted", "part"] and not after.pending   # the paint done
    view.update()
    qtbot.waitUntil(lambda: log.events.count("paint") >= 2)
    assert log.events.count("part") == 1        # once


def test_flush_runs_a_waiting_part_at_once_and_nothing_when_none_waits(qtbot):
    view = QWidget()
    qtbot.addWidget(view)
    log = Log()
    after = AfterPaint(view)
    after.flush()
    assert log.events == []
    after.then(log.part)
    after.flush()
    assert log.events == ["part"] and not after.pending


def test_a_hidden_view_paints_nothing_so_the_part_runs_at_once(qtbot):
    view = QWidget()
    qtbot.addWidget(view)                       # never shown
    log = Log()
    after = AfterPaint(view)
    after.then(log.part)
    assert log.events == ["part"] and not after.pending


def test_parts_run_in_order_each_after_the_paint_that_follows_the_one_before(qtbot):
    log = Log()
    view = shown_view(qtbot, log)
    after = AfterPaint.of(view)
    assert AfterPaint.of(view) is after                  # one queue per view
    log.events.clear()

    def first():
        log.events.append("first")
        view.update()                                     # it changed something: a paint
    after.then(first)
    after.then(lambda: log.events.append("second"))
    view.update()
    qtbot.waitUntil(lambda: "second" in log.events)
    assert log.events == ["paint", "painted", "first", "paint", "painted", "second"]
    assert not after.pending


def test_a_part_that_paints_nothing_holds_the_next_up_only_briefly(qtbot):
    log = Log()
    view = shown_view(qtbot, log)
    after = AfterPaint.of(view)
    log.events.clear()
    after.then(log.part)                                  # paints nothing
    after.then(lambda: log.events.append("next"))
    view.update()
    qtbot.waitUntil(lambda: "next" in log.events)
    assert log.events == ["paint", "painted", "part", "next"]    # no paint in between


def test_flush_runs_every_waiting_part_in_order(qtbot):
    log = Log()
    view = shown_view(qtbot, log)
    after = AfterPaint.of(view)
    log.events.clear()
    after.then(lambda: log.events.append("a"))
    after.then(lambda: log.events.append("b"))
    assert after.waiting(after._parts[0][0]) and after.pending
    after.flush()
    assert log.events == ["a", "b"] and not after.pending


def test_frames_are_split_only_while_training_and_shown(qtbot):
    from gui.throttle import draw_budget
    log = Log()
    view = shown_view(qtbot, log)
    after = AfterPaint.of(view)
    assert not after.splitting                           # not training: draw at once
    draw_budget().set_active(True)
    try:
        assert after.splitting
        view.hide()
        assert not after.splitting                       # hidden: nothing is painted
    finally:
        draw_budget().set_active(False)
