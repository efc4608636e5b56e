"""Light data augmentation for image batches: small shifts, rotations, scalings, stroke widths.

A network trained on MNIST alone sees digits that were all prepared the same way (fitted into a
20x20 box, centred by centre of mass, strokes of one pen). A digit drawn with a mouse differs a
little in each of those respects, so :func:`augment` perturbs every training image by a random
amount of each, independently per sample:

* stroke width -- on a fraction of the samples the ink is blended towards a 3x3 maximum filter
  (thicker, "dilate") or a 3x3 minimum filter (thinner, "erode");
* an affine warp about the image centre -- rotation by up to ``rotate`` degrees, scaling by up to
  ``scale`` (a fraction, separately per axis within ``aspect`` of each other) and a shift by up
  to ``shift`` pixels -- resampled with bilinear interpolation, zeros outside.

Everything is vectorised over the batch (no Python loop over samples) and drawn from the
``np.random.Generator`` passed in, so the same seed gives the same batch. Values stay inside the
input's range: bilinear weights are a convex combination, and so are the blends.
"""
from __future__ import annotations

import numpy as np

__all__ = ["LEVELS", "augment", "augment_level"]

# Named magnitudes (the CLI's ``--augment`` and ``Config.augment`` use these names).
LEVELS: dict[str, dict[str, float]] = {
    "light": {"shift": 2.0, "rotate": 12.0, "scale": 0.10, "aspect": 0.05, "stroke": 0.3},
}


