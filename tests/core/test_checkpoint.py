"""Tests for core.checkpoint: round trips, exact resumption, atomic saves, bad files."""
from __future__ import annotations

import json
import os
import stat
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from core import Network, checkpoint, data
from core.checkpoint import CheckpointError
from core.trainer import Config, Epoch, Step, Trainer

MLP = {"input_shape": [2], "layers": [{"type": "dense", "units": 8, "activation": "tanh"},
                                      {"type": "dense", "units": 3}]}
CNN = {"input_shape": [1, 8, 8],
       "layers": [{"type": "conv2d", "filters": 4, "kernel": 3, "padding": 1, "activation": "relu"},
                  {"type": "maxpool", "size": 2},
                  {"type": "flatten"},
                  {"type": "dense", "units": 5}]}
BN = {"input_shape": [6], "layers": [{"type": "dense", "units": 12},
                                     {"type": "batchnorm"},
                                     {"type": "activation", "activation": "relu"},
                                     {"type": "dropout", "rate": 0.25},
                                     {"type": "dense", "units": 4}]}
TOY = {"input_shape": [2], "layers": [{"type": "dense", "units": 8, "activation": "tanh"},
                                      {"type": "dropout", "rate": 0.1},
                                      {"type": "dense", "units": 2}]}
MNIST_NET = {"input_shape": [1, 28, 28], "layers": [{"type": "dense", "units": 32},
                                                    {"type": "batchnorm"},
                                                    {"type": "activation", "activation": "relu"},
                                                    {"type": "dropout", "rate": 0.2},
                                                    {"type": "dense", "units": 10}]}


def make_net(spec: dict, seed: int = 0) -> Network:
    net = Network.from_spec(spec, rng=np.random.default_rng(seed))
    x = np.random.default_rng(seed + 1).normal(size=(16, *net.input_shape)).astype(np.float32)
    for _ in range(3):   # move BatchNorm running statistics away from their initial values
        net.forward(x, training=True)
    return net


def inputs(net: Network, n: int = 10) -> np.ndarray:
    return np.random.default_rng(7).normal(size=(n, *net.input_shape)).astype(np.float32)


def saved_model(tmp_path: Path, name: str = "good.ckpt", spec: dict = MLP) -> Path:
    path = tmp_path / name
    checkpoint.save_model(make_net(spec), path)
    return path


