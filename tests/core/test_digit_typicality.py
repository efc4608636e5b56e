"""The measure of how digit-like a 28×28 input is (core.digit_typicality) and the fitted model
the app ships."""
import numpy as np
import pytest

from core import digit_typicality
from core.digit_typicality import UNUSUAL, Typicality


@pytest.fixture(scope="module")
def shipped():
    return Typicality.load()


def test_the_shipped_model_is_the_one_the_command_makes(mnist, shipped, tmp_path):
    fresh = Typicality.fit(mnist.x_train, mnist.y_train, mnist.x_test, mnist.y_test)
    np.testing.assert_allclose(fresh.means, shipped.means, atol=1e-6)
    for k in range(10):                  # the same subspace (components are defined up to sign)
        overlap = fresh.components[k] @ shipped.components[k].T
        np.testing.assert_allclose(np.abs(np.linalg.svd(overlap, compute_uv=False)), 1, atol=1e-3)
    np.testing.assert_allclose(fresh.reference, shipped.reference, rtol=1e-3, atol=1e-4)
    fresh.save(tmp_path / "t.npz")
    again = Typicality.load(tmp_path / "t.npz")
    np.testing.assert_array_equal(again.components, fresh.components)


def test_real_digits_are_typical_of_their_class_and_about_5_percent_unusual(mnist, shipped):
    x, y = mnist.x_test[:2000], mnist.y_test[:2000]
    pct = np.array([shipped.percentile(img, int(k)) for img, k in zip(x, y, strict=True)])
    assert 0.03 < np.mean(pct > UNUSUAL) < 0.07          # the threshold is MNIST's 95th percentile
    assert np.median(pct) == pytest.approx(50, abs=6)
    wrong = np.array([shipped.percentile(img, (int(k) + 1) % 10)
                      for img, k in zip(x[:300], y[:300], strict=True)])
    assert np.mean(wrong > UNUSUAL) > 0.5               # most digits do not fit another class


def test_things_that_are_no_digits_are_unusual(shipped):
    rng = np.random.default_rng(0)
    noise = rng.random((28, 28)).astype(np.float32)
    block = np.zeros((28, 28), np.float32)
    block[4:24, 4:24] = 1
    for img in (noise, block):
        assert all(shipped.percentile(img, k) > 99 for k in range(10))


def test_a_damaged_file_is_refused(tmp_path, shipped):
    np.savez(tmp_path / "bad.npz", means=shipped.means, components=shipped.components[:3],
             reference=shipped.reference)
    with pytest.raises(ValueError, match="not a digit typicality model"):
        Typicality.load(tmp_path / "bad.npz")
    assert digit_typicality.PATH.name == "digit_typicality.npz"
