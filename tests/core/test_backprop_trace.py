"""The step-through's values are the network's own: every dW, db equals Network.backward()'s
for the same batch, and Z, A, dZ obey the formulas the panel shows beside them."""
import numpy as np
import pytest

from core import Network, presets
from core.activations import ACTIVATIONS
from core.backprop_trace import trace

MNIST_PRESETS = [k for k in presets.PRESETS if presets.PRESETS[k]["input_shape"] == presets.MNIST_INPUT]


def _spec(key):
    s = presets.get(key)
    s.pop("name")
    return s


def _pair(spec, seed=0):
    """Two identical networks (same weights, same random stream for dropout)."""
    a = Network.from_spec(spec, np.random.default_rng(seed))
    b = Network.from_spec(spec, np.random.default_rng(seed))
    b.load_snapshot(a.snapshot())
    return a, b


def _batch(mnist, m=5):
    idx = np.arange(m)
    return mnist.gather("train", idx)


@pytest.mark.parametrize("key", MNIST_PRESETS)
def test_every_gradient_equals_network_backward(mnist, key):
    net, ref = _pair(_spec(key))
    x, y = _batch(mnist)
    t = trace(net, x, y)
    loss = ref.loss(x, y)
    grads = ref.backward()
    assert t.loss == loss
    assert len(t.layers) == len(ref.layers)
    seen = set()
    for lt in t.layers:
        for k, g in lt.grads.items():
            np.testing.assert_array_equal(g, grads[f"{lt.index}.{k}"])
            seen.add(f"{lt.index}.{k}")
    assert seen == set(grads)
    np.testing.assert_array_equal(t.scores, ref.scores)


def test_the_trace_leaves_the_networks_activations_in_place(mnist):
    net, _ = _pair(_spec("cnn"))
    acts = [layer.act for layer in net.layers if hasattr(layer, "act")]
    trace(net, *_batch(mnist, 2))
    assert [layer.act for layer in net.layers if hasattr(layer, "act")] == acts


@pytest.mark.parametrize("key", ["mlp", "two_layer_net"])
def test_dense_formulas(mnist, key):
    net, _ = _pair(_spec(key))
    x, y = _batch(mnist, 4)
    t = trace(net, x, y)
    m = t.m
    np.testing.assert_allclose(t.dscores, (t.probs - t.targets) / m, rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(t.targets.argmax(axis=1), y)
    for lt in t.layers:
        W, b = lt.params["W"], lt.params["b"]
        x2 = lt.x.reshape(m, -1)
        assert lt.z.shape == (m, W.shape[1]) and lt.a.shape == lt.z.shape
        np.testing.assert_allclose(lt.z, x2 @ W + b, rtol=1e-5, atol=1e-5)            # Z = X·W + b
        f = ACTIVATIONS[lt.activation or "identity"]
        np.testing.assert_allclose(lt.a, f.f(lt.z), rtol=1e-5, atol=1e-6)              # A = g(Z)
        np.testing.assert_allclose(lt.dz, lt.da * f.df(lt.z), rtol=1e-5, atol=1e-9)    # dZ = dA ⊙ g′(Z)
        np.testing.assert_allclose(lt.grads["W"], x2.T @ lt.dz, rtol=1e-5, atol=1e-8)  # dW = Xᵀ·dZ
        np.testing.assert_allclose(lt.grads["b"], lt.dz.sum(axis=0), rtol=1e-5, atol=1e-8)
        if lt.dx is not None:                                                           # dA[l−1] = dZ·Wᵀ
            np.testing.assert_allclose(lt.dx.reshape(m, -1), lt.dz @ W.T, rtol=1e-5, atol=1e-8)
    assert t.layers[0].dx is None            # the first layer has no one to pass dX to
    np.testing.assert_array_equal(t.layers[-1].da, t.dscores)
    np.testing.assert_array_equal(t.layers[1].dx, t.layers[0].da)    # what one passes down, the next gets


def test_convolution_z_is_batch_first_and_caches_are_listed(mnist):
    net, _ = _pair(_spec("cnn"))
    x, y = _batch(mnist, 3)
    t = trace(net, x, y)
    conv = t.layers[0]
    assert conv.z.shape == (3, 16, 28, 28) == conv.a.shape
    np.testing.assert_allclose(conv.a, np.maximum(conv.z, 0), rtol=1e-6)
    np.testing.assert_allclose(conv.dz, conv.da * (conv.z > 0), rtol=1e-6)
    # the padded input (backward makes its im2col again from it) and ReLU's mask
    assert "relu.mask" in conv.cache and conv.cache["x_padded"] == (1, 32, 32, 3)
    pool = t.layers[1]
    assert pool.z is None and "masks" in pool.cache
    dense = t.layers[5]
    assert dense.cache["x"] == (3, 800)
