"""The headless command line, run as a user would (subprocesses)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, check=True):
    out = subprocess.run([sys.executable, "-m", "core", *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_train_json_prints_one_object_per_epoch_and_saves(tmp_path):
    model = tmp_path / "toy.npz"
    out = run("train", "--preset", "toy", "--data", "moons", "--epochs", "3", "--json",
              "--val-fraction", "0.2", "--save", str(model))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["epoch"] for r in rows] == [1, 2, 3]
    for r in rows:
        assert {"epoch", "train_loss", "train_acc", "val_acc", "test_acc", "seconds",
                "samples_per_s"} <= set(r)
        assert 0 <= r["test_acc"] <= 1 and r["samples_per_s"] > 0
    assert rows[-1]["train_loss"] < rows[0]["train_loss"]
    assert model.exists()
    ev = run("eval", str(model), "--data", "moons")
    assert "test accuracy" in ev.stdout


def test_mlp_preset_reaches_97_5_percent():
    """Acceptance: 784-100-10 ReLU reaches ≥ 97.5% MNIST test accuracy within 5 epochs."""
    out = run("train", "--preset", "mlp", "--json")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) <= 5
    assert rows[-1]["test_acc"] >= 0.975


@pytest.mark.parametrize("args, words", [
    (["train", "--spec", "MISSING.json"], "cannot read"),
    (["train", "--preset", "mlp", "--lr", "-3"], "learning rate"),
    (["train", "--preset", "mlp", "--data", "nonsense"], "unknown data set"),
    (["eval", "MISSING.npz"], "MISSING.npz"),
])
def test_bad_input_gives_a_clear_error(args, words):
    out = run(*args, check=False)
    assert out.returncode == 2
    assert words in out.stderr and "Traceback" not in out.stderr


def test_malformed_spec_file_names_the_problem(tmp_path):
    bad = tmp_path / "net.json"
    bad.write_text('{"input_shape": [784], "layers": [{"type": "dense", "units": 10},]}')
    out = run("train", "--spec", str(bad), check=False)
    assert out.returncode == 2 and "not valid JSON" in out.stderr and "net.json" in out.stderr
    bad.write_text('{"input_shape": [1, 28, 28], "layers": [{"type": "conv2d", "filters": 4, '
                   '"kernel": 30}, {"type": "flatten"}, {"type": "dense", "units": 10}]}')
    out = run("train", "--spec", str(bad), check=False)
    assert out.returncode == 2 and "layer 0 (conv2d): kernel 30×30 is larger than its 28×28 input" \
        in out.stderr
