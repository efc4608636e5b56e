"""2-D convolution: ``Conv2D``, im2col and one matrix product per block of output rows.

The plain version of the same arithmetic, as the book writes it, is
``core/conv_book.py``; a test checks that the two agree.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import activations, conv_fft, initializers, threads
from .conv_fft import FourierConv
from .layer_base import ACTIVATION, INIT, SIGMA, Layer, Setting, _fmt, _pair
from .pool_layers import MaxPool2D
from .translatable import QT_TRANSLATE_NOOP

__all__ = ["Conv2D", "MaxPool2D"]

# Values of the im2col matrix that one block of output rows may span (1 MB of float32):
# a block's columns then stay in the CPU's cache from the im2col copy into the product
# and the activation (and in backward from the product into col2im).
BLOCK = 1 << 18
# Output values per matrix product in a block (filters × columns): OpenBLAS runs the
# short products of a layer with few input channels (16 × 26 by 26 × columns) up to
# twice as fast in pieces of at most this many as in longer ones.
PRODUCT_VALUES = 1 << 15


def product_columns(filters: int) -> int:
    """Columns per matrix product of a block, for a layer with this many filters."""
    return max(64, PRODUCT_VALUES // filters)


def _nothing(index) -> None:
    """An activation's part that has nothing left to do (its backward ran whole)."""


def blocks(part: slice, size: int):
    """Consecutive slices of at most ``size`` that cover ``part`` (a slice with a stop)."""
    for start in range(part.start, part.stop, size):
        yield slice(start, min(start + size, part.stop))


