"""Kept runs: recording, what differs between them, CSV, and their place in the run file."""
from __future__ import annotations

import csv
import json
from dataclasses import asdict

import numpy as np
import pytest

from core import checkpoint, data, live_settings, run_diff, run_set, run_set_json
from core.checkpoint import CheckpointError
from core.network import Network
from core.trainer import Config, Trainer

TOY = {"input_shape": [2], "layers": [{"type": "dense", "units": 8, "activation": "tanh"},
                                      {"type": "dense", "units": 2}]}
WIDE = {"input_shape": [2], "layers": [{"type": "dense", "units": 16, "activation": "relu"},
                                       {"type": "dense", "units": 2}]}


def settings(**changes) -> dict:
    return asdict(live_settings.RunSettings(**changes))


def recorded(number=1, spec=TOY, n_steps=30, val=(0.6, 0.8, 0.7), test=(None, None, 0.75),
             **changes) -> run_set.KeptRun:
    rec = run_set.RunRecorder()
    rec.begin(settings(**changes), spec, "xor")
    k = np.arange(1, n_steps + 1)
    rec.add_steps({"step": k, "loss": np.linspace(1, 0.2, n_steps), "acc": np.full(n_steps, 0.5)})
    for e, (va, ta) in enumerate(zip(val, test, strict=True), 1):
        rec.add_epoch({"step": e * n_steps // len(val), "epoch": e, "train_loss": 1.0 / e,
                       "val_loss": 1.1 / e, "train_acc": 0.5, "val_acc": va, "test_acc": ta,
                       "seconds": 2.0})
    rec.add_mark("lr", 0.005, 10)
    return rec.freeze(number)


def test_recorder_keeps_results_settings_and_time():
    run = recorded(lr=0.01)
    assert run.settings["lr"] == 0.01 and run.settings["epochs"] == 3    # epochs trained
    assert run.final_val_acc == pytest.approx(0.7) and run.best_val_acc == pytest.approx(0.8)
    assert run.test_acc == pytest.approx(0.75) and run.seconds == pytest.approx(6.0)
    assert run.marks == [(10, "lr", 0.005)]
    np.testing.assert_array_equal(run.steps["step"], np.arange(1, 31))


def test_recorder_with_nothing_reported_keeps_no_run():
    rec = run_set.RunRecorder()
    rec.begin(settings(), TOY, "xor")
    assert rec.freeze(1) is None


def test_long_runs_are_averaged_down_to_a_bounded_length():
    rec = run_set.RunRecorder()
    rec.begin(settings(), TOY, "xor")
    n = 20_000
    for start in range(0, n, 700):                      # arrives in uneven chunks
        k = np.arange(start, min(start + 700, n), dtype=float)
        rec.add_steps({"step": k + 1, "loss": k, "acc": np.full(len(k), 0.5)})
    s = rec.step_arrays()
    assert run_set.MAX_STEP_POINTS // 2 <= len(s["step"]) <= run_set.MAX_STEP_POINTS + 1
    assert np.all(np.diff(s["step"]) > 0)
    # a block mean of a straight line stays on it: loss = step - 1 everywhere
    np.testing.assert_allclose(s["loss"], s["step"] - 1)
    assert s["step"][0] < 20 and s["step"][-1] > n - 20


def test_what_differs_names_the_settings_by_their_registry_labels():
    a, b, c = recorded(1, lr=0.01), recorded(2, lr=0.001), recorded(3, lr=0.001, batch_size=128)
    assert run_diff.differing([a, b]) == ["lr"]
    assert run_diff.diff_text([a, b]) == "Learning rate 0.01 vs 0.001"
    assert run_diff.diff_text([a, b, c]) == "Learning rate 0.01 vs 0.001; Batch size 64 vs 128"
    assert run_diff.describe(c, run_diff.differing([a, b, c])) == "Learning rate 0.001, Batch size 128"
    lr_label = live_settings.SETTINGS["lr"].label
    assert run_diff.label("lr", lambda ctx, text: f"<{ctx}:{text}>") == f"<live_settings:{lr_label}>"


def test_hyperparameters_of_another_optimizer_do_not_count():
    sgd = recorded(1, optimizer="sgd", momentum=0.5)
    sgd2 = recorded(2, optimizer="sgd", momentum=0.9)
    assert run_diff.differing([sgd, sgd2]) == []
    mom = recorded(3, optimizer="momentum", momentum=0.9)
    mom2 = recorded(4, optimizer="momentum", momentum=0.5)
    assert run_diff.diff_text([mom, mom2]).endswith("0.9 vs 0.5")
    assert "momentum" in run_diff.differing([mom, mom2])


def test_a_different_network_is_a_difference():
    a, b = recorded(1, spec=TOY), recorded(2, spec=WIDE)
    assert run_diff.differing([a, b]) == [run_diff.NETWORK]
    assert run_diff.diff_text([a, b]) == "Network 2-8 tanh-2 vs 2-16 ReLU-2"


