"""The architecture panel driven through its widgets, with real data and real training."""
import copy

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDropEvent

from core import Network, Trainer, data, presets
from core import spec as spec_mod
from core.layers import settings_of
from core.trainer import Config, Done, Epoch
from gui.panels.architecture_panel import ArchitecturePanel
from gui.widgets.dimension_table import COLUMNS, shape_text
from gui.widgets.layer_list import ProblemRole


@pytest.fixture(scope="module")
def toy():
    return data.make_toy("xor")


@pytest.fixture
def panel(qtbot, mnist):
    p = ArchitecturePanel()
    qtbot.addWidget(p)
    p.set_dataset(mnist)
    p.resize(900, 700)
    return p


def select_preset(panel, key):
    combo = panel.preset_combo
    combo.setCurrentIndex(combo.findData(key))


def expected_spec(key, dataset):
    p = presets.get(key)
    return {"input_shape": list(dataset.input_shape), "layers": p["layers"], "loss": p["loss"]}


def kinds(panel):
    return [cfg["type"] for cfg in panel.current_spec()["layers"]]


@pytest.mark.parametrize("key", list(presets.PRESETS))
def test_every_preset_builds_through_the_combo(qtbot, panel, mnist, toy, key):
    dataset = toy if key == "toy" else mnist
    panel.set_dataset(dataset)
    select_preset(panel, key)
    assert panel.current_spec() == expected_spec(key, dataset)
    assert panel.problems() == []
    assert panel.apply_button.isEnabled()
    panel.seed_spin.setValue(7)
    with qtbot.waitSignal(panel.apply_requested) as blocker:
        qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    spec, seed = blocker.args
    assert spec == expected_spec(key, dataset)
    assert seed == 7
    spec_mod.validate(spec, dataset.n_classes)


def test_invalid_kernel_is_marked_and_blocks_apply(qtbot, panel):
    select_preset(panel, "cnn")
    panel.show()
    panel.select_layer(2)
    kernel = panel.form.editor("kernel")
    kernel.setValue(15)                                  # 15×15 on a 14×14 input
    message = "layer 2 (conv2d): kernel 15×15 is larger than its 14×14 input"
    assert panel.problems() == [(2, message)]
    assert message in panel.message.text() and panel.message.isVisible()
    item = panel.layer_list.item(2)
    assert item.data(ProblemRole) == message and item.toolTip() == message
    assert item.background().color().name() == "#fde8e0"          # the red tint of the marker
    assert panel.layer_list.item(1).background().color().alpha() == 0
    assert panel.layer_list.item(1).data(ProblemRole) is None
    assert not panel.apply_button.isEnabled()
    assert not panel.apply() and not panel.save_button.isEnabled()
    assert [c.kind for c in panel.diagram.columns()][-1] == "error"
    kernel.setValue(5)
    assert panel.problems() == []
    assert item.data(ProblemRole) is None
    assert panel.apply_button.isEnabled()
    assert "Valid" in panel.message.text()


def test_wrong_number_of_outputs_and_the_undo_of_each_keystroke(panel):
    select_preset(panel, "mlp")
    panel.select_layer(1)
    units = panel.form.editor("units")
    units.setValue(5)
    units.setValue(7)
    assert panel.layer_problem(1) == "layer 1 (dense): outputs 7 scores but the data has 10 classes"
    assert not panel.apply_button.isEnabled()
    panel.undo_stack.undo()                              # both keystrokes merged into one edit
    assert panel.current_spec()["layers"][1]["units"] == 10
    assert panel.apply_button.isEnabled()


