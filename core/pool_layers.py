"""Max pooling: ``MaxPool2D``, batch-innermost like ``Conv2D`` (the book's plain version is
``core/conv_book.py``)."""
from __future__ import annotations

import numpy as np

from . import threads
from .layer_base import Layer, Setting, _fmt
from .translatable import QT_TRANSLATE_NOOP


class MaxPool2D(Layer):
    """Max pooling over size×size windows; the gradient flows to each window's
    first maximum (in row-major order within the window, np.argmax's rule).

    x : (n, C, H, W) -> (n, C, (H − size)//stride + 1, (W − size)//stride + 1)

    Works batch-innermost internally, like Conv2D: the (n, C, H, W) input is a
    view of (C, H, W, n) memory and so is the output. The maximum is taken over
    each window's rows first, whose slices are whole image rows (long contiguous
    runs), then over its columns. Forward keeps ``masks``, one per window offset,
    true where that offset holds its window's first maximum, and backward sends
    each window's gradient there. All passes run on a block of channels at a
    time (``BLOCK``), which stays in the cache between them. With more than one
    thread (``threads.py``) each thread does this for some of the channels.
    """

    kind = "maxpool"
    label = QT_TRANSLATE_NOOP("layers", "MaxPool")
    long_label = QT_TRANSLATE_NOOP("layers", "MaxPool (pooling)")
    help = QT_TRANSLATE_NOOP("layers", "Keeps the largest value of each window: smaller feature maps, "
                             "a little robustness to shifts, no weights.")
    color = "#E69F00"
    diagram = "block"
    SETTINGS = (
        Setting("size", "int", QT_TRANSLATE_NOOP("layers", "Size"), QT_TRANSLATE_NOOP(
            "layers", "Window size: each output is the largest value in a size × size window. Size 2 "
            "halves the height and width."), default=2, initial=2, low=1, high=32, summary="{0}"),
        Setting("stride", "int", QT_TRANSLATE_NOOP("layers", "Stride"), QT_TRANSLATE_NOOP(
            "layers", "How far the window moves. 'same as size' gives non-overlapping windows."),
            low=0, high=32, special=QT_TRANSLATE_NOOP("layers", "same as size"),
            summary=QT_TRANSLATE_NOOP("layers", "stride {0}")),
    )
    splits_work = True
    # values per block of channels (``BLOCK`` if None); ``batch_halves`` sets a bigger one
    block: int | None = None

    def __init__(self, size: int = 2, stride: int | None = None):
        super().__init__()
        self.size = int(size)
        self.stride = int(stride) if stride is not None else self.size

    def _output_shape(self, in_shape):
        if len(in_shape) != 3:
            raise ValueError(
                f"needs image input (channels, height, width), got shape {_fmt(in_shape)}")
        if self.size < 1 or self.stride < 1:
            raise ValueError(f"size and stride must be at least 1, got {self.size} and {self.stride}")
        c, h, w = in_shape
        if self.size > h or self.size > w:
            raise ValueError(f"window {self.size}×{self.size} is larger than its {h}×{w} input")
        k, s = self.size, self.stride
        return (c, (h - k) // s + 1, (w - k) // s + 1)

    def _windows(self, a):
        """The size² (C, oh, ow, n) views of ``a`` (C, H, W, n), one per window offset,
        in row-major window order."""
        k, s = self.size, self.stride
        _, oh, ow = self.out_shape
        return [a[:, i:i + s * (oh - 1) + 1:s, j:j + s * (ow - 1) + 1:s]
                for i in range(k) for j in range(k)]

    def forward(self, x, training=False):
        k, s = self.size, self.stride
        _, oh, ow = self.out_shape
        xc = x.transpose(1, 2, 3, 0)                        # (C, H, W, n) view
        c, _, w, n = xc.shape
        out = self._result("out", (c, oh, ow, n), x.dtype, training)
        rowmax = self._result("rowmax", (c, oh, w, n), x.dtype, training)
        wins = self._windows(xc)
        # Per window offset, a mask of where it holds its window's first maximum (ties go
        # to the earliest offset). Backward may follow evaluation too (layer statistics).
        masks = self.masks = self._scratch("masks", (len(wins),) + out.shape, bool)

        def pool(ch):               # some channels (all of them with one thread)
            r, o = rowmax[ch], out[ch]
            _maximum([xc[ch, i:i + s * (oh - 1) + 1:s] for i in range(k)], out=r)
            _maximum([r[:, :, j:j + s * (ow - 1) + 1:s] for j in range(k)], out=o)
            # Whole-array passes only: NumPy runs masked copies (copyto/where=) slowly. The
            # last offset's mask is what no earlier offset took.
            free = masks[-1, ch]
            free.fill(True)
            for win, hit in zip(wins[:-1], masks[:-1, ch], strict=True):
                np.equal(win[ch], o, out=hit)
                hit &= free
                free ^= hit
        threads.split(c, lambda ch: _by_blocks(pool, ch, xc[0].size, self.block), work=xc.size)
        return out.transpose(3, 0, 1, 2)

    def backward(self, dy):
        dyc = dy.transpose(1, 2, 3, 0)                      # (C, oh, ow, n)
        k, s = self.size, self.stride
        c, h, w = self.in_shape
        _, oh, ow = self.out_shape
        dx = self._scratch("dx", (c, h, w, dy.shape[0]), dy.dtype)
        dxwins = self._windows(dx)
        # windows that tile the input exactly write every element of dx: no need to zero it
        tiled = s == k and h == oh * k and w == ow * k

        def unpool(ch):             # some channels (all of them with one thread)
            if not tiled:
                dx[ch] = 0
            for dxwin, mask in zip(dxwins, self.masks[:, ch], strict=True):
                if s >= k:          # disjoint windows: each input gets one value or none
                    np.multiply(dyc[ch], mask, out=dxwin[ch])
                else:
                    dxwin[ch] += dyc[ch] * mask
        threads.split(c, lambda ch: _by_blocks(unpool, ch, dx[0].size, self.block), work=dx.size)
        return dx.transpose(3, 0, 1, 2)

    def __repr__(self):
        return f"MaxPool2D({self.size}×{self.size}, stride {self.stride})"


# Input values of the channels that one block of pooling work spans (512 KB of float32):
# all the passes over a block (row maxima, maxima, masks) then find it in the cache.
BLOCK = 1 << 17


def _by_blocks(fn, channels: slice, per_channel: int, block: int | None = None) -> None:
    """``fn`` on consecutive blocks of ``channels``, each spanning about ``block`` values
    (``BLOCK`` if None)."""
    step = max(1, (block or BLOCK) // per_channel)
    for start in range(channels.start, channels.stop, step):
        fn(slice(start, min(start + step, channels.stop)))


def _maximum(arrays: list[np.ndarray], out: np.ndarray) -> None:
    """The element-wise maximum of ``arrays`` (one or more, of one shape) into ``out``."""
    if len(arrays) == 1:
        np.copyto(out, arrays[0])
        return
    np.maximum(arrays[0], arrays[1], out=out)
    for a in arrays[2:]:
        np.maximum(out, a, out=out)
