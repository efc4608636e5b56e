"""The guided start in the real window: the Start page opens the right panels, Help → Concepts
opens where a concept lives, and View offers the language."""
import pytest

from gui.run_state import RunState


@pytest.fixture
def window(new_window):
    w = new_window()
    w.controller.settings.epochs = 1
    return w


def on_top(w, name) -> bool:
    return w.panels[name].isVisible()


def test_start_page_is_the_first_tab_and_its_paths_open_their_panels(qtbot, window):
    start = window.panels["startDock"]
    qtbot.waitUntil(lambda: on_top(window, "startDock"))
    draw, train = start.path_buttons[0], start.path_buttons[1]
    draw.click()
    qtbot.waitUntil(lambda: on_top(window, "canvasDock"))
    assert not on_top(window, "startDock")
    with qtbot.waitSignal(window.controller.state_changed, timeout=5000):
        train.click()
    assert on_top(window, "metricsDock") and window.controller.state in (RunState.RUNNING, RunState.FINISHED)
    window.controller.stop(wait=True)


def test_help_concepts_opens_where_a_concept_lives(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and "Help" in a.text())
    concepts = next(a for a in help_menu.actions() if a.text().startswith("Concepts"))
    assert concepts.shortcut().toString() == "F1"
    concepts.trigger()
    dialog = window.concepts_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.open_requested.emit(("optimizerLabDock",))
    qtbot.waitUntil(lambda: on_top(window, "optimizerLabDock"))
    concepts.trigger()
    assert window.concepts_dialog is dialog            # one dialog, raised again


def test_view_menu_offers_the_language(window):
    view = window.view_menu
    languages = next(a.menu() for a in view.actions() if a.menu() and a.menu().objectName() == "languageMenu")
    assert [a.data() for a in languages.actions()] == ["system", "zh_CN", "en"]
