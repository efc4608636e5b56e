"""Panels cannot vanish: every registry row builds, a broken one is loud, a new one
plugs in by its registry row alone, and slots or signals of the wrong shape fail at start-up."""
import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from gui import panel_registry
from gui.main_window import MainWindow, PanelBuildError
from gui.panel_registry import PANELS, PanelEntry, PanelInterfaceError, check_interface


class DummyPanel(QWidget):
    """A layer-free panel: records what the main window feeds it."""

    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.models, self.states = [], []

    def set_model(self, spec, params):
        self.models.append(spec)

    def set_training_state(self, state):
        self.states.append(state)


class ShortSlot(QWidget):
    def update_snapshot(self, params):          # the main window passes (params, step)
        pass


class WrongSignal(QWidget):
    apply_requested = Signal(dict)              # the main window expects (spec, seed)


class NotASignal(QWidget):
    def snapshot_wanted(self):
        pass


def essential_rows():
    return [e for e in PANELS if e.object_name in panel_registry.REQUIRED]


def make_window(qtbot, monkeypatch, rows):
    monkeypatch.setattr(panel_registry, "PANELS", rows)
    w = MainWindow()
    qtbot.addWidget(w)
    return w


def view_menu_texts(w):
    return [a.text() for a in w.view_menu.actions()]


def test_every_registry_row_builds_and_is_in_the_view_menu(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.panel_errors == []
    assert list(w.docks) == [e.object_name for e in PANELS]
    for e in PANELS:
        assert type(w.panels[e.object_name]).__name__ == e.class_name
        assert w.docks[e.object_name].toggleViewAction() in w.view_menu.actions()
    assert len({e.object_name for e in PANELS}) == len(PANELS)


def test_a_mistyped_row_is_reported_in_a_dialog_and_the_window_goes_on(qtbot, monkeypatch):
    bad = PanelEntry("typoDock", "Typo", "gui.panels.wieghts_panel", "WeightsPanel")
    w = make_window(qtbot, monkeypatch, essential_rows() + [bad])
    assert [(entry, type(e)) for entry, e in w.panel_errors] == [(bad, ModuleNotFoundError)]
    assert "typoDock" not in w.docks and "Typo" not in view_menu_texts(w)
    w.show()
    qtbot.waitUntil(lambda: w.panel_error_box is not None and w.panel_error_box.isVisible(), timeout=5000)
    box = w.panel_error_box
    assert box.icon() == QMessageBox.Icon.Critical
    assert "typoDock (gui.panels.wieghts_panel.WeightsPanel): ModuleNotFoundError" in box.text()
    assert "typoDock" in w.statusBar().currentMessage()
    box.close()


def test_a_wrong_class_name_is_reported_too(qtbot, monkeypatch):
    bad = PanelEntry("typoDock", "Typo", "gui.panels.weights_panel", "WeightPanel")
    w = make_window(qtbot, monkeypatch, essential_rows() + [bad])
    w.quiet_errors = True
    assert [type(e) for _, e in w.panel_errors] == [AttributeError]
    w.show()
    qtbot.waitUntil(lambda: "typoDock" in w.statusBar().currentMessage(), timeout=5000)
    assert w.panel_error_box is None                  # quiet: no dialog


def test_a_broken_essential_panel_stops_the_window(qtbot, monkeypatch):
    rows = [PanelEntry("trainingDock", "Training", "gui.panels.training_panel", "TrainingPanl")] + \
        [e for e in PANELS if e.object_name == "metricsDock"]
    monkeypatch.setattr(panel_registry, "PANELS", rows)
    with pytest.raises(PanelBuildError, match="cannot work without these panels:\ntrainingDock"):
        MainWindow()
    # the window deletes itself (and the timers its panels run): the leak guard checks that


def test_a_new_panel_plugs_in_by_its_registry_row(qtbot, monkeypatch):
    row = PanelEntry("dummyDock", "Dummy panel", DummyPanel.__module__, "DummyPanel")
    w = make_window(qtbot, monkeypatch, essential_rows() + [row])
    assert w.panel_errors == []
    assert "Dummy panel" in view_menu_texts(w)
    dummy = w.panels["dummyDock"]
    assert w.controller.load_dataset("xor")
    assert len(dummy.models) == 1 and dummy.models[0]["input_shape"] == [2]
    dummy.status_message.emit("hello from the dummy")
    assert w.statusBar().currentMessage() == "hello from the dummy"
    c = w.controller
    assert c.start(paused=True) and c.stop(wait=True)
    c.reset_weights()
    assert dummy.states == ["paused", "finished", "idle"] and len(dummy.models) == 2


@pytest.mark.parametrize("cls, message", [
    (ShortSlot, r"ShortSlot.update_snapshot\(params\) does not fit the main window, which calls "
                r"update_snapshot\(params: 'dict\[str, np.ndarray\]', step: 'int', /\) -> 'None' "
                r"\(2 argument\(s\)\)"),
    (WrongSignal, r"WrongSignal.apply_requested is apply_requested\(QVariantMap\) but the main window "
                  r"expects apply_requested\(QVariantMap,int\)"),
    (NotASignal, r"NotASignal.snapshot_wanted should be a Signal snapshot_wanted\(\)"),
])
def test_slots_and_signals_of_the_wrong_shape_are_refused(qtbot, cls, message):
    panel = cls()
    qtbot.addWidget(panel)
    with pytest.raises(PanelInterfaceError, match=message):
        check_interface(panel)


def test_a_panel_with_a_wrong_slot_is_not_docked(qtbot, monkeypatch):
    row = PanelEntry("shortDock", "Short", ShortSlot.__module__, "ShortSlot")
    w = make_window(qtbot, monkeypatch, essential_rows() + [row])
    w.quiet_errors = True
    assert [type(e) for _, e in w.panel_errors] == [PanelInterfaceError]
    assert "shortDock" not in w.docks


def test_a_well_formed_panel_passes_the_check(qtbot):
    panel = DummyPanel()
    qtbot.addWidget(panel)
    check_interface(panel)
