"""The layer form: one editor per setting of the selected layer, an activation plot for
layers that have an activation."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from gui.widgets.layer_editor import LayerForm


def test_activation_plot_follows_the_layer_and_never_becomes_a_window(qtbot):
    form = LayerForm()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.set_layer(0, {"type": "dense", "units": 10, "activation": "relu"})
    assert form.act_plot.parent() is not None
    # rebuilt twice before the event loop runs (as an undo or a drop does): the plot is
    # taken out again for a layer without an activation
    form.set_layer(1, {"type": "dense", "units": 20, "activation": "tanh"})
    form.set_layer(2, {"type": "maxpool", "size": 2})
    QApplication.processEvents()
    assert form.act_plot.parent() is None and not form.act_plot.isVisible()
    strays = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is form.act_plot]
    assert strays == []
    form.set_layer(3, {"type": "dense", "units": 5, "activation": "sigmoid"})
    QApplication.processEvents()
    assert form.act_plot.parent() is not None and form.act_plot.isVisible()
    assert form.editor("units").value() == 5
