"""HeatmapWidget: shows exactly the matrix given, symmetric levels, hover readout,
real mouse clicks on cells; the mosaic helpers."""
import warnings

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from gui.widgets.heatmap import HeatmapWidget, symmetric_levels
from gui.widgets.mosaic import mosaic_index, mosaic_zoom, tile_centre, tile_mosaic


@pytest.fixture
def heatmap(qtbot):
    hm = HeatmapWidget(value_label="w")
    qtbot.addWidget(hm)
    hm.resize(500, 400)
    hm.show()
    qtbot.waitExposed(hm)
    return hm


@pytest.fixture
def matrix():
    return np.random.default_rng(0).normal(size=(12, 7)).astype(np.float32)


def test_shows_exactly_the_matrix_with_symmetric_levels(heatmap, matrix):
    matrix[3, 4] = -5.0                              # the largest magnitude is negative
    heatmap.set_matrix(matrix)
    np.testing.assert_array_equal(heatmap.matrix(), matrix)
    np.testing.assert_array_equal(heatmap.image.image, matrix)
    assert heatmap.levels() == pytest.approx((-5.0, 5.0))
    assert heatmap.colorbar.levels() == pytest.approx((-5.0, 5.0))


def test_robust_and_explicit_levels(heatmap, matrix):
    heatmap.set_matrix(matrix, percentile=50)
    a = float(np.percentile(np.abs(matrix), 50))
    assert heatmap.levels() == pytest.approx((-a, a))
    heatmap.set_matrix(matrix, levels=(-1, 3))
    assert heatmap.levels() == pytest.approx((-1, 3))
    heatmap.set_matrix(matrix, symmetric=False)
    assert heatmap.levels() == pytest.approx((matrix.min(), matrix.max()))


def test_degenerate_matrices_get_usable_levels():
    assert symmetric_levels(np.zeros((3, 3))) == (-1.0, 1.0)
    assert symmetric_levels(np.full((2, 2), np.nan)) == (-1.0, 1.0)
    m = np.array([[0.0, 0.0, 0.0, 2.0]])               # 99th percentile of mostly zeros is ~0
    assert symmetric_levels(m, 50) == (-2.0, 2.0)


def test_rejects_non_matrices(heatmap):
    with pytest.raises(ValueError, match="2-D"):
        heatmap.set_matrix(np.zeros(5))


def test_readout_default_and_custom(heatmap, matrix):
    heatmap.set_matrix(matrix, x_label="hidden unit", y_label="input unit")
    v = float(matrix[5, 2])
    expected = f"input unit 5, hidden unit 2: {v:.3g}".replace("-", "\u2212")
    assert heatmap.readout_at(5, 2) == expected
    assert heatmap.readout_at(12, 0) == ""            # outside
    heatmap.set_matrix(matrix, readout=lambda r, c, v: f"input {r} → unit {c}: w = {v:.2f}")
    assert heatmap.readout_at(5, 2) == f"input 5 → unit 2: w = {v:.2f}"
    matrix[1, 1] = np.nan
    heatmap.set_matrix(matrix)
    assert heatmap.readout_at(1, 1) == ""             # a gap


def test_real_click_on_a_cell_emits_cell_clicked(qtbot, heatmap, matrix):
    heatmap.set_matrix(matrix)
    assert heatmap.cell_at(heatmap.cell_scene_pos(9, 6)) == (9, 6)
    with qtbot.waitSignal(heatmap.cell_clicked, timeout=2000) as blocker:
        qtbot.mouseClick(heatmap.graphics.viewport(), Qt.MouseButton.LeftButton,
                         pos=heatmap.cell_widget_pos(9, 6))
    assert blocker.args == [9, 6]


def test_real_hover_shows_the_readout(qtbot, heatmap, matrix):
    heatmap.set_matrix(matrix, readout=lambda r, c, v: f"cell {r},{c}")
    hovered = []
    heatmap.cell_hovered.connect(lambda r, c: hovered.append((r, c)))
    target, moves = heatmap.cell_widget_pos(2, 3), [0]

    def move_and_check():
        # pyqtgraph drops mouse moves that come too soon after the last one (e.g. an earlier
        # test's), so keep moving within the cell, one pixel to and fro, until one lands
        moves[0] += 1
        qtbot.mouseMove(heatmap.graphics.viewport(), target + QPoint(moves[0] % 2, 0))
        return (2, 3) in hovered

    qtbot.waitUntil(move_and_check, timeout=2000)
    assert heatmap.readout_label.text() == "cell 2,3"


def test_same_shape_update_keeps_the_zoom_and_new_shape_fits(heatmap, matrix):
    heatmap.set_matrix(matrix)
    vb = heatmap.plot.vb
    vb.setRange(xRange=(1, 3), yRange=(2, 5), padding=0)
    zoomed = vb.viewRange()
    heatmap.set_matrix(matrix * 2)
    assert vb.viewRange() == zoomed
    heatmap.set_matrix(np.ones((3, 30)))
    (x0, x1), (y0, y1) = vb.viewRange()
    assert (x0, x1, y0, y1) == pytest.approx((-0.5, 29.5, -0.5, 2.5))


def test_marginal_plot_is_linked_to_the_columns(heatmap, matrix):
    heatmap.set_matrix(matrix)
    plot = heatmap.add_marginal_plot(60)
    assert plot.vb.linkedView(plot.vb.XAxis) is heatmap.plot.vb


