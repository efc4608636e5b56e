"""LiveAxis draws what pyqtgraph's AxisItem draws, and a range change that leaves the label
and the labels' extent alone does not lay the plot out again."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter, QPicture

from gui.widgets.live_axis import LiveAxis, LiveAxisMixin, make_live


def _specs(axis, generate):
    picture = QPicture()
    painter = QPainter(picture)
    try:
        specs = generate(axis, painter)
    finally:
        painter.end()
    axis_spec, ticks, texts = specs
    pen, a, b = axis_spec
    return ((pen.color().rgba(), a.x(), a.y(), b.x(), b.y()),
            [(pen.color().rgba(), p1.x(), p1.y(), p2.x(), p2.y()) for pen, p1, p2 in ticks],
            [(r.x(), r.y(), r.width(), r.height(), int(flags), s) for r, flags, s in texts])


@pytest.fixture
def plot(qtbot):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    axes = {side: LiveAxis(side) for side in ("left", "bottom", "right", "top")}
    item = view.addPlot(axisItems=axes)
    item.showAxes(True)
    view.resize(520, 380)
    view.show()
    qtbot.waitExposed(view)
    return view, item


RANGES = [(0, 1004), (-54.8, 1057.8), (0.001, 0.0013), (-3e-7, 5e-7), (1e5, 3.2e6), (-2, 2), (7, 7.5)]


@pytest.mark.parametrize("x_range,y_range", list(zip(RANGES, RANGES[::-1], strict=True)))
def test_the_draw_specs_equal_pyqtgraphs(plot, qapp, x_range, y_range):
    view, item = plot
    item.setXRange(*x_range, padding=0)
    item.setYRange(*y_range, padding=0.02)
    qapp.processEvents()
    for side in ("left", "bottom", "right", "top"):
        axis = item.getAxis(side)
        ours = _specs(axis, LiveAxis.generateDrawSpecs)
        theirs = _specs(axis, pg.AxisItem.generateDrawSpecs)
        assert ours[1], f"{side}: no ticks at all"
        assert ours == theirs, side


def test_the_specs_match_with_a_grid_log_mode_and_fixed_ticks(plot, qapp):
    view, item = plot
    item.showGrid(x=True, y=True, alpha=0.3)
    item.setLogMode(y=True)
    item.setYRange(-6, -1)
    item.setXRange(-0.1, 1.1, padding=0)
    item.getAxis("bottom").setTicks([[(0.0, "zero"), (0.5, "half"), (1.0, "one")], [(0.25, "")]])
    qapp.processEvents()
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        ours = _specs(axis, LiveAxis.generateDrawSpecs)
        assert ours == _specs(axis, pg.AxisItem.generateDrawSpecs), side
    assert [t[-1] for t in _specs(item.getAxis("bottom"), LiveAxis.generateDrawSpecs)[2]] == \
        ["zero", "half", "one"]


@pytest.mark.parametrize("grid", [False, True])
def test_the_picture_is_pixel_for_pixel_pyqtgraphs(plot, qapp, grid):
    view, item = plot
    if grid:
        item.showGrid(x=True, y=True, alpha=0.25)
    item.setXRange(0, 1234, padding=0.05)
    item.setYRange(-0.3, 0.25)
    qapp.processEvents()

    def render(axis_class_paint):
        for side in ("left", "bottom", "right", "top"):
            item.getAxis(side).picture = None
        original = LiveAxis.generateDrawSpecs, LiveAxis.drawPicture, LiveAxis.paint
        if axis_class_paint is pg.AxisItem:
            LiveAxis.generateDrawSpecs = pg.AxisItem.generateDrawSpecs
            LiveAxis.drawPicture = pg.AxisItem.drawPicture
            LiveAxis.paint = pg.AxisItem.paint
        try:
            image = QImage(view.size(), QImage.Format.Format_ARGB32)
            image.fill(0xFFFFFFFF)
            painter = QPainter(image)
            view.render(painter)
            painter.end()
        finally:
            LiveAxis.generateDrawSpecs, LiveAxis.drawPicture, LiveAxis.paint = original
            for side in ("left", "bottom", "right", "top"):
                item.getAxis(side).picture = None
        return image

    ours, theirs = render(LiveAxis), render(pg.AxisItem)
    assert ours == theirs
    pixels = np.frombuffer(ours.constBits(), np.uint8).reshape(ours.height(), ours.width(), 4)
    assert (pixels[..., :3].max(axis=2) < 128).sum() > 500      # tick labels and lines were drawn


def test_a_range_change_keeps_the_label_and_the_layout(plot, qapp, monkeypatch):
    view, item = plot
    axis = item.getAxis("bottom")
    item.setLabel("bottom", "iteration")
    item.setXRange(0, 1000, padding=0)
    qapp.processEvents()
    view.grab()
    calls = []
    monkeypatch.setattr(axis.label, "setHtml", lambda html: calls.append(html))
    height = axis.height()
    for end in np.linspace(1010, 1500, 12):
        item.setXRange(0, end, padding=0)
        view.grab()
    assert calls == []                       # the label "iteration" did not change
    assert axis.height() == height
    assert axis.range[1] == pytest.approx(1500)
    # a range that takes an SI prefix does change the label
    item.setXRange(0, 3e9, padding=0)
    assert calls and "x1e+09" in calls[-1]


def test_make_live_upgrades_an_existing_axis_and_keeps_its_own_ticks(qtbot, qapp):
    class Percent(pg.AxisItem):
        def tickStrings(self, values, scale, spacing):
            return [f"{v:g} %" for v in values]

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    item = view.addPlot(axisItems={"left": Percent("left")})
    item.setYRange(0, 100)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    axis = make_live(item.getAxis("left"))
    assert axis is item.getAxis("left")
    assert isinstance(axis, Percent) and isinstance(axis, LiveAxisMixin)
    assert make_live(axis).__class__ is axis.__class__          # upgrading twice changes nothing
    axis.setWidth(70)
    qapp.processEvents()
    ours = _specs(axis, type(axis).generateDrawSpecs)
    assert ours == _specs(axis, pg.AxisItem.generateDrawSpecs)
    assert "40 %" in [t[-1] for t in ours[2]]