def rewrite(path: Path, meta=None, drop=(), put=None) -> None:
    """Re-pack a checkpoint with changed entries (meta: a function editing the header dict)."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    if meta is not None:
        header = json.loads(arrays["meta"].tobytes())
        meta(header)
        arrays["meta"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    for k in drop:
        del arrays[k]
    arrays.update(put or {})
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def epoch_losses(events, epoch: int) -> list[float]:
    return [e.loss for e in events if isinstance(e, Step) and e.epoch == epoch]


def same_epoch(a: Epoch, b: Epoch) -> bool:
    keys = ("epoch", "step", "train_loss", "train_acc", "val_loss", "val_acc", "test_loss", "test_acc")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


# -- models ----------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", [MLP, CNN, BN], ids=["mlp", "cnn", "batchnorm"])
def test_model_round_trip_gives_identical_predictions(tmp_path, spec):
    net = make_net(spec)
    path = tmp_path / "model.ckpt"
    checkpoint.save_model(net, path)
    loaded = checkpoint.load_model(path)
    assert loaded.spec == net.spec
    x = inputs(net)
    np.testing.assert_array_equal(loaded.predict_proba(x), net.predict_proba(x))
    for name, b in net.buffers().items():
        np.testing.assert_array_equal(loaded.buffers()[name], b)
    if spec is BN:
        assert not np.all(net.buffers()["1.running_mean"] == 0)   # the buffers really were restored
    assert loaded.flat_params.dtype == np.float32


def test_file_is_plain_npz_without_pickle_and_path_is_used_as_given(tmp_path):
    path = saved_model(tmp_path, "model.ckpt")
    assert path.exists() and not (tmp_path / "model.ckpt.npz").exists()
    assert sorted(os.listdir(tmp_path)) == ["model.ckpt"]
    with np.load(path, allow_pickle=False) as z:
        assert set(z.files) == {"meta", "param/0.W", "param/0.b", "param/1.W", "param/1.b"}
        assert z["meta"].dtype == np.uint8 and z["meta"].ndim == 1
        header = json.loads(z["meta"].tobytes().decode("utf-8"))
    assert header["format"] == "numnet" and header["version"] == checkpoint.FORMAT_VERSION == 1
    assert header["kind"] == "model"


def test_info_is_stored_in_the_header(tmp_path):
    path = tmp_path / "m.ckpt"
    checkpoint.save_model(make_net(MLP), path, info={"class_names": ["a", "b", "c"]})
    assert checkpoint.read_metadata(path)["info"] == {"class_names": ["a", "b", "c"]}


def test_read_metadata_of_a_model(tmp_path):
    path = saved_model(tmp_path, spec=CNN)
    meta = checkpoint.read_metadata(path)
    assert meta["kind"] == "model" and meta["version"] == 1
    assert meta["spec"]["layers"] == CNN["layers"]
    assert meta["n_params"] == make_net(CNN).n_params
    assert meta["created"].endswith("+00:00")


# -- atomic saving ---------------------------------------------------------------------------
def test_nan_network_is_refused_and_old_file_kept(tmp_path):
    path = saved_model(tmp_path)
    before = path.read_bytes()
    net = make_net(MLP)
    net.parameters()["1.W"][0, 0] = np.nan
    with pytest.raises(CheckpointError, match=r"refusing to save: parameter 1\.W .*NaN") as e:
        checkpoint.save_model(net, path)
    assert str(path) in str(e.value)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["good.ckpt"]


@pytest.mark.parametrize("victim", ["savez", "replace"])
def test_failure_while_writing_leaves_old_file_and_no_temp(tmp_path, monkeypatch, victim):
    path = saved_model(tmp_path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if victim == "savez":
        monkeypatch.setattr(np, "savez", boom)
        monkeypatch.setattr(np, "savez_compressed", boom)
    else:
        monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(CheckpointError, match="No space left on device") as e:
        checkpoint.save_model(make_net(MLP, seed=3), path)
    assert str(path) in str(e.value) and "left unchanged" in str(e.value)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["good.ckpt"]


def test_interrupt_while_writing_is_not_swallowed_but_cleans_up(tmp_path, monkeypatch):
    path = saved_model(tmp_path)
    before = path.read_bytes()

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", interrupt)
    monkeypatch.setattr(np, "savez_compressed", interrupt)
    with pytest.raises(KeyboardInterrupt):
        checkpoint.save_model(make_net(MLP, seed=3), path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["good.ckpt"]


KILLED_SAVE = """
import json, signal, sys
import numpy as np
from core import Network, checkpoint

def stall(f, **arrays):                  # half a file written, then the process is killed
    f.write(b"PK" + bytes(100_000))
    f.flush()
    print("writing", flush=True)
    signal.pause()                       # until the test's SIGKILL

np.savez = np.savez_compressed = stall
checkpoint.save_model(Network.from_spec(json.loads(sys.argv[1])), sys.argv[2])
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_a_killed_save_leaves_its_temporary_file_only_until_the_next_save(tmp_path):
    import signal
    import subprocess
    path = saved_model(tmp_path)
    root = Path(__file__).resolve().parents[2]
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_SAVE, json.dumps(MLP), str(path)],
                                cwd=root, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline() == "writing\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    left = [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    assert len(left) == 1 and left[0].startswith(".good.ckpt.")    # each save removed the one before
    alive = tmp_path / f".good.ckpt.{os.getppid()}.abcd1234.tmp"      # a save still in progress
    alive.write_bytes(b"PK")
    other = tmp_path / ".other.ckpt.1.abcd1234.tmp"                    # another file's
    other.write_bytes(b"PK")
    net = make_net(MLP, seed=4)
    checkpoint.save_model(net, path)
    assert sorted(os.listdir(tmp_path)) == sorted(["good.ckpt", alive.name, other.name])
    x = inputs(net)
    np.testing.assert_array_equal(checkpoint.load_model(path).predict_proba(x), net.predict_proba(x))
    os.utime(alive, (0, 0))                                            # ... left for hours
    checkpoint.save_model(net, path)
    assert sorted(os.listdir(tmp_path)) == sorted(["good.ckpt", other.name])


