"""The boundary heatmap and the neuron pictures: orientation, colours, discretised output."""
import numpy as np
from PySide6.QtGui import QColor

from gui.widgets.boundary_plot import CLASS_COLORS, BoundaryPlot, diverging_lut
from gui.widgets.neuron_pictures import NeuronPictures, to_image


def test_lut_runs_from_class_0_through_white_to_class_1():
    lut = diverging_lut()
    assert tuple(lut[0, :3]) == QColor(CLASS_COLORS[0]).getRgb()[:3]
    assert tuple(lut[-1, :3]) == QColor(CLASS_COLORS[1]).getRgb()[:3]
    assert lut[127, :3].min() >= 250                       # the middle is (nearly) white
    pale = diverging_lut(0.45)
    assert pale[0, :3].sum() > lut[0, :3].sum()              # paler at the ends


def test_picture_puts_the_first_row_at_the_bottom():
    values = np.zeros((4, 4))
    values[0] = -1.0                                         # lowest x₂: class-0 colour
    values[-1] = 1.0                                         # highest x₂: class-1 colour
    image = to_image(values, 1.0)
    assert image.pixelColor(0, 0).name() == QColor(CLASS_COLORS[1]).name()
    assert image.pixelColor(0, 3).name() == QColor(CLASS_COLORS[0]).name()


def test_boundary_plot_shows_the_output_or_its_sides(qtbot):
    plot = BoundaryPlot(extent=1.0)
    qtbot.addWidget(plot)
    proba = np.linspace(0, 1, 16, dtype=np.float32).reshape(4, 4)
    plot.set_output(proba)
    np.testing.assert_array_equal(plot.output(), proba)
    plot.set_discrete(True)
    np.testing.assert_array_equal(plot.output(), (proba > 0.5).astype(np.float32))
    rect = plot.image.mapRectToParent(plot.image.boundingRect())
    assert (rect.left(), rect.top(), rect.width(), rect.height()) == (-1.0, -1.0, 2.0, 2.0)
    plot.set_points(np.zeros((3, 2)), np.array([0, 1, 1]))
    assert len(plot.train_points.data) == 3 and len(plot.test_points.data) == 0


def test_neuron_pictures_without_a_network_say_so(qtbot, shot_dir):
    pics = NeuronPictures()
    qtbot.addWidget(pics)
    pics.resize(300, 200)
    assert pics.pictures() == [] and pics.tile_at(pics.rect().center().toPointF()) is None
    pics.grab().save(str(shot_dir / "neuron_pictures_empty.png"))
    g = np.zeros((2, 3, 3))
    pics.set_pictures(["a", "b"], g, [np.ones((3, 3, 3))], np.full((3, 3), 0.5), [np.ones((2, 3)),
                                                                                 np.ones((3, 1))])
    assert len(pics.pictures()) == 1 and pics.tile_at(pics.tile_rect(1, 2).center()) == (1, 2)
    assert pics.caption(0, 1) == "Input b" and pics.caption(2, 0) == "Output: P(class 1)"
