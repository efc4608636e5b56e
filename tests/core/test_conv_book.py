"""The fast convolution and pooling layers compute what the book's plain versions
(core/conv_book.py) compute: forward, dx, dW and db, in float64, for the im2col
and the DFT paths of Conv2D, with padding, strides and rectangular kernels."""
import numpy as np
import pytest

from core import conv_book
from core.layers import Conv2D, MaxPool2D
from tests.core.test_layers_gradcheck import naive_conv

CASES = [  # channels, height, width, filters, kernel, stride, padding
    (1, 8, 8, 3, 5, 1, 2), (3, 9, 7, 4, 3, 1, 1), (2, 8, 11, 3, (4, 2), 1, 2), (4, 10, 10, 5, 5, 1, 0),
    (2, 9, 9, 3, 3, 2, 1), (3, 7, 6, 2, 2, 3, 0),
]


def conv(c, h, w, f, kernel, stride, padding, method, dtype=np.float64, seed=0):
    layer = Conv2D(f, kernel, stride=stride, padding=padding)
    layer.build((c, h, w))
    layer.method = method
    rng = np.random.default_rng(seed)
    layer.params = {k: rng.standard_normal(s).astype(dtype) for k, s in layer.param_shapes().items()}
    layer.grads = {k: np.zeros(s, dtype) for k, s in layer.param_shapes().items()}
    return layer


@pytest.mark.parametrize("method", ["im2col", "fourier"])
@pytest.mark.parametrize("c,h,w,f,kernel,stride,padding", CASES)
def test_conv2d_agrees_with_the_book(c, h, w, f, kernel, stride, padding, method):
    layer = conv(c, h, w, f, kernel, stride, padding, method)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, c, h, w))
    y = layer.forward(x, training=True)
    assert (layer.plan is not None) == (method == "fourier" and stride == 1)
    want, cache = conv_book.conv_forward(x, layer.params["W"], layer.params["b"], stride, padding)
    np.testing.assert_allclose(y, want, rtol=1e-10, atol=1e-10)
    dy = rng.standard_normal(y.shape)
    dx = layer.backward(dy)
    want_dx, want_dw, want_db = conv_book.conv_backward(dy, cache)
    np.testing.assert_allclose(dx, want_dx, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(layer.grads["W"], want_dw, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(layer.grads["b"], want_db, rtol=1e-10, atol=1e-10)


def test_the_book_convolution_is_a_convolution():
    """The reference itself against explicit loops."""
    rng = np.random.default_rng(2)
    x, w, b = rng.standard_normal((2, 3, 7, 6)), rng.standard_normal((4, 3, 3, 3)), rng.standard_normal(4)
    out, _ = conv_book.conv_forward(x, w, b, stride=2, pad=1)
    np.testing.assert_allclose(out, naive_conv(x, w, b, 2, 1), rtol=1e-12, atol=1e-12)


def test_float32_fourier_path_is_close_and_stays_float32():
    """The DFT path is what float32 training takes for the small CNN's second convolution."""
    exact = conv(16, 14, 14, 32, 5, 1, 0, "im2col", np.float32)
    fast = conv(16, 14, 14, 32, 5, 1, 0, "auto", np.float32)
    x = np.maximum(np.random.default_rng(3).standard_normal((8, 16, 14, 14)), 0).astype(np.float32)
    a, b = exact.forward(x, training=True), fast.forward(x, training=True)
    assert fast.plan is not None and exact.plan is None and b.dtype == np.float32
    np.testing.assert_allclose(b, a, rtol=1e-4, atol=1e-4 * float(np.abs(a).max()))
    dy = np.random.default_rng(4).standard_normal(a.shape).astype(np.float32)
    da, db = exact.backward(dy).copy(), fast.backward(dy)
    assert db.dtype == fast.grads["W"].dtype == np.float32
    np.testing.assert_allclose(db, da, rtol=1e-4, atol=1e-4 * float(np.abs(da).max()))
    scale = float(np.abs(exact.grads["W"]).max())
    np.testing.assert_allclose(fast.grads["W"], exact.grads["W"], rtol=1e-4, atol=1e-4 * scale)


def test_auto_keeps_im2col_for_float64_and_small_kernels():
    layer = conv(16, 14, 14, 32, 5, 1, 0, "auto")
    layer.forward(np.ones((2, 16, 14, 14)))
    assert layer.plan is None                                   # float64: exact im2col
    layer = conv(16, 28, 28, 32, 3, 1, 1, "auto", np.float32)
    layer.forward(np.ones((2, 16, 28, 28), np.float32))
    assert layer.plan is None                                   # 3×3: the DFT saves too little


@pytest.mark.parametrize("size,stride,h,w", [(2, 2, 6, 6), (2, 2, 7, 5), (3, 2, 7, 7), (3, 3, 9, 8)])
def test_maxpool_agrees_with_the_book(size, stride, h, w):
    rng = np.random.default_rng(5)
    x = rng.integers(0, 3, (3, 2, h, w)).astype(float)          # ties everywhere
    layer = MaxPool2D(size, stride)
    layer.build(x.shape[1:])
    y = layer.forward(x, training=True)
    want, cache = conv_book.pool_forward(x, size, stride)
    np.testing.assert_array_equal(y, want)
    dy = rng.standard_normal(y.shape)
    np.testing.assert_allclose(layer.backward(dy), conv_book.pool_backward(dy, cache), rtol=1e-12,
                               atol=1e-12)
