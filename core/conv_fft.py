"""Stride-1 convolution through the discrete Fourier transform (DFT), for big kernels.

Correlating an image with a kh×kw kernel costs kh·kw multiply-adds per output
value. In the frequency domain it is one complex multiplication per frequency
(the correlation theorem): with X̂ = DFT(x) and Ŵ = DFT(w) over a P×Q grid,

    y = IDFT(conj(Ŵ) · X̂)        summed over the input channels c, per filter f,

and backward is the same in reverse: dx = IDFT(Ŵ · dẐ) (a full convolution)
and dW = IDFT(conj(dẐ) · X̂) summed over the batch, where dẐ = DFT(dz). On
the grid of the padded input (P×Q = H×W) none of these wrap around, so the
circular results equal the linear ones on the positions kept.

Here every transform is a few small matrix products with fixed DFT matrices
(for these sizes NumPy's FFT is slower), and the per-frequency products are
one batched product of real 2×2 block matrices [[a, −b], [b, a]] standing for
a + ib. For the small CNN's second convolution (16 → 32 channels, 5×5 on
14×14) that is about 2.2× fewer multiply-adds than im2col, and fewer passes
over memory. ``worth_it`` decides by counting them; ``Conv2D`` uses this
class then, and im2col (``conv_layers``, and plainly ``conv_book``) otherwise.

Layouts: x (C, P, Q, n) batch-innermost and padded, like ``Conv2D``'s; spectra
(L·P, 2C, n): frequency (l, k) first, then real and imaginary parts of each
channel, with L = Q//2 + 1 (a real signal's spectrum is symmetric, so half of
the l axis is enough). Each product's summed axes are then one stride apart
in memory, so only one copy per spectrum is needed to bring the frequencies
outermost.
"""
from __future__ import annotations

import numpy as np

from . import threads

# Values of a block of channels' spectrum in ``spectrum`` and ``image`` (512 KB of float32):
# the intermediate results stay in the cache from one transform into the next.
BLOCK = 1 << 17


def _macs(c: int, f: int, p: int, q: int, kh: int, kw: int) -> tuple[int, int]:
    """Multiply-adds per sample of one forward pass: (im2col, Fourier)."""
    oh, ow, half = p - kh + 1, q - kw + 1, q // 2 + 1
    direct = f * c * kh * kw * oh * ow
    per_frequency = p * half * 4 * f * c
    transforms = c * (p * 2 * half * q + 4 * p * p * half) + f * (p * 4 * ow * half + 2 * p * ow * oh)
    return direct, per_frequency + transforms


def worth_it(c: int, f: int, p: int, q: int, kh: int, kw: int) -> bool:
    """Whether the Fourier path needs well under (60% of) im2col's multiply-adds."""
    direct, fourier = _macs(c, f, p, q, kh, kw)
    return fourier < 0.6 * direct


def _cis(n: int, rows, cols, sign: float) -> tuple[np.ndarray, np.ndarray]:
    """cos and sign·sin of 2π·row·col/n, as (len(rows), len(cols)) float64 arrays."""
    angle = 2 * np.pi * np.outer(rows, cols) / n
    return np.cos(angle), sign * np.sin(angle)


def _blocks(re: np.ndarray, im: np.ndarray, rows_first: bool, cols_first: bool) -> np.ndarray:
    """The real matrix of a complex one, re + i·im (m × n): (2m × 2n), acting on and giving
    (real, imaginary) pairs. ``rows_first``: output rows ordered (row, part), else (part,
    row); likewise ``cols_first`` for the input columns."""
    m, n = re.shape
    out = np.empty((2, m, 2, n))
    out[0, :, 0], out[0, :, 1], out[1, :, 0], out[1, :, 1] = re, -im, im, re
    out = out.transpose(1, 0, 2, 3) if rows_first else out
    out = out.transpose(0, 1, 3, 2) if cols_first else out
    shape = out.shape
    return out.reshape(shape[0] * shape[1], shape[2] * shape[3])


