"""Gradient checks for every layer, activation and loss, plus naive-loop references.

Acceptance: every layer, activation and loss passes a float64 gradient check
(max relative error < 1e-6), conv, pool, batchnorm and dropout (fixed mask)
included.

Two things make an element-wise relative error of 1e-6 meaningful, and the
batch drawn for each check is required to satisfy both (the check itself is
never loosened):

- *No kink within reach of the finite difference.* ReLU-like units, maxout
  pieces and pooling windows are piecewise; a central difference taken within
  ``h`` of a kink measures a mixture of two slopes. Every pre-activation must
  be at least ``MARGIN`` from 0 and every max at least ``MARGIN`` above the
  runner-up.
- *No gradient entry drowned in rounding.* The float64 loss is only known to
  about 1e-16 · |loss|, so a central difference with h = 1e-5 carries an
  absolute error of ~1e-11; an entry of 1e-6 then shows a relative error of
  ~1e-5 even when backprop is exact. Every gradient entry must be exactly zero
  (a dead unit, a dropped unit: the finite difference is then exactly zero
  too) or at least ``GRAD_FLOOR``.

The conditions only look at the batch and at the analytic gradient's size,
never at the comparison, so they cannot hide a wrong backward pass.
"""

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from core import Network
from core.gradcheck import check_network
from core.layers import ActivationLayer, Conv2D, Dense, Dropout, Maxout, MaxPool2D

TOL = 1e-6
MARGIN = 1e-3
GRAD_FLOOR = 5e-5
KINKED = {"relu", "leaky_relu", "elu"}      # elu: the second derivative jumps at 0
ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "identity"]


# -- naive references ------------------------------------------------------------------

def naive_conv(x, W, b, stride=1, padding=0):
    """Cross-correlation by explicit loops. x (n, C, H, W), W (F, C, kh, kw) -> (n, F, OH, OW)."""
    n, c, h, w = x.shape
    f, _, kh, kw = W.shape
    xp = np.zeros((n, c, h + 2 * padding, w + 2 * padding))
    xp[:, :, padding:padding + h, padding:padding + w] = x
    oh = (h + 2 * padding - kh) // stride + 1
    ow = (w + 2 * padding - kw) // stride + 1
    out = np.zeros((n, f, oh, ow))
    for s in range(n):
        for k in range(f):
            for i in range(oh):
                for j in range(ow):
                    total = b[k]
                    for ch in range(c):
                        for di in range(kh):
                            for dj in range(kw):
                                total += xp[s, ch, i * stride + di, j * stride + dj] * W[k, ch, di, dj]
                    out[s, k, i, j] = total
    return out


def naive_maxpool(x, size, stride):
    n, c, h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.zeros((n, c, oh, ow))
    for s in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    out[s, ch, i, j] = x[s, ch, i * stride:i * stride + size,
                                         j * stride:j * stride + size].max()
    return out


def _top_gap(values):
    """Smallest distance between the largest entry and the largest one *below* it (last axis).

    Exact ties are skipped: with continuous random data they only arise from
    values that are equal for every nearby parameter (a window of dead ReLU
    outputs), so no perturbation can break them.
    """
    top = values.max(axis=-1, keepdims=True)
    below = np.where(values < top, values, -np.inf).max(axis=-1, keepdims=True)
    return float((top - below).min())


def kink_margin(net, x):
    """How close the batch brings any unit to a kink (inf if the network has none)."""
    outputs = []
    net.forward(x, training=True, record=outputs)
    inputs = [x.reshape((len(x),) + net.input_shape)] + outputs[:-1]
    margin = np.inf
    for layer, a in zip(net.layers, inputs, strict=True):
        act = getattr(layer, "act", None)
        if act is not None and act.name in KINKED:
            if isinstance(layer, Dense):
                z = a.reshape(len(a), -1) @ layer.params["W"] + layer.params["b"]
            elif isinstance(layer, Conv2D):
                z = naive_conv(a, layer.params["W"], layer.params["b"], layer.stride, layer.padding)
            else:
                assert isinstance(layer, ActivationLayer)
                z = a
            margin = min(margin, float(np.abs(z).min()))
        elif isinstance(layer, Maxout):
            z = a.reshape(len(a), -1) @ layer.params["W"] + layer.params["b"]
            margin = min(margin, _top_gap(z.reshape(len(a), layer.units, layer.pieces)))
        elif isinstance(layer, MaxPool2D):
            k, s = layer.size, layer.stride
            win = sliding_window_view(a, (k, k), axis=(2, 3))[:, :, ::s, ::s]
            margin = min(margin, _top_gap(win.reshape(win.shape[:4] + (k * k,))))
    return margin