def test_run_set_edits():
    rs = run_set.RunSet()
    runs = [recorded(rs.next_number() + i) for i in range(3)]
    for r in runs:
        rs.add(r)
    rs.set_visible(runs[1].uid, False)
    assert rs.visible() == [runs[0], runs[2]]
    rs.rename(runs[0].uid, "  fast\n one ")
    assert runs[0].name == "fast one"
    rs.delete([runs[0].uid, runs[2].uid])
    assert rs.runs == [runs[1]]
    assert rs.merge(runs) == 2 and len(rs) == 3           # runs[1] is there already


def test_csv_has_a_row_per_run_with_settings_and_results(tmp_path):
    runs = [recorded(1, lr=0.01), recorded(2, lr=0.001, test=(None, None, None))]
    path = tmp_path / "runs.csv"
    differs = [run_diff.describe(r, ["lr"]) for r in runs]
    assert run_set.write_csv(path, runs, ["Run 1", "slow"], differs) == 2
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows] == ["Run 1", "slow"]
    assert rows[1]["differs"] == "Learning rate 0.001" and rows[1]["lr"] == "0.001"
    assert float(rows[0]["best_validation_accuracy"]) == pytest.approx(0.8)
    assert rows[0]["test_accuracy"] == "0.75" and rows[1]["test_accuracy"] == ""


def _trained_trainer():
    toy = data.make_toy("xor", n=120)
    trainer = Trainer(Network.from_spec(TOY, rng=np.random.default_rng(0)), toy,
                      Config(epochs=1, batch_size=20, lr=0.05, seed=0))
    for _ in trainer.run():
        pass
    return trainer, toy


def test_run_file_round_trip_brings_every_kept_run_back(tmp_path):
    trainer, toy = _trained_trainer()
    runs = [recorded(1, lr=0.01), recorded(2, lr=0.001), recorded(3, spec=WIDE)]
    runs[1].name, runs[2].visible = "slow", False
    path = tmp_path / "run.npz"
    checkpoint.save_run(trainer, path, runs=runs)
    loaded, kept = checkpoint.load_run_and_kept(path, toy)
    assert loaded.step == trainer.step
    assert [(r.uid, r.number, r.name, r.visible) for r in kept] == \
        [(r.uid, r.number, r.name, r.visible) for r in runs]
    for a, b in zip(runs, kept, strict=True):
        assert a.settings == b.settings and a.marks == b.marks and a.seconds == b.seconds
        assert run_diff.network_summary(a.spec) == run_diff.network_summary(b.spec)
        for k in run_set.EPOCH_KEYS:
            np.testing.assert_array_equal(a.epochs[k], b.epochs[k])     # NaN where None
        for k in run_set.STEP_KEYS:
            np.testing.assert_allclose(a.steps[k], b.steps[k])


def test_run_files_without_kept_runs_still_load(tmp_path):
    trainer, toy = _trained_trainer()
    path = tmp_path / "old.npz"
    checkpoint.save_run(trainer, path)
    assert "runs" not in checkpoint.read_metadata(path)
    assert checkpoint.load_run_and_kept(path, toy)[1] == []
    assert checkpoint.load_run(path, toy).step == trainer.step


@pytest.mark.parametrize(("damage", "field"), [
    (lambda r: r.update(runs={"a": 1}), "runs"),
    (lambda r: r["runs"][1]["settings"].update(lr=-1), "runs[1].settings.lr"),
    (lambda r: r["runs"][0]["settings"].update(optimizer="magic"), "runs[0].settings.optimizer"),
    (lambda r: r["runs"][0]["epochs"]["val_acc"].__setitem__(0, 3.0), "runs[0].epochs.val_acc[0]"),
    (lambda r: r["runs"][0]["steps"]["loss"].pop(), "runs[0].steps.loss"),
    (lambda r: r["runs"][0].update(name=5), "runs[0].name"),
    (lambda r: r["runs"][1].update(uid=r["runs"][0]["uid"]), "runs[1].uid"),
    (lambda r: r["runs"][0]["spec"]["layers"][0].update(units=-3), "runs[0].spec"),
    (lambda r: r["runs"][0]["marks"].append({"step": 1, "name": "nope", "value": 1}),
     "runs[0].marks[1].name"),
])
def test_a_bad_runs_field_is_a_checkpoint_error_naming_it(tmp_path, damage, field):
    trainer, toy = _trained_trainer()
    path = tmp_path / "bad.npz"
    checkpoint.save_run(trainer, path, runs=[recorded(1), recorded(2)])
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    header = json.loads(arrays["meta"].tobytes())
    damage(header)
    arrays["meta"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    with open(path, "wb") as f:
        np.savez(f, **arrays)
    with pytest.raises(CheckpointError) as info:
        checkpoint.load_run_and_kept(path, toy)
    assert info.value.field is not None and info.value.field.startswith(field)
    assert "kept runs" in str(info.value)


def test_json_form_turns_nan_into_null():
    j = run_set_json.to_json([recorded(1)])[0]
    assert j["epochs"]["test_acc"][:2] == [None, None]
    json.dumps(j, allow_nan=False)                        # strict JSON
