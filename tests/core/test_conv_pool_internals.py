"""Conv2D and MaxPool2D against naive loops, backward included, and the
properties their fast internals must keep.

Both layers work batch-innermost, in (C, H, W, n) memory seen through
(n, C, H, W) views, and reuse scratch arrays between calls. These tests check
what that must not change: results for any input memory layout, for batch
sizes that change between calls, float32 staying float32, and max pooling's
rule that a tied window sends its gradient to its *first* maximum only.
"""
import numpy as np
import pytest

from core.layers import Conv2D, MaxPool2D
from tests.core.test_layers_gradcheck import CONV_CASES, naive_conv, naive_maxpool


def naive_conv_backward(x, W, dz, stride, padding):
    """(dx, dW, db) of a cross-correlation by explicit loops over outputs."""
    n, c, h, w = x.shape
    f, _, kh, kw = W.shape
    xp = np.zeros((n, c, h + 2 * padding, w + 2 * padding))
    xp[:, :, padding:padding + h, padding:padding + w] = x
    dxp, dW = np.zeros_like(xp), np.zeros(W.shape)
    for s in range(n):
        for k in range(f):
            for i in range(dz.shape[2]):
                for j in range(dz.shape[3]):
                    rows, cols = slice(i * stride, i * stride + kh), slice(j * stride, j * stride + kw)
                    dW[k] += dz[s, k, i, j] * xp[s, :, rows, cols]
                    dxp[s, :, rows, cols] += dz[s, k, i, j] * W[k]
    return dxp[:, :, padding:padding + h, padding:padding + w], dW, dz.sum(axis=(0, 2, 3))


def naive_maxpool_backward(x, dy, size, stride):
    """Each window's gradient to its first maximum in row-major order (np.argmax's rule)."""
    dx = np.zeros(x.shape)
    n, c, oh, ow = dy.shape
    for s in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    win = x[s, ch, i * stride:i * stride + size, j * stride:j * stride + size]
                    a = int(np.argmax(win))
                    dx[s, ch, i * stride + a // size, j * stride + a % size] += dy[s, ch, i, j]
    return dx


def conv_layer(kernel, stride, padding, c=2, hw=(7, 6), f=3, seed=5, dtype=np.float64):
    rng = np.random.default_rng(seed)
    layer = Conv2D(filters=f, kernel=kernel, stride=stride, padding=padding)
    layer.build((c,) + hw)
    layer.params = {k: rng.standard_normal(s).astype(dtype) for k, s in layer.param_shapes().items()}
    layer.grads = {k: np.zeros(s, dtype) for k, s in layer.param_shapes().items()}
    return layer


def batch_innermost(a):
    """The same values as ``a`` (n, C, H, W), stored (C, H, W, n) the way the layers store them."""
    return np.ascontiguousarray(a.transpose(1, 2, 3, 0)).transpose(3, 0, 1, 2)


@pytest.mark.parametrize("kernel,stride,padding", CONV_CASES)
def test_conv2d_backward_matches_naive_loop(kernel, stride, padding):
    layer = conv_layer(kernel, stride, padding)
    rng = np.random.default_rng(7)
    x = rng.standard_normal((3,) + layer.in_shape)
    layer.forward(x, training=True)
    dz = rng.standard_normal((3,) + layer.out_shape)
    dx = layer.backward(dz)
    want_dx, want_dW, want_db = naive_conv_backward(x, layer.params["W"], dz, stride, padding)
    np.testing.assert_allclose(dx, want_dx, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], want_dW, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], want_db, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("kernel,stride,padding", [(3, 1, 1), (3, 2, 0), ([3, 2], 2, 1)])
def test_conv2d_same_result_for_any_input_layout(kernel, stride, padding):
    layer = conv_layer(kernel, stride, padding)
    rng = np.random.default_rng(8)
    x = rng.standard_normal((4,) + layer.in_shape)
    dz = rng.standard_normal((4,) + layer.out_shape)
    results = []
    for xin, dzin in [(x, dz), (batch_innermost(x), batch_innermost(dz)),
                      (np.asfortranarray(x), dz.transpose(0, 2, 3, 1).copy().transpose(0, 3, 1, 2))]:
        y = layer.forward(xin, training=True)
        dx = layer.backward(dzin)
        results.append((y.copy(), dx.copy(), layer.grads["W"].copy(), layer.grads["b"].copy()))
    for other in results[1:]:
        for a, b in zip(results[0], other, strict=True):
            np.testing.assert_array_equal(a, b)


