"""The loss plot marks the best epoch (lowest validation loss, what early stopping restores)
and names the L2 penalty on its axis when the losses include it."""
import numpy as np
import pytest


@pytest.fixture
def panel(metrics_panel):
    return metrics_panel


def epoch(k, val_loss, l2=False):
    return {"step": 10 * k, "epoch": k, "train_loss": 1.0 / k, "val_loss": val_loss,
            "train_acc": 0.5, "val_acc": 0.5, "test_acc": None, "loss_includes_l2": l2}


def add_steps(panel, n):
    k = np.arange(1, n + 1)
    panel.add_steps({"step": k, "epoch": np.ones(n, int), "loss": np.linspace(2, 1, n),
                     "acc": np.full(n, 0.5), "lr": np.full(n, 0.01)})


def test_the_star_sits_on_the_lowest_validation_loss(panel):
    add_steps(panel, 40)
    panel.add_epoch(epoch(1, 0.9))
    panel.redraw()
    assert panel.best_mark.epoch is None and not panel.best_mark.label.isVisible()  # one epoch
    for k, v in ((2, 0.4), (3, np.nan), (4, 0.6)):
        panel.add_epoch(epoch(k, v))
    panel.redraw()
    assert panel.best_mark.epoch == 2
    x, y = panel.best_mark.star.getData()
    assert list(x) == [20.0] and list(y) == [0.4]
    assert panel.best_mark.label.toPlainText() == "best epoch 2"
    panel.set_model({}, {})                                     # a new model: no mark
    panel.redraw()
    assert panel.best_mark.epoch is None and len(panel.best_mark.star.getData()[0] or []) == 0


def test_the_loss_axis_names_the_l2_penalty_when_it_is_included(panel):
    axis = panel.loss_plot.getAxis("left")
    assert axis.labelText == "loss"
    panel.add_epoch(epoch(1, 0.5, l2=True))
    assert "L2" in axis.labelText
    panel.clear()
    assert axis.labelText == "loss"


def test_the_axis_is_relabelled_only_when_the_label_changes(panel, monkeypatch):
    calls = []
    original = panel.loss_plot.setLabel
    monkeypatch.setattr(panel.loss_plot, "setLabel", lambda *a, **k: (calls.append(a), original(*a, **k)))
    for k in range(1, 6):
        panel.add_epoch(epoch(k, 1.0 / k))
    assert calls == []                                    # still "loss": no relayout per epoch
    panel.add_epoch(epoch(6, 0.1, l2=True))
    panel.add_epoch(epoch(7, 0.1, l2=True))
    assert len(calls) == 1
