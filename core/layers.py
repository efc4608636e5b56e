"""Layers: each keeps its forward and backward rule side by side.

A layer is built for an input shape (per sample, without the batch axis),
reports its output shape and the shapes of its parameters, and then runs
``forward(x, training)`` / ``backward(dy)`` on batches. Its ``params`` and
``grads`` dicts hold *views* into the network's flat buffers (see
``network.py``): backward writes gradients into them in place and optimizers
update parameters in place, so nothing is ever re-bound.

Batch shapes: (n, features) for dense data, (n, channels, height, width) for
images. Shape errors raise ``ValueError`` with a message that names the
problem; the spec module prefixes it with the layer's index and type.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import activations, initializers, parallel


def _prod(shape) -> int:
    return int(np.prod(shape, dtype=np.int64))


def _pair(v) -> tuple[int, int]:
    if isinstance(v, (list, tuple)):
        if len(v) not in (1, 2):
            raise ValueError(f"expected one number or two, got {list(v)}")
        return int(v[0]), int(v[-1])
    return int(v), int(v)


class Layer:
    """Base layer: no parameters, identity."""

    kind = ""
    weight_names: tuple[str, ...] = ()   # parameters that weight decay applies to
    splits_work = False                  # cuts its own big work over threads (parallel.split)

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.buffers: dict[str, np.ndarray] = {}
        self.need_dx = True
        self.in_shape: tuple[int, ...] = ()
        self.out_shape: tuple[int, ...] = ()
        self.rng: np.random.Generator | None = None
        self._scratch_arrays: dict[str, np.ndarray] = {}

    def build(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        """Check the input shape and return the output shape (per sample)."""
        self.in_shape = tuple(in_shape)
        self.out_shape = self._output_shape(self.in_shape)
        return self.out_shape

    def _output_shape(self, in_shape):
        return in_shape

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        return {}

    def buffer_shapes(self) -> dict[str, tuple[int, ...]]:
        return {}

    def init_params(self, rng: np.random.Generator) -> None:
        """Fill ``self.params`` (already allocated views) with initial values."""

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        return x

    def _scratch(self, name: str, shape: tuple[int, ...], dtype) -> np.ndarray:
        """A work array kept from call to call, zero-filled when first made. A fresh
        array of many MB would be page-faulted in anew at every step."""
        buf = self._scratch_arrays.get(name)
        if buf is None or buf.shape != shape or buf.dtype != dtype:
            buf = self._scratch_arrays[name] = np.zeros(shape, dtype)
        return buf

    def backward(self, dy: np.ndarray) -> np.ndarray:
        return dy

    @property
    def activation_name(self) -> str | None:
        act = getattr(self, "act", None)
        return act.name if act is not None else None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_fmt(self.in_shape)} → {_fmt(self.out_shape)})"


def _fmt(shape) -> str:
    return "×".join(str(s) for s in shape) if shape else "?"


class Dense(Layer):
    """Affine layer z = x·W + b followed by an activation, a = f(z).

    x : (n, *in_shape), flattened to (n, n_in); W : (n_in, units); b : (units,)
    """

    kind = "dense"
    weight_names = ("W",)

    def __init__(self, units: int, activation: str | None = None, init: str | None = None,
                 sigma: float = 0.01):
        super().__init__()
        self.units = int(units)
        self.act = activations.get(activation)
        self.init = init or initializers.default_for(activation)
        self.sigma = sigma

    def _output_shape(self, in_shape):
        if self.units < 1:
            raise ValueError(f"units must be at least 1, got {self.units}")
        return (self.units,)

    def param_shapes(self):
        return {"W": (_prod(self.in_shape), self.units), "b": (self.units,)}

    def init_params(self, rng):
        initializers.fill(self.params["W"], self.init, _prod(self.in_shape), rng, self.sigma)
        self.params["b"][...] = 0

    def forward(self, x, training=False):
        self.x = x.reshape(x.shape[0], -1)
        z = parallel.matmul(self.x, self.params["W"])
        z += self.params["b"]
        return self.act.forward(z)

    def backward(self, dy):
        dz = self.act.backward(dy)
        parallel.matmul(self.x.T, dz, out=self.grads["W"])
        np.sum(dz, axis=0, out=self.grads["b"])
        if not self.need_dx:
            return None
        return parallel.matmul(dz, self.params["W"].T).reshape((dz.shape[0],) + self.in_shape)

    def __repr__(self):
        return f"Dense({_prod(self.in_shape)} → {self.units}, {self.act.name})"


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

    With more than one thread (``parallel.py``) forward and backward take
    other paths that give the same values up to rounding: each thread copies,
    multiplies and activates a block of im2col columns (those of some output
    rows), then in backward works through a block of columns of dz, and
    col2im is split by channels.
    """

    kind = "conv2d"
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
        if parallel.get_threads() > 1:
            z = self._forward_parts(col, win, wb)
        else:
            np.copyto(col, win)
            z = self.act.forward(wb @ self.col)             # (F, oh·ow·n)
        return z.reshape(f, oh, ow, n).transpose(3, 0, 1, 2)

    def _forward_parts(self, col, win, wb):
        """The im2col copy, the product and the activation, split over the threads
        (parallel.split): each does all three for some output rows, whose columns
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
        with parallel.own_products():
            parallel.split(oh, part, work=self.col.size)
        return z if act is not None else self.act.forward(z)

    def backward(self, dy):
        f, oh, ow = self.out_shape
        n = dy.shape[0]
        # (F, oh·ow·n); a copy only if dy is not batch-innermost (e.g. it came from Flatten)
        da = dy.transpose(1, 2, 3, 0).reshape(f, -1)
        c, h, w = self.in_shape
        kh, kw = self.kernel
        dcol = self._scratch("dcol", (c * kh * kw, da.shape[1]), da.dtype) if self.need_dx else None
        if parallel.get_threads() > 1:
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
        parallel.split(c, col2im, work=dcol.size)
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
        with parallel.own_products():
            parallel.split(da.shape[1], part, work=self.col.size)
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
    thread (``parallel.py``) each thread does this for some of the channels.
    """

    kind = "maxpool"
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
        parallel.split(out.shape[0], pool, work=xc.size)
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
        parallel.split(dx.shape[0], unpool, work=dx.size)
        return dx.transpose(3, 0, 1, 2)

    def __repr__(self):
        return f"MaxPool2D({self.size}×{self.size}, stride {self.stride})"