def _stroke(x: np.ndarray, rng: np.random.Generator, p: float) -> np.ndarray:
    """Blend a fraction ``p`` of the images towards their 3x3 max (half) or min (half) filter.

    ``x``: ``(n, h, w)`` float32. Returns a new array of the same shape.
    """
    n = len(x)
    pick = rng.random(n) < p
    dilate = rng.random(n) < 0.5
    amount = rng.uniform(0.5, 1.0, n).astype(np.float32)
    if not pick.any():
        return x.copy()
    sel = x[pick]
    pad_hi = np.pad(sel, ((0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
    pad_lo = np.pad(sel, ((0, 0), (1, 1), (1, 1)), constant_values=np.inf)
    h, w = sel.shape[1:]
    hi, lo = sel.copy(), sel.copy()
    for dy in range(3):
        for dx in range(3):
            np.maximum(hi, pad_hi[:, dy:dy + h, dx:dx + w], out=hi)
            np.minimum(lo, pad_lo[:, dy:dy + h, dx:dx + w], out=lo)
    target = np.where(dilate[pick][:, None, None], hi, lo)
    a = amount[pick][:, None, None]
    out = x.copy()
    out[pick] = sel + a * (target - sel)
    return out


def _warp(x: np.ndarray, rng: np.random.Generator, shift: float, rotate: float,
          scale: float, aspect: float) -> np.ndarray:
    """Random affine warp of every image about its centre, bilinear, zeros outside.

    ``x``: ``(n, h, w)`` float32. Output pixel ``p`` takes the input at ``A⁻¹ (p - c - t) + c``
    with ``A = R(θ) diag(s_y, s_x)``, ``c`` the image centre and ``t`` the shift.
    """
    n, h, w = x.shape
    theta = np.deg2rad(rng.uniform(-rotate, rotate, n))
    s = 1.0 + rng.uniform(-scale, scale, n)
    a = rng.uniform(-aspect, aspect, n)
    sy, sx = s * (1.0 + a), s * (1.0 - a)
    ty, tx = rng.uniform(-shift, shift, (2, n))
    cy, cx = (h - 1) / 2.0, (w - 1) / 2.0
    cos, sin = np.cos(theta), np.sin(theta)
    # inverse of R(θ) diag(sy, sx) = diag(1/sy, 1/sx) R(-θ), per sample: (n, 2, 2)
    inv = np.empty((n, 2, 2))
    inv[:, 0, 0], inv[:, 0, 1] = cos / sy, sin / sy
    inv[:, 1, 0], inv[:, 1, 1] = -sin / sx, cos / sx
    oy = np.arange(h, dtype=np.float64)[:, None] - cy        # (h, 1)
    ox = np.arange(w, dtype=np.float64)[None, :] - cx        # (1, w)
    dy = oy[None] - ty[:, None, None]                        # (n, h, 1)
    dx = ox[None] - tx[:, None, None]                        # (n, 1, w)
    src_y = inv[:, 0, 0, None, None] * dy + inv[:, 0, 1, None, None] * dx + cy   # (n, h, w)
    src_x = inv[:, 1, 0, None, None] * dy + inv[:, 1, 1, None, None] * dx + cx

    # bilinear sampling from a zero-padded copy: index k of the padded image is pixel k - 1
    padded = np.zeros((n, h + 2, w + 2), np.float32)
    padded[:, 1:-1, 1:-1] = x
    src_y = np.clip(src_y + 1.0, 0.0, h + 1.0)
    src_x = np.clip(src_x + 1.0, 0.0, w + 1.0)
    y0 = np.minimum(np.floor(src_y).astype(np.intp), h)
    x0 = np.minimum(np.floor(src_x).astype(np.intp), w)
    fy = (src_y - y0).astype(np.float32)
    fx = (src_x - x0).astype(np.float32)
    flat = padded.reshape(n, -1)
    base = y0 * (w + 2) + x0
    rows = np.arange(n)[:, None]
    base = base.reshape(n, -1)

    def at(offset: int) -> np.ndarray:
        return flat[rows, base + offset].reshape(n, h, w)

    top = at(0) + fx * (at(1) - at(0))
    bottom = at(w + 2) + fx * (at(w + 3) - at(w + 2))
    return top + fy * (bottom - top)


def augment(x: np.ndarray, rng: np.random.Generator, *, shift: float = 2.0,
            rotate: float = 12.0, scale: float = 0.10, aspect: float = 0.05,
            stroke: float = 0.3) -> np.ndarray:
    """A randomly perturbed copy of an image batch.

    Parameters
    ----------
    x : np.ndarray
        ``(n, 1, h, w)`` or ``(n, h, w)`` float image batch (MNIST: values in [0, 1]).
    rng : np.random.Generator
        The only source of randomness: the same generator state gives the same result.
    shift : float
        Largest shift in pixels along each axis (uniform in ``[-shift, shift]``).
    rotate : float
        Largest rotation in degrees, either way.
    scale : float
        Largest relative change of size (0.1: from 90 % to 110 %).
    aspect : float
        Largest relative difference between the vertical and horizontal scale.
    stroke : float
        Fraction of images whose strokes are made thicker or thinner (0 .. 1).

    Returns
    -------
    np.ndarray
        float32 array of ``x``'s shape, values within ``[x.min(), x.max()]`` of each image.
        With every magnitude 0 it equals ``x``.
    """
    x = np.asarray(x)
    shape = x.shape
    if x.ndim == 4 and shape[1] == 1:
        imgs = x.reshape(shape[0], shape[2], shape[3])
    elif x.ndim == 3:
        imgs = x
    else:
        raise ValueError(f"augment needs a batch of single-channel images (n, 1, h, w) or (n, h, w), "
                         f"got shape {shape}")
    for name, v in (("shift", shift), ("rotate", rotate), ("scale", scale), ("aspect", aspect)):
        if not (np.isfinite(v) and v >= 0):
            raise ValueError(f"{name} must be a finite number >= 0, got {v!r}")
    if not 0 <= stroke <= 1:
        raise ValueError(f"stroke must be a fraction in [0, 1], got {stroke!r}")
    if not 0 <= scale < 1 or not 0 <= aspect < 1:
        raise ValueError(f"scale and aspect must be below 1, got {scale!r} and {aspect!r}")
    imgs = imgs.astype(np.float32, copy=False)
    if len(imgs) == 0:
        return imgs.reshape(shape).copy()
    out = _stroke(imgs, rng, stroke)
    out = _warp(out, rng, shift, rotate, scale, aspect)
    return out.reshape(shape)


def augment_level(x: np.ndarray, rng: np.random.Generator, level: str) -> np.ndarray:
    """:func:`augment` with the magnitudes named by ``level`` (a key of :data:`LEVELS`)."""
    try:
        params = LEVELS[level]
    except KeyError:
        raise ValueError(f"unknown augmentation level {level!r}; choose one of "
                         f"{', '.join(LEVELS)}") from None
    return augment(x, rng, **params)
