"""Keeping the training controls and a training run in step, both ways (no Qt).

- :func:`bring_run_up_to_date`: a run about to continue (Stop → Start, an opened run) takes the
  controls' values: a changed optimizer, hyperparameter, learning rate, batch size or L2 is
  applied as a live change would be (and marked on the curves), the learning-rate decay is
  taken as it is.
- :func:`show_run_in_settings`: what a run uses (after it ran: a decayed learning rate; an
  opened run: all of its settings) is written into the controls' record, so what the learner
  sees is what Start continues with.
"""
from __future__ import annotations

from core import live_settings
from core.layers import Dropout
from core.trainer import Trainer

# live settings that a continued run takes from the controls, in this order
_LIVE = ("lr", "batch_size", "weight_decay")


def _hyperparameters() -> list[live_settings.Setting]:
    return [s for s in live_settings.SETTINGS.values() if s.optimizers]


def bring_run_up_to_date(trainer: Trainer, settings) -> list[tuple[str, object]]:
    """Apply the controls' values that differ from the run's; returns the changes made
    (name, value), each recorded in the run's history as a mark."""
    changes: list[tuple[str, object]] = []
    opt = trainer.optimizer
    if settings.optimizer != opt.name:
        trainer.config.optimizer_args = live_settings.optimizer_args(settings)
        changes.append(("optimizer", trainer.apply_setting("optimizer", settings.optimizer)))
    else:
        for h in _hyperparameters():
            value = getattr(settings, h.name)
            if getattr(opt, h.name, value) != value and trainer.set_hyperparameter(h.name, value):
                changes.append((h.name, value))
            else:
                trainer.set_hyperparameter(h.name, value)     # remembered for another optimizer
    for name in _LIVE:
        value = getattr(settings, name)
        current = {"lr": trainer.lr, "batch_size": trainer.batch_size,
                   "weight_decay": trainer.net.weight_decay}[name]
        if value != current:
            changes.append((name, trainer.apply_setting(name, value)))
    trainer.config.lr_decay = settings.lr_decay
    trainer.set_patience(settings.patience or None)
    return changes


def show_run_in_settings(trainer: Trainer, settings, opened: bool = False) -> None:
    """Write what ``trainer`` uses into ``settings`` (values outside a control's range are
    left as they are). ``opened``: a run from a file, so also its seed, validation split,
    decay, epochs and dropout rate."""
    opt = trainer.optimizer
    values = {"optimizer": opt.name, "lr": opt.lr, "batch_size": trainer.batch_size,
              "weight_decay": trainer.net.weight_decay}
    values.update({h.name: getattr(opt, h.name) for h in _hyperparameters() if hasattr(opt, h.name)})
    if opened:
        c = trainer.config
        values.update(seed=c.seed, val_fraction=c.val_fraction, lr_decay=c.lr_decay,
                      epochs=c.epochs, train_size=c.max_train or 0)
        values.update(live_settings.optimizer_args(settings) | dict(c.optimizer_args))
        rates = [layer.rate for layer in trainer.net.layers if isinstance(layer, Dropout)]
        if rates:
            values["dropout"] = rates[0]
    for name, value in values.items():
        setting = live_settings.get(name)
        try:
            setattr(settings, name, setting.check(value))
        except ValueError:
            if name == "epochs":                  # more than the control holds
                settings.epochs = int(setting.high)