# -- the check -------------------------------------------------------------------------

def make_net(layers, input_shape, n_classes=3, loss="softmax_cross_entropy", seed=0):
    """A float64 network ending in a dense score layer, moved off its initial point:
    biases are random (a zero bias puts a dead ReLU row exactly on the kink) and
    BatchNorm's gamma is not exactly 1."""
    spec = {"input_shape": list(input_shape),
            "layers": [*layers, {"type": "dense", "units": n_classes}], "loss": loss}
    net = Network.from_spec(spec, np.random.default_rng(seed), dtype=np.float64)
    rng = np.random.default_rng(seed + 1000)
    for name, p in net.parameters().items():
        slot = name.split(".")[1]
        if slot in ("b", "beta"):
            p[...] = rng.uniform(-0.5, 0.5, p.shape)
        elif slot == "gamma":
            p[...] = rng.uniform(0.5, 1.5, p.shape)
    return net


def well_conditioned_batch(net, n, seed=0, exclude=()):
    """A random float64 batch (and dropout masks) satisfying the module's two conditions."""
    for attempt in range(200):
        rng = np.random.default_rng([seed, attempt])
        x = rng.standard_normal((n,) + net.input_shape)
        y = rng.integers(0, net.n_classes, n)
        for layer in net.layers:
            if isinstance(layer, Dropout):
                layer.fixed_mask = rng.random((n,) + layer.in_shape) >= layer.rate
        if kink_margin(net, x) < MARGIN:
            continue
        net.loss(x, y, training=True)
        g = np.abs(np.concatenate([v.ravel() for k, v in net.backward().items() if k not in exclude]))
        if np.all((g == 0) | (g >= GRAD_FLOOR)):
            return x, y
    pytest.fail("no well-conditioned batch found in 200 draws")


def gradcheck(layers, input_shape, n=8, weight_decay=0.0, exclude=(), **kw):
    """Rows of check_network over *every* parameter entry, after basic sanity checks."""
    net = make_net(layers, input_shape, **kw)
    net.weight_decay = weight_decay
    x, y = well_conditioned_batch(net, n, exclude=exclude)
    rows = check_network(net, x, y, max_entries=10**6)
    assert [r.name for r in rows] == list(net.parameters())
    for r in rows:
        assert r.checked == int(np.prod(r.shape))
    # a check of all-zero gradients would prove nothing
    grads = net.gradients()
    for name, g in grads.items():
        if name not in exclude:
            assert np.abs(g).max() > GRAD_FLOOR, f"{name} has no real gradient to check"
    return net, rows


def assert_rows_pass(rows, skip=()):
    bad = [(r.name, r.max_rel_error) for r in rows if r.name not in skip and not r.max_rel_error < TOL]
    assert not bad, f"max relative error >= {TOL}: {bad}"


# -- activations and losses ----------------------------------------------------------------

@pytest.mark.parametrize("act", ACTIVATIONS)
def test_dense_with_each_activation(act):
    _, rows = gradcheck([{"type": "dense", "units": 6, "activation": act},
                         {"type": "dense", "units": 5, "activation": act}], [4])
    assert_rows_pass(rows)


@pytest.mark.parametrize("act", ACTIVATIONS)
def test_standalone_activation_layer(act):
    _, rows = gradcheck([{"type": "dense", "units": 6},
                         {"type": "activation", "activation": act},
                         {"type": "dense", "units": 5, "activation": "tanh"}], [4])
    assert_rows_pass(rows)


@pytest.mark.parametrize("loss", ["softmax_cross_entropy", "mse"])
def test_each_loss(loss):
    _, rows = gradcheck([{"type": "dense", "units": 6, "activation": "tanh"}], [4],
                        n_classes=4, loss=loss)
    assert_rows_pass(rows)


def test_maxout():
    _, rows = gradcheck([{"type": "dense", "units": 6, "activation": "tanh"},
                         {"type": "maxout", "units": 4, "pieces": 3}], [4])
    assert_rows_pass(rows)