class Conv2D(Layer):
    """2-D convolution by im2col, followed by an activation.

    x : (n, C, H, W); W : (filters, C, kh, kw); b : (filters,);
    output (n, filters, OH, OW) with OH = (H + 2·padding − kh) // stride + 1.

    Internally the work is done batch-innermost, in (C, H, W, n) memory that
    the layer hands on as an (n, C, H, W) view (MaxPool2D and Dense do the
    same, so between these layers no layout change is ever copied). The im2col
    matrix is then (C·kh·kw + 1, OH·OW·n), its last row all ones so that one
    product adds the bias too; every row of it, and every shifted slice that
    col2im adds up, is made of contiguous runs of OW·n values: long inner loops
    for NumPy, where channels-last gave runs of only C values.

    The work goes in blocks of output rows (``BLOCK``) through one small im2col
    matrix per thread: forward copies a block's im2col columns, multiplies them
    (in products of ``PRODUCT_VALUES`` outputs) and applies the activation while
    they are still in the cache; backward copies the same block again from the
    kept padded input (cheaper than keeping the whole matrix, many MB, which
    would have left the cache) and adds its col·dzᵀ to [dW db]; then it makes
    dcol = Wᵀ·dz a block at a time and adds it back (col2im). With more than one
    thread (``threads.py``) the threads take some output rows each in forward
    and for [dW db] (each summing its own; the sums are added at the end), and
    some input channels each for dx (their rows of dcol and their part of dx),
    so no two threads ever write the same values.
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
        # "auto": through the DFT where that takes far fewer multiply-adds (conv_fft) and in
        # float32, else im2col; "im2col" or "fourier" to force one (tests compare them)
        self.method = "auto"
        self.plan: FourierConv | None = None
        self._plans: dict[np.dtype, FourierConv] = {}

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
        f, oh, ow = self.out_shape
        xc = self.x_padded = self._padded(x)                # (C, H + 2p, W + 2p, n), kept
        self.plan = self._fourier_plan(xc.dtype)
        if self.plan is not None:
            return self._forward_fourier(xc, training)
        run = ow * xc.shape[3]                              # im2col columns per output row
        # W reshapes to (F, C·kh·kw) for free; with b as a last column the product adds the
        # bias too, the im2col matrix's last row being all ones
        wb = np.concatenate([self.params["W"].reshape(f, -1), self.params["b"][:, None]], axis=1)
        z = self._result("z", (f, oh * run), np.result_type(wb, x), training)
        act = self.act.forward_in_parts(z)

        step = product_columns(f)

        def rows(r):                # some output rows (all of them with one thread)
            for cols, col in self._im2col(xc, r):
                for i in range(0, cols.stop - cols.start, step):
                    j = min(i + step, cols.stop - cols.start)
                    np.matmul(wb, col[:, i:j], out=z[:, cols.start + i:cols.start + j])
                if act is not None:
                    act((slice(None), cols))
        with threads.own_products():
            threads.split(oh, rows, work=z.size * wb.shape[1])
        if act is None:
            z = self.act.forward(z)
        return z.reshape(f, oh, ow, -1).transpose(3, 0, 1, 2)

    def _im2col(self, xc, r: slice):
        """The im2col matrix of the output rows ``r`` of ``xc`` (C, H, W, n), a block of
        output rows at a time (``BLOCK``): yields (the block's columns of z, its matrix
        (C·kh·kw + 1, columns) whose last row is all ones). The blocks go through one
        scratch matrix per thread (by ``r.start``), which stays in the cache."""
        kh, kw = self.kernel
        _, oh, ow = self.out_shape
        s = self.stride
        c, n = xc.shape[0], xc.shape[3]
        k, run = c * kh * kw, ow * n
        # every window as a view, (C, kh, kw, oh, ow, n): im2col rows in (C, kh, kw) order
        win = sliding_window_view(xc, (kh, kw), axis=(1, 2))[:, ::s, ::s].transpose(0, 4, 5, 1, 2, 3)
        per_block = min(max(1, BLOCK // (run * (k + 1))), r.stop - r.start)
        buf = self._scratch(f"col{r.start}", (k + 1, per_block * run), xc.dtype)
        buf[k] = 1
        cells = buf[:k].reshape(c, kh, kw, per_block, ow, n)
        for b in blocks(r, per_block):
            m = b.stop - b.start
            np.copyto(cells[:, :, :, :m], win[:, :, :, b])
            yield slice(b.start * run, b.stop * run), buf[:, :m * run]

    def _fourier_plan(self, dtype) -> FourierConv | None:
        """The DFT matrices if this layer convolves through the DFT (``method``), else None.

        "auto" takes the DFT for float32 only: its results carry rounding where im2col's are
        exact (an all-zero window gives exactly the bias), and float64 is for gradient
        checks, whose kink detection relies on that exactness."""
        c, h, w = self.in_shape
        kh, kw = self.kernel
        p, q = h + 2 * self.padding, w + 2 * self.padding
        if self.method == "im2col" or self.stride != 1 or (self.method == "auto" and (
                np.dtype(dtype) != np.float32 or not conv_fft.worth_it(c, self.filters, p, q, kh, kw))):
            return None
        plan = self._plans.get(np.dtype(dtype))
        if plan is None:
            plan = self._plans[np.dtype(dtype)] = FourierConv(c, self.filters, p, q, kh, kw, dtype)
        return plan

    def _forward_fourier(self, xc, training):
        f, oh, ow = self.out_shape
        n = xc.shape[3]
        z = self._result("z", (f, oh * ow * n), xc.dtype, training)
        act = self.act.forward_in_parts(z)
        with threads.own_products():
            self.plan.forward(xc, self.params["W"], self.params["b"], z.reshape(f, oh, ow, n), then=act)
        if act is None:
            z = self.act.forward(z)
        return z.reshape(f, oh, ow, n).transpose(3, 0, 1, 2)

    def _padded(self, x):
        """x (n, C, H, W) as (C, H + 2·padding, W + 2·padding, n) memory, the border zero."""
        p = self.padding
        xc = x.transpose(1, 2, 3, 0)                        # a view: free for our own outputs
        if not p:
            return np.ascontiguousarray(xc)
        c, h, w, n = xc.shape
        xp = self._scratch("padded", (c, h + 2 * p, w + 2 * p, n), x.dtype)
        xp[:, p:p + h, p:p + w] = xc                         # the border stays zero
        return xp

    def backward(self, dy):
        f, oh, ow = self.out_shape
        c, h, w = self.in_shape
        p, n = self.padding, dy.shape[0]
        k, run = c * self.kernel[0] * self.kernel[1], ow * dy.shape[0]
        # (F, oh·ow·n); a copy only if dy is not batch-innermost
        da = dy.transpose(1, 2, 3, 0).reshape(f, -1)
        dz = self._scratch("dz", da.shape, da.dtype)
        act = self.act.backward_in_parts(da, dz)
        dx = self._scratch("dx", (c, h + 2 * p, w + 2 * p, n), da.dtype) if self.need_dx else None
        with threads.own_products():
            if act is None:
                dz = self.act.backward(da)
                act = _nothing
            if self.plan is not None:
                threads.split(oh, lambda r: act((slice(None), slice(r.start * run, r.stop * run))),
                              work=da.size)
                self.plan.backward(dz.reshape(f, oh, ow, n), self.grads["W"], self.grads["b"], dx)
                return None if dx is None else dx[:, p:p + h, p:p + w].transpose(3, 0, 1, 2)
            # [dW db] = col·dzᵀ (OpenBLAS is markedly faster this way round than dz·colᵀ),
            # summed over blocks of output rows: each block's im2col made again from the
            # input (a kept im2col matrix would be many MB, out of the cache) and its dz from
            # da on the way; each thread sums some blocks into its own g. Without dx to
            # make, dz is not kept either: a block of it at a time, in a small buffer.
            gs: dict[int, np.ndarray] = {}
            keep_dz = dx is not None or act is _nothing
            step = product_columns(f)

            def rows(r):
                g = gs[r.start] = self._scratch(f"g{r.start}", (k + 1, f), da.dtype)
                term = self._scratch(f"term{r.start}", (k + 1, f), da.dtype)
                g[...] = 0
                for cols, col in self._im2col(self.x_padded, r):
                    width = cols.stop - cols.start
                    if keep_dz:
                        act((slice(None), cols))
                        d = dz[:, cols]
                    else:           # the first block is the widest
                        d = self._scratch(f"dz{r.start}", (f, col.shape[1]), da.dtype) \
                            if cols.start == r.start * run else d
                        d = d[:, :width]
                        act((slice(None), cols), d)
                    for i in range(0, width, step):
                        j = min(i + step, width)
                        np.matmul(col[:, i:j], d[:, i:j].T, out=term)
                        g += term
            threads.split(oh, rows, work=da.size * (k + 1))
            g = gs.pop(0)
            for start in sorted(gs):
                g += gs[start]
            self.grads["W"].reshape(f, k)[...] = g[:k].T
            self.grads["b"][...] = g[k]
            if dx is None:
                return None
            threads.split(c, lambda ch: self._dx_channels(ch, dz, dx), work=k * da.shape[1])
        return dx[:, p:p + h, p:p + w].transpose(3, 0, 1, 2)

    def _dx_channels(self, ch: slice, dz: np.ndarray, dx: np.ndarray) -> None:
        """dx for the input channels ``ch``: their rows of dcol = Wᵀ·dz, made for a block
        of output rows at a time and added back where im2col read them from (col2im)."""
        f, oh, ow = self.out_shape
        kh, kw = self.kernel
        s, n = self.stride, dx.shape[3]
        run = ow * n
        wt = self.params["W"][:, ch].reshape(f, -1).T      # (channels·kh·kw, F)
        per_block = max(1, BLOCK // (run * wt.shape[0]))
        buf = self._scratch(f"dcol{ch.start}", (wt.shape[0], min(per_block, oh) * run), dz.dtype)
        dx[ch] = 0
        for r in blocks(slice(0, oh), per_block):
            dcol = buf[:, :(r.stop - r.start) * run]
            np.matmul(wt, dz[:, r.start * run:r.stop * run], out=dcol)
            dcol = dcol.reshape(-1, kh, kw, r.stop - r.start, ow, n)
            for i in range(kh):
                rows = slice(r.start * s + i, (r.stop - 1) * s + i + 1, s)
                for j in range(kw):
                    dx[ch, rows, j:j + s * (ow - 1) + 1:s] += dcol[:, i, j]

    def __repr__(self):
        kh, kw = self.kernel
        return (f"Conv2D({self.in_shape[0] if self.in_shape else '?'} → {self.filters}, "
                f"{kh}×{kw}, stride {self.stride}, pad {self.padding}, {self.act.name})")
