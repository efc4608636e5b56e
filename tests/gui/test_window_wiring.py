"""Panels reach each other through the main window: a connection clicked in the architecture
diagram becomes the weight to nudge; File → Export ONNX… is in the menu."""


def test_a_weight_clicked_in_the_diagram_is_the_one_to_nudge(new_window):
    w = new_window()
    w.panels["architectureDock"].weight_picked.emit("0.W", (3, 5))
    assert w.panels["nudgeWeightDock"].current() == ("0.W", (3, 5))
    assert "0.W" in w.statusBar().currentMessage()


def test_file_menu_offers_onnx_export(new_window):
    w = new_window()
    file_menu = w.menuBar().actions()[0].menu()
    assert w.actions_by_id["export_onnx"] in file_menu.actions()
    assert "ONNX" in w.actions_by_id["export_onnx"].toolTip()
