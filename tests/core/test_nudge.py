"""Nudging one weight: the numerical slope equals backprop's gradient, the slice is the real
loss, and bad picks are refused."""
import numpy as np
import pytest

from core import Network, presets
from core.gradcheck import float64_network
from core.nudge import check_index, nudge


@pytest.fixture(scope="module")
def mlp(mnist):
    spec = presets.get("mlp")
    spec.pop("name")
    net = Network.from_spec(spec, np.random.default_rng(0))
    x, y = mnist.gather("train", np.arange(16))
    return float64_network(net.spec, net.snapshot()), x.astype(np.float64), y


@pytest.mark.parametrize("name,index,delta", [("1.W", (3, 7), 0.0), ("1.W", (3, 7), 0.4),
                                              ("0.W", (350, 20), -0.2), ("1.b", (2,), 0.3),
                                              ("0.b", (5,), 0.1)])
def test_numerical_slope_matches_backprop(mlp, name, index, delta):
    net, x, y = mlp
    w0 = float(net.parameters()[name][index])
    r = nudge(net, x, y, name, index, w0 + delta, h=1e-4, points=11)
    assert r.analytic != 0
    assert r.relative_difference < 1e-4
    assert r.numerical == pytest.approx(r.analytic, rel=1e-4)
    assert net.parameters()[name][index] == w0 + delta          # left at the nudged value
    assert r.loss == pytest.approx(net.loss(x, y))
    np.testing.assert_allclose(r.probs.sum(axis=1), 1)
    net.parameters()[name][index] = w0


def test_the_slice_is_the_loss_along_one_weight(mlp):
    net, x, y = mlp
    name, index = "1.W", (0, 0)
    w0 = float(net.parameters()[name][index])
    r = nudge(net, x, y, name, index, w0, centre=w0, span=2.0, points=21)
    assert r.slice_w[0] == pytest.approx(w0 - 2) and r.slice_w[-1] == pytest.approx(w0 + 2)
    assert r.slice_loss[10] == pytest.approx(r.loss)            # the middle point is w itself
    net.parameters()[name][index] = r.slice_w[3]
    assert net.loss(x, y) == pytest.approx(r.slice_loss[3])
    net.parameters()[name][index] = w0
    # the loss is convex in one weight of the last layer; its slope at w matches the slice's
    assert np.all(np.diff(r.slice_loss, 2) > -1e-12)
    slope = (r.slice_loss[11] - r.slice_loss[9]) / (r.slice_w[11] - r.slice_w[9])
    assert slope == pytest.approx(r.analytic, rel=0.05)


def test_bad_picks_are_refused(mlp):
    net, x, y = mlp
    with pytest.raises(ValueError, match="no parameter '2.W'"):
        check_index(net, "2.W", (0, 0))
    with pytest.raises(ValueError, match=r"shape \(100, 10\); index \(100, 0\)"):
        check_index(net, "1.W", (100, 0))
    with pytest.raises(ValueError, match="outside"):
        check_index(net, "1.b", (0, 0))
    with pytest.raises(ValueError, match="positive"):
        nudge(net, x, y, "1.b", 0, 0.0, h=0)