class Flatten(Layer):
    """(n, C, H, W) -> (n, C·H·W)."""

    kind = "flatten"

    def _output_shape(self, in_shape):
        return (_prod(in_shape),)

    def forward(self, x, training=False):
        return x.reshape(x.shape[0], -1)

    def backward(self, dy):
        return dy.reshape((dy.shape[0],) + self.in_shape)


class Dropout(Layer):
    """Inverted dropout: in training each unit is kept with probability 1 − rate
    and scaled by 1/(1 − rate), so nothing changes at test time.

    ``fixed_mask`` (same shape as a batch) replaces the random mask, for
    gradient checks.
    """

    kind = "dropout"

    def __init__(self, rate: float = 0.5):
        super().__init__()
        self.rate = float(rate)
        self.fixed_mask: np.ndarray | None = None

    def _output_shape(self, in_shape):
        if not 0 <= self.rate < 1:
            raise ValueError(f"rate must be in [0, 1), got {self.rate}")
        return in_shape

    def forward(self, x, training=False):
        if not training or self.rate == 0:
            self.mask = None
            return x
        if self.fixed_mask is not None:
            keep = self.fixed_mask
        else:
            keep = self.rng.random(x.shape, dtype=np.float32) >= self.rate
        self.mask = keep * np.asarray(1.0 / (1.0 - self.rate), dtype=x.dtype)
        return x * self.mask

    def backward(self, dy):
        return dy if self.mask is None else dy * self.mask

    def __repr__(self):
        return f"Dropout({self.rate:g})"