class FourierConv:
    """DFT matrices for one shape: C → F channels, kh×kw kernels, on a P×Q (padded) grid."""

    def __init__(self, c: int, f: int, p: int, q: int, kh: int, kw: int, dtype):
        self.c, self.f, self.p, self.q, self.kh, self.kw = c, f, p, q, kh, kw
        self.oh, self.ow, self.half = p - kh + 1, q - kw + 1, q // 2 + 1
        half, oh, ow = self.half, self.oh, self.ow
        ks, ls = np.arange(p), np.arange(half)
        # Hermitian weights: the bins l and Q − l are one term of the inverse (l = 0, Q/2 alone)
        weight = np.where((ls == 0) | (2 * ls == q), 1.0, 2.0)
        # forward along q (real → complex): rows (part, l)
        cos, sin = _cis(q, ls, np.arange(q), -1)
        self.along_q = np.concatenate([cos, sin]).astype(dtype)                  # (2L, Q)
        # forward along p (complex → complex): rows (k, part), columns (p, part)
        cos, sin = _cis(p, ks, ks, -1)
        self.along_p = _blocks(cos, sin, True, True).astype(dtype)              # (2P, 2P)
        # inverse along k (complex → complex at row u): rows (part, u), columns (k, part)
        self.back_k = {n_out: _blocks(*_cis(p, np.arange(n_out), ks, 1), False, True).astype(dtype)
                       for n_out in {oh, p}}
        # inverse along l (half spectrum → real at column v, 1/(PQ) included): columns (l, part)
        self.back_l = {}
        for n_out in {ow, q}:
            cos, sin = _cis(q, np.arange(n_out), ls, 1)
            self.back_l[n_out] = (np.stack([weight * cos, -weight * sin], axis=2).reshape(n_out, 2 * half)
                                  / (p * q)).astype(dtype)
        # the kernel's spectrum, conj(DFT(w)): e^{+2πi(l·j/Q + k·i/P)} for tap (i, j), as a real
        # matrix with rows (part, l, k)
        taps = np.exp(2j * np.pi * (np.add.outer(np.outer(ls, np.arange(kw)) / q,
                                                 np.outer(ks, np.arange(kh)) / p)))   # (L, kw, P, kh)
        taps = taps.transpose(0, 2, 3, 1).reshape(half * p, kh * kw)
        self.kernel_map = np.concatenate([taps.real, taps.imag]).astype(dtype)  # (2·L·P, kh·kw)
        # dW's inverse, the same factors for the taps, 1/(PQ) and the weights included: per
        # tap (i, j) and frequency (l, k) t = e^{2πi(k·i/P + l·j/Q)}·weight(l)/(PQ), and then
        # dW = Re(t·G) = Re(t)·Re(G) − Im(t)·Im(G): one real matrix (kh·kw, 2·L·P) acting
        # on Re(G) and Im(G) stacked
        t = taps * np.repeat(weight / (p * q), p)[:, None]                    # rows (l, k)
        self.taps_dw = np.concatenate([t.real, -t.imag]).T.astype(dtype)      # (kh·kw, 2·L·P)
        self.dtype = np.dtype(dtype)
        self._buffers: dict[str, np.ndarray] = {}

    def _buffer(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """A work array kept from call to call (a fresh one of a few MB costs page faults)."""
        buf = self._buffers.get(name)
        if buf is None or buf.shape != shape:
            buf = self._buffers[name] = np.empty(shape, self.dtype)
        return buf

    # -- transforms ------------------------------------------------------------------------
    def spectrum(self, a: np.ndarray, rows: int, cols: int, name: str) -> np.ndarray:
        """The DFT of ``a`` (m, rows, cols, n) zero-padded to P×Q: (P·L, 2m, n), in the
        work array ``name``. A few channels at a time (``BLOCK``), so that the two
        intermediate results stay in the cache; the threads take some blocks each."""
        m, n = a.shape[0], a.shape[3]
        p, half = self.p, self.half
        per = min(m, max(1, BLOCK // (2 * p * half * n)))
        out = self._buffer(name, (p * half, 2 * m, n))

        def channels(span):         # some blocks of channels (all of them with one thread)
            along_q = self._buffer(f"{name} along q {span.start}", (per * rows, 2 * half, n))
            along_p = self._buffer(f"{name} along p {span.start}", (per, 2 * p, half * n))
            for c0 in range(span.start * per, min(span.stop * per, m), per):
                mb = min(per, m - c0)
                aq, ap = along_q[:mb * rows], along_p[:mb]
                np.matmul(self.along_q[:, :cols], a[c0:c0 + mb].reshape(mb * rows, cols, n), out=aq)
                np.matmul(self.along_p[:, :2 * rows], aq.reshape(mb, 2 * rows, half * n), out=ap)
                np.copyto(out.reshape(half, p, 2, m, n)[:, :, :, c0:c0 + mb],
                          ap.reshape(mb, p, 2, half, n).transpose(3, 1, 2, 0, 4))
        threads.split(-(-m // per), channels, work=out.size)
        return out

    def image(self, spec: np.ndarray, rows: int, cols: int) -> np.ndarray:
        """The real inverse DFT of ``spec`` (L·P, 2m, n), its first ``rows``×``cols``
        positions only: (rows, cols, m·n)."""
        m, n = spec.shape[1] // 2, spec.shape[2]
        p, half = self.p, self.half
        spec = spec.reshape(half, 2 * p, m * n)
        out = self._buffer(f"back l {rows}", (rows, cols, m * n))
        per = min(m, max(1, BLOCK // (2 * p * half * n)))              # channels at a time

        def channels(span):         # some blocks of channels (all of them with one thread)
            buf = self._buffer(f"back k {rows} {span.start}", (half, 2 * rows, per * n))
            for c0 in range(span.start * per, min(span.stop * per, m), per):
                mn = slice(c0 * n, min(c0 + per, m) * n)
                t = buf[:, :, :mn.stop - mn.start]
                np.matmul(self.back_k[rows], spec[:, :, mn], out=t)       # (L, (part, u), m·n)
                t = t.reshape(half, 2, rows, -1).transpose(2, 0, 1, 3).reshape(rows, 2 * half, -1)
                np.matmul(self.back_l[cols], t, out=out[:, :, mn])
        threads.split(-(-m // per), channels, work=out.size)
        return out

    def kernel_spectrum(self, w: np.ndarray) -> np.ndarray:
        """(L·P, 2F, 2C): per frequency the real block matrix of conj(DFT(w)), (F, C) complex."""
        f, c, lp = self.f, self.c, self.half * self.p
        v = (self.kernel_map @ w.reshape(f * c, -1).T).reshape(2, lp, f, c)      # real, imaginary
        out = self._buffer("spec_w", (lp, 2, f, 2, c))
        out[:, 0, :, 0], out[:, 1, :, 1], out[:, 1, :, 0] = v[0], v[0], v[1]
        np.negative(v[1], out=out[:, 0, :, 1])
        return out.reshape(lp, 2 * f, 2 * c)

    # -- the layer's passes ------------------------------------------------------------------
    def forward(self, x: np.ndarray, w: np.ndarray, b: np.ndarray, out: np.ndarray,
                then=None) -> np.ndarray:
        """x (C, P, Q, n) → ``out`` (F, oh, ow, n) = correlation + bias, and ``then(filters)``
        (an activation's part, say) called on the slice of filters just written, while they
        are in the cache. Keeps the input's spectrum, which backward needs."""
        self.spec_x = self.spectrum(x, self.p, self.q, "spec_x")                # (P·L, 2C, n)
        self.spec_w = self.kernel_spectrum(w)
        spec_y = self._product(self.spec_w, self.spec_x, "spec_y")              # (P·L, 2F, n)
        y = self.image(spec_y, self.oh, self.ow)                                # (oh, ow, F·n)
        y = y.reshape(self.oh, self.ow, self.f, x.shape[3]).transpose(2, 0, 1, 3)

        def filters(fs):            # some filters (all of them with one thread)
            np.add(y[fs], b[fs, None, None, None], out=out[fs])
            if then is not None:
                then(fs)
        threads.split(self.f, filters, work=out.size)
        return out

    def backward(self, dz: np.ndarray, dw: np.ndarray, db: np.ndarray, dx: np.ndarray | None) -> None:
        """dz (F, oh, ow, n) → dW (F, C, kh, kw) and db (F,) into ``dw`` and ``db``, and,
        if ``dx`` is given, dx (C, P, Q, n) into it."""
        f, c, p, half = self.f, self.c, self.p, self.half
        spec_dz = self.spectrum(dz, self.oh, self.ow, "spec_dz")                 # (P·L, 2F, n)
        db[...] = spec_dz[0, :f].sum(axis=1)                 # frequency (0, 0): the sum of dz
        m = self._product(spec_dz, self.spec_x.transpose(0, 2, 1), "spec_dw")    # (P·L, 2F, 2C)
        g = self._buffer("G", (2, p * half, f, c))         # G = conj(dẐ)·X̂: real, imaginary
        np.add(m[:, :f, :c], m[:, f:, c:], out=g[0])
        np.subtract(m[:, :f, c:], m[:, f:, :c], out=g[1])
        taps = self._buffer("dW taps", (self.kh * self.kw, f * c))
        np.matmul(self.taps_dw, g.reshape(2 * p * half, f * c), out=taps)
        dw[...] = taps.reshape(self.kh, self.kw, f, c).transpose(2, 3, 0, 1)
        if dx is None:
            return
        spec_dx = self._product(self.spec_w.transpose(0, 2, 1), spec_dz, "spec_dx")  # (P·L, 2C, n)
        img = self.image(spec_dx, p, self.q).reshape(p, self.q, c, dx.shape[3]).transpose(2, 0, 1, 3)
        threads.split(c, lambda cs: np.copyto(dx[cs], img[cs]), work=dx.size)

    def _product(self, a: np.ndarray, b: np.ndarray, name: str) -> np.ndarray:
        """The stacked products a[i] @ b[i] (one per frequency), split over the threads."""
        out = self._buffer(name, a.shape[:-1] + b.shape[-1:])
        threads.split(len(a), lambda part: np.matmul(a[part], b[part], out=out[part]), work=out.size)
        return out
