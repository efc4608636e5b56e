"""A small training session (the 2-D playground, a function fit) trained live in its panel's own
thread, following DESIGN.md: the GUI talks to the thread through thread-safe methods (a
lock-protected command list and ``threading.Event`` flags, looked at between slices of ~20 ms of
training), the thread answers with signals carrying copies (``frame_ready``), at most one frame
in flight: the next one is computed only after the panel has drawn the last (``frame_taken``),
and no more often than 20 times a second.

The session is a plain object from ``core`` with ``train(seconds=…)``, ``frame(pictures)`` and
``trainable``; every change to it is a function ``fn(session)`` passed to :meth:`submit`, run in
the thread between two slices, so the network is only ever touched by one thread at a time.
The thread runs while its panel is visible (:class:`SessionRunner` starts it on show and joins it
on hide, close and destruction), so a hidden panel does no work.
"""
from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from . import worker_registry

FRAME_INTERVAL = 0.05       # seconds: at most 20 frames a second while training
SLICE = 0.02                # seconds of training between two looks at the commands
DRAW_WAIT = 0.2             # seconds training waits for the panel to draw a frame
YIELD = 0.004               # seconds the thread sleeps after each slice, for the GUI thread


class SessionThread(QThread):
    """Runs ``session`` while playing; applies submitted changes; emits frames (copies)."""

    frame_ready = Signal(object)
    ended = Signal(str)             # training stopped by itself: "done" or "error: …"

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._lock = threading.Lock()
        self._commands: list[Callable] = []
        self._wake = threading.Event()
        self._quit = threading.Event()
        self._frame_free = threading.Event()
        self._frame_free.set()
        self._playing = False
        self._dirty = True          # a frame is owed (changes, or training since the last one)
        self.pictures = True        # whether frames include the neurons' pictures

    # -- GUI thread ------------------------------------------------------------------------------
    def submit(self, fn: Callable) -> None:
        """Run ``fn(session)`` in the thread before the next slice (queued while it is stopped)."""
        with self._lock:
            self._commands.append(fn)
        self._wake.set()

    def set_playing(self, on: bool) -> None:
        with self._lock:
            self._playing = bool(on)
        self._wake.set()

    @property
    def playing(self) -> bool:
        return self._playing

    def frame_taken(self) -> None:
        """The panel has drawn the last frame: the next may come."""
        self._frame_free.set()
        self._wake.set()

    def request_frame(self) -> None:
        with self._lock:
            self._dirty = True
        self._wake.set()

    def stop(self) -> None:
        """Join the thread (returns within a slice)."""
        self._quit.set()
        self._wake.set()
        self.wait()
        self._quit.clear()
        self._frame_free.set()          # a frame lost on the way is not waited for

    # -- the thread ------------------------------------------------------------------------------
    def run(self) -> None:
        last = 0.0
        try:
            while not self._quit.is_set():
                self._wake.clear()
                with self._lock:
                    commands, self._commands = self._commands, []
                    playing = self._playing
                for fn in commands:
                    fn(self.session)
                training = playing and self.session.trainable
                if commands or training:
                    self._dirty = True
                if training:
                    self.session.train(seconds=SLICE)
                    if not self.session.trainable:
                        self.ended.emit("done")
                now = time.monotonic()
                if self._dirty and self._frame_free.is_set() and (
                        not training or now - last >= FRAME_INTERVAL):
                    self._frame_free.clear()
                    self._dirty = False
                    last = now
                    self.frame_ready.emit(self.session.frame(self.pictures))
                    if training:        # the panel draws it without fighting this thread for the GIL
                        self._frame_free.wait(DRAW_WAIT)
                if training:
                    time.sleep(YIELD)   # let the GUI thread take the GIL between slices
                else:
                    self._wake.wait(1.0)
        except Exception as e:          # reported to the GUI, never raised in the thread
            traceback.print_exc()
            with self._lock:
                self._playing = False
            self.ended.emit(f"error: {type(e).__name__}: {e}")


class _Join:
    """Joins a thread when its panel is destroyed (a plain object's method runs even then)."""

    def __init__(self, thread: SessionThread):
        self.thread = thread

    def __call__(self, *_):
        try:
            self.thread.stop()
        except RuntimeError:            # at exit the thread object may be gone already
            pass


class SessionRunner(QObject):
    """Keeps a :class:`SessionThread` running exactly while ``panel`` is visible."""

    def __init__(self, panel: QWidget, session):
        super().__init__(panel)
        self.thread = SessionThread(session)
        worker_registry.register(self.thread)
        self._panel = panel
        self._join = _Join(self.thread)
        panel.destroyed.connect(self._join)
        panel.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self._panel:
            if event.type() == QEvent.Type.Show:
                self.resume()
            elif event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
                self.pause()
        return False

    def resume(self) -> None:
        if not self.thread.isRunning():
            self.thread.request_frame()
            self.thread.start()

    def pause(self) -> None:
        """Join the thread (training pauses while the panel is hidden; Play stays as it was)."""
        if self.thread.isRunning():
            self.thread.stop()
