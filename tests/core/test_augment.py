"""Tests for core.augment and the trainer's augmentation hook."""
from __future__ import annotations

import numpy as np
import pytest

from core import augment, data, digits
from core.network import Network
from core.presets import get
from core.trainer import Config, Step, Trainer

ZERO = {"shift": 0.0, "rotate": 0.0, "scale": 0.0, "aspect": 0.0, "stroke": 0.0}


@pytest.fixture(scope="module")
def batch(mnist) -> np.ndarray:
    x, _ = mnist.gather("test", np.arange(32))
    return x            # (32, 1, 28, 28) float32 in [0, 1]


def test_shapes_and_dtype(batch):
    rng = np.random.default_rng(0)
    out = augment.augment_level(batch, rng, "light")
    assert out.shape == batch.shape and out.dtype == np.float32
    out3 = augment.augment(batch[:, 0], rng)
    assert out3.shape == (32, 28, 28)
    assert augment.augment(batch[:0], rng).shape == (0, 1, 28, 28)


def test_input_is_not_modified(batch):
    before = batch.copy()
    augment.augment_level(batch, np.random.default_rng(0), "light")
    np.testing.assert_array_equal(batch, before)


def test_deterministic_for_a_seed(batch):
    a = augment.augment_level(batch, np.random.default_rng(7), "light")
    b = augment.augment_level(batch, np.random.default_rng(7), "light")
    c = augment.augment_level(batch, np.random.default_rng(8), "light")
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert not np.array_equal(a, batch)


def test_intensity_range_preserved(batch):
    out = augment.augment(batch, np.random.default_rng(1), shift=3, rotate=20, scale=0.2, stroke=1.0)
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert np.isfinite(out).all()


def test_identity_when_magnitudes_are_zero(batch):
    out = augment.augment(batch, np.random.default_rng(0), **ZERO)
    np.testing.assert_array_equal(out, batch)


def test_a_shift_really_shifts(batch):
    """With shift only, each image moves as a whole by the drawn offset (up to 2 px each way)."""
    imgs = batch[:, 0]
    margin = (imgs[:, :3].max(axis=(1, 2)) == 0) & (imgs[:, -3:].max(axis=(1, 2)) == 0) \
        & (imgs[:, :, :3].max(axis=(1, 2)) == 0) & (imgs[:, :, -3:].max(axis=(1, 2)) == 0)
    imgs = imgs[margin]                                     # nothing can be pushed off the edge
    assert len(imgs) >= 10
    out = augment.augment(imgs, np.random.default_rng(3), **{**ZERO, "shift": 2.0})
    moves = []
    for before, after in zip(imgs, out, strict=True):
        (y0, x0), (y1, x1) = digits.center_of_mass(before), digits.center_of_mass(after)
        moves.append((y1 - y0, x1 - x0))
        np.testing.assert_allclose(after.sum(), before.sum(), rtol=1e-4)
        # the same picture, translated: equals a bilinear shift by the measured move
        np.testing.assert_allclose(after, digits.shift_image(before, y1 - y0, x1 - x0), atol=1e-4)
    moves = np.array(moves)
    assert np.abs(moves).max() <= 2.0 + 1e-3
    assert np.abs(moves).mean() > 0.5                      # uniform in [-2, 2]: mean |move| = 1
    assert np.std(moves[:, 0]) > 0.5 and np.std(moves[:, 1]) > 0.5


def test_a_whole_pixel_shift_moves_a_dot():
    img = np.zeros((400, 28, 28), np.float32)
    img[:, 14, 14] = 1.0
    out = augment.augment(img, np.random.default_rng(0), **{**ZERO, "shift": 2.0})
    com = np.array([digits.center_of_mass(o) for o in out]) - 14.0
    assert com.min() >= -2.0 - 1e-4 and com.max() <= 2.0 + 1e-4
    assert com.min() < -1.5 and com.max() > 1.5            # the whole range is used


def test_rotation_keeps_the_centre_and_turns():
    bar = np.zeros((1, 28, 28), np.float32)
    bar[0, 6:22, 13:15] = 1.0                                # a vertical bar through the centre
    rng = np.random.default_rng(0)
    out = augment.augment(bar, rng, **{**ZERO, "rotate": 15.0})
    cy, cx = digits.center_of_mass(out[0])
    assert abs(cy - 13.5) < 0.2 and abs(cx - 13.5) < 0.2
    assert not np.allclose(out, bar)


def test_stroke_width_dilate_and_erode():
    img = np.zeros((200, 28, 28), np.float32)
    img[:, 8:20, 12:16] = 1.0
    out = augment.augment(img, np.random.default_rng(0), **{**ZERO, "stroke": 1.0})
    mass = out.sum(axis=(1, 2)) / img[0].sum()
    assert (mass > 1.05).any() and (mass < 0.95).any()      # both thicker and thinner ones
    assert out.min() >= 0.0 and out.max() <= 1.0


def test_bad_arguments():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="single-channel"):
        augment.augment(np.zeros((2, 3, 28, 28), np.float32), rng)
    with pytest.raises(ValueError, match="shift"):
        augment.augment(np.zeros((2, 28, 28), np.float32), rng, shift=-1)
    with pytest.raises(ValueError, match="unknown augmentation level"):
        augment.augment_level(np.zeros((2, 28, 28), np.float32), rng, "heavy")


def _losses(dataset, aug, seed=0):
    net = Network.from_spec(get("mlp"), rng=np.random.default_rng(0))
    cfg = Config(epochs=1, batch_size=50, max_train=200, val_fraction=0.0, seed=seed,
                 evaluate_test=False, augment=aug)
    return [ev.loss for ev in Trainer(net, dataset, cfg).run() if isinstance(ev, Step)]


def test_trainer_hook_is_deterministic_and_changes_batches(mnist):
    a, b = _losses(mnist, "light"), _losses(mnist, "light")
    plain = _losses(mnist, None)
    assert a == b
    assert a != plain


def test_trainer_rejects_bad_augment(mnist):
    net = Network.from_spec(get("mlp"), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="augmentation"):
        Trainer(net, mnist, Config(augment="heavy"))
    toy = data.make_toy("xor", n=40)
    with pytest.raises(ValueError, match="single-channel images"):
        Trainer(Network.from_spec(get("toy")), toy, Config(augment="light"))