class BatchNorm(Layer):
    """Batch normalisation over the batch axis (and the spatial axes for images).

    x : (n, d) or (n, C, H, W); gamma, beta : (d,) or (C,).
    Training uses batch statistics and updates running ones; evaluation uses
    the running statistics.
    """

    kind = "batchnorm"

    def __init__(self, momentum: float = 0.9, eps: float = 1e-5):
        super().__init__()
        self.momentum = float(momentum)
        self.eps = float(eps)

    def _output_shape(self, in_shape):
        if not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {self.momentum}")
        return in_shape

    def _features(self):
        return self.in_shape[0] if len(self.in_shape) == 3 else _prod(self.in_shape)

    def param_shapes(self):
        return {"gamma": (self._features(),), "beta": (self._features(),)}

    def buffer_shapes(self):
        return {"running_mean": (self._features(),), "running_var": (self._features(),)}

    def init_params(self, rng):
        self.params["gamma"][...] = 1
        self.params["beta"][...] = 0
        self.buffers["running_mean"][...] = 0
        self.buffers["running_var"][...] = 1

    def _to2d(self, x):
        if x.ndim == 4:
            return x.transpose(0, 2, 3, 1).reshape(-1, x.shape[1])
        return x.reshape(x.shape[0], -1)

    def _from2d(self, y, shape):
        if len(shape) == 4:
            n, c, h, w = shape
            return y.reshape(n, h, w, c).transpose(0, 3, 1, 2)
        return y.reshape(shape)

    def forward(self, x, training=False):
        self.shape = x.shape
        x2 = self._to2d(x)
        if training:
            mu = x2.mean(axis=0)
            xc = x2 - mu
            var = np.mean(xc * xc, axis=0)
            std = np.sqrt(var + self.eps)
            m = self.momentum
            self.buffers["running_mean"][...] = m * self.buffers["running_mean"] + (1 - m) * mu
            self.buffers["running_var"][...] = m * self.buffers["running_var"] + (1 - m) * var
            self.xc, self.std = xc, std
            self.xn = xc / std
        else:
            std = np.sqrt(self.buffers["running_var"] + self.eps)
            self.xc = x2 - self.buffers["running_mean"]
            self.std = std
            self.xn = self.xc / std
        y = self.xn * self.params["gamma"] + self.params["beta"]
        return self._from2d(y.astype(x.dtype, copy=False), self.shape)

    def backward(self, dy):
        dy2 = self._to2d(dy)
        n = dy2.shape[0]
        self.grads["beta"][...] = dy2.sum(axis=0)
        self.grads["gamma"][...] = np.sum(self.xn * dy2, axis=0)
        dxn = dy2 * self.params["gamma"]
        dxc = dxn / self.std
        dstd = -np.sum(dxn * self.xc / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / n) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        return self._from2d(dxc - dmu / n, self.shape)

    def __repr__(self):
        return f"BatchNorm({self._features() if self.in_shape else '?'})"


class Maxout(Layer):
    """Maxout: ``pieces`` affine maps per unit, the unit outputs their maximum.

    x : (n, *in_shape) flattened to (n, n_in); W : (n_in, units·pieces);
    b : (units·pieces,); output (n, units).
    """

    kind = "maxout"
    weight_names = ("W",)

    def __init__(self, units: int, pieces: int = 2, init: str | None = None, sigma: float = 0.01):
        super().__init__()
        self.units = int(units)
        self.pieces = int(pieces)
        self.init = init or "xavier"
        self.sigma = sigma

    def _output_shape(self, in_shape):
        if self.units < 1:
            raise ValueError(f"units must be at least 1, got {self.units}")
        if self.pieces < 2:
            raise ValueError(f"pieces must be at least 2, got {self.pieces}")
        return (self.units,)

    def param_shapes(self):
        k = self.units * self.pieces
        return {"W": (_prod(self.in_shape), k), "b": (k,)}

    def init_params(self, rng):
        initializers.fill(self.params["W"], self.init, _prod(self.in_shape), rng, self.sigma)
        self.params["b"][...] = 0

    def forward(self, x, training=False):
        self.x = x.reshape(x.shape[0], -1)
        z = (parallel.matmul(self.x, self.params["W"]) + self.params["b"]).reshape(
            -1, self.units, self.pieces)
        self.arg = z.argmax(axis=2)[..., None]
        return np.take_along_axis(z, self.arg, axis=2)[..., 0]

    def backward(self, dy):
        n = dy.shape[0]
        dz = np.zeros((n, self.units, self.pieces), dtype=dy.dtype)
        np.put_along_axis(dz, self.arg, dy[..., None], axis=2)
        dz = dz.reshape(n, -1)
        parallel.matmul(self.x.T, dz, out=self.grads["W"])
        np.sum(dz, axis=0, out=self.grads["b"])
        if not self.need_dx:
            return None
        return parallel.matmul(dz, self.params["W"].T).reshape((n,) + self.in_shape)

    def __repr__(self):
        return f"Maxout({_prod(self.in_shape)} → {self.units}, {self.pieces} pieces)"


class ActivationLayer(Layer):
    """A stand-alone activation, e.g. after BatchNorm."""

    kind = "activation"

    def __init__(self, activation: str = "relu"):
        super().__init__()
        self.act = activations.get(activation)

    def forward(self, x, training=False):
        return self.act.forward(x)

    def backward(self, dy):
        return self.act.backward(dy)

    def __repr__(self):
        return f"Activation({self.act.name})"


LAYER_TYPES: dict[str, type[Layer]] = {
    cls.kind: cls
    for cls in (Dense, Conv2D, MaxPool2D, Flatten, Dropout, BatchNorm, Maxout, ActivationLayer)
}
