"""Recovery from a divergence ends: the last good weights are verified by a loss, and after a
few recoveries without progress the trainer gives up with a clear message."""
import numpy as np
import pytest

from core import Network, presets
from core.recovery import GOOD_LOSS_FACTOR, MAX_FAILED_RECOVERIES, LastGood
from core.trainer import Config, Diverged, Done, Epoch, Trainer


def _mlp_trainer(mnist, **kw):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    cfg = {"epochs": 3, "optimizer": "sgd", "lr": 1e3, "max_train": 2000, "max_eval": 200,
           "evaluate_test": False, **kw}
    return Trainer(net, mnist, Config(**cfg))


def _halve_and_continue(tr, limit=60):
    """The GUI's divergence bar policy: recover(lr / 2) after every Diverged event."""
    presses, events = 0, []
    for ev in tr.run():
        events.append(ev)
        if isinstance(ev, Diverged):
            if ev.gave_up or presses == limit:
                continue                              # no "halve" button any more
            presses += 1
            tr.recover(tr.lr / 2)
    return presses, events


def test_sgd_at_lr_1000_halving_the_rate_ends_within_five_presses(mnist):
    tr = _mlp_trainer(mnist)
    presses, events = _halve_and_continue(tr)
    assert presses <= 5
    div = [e for e in events if isinstance(e, Diverged)]
    assert isinstance(events[-1], Done)
    if events[-1].reason == "diverged":        # gave up: the last event says so and what to do
        last = div[-1]
        assert last.gave_up and last.recoveries == MAX_FAILED_RECOVERIES
        assert "recovery gave up after 3 tries" in last.message
        for advice in ("reset the weights", "much lower learning rate", "another optimizer"):
            assert advice in last.message
        assert not any(d.gave_up for d in div[:-1])
    else:
        assert events[-1].reason == "completed"
    assert tr.lr >= 1e3 / 2 ** 5                   # never halved into nonsense (issue 13: 8.7e-16)


def test_recover_after_giving_up_is_ignored_and_the_run_ends(mnist):
    tr = _mlp_trainer(mnist)
    events = []
    for ev in tr.run():
        events.append(ev)
        if isinstance(ev, Diverged):
            tr.recover(tr.lr / 2)                 # even after gave_up
    div = [e for e in events if isinstance(e, Diverged)]
    assert div[-1].gave_up and len(div) == MAX_FAILED_RECOVERIES + 1
    assert events[-1] == Done("diverged", tr.epoch, tr.step)


def test_the_restored_weights_are_never_worse_than_the_start(mnist):
    """The issue's failure: a 'good' copy that had already blown up (val loss 2e5)."""
    tr = _mlp_trainer(mnist, lr=60.0, epochs=2)
    x, y = mnist.gather("train", tr.train_idx[:500])
    start = tr.net.loss(x, y, training=False)
    seen = 0
    for ev in tr.run():
        if isinstance(ev, Diverged):
            seen += 1
            good_loss = _with(tr._good).loss(x, y, training=False)
            assert np.isfinite(good_loss) and good_loss < 3 * start
            tr.recover(tr.lr / 2)
    assert seen >= 2


def _with(flat):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    net.flat_params[...] = flat
    return net


def test_progress_after_a_recovery_clears_the_count(mnist):
    tr = _mlp_trainer(mnist, lr=1e3, epochs=2)
    events = []
    for ev in tr.run():
        events.append(ev)
        if isinstance(ev, Diverged):
            tr.recover(0.05)                      # a sensible rate: training goes on
    assert sum(isinstance(e, Diverged) for e in events) == 1
    assert events[-1].reason == "completed"
    assert tr._last_good.failed == 0              # the first verified copy after it was progress
    assert [e.val_acc for e in events if isinstance(e, Epoch)][-1] > 0.7


def test_a_new_run_after_giving_up_may_recover_again(mnist):
    tr = _mlp_trainer(mnist)
    _halve_and_continue(tr)
    assert tr._last_good.gave_up
    tr.set_learning_rate(0.05)
    events = list(tr.run())
    assert events[-1].reason == "completed" and not tr._last_good.gave_up


# -- the rule itself ---------------------------------------------------------------------------
def test_a_candidate_is_promoted_only_by_a_finite_loss_near_the_first_one():
    p = np.zeros(4, np.float32)
    lg = LastGood(p)
    p += 1
    lg.offer(p)
    assert not lg.judge(GOOD_LOSS_FACTOR * 2.0 * 1.01, 2.0)    # worse than the untrained network
    np.testing.assert_array_equal(lg.good, 0)
    assert not lg.judge(0.1, 2.0)                               # used up: nothing pending
    lg.offer(p)
    assert not lg.judge(float("nan"), 2.0)
    lg.offer(p)
    lg.failed = 2
    assert lg.judge(2.9, 2.0)
    np.testing.assert_array_equal(lg.good, 1)
    assert lg.failed == 0
    p[...] = 7
    lg.offer(p)
    lg.restore(p)                                               # restoring drops the candidate
    np.testing.assert_array_equal(p, 1)
    assert lg.failed == 1 and not lg.judge(0.1, 2.0)


@pytest.mark.parametrize("tries, gave_up", [(0, False), (MAX_FAILED_RECOVERIES - 1, False),
                                            (MAX_FAILED_RECOVERIES, True)])
def test_giving_up_after_the_allowed_tries(tries, gave_up):
    lg = LastGood(np.zeros(2))
    for _ in range(tries):
        lg.restore(np.ones(2))
    assert lg.gave_up is gave_up
