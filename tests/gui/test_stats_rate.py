"""Layer statistics as often as the panels shown want (gui.stats_rate)."""
from PySide6.QtWidgets import QWidget

from gui.stats_rate import IDLE_RATE, StatsRate
from gui.throttle import draw_budget


class Live(QWidget):
    """Draws statistics live while shown (as the Distributions panel)."""

    def stats_rate(self):
        return 6.0 if self.isVisible() else 0.0


class Rules(QWidget):
    """Reads them shown or not (as the coach)."""

    def stats_rate(self):
        return 1.0


class Controller:
    def __init__(self):
        self.stats_rate_of = None
        self.changed = 0

    def stats_rate_changed(self):
        self.changed += 1


def test_the_rate_is_what_the_panels_shown_want_and_follows_them(qtbot):
    live, rules, other = Live(), Rules(), QWidget()
    for w in (live, rules, other):
        qtbot.addWidget(w)
    c = Controller()
    watch = StatsRate([live, rules, other], c)
    assert c.stats_rate_of() == 1.0                      # only the rules read them
    live.show()
    qtbot.waitExposed(live)
    assert c.stats_rate_of() == 6.0 and c.changed >= 1   # drawn live: as often as frames
    seen = c.changed
    live.hide()
    assert c.stats_rate_of() == 1.0 and c.changed == seen + 1
    assert StatsRate([other], Controller()).rate() == IDLE_RATE   # nobody asks
    watch.deleteLater()


def test_the_window_asks_for_more_while_the_distributions_are_shown(new_window, qtbot):
    w = new_window()
    c = w.controller
    assert not w.panels["distributionsDock"].isVisible()
    assert c.stats_rate() == 1.0                         # the coach's, at first launch
    w.show_docks(("distributionsDock",))
    qtbot.waitUntil(lambda: w.panels["distributionsDock"].isVisible())
    assert c.stats_rate() == draw_budget().rate


def test_a_running_worker_takes_the_new_rate(new_window, qtbot):
    from gui.run_state import RunState
    w = new_window()
    c = w.controller
    assert c.load_dataset("xor")
    assert c.start(paused=True)
    qtbot.waitUntil(lambda: c.worker is not None and c.worker.stats is not None, timeout=20000)
    assert c.worker.stats.rate == 1.0
    w.show_docks(("distributionsDock",))
    qtbot.waitUntil(lambda: c.worker.stats.rate == draw_budget().rate)
    c.stop()
    qtbot.waitUntil(lambda: not c.busy and c.state != RunState.RUNNING, timeout=20000)
