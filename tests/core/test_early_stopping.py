"""Early stopping on the validation loss (Config.patience), best_epoch and restore_best()."""
import numpy as np
import pytest

from core import Network, data, presets
from core.trainer import Config, Done, Epoch, Trainer


def _overfitting(mnist, patience=3, epochs=60):
    """300 training samples, many epochs: the validation loss bottoms out and rises."""
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    return Trainer(net, mnist, Config(epochs=epochs, batch_size=32, max_train=300, max_eval=1000,
                                      evaluate_test=False, patience=patience))


def test_an_overfitting_run_stops_early_and_restore_best_gives_the_best_weights(mnist):
    tr = _overfitting(mnist)
    events = list(tr.run())
    epochs = [e for e in events if isinstance(e, Epoch)]
    val = [e.val_loss for e in epochs]
    assert events[-1] == Done("early_stopped", len(epochs), tr.step)
    assert len(epochs) < 60
    best = int(np.argmin(val)) + 1
    assert tr.best_epoch == best and tr.best_val_loss == min(val)
    assert len(epochs) - best == 3                           # three epochs without improvement
    assert all(v >= min(val) for v in val[best:])
    last_loss = tr.evaluate("val")[0]
    assert last_loss == val[-1] > min(val)
    assert tr.restore_best() == best
    assert tr.evaluate("val")[0] == min(val)                 # the best epoch's weights are back


def test_without_patience_the_run_goes_on_and_best_epoch_is_still_known(mnist):
    tr = _overfitting(mnist, patience=None, epochs=4)
    events = list(tr.run())
    val = [e.val_loss for e in events if isinstance(e, Epoch)]
    assert events[-1].reason == "completed" and len(val) == 4
    assert tr.best_epoch == int(np.argmin(val)) + 1


def test_restore_best_needs_a_validated_epoch_and_patience_a_validation_set():
    ds = data.make_toy("moons", n=200, rng=np.random.default_rng(0))
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=1, val_fraction=0.2, patience=2))
    assert tr.best_epoch is None
    with pytest.raises(ValueError, match="no epoch with a validation loss yet"):
        tr.restore_best()
    with pytest.raises(ValueError, match="patience .* needs a validation set"):
        Trainer(net, ds, Config(epochs=1, val_fraction=0.0, patience=2))


@pytest.mark.parametrize("bad", [0, -1, 2.0, True, "3", 10_001])
def test_a_bad_patience_is_named(bad):
    with pytest.raises(ValueError, match=r"^patience \("):
        Config(patience=bad).check()
