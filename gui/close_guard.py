"""Closing the main window never destroys a running thread.

A training step can take seconds (a CNN at batch 4096) and the worker looks at its stop flag
only between steps. So a close request asks the worker to stop and waits briefly; if the step
is still running, the close is ignored, the window shows a "Stopping…" state (status bar
message, controls disabled, wait cursor; events keep being processed, so it never looks
frozen) and closes for real when the run has ended (``run_finished``). Another close request
meanwhile only repeats the message. The panels' own threads (experiments, search, race, live
sessions) stop within one of their small mini-batches: their ``shutdown()`` joins them.

As a safety net for a quit that bypasses the window (``QCoreApplication.exit``),
``aboutToQuit`` joins the training thread and every registered thread (``gui.worker_registry``)
and the thread pool (``gui.tasks``) before the event loop returns and Python lets go of them.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QToolBar

from . import tasks, worker_registry

QUICK_MS = 300          # a step shorter than this ends within the close itself
JOIN_SLICE_MS = 500     # the safety net waits in slices, saying why when it takes long


def _tr(text: str) -> str:
    return QCoreApplication.translate("CloseGuard", text)


class CloseGuard(QObject):
    """Decides, for the main window's ``closeEvent``, whether it may close now."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.stopping = False           # waiting for the current step before closing
        self._confirmed = False         # the learner already agreed to let the network go
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.join_everything)

    def may_close(self) -> bool:
        """True: every thread has ended, the window may close now. False: the close is
        cancelled (by the learner) or deferred until the training step ends."""
        w = self.window
        if self.stopping:               # a second request while stopping: just say so again
            self._show_stopping()
            return False
        if not self._confirmed and not w.confirm_discard():
            return False
        self._confirmed = True
        c = w.controller
        if c.busy and not c.stop(wait=True, timeout_ms=QUICK_MS):
            self._begin_stopping()
            return False
        self._shut_panels()
        self._confirmed = False         # a window shown again asks again next time
        return True

    def _begin_stopping(self) -> None:
        w = self.window
        self.stopping = True
        w.controller.run_finished.connect(self._run_ended)
        self._set_controls_enabled(False)
        self._show_stopping()

    def _set_controls_enabled(self, on: bool) -> None:
        w = self.window
        for widget in (w.menuBar(), *w.docks.values(), *w.findChildren(QToolBar)):
            widget.setEnabled(on)
        if on:
            w.unsetCursor()
        else:
            w.setCursor(Qt.CursorShape.WaitCursor)

    def _show_stopping(self) -> None:
        self.window.statusBar().showMessage(
            _tr("Stopping… the current training step ends first, then the window closes."))

    def _run_ended(self, *_) -> None:
        self.window.controller.run_finished.disconnect(self._run_ended)
        self.stopping = False
        self._set_controls_enabled(True)
        self.window.statusBar().clearMessage()
        QTimer.singleShot(0, self.window, self.window.close)   # after the other run_finished slots

    def _shut_panels(self) -> None:
        for panel in self.window.panels.values():
            if hasattr(panel, "shutdown"):
                panel.shutdown()
        tasks.wait_for_all(-1)

    def join_everything(self) -> None:
        """The event loop ends: no thread may outlive it (waits as long as a step takes)."""
        try:
            c = self.window.controller
        except RuntimeError:            # the window is gone already, and with it its threads
            return
        while c.busy:
            c.stop(wait=True, timeout_ms=JOIN_SLICE_MS)
        self._shut_panels()
        for thread in worker_registry.running_threads():
            if hasattr(thread, "stop"):     # a live session's thread (gui.session_thread)
                thread.stop()
            else:
                thread.quit()
                thread.wait()
