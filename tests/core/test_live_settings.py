"""The run settings' declaration: defaults, ranges, messages, and the one dispatch to the trainer."""
import dataclasses

import numpy as np
import pytest

from core import Network, Trainer, data, live_settings, optimizers, presets
from core.live_settings import SETTINGS, RunSettings, Target
from core.trainer import Config


@pytest.fixture
def trainer():
    ds = data.make_toy("moons", n=200, rng=np.random.default_rng(0))
    spec = presets.get("toy")
    spec["layers"].insert(1, {"type": "dropout", "rate": 0.2})
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    return Trainer(net, ds, Config(epochs=1, batch_size=16, optimizer="sgd", lr=0.05))


def test_run_settings_record_is_built_from_the_declaration():
    s = RunSettings()
    assert [f.name for f in dataclasses.fields(RunSettings)] == list(SETTINGS)
    for setting in SETTINGS.values():
        assert getattr(s, setting.name) == setting.default
        assert type(setting.check(setting.default)) is setting.type
    s.check()                                             # the defaults are all valid
    s.batch_size = 0
    with pytest.raises(ValueError, match=r"Batch size \(batch_size\) must be a whole number from 1 to 4096"):
        s.check()


def test_default_learning_rate_is_the_default_optimizers_own():
    optimizer = SETTINGS["optimizer"].default
    assert SETTINGS["lr"].default == optimizers.OPTIMIZERS[optimizer].default_lr
    assert SETTINGS["optimizer"].choices == tuple(optimizers.OPTIMIZERS)


@pytest.mark.parametrize("name, value, message", [
    ("lr", 0.0, r"Learning rate \(lr\) must be a number from 1e-06 to 1000, got 0.0"),
    ("lr", float("nan"), r"Learning rate \(lr\) must be a number from 1e-06 to 1000, got nan"),
    ("lr", "0.1", r"got '0.1'"),
    ("batch_size", 8.0, r"Batch size \(batch_size\) must be a whole number from 1 to 4096, got 8.0"),
    ("batch_size", True, r"got True"),
    ("dropout", 0.95, r"Dropout rate \(dropout\) must be a number from 0 to 0.9, got 0.95"),
    ("optimizer", "adamw", r"Optimizer \(optimizer\) must be one of sgd, momentum, .*adam, got 'adamw'"),
    ("dataset", 3, r"Data \(dataset\) must be a text, got 3"),
])
def test_values_outside_the_declaration_are_refused_with_name_and_range(name, value, message):
    with pytest.raises(ValueError, match=message):
        SETTINGS[name].check(value)


def test_check_converts_to_the_declared_type():
    assert SETTINGS["lr"].check(1) == 1.0 and type(SETTINGS["lr"].check(1)) is float
    assert type(SETTINGS["batch_size"].check(np.int64(32))) is int
    with pytest.raises(ValueError, match="unknown setting 'learning_rate'; the settings are dataset, "):
        live_settings.get("learning_rate")


def test_every_live_trainer_setting_names_a_trainer_method():
    live = live_settings.for_target(Target.TRAINER)
    assert {s.name for s in live} == {"optimizer", "lr", "batch_size", "weight_decay", "dropout"}
    for s in live:
        assert s.live and callable(getattr(Trainer, s.setter))
    assert not SETTINGS["epochs"].live and SETTINGS["delay_ms"].live


def test_apply_setting_changes_the_trainer(trainer):
    assert trainer.apply_setting("lr", 0.02) == 0.02 and trainer.lr == 0.02
    trainer.apply_setting("optimizer", "adam")
    assert trainer.optimizer.name == "adam" and trainer.lr == 0.02     # keeps the rate
    trainer.apply_setting("batch_size", 8)
    trainer.apply_setting("weight_decay", 0.01)
    trainer.apply_setting("dropout", 0.5)
    assert trainer.batch_size == 8 and trainer.net.weight_decay == 0.01
    assert trainer.net.layers[1].rate == 0.5
    steps = [ev for ev in trainer.run() if type(ev).__name__ == "Step"]
    assert steps[0].batch_size == 8 and steps[0].lr == pytest.approx(0.02)


def test_apply_setting_refuses_bad_values_and_settings_that_are_not_live(trainer):
    with pytest.raises(ValueError, match=r"Batch size \(batch_size\) must be a whole number from 1 to 4096"):
        trainer.apply_setting("batch_size", 0)
    with pytest.raises(ValueError, match=r"Epochs \(epochs\) does not change a running trainer"):
        trainer.apply_setting("epochs", 3)
    with pytest.raises(ValueError, match=r"Slow motion \(delay_ms\) does not change a running trainer"):
        trainer.apply_setting("delay_ms", 10)
    with pytest.raises(ValueError, match="unknown setting"):
        trainer.apply_setting("warp_speed", 0.9)
    with pytest.raises(ValueError, match=r"\(momentum\) does not change a running trainer"):
        trainer.apply_setting("momentum", 0.9)
    assert trainer.batch_size == 16 and trainer.lr == 0.05


def test_every_optimizer_hyperparameter_is_a_setting_for_the_optimizers_that_take_it():
    for name, cls in optimizers.OPTIMIZERS.items():
        for h in cls.HYPERPARAMETERS:
            s = SETTINGS[h.name]
            assert name in s.optimizers and (s.default, s.low, s.high) == (h.default, h.low, h.high)
    values = RunSettings(momentum=0.5, beta1=0.8)
    args = live_settings.optimizer_args(values)
    assert args["momentum"] == 0.5 and args["beta1"] == 0.8 and "lr" not in args


def test_hyperparameters_reach_the_optimizer_a_run_starts_with_and_switches_to():
    ds = data.make_toy("xor", n=100, noise=0.05, rng=np.random.default_rng(0))
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=1, optimizer="momentum", lr=0.01,
                                 optimizer_args={"momentum": 0.5, "beta1": 0.7}))
    assert tr.optimizer.momentum == 0.5
    tr.set_optimizer("adam")
    assert tr.optimizer.beta1 == 0.7 and tr.optimizer.beta2 == 0.999
    with pytest.raises(ValueError, match="momentum must be between 0 and 0.999"):
        Config(optimizer_args={"momentum": 1.5}).check()
    with pytest.raises(ValueError, match="unknown optimizer hyperparameter 'gamma'"):
        Config(optimizer_args={"gamma": 1.0}).check()
