"""Conv2D's im2col path in many blocks: forward, dW and db (and dx) equal the book's
convolution followed by the activation, whether or not the layer makes dx (without dx it
keeps no dz, only a block of it at a time), for every block and product size; so does the
DFT path with its transforms one channel at a time. MaxPool2D channel by channel (blocks
of one channel) equals the book's pooling."""
import numpy as np
import pytest

from core import conv_book, conv_fft, conv_layers, pool_layers, threads
from core.activations import get
from core.layers import MaxPool2D
from tests.core.test_conv_book import conv


@pytest.mark.parametrize("block,values", [(1, 1 << 20), (200, 21), (1 << 18, 1 << 15)])
@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "leaky_relu", "elu", None])
@pytest.mark.parametrize("need_dx", [True, False])
def test_blocks_agree_with_the_book(monkeypatch, block, values, activation, need_dx):
    monkeypatch.setattr(conv_layers, "BLOCK", block)          # 1: one output row per block
    monkeypatch.setattr(conv_layers, "PRODUCT_VALUES", values)     # 21: 64 columns per product
    layer = conv(2, 9, 8, 3, 3, 1, 1, "im2col")
    layer.act = get(activation)
    layer.need_dx = need_dx
    rng = np.random.default_rng(5)
    x = rng.standard_normal((5, 2, 9, 8))
    z, cache = conv_book.conv_forward(x, layer.params["W"], layer.params["b"], 1, 1)
    reference = get(activation)
    want = reference.forward(z.copy())
    np.testing.assert_allclose(layer.forward(x, training=True), want, rtol=1e-12, atol=1e-12)
    dy = rng.standard_normal(want.shape)
    want_dx, want_dw, want_db = conv_book.conv_backward(reference.backward(dy), cache)
    dx = layer.backward(dy)
    np.testing.assert_allclose(layer.grads["W"], want_dw, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], want_db, rtol=1e-12, atol=1e-12)
    if need_dx:
        np.testing.assert_allclose(dx, want_dx, rtol=1e-12, atol=1e-12)
    else:
        assert dx is None


@pytest.mark.parametrize("block", [1, 2 * 7 * 7 * 3, 1 << 17])   # 1 or 2 channels a block, or all
@pytest.mark.parametrize("size,stride", [(2, 2), (3, 2)])
def test_pooling_in_blocks_of_channels_agrees_with_the_book(monkeypatch, block, size, stride):
    monkeypatch.setattr(pool_layers, "BLOCK", block)
    rng = np.random.default_rng(6)
    x = rng.integers(0, 3, (3, 5, 7, 7)).astype(float)          # ties everywhere
    layer = MaxPool2D(size, stride)
    layer.build(x.shape[1:])
    want, cache = conv_book.pool_forward(x, size, stride)
    np.testing.assert_array_equal(layer.forward(x, training=True), want)
    dy = rng.standard_normal(want.shape)
    np.testing.assert_allclose(layer.backward(dy), conv_book.pool_backward(dy, cache), rtol=1e-12,
                               atol=1e-12)


@pytest.mark.parametrize("n_threads", [1, 2])
@pytest.mark.parametrize("block", [1, 2 * 11 * 6 * 4 * 2, 1 << 17])  # 1 or 2 channels a block, or all
def test_fourier_path_in_blocks_of_channels_agrees_with_the_book(monkeypatch, block, n_threads):
    monkeypatch.setattr(conv_fft, "BLOCK", block)
    monkeypatch.setattr(threads, "MIN_WORK", 0)         # the threads share even these few blocks
    threads.set_threads(n_threads)
    try:
        check_fourier_layer()
    finally:
        threads.set_threads(1)


def check_fourier_layer():
    layer = conv(3, 9, 8, 5, 3, 1, 1, "fourier")
    rng = np.random.default_rng(7)
    x = rng.standard_normal((4, 3, 9, 8))
    y = layer.forward(x, training=True)
    assert layer.plan is not None
    want, cache = conv_book.conv_forward(x, layer.params["W"], layer.params["b"], 1, 1)
    np.testing.assert_allclose(y, want, rtol=1e-10, atol=1e-10)
    dy = rng.standard_normal(y.shape)
    want_dx, want_dw, want_db = conv_book.conv_backward(dy, cache)
    np.testing.assert_allclose(layer.backward(dy), want_dx, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(layer.grads["W"], want_dw, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(layer.grads["b"], want_db, rtol=1e-10, atol=1e-10)