def test_conv2d_scratch_arrays_survive_changing_batch_sizes():
    """The padded input and the im2col matrix are kept between calls; a batch of
    another size (or a huge one before a small one) must not leak into the next."""
    layer = conv_layer(3, 1, 1)
    rng = np.random.default_rng(9)
    for n, scale in [(5, 1.0), (2, 1e6), (5, 1.0), (5, 1e6), (3, 1.0)]:
        x = scale * rng.standard_normal((n,) + layer.in_shape)
        want = naive_conv(x, layer.params["W"], layer.params["b"], 1, 1)
        np.testing.assert_allclose(layer.forward(x), want, rtol=1e-12, atol=1e-12 * scale)
        dz = rng.standard_normal(want.shape)
        want_dx, want_dW, _ = naive_conv_backward(x, layer.params["W"], dz, 1, 1)
        np.testing.assert_allclose(layer.backward(dz), want_dx, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(layer.grads["W"], want_dW, rtol=1e-12, atol=1e-12 * scale)


def test_conv2d_and_maxpool_keep_float32():
    conv = conv_layer(3, 1, 1, dtype=np.float32)
    conv.act = Conv2D(1, activation="relu").act
    pool = MaxPool2D(2)
    pool.build(conv.out_shape)
    x = np.random.default_rng(10).standard_normal((4,) + conv.in_shape).astype(np.float32)
    y = pool.forward(conv.forward(x, training=True), training=True)
    assert y.dtype == np.float32
    dx = conv.backward(pool.backward(np.ones_like(y)))
    assert dx.dtype == conv.grads["W"].dtype == conv.grads["b"].dtype == np.float32


POOL_CASES = [  # size, stride, height, width: non-overlapping, cropped, overlapping, gapped, 1×1
    (2, 2, 6, 6), (2, 2, 7, 5), (3, 3, 7, 8), (3, 2, 7, 7), (2, 1, 5, 4), (2, 3, 8, 7), (1, 1, 3, 3),
]


@pytest.mark.parametrize("size,stride,h,w", POOL_CASES)
@pytest.mark.parametrize("values", ["distinct", "ties", "relu"])
def test_maxpool_matches_naive_loop_with_ties(size, stride, h, w, values):
    """Forward is the window maximum; backward sends each window's gradient to its
    first maximum. Small integers make ties everywhere; "relu" makes most windows
    all-zero, as they are after a ReLU."""
    rng = np.random.default_rng(11)
    shape = (3, 2, h, w)
    x = {"distinct": rng.standard_normal(shape),
         "ties": rng.integers(0, 3, shape).astype(float),
         "relu": np.maximum(rng.standard_normal(shape) - 1.0, 0)}[values]
    layer = MaxPool2D(size=size, stride=stride)
    out_shape = layer.build(shape[1:])
    for xin in (x, batch_innermost(x)):
        y = layer.forward(xin, training=True)
        assert y.shape == (3,) + out_shape
        np.testing.assert_array_equal(y, naive_maxpool(x, size, stride))
        dy = rng.standard_normal(y.shape)
        # overlapping windows add up in another order: equal up to rounding, while a
        # gradient sent to the wrong element of a tie would be off by a whole dy value
        np.testing.assert_allclose(layer.backward(dy), naive_maxpool_backward(x, dy, size, stride),
                                   rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("block", [None, 1, 40, 150, 1 << 20])
def test_maxpool_gives_the_same_for_any_block_of_channels(block):
    """``block`` (values per block of channels, set by batch_halves) only changes how many
    channels each pass takes at a time: here (72 values per channel) one (1 and 40), two
    (150: a last block of one) or all five (None, the default, and 1 << 20)."""
    rng = np.random.default_rng(5)
    x = rng.integers(0, 3, (2, 5, 6, 6)).astype(float)          # ties everywhere
    layer = MaxPool2D(size=2)
    layer.build(x.shape[1:])
    layer.block = block
    y = layer.forward(x, training=True)
    np.testing.assert_array_equal(y, naive_maxpool(x, 2, 2))
    dy = rng.standard_normal(y.shape)
    np.testing.assert_array_equal(layer.backward(dy), naive_maxpool_backward(x, dy, 2, 2))
