"""LiveAxis draws what pyqtgraph's AxisItem draws, and a range change that leaves the label
and the labels' extent alone does not lay the plot out again."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter

from gui.widgets.live_axis import LiveAxis, share_layout
from tests.gui.axis_specs import specs as _specs


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


@pytest.mark.parametrize("log", [False, True])
def test_the_tick_values_equal_pyqtgraphs(qapp, log):
    axis = LiveAxis("bottom")
    axis.setLogMode(log)
    rng = np.random.default_rng(3)
    for _ in range(120):
        lo = rng.normal(scale=10.0 ** rng.integers(-5, 6))
        hi = lo + abs(rng.normal(scale=10.0 ** rng.integers(-5, 6)))
        size = float(rng.uniform(30, 1500))
        ours = axis.tickValues(lo, hi, size)
        theirs = pg.AxisItem.tickValues(axis, lo, hi, size)
        assert [s for s, _ in ours] == [s for s, _ in theirs]
        assert [v for _, v in ours] == [v for _, v in theirs]


def test_twin_axes_lay_out_once_and_draw_what_they_would_alone(qtbot, qapp, monkeypatch):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plots = [view.addPlot(row=r, col=0, axisItems={"bottom": LiveAxis("bottom")}) for r in range(3)]
    for plot in plots[1:]:
        plot.setXLink(plots[0])
    for plot in plots:
        plot.getAxis("left").setWidth(50)
    axes = [plot.getAxis("bottom") for plot in plots]
    share_layout(*axes)
    view.resize(500, 420)
    view.show()
    qtbot.waitExposed(view)
    computed = []
    original = LiveAxis.generateDrawSpecs
    monkeypatch.setattr(LiveAxis, "generateDrawSpecs",
                        lambda self, p: computed.append(self) or original(self, p))
    for end in (1000, 1090, 1234):
        plots[0].setXRange(0, end, padding=0)
        computed.clear()
        view.grab()
        assert len(computed) == 1                       # one layout for the three axes
        for axis in axes:
            assert axis._specs is axes[0]._specs
            alone = _specs(axis, original)
            assert alone[1:] == _specs_of(axis._specs)[1:]   # ticks and labels as if alone
            assert alone[2]                                  # it has labels


def _specs_of(specs):
    axis_spec, ticks, texts = specs
    pen, a, b = axis_spec
    return ((pen.color().rgba(), a.x(), a.y(), b.x(), b.y()),
            [(pen.color().rgba(), p1.x(), p1.y(), p2.x(), p2.y()) for pen, p1, p2 in ticks],
            [(r.x(), r.y(), r.width(), r.height(), int(flags), s) for r, flags, s in texts])
