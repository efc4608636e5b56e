"""GridAxis fills its grid lines as one-pixel rectangles: the same pixels as LiveAxis's lines."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter

from gui.widgets.grid_axis import GridAxis
from gui.widgets.live_axis import LiveAxis

SIDES = ("left", "bottom", "right", "top")


@pytest.fixture
def plot(qtbot):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    item = view.addPlot(axisItems={side: GridAxis(side) for side in SIDES})
    item.showAxes(True)
    item.showGrid(x=True, y=True, alpha=0.25)
    item.addItem(pg.BarGraphItem(x=np.arange(12), height=np.linspace(-0.3, 0.25, 12), width=0.8,
                                 brush="r", pen=None))
    view.show()
    qtbot.waitExposed(view)
    return view, item


def _render(view, item, draw, shift=(0.0, 0.0)):
    original = GridAxis.drawPicture
    GridAxis.drawPicture = draw
    try:
        for side in SIDES:
            item.getAxis(side).picture = None
        image = QImage(view.size(), QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        painter.translate(*shift)
        view.render(painter)
        painter.end()
    finally:
        GridAxis.drawPicture = original
        for side in SIDES:
            item.getAxis(side).picture = None
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()


@pytest.mark.parametrize("size, x_range, y_range, shift", [
    ((520, 380), (0, 11), (-0.3, 0.25), (0.0, 0.0)),
    ((517, 203), (-0.6, 11.4), (-0.0317, 0.0291), (0.0, 0.0)),
    ((640, 90), (-3.3, 17.7), (-1.07e-3, 2.3e-3), (0.37, 0.71)),
    ((300, 301), (2.5, 5.25), (-7.0, 3.3), (0.5, 0.5)),
])
def test_the_grid_is_pixel_for_pixel_the_lines(plot, qapp, size, x_range, y_range, shift):
    view, item = plot
    view.resize(*size)
    item.setXRange(*x_range, padding=0.05)
    item.setYRange(*y_range, padding=0.05)
    qapp.processEvents()
    ours = _render(view, item, GridAxis.drawPicture, shift)
    lines = _render(view, item, LiveAxis.drawPicture, shift)
    assert np.array_equal(ours, lines)
    grey = (ours[..., :3].min(axis=2) < 250) & (np.ptp(ours[..., :3], axis=2) == 0)
    assert grey.sum() > 3 * min(size)               # grid lines (grey) were drawn


def test_the_grid_lines_take_the_filled_path(plot, qapp, monkeypatch):
    view, item = plot
    view.resize(400, 300)
    qapp.processEvents()
    passed_on = []
    original = LiveAxis.drawPicture

    def spy(self, p, axis_spec, ticks, texts):
        passed_on.append(len(ticks))
        return original(self, p, axis_spec, ticks, texts)

    monkeypatch.setattr(LiveAxis, "drawPicture", spy)
    for side in SIDES:
        item.getAxis(side).picture = None
    view.grab()
    assert len(passed_on) == 4 and passed_on == [0, 0, 0, 0]    # no tick left for drawLines


def test_without_a_grid_it_draws_as_live_axis(plot, qapp):
    view, item = plot
    item.showGrid(x=False, y=False)
    view.resize(400, 300)
    qapp.processEvents()
    assert np.array_equal(_render(view, item, GridAxis.drawPicture),
                          _render(view, item, LiveAxis.drawPicture))
