"""The main window's layout rules that hold whatever the user or a saved state does.

- At first launch the window takes about 90% of the screen it opens on, centred.
- The training column (a left dock) keeps its width when the window is resized or maximised:
  Qt would hand it a share of the new width, so a maximised window had a half-screen column.
- Tab titles are never elided ("Los…"): every tab bar of the docks shows whole names and
  scrolls when there are many. Qt makes new tab bars when docks are restored or moved, so the
  rule is applied again after each of those.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

SCREEN_SHARE = 0.9
FIRST_COLUMN_WIDTH = 330


def first_size(window: QMainWindow) -> None:
    """About 90% of the available screen, centred (used when no geometry was saved)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 800)
        return
    area = screen.availableGeometry()
    w, h = int(area.width() * SCREEN_SHARE), int(area.height() * SCREEN_SHARE)
    window.setGeometry(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)


def unelide_tab_bars(window: QMainWindow) -> None:
    """Whole panel names on every tab bar, scrolled when many."""
    for bar in window.findChildren(QTabBar):
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setUsesScrollButtons(True)


class ColumnKeeper(QObject):
    """Keeps ``dock``'s width (a docked side column) when its window is resized, and the
    tab bars whole; the user may still drag the column wider or narrower. It starts keeping
    the width once :meth:`set_width` (or :meth:`keep_current`) was called after the window is
    laid out."""

    def __init__(self, window: QMainWindow, dock: QDockWidget):
        super().__init__(window)
        self.window, self.dock = window, dock
        self.width: int | None = None
        self._window_resizing = False
        window.installEventFilter(self)
        for d in window.findChildren(QDockWidget):
            d.dockLocationChanged.connect(self.tabs_changed)
            d.topLevelChanged.connect(self.tabs_changed)

    def eventFilter(self, obj, event) -> bool:
        if obj is not self.window or self.width is None or not self._docked():
            return False
        if event.type() == QEvent.Type.Resize and not self._window_resizing:
            # Qt has shared the new width out among the docks: give the column its width back
            self._window_resizing = True
            QTimer.singleShot(0, self.restore_width)
        elif event.type() == QEvent.Type.MouseButtonRelease:
            # the window itself gets the mouse on the docks' separators: the user may have
            # dragged the column's edge
            self.width = self.dock.width()
        return False

    def _docked(self) -> bool:
        return self.dock.isVisible() and not self.dock.isFloating()

    def restore_width(self) -> None:
        self._window_resizing = False
        if not (self.width and self._docked() and self.dock.width() != self.width):
            return
        # resizeDocks moves a separator only when given the docks on both sides of it
        area = self.window.dockWidgetArea(self.dock)
        partner = next((d for d in self.window.findChildren(QDockWidget)
                        if d is not self.dock and d.isVisible() and not d.isFloating()
                        and self.window.dockWidgetArea(d) != area), None)
        docks, sizes = [self.dock], [self.width]
        if partner is not None:
            docks.append(partner)
            sizes.append(max(1, self.window.width() - self.width))
        self.window.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)

    def set_width(self, width: int) -> None:
        self.width = width
        self.restore_width()

    def keep_current(self) -> None:
        """Keep the width the column has now (after a saved layout was restored)."""
        if self._docked():
            self.width = self.dock.width()

    def tabs_changed(self, *_args) -> None:
        QTimer.singleShot(0, lambda: unelide_tab_bars(self.window))