def test_reorder_with_buttons_keys_and_the_model(qtbot, panel):
    select_preset(panel, "cnn")
    start = kinds(panel)
    panel.select_layer(0)
    qtbot.mouseClick(panel.down_button, Qt.MouseButton.LeftButton)
    assert kinds(panel) == [start[1], start[0]] + start[2:]
    assert panel.selected_row() == 1
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    assert kinds(panel) == start
    qtbot.keyClick(panel.layer_list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert kinds(panel) == [start[1], start[0]] + start[2:]
    panel.undo_stack.undo()
    assert kinds(panel) == start
    # what a drag and drop does: the list model moves row 4 (flatten) to the front
    model = panel.layer_list.model()
    assert model.moveRow(QModelIndex(), 4, QModelIndex(), 0)
    assert kinds(panel) == ["flatten"] + start[:4] + start[5:]
    assert [panel.layer_list.item(i).text().split()[0] for i in range(len(start))] == \
        [str(i) for i in range(len(start))]
    assert panel.problems()                              # conv after flatten is invalid
    panel.undo_stack.undo()
    assert kinds(panel) == start and not panel.problems()


def test_drag_and_drop_moves_the_layer(qtbot, panel):
    select_preset(panel, "cnn")
    panel.show()
    qtbot.waitExposed(panel)
    start = kinds(panel)
    lw = panel.layer_list
    panel.select_layer(0)
    mime = lw.model().mimeData([lw.model().index(0, 0)])
    target = lw.visualItemRect(lw.item(3))
    pos = QPointF(target.center().x(), target.bottom() - 2)    # lower half of row 3: after it
    ev = QDropEvent(pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    lw.dropEvent(ev)          # QApplication does not deliver a synthetic drop without a real drag
    assert kinds(panel) == start[1:4] + [start[0]] + start[4:]
    assert panel.selected_row() == 3 and lw.count() == len(start)
    assert ev.dropAction() == Qt.DropAction.IgnoreAction       # Qt must not remove the source row
    panel.undo_stack.undo()
    assert kinds(panel) == start


def test_delete_key_removes_and_undo_brings_it_back(qtbot, panel):
    select_preset(panel, "deep")
    before = panel.current_spec()
    panel.select_layer(2)
    qtbot.keyClick(panel.layer_list, Qt.Key.Key_Delete)
    assert len(panel.current_spec()["layers"]) == len(before["layers"]) - 1
    panel.undo_action.trigger()
    assert panel.current_spec() == before
    panel.redo_action.trigger()
    assert len(panel.current_spec()["layers"]) == len(before["layers"]) - 1


def test_removing_every_layer_leaves_a_hint_not_a_crash(qtbot, panel):
    select_preset(panel, "mlp")
    for _ in range(2):
        panel.select_layer(0)
        qtbot.keyClick(panel.layer_list, Qt.Key.Key_Delete)
    assert panel.current_spec()["layers"] == []
    assert panel.problems() == [(None, "The network has no layers: add one.")]
    assert not panel.apply_button.isEnabled() and panel.selected_row() is None
    assert panel.dims.table.rowCount() == 0 and panel.dims.hint.text()
    panel.grab()
    panel.add_layer("dense")
    assert panel.current_spec()["layers"] == [{"type": "dense", "units": 64, "activation": "relu"}]
    assert "outputs 64 scores but the data has 10 classes" in panel.message.text()


def test_add_change_type_and_settings(panel):
    select_preset(panel, "mlp")
    panel.select_layer(0)
    panel.add_layer("dropout")
    assert kinds(panel) == ["dense", "dropout", "dense"]
    assert panel.selected_row() == 1
    panel.form.editor("rate").setValue(0.25)
    assert panel.current_spec()["layers"][1] == {"type": "dropout", "rate": 0.25}
    combo = panel.form.type_combo
    combo.setCurrentIndex(combo.findData("batchnorm"))
    assert panel.current_spec()["layers"][1] == {"type": "batchnorm"}
    panel.select_layer(0)
    act = panel.form.editor("activation")
    act.setCurrentIndex(act.findData("tanh"))
    init = panel.form.editor("init")
    init.setCurrentIndex(init.findData("normal"))
    panel.form.editor("sigma").setValue(0.05)
    assert panel.current_spec()["layers"][0] == {"type": "dense", "units": 100, "activation": "tanh",
                                                 "init": "normal", "sigma": 0.05}
    act.setCurrentIndex(act.findData(None))              # identity: back to no activation key
    assert "activation" not in panel.current_spec()["layers"][0]
    assert not panel.problems()


def test_every_setting_explains_itself(panel):
    for key in presets.PRESETS:
        select_preset(panel, key)
        for row in range(panel.layer_list.count()):
            panel.select_layer(row)
            for name, setting in settings_of(panel.current_spec()["layers"][row]["type"]).items():
                editor = panel.form.editor(name)
                assert (editor is None) == setting.advanced, name
                assert editor is None or len(editor.toolTip()) > 30, name
    panel.select_layer(0)
    assert "ReLU" in panel.form.editor("init").toolTip()
    assert "padding" in panel.form.editor("padding").toolTip() if panel.form.editor("padding") else True


def test_loss_choice(panel):
    select_preset(panel, "mlp")
    panel.loss_combo.setCurrentIndex(panel.loss_combo.findData("mse"))
    assert panel.current_spec()["loss"] == "mse"
    panel.undo_stack.undo()
    assert panel.current_spec()["loss"] == "softmax_cross_entropy"


@pytest.mark.parametrize("key", ["mlp", "simple_conv_net"])
def test_apply_then_train_one_epoch_on_a_subset(qtbot, panel, mnist, key):
    select_preset(panel, key)
    with qtbot.waitSignal(panel.apply_requested) as blocker:
        panel.apply_button.click()
    spec, seed = blocker.args
    net = Network.from_spec(spec, rng=np.random.default_rng(seed))
    trainer = Trainer(net, mnist, Config(epochs=1, max_train=500, max_eval=200, batch_size=50))
    events = list(trainer.run())
    assert isinstance(events[-1], Done) and events[-1].reason == "completed"
    epoch = next(e for e in events if isinstance(e, Epoch))
    assert epoch.test_acc > 0.2                          # chance is 0.1
    panel.set_model(spec, net.snapshot())
    assert not panel.is_modified()
    assert panel.diagram.has_weights()


def test_apply_while_training_asks_first(qtbot, panel):
    select_preset(panel, "mlp")
    seen = []
    panel.stop_requested.connect(lambda: seen.append("stop"))
    panel.apply_requested.connect(lambda spec, seed: seen.append("apply"))
    panel.set_training_state("running")
    assert "stops training" in panel.apply_button.text()
    panel.confirm = lambda: False
    panel.apply_button.click()
    assert seen == []
    panel.confirm = lambda: True
    panel.apply_button.click()
    assert seen == ["stop", "apply"]
    panel.set_training_state("idle")
    panel.confirm = lambda: pytest.fail("must not ask when idle")
    panel.apply_button.click()
    assert seen == ["stop", "apply", "apply"]


def test_initializer_override_and_seed(qtbot, panel):
    select_preset(panel, "cnn")
    panel.init_combo.setCurrentIndex(panel.init_combo.findData("xavier"))
    panel.seed_spin.setValue(3)
    with qtbot.waitSignal(panel.apply_requested) as blocker:
        panel.apply_button.click()
    spec, seed = blocker.args
    assert seed == 3
    assert [c.get("init") for c in spec["layers"]] == [
        "xavier" if c["type"] in ("dense", "conv2d") else None for c in spec["layers"]]
    assert "init" not in panel.current_spec()["layers"][0]     # the editor keeps per-layer choices


@pytest.mark.parametrize("m", [1, 64])
def test_dimension_table_equals_core_for_every_preset(panel, mnist, toy, m):
    panel.set_batch_size(m)
    for key in presets.PRESETS:
        dataset = toy if key == "toy" else mnist
        panel.set_dataset(dataset)
        select_preset(panel, key)
        dims = panel.dims
        assert dims.m_spin.value() == m
        rows = spec_mod.dimension_table(panel.current_spec(), m)
        assert dims.table.rowCount() == len(rows) + 1                 # + the total row
        for r, row in enumerate(rows):
            for k in ("X", "W", "b", "Z", "A", "dW", "db"):
                assert dims.cell(r, k) == shape_text(row[k]), (key, r, k)
            assert dims.cell(r, "params") == f"{row['params']:,}"
            assert dims.cell(r, "index") == str(row["index"])
        total = sum(row["params"] for row in rows)
        assert dims.cell(len(rows), "params") == f"{total:,}"
        assert f"{total:,}" in dims.total.text()
    assert shape_text((64, 784)) == "(64, 784)" and shape_text((100,)) == "(100,)"
    assert set(COLUMNS) >= {"X", "W", "b", "Z", "A", "dW", "db", "params", "bytes"}


def test_batch_size_spin_updates_the_table(panel):
    select_preset(panel, "mlp")
    panel.dims.m_spin.setValue(32)
    assert panel.dims.cell(0, "Z") == "(32, 100)"
    assert panel.dims.cell(0, "bytes") == "306.6 KiB"                # 78,500 × 4 bytes


def test_bad_json_files_leave_the_editor_unchanged(panel, tmp_path):
    select_preset(panel, "cnn")
    panel.select_layer(3)
    before, undo_count = panel.current_spec(), panel.undo_stack.count()
    bad = {
        "broken.json": ('{"layers": [', "not valid JSON"),
        "unknown.json": ('{"input_shape": [2], "layers": [{"type": "dense2", "units": 3}]}',
                         "unknown layer type 'dense2'"),
        "kernel.json": ('{"input_shape": [1, 8, 8], "layers": [{"type": "conv2d", "filters": 2, '
                        '"kernel": 9}, {"type": "flatten"}, {"type": "dense", "units": 10}]}',
                        "kernel 9×9 is larger than its 8×8 input"),
        "list.json": ("[1, 2, 3]", "must be a JSON object"),
        "binary.json": (b"\xff\xfe\x00garbage", "not a text (JSON) file"),
    }
    for name, (content, problem) in bad.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        assert not panel.load_spec_file(str(path))
        assert str(path) in panel.last_error and problem in panel.last_error, panel.last_error
        assert panel.current_spec() == before
        assert panel.undo_stack.count() == undo_count and panel.selected_row() == 3
    assert not panel.load_spec_file(str(tmp_path / "missing.json"))
    assert "missing.json" in panel.last_error and panel.current_spec() == before


def test_save_and_load_round_trip(panel, tmp_path):
    select_preset(panel, "simple_conv_net")
    panel.set_layer_setting(0, "stride", 2)
    saved = panel.current_spec()
    path = tmp_path / "arch.json"
    assert panel.save_spec_file(str(path))
    assert spec_mod.parse(path.read_text(encoding="utf-8")) == saved
    select_preset(panel, "mlp")
    assert panel.load_spec_file(str(path))
    assert panel.current_spec() == saved
    assert panel.preset_combo.currentData() is None          # no longer a preset
    panel.undo_stack.undo()
    assert kinds(panel) == ["dense", "dense"]
    assert panel.preset_combo.currentData() == "mlp"


def test_dataset_sets_input_shape_and_output_units(panel, toy):
    select_preset(panel, "mlp")
    panel.set_dataset(toy)
    spec = panel.current_spec()
    assert spec["input_shape"] == [2] and spec["layers"][-1]["units"] == 2
    assert "xor" in panel.input_label.text()
    assert not panel.problems()
    select_preset(panel, "cnn")                          # a CNN cannot read 2 features
    assert panel.problems()[0][1].startswith("layer 0 (conv2d): needs image input")
    assert not panel.apply_button.isEnabled()


def test_set_model_loads_editor_and_diagram(panel, toy):
    panel.set_dataset(toy)
    spec = copy.deepcopy(presets.get("toy"))        # with its "name", as the controller sends it
    spec["layers"][0]["units"] = 5
    net = Network.from_spec(spec, rng=np.random.default_rng(1))
    panel.set_model(spec, net.snapshot())
    assert panel.current_spec() == {k: v for k, v in spec_mod.validate(spec).items() if k != "name"}
    assert panel.diagram.has_weights() and not panel.is_modified()
    assert "Not built" not in panel.message.text()
    panel.set_layer_setting(0, "units", 6)               # edited: no longer the built model
    assert panel.is_modified() and not panel.diagram.has_weights()
    assert "Apply" in panel.message.text()
    panel.undo_stack.undo()
    assert panel.diagram.has_weights()


def test_snapshot_requests_are_throttled_and_only_while_visible_and_running(qtbot, panel):
    from gui.throttle import draw_budget
    assert panel.poller.timer.interval() == round(1000 / draw_budget().rate)   # once a frame
    panel.set_training_state("running")
    with qtbot.assertNotEmitted(panel.snapshot_wanted, wait=400):    # hidden
        pass
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.snapshot_wanted, timeout=2000):
        pass
    panel.set_training_state("paused")
    with qtbot.assertNotEmitted(panel.snapshot_wanted, wait=400):
        pass


def test_narrow_dock_stacks_editor_above_the_views(qtbot, panel):
    panel.show()
    panel.resize(420, 800)
    qtbot.waitUntil(lambda: panel.splitter.orientation() == Qt.Orientation.Vertical)
    assert panel.width() == 420
    panel.resize(900, 700)
    qtbot.waitUntil(lambda: panel.splitter.orientation() == Qt.Orientation.Horizontal)
