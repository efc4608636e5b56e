"""The divergence bar: "halve and continue" while recovery may help, a clear give-up message
(and only "Stop") once the trainer gave up."""
import numpy as np

from core import Network, presets
from core.trainer import Config, Diverged, Trainer
from gui.divergence_bar import DivergenceBar


def _divergences(mnist):
    """The Diverged events of SGD at lr 1000 under the halve-and-continue policy, as the
    worker's ``diverged`` signal carries them."""
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, mnist, Config(epochs=2, optimizer="sgd", lr=1e3, max_train=2000,
                                    max_eval=100, evaluate_test=False))
    infos = []
    for ev in tr.run():
        if isinstance(ev, Diverged):
            infos.append({**ev.__dict__, "lr": tr.lr})
            tr.recover(tr.lr / 2)
    return infos


def test_the_bar_offers_halving_until_recovery_gives_up(qtbot, mnist, shot_dir):
    bar = DivergenceBar()
    qtbot.addWidget(bar)
    bar.resize(900, 60)
    infos = _divergences(mnist)
    *tries, last = infos
    assert tries and last["gave_up"]
    bar.show_divergence(tries[0])
    assert bar.isVisible() and bar.halve_button.isVisible()
    assert "lower learning rate" in bar.label.text() and "gave up" not in bar.label.text()
    bar.show_divergence(last)
    text = bar.label.text()
    assert not bar.halve_button.isVisible() and bar.stop_button.isVisible()
    assert f"Recovery gave up after {last['recoveries']} tries" in text
    assert "reset the weights" in text and "another optimizer" in text and "125" in text
    bar.grab().save(str(shot_dir / "divergence_bar_gave_up.png"))
    bar.show_divergence(tries[0])                  # a later run diverging: halving is offered again
    assert bar.halve_button.isVisible()


def test_vanished_gradients_are_named(qtbot):
    bar = DivergenceBar()
    qtbot.addWidget(bar)
    bar.show_divergence({"step": 20, "where": "every layer", "cause": "vanished", "loss": 0.914,
                         "lr": 100.0, "message": ""})
    assert "every layer's gradient vanished while the loss stayed at 0.914" in bar.label.text()
