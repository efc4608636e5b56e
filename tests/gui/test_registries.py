"""A concept added to its registry in core/ alone shows up everywhere it should.

Each test adds a dummy entry (monkeypatched, so nothing else sees it) and checks the GUI and the
CLI without touching any other file: that is what "one home per concept" means.
"""
import numpy as np
import pytest

from core import activations, cli, optimizers, surfaces
from core.layers import LAYER_TYPES
from core.optimizers import SGD
from core.spec import validate
from gui.panels.optimizer_lab_panel import OptimizerLabPanel
from gui.panels.optimizer_race_panel import OptimizerRacePanel
from gui.panels.training_panel import TrainingPanel
from gui.widgets.layer_editor import LayerForm
from gui.widgets.network_diagram import NetworkDiagram


class HalfSGD(SGD):
    """SGD at half the step: a stand-in for a newly written optimizer."""

    name = "half_sgd"
    label = "Half SGD"
    rule = "W ← W − (η/2) ∂L/∂W"
    help = "Plain SGD with half the step."
    default_lr, book_lr, race_lr, in_book = 0.2, 0.5, 0.02, False

    def _step(self, key, p, g):
        p -= 0.5 * self.lr * g


class Softsign(activations.Activation):
    """f(z) = z / (1 + |z|): a stand-in for a newly written activation."""

    name = "softsign"
    label = "softsign"
    formula = "f(z) = z / (1 + |z|)"
    derivative = "f′(z) = 1 / (1 + |z|)²"
    help = "A gentler tanh."

    def forward(self, z):
        self.z = z
        return z / (1 + np.abs(z))

    def backward(self, da):
        return da / (1 + np.abs(self.z)) ** 2

    @staticmethod
    def f(x):
        x = np.asarray(x, dtype=float)
        return x / (1 + np.abs(x))

    @staticmethod
    def df(x):
        return 1 / (1 + np.abs(np.asarray(x, dtype=float))) ** 2


@pytest.fixture
def half_sgd(monkeypatch):
    monkeypatch.setitem(optimizers.OPTIMIZERS, HalfSGD.name, HalfSGD)
    return HalfSGD.name


@pytest.fixture
def softsign(monkeypatch):
    monkeypatch.setitem(activations.ACTIVATIONS, Softsign.name, Softsign)
    return Softsign.name


def test_a_new_optimizer_reaches_core_and_the_cli(half_sgd):
    opt = optimizers.make(half_sgd)
    assert isinstance(opt, HalfSGD) and opt.lr == HalfSGD.default_lr
    assert surfaces.preset("book")[half_sgd] == HalfSGD.book_lr
    # a surface with tuned rates for the others gives the newcomer its book rate
    assert surfaces.preset("tuned", surfaces.SURFACES["rosenbrock"])[half_sgd] == HalfSGD.book_lr
    paths = surfaces.race(surfaces.SURFACES["book"], surfaces.preset("book"))
    assert half_sgd in paths and len(paths[half_sgd].points) == 31
    args = cli._parser().parse_args(["train", "--optimizer", half_sgd])
    assert args.optimizer == half_sgd


def test_a_new_optimizer_shows_up_in_every_panel(qtbot, half_sgd):
    training = TrainingPanel()
    qtbot.addWidget(training)
    i = training.optimizer.findData(half_sgd)
    assert i >= 0 and training.optimizer.itemText(i) == "Half SGD"

    lab = OptimizerLabPanel()
    qtbot.addWidget(lab)
    assert half_sgd in lab.checks and lab.checks[half_sgd].text() == "Half SGD"
    assert "(η/2)" in lab.checks[half_sgd].toolTip()
    assert lab.learning_rates().get(half_sgd, HalfSGD.book_lr) == HalfSGD.book_lr

    race = OptimizerRacePanel()
    qtbot.addWidget(race)
    assert half_sgd in race.checks and race.lr_spins[half_sgd].value() == pytest.approx(HalfSGD.race_lr)


def test_a_new_activation_reaches_the_spec_the_editor_and_the_diagram(qtbot, softsign):
    spec = validate({"input_shape": [2], "layers": [{"type": "dense", "units": 3, "activation": softsign},
                                                   {"type": "dense", "units": 2}]})
    form = LayerForm()
    qtbot.addWidget(form)
    form.set_layer(0, spec["layers"][0])
    combo = form.editor("activation")
    assert combo.findData(softsign) >= 0 and combo.currentData() == softsign
    np.testing.assert_allclose(form.act_plot.curves()[0], Softsign.f(form.act_plot.X))

    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    diagram.set_spec(spec)
    assert any(c.subtitle == "softsign" for c in diagram.columns())


def test_every_layer_kind_offers_its_settings_in_the_editor(qtbot):
    form = LayerForm()
    qtbot.addWidget(form)
    kinds = [form.type_combo.itemData(i) for i in range(form.type_combo.count())]
    assert kinds == list(LAYER_TYPES)
    for kind, cls in LAYER_TYPES.items():
        cfg = {"type": kind, **{s.name: s.initial for s in cls.SETTINGS if s.initial is not None}}
        form.set_layer(0, cfg)
        shown = {s.name for s in cls.SETTINGS if not s.advanced}
        assert {key for key in shown if form.editor(key) is not None} == shown, kind
