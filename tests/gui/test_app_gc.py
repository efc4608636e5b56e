"""Cyclic garbage is collected in the GUI thread only: collected in the training worker's thread,
garbage holding Qt objects deadlocked the suite (a QObject destructor waiting for the GIL while
the GUI thread, holding it, waited for that destructor's mutex)."""
import gc

from gui.app import ensure_app


def test_the_app_collects_garbage_on_a_gui_thread_timer_instead_of_in_any_thread(qapp):
    app = ensure_app()
    assert not gc.isenabled()                      # no automatic collection in whatever thread
    collector = app.gui_thread_gc
    assert collector.timer.isActive() and collector.timer.thread() is qapp.thread()
    assert ensure_app().gui_thread_gc is collector  # one collector however often it is asked
