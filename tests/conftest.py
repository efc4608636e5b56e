"""Test set-up: Qt runs offscreen, settings go to a temporary folder, screenshots go to a
temporary folder (or ``--shots DIR``), and a test that uses Qt fails if it leaves a QThread
running, a QTimer active or a thread-pool task busy (``tests/qt_leaks.py``)."""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "allow_leaked_qt(reason): this test may leave a QThread, QTimer or pool task "
        "running; say why (for genuine cases only: tests stop what they start)")


def pytest_addoption(parser):
    parser.addoption("--shots", metavar="DIR", default=None,
                     help="save the tests' screenshots into DIR to look at them (default: a temp folder)")


@pytest.fixture
def shot_dir(request, tmp_path) -> Path:
    """Where a test saves its screenshots: ``tmp_path``, or the folder given by ``--shots``."""
    folder = request.config.getoption("--shots")
    if folder is None:
        return tmp_path
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def mnist():
    from core import data
    return data.load_mnist()


def _uses_qt(request) -> bool:
    if "qapp" in request.fixturenames:
        return True
    if "PySide6.QtCore" not in sys.modules:      # never import Qt for a core test
        return False
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.instance() is not None


@pytest.fixture(autouse=True)
def qt_leak_guard(request):
    """Fails a Qt test that leaves a thread, timer or pool task running, naming where it was
    started. Set up before the test's own fixtures, so it checks after they (and qtbot) have
    closed their widgets."""
    if not _uses_qt(request):
        yield None
        return
    from tests.qt_leaks import QtLeakGuard
    guard = QtLeakGuard()
    guard.install()
    try:
        yield guard
    finally:
        leaks = guard.finish()
    marker = request.node.get_closest_marker("allow_leaked_qt")
    if marker is not None and not (marker.args or marker.kwargs.get("reason")):
        pytest.fail("@pytest.mark.allow_leaked_qt needs a reason")
    if leaks and marker is None:
        pytest.fail("the test left Qt work running (stop what you start, e.g. close the widget):\n  "
                    + "\n  ".join(leaks), pytrace=False)
