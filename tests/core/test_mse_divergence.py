"""Mean squared error on softmax outputs is bounded, so a too-large learning rate never makes
its loss explode: the outputs saturate, every gradient vanishes and the run sat at chance,
reported as completed (0 of 18 runs diverged before). Now that is a divergence too."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core import Network, optimizers, presets
from core.divergence import GRAD_VANISHED
from core.trainer import VANISHED, Config, Diverged, Done, Epoch, Trainer

ROOT = Path(__file__).resolve().parents[2]


def _mse_trainer(mnist, optimizer, lr, epochs=2):
    spec = {**presets.get("mlp"), "loss": "mse"}
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    return Trainer(net, mnist, Config(epochs=epochs, optimizer=optimizer, lr=lr, max_train=4000,
                                      max_eval=1000, evaluate_test=False))


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_mse_at_lr_100_reports_divergence(mnist, optimizer):
    tr = _mse_trainer(mnist, optimizer, 100.0)
    events = list(tr.run())
    div = [e for e in events if isinstance(e, Diverged)]
    assert len(div) == 1 and events[-1] == Done("diverged", tr.epoch, tr.step)
    d = div[0]
    assert d.cause == "vanished" and d.where == VANISHED
    assert d.grad_growth < GRAD_VANISHED and d.loss >= tr._first_loss
    assert "every layer's gradient vanished" in d.message and "lower learning rate" in d.message
    assert d.step <= 2 * tr.config.good_every      # caught early, not after epochs at chance


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_healthy_mse_runs_do_not_diverge(mnist, optimizer):
    tr = _mse_trainer(mnist, optimizer, optimizers.OPTIMIZERS[optimizer].default_lr, epochs=3)
    events = list(tr.run())
    assert not any(isinstance(e, Diverged) for e in events)
    assert events[-1].reason == "completed"
    assert [e for e in events if isinstance(e, Epoch)][-1].val_acc > 0.4     # chance is 0.1


def test_recovering_from_saturation_restores_unsaturated_weights(mnist):
    tr = _mse_trainer(mnist, "sgd", 100.0)
    events = []
    for ev in tr.run():
        events.append(ev)
        if isinstance(ev, Diverged) and len(events) < 100:
            tr.recover(0.5)
    assert sum(isinstance(e, Diverged) for e in events) == 1
    assert events[-1].reason == "completed"
    assert [e for e in events if isinstance(e, Epoch)][-1].val_acc > 0.4


def test_cli_exits_non_zero_for_a_diverged_mse_run(tmp_path):
    spec = tmp_path / "mse.json"
    spec.write_text(json.dumps({**presets.get("mlp"), "loss": "mse"}))
    out = subprocess.run([sys.executable, "-m", "core", "train", "--spec", str(spec), "--optimizer",
                          "adam", "--lr", "100", "--epochs", "1", "--max-train", "3000"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 3, out.stderr
    assert "diverged: training diverged" in out.stderr and "gradient vanished" in out.stderr
