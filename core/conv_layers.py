"""Convolution and max-pooling layers (batch-innermost internally; see ``Conv2D``)."""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import activations, initializers, threads
from .layer_base import ACTIVATION, INIT, SIGMA, Layer, Setting, _fmt, _pair
from .translatable import QT_TRANSLATE_NOOP


class Conv2D(Layer):
    """2-D convolution by im2col, followed by an activation.

    x : (n, C, H, W); W : (filters, C, kh, kw); b : (filters,);
    output (n, filters, OH, OW) with OH = (H + 2·padding − kh) // stride + 1.

    Internally the work is done batch-innermost, in (C, H, W, n) memory that
    the layer hands on as an (n, C, H, W) view (MaxPool2D does the same, so
    between these layers no layout change is ever copied). The im2col matrix
    is then (C·kh·kw, OH·OW·n) and every row of it, and every shifted slice
    that col2im adds up, is made of contiguous runs of OW·n values: long
    inner loops for NumPy, where channels-last gave runs of only C values.

    With more than one thread (``threads.py``) forward and backward take
    other paths that give the same values up to rounding: each thread copies,
    multiplies and activates a block of im2col columns (those of some output
    rows), then in backward works through a block of columns of dz, and
    col2im is split by channels.
    """

    kind = "conv2d"
    label = QT_TRANSLATE_NOOP("layers", "Conv2D")
    long_label = QT_TRANSLATE_NOOP("layers", "Conv2D (convolution)")
    help = QT_TRANSLATE_NOOP("layers", "Filters slide over the image; each produces one feature map. Far "
                             "fewer weights than a dense layer, and the same feature is found anywhere "
                             "in the image. Output size = (H + 2·padding − kernel) / stride + 1.")
    color = "#56B4E9"
    diagram = "block"
    SETTINGS = (
        Setting("filters", "int", QT_TRANSLATE_NOOP("layers", "Filters"), QT_TRANSLATE_NOOP(
            "layers", "Number of filters = number of output channels (feature maps). Each filter has "
            "kernel × kernel × input-channels weights and one bias."),
            required=True, initial=8, low=1, high=1024, summary=QT_TRANSLATE_NOOP("layers", "{0} filters")),
        Setting("kernel", "kernel", QT_TRANSLATE_NOOP("layers", "Kernel"), QT_TRANSLATE_NOOP(
            "layers", "Height and width of each filter: 5 means a 5×5 window. A larger kernel sees "
            "more at once but has more weights and shrinks the image more."),
            required=True, initial=3, low=1, high=64, summary="{0}"),
        Setting("stride", "int", QT_TRANSLATE_NOOP("layers", "Stride"), QT_TRANSLATE_NOOP(
            "layers", "How many pixels the window moves between positions. Stride 2 roughly halves "
            "the output's height and width."), default=1, low=1, high=32,
            summary=QT_TRANSLATE_NOOP("layers", "stride {0}")),
        Setting("padding", "int", QT_TRANSLATE_NOOP("layers", "Padding"), QT_TRANSLATE_NOOP(
            "layers", "Rows and columns of zeros added around the input. Without padding a k×k kernel "
            "shrinks the image by k − 1; padding (k − 1)/2 (2 for a 5×5 kernel) keeps its size. "
            "Output size = (H + 2·padding − kernel) / stride + 1."),
            default=0, initial=1, low=0, high=32, summary=QT_TRANSLATE_NOOP("layers", "pad {0}")),
        ACTIVATION, INIT, SIGMA,
    )
    weight_names = ("W",)
    splits_work = True

    def __init__(self, filters: int, kernel=3, stride: int = 1, padding: int = 0,
                 activation: str | None = None, init: str | None = None, sigma: float = 0.01):
        super().__init__()
        self.filters = int(filters)
        self.kernel = _pair(kernel)
        self.stride = int(stride)
        self.padding = int(padding)
        self.act = activations.get(activation)
        self.init = init or initializers.default_for(activation)
        self.sigma = sigma

    def _output_shape(self, in_shape):
        if len(in_shape) != 3:
            raise ValueError(
                f"needs image input (channels, height, width), got shape {_fmt(in_shape)}")
        if self.filters < 1:
            raise ValueError(f"filters must be at least 1, got {self.filters}")
        if self.stride < 1:
            raise ValueError(f"stride must be at least 1, got {self.stride}")
        if self.padding < 0:
            raise ValueError(f"padding must not be negative, got {self.padding}")
        c, h, w = in_shape
        kh, kw = self.kernel
        if kh < 1 or kw < 1:
            raise ValueError(f"kernel must be at least 1×1, got {kh}×{kw}")
        hp, wp = h + 2 * self.padding, w + 2 * self.padding
        if kh > hp or kw > wp:
            raise ValueError(f"kernel {kh}×{kw} is larger than its {hp}×{wp} input")
        return (self.filters, (hp - kh) // self.stride + 1, (wp - kw) // self.stride + 1)

    def param_shapes(self):
        return {"W": (self.filters, self.in_shape[0]) + self.kernel, "b": (self.filters,)}

    def init_params(self, rng):
        fan_in = self.in_shape[0] * self.kernel[0] * self.kernel[1]
        initializers.fill(self.params["W"], self.init, fan_in, rng, self.sigma)
        self.params["b"][...] = 0

    def forward(self, x, training=False):
        p, s = self.padding, self.stride
        kh, kw = self.kernel
        f, oh, ow = self.out_shape
        xc = x.transpose(1, 2, 3, 0)                        # (C, H, W, n), free for our outputs
        c, h, w, n = xc.shape
        if p:
            xp = self._scratch("padded", (c, h + 2 * p, w + 2 * p, n), x.dtype)
            xp[:, p:p + h, p:p + w] = xc                     # the border stays zero
            xc = xp
        else:
            xc = np.ascontiguousarray(xc)                   # e.g. the network's own input
        self.padded_hw = xc.shape[1:3]
        win = sliding_window_view(xc, (kh, kw), axis=(1, 2))[:, ::s, ::s]   # (C, oh, ow, n, kh, kw)
        # im2col rows in (C, kh, kw) order, so W reshapes to (F, C·kh·kw) for free, plus a
        # last row of ones: the product then adds the bias, and backward's gives db.
        k = c * kh * kw
        self.col = self._scratch("col", (k + 1, oh * ow * n), x.dtype)
        col, win = self.col[:k].reshape(c, kh, kw, oh, ow, n), win.transpose(0, 4, 5, 1, 2, 3)
        self.col[k] = 1
        wb = np.concatenate([self.params["W"].reshape(f, k), self.params["b"][:, None]], axis=1)
        if threads.get_threads() > 1:
            z = self._forward_parts(col, win, wb)
        else:
            np.copyto(col, win)
            z = self.act.forward(wb @ self.col)             # (F, oh·ow·n)
        return z.reshape(f, oh, ow, n).transpose(3, 0, 1, 2)

    def _forward_parts(self, col, win, wb):
        """The im2col copy, the product and the activation, split over the threads
        (threads.split): each does all three for some output rows, whose columns
        of the im2col matrix are then still in its cache."""
        oh, run = col.shape[3], col.shape[4] * col.shape[5]    # ow·n columns per output row
        z = np.empty((wb.shape[0], self.col.shape[1]), dtype=np.result_type(wb, self.col))
        act = self.act.forward_in_parts(z)

        def part(rows):
            cols = slice(rows.start * run, rows.stop * run)
            np.copyto(col[:, :, :, rows], win[:, :, :, rows])
            np.matmul(wb, self.col[:, cols], out=z[:, cols])
            if act is not None:
                act((slice(None), cols))
        with threads.own_products():
            threads.split(oh, part, work=self.col.size)
        return z if act is not None else self.act.forward(z)

    def backward(self, dy):
        f, oh, ow = self.out_shape
        n = dy.shape[0]
        # (F, oh·ow·n); a copy only if dy is not batch-innermost (e.g. it came from Flatten)
        da = dy.transpose(1, 2, 3, 0).reshape(f, -1)
        c, h, w = self.in_shape
        kh, kw = self.kernel
        dcol = self._scratch("dcol", (c * kh * kw, da.shape[1]), da.dtype) if self.need_dx else None
        if threads.get_threads() > 1:
            self._backward_parts(da, dcol)
        else:
            dz = self.act.backward(da)
            # [dW db] = dz·colᵀ, computed as (col·dzᵀ)ᵀ: OpenBLAS is markedly faster that way round
            g = self.col @ dz.T                              # (C·kh·kw + 1, F)
            self.grads["W"].reshape(f, -1)[...] = g[:-1].T
            self.grads["b"][...] = g[-1]
            if dcol is not None:
                np.matmul(self.params["W"].reshape(f, -1).T, dz, out=dcol)
        if dcol is None:
            return None
        s, p = self.stride, self.padding
        dcol = dcol.reshape(c, kh, kw, oh, ow, n)
        # col2im: add each kernel offset's slab back where it was read from (with more
        # than one thread, each does this for some of the channels)
        dx = np.zeros((c,) + self.padded_hw + (n,), dtype=dcol.dtype)

        def col2im(ch):
            for i in range(kh):
                for j in range(kw):
                    dx[ch, i:i + s * (oh - 1) + 1:s, j:j + s * (ow - 1) + 1:s] += dcol[ch, i, j]
        threads.split(c, col2im, work=dcol.size)
        return dx[:, p:p + h, p:p + w].transpose(3, 0, 1, 2)

    def _backward_parts(self, da, dcol):
        """The activation's backward, [dW db] and (if wanted) dcol, split over the
        threads: each does all of them for some columns. [dW db] is then the sum of
        the threads' partial products, equal to the unsplit one up to rounding."""
        f = da.shape[0]
        dz = self._scratch("dz", da.shape, da.dtype)
        act = self.act.backward_in_parts(da, dz)
        if act is None:
            dz = self.act.backward(da)
        wt = self.params["W"].reshape(f, -1).T
        partial: dict[int, np.ndarray] = {}

        def part(cols):
            if act is not None:
                act((slice(None), cols))
            partial[cols.start] = self.col[:, cols] @ dz[:, cols].T
            if dcol is not None:
                np.matmul(wt, dz[:, cols], out=dcol[:, cols])
        with threads.own_products():
            threads.split(da.shape[1], part, work=self.col.size)
        g = sum(partial[start] for start in sorted(partial))    # (C·kh·kw + 1, F)
        self.grads["W"].reshape(f, -1)[...] = g[:-1].T
        self.grads["b"][...] = g[-1]

    def __repr__(self):
        kh, kw = self.kernel
        return (f"Conv2D({self.in_shape[0] if self.in_shape else '?'} → {self.filters}, "
                f"{kh}×{kw}, stride {self.stride}, pad {self.padding}, {self.act.name})")


class MaxPool2D(Layer):
    """Max pooling over size×size windows; the gradient flows to each window's
    (first) maximum.

    x : (n, C, H, W) -> (n, C, (H − size)//stride + 1, (W − size)//stride + 1)
    Works batch-innermost internally, like Conv2D: each window offset is then a
    strided slice whose inner runs are n contiguous values. With more than one
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
        xc = x.transpose(1, 2, 3, 0)                        # (C, H, W, n) view
        wins = self._windows(xc)
        out = np.empty(wins[0].shape, dtype=x.dtype)
        # Per window offset, a mask of where it holds its window's first maximum (ties go
        # to the earliest offset), made right after the maximum while x is still in cache.
        # Whole-array passes only: NumPy runs masked copies (copyto/where=) slowly when most
        # of a mask is set. The last offset's mask is what no earlier offset took.
        masks = self._scratch("masks", (len(wins),) + out.shape, bool)

        def pool(ch):                   # with more than one thread, each does some channels
            top = out[ch]
            np.copyto(top, wins[0][ch])
            for win in wins[1:]:
                np.maximum(top, win[ch], out=top)
            free = masks[-1, ch]
            free.fill(True)
            for win, hit in zip(wins[:-1], masks[:-1, ch], strict=True):
                np.equal(win[ch], top, out=hit)
                hit &= free
                free ^= hit
        threads.split(out.shape[0], pool, work=xc.size)
        self.masks = masks
        self.in_hw = xc.shape[1:3]
        return out.transpose(3, 0, 1, 2)

    def backward(self, dy):
        dyc = dy.transpose(1, 2, 3, 0)
        k, s = self.size, self.stride
        (h, w), (_, oh, ow) = self.in_hw, self.out_shape
        # windows that tile the input exactly write every element of dx: no need to zero it
        tiled = s == k and h == oh * k and w == ow * k
        dx = (np.empty if tiled else np.zeros)((dyc.shape[0], h, w, dyc.shape[3]), dtype=dy.dtype)
        dxwins = self._windows(dx)

        def unpool(ch):                 # with more than one thread, each does some channels
            for dxwin, mask in zip(dxwins, self.masks[:, ch], strict=True):
                if s >= k:              # disjoint windows: each input gets one value or none
                    np.multiply(dyc[ch], mask, out=dxwin[ch])
                else:
                    dxwin[ch] += dyc[ch] * mask
        threads.split(dx.shape[0], unpool, work=dx.size)
        return dx.transpose(3, 0, 1, 2)

    def __repr__(self):
        return f"MaxPool2D({self.size}×{self.size}, stride {self.stride})"