def test_tile_mosaic_layout_and_index():
    tiles = np.arange(5 * 2 * 3, dtype=np.float32).reshape(5, 2, 3)
    m = tile_mosaic(tiles, n_cols=2)
    assert m.shape == (3 * 3 - 1, 2 * 4 - 1)
    np.testing.assert_array_equal(m[3:5, 4:7], tiles[3])     # tile 3: row 1, column 1
    assert np.isnan(m[2]).all() and np.isnan(m[:, 3]).all()  # gaps
    assert np.isnan(m[6:, 4:]).all()                        # the unused sixth slot
    assert mosaic_index(4, 6, (2, 3), 2) == (3, 1, 2)
    assert mosaic_index(2, 0, (2, 3), 2) is None


def test_tile_mosaic_zoom():
    tiles = np.arange(2 * 5 * 5, dtype=np.float32).reshape(2, 5, 5)
    z = mosaic_zoom((5, 5))
    assert z == 3 and mosaic_zoom((28, 28)) == 1
    m = tile_mosaic(tiles, n_cols=2, zoom=z)
    assert m.shape == (15, 31)
    np.testing.assert_array_equal(m[:, 16:][::z, ::z], tiles[1])
    assert mosaic_index(14, 30, (5, 5), 2, zoom=z) == (1, 4, 4)
    assert tile_centre(1, 5, zoom=z) == 23


def test_index_axes_label_whole_cells_even_for_two_rows(heatmap):
    heatmap.set_matrix(np.ones((2, 8)))
    left = heatmap.plot.getAxis("left")
    lo, hi = left.range                                   # inverted: (1.5, -0.5)
    levels = left.tickValues(lo, hi, 300)
    assert [v for _, values in levels for v in values] == [0.0, 1.0]


def test_a_big_mosaic_with_gaps_shrinks_to_the_screen_without_warnings(heatmap, recwarn):
    """Auto-downsampling averages blocks of NaN gap cells: NumPy's "Mean of empty slice" is not
    printed each frame (the backprop panel's mosaics printed it while training)."""
    tiles = np.random.default_rng(1).normal(size=(64, 9, 9)).astype(np.float32)
    m = tile_mosaic(tiles, 8, gap=4)
    big = np.kron(m, np.ones((20, 20), np.float32))         # far more cells than pixels
    heatmap.set_matrix(big)
    image = heatmap.graphics.grab().toImage()
    assert image.width() > 0 and np.isnan(big).any()
    assert not [w for w in recwarn if "empty slice" in str(w.message)]


def _pixels(widget):
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()


def test_the_cached_axes_show_what_uncached_axes_show(heatmap, qapp):
    """The axes are painted from a cache between range changes: after each change (a new
    shape, ticks, a zoom) the picture is the one drawn without the cache, frame included."""
    axes = [heatmap.plot.getAxis(side) for side in ("left", "bottom", "top", "right")]
    assert all(a.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache for a in axes)
    rng = np.random.default_rng(1)

    def steps():
        yield lambda: heatmap.set_matrix(rng.normal(size=(12, 7)), x_label="unit", y_label="input")
        yield lambda: heatmap.set_matrix(rng.normal(size=(40, 30)), x_ticks=[(2.0, "a"), (20.0, "b")])
        yield lambda: heatmap.plot.vb.setRange(xRange=(3.2, 17.9), yRange=(5.1, 21.3), padding=0)
        yield heatmap.reset_view

    for step in steps():
        step()
        qapp.processEvents()
        cached = _pixels(heatmap)
        for a in axes:
            a.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        uncached = _pixels(heatmap)
        for a in axes:
            a.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        assert np.array_equal(cached, uncached)
    assert (cached[..., :3].max(axis=2) < 100).sum() > 300       # ticks, labels and frame drawn


@pytest.mark.parametrize("gaps", [False, True])
def test_the_image_is_drawn_from_argb32_with_pyqtgraphs_colours(heatmap, qapp, monkeypatch, gaps):
    """The raster engine draws ARGB32 scaled without converting it on every paint; the
    picture is the one pyqtgraph's own (indexed or RGBA8888) image gives, gaps included."""
    m = np.random.default_rng(2).normal(size=(300, 40)).astype(np.float32)
    if gaps:
        m = tile_mosaic(m.reshape(12, 25, 40)[:, :5, :5], 4, zoom=3)
    heatmap.set_matrix(m)
    qapp.processEvents()
    ours = _pixels(heatmap)
    assert heatmap.image.qimage.format() == QImage.Format.Format_ARGB32
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        monkeypatch.setattr(type(heatmap.image), "render", pg.ImageItem.render)
        heatmap.image.qimage = None
        heatmap.image._renderRequired = True
        theirs = _pixels(heatmap)
    assert heatmap.image.qimage.format() != QImage.Format.Format_ARGB32
    assert np.array_equal(ours, theirs)
    assert len(np.unique(ours.reshape(-1, 4), axis=0)) > 50          # the colours were drawn


def test_an_unchanged_matrix_is_not_rendered_again(heatmap, matrix, monkeypatch):
    heatmap.set_matrix(matrix)
    heatmap.graphics.grab()
    renders = []
    original = type(heatmap.image).render
    monkeypatch.setattr(type(heatmap.image), "render", lambda self: renders.append(1) or original(self))
    heatmap.set_matrix(matrix.copy())                     # equal values, equal levels
    heatmap.graphics.grab()
    assert renders == []
    matrix[2, 3] = 0.5                                    # changed in place: drawn again
    heatmap.set_matrix(matrix, levels=heatmap.levels())
    heatmap.graphics.grab()
    assert renders == [1]
    heatmap.set_matrix(matrix.copy(), levels=(-9.0, 9.0))  # new levels: new colours
    heatmap.graphics.grab()
    assert renders == [1, 1] and heatmap.colorbar.levels() == pytest.approx((-9.0, 9.0))
