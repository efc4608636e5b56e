"""The settled parts of live curves in one image per plot (gui.settled_canvas): drawn where
pyqtgraph maps the points, in strips as points are added, again when the view changes, and
not at all for a hidden or removed curve."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage

from gui.settled_canvas import SettledCanvas, Symbol

RED, BLUE = QColor(255, 0, 0), QColor(0, 0, 255)


@pytest.fixture
def plot(qtbot):
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    w.resize(600, 400)
    p = w.addPlot()
    p.setXRange(0, 100, padding=0)
    p.setYRange(0, 10, padding=0)
    w.show()
    qtbot.waitExposed(w)
    return w, p


def pixel(canvas, plot, x, y) -> QColor:
    """The canvas image's colour where the view point (x, y) lands."""
    local = plot.vb.childGroup.mapToItem(plot.vb, pg.Point(x, y))
    return canvas._image.pixelColor(int(local.x()), int(local.y()))


def test_points_are_drawn_where_the_plot_maps_them_and_only_strips_are_added(plot):
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    assert SettledCanvas.for_plot(p) is canvas                    # one per plot
    x = np.arange(0, 51, dtype=float)
    canvas.set_points("a", x, np.full(51, 5.0), pg.mkPen(RED, width=1))
    w.viewport().repaint()
    assert canvas.renders == 1 and pixel(canvas, p, 25, 5) == RED
    assert pixel(canvas, p, 75, 5).alpha() == 0                   # nothing further right yet
    x2 = np.arange(0, 81, dtype=float)
    canvas.set_points("a", x2, np.full(81, 5.0), pg.mkPen(RED, width=1), append_from=51)
    w.viewport().repaint()
    assert canvas.renders == 1 and canvas.strips == 1 and pixel(canvas, p, 75, 5) == RED
    p.setXRange(0, 200, padding=0)                                # the axis grows: all again
    w.viewport().repaint()
    assert canvas.renders == 2 and pixel(canvas, p, 75, 5) == RED


def test_a_later_curve_stays_on_top_in_a_strip_and_hidden_or_removed_curves_go(plot):
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    x = np.arange(0, 41, dtype=float)
    canvas.set_points("faint", x, np.full(41, 5.0), pg.mkPen(RED, width=3))
    canvas.set_points("bold", x, np.full(41, 5.0), pg.mkPen(BLUE, width=3))
    w.viewport().repaint()
    assert pixel(canvas, p, 20, 5) == BLUE
    x2 = np.arange(0, 61, dtype=float)
    canvas.set_points("faint", x2, np.full(61, 5.0), pg.mkPen(RED, width=3), append_from=41)
    w.viewport().repaint()                   # the faint curve's strip: the bold one drawn over it
    assert canvas.strips == 1 and pixel(canvas, p, 39.5, 5) == BLUE and pixel(canvas, p, 55, 5) == RED
    canvas.set_visible("bold", False)
    w.viewport().repaint()
    assert pixel(canvas, p, 20, 5) == RED and not canvas.shown("bold") and canvas.shown("faint")
    canvas.remove("faint")
    w.viewport().repaint()
    assert canvas.points("faint") is None and canvas._image is None      # nothing left to draw


def test_a_log_axis_draws_log10_and_leaves_out_zeros(plot):
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    canvas.set_points("loss", np.array([1.0, 2.0, 3.0, 4.0]), np.array([10.0, 0.0, 100.0, 1000.0]),
                      pg.mkPen(RED), log_y=True)
    xs, ys = canvas.points("loss")
    np.testing.assert_array_equal(xs, [1.0, 3.0, 4.0])
    np.testing.assert_allclose(ys, [1.0, 2.0, 3.0])


def image_array(widget) -> np.ndarray:
    img = widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(img.constBits(), np.uint32).reshape(img.height(), -1)[:, :img.width()].copy()


def test_symbols_are_drawn_as_pyqtgraph_draws_them_and_strips_add_them(plot):
    w, p = plot
    x, y = np.array([10.0, 30.0, 50.0, 70.0]), np.array([2.0, 5.0, 3.0, 8.0])
    item = p.plot(x, y, pen=pg.mkPen(BLUE, width=2), symbol="s", symbolSize=7, antialias=False,
                  symbolBrush=pg.mkBrush(RED), symbolPen=pg.mkPen(None))
    w.viewport().repaint()
    by_pyqtgraph = image_array(w)
    item.setData([], [])
    canvas = SettledCanvas.for_plot(p)
    canvas.set_points("epochs", x[:3], y[:3], item.opts["pen"], symbol=Symbol.of(item))
    w.viewport().repaint()
    canvas.set_points("epochs", x, y, item.opts["pen"], symbol=Symbol.of(item), append_from=3)
    w.viewport().repaint()
    assert canvas.renders == 1 and canvas.strips == 1                 # the fourth epoch: a strip
    by_canvas = image_array(w)
    red = np.uint32(0xFFFF0000)
    assert np.count_nonzero(by_pyqtgraph == red) >= 4 * 30            # four filled squares
    assert np.count_nonzero(by_canvas == red) == np.count_nonzero(by_pyqtgraph == red)
    assert np.count_nonzero(by_canvas != by_pyqtgraph) <= 20
    assert pixel(canvas, p, 70, 8) == RED


def test_points_taken_afresh_but_only_added_to_draw_a_strip_and_curves_keep_the_plots_order(plot):
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    x = np.arange(0, 41, dtype=float)
    canvas.set_points("top", x, np.full(41, 5.0), pg.mkPen(BLUE, width=3), order=2)
    canvas.set_points("under", x, np.full(41, 5.0), pg.mkPen(RED, width=3), order=1)
    w.viewport().repaint()
    assert canvas.renders == 1 and pixel(canvas, p, 20, 5) == BLUE     # by order, not arrival
    x2 = np.arange(0, 61, dtype=float)
    canvas.set_points("top", x2, np.full(61, 5.0), pg.mkPen(BLUE, width=3))   # no append_from
    w.viewport().repaint()
    assert canvas.renders == 1 and canvas.strips == 1 and pixel(canvas, p, 55, 5) == BLUE
    canvas.set_points("top", x2, np.full(61, 6.0), pg.mkPen(BLUE, width=3))   # other points
    w.viewport().repaint()
    assert canvas.renders == 2 and pixel(canvas, p, 20, 5) == RED
