"""Test set-up: Qt runs offscreen, settings go to a temporary folder, and no
test may leave a training thread running."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def mnist():
    from core import data
    return data.load_mnist()
