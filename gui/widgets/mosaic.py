"""Many small tiles (digit images, conv kernels, learned features) laid out as one matrix,
so a single heatmap shows them all: the layout, tick positions and cell → tile lookup.
Pure NumPy; ``HeatmapWidget`` draws the result (NaN gaps show as its gap colour)."""
from __future__ import annotations

import math

import numpy as np


def mosaic_zoom(tile_shape: tuple[int, int]) -> int:
    """How many cells to draw per tile pixel so a 1-cell gap stays thin next to small
    tiles: 1 for 28×28 digit images, 3 for 5×5 kernels, 5 for 3×3."""
    return max(1, round(16 / max(tile_shape)))


def tile_mosaic(tiles: np.ndarray, n_cols: int, gap: int = 1, fill: float = np.nan,
                zoom: int = 1) -> np.ndarray:
    """Lay tiles ``(n, h, w)`` out row by row, ``n_cols`` per row, ``gap`` cells apart.

    Each tile pixel becomes ``zoom``×``zoom`` cells. Returns float32
    ``(rows·(H+gap) − gap, n_cols·(W+gap) − gap)`` with H = h·zoom, W = w·zoom; gaps
    and unused slots hold ``fill``. Tile k's top-left corner is at
    ``((k // n_cols)·(H+gap), (k % n_cols)·(W+gap))``.
    """
    tiles = np.asarray(tiles, dtype=np.float32)
    if zoom > 1:
        tiles = tiles.repeat(zoom, axis=1).repeat(zoom, axis=2)
    n, h, w = tiles.shape
    n_cols = max(1, min(int(n_cols), max(n, 1)))
    n_rows = max(1, math.ceil(n / n_cols))
    padded = np.full((n_rows * n_cols, h + gap, w + gap), fill, dtype=np.float32)
    padded[:n, :h, :w] = tiles
    out = padded.reshape(n_rows, n_cols, h + gap, w + gap).transpose(0, 2, 1, 3)
    out = out.reshape(n_rows * (h + gap), n_cols * (w + gap))
    return np.ascontiguousarray(out[:out.shape[0] - gap, :out.shape[1] - gap])


def tile_centre(k: int, size: int, gap: int = 1, zoom: int = 1) -> float:
    """Mosaic coordinate of the centre of the k-th tile along one axis (``size`` tile pixels)."""
    return k * (size * zoom + gap) + (size * zoom - 1) / 2


def mosaic_index(row: int, col: int, tile_shape: tuple[int, int], n_cols: int,
                 gap: int = 1, zoom: int = 1) -> tuple[int, int, int] | None:
    """Which tile and which of its pixels a mosaic cell shows: ``(k, i, j)``, or None in a gap."""
    h, w = tile_shape[0] * zoom, tile_shape[1] * zoom
    if row < 0 or col < 0:
        return None
    tr, i = divmod(int(row), h + gap)
    tc, j = divmod(int(col), w + gap)
    if i >= h or j >= w or tc >= n_cols:
        return None
    return tr * n_cols + tc, i // zoom, j // zoom

