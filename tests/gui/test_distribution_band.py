"""A distribution band's items change only when its data do; its fills are painted without
antialiasing; a plot's edge label is plain text with its right edge at its position."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from gui.widgets.band_paths import band_path
from gui.widgets.distribution_band import DistributionBand, FlatPathItem
from gui.widgets.edge_label import EdgeLabel


def _percentiles(n, seed=0):
    return np.sort(np.random.default_rng(seed).normal(size=(n, 9)), axis=1)


def test_a_band_sets_its_paths_once_per_new_data(qapp, monkeypatch):
    plot = pg.PlotItem()
    band = DistributionBand(plot, "#0072B2")
    calls = []
    monkeypatch.setattr(FlatPathItem, "setPath", lambda self, path: calls.append(path))
    x, pct = np.arange(20.0), _percentiles(20)
    assert band.set_data(x, pct) and len(calls) == 4
    assert not band.set_data(x.copy(), pct.copy()) and len(calls) == 4      # nothing new
    pct2 = pct.copy()
    pct2[-1, 8] += 1
    assert band.set_data(x, pct2) and len(calls) == 8
    # the outer fill runs from the minimum to the maximum, the median is the middle column
    box = calls[4].boundingRect()
    assert (box.top(), box.bottom()) == pytest.approx((pct2[:, 0].min(), pct2[:, 8].max()))
    np.testing.assert_array_equal(band.median.getData()[1], pct2[:, 4])
    assert band.bounds() == (pct2.min(), pct2.max())
    pct2[0] = np.nan                       # a sample without values: the axes fit the others
    band.set_data(x, pct2)
    assert band.bounds() == (np.nanmin(pct2), np.nanmax(pct2))


def _colours(item_cls):
    scene = QGraphicsScene()
    item = item_cls(band_path(np.array([0.0, 100.0]), np.array([0.0, 0.0]), np.array([7.0, 93.0])))
    item.setPen(pg.mkPen(None))
    item.setBrush(pg.mkBrush("#0072B2"))
    scene.addItem(item)
    image = QImage(100, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)   # as pyqtgraph's views
    scene.render(painter, QRectF(0, 0, 100, 100), QRectF(0, 0, 100, 100))
    painter.end()
    return {image.pixel(i, j) for i in range(100) for j in range(100)}


def test_band_fills_have_hard_edges_on_an_antialiased_view(qapp):
    assert len(_colours(FlatPathItem)) == 2             # the fill and the background only
    assert len(_colours(QGraphicsPathItem)) > 2         # a plain item's slanted edge is blended


def test_an_edge_label_ends_at_its_position_and_grows_with_its_text(qapp):
    label = EdgeLabel()
    assert label.boundingRect().isEmpty()
    label.setText("7,229 ▸")
    box = label.boundingRect()
    assert box.right() == 0 and box.top() == pytest.approx(-box.bottom()) and box.width() > 20
    label.setText("45,115,000 ▸")
    assert label.boundingRect().width() > box.width() and label.text() == "45,115,000 ▸"
