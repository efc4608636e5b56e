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


def test_a_searchs_best_trial_becomes_the_training_settings(new_window):
    w = new_window()
    w.panels["searchDock"].settings_requested.emit({"optimizer": "sgd", "lr": 0.0092, "weight_decay": 1.8e-6})
    s = w.controller.settings
    assert (s.optimizer, s.lr, s.weight_decay) == ("sgd", 0.0092, 1.8e-6)
    training = w.panels["trainingDock"]
    assert training.optimizer.currentData() == "sgd" and training.lr.value() == 0.0092
    assert training.weight_decay.value() == 1.8e-6        # shown, not rounded to 0.00000
