"""Bands and histograms as single paths, and a long history reduced to the view's pixels."""
import numpy as np
import pytest

from gui.widgets.band_paths import band_envelope, band_path, histogram_path


def test_a_short_history_is_drawn_as_is():
    x = np.arange(5.0)
    pct = np.tile(np.arange(9.0), (5, 1))
    xs, out = band_envelope(x, pct, 100)
    assert xs is x and out is pct


def test_a_long_history_is_reduced_to_an_envelope_that_covers_every_value():
    rng = np.random.default_rng(0)
    n, pixels = 10_000, 300
    x = np.arange(n, dtype=float)
    pct = np.sort(rng.normal(size=(n, 9)), axis=1)
    xs, out = band_envelope(x, pct, pixels)
    assert len(xs) == pixels and out.shape == (pixels, 9)
    assert np.all(np.diff(xs) > 0)
    assert out[:, 0].min() == pct[:, 0].min() and out[:, 8].max() == pct[:, 8].max()
    # each reduced point bounds the points it stands for: group k holds x in [starts[k], next)
    starts = np.linspace(0, n, pixels, endpoint=False).astype(int)
    k = 123
    group = pct[starts[k]:starts[k + 1]]
    assert out[k, 1] == group[:, 1].min() and out[k, 7] == group[:, 7].max()
    assert out[k, 4] == pytest.approx(group[:, 4].mean())


def test_band_and_histogram_paths_enclose_their_data():
    x = np.array([0.0, 1.0, 2.0])
    box = band_path(x, np.array([-1.0, -2.0, -1.5]), np.array([1.0, 3.0, 2.0])).boundingRect()
    assert (box.left(), box.right(), box.top(), box.bottom()) == (0, 2, -2, 3)
    counts, edges = np.array([3, 7, 1]), np.array([-1.0, 0.0, 0.5, 2.0])
    path = histogram_path(counts, edges)
    box = path.boundingRect()
    assert (box.left(), box.right(), box.top(), box.bottom()) == (0, 7, -1, 2)
    from PySide6.QtCore import QPointF
    assert path.contains(QPointF(6.5, 0.25)) and not path.contains(QPointF(3.5, -0.5))
    assert band_path(np.zeros(0), np.zeros(0), np.zeros(0)).isEmpty()
    assert histogram_path(np.zeros(0), np.zeros(1)).isEmpty()


def test_bars_are_closed_rectangles_from_zero():
    from PySide6.QtCore import QPointF

    from gui.widgets.band_paths import bar_path
    path = bar_path(np.array([0.0, 2.0]), np.array([1.5, -0.5]), 0.8)
    box = path.boundingRect()
    assert (box.left(), box.right()) == pytest.approx((-0.4, 2.4))
    assert (box.top(), box.bottom()) == pytest.approx((-0.5, 1.5))
    assert path.contains(QPointF(0.0, 1.0)) and path.contains(QPointF(2.0, -0.25))
    assert not path.contains(QPointF(1.0, 0.5))          # the gap between the bars
    assert not path.contains(QPointF(2.0, 0.25))         # above a negative bar


def test_an_outlined_path_item_is_as_large_as_its_data():
    from PySide6.QtWidgets import QGraphicsPathItem

    from gui.widgets.band_paths import cosmetic_pen
    item = QGraphicsPathItem(band_path(np.array([0.0, 1.0]), np.array([-0.01, -0.02]),
                                       np.array([0.01, 0.03])))
    item.setPen(cosmetic_pen("k"))            # the view auto-ranges to this rectangle
    box = item.boundingRect()
    assert (box.top(), box.bottom()) == pytest.approx((-0.02, 0.03))
