"""SlidingAxis: moving the last layout along gives LiveAxis's own layout, for small moves (taken
that way) and for moves that add or drop ticks or labels (laid out anew)."""
import numpy as np
import pyqtgraph as pg
import pytest

from gui import style
from gui.widgets.live_axis import LiveAxis
from gui.widgets.sliding_axis import SlidingAxis
from tests.gui.axis_specs import specs as _specs


def _colour_bar(qtbot):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot()
    image = pg.ImageItem(np.random.default_rng(0).normal(size=(20, 20)))
    plot.addItem(image)
    bar = pg.ColorBarItem(values=(-1, 1), colorMap=style.diverging_colormap(), interactive=False,
                          width=14, colorMapMenu=False, label="w")
    bar.setImageItem(image, insert_in=plot)
    axis = SlidingAxis("right")                 # as the weights panel sets it up
    bar.setAxisItems({"right": axis})
    axis.setWidth(45)
    axis.setStyle(showValues=True)
    axis.unlinkFromView()
    bar.axis = axis
    view.resize(640, 400)
    view.show()
    qtbot.waitExposed(view)
    return view, bar, axis


def _plot(qtbot, side):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot(axisItems={side: SlidingAxis(side)})
    view.resize(520, 300)
    view.show()
    qtbot.waitExposed(view)
    return view, plot.getAxis(side)


def _walk(seed, step):
    """Symmetric levels that drift a little each frame, with a few jumps."""
    rng = np.random.default_rng(seed)
    top = 0.13
    for k in range(150):
        top *= 1.0 + rng.normal(0, step)
        if k in (40, 90):
            top *= 3.7
        if k == 120:
            top /= 11
        yield -top, top


@pytest.mark.parametrize("seed, step", [(0, 0.004), (1, 0.004), (2, 0.012), (3, 0.012)])
def test_the_colour_bar_axis_lays_out_as_live_axis(qtbot, qapp, monkeypatch, seed, step):
    view, bar, axis = _colour_bar(qtbot)
    laid_out = []
    original = LiveAxis.generateDrawSpecs

    def counting(self, p):
        laid_out.append(1)
        return original(self, p)

    monkeypatch.setattr(LiveAxis, "generateDrawSpecs", counting)
    n = 0
    for lo, hi in _walk(seed, step):
        bar.setLevels((lo, hi))
        qapp.processEvents()
        ours = _specs(axis, SlidingAxis.generateDrawSpecs)
        theirs = _specs(axis, original)
        assert ours == theirs, (lo, hi)
        n += 1
    assert len(laid_out) < n / 3                 # most frames moved the last layout along
    assert len(laid_out) >= 4                    # the jumps were laid out anew


@pytest.mark.parametrize("side", ["left", "bottom"])
def test_a_plot_axis_lays_out_as_live_axis(qtbot, qapp, side):
    view, axis = _plot(qtbot, side)
    rng = np.random.default_rng(5)
    lo, hi = 0.0, 1004.0
    for k in range(120):
        lo += rng.normal(0, 3)
        hi += rng.normal(0, 3) + (400 if k % 37 == 0 else 0)
        axis.setRange(lo, hi)
        qapp.processEvents()
        assert _specs(axis, SlidingAxis.generateDrawSpecs) == _specs(axis, LiveAxis.generateDrawSpecs)
    axis.setStyle(tickLength=-9)                 # a style change lays it out anew
    axis.setRange(lo, hi + 1e-3)
    assert _specs(axis, SlidingAxis.generateDrawSpecs) == _specs(axis, LiveAxis.generateDrawSpecs)
