"""The leak guard of tests/conftest.py: it finds what a test left running and says where it began."""
import sys
import threading

import pytest
from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

from tests.qt_leaks import POOL_GRACE_MS, QtLeakGuard


def next_line() -> str:
    """``file:line`` of the line after the caller's, as the guard names call sites."""
    return f"tests/gui/test_qt_leaks.py:{sys._getframe(1).f_lineno + 1}"


@pytest.fixture
def guard():
    g = QtLeakGuard()
    g.install()
    yield g
    g.uninstall()                            # (already off if the test called finish())


def test_an_active_timer_is_a_leak_named_by_its_call_site(guard):
    timer = QTimer()
    site = next_line()
    timer.start(10_000)
    leaks = guard.finish()
    assert leaks == [f"a QTimer started at {site} is still active"]
    assert not timer.isActive()              # stopped, so the next test starts clean


def test_stopped_timers_and_timers_of_deleted_widgets_are_not_leaks(guard, qapp):
    stopped = QTimer()
    stopped.start(10_000)
    stopped.stop()
    widget = QWidget()
    owned = QTimer(widget)
    owned.start(10_000)
    widget.close()
    widget.deleteLater()                     # what qtbot does to the widgets it was given
    assert guard.finish() == []


def test_a_running_thread_is_a_leak_and_is_joined(guard):
    thread = QThread()
    site = next_line()
    thread.start()                           # an event loop that runs until quit()
    leaks = guard.finish()
    assert leaks == [f"a QThread started at {site} is still running"]
    assert thread.isFinished()


def test_a_thread_that_ended_is_not_a_leak(guard, qtbot):
    thread = QThread()
    with qtbot.waitSignal(thread.finished, timeout=5000):
        thread.start()
        thread.quit()
    thread.wait()
    assert guard.finish() == []


def test_a_pool_task_busy_after_the_grace_is_a_leak(guard):
    release = threading.Event()
    site = next_line()
    QThreadPool.globalInstance().start(lambda: release.wait(POOL_GRACE_MS / 1000 + 0.3))
    try:
        leaks = guard.finish()               # waits POOL_GRACE_MS, then reports
    finally:
        release.set()
    assert len(leaks) == 1 and f"{POOL_GRACE_MS} ms after the test" in leaks[0]
    assert leaks[0].endswith(f"this test started tasks at {site}")
    assert QThreadPool.globalInstance().waitForDone(5000)


def test_a_pool_task_that_ends_in_time_is_not_a_leak(guard):
    QThreadPool.globalInstance().start(lambda: None)
    assert guard.finish() == []


def test_a_library_call_site_also_names_our_frame(guard, qtbot):
    source = QObject()
    site = next_line()
    with qtbot.waitSignal(source.destroyed, timeout=50, raising=False) as blocker:
        pass                                 # on leaving, pytest-qt starts its timeout timer
    sites = list(guard.timers.values())
    assert not blocker.signal_triggered and len(sites) == 1
    assert "pytestqt" in sites[0] and sites[0].endswith(f"(from {site})")
    assert guard.finish() == []              # and stops it when the wait ends


def test_the_wrappers_come_off(guard):
    guard.uninstall()
    timer = QTimer()
    timer.start(10_000)
    assert dict(guard.timers) == {}
    timer.stop()