def test_weight_decay_on():
    net, rows = gradcheck([{"type": "conv2d", "filters": 2, "kernel": 3, "activation": "tanh"},
                           {"type": "flatten"},
                           {"type": "dense", "units": 5, "activation": "relu"}],
                          [1, 5, 5], weight_decay=0.1)
    assert net.weight_decay == 0.1
    assert_rows_pass(rows)


# -- convolution ------------------------------------------------------------------------

CONV_CASES = [  # kernel, stride, padding
    (3, 1, 0), (3, 2, 0), (3, 1, 1), (3, 2, 1), ([3, 2], 1, 0), ([3, 2], 2, 1), (1, 1, 0), (2, 3, 2),
]


@pytest.mark.parametrize("kernel,stride,padding", CONV_CASES)
def test_conv2d(kernel, stride, padding):
    # a first conv layer in front, so the gradient of 0.W also checks the tested layer's dx
    _, rows = gradcheck([{"type": "conv2d", "filters": 2, "kernel": 3, "padding": 1, "activation": "tanh"},
                         {"type": "conv2d", "filters": 3, "kernel": kernel, "stride": stride,
                          "padding": padding, "activation": "relu"},
                         {"type": "flatten"}], [2, 7, 6], n=4)
    assert_rows_pass(rows)


@pytest.mark.parametrize("kernel,stride,padding", CONV_CASES)
def test_conv2d_forward_matches_naive_loop(kernel, stride, padding):
    rng = np.random.default_rng(5)
    layer = Conv2D(filters=3, kernel=kernel, stride=stride, padding=padding)
    out_shape = layer.build((2, 7, 6))
    layer.params = {k: rng.standard_normal(s) for k, s in layer.param_shapes().items()}
    x = rng.standard_normal((3, 2, 7, 6))
    got = layer.forward(x)
    want = naive_conv(x, layer.params["W"], layer.params["b"], stride, padding)
    assert got.shape == (3,) + out_shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_conv2d_is_cross_correlation_not_flipped():
    layer = Conv2D(filters=1, kernel=[2, 2])
    layer.build((1, 2, 2))
    layer.params = {"W": np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), "b": np.array([0.5])}
    x = np.array([[[[10.0, 20.0], [30.0, 40.0]]]])
    assert layer.forward(x).item() == 10 + 40 + 90 + 160 + 0.5


# -- pooling ---------------------------------------------------------------------------------

POOL_CASES = [  # size, stride, input height/width
    (2, 2, 6), (2, 2, 7), (3, 2, 7), (2, 1, 5), (3, 3, 7),
]


@pytest.mark.parametrize("size,stride,hw", POOL_CASES)
def test_maxpool(size, stride, hw):
    _, rows = gradcheck([{"type": "conv2d", "filters": 3, "kernel": 3, "padding": 1, "activation": "tanh"},
                         {"type": "maxpool", "size": size, "stride": stride},
                         {"type": "flatten"}], [2, hw, hw], n=4)
    assert_rows_pass(rows)


@pytest.mark.parametrize("size,stride,hw", POOL_CASES)
def test_maxpool_forward_matches_naive_loop(size, stride, hw):
    rng = np.random.default_rng(6)
    layer = MaxPool2D(size=size, stride=stride)
    out_shape = layer.build((3, hw, hw + 1))
    x = rng.standard_normal((2, 3, hw, hw + 1))
    got = layer.forward(x)
    assert got.shape == (2,) + out_shape
    np.testing.assert_array_equal(got, naive_maxpool(x, size, stride))


def test_maxpool_backward_routes_to_each_windows_max():
    layer = MaxPool2D(size=2, stride=2)
    layer.build((1, 2, 4))
    x = np.array([[[[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 7.0, 6.0]]]])
    np.testing.assert_array_equal(layer.forward(x), [[[[5.0, 7.0]]]])
    dx = layer.backward(np.array([[[[10.0, 20.0]]]]))
    np.testing.assert_array_equal(dx, [[[[0, 10, 0, 0], [0, 0, 20, 0]]]])


# -- batchnorm and dropout --------------------------------------------------------------------

def test_batchnorm_dense_input():
    _, rows = gradcheck([{"type": "dense", "units": 6, "activation": "tanh"},
                         {"type": "batchnorm"},
                         {"type": "dense", "units": 5, "activation": "relu"}], [4])
    assert_rows_pass(rows)