def test_save_into_missing_folder(tmp_path):
    path = tmp_path / "nowhere" / "m.ckpt"
    with pytest.raises(CheckpointError, match="does not exist") as e:
        checkpoint.save_model(make_net(MLP), path)
    assert str(path) in str(e.value)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_overwriting_keeps_the_file_mode(tmp_path):
    path = saved_model(tmp_path)
    os.chmod(path, 0o640)
    checkpoint.save_model(make_net(MLP, seed=4), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_file_is_not_overwritten(tmp_path):
    path = saved_model(tmp_path)
    before = path.read_bytes()
    os.chmod(path, 0o444)
    with pytest.raises(CheckpointError, match="read-only") as e:
        checkpoint.save_model(make_net(MLP, seed=4), path)
    assert str(path) in str(e.value)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == [path.name]          # no temporary file left


def test_a_nul_in_the_save_path_is_a_clear_error(tmp_path):
    with pytest.raises(CheckpointError, match="NUL character"):
        checkpoint.save_model(make_net(MLP), str(tmp_path / "bad\0name.npz"))
    assert os.listdir(tmp_path) == []


# -- bad files -------------------------------------------------------------------------------
def _truncate(p: Path):
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _flip(p: Path):
    raw = bytearray(p.read_bytes())
    mid = len(raw) // 2
    raw[mid:mid + 64] = bytes(b ^ 0xFF for b in raw[mid:mid + 64])
    p.write_bytes(bytes(raw))


def _no_meta(p: Path):
    with open(p, "wb") as f:
        np.savez(f, **{"param/0.W": np.zeros((2, 8), np.float32)})


def _meta_bytes(text: bytes):
    return lambda p: rewrite(p, put={"meta": np.frombuffer(text, dtype=np.uint8)})


def _object_array(p: Path):
    rewrite(p, put={"param/0.W": np.array([{"evil": 1}, None], dtype=object)})


BAD_FILES = {
    "truncated": (_truncate, "truncated or corrupted file"),
    "flipped bytes": (_flip, "corrupted"),
    "random bytes": (lambda p: p.write_bytes(np.random.default_rng(0).bytes(5000)),
                     r"not a NumNet checkpoint \(not an \.npz archive\)"),
    "empty": (lambda p: p.write_bytes(b""), "empty file"),
    "npy not npz": (lambda p: np.save(open(p, "wb"), np.zeros(3)), "single .npy array"),
    "zip without meta": (_no_meta, r"not a NumNet checkpoint \(no 'meta' entry\)"),
    "bad json": (_meta_bytes(b'{"format": "numnet", '), "damaged header: 'meta' is not valid JSON"),
    "not utf-8": (_meta_bytes(b"\xff\xfe{}"), "not UTF-8"),
    "json list": (_meta_bytes(b"[1, 2]"), "not a JSON object"),
    "other format": (lambda p: rewrite(p, meta=lambda m: m.update(format="keras")),
                     r"not a NumNet checkpoint \(format 'keras'\)"),
    "newer version": (lambda p: rewrite(p, meta=lambda m: m.update(version=7)),
                      r"format version 7 is newer than this app supports \(1\)"),
    "bad version": (lambda p: rewrite(p, meta=lambda m: m.update(version="one")),
                    "unsupported format version 'one'"),
    "unknown kind": (lambda p: rewrite(p, meta=lambda m: m.update(kind="movie")), "unknown kind 'movie'"),
    "bad spec": (lambda p: rewrite(p, meta=lambda m: m["spec"]["layers"][0].update(units=-3)),
                 "invalid architecture in the file: layer 0"),
    "wrong shape": (lambda p: rewrite(p, put={"param/0.W": np.zeros((2, 5), np.float32)}),
                    r"parameter 0\.W has shape \(2, 5\) but the spec needs \(2, 8\)"),
    "missing param": (lambda p: rewrite(p, drop=["param/1.b"]), r"missing parameter 1\.b"),
    "extra param": (lambda p: rewrite(p, put={"param/9.W": np.zeros(3, np.float32)}),
                    r"unexpected parameter 9\.W"),
    "extra buffer": (lambda p: rewrite(p, put={"buffer/0.running_mean": np.zeros(8, np.float32)}),
                     r"unexpected buffer 0\.running_mean"),
    "non-finite": (lambda p: rewrite(p, put={"param/0.W": np.full((2, 8), np.inf, np.float32)}),
                   r"contains non-finite values in parameter 0\.W"),
    "int dtype": (lambda p: rewrite(p, put={"param/0.b": np.zeros(8, np.int64)}),
                  r"parameter 0\.b has dtype int64, expected floating point"),
    "object array": (_object_array, r"entry 'param/0\.W' is a Python object array"),
}


@pytest.mark.parametrize("damage", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_gives_clear_error(tmp_path, damage):
    break_it, problem = damage
    path = saved_model(tmp_path, "broken-model.ckpt")
    break_it(path)
    with pytest.raises(CheckpointError, match=problem) as e:
        checkpoint.load_model(path)
    assert isinstance(e.value, ValueError)
    assert str(e.value).startswith(f"{path}: ")
    assert e.value.path == str(path)


def test_header_errors_also_from_read_metadata(tmp_path):
    path = saved_model(tmp_path)
    rewrite(path, meta=lambda m: m.update(version=7))
    with pytest.raises(CheckpointError, match="newer than this app"):
        checkpoint.read_metadata(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CheckpointError, match="no such file") as e:
        checkpoint.load_model(tmp_path / "absent.ckpt")
    assert "absent.ckpt" in str(e.value)
    with pytest.raises(CheckpointError, match="is a folder"):
        checkpoint.load_model(tmp_path)


def test_zip_with_a_non_array_entry(tmp_path):
    path = saved_model(tmp_path)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("param/0.x", b"hello")
    with pytest.raises(CheckpointError, match="is not a NumPy array"):
        checkpoint.load_model(path)


# -- runs ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mnist():
    return data.load_mnist()


def test_run_resume_matches_uninterrupted_run_on_mnist(tmp_path, mnist):
    config = dict(epochs=2, max_train=2000, max_eval=500, batch_size=100, seed=5, optimizer="adam")
    straight = Trainer(make_net(MNIST_NET, seed=2), mnist, Config(**config))
    full = list(straight.run())

    first = Trainer(make_net(MNIST_NET, seed=2), mnist, Config(**config))
    events = []
    for ev in first.run():
        events.append(ev)
        if isinstance(ev, Epoch):
            break
    path = tmp_path / "run.ckpt"
    checkpoint.save_run(first, path)
    del first

    resumed = checkpoint.load_run(path, mnist)
    assert resumed.epoch == 1 and resumed.step == 20 and resumed.optimizer.t == 20
    assert [s.loss for s in resumed.history.steps] == epoch_losses(full, 1)
    rest = list(resumed.run())
    losses = epoch_losses(rest, 2)
    assert len(losses) == 20 and losses == epoch_losses(full, 2)
    assert same_epoch([e for e in rest if isinstance(e, Epoch)][0], straight.history.epochs[1])
    np.testing.assert_array_equal(resumed.net.flat_params, straight.net.flat_params)
    np.testing.assert_array_equal(resumed.net.buffers()["1.running_var"],
                                  straight.net.buffers()["1.running_var"])
    assert resumed.history.as_dict()["step_loss"] == straight.history.as_dict()["step_loss"]


@pytest.mark.parametrize("opt", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_run_resume_keeps_changed_settings(tmp_path, opt):
    toy = data.make_toy("moons", n=240, rng=np.random.default_rng(0))
    config = dict(epochs=3, batch_size=16, optimizer=opt, seed=1, max_eval=50)

    def first_epoch_then_change(trainer):
        events = []
        for ev in trainer.run():
            events.append(ev)
            if isinstance(ev, Epoch):
                trainer.set_batch_size(20)
                trainer.set_weight_decay(1e-3)
                trainer.set_dropout(0.3)
                trainer.set_learning_rate(trainer.lr * 0.5)
                return events

    straight = Trainer(make_net(TOY), toy, Config(**config))
    first_epoch_then_change(straight)
    full = list(straight.run())

    first = Trainer(make_net(TOY), toy, Config(**config))
    first_epoch_then_change(first)
    path = tmp_path / f"{opt}.run"
    checkpoint.save_run(first, path)
    resumed = checkpoint.load_run(path, toy)
    assert resumed.batch_size == 20 and resumed.net.weight_decay == 1e-3
    assert resumed.net.layers[1].rate == 0.3
    assert resumed.optimizer.hyperparameters() == first.optimizer.hyperparameters()
    rest = list(resumed.run())
    for epoch in (2, 3):
        assert epoch_losses(rest, epoch) == epoch_losses(full, epoch)
    np.testing.assert_array_equal(resumed.net.flat_params, straight.net.flat_params)


def test_run_saved_mid_epoch_resumes_where_it_stopped(tmp_path):
    toy = data.make_toy("xor", n=100)
    config = dict(epochs=2, batch_size=10, optimizer="momentum")
    straight = [ev.loss for ev in Trainer(make_net(TOY), toy, Config(**config)).run()
                if isinstance(ev, Step)]
    trainer = Trainer(make_net(TOY), toy, Config(**config))
    gen = trainer.run()
    for _ in range(3):
        next(gen)
    path = tmp_path / "mid.run"
    checkpoint.save_run(trainer, path)
    assert checkpoint.read_metadata(path)["trainer"]["epoch_complete"] is False
    resumed = checkpoint.load_run(path, toy)
    assert (resumed.epoch, resumed.step, len(resumed.history.steps)) == (1, 3, 3)
    steps = [ev for ev in resumed.run() if isinstance(ev, Step)]
    assert steps[0].epoch == 1 and steps[0].step == 4           # the same epoch, in its order
    assert [s.loss for s in resumed.history.steps] == straight


def test_run_saved_mid_epoch_by_an_older_version_resumes_at_the_next_epoch(tmp_path):
    toy = data.make_toy("xor", n=100)
    trainer = Trainer(make_net(TOY), toy, Config(epochs=2, batch_size=10))
    gen = trainer.run()
    for _ in range(3):
        next(gen)
    path = tmp_path / "old.run"
    checkpoint.save_run(trainer, path)
    for key in ("position", "order_rng", "epoch_sums"):        # what older run files lack
        rewrite(path, meta=lambda m, key=key: m["trainer"].pop(key))
    resumed = checkpoint.load_run(path, toy)
    steps = [ev for ev in resumed.run() if isinstance(ev, Step)]
    assert steps[0].epoch == 2 and steps[0].step == 4


def test_read_metadata_of_a_run_and_load_model_from_it(tmp_path):
    toy = data.make_toy("circle", n=100)
    trainer = Trainer(make_net(TOY), toy, Config(epochs=1, batch_size=25, optimizer="momentum"))
    list(trainer.run())
    path = tmp_path / "circle.run"
    checkpoint.save_run(trainer, path)
    meta = checkpoint.read_metadata(path)
    assert meta["kind"] == "run" and meta["version"] == 1
    assert meta["optimizer"]["name"] == "momentum" and meta["optimizer"]["t"] == trainer.step
    assert meta["config"]["batch_size"] == 25 and meta["dataset"]["name"] == "circle"
    assert len(meta["history"]["steps"]) == trainer.step and len(meta["history"]["epochs"]) == 1
    assert meta["n_params"] == trainer.net.n_params
    net = checkpoint.load_model(path)      # a run file also holds a model
    x = inputs(net)
    np.testing.assert_array_equal(net.predict_proba(x), trainer.net.predict_proba(x))


def test_load_run_rejects_model_files_and_other_data(tmp_path):
    path = saved_model(tmp_path, "only-model.ckpt", spec=TOY)
    toy = data.make_toy("moons", n=100)
    with pytest.raises(CheckpointError, match="is a model file, not a training run") as e:
        checkpoint.load_run(path, toy)
    assert "only-model.ckpt" in str(e.value)

    trainer = Trainer(make_net(TOY), toy, Config(epochs=1))
    run_path = tmp_path / "moons.run"
    checkpoint.save_run(trainer, run_path)
    with pytest.raises(CheckpointError, match="trained on 'moons'.*not on 'xor'"):
        checkpoint.load_run(run_path, data.make_toy("xor", n=100))


@pytest.mark.parametrize("damage, problem", [
    (lambda m: m["config"].update(colour="red"), "damaged run data"),
    (lambda m: m["rng"].update(trainer={"bit_generator": "PCG64"}), "random generator state"),
    (lambda m: m["trainer"].update(batch_size=0), "batch size"),
    (lambda m: m.pop("history"), "damaged run data"),
    (lambda m: m["optimizer"].update(name="lion"), "unknown optimizer 'lion'"),
])
def test_damaged_run_header(tmp_path, damage, problem):
    toy = data.make_toy("gauss", n=100)
    trainer = Trainer(make_net(TOY), toy, Config(epochs=1))
    list(trainer.run())
    path = tmp_path / "damaged.run"
    checkpoint.save_run(trainer, path)
    rewrite(path, meta=damage)
    with pytest.raises(CheckpointError, match=problem) as e:
        checkpoint.load_run(path, toy)
    assert str(e.value).startswith(f"{path}: ")


def test_damaged_optimizer_state(tmp_path):
    toy = data.make_toy("gauss", n=100)
    trainer = Trainer(make_net(TOY), toy, Config(epochs=1, optimizer="adam"))
    list(trainer.run())
    path = tmp_path / "opt.run"
    checkpoint.save_run(trainer, path)
    rewrite(path, put={"opt/all/m": np.zeros(3, np.float32)})
    with pytest.raises(CheckpointError, match=r"optimizer state all/m has shape \(3,\)"):
        checkpoint.load_run(path, toy)


def test_diverged_run_is_not_saved(tmp_path):
    toy = data.make_toy("gauss", n=100)
    trainer = Trainer(make_net(TOY), toy, Config(epochs=1))
    path = tmp_path / "keep.run"
    checkpoint.save_run(trainer, path)
    before = path.read_bytes()
    trainer.net.parameters()["0.b"][:] = np.inf
    with pytest.raises(CheckpointError, match=r"refusing to save: parameter 0\.b"):
        checkpoint.save_run(trainer, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["keep.run"]
