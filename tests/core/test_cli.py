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
    (["train", "--spec", "MISSING.json"], "MISSING.json: no such file"),
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


# -- every argument range-checked, one line, no traceback (issue 13) -------------------------
@pytest.mark.parametrize("args, words", [
    (["train", "--threads", "100000"], "argument --threads: must be a whole number from 1 to"),
    (["train", "--threads", "0"], "argument --threads: must be a whole number from 1 to"),
    (["train", "--max-train", "0"], "argument --max-train: must be a whole number of at least 1"),
    (["train", "--epochs", "0"], "argument --epochs: epochs must be a whole number from 1 to 10000"),
    (["train", "--batch-size", "-5"], "argument --batch-size: batch size must be a whole number"),
    (["train", "--batch-size", "1e3"], "argument --batch-size: must be a whole number, got '1e3'"),
    (["train", "--lr", "inf"], "argument --lr: must be a finite number"),
    (["train", "--lr", "0"], "argument --lr: learning rate must be a positive finite number"),
    (["train", "--lr-decay", "1.5"], "argument --lr-decay: learning-rate decay must be in (0, 1]"),
    (["train", "--weight-decay", "-1"], "argument --weight-decay: weight decay (L2) must be"),
    (["train", "--dropout", "1"], "argument --dropout: a dropout rate must be from 0 up to"),
    (["train", "--val-fraction", "nan"], "argument --val-fraction: must be a finite number"),
    (["train", "--seed", "-1"], "argument --seed: must be a whole number from 0 to 2147483647"),
    (["bench", "--steps", "-5"], "unrecognized arguments: --steps -5"),
    (["bench", "--threads", "100000"], "argument --threads: must be a whole number from 1 to"),
    (["bench", "--pairs", "0"], "argument --pairs: must be a whole number from 1 to 1000"),
    (["bench", "--batch", "-3"], "argument --batch: must be a whole number from 1 to 65536"),
    (["bench", "--epochs", "x"], "argument --epochs: must be a whole number from 0 to 1000"),
])
def test_out_of_range_arguments_end_in_one_line(capsys, args, words):
    from core import cli
    with pytest.raises(SystemExit) as e:
        cli.main(args)
    err = capsys.readouterr().err
    assert e.value.code == 2 and words in err
    assert err.count("\n") == 1 and err.startswith("python -m core")


def test_a_spec_with_a_list_as_loss_is_one_line(tmp_path):
    bad = tmp_path / "net.json"
    bad.write_text('{"input_shape": [2], "layers": [{"type": "dense", "units": 2}], "loss": ["mse"]}')
    out = run("train", "--spec", str(bad), "--data", "moons", check=False)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"error: {bad}: unknown loss ['mse']; choose one of ")
    assert out.stderr.count("\n") == 1


def test_patience_stops_early_and_saves_the_best_epoch(tmp_path):
    path = tmp_path / "best.npz"
    out = run("train", "--preset", "mlp", "--max-train", "300", "--epochs", "100", "--patience", "3",
              "--val-fraction", "0.1", "--save", str(path))
    last = [line for line in out.stdout.splitlines() if line.startswith("epoch")][-1]
    stopped = int(last.split()[1])
    assert "early_stopped after" in out.stdout and stopped < 100
    kept = [line for line in out.stdout.splitlines() if line.startswith("kept the weights of epoch")]
    assert len(kept) == 1 and int(kept[0].split()[5]) == stopped - 3
    out = run("train", "--preset", "mlp", "--patience", "3", check=False)
    assert out.returncode == 2 and "needs a validation set" in out.stderr