def test_batchnorm_conv_input():
    _, rows = gradcheck([{"type": "conv2d", "filters": 3, "kernel": 3, "activation": "tanh"},
                         {"type": "batchnorm"},
                         {"type": "activation", "activation": "relu"},
                         {"type": "flatten"}], [2, 5, 5], n=4)
    assert_rows_pass(rows)


def test_batchnorm_cancels_the_bias_before_it():
    """Dense → BatchNorm: the batch mean absorbs the dense bias, so its true gradient
    is exactly zero. A relative error is meaningless there (both sides are rounding
    noise); the absolute errors must be at rounding level instead."""
    net, rows = gradcheck([{"type": "dense", "units": 6},
                           {"type": "batchnorm"},
                           {"type": "activation", "activation": "relu"}], [4], exclude=("0.b",))
    assert np.abs(net.gradients()["0.b"]).max() < 1e-12
    (bias_row,) = [r for r in rows if r.name == "0.b"]
    assert bias_row.max_abs_error < 1e-9
    assert_rows_pass(rows, skip=("0.b",))


def test_dropout_dense_with_fixed_mask():
    net, rows = gradcheck([{"type": "dense", "units": 8, "activation": "tanh"},
                           {"type": "dropout", "rate": 0.5},
                           {"type": "dense", "units": 5, "activation": "tanh"}], [4])
    assert_rows_pass(rows)
    mask = net.layers[1].fixed_mask
    assert mask.shape == (8, 8) and mask.dtype == bool and 0 < mask.sum() < mask.size
    # the mask really was applied: dropped units are zero, kept ones scaled by 1/(1 − 0.5)
    x = np.random.default_rng(1).standard_normal((8, 4))
    outputs = []
    net.forward(x, training=True, record=outputs)
    np.testing.assert_array_equal(outputs[1][~mask], 0)
    np.testing.assert_allclose(outputs[1][mask], 2 * outputs[0][mask])


def test_dropout_conv_with_fixed_mask():
    net, rows = gradcheck([{"type": "conv2d", "filters": 3, "kernel": 3, "activation": "tanh"},
                           {"type": "dropout", "rate": 0.3},
                           {"type": "flatten"}], [2, 5, 5], n=4)
    assert net.layers[1].fixed_mask.shape == (4, 3, 3, 3)
    assert_rows_pass(rows)


def test_every_layer_type_together():
    _, rows = gradcheck([{"type": "conv2d", "filters": 3, "kernel": 3, "padding": 1, "activation": "relu"},
                         {"type": "batchnorm"},
                         {"type": "maxpool", "size": 2},
                         {"type": "dropout", "rate": 0.25},
                         {"type": "flatten"},
                         {"type": "maxout", "units": 5, "pieces": 2},
                         {"type": "dense", "units": 4, "activation": "elu"},
                         {"type": "activation", "activation": "sigmoid"}],
                        [2, 6, 6], n=4, weight_decay=0.05)
    assert_rows_pass(rows)


def test_gradient_check_catches_a_wrong_backward():
    """The check has teeth: a derivative off by 1% is reported."""
    net = make_net([{"type": "dense", "units": 6, "activation": "tanh"},
                    {"type": "dense", "units": 5, "activation": "tanh"}], [4])
    x, y = well_conditioned_batch(net, 8)
    act = net.layers[1].act
    right = act.backward
    act.backward = lambda da: 1.01 * right(da)
    act.backward_in_parts = lambda da, out: None        # so that the layer calls act.backward
    rows = {r.name: r for r in check_network(net, x, y)}
    assert rows["0.W"].max_rel_error > 1e-3
    assert rows["1.W"].max_rel_error > 1e-3
    assert rows["2.W"].max_rel_error < TOL


def test_check_network_samples_large_parameters_and_reports_ok():
    net = make_net([{"type": "dense", "units": 30, "activation": "tanh"}], [4])
    x, y = well_conditioned_batch(net, 8)
    rows = {r.name: r for r in check_network(net, x, y, max_entries=50)}
    assert rows["0.W"].checked == 50 and rows["0.W"].shape == (4, 30)        # 120 entries, 50 sampled
    assert rows["0.b"].checked == 30
    assert all(r.ok for r in rows.values())
