"""Convolution and max pooling the way "Deep Learning from Scratch" writes them
(``common/util.py``: im2col, col2im; ``common/layers.py``: Convolution, Pooling).

This is the plain version to read: samples first, (n, C, H, W), one loop over
the kernel's offsets to build the im2col matrix, one product. ``Conv2D`` and
``MaxPool2D`` compute the same with faster layouts (batch-innermost, blocks,
threads, the DFT); ``tests/core/test_conv_book.py`` checks that they agree.
Nothing here is used for training.
"""
from __future__ import annotations

import numpy as np


def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    """x (n, C, H, W) → (n·OH·OW, C·kh·kw): one row per output position, holding the
    window of the (zero-padded) input the kernel sees there."""
    n, c, h, w = x.shape
    oh, ow = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    col = np.zeros((n, c, kh, kw, oh, ow), dtype=x.dtype)
    for y in range(kh):
        for x_ in range(kw):
            col[:, :, y, x_] = img[:, :, y:y + stride * oh:stride, x_:x_ + stride * ow:stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def col2im(col: np.ndarray, shape: tuple, kh: int, kw: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    """The reverse of ``im2col`` for gradients: every row's values are added back where
    they were read from. Returns (n, C, H, W) = ``shape``."""
    n, c, h, w = shape
    oh, ow = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    col = col.reshape(n, oh, ow, c, kh, kw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1), dtype=col.dtype)
    for y in range(kh):
        for x_ in range(kw):
            img[:, :, y:y + stride * oh:stride, x_:x_ + stride * ow:stride] += col[:, :, y, x_]
    return img[:, :, pad:h + pad, pad:w + pad]


def conv_forward(x, W, b, stride=1, pad=0):
    """Convolution, x (n, C, H, W), W (F, C, kh, kw), b (F,) → (out (n, F, OH, OW), cache)."""
    f, _, kh, kw = W.shape
    n, _, h, w = x.shape
    oh, ow = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    col = im2col(x, kh, kw, stride, pad)
    col_w = W.reshape(f, -1).T
    out = col @ col_w + b
    return out.reshape(n, oh, ow, -1).transpose(0, 3, 1, 2), (x, W, col, col_w, stride, pad)


def conv_backward(dout, cache):
    """dout (n, F, OH, OW) → (dx, dW, db)."""
    x, W, col, col_w, stride, pad = cache
    f, c, kh, kw = W.shape
    dout = dout.transpose(0, 2, 3, 1).reshape(-1, f)
    db = dout.sum(axis=0)
    dW = (col.T @ dout).T.reshape(f, c, kh, kw)
    dx = col2im(dout @ col_w.T, x.shape, kh, kw, stride, pad)
    return dx, dW, db


def pool_forward(x, size=2, stride=2):
    """Max pooling, x (n, C, H, W) → (out (n, C, OH, OW), cache)."""
    n, c, h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    col = im2col(x, size, size, stride).reshape(-1, size * size)
    arg_max = np.argmax(col, axis=1)              # the first maximum of each window
    out = col.max(axis=1).reshape(n, oh, ow, c).transpose(0, 3, 1, 2)
    return out, (x.shape, arg_max, size, stride)


def pool_backward(dout, cache):
    """dout (n, C, OH, OW) → dx: each window's gradient to its (first) maximum."""
    shape, arg_max, size, stride = cache
    dout = dout.transpose(0, 2, 3, 1)
    n, oh, ow, _ = dout.shape
    dmax = np.zeros((dout.size, size * size), dtype=dout.dtype)
    dmax[np.arange(arg_max.size), arg_max] = dout.reshape(-1)
    return col2im(dmax.reshape(n * oh * ow, -1), shape, size, size, stride)
