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


@pytest.fixture
def training():
    """The draw budget active, as while a run trains."""
    from gui.throttle import draw_budget
    draw_budget().set_active(True)
    yield
    draw_budget().set_active(False)


def test_while_training_a_new_view_shows_the_old_image_mapped_then_draws_it_in_bands(
        plot, training, qtbot, monkeypatch):
    import gui.settled_canvas as sc
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    x = np.arange(0, 51, dtype=float)
    canvas.set_points("a", x, np.full(51, 5.0), pg.mkPen(RED, width=1))
    w.viewport().repaint()
    assert canvas.renders == 1
    monkeypatch.setattr(sc, "PIECE_POINTS", 20)             # 51 points: three bands
    bands = []
    draw = canvas._draw
    monkeypatch.setattr(canvas, "_draw",
                        lambda image, rect, clear: (bands.append(rect), draw(image, rect, clear)))
    p.setXRange(0, 200, padding=0)                           # the axis grows
    w.viewport().repaint()
    assert canvas.renders == 1 and canvas.mapped == 1        # not drawn in the paint: mapped
    shown = image_array(w)                                   # the old line where it lies now
    at = w.mapFromScene(p.vb.childGroup.mapToScene(pg.Point(25, 5)))
    assert shown[at.y(), at.x()] == np.uint32(0xFFFF0000)
    beyond = w.mapFromScene(p.vb.childGroup.mapToScene(pg.Point(75, 5)))
    assert shown[beyond.y(), beyond.x()] != np.uint32(0xFFFF0000)   # (it ends at 50)
    qtbot.waitUntil(lambda: canvas.renders == 2)             # then drawn, in passes of their own
    assert len(bands) == 3
    assert bands[0].left() == 0 and bands[-1].right() == pytest.approx(canvas.boundingRect().width())
    assert all(a.right() == pytest.approx(b.left()) for a, b in zip(bands, bands[1:], strict=False))
    assert pixel(canvas, p, 25, 5) == RED and pixel(canvas, p, 75, 5).alpha() == 0


def test_points_set_while_the_new_image_is_drawn_begin_it_again_and_are_in_it(plot, training, qtbot,
                                                                              monkeypatch):
    from PySide6.QtCore import QTimer

    import gui.settled_canvas as sc
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    x = np.arange(0, 51, dtype=float)
    canvas.set_points("a", x, np.full(51, 5.0), pg.mkPen(RED, width=1))
    w.viewport().repaint()
    monkeypatch.setattr(sc, "PIECE_POINTS", 20)
    x2 = np.arange(0, 151, dtype=float)
    midway = []

    def more_points():             # new points arrive between the first band and the second
        midway.append(canvas._next is not None)
        canvas.set_points("a", x2, np.full(151, 5.0), pg.mkPen(RED, width=1), append_from=51)
        midway.append(canvas._next is None)

    draw = canvas._draw

    def spy(image, rect, clear):
        draw(image, rect, clear)
        if not midway and canvas._next is not None:
            QTimer.singleShot(0, more_points)             # due before the next band's pass
    monkeypatch.setattr(canvas, "_draw", spy)
    p.setXRange(0, 200, padding=0)
    w.viewport().repaint()
    qtbot.waitUntil(lambda: len(midway) == 2 and canvas.renders == 2 and not canvas._stale)
    assert midway == [True, True]                         # begun again after the new points
    assert pixel(canvas, p, 25, 5) == RED and pixel(canvas, p, 140, 5) == RED


def test_not_training_the_paint_draws_the_new_image_at_once(plot):
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    x = np.arange(0, 51, dtype=float)
    canvas.set_points("a", x, np.full(51, 5.0), pg.mkPen(RED, width=1))
    w.viewport().repaint()
    p.setXRange(0, 200, padding=0)
    w.viewport().repaint()
    assert canvas.renders == 2 and canvas.mapped == 0


def test_wide_lines_are_drawn_from_segments_that_live_while_they_are_drawn(plot, monkeypatch):
    """pyqtgraph's segments hand Qt a pointer into their own memory: freed before the drawing
    (a temporary), the memory was reused and lines ran from the corner (seen while training)."""
    import gui.settled_canvas as sc
    kept = []

    class ReusedWhenFreed:
        def __init__(self, segments):
            self.segments = segments

        def drawargs(self):
            return self.segments.drawargs()

        def __del__(self):                       # what reuse of freed memory may do to it
            self.segments.ndarray()[:] = 0
            kept.append(self.segments)           # (kept: no real use after free in the test)
    make = sc.arrayToLineSegments
    monkeypatch.setattr(sc, "arrayToLineSegments", lambda *a: ReusedWhenFreed(make(*a)))
    w, p = plot
    canvas = SettledCanvas.for_plot(p)
    x = np.arange(20, 81, dtype=float)
    canvas.set_points("a", x, np.full(61, 5.0), pg.mkPen(RED, width=2))
    w.viewport().repaint()
    assert canvas.renders == 1 and kept
    assert pixel(canvas, p, 50, 5) == RED                 # the line where it lies
    assert pixel(canvas, p, 0, 10).alpha() == 0           # nothing from the corner
