"""GUI test fixtures: pyqtgraph's light style, temp QSettings, and a check that the draw budget
ends idle. (Threads, timers and pool tasks left running are caught by ``tests/conftest.py``.)"""
import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True, scope="session")
def _qt_style_and_settings(tmp_path_factory, qapp):
    from gui import style
    from gui.app import ensure_app
    ensure_app()                   # as the app: cyclic garbage is collected in the GUI thread only
    style.setup_pyqtgraph()
    QCoreApplication.setOrganizationName("NumNetStudioTests")
    QCoreApplication.setApplicationName("NumNetStudioTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))


@pytest.fixture(autouse=True)
def draw_budget_left_idle(qapp):
    """The app-wide draw budget is on only while training runs; every test ends with it off
    (and with no objects frozen out of garbage collections, gui.training_gc)."""
    yield
    from gui import throttle, training_gc
    budget = throttle._budget
    if budget is not None and budget.active:
        budget.set_active(False)
        pytest.fail("test left the draw budget active (training still marked as running)")
    if training_gc.holding():
        training_gc.set_training(False)
        pytest.fail("test left objects frozen out of garbage collections (training still marked as running)")


@pytest.fixture
def new_window(qtbot):
    """Makes real main windows (fresh settings, errors kept out of dialogs, shown at 1280×800)
    and shuts each one's training down after the test."""
    from gui.app import create_main_window
    made = []

    def make(clear_settings: bool = True, show: bool = True):
        if clear_settings:
            QSettings().clear()
        w = create_main_window(restore=False)
        w.quiet_errors = True
        qtbot.addWidget(w)
        made.append(w)
        if show:
            w.resize(1280, 800)
            w.show()
        return w

    yield make
    for w in made:
        w.controller.shutdown(5000)


@pytest.fixture
def moons_controller(qtbot):
    """A training controller on the toy "moons" set (tiny and fast), shut down after the test;
    tests set the epochs and batch size they need."""
    from gui.controller import TrainingController
    c = TrainingController()
    assert c.load_dataset("moons")
    yield c
    assert c.shutdown(5000)


@pytest.fixture
def metrics_panel(qtbot):
    """A shown Loss and accuracy panel, 800×600."""
    from gui.panels.metrics_panel import MetricsPanel
    p = MetricsPanel()
    qtbot.addWidget(p)
    p.resize(800, 600)
    p.show()
    return p
