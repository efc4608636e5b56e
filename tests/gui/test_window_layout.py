"""The window opens large, the training column keeps its width, tab titles stay whole."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from gui import window_layout


@pytest.fixture
def window(new_window):
    return new_window(show=False)


def column(w):
    return w.docks["trainingDock"].width()


def test_first_launch_takes_most_of_the_screen(window):
    window_layout.first_size(window)
    area = window.screen().availableGeometry()
    assert abs(window.width() - 0.9 * area.width()) <= 2 and abs(window.height() - 0.9 * area.height()) <= 2
    assert area.contains(window.geometry())


def _laid_out(qtbot, window) -> int:
    """Show the window and wait until the column has its first width; return it."""
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.column_keeper.width is not None)
    keeper = window.column_keeper
    qtbot.waitUntil(lambda: abs(column(window) - keeper.width) <= 12)
    return column(window)


def test_training_column_keeps_its_width_when_the_window_grows_and_shrinks(qtbot, window):
    first = _laid_out(qtbot, window)
    assert first < 420                     # a column, not half the window
    for size in ((1900, 1050), (1100, 700), (1600, 900)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.width() == s[0])
        qtbot.waitUntil(lambda: abs(column(window) - first) <= 4)


def test_tab_titles_are_whole_after_a_restored_layout(qtbot, window, new_window):
    _laid_out(qtbot, window)
    state = window.saveState(1)
    again = new_window(clear_settings=False, show=False)
    again._restored_state = again.restoreState(state, 1)
    again.resize(1280, 800)
    again.show()
    bars = again.findChildren(QTabBar)
    assert bars
    whole = Qt.TextElideMode.ElideNone
    qtbot.waitUntil(lambda: all(b.elideMode() == whole for b in again.findChildren(QTabBar)))
