"""GUI test fixtures: pyqtgraph's light style, temp QSettings, and a guard that
fails any test leaving a training thread or background job running."""
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool


@pytest.fixture(autouse=True, scope="session")
def _qt_style_and_settings(tmp_path_factory):
    from gui import style
    style.setup_pyqtgraph()
    QCoreApplication.setOrganizationName("NumNetStudioTests")
    QCoreApplication.setApplicationName("NumNetStudioTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))


@pytest.fixture(autouse=True)
def no_threads_left_running(qapp):
    yield
    from gui import worker_registry
    running = worker_registry.running_threads()
    jobs_done = QThreadPool.globalInstance().waitForDone(10000)
    for t in running:                       # don't poison later tests
        t.quit()
        t.wait(5000)
    assert not running, f"test left {len(running)} training thread(s) running"
    assert jobs_done, "test left background jobs running"


@pytest.fixture(autouse=True)
def draw_budget_left_idle(qapp):
    """The app-wide draw budget is on only while training runs; every test ends with it off."""
    yield
    from gui import throttle
    budget = throttle._budget
    if budget is not None and budget.active:
        budget.set_active(False)
        pytest.fail("test left the draw budget active (training still marked as running)")
