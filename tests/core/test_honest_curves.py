"""The epoch's training loss and accuracy are measured like validation's (inference mode, fixed
weights) on a fixed training subset; the running mean over training batches stays available."""
import numpy as np
import pytest

from core import Network, checkpoint, data, presets
from core.run_history import Epoch, History
from core.trainer import Config, Step, Trainer
from tests.core.test_checkpoint import rewrite


def _toy_trainer(seed=0, **kw):
    ds = data.make_toy("moons", n=500, noise=0.2, rng=np.random.default_rng(0))
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(seed))
    return Trainer(net, ds, Config(**{"epochs": 1, "batch_size": 32, "seed": seed,
                                      "val_fraction": 0.2, **kw}))


def test_epoch_train_metrics_are_an_evaluation_of_the_fixed_subset():
    tr = _toy_trainer()
    events = list(tr.run())
    ep = next(e for e in events if isinstance(e, Epoch))
    loss, acc = tr.evaluate("train_subset")            # the weights have not moved since
    assert (ep.train_loss, ep.train_acc) == (loss, acc)
    xs, ys = tr.data.gather("train", tr.train_eval_idx)
    assert ep.train_acc == pytest.approx(np.mean(tr.net.predict(xs) == ys))
    steps = [e for e in events if isinstance(e, Step)]
    n = np.array([s.batch_size for s in steps])
    assert ep.batch_loss == pytest.approx(np.dot(n, [s.loss for s in steps]) / n.sum())
    assert ep.batch_acc == pytest.approx(np.dot(n, [s.acc for s in steps]) / n.sum())
    assert ep.batch_acc != ep.train_acc                # two different measurements


def test_the_subset_is_fixed_as_big_as_validation_and_drawn_from_the_seed():
    a, b, c = _toy_trainer(seed=1), _toy_trainer(seed=1), _toy_trainer(seed=2)
    assert len(a.train_eval_idx) == len(a.val_idx) == 80      # 400 training samples, 20 %
    assert set(a.train_eval_idx) <= set(a.train_idx)
    np.testing.assert_array_equal(a.train_eval_idx, b.train_eval_idx)
    assert not np.array_equal(a.train_eval_idx, c.train_eval_idx)
    before = a.train_eval_idx.copy()
    a.set_epochs(3)
    list(a.run())
    np.testing.assert_array_equal(a.train_eval_idx, before)
    capped = _toy_trainer(max_eval=40)
    assert len(capped.train_eval_idx) == 40
    no_val = _toy_trainer(val_fraction=0.0)            # a tenth of the training set
    assert len(no_val.val_idx) == 0 and len(no_val.train_eval_idx) == 400 // 10


def test_the_subset_does_not_change_the_run():
    """Drawing the subset uses a generator of its own: batch order and losses are as before."""
    tr = _toy_trainer(seed=3)
    other = np.random.default_rng(3)
    from core.data import split_indices
    train, _ = split_indices(len(tr.data.y_train), 0.2, other)
    np.testing.assert_array_equal(tr.train_idx, train)
    np.testing.assert_array_equal(tr.rng.bit_generator.state["state"]["state"],
                                  other.bit_generator.state["state"]["state"])


def test_loss_includes_l2_says_whether_weight_decay_is_in_the_loss():
    tr = _toy_trainer(epochs=2)
    gen = tr.run()
    flags = []
    for ev in gen:
        if isinstance(ev, Epoch):
            flags.append(ev.loss_includes_l2)
            tr.set_weight_decay(0.01)
    assert flags == [False, True]
    ep = tr.history.epochs[-1]
    with_l2 = tr.evaluate("train_subset")[0]
    tr.net.weight_decay = 0.0
    assert ep.train_loss == with_l2 > tr.evaluate("train_subset")[0]


def test_run_files_without_the_new_epoch_fields_still_load(tmp_path):
    tr = _toy_trainer()
    list(tr.run())
    path = tmp_path / "old.run"
    checkpoint.save_run(tr, path)
    loaded = checkpoint.load_run(path, tr.data)
    assert loaded.history.epochs == tr.history.epochs          # the new fields are kept

    def strip(meta):
        for e in meta["history"]["epochs"]:
            for key in ("batch_loss", "batch_acc", "loss_includes_l2"):
                del e[key]
    rewrite(path, meta=strip)
    old = checkpoint.load_run(path, tr.data).history.epochs[0]
    assert (old.batch_loss, old.batch_acc, old.loss_includes_l2) == (None, None, False)
    assert old.train_acc == tr.history.epochs[0].train_acc
    h = History.from_json({"steps": [], "epochs": [{
        "epoch": 1, "step": 3, "train_loss": 0.5, "train_acc": 0.8, "val_loss": None, "val_acc": None,
        "test_loss": None, "test_acc": None, "seconds": 1.0, "samples_per_s": 9.0}]})
    assert h.epochs[0].batch_loss is None


@pytest.mark.parametrize("key, bad", [("loss_includes_l2", 1), ("batch_acc", 1.5), ("batch_loss", "x")])
def test_bad_new_epoch_fields_in_a_run_file_are_named(tmp_path, key, bad):
    tr = _toy_trainer()
    list(tr.run())
    path = tmp_path / "bad.run"
    checkpoint.save_run(tr, path)
    rewrite(path, meta=lambda m: m["history"]["epochs"][0].__setitem__(key, bad))
    with pytest.raises(checkpoint.CheckpointError, match=f"history.epochs\\[0\\].{key}"):
        checkpoint.load_run(path, tr.data)
