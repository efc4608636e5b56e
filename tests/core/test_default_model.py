"""The pretrained model the app ships (resources/default_model.npz), made by our own CLI:

    python -m core train --preset cnn --augment light --epochs 8 --lr-decay 0.7 \
        --save resources/default_model.npz
"""
from __future__ import annotations

import numpy as np
import pytest

from core import checkpoint, data, digits

PATH = data.RESOURCES / "default_model.npz"


@pytest.fixture(scope="module")
def net():
    return checkpoint.load_model(PATH)


def test_loads_and_describes_itself(net):
    meta = checkpoint.read_metadata(PATH)
    assert meta["kind"] == "model"
    assert int(np.prod(meta["spec"]["input_shape"])) == 784 and net.n_classes == 10
    info = meta["info"]
    assert info["data"] == "mnist" and info["augment"] == "light"
    assert info["test_acc"] >= 0.98


def test_test_accuracy_at_least_98_percent(net, mnist):
    x, y = mnist.gather("test", np.arange(len(mnist.y_test)))
    acc = float(np.mean(net.predict(x) == y))
    assert len(y) == 10_000
    assert acc >= 0.98                    # measured: 99.50 %
    assert abs(acc - checkpoint.read_metadata(PATH)["info"]["test_acc"]) < 1e-6


def test_digits_placed_anywhere_on_a_canvas_are_read_as_well(net, mnist):
    """1000 test digits pasted onto a 280x280 canvas at 30-90 % size anywhere, then to_mnist."""
    rng = np.random.default_rng(0)
    idx = rng.choice(len(mnist.y_test), 1000, replace=False)
    x, y = mnist.gather("test", idx)
    placed = np.empty_like(x)
    for k, d in enumerate(x[:, 0]):
        scale = rng.uniform(0.3, 0.9)
        side = int(np.floor(scale * 280 + 0.5))
        top, left = rng.integers(0, 280 - side + 1, size=2)
        placed[k, 0] = digits.to_mnist(digits.paste(d, 280, scale, int(top), int(left)))
    acc_original = float(np.mean(net.predict(x) == y))
    acc_placed = float(np.mean(net.predict(placed) == y))
    # measured: 99.5 % original, 99.4 % re-placed
    assert abs(acc_placed - acc_original) <= 0.01
    assert acc_placed >= 0.98
