"""The draw budget: while training runs each panel redraws at most ``rate`` times a second,
and the frames' CPU time (redraw and paint) stays within its share of the wall-clock time.
Clocks are fakes the tests advance, so nothing here depends on how fast the machine is."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from gui.throttle import MAX_CREDIT_S, DrawBudget, LivePoller, draw_budget


class Clocks:
    def __init__(self):
        self.cpu = 0.0
        self.wall = 0.0


class Panel:
    """Stands in for a panel: its redraw records the order and costs CPU time."""

    def __init__(self, name: str, log: list, clocks: Clocks, cost: float = 0.0):
        self.name, self.log, self.clocks, self.cost = name, log, clocks, cost

    def redraw(self):
        self.log.append(self.name)
        self.clocks.cpu += self.cost


@pytest.fixture
def clocks():
    return Clocks()


@pytest.fixture
def budget(qtbot, clocks):
    b = DrawBudget(share=0.05, rate=5.0, cpu_clock=lambda: clocks.cpu, wall_clock=lambda: clocks.wall)
    yield b
    b.set_active(False)
    b.deleteLater()


def test_not_training_runs_at_once(budget, clocks):
    log = []
    budget.request(Panel("a", log, clocks).redraw)
    assert log == ["a"] and budget.pending() == 0 and budget.has_room()


def test_training_queues_each_panel_once_and_serves_them_in_turn(budget, clocks):
    log = []
    a, b = Panel("a", log, clocks), Panel("b", log, clocks)
    budget.set_active(True)
    budget.request(a.redraw)
    budget.request(b.redraw)
    budget.request(a.redraw)                      # already waiting: not twice
    assert log == [] and budget.pending() == 2
    budget._tick()
    assert log == ["a"]                            # one redraw per tick
    clocks.wall += 0.01
    budget._tick()
    assert log == ["a", "b"] and budget.pending() == 0
    assert budget.frames == {"Panel": 2}
    assert budget.merged == {"Panel": 1}           # a's second request went into its first


def test_requests_served_at_once_are_not_counted_as_merged(budget, clocks):
    """A panel that asks rarely (the coach, when a hint changes) draws every update: the bench
    tells it from one the frame rate holds back by this count."""
    log = []
    a = Panel("a", log, clocks)
    budget.set_active(True)
    for _ in range(3):
        budget.request(a.redraw)
        budget._tick()
        clocks.wall += 1.0
    assert log == ["a"] * 3 and budget.merged == {}
    budget.request(a.redraw)
    budget.request(a.redraw)
    budget._tick()
    assert log == ["a"] * 4 and budget.merged == {"Panel": 1}


def test_requests_merged_into_one_withdrawn_are_not_counted(budget, clocks):
    """The coach withdraws a frame when its hints went back to those shown (a hint that comes
    and goes every epoch): it was not held back then, it had nothing new to show."""
    log = []
    a = Panel("a", log, clocks)
    budget.set_active(True)
    budget.request(a.redraw)
    budget._tick()                                 # drawn; the next may come 1 / rate later
    budget.request(a.redraw)
    budget.request(a.redraw)                       # merged into the waiting one ...
    budget.cancel(a.redraw)                        # ... which is withdrawn
    clocks.wall += 1.0
    budget._tick()
    assert log == ["a"] and budget.pending() == 0 and budget.merged == {}


def test_each_panel_redraws_at_most_rate_times_a_second(budget, clocks):
    log = []
    a, b = Panel("a", log, clocks), Panel("b", log, clocks)
    budget.set_active(True)
    budget.request(a.redraw)
    budget._tick()
    clocks.wall += 0.05
    budget.request(a.redraw)                       # new data 50 ms after a's frame: waits
    budget.request(b.redraw)                       # b drew nothing yet: its turn now
    budget._tick()
    assert log == ["a", "b"] and budget.pending() == 1
    assert budget._timer.isActive() and 140 <= budget._timer.interval() <= 160   # a: 0.2 s after
    clocks.wall += 0.1
    budget._tick()
    assert log == ["a", "b"]                       # 150 ms after a's frame: still too early
    clocks.wall += 0.05
    budget._tick()
    assert log == ["a", "b", "a"] and budget.pending() == 0
    budget.set_rate(10.0)
    budget.request(a.redraw)
    clocks.wall += 0.1
    budget._tick()
    assert log == ["a", "b", "a", "a"]             # 10 a second: 0.1 s apart is enough


def test_a_panel_with_no_new_data_does_no_work(budget, clocks):
    log = []
    a = Panel("a", log, clocks)
    budget.set_active(True)
    budget.request(a.redraw)
    for _ in range(10):
        budget._tick()
        clocks.wall += 0.5
    assert log == ["a"] and not budget._timer.isActive()


def test_an_expensive_frame_is_paid_back_before_the_next(budget, clocks):
    log = []
    slow = Panel("slow", log, clocks, cost=0.050)  # 50 ms of CPU
    fast = Panel("fast", log, clocks)
    budget.set_active(True)                        # starts with MAX_CREDIT_S saved up
    budget.request(slow.redraw)
    budget._tick()
    budget.request(fast.redraw)
    # debt = 0.050 − 0.025 = 0.025 s; at a 5% share that takes 0.5 s of wall time to earn
    clocks.wall += 0.45
    budget._tick()
    assert log == ["slow"]
    assert budget.has_room()                       # a small debt: pollers may still ask
    assert budget._timer.isActive() and 40 <= budget._timer.interval() <= 60
    clocks.wall += 0.06
    budget._tick()
    assert log == ["slow", "fast"]
    assert budget.costs["Panel"][0] == pytest.approx(0.050)


def test_the_paint_after_a_redraw_is_billed_to_its_frame(budget, clocks):
    log = []
    budget.set_active(True)
    budget.request(Panel("a", log, clocks, cost=0.002).redraw)
    budget._tick()
    clocks.cpu += 0.003                            # the event loop paints what the redraw changed
    budget._close_frame()                          # (the closer timer, after that pass)
    clocks.cpu += 0.5                              # later work is not the frame's
    budget._close_frame()
    assert budget.call_cpu["Panel"] == pytest.approx(0.002)
    assert budget.frame_cpu["Panel"] == pytest.approx(0.005) and budget.frames["Panel"] == 1


def test_the_rest_of_a_split_frame_and_its_paint_are_billed_to_that_frame(budget, clocks):
    log = []
    panel = Panel("a", log, clocks, cost=0.002)
    budget.set_active(True)
    budget.request(panel.redraw)
    budget._tick()
    clocks.cpu += 0.003                            # the first part's paint
    budget._close_frame()
    clocks.cpu += 0.5                              # other work between the passes: not billed
    rest = Panel("a", log, clocks, cost=0.001)
    budget.run_part(rest.redraw)                   # the second part, in a pass of its own
    clocks.cpu += 0.004                            # ... and its paint
    budget._close_frame()
    assert log == ["a", "a"] and budget.frames["Panel"] == 1
    assert budget.costs["Panel"] == [pytest.approx(0.010)]
    assert budget.call_cpu["Panel"] == pytest.approx(0.003)
    budget.set_active(False)
    budget.run_part(rest.redraw)                   # not training: just run
    assert log == ["a", "a", "a"]


def test_a_part_of_another_object_is_billed_to_the_panel_named_the_frame_run_last(budget, clocks):
    """(A plot's settled canvas draws its new image as a part of the panel's frame.)"""
    log = []
    budget.set_active(True)
    budget.request(Panel("a", log, clocks, cost=0.002).redraw)
    budget._tick()
    budget._close_frame()
    assert budget.last_panel == "Panel"

    class Canvas:
        def render(self):
            clocks.cpu += 0.004
    budget.run_part(Canvas().render, budget.last_panel)
    budget._close_frame()
    assert budget.costs["Panel"] == [pytest.approx(0.006)] and "Canvas" not in budget.costs
    budget.run_part(Canvas().render)                   # unnamed: its own class
    budget._close_frame()
    assert budget.costs["Canvas"] == [pytest.approx(0.004)] and budget.last_panel == "Canvas"


def test_cpu_spent_outside_frames_is_not_billed_to_them(budget, clocks):
    log = []
    budget.set_active(True)
    clocks.cpu += 0.2                              # e.g. signal handling, not a frame
    clocks.wall += 0.1
    assert budget.has_room()
    budget.request(Panel("a", log, clocks).redraw)
    budget._tick()
    assert log == ["a"]


def test_stopping_runs_everything_that_waits_in_order(budget, clocks):
    log = []
    budget.set_active(True)
    budget.request(Panel("x", log, clocks, cost=1.0).redraw)
    budget._tick()
    budget._close_frame()                          # deep in debt: nothing runs while active
    for name in "abc":
        budget.request(Panel(name, log, clocks).redraw)
    budget._tick()
    assert log == ["x"]
    budget.set_active(False)
    assert log == ["x", "a", "b", "c"] and budget.pending() == 0


def test_a_deleted_panel_is_skipped(qtbot, budget, clocks):
    w = QWidget()
    budget.set_active(True)
    budget.request(w.update)
    w.deleteLater()
    qtbot.waitUntil(lambda: _deleted(w))
    budget._tick()                                 # does not raise
    assert budget.pending() == 0


def _deleted(w) -> bool:
    try:
        w.objectName()
    except RuntimeError:
        return True
    return False


def test_share_and_rate_are_checked(budget):
    with pytest.raises(ValueError, match="drawing share"):
        budget.set_share(0)
    with pytest.raises(ValueError, match="frame rate"):
        budget.set_rate(0)
    budget.set_share(0.2)
    budget.set_rate(10)
    assert (budget.share, budget.rate) == (0.2, 10.0)


def test_credit_is_capped(budget, clocks):
    budget.set_active(True)
    clocks.wall += 100.0
    budget._account()
    assert budget._credit == MAX_CREDIT_S


def test_poller_ticks_at_the_frame_rate_unless_given_an_interval(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    rate = draw_budget().rate
    try:
        draw_budget().set_rate(2.0)
        poller, fixed = LivePoller(w), LivePoller(w, 60_000)
        poller.set_state("running")
        fixed.set_state("running")
        assert poller.timer.interval() == 500 and fixed.timer.interval() == 60_000
        poller.set_state("paused")
        draw_budget().set_rate(10.0)
        poller.set_state("running")                # the rate is read when training starts
        assert poller.timer.interval() == 100
        poller.set_state("finished")
        fixed.set_state("finished")
    finally:
        draw_budget().set_rate(rate)


def test_poller_waits_while_the_app_budget_is_in_debt(qtbot, monkeypatch, budget, clocks):
    import gui.throttle as throttle
    monkeypatch.setattr(throttle, "_budget", budget)
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    poller = LivePoller(w, 10)
    poller.set_state("running")
    budget.set_active(True)
    with qtbot.waitSignal(poller.wanted, timeout=1000):
        pass
    budget.request(Panel("x", [], clocks, cost=1.0).redraw)   # an expensive second of drawing
    budget._tick()
    budget._close_frame()
    with qtbot.assertNotEmitted(poller.wanted):
        poller._tick()
    clocks.wall += 30.0
    with qtbot.waitSignal(poller.wanted, timeout=1000):
        pass
    poller.set_state("finished")


def test_poller_asks_when_a_run_starts_and_when_it_stops(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    poller = LivePoller(w, 60_000)                  # its clock never ticks during this test
    asked = []
    poller.wanted.connect(lambda: asked.append(True))
    poller.set_state("running")
    assert asked == [True] and poller.timer.isActive()
    poller.set_state("paused")
    assert asked == [True, True] and not poller.timer.isActive()
    w.hide()                                        # the poller watches show and hide events
    poller.set_state("running")                     # hidden: nothing, but remembered
    assert len(asked) == 2 and not poller.timer.isActive()
    w.show()
    assert len(asked) == 3 and poller.timer.isActive()
    poller.set_state("finished")


def test_poller_filter_survives_its_attributes_being_cleared_at_teardown(qtbot):
    """A CI run printed AttributeError from the filter while a panel was destroyed: the cycle
    collector had cleared the poller's attributes while Qt still sent it the widget's events."""
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QApplication
    w = QWidget()
    qtbot.addWidget(w)
    poller = LivePoller(w)
    del poller._widget                            # what clearing the wrapper leaves
    QApplication.sendEvent(w, QShowEvent())       # an exception here fails the test (pytest-qt)
    assert not poller.timer.isActive()
