"""The init-experiment panel plots exactly core.init_experiment's histograms for the chosen settings."""
import numpy as np
import pytest

from core import init_experiment
from gui.panels.init_experiment_panel import InitExperimentPanel


def expected_counts(init, activation, sigma, seed):
    acts = init_experiment.init_experiment(init, activation, sigma=sigma, rng=np.random.default_rng(seed))
    return init_experiment.experiment_histograms(acts, activation)


def plotted(panel):
    return [np.asarray(b.opts["height"]) for b in panel.bars]


@pytest.fixture
def panel(qtbot):
    p = InitExperimentPanel()
    qtbot.addWidget(p)
    p.resize(900, 650)
    with qtbot.waitSignal(p.updated, timeout=5000):
        p.show()
    return p


def change(qtbot, panel, action):
    with qtbot.waitSignal(panel.updated, timeout=5000):
        action()
    qtbot.waitUntil(lambda: not panel.task.busy)


def assert_shows(panel, init, activation, sigma):
    s = panel.settings()
    assert (s["init"], s["activation"]) == (init, activation)
    assert s["sigma"] == pytest.approx(sigma)
    ref = expected_counts(init, activation, sigma, s["seed"])
    for shown, counts in zip(plotted(panel), ref["counts"], strict=True):
        np.testing.assert_array_equal(shown, counts)
    np.testing.assert_allclose(panel.bars[0].opts["x0"], ref["edges"][:-1])


def test_starts_with_the_books_sigma_1_sigmoid_u_shape(panel):
    assert panel.objectName() == "initExperimentPanel"
    assert [p.titleLabel.text for p in panel.plots] == [f"layer {i}" for i in range(1, 6)]
    assert_shows(panel, "normal", "sigmoid", 1.0)
    for counts in plotted(panel):                         # U shape: the end bins hold the most
        assert counts[0] > 5 * counts[15] and counts[-1] > 5 * counts[15]
    assert "0 and 1" in panel.explanation.text()


def test_changing_init_and_activation_replots_the_core_histograms(qtbot, panel):
    change(qtbot, panel, lambda: panel.init_box.setCurrentIndex(1))       # σ = 0.01
    assert_shows(panel, "normal", "sigmoid", 0.01)
    for counts in plotted(panel):                         # a spike at 0.5
        assert counts[14:16].sum() > 0.8 * counts.sum()
    assert "0.5" in panel.explanation.text()
    change(qtbot, panel, lambda: panel.init_box.setCurrentIndex(2))       # Xavier
    assert_shows(panel, "xavier", "sigmoid", 0.1)
    assert panel.sigma_spin.value() == pytest.approx(0.1)
    assert "spread out" in panel.explanation.text()
    change(qtbot, panel, lambda: panel.act_box.setCurrentIndex(2))        # ReLU
    assert_shows(panel, "xavier", "relu", 0.1)
    assert "narrower" in panel.explanation.text() and panel.note.isVisibleTo(panel)
    change(qtbot, panel, lambda: panel.init_box.setCurrentIndex(3))       # He
    assert_shows(panel, "he", "relu", np.sqrt(2 / 100))
    assert "same spread" in panel.explanation.text()


def test_sigma_spin_and_slider_make_a_custom_sigma(qtbot, panel):
    change(qtbot, panel, lambda: panel.act_box.setCurrentIndex(1))        # tanh
    change(qtbot, panel, lambda: panel.sigma_spin.setValue(0.05))
    assert panel.init_box.currentIndex() == 4                             # "custom σ"
    assert panel.sigma_slider.value() == round(100 * np.log10(0.05))
    assert_shows(panel, "normal", "tanh", 0.05)
    change(qtbot, panel, lambda: panel.sigma_slider.setValue(50))         # 10^0.5
    assert panel.sigma_spin.value() == pytest.approx(3.16)
    assert_shows(panel, "normal", "tanh", 3.16)
    assert "−1 and 1" in panel.explanation.text()
    change(qtbot, panel, lambda: panel.sigma_slider.setValue(0))          # exactly σ = 1
    assert panel.init_box.currentIndex() == 0


def test_new_inputs_draw_a_new_sample(qtbot, panel):
    before = plotted(panel)
    change(qtbot, panel, panel.resample_button.click)
    assert panel.settings()["seed"] == 1
    assert any((a != b).any() for a, b in zip(before, plotted(panel), strict=True))
    assert_shows(panel, "normal", "sigmoid", 1.0)


def test_narrow_dock_wraps_the_histograms_onto_two_rows(qtbot, panel):
    panel.resize(480, 700)
    qtbot.waitUntil(lambda: panel._columns == 3)
    rows = {round(p.pos().y()) for p in panel.plots}
    assert len(rows) == 2
