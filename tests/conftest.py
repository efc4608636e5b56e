"""Test set-up: Qt runs offscreen, settings go to a temporary folder, screenshots go to a
temporary folder (or ``--shots DIR``), and no test may leave a training thread running."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


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
