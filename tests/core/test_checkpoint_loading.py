"""Loading checkpoints that lie (issue 13): checked before allocating, every field with its
rule, only regular files, only the members a load needs."""
from __future__ import annotations

import json
import os
import threading
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

from core import Network, checkpoint, optimizers
from core.errors import CheckpointError
from core.trainer import Config, Trainer
from tests.core import fuzz_files as ff

BN = ff.MODEL_SPECS[0]          # dense 12 → batchnorm → relu → dropout → dense 3, input 6
N_PARAMS = (6 * 12 + 12) + 2 * 12 + (12 * 3 + 3)        # 147


def saved_model(tmp_path: Path) -> Path:
    path = tmp_path / "model.npz"
    checkpoint.save_model(Network.from_spec(BN, rng=np.random.default_rng(0)), path)
    return path


def saved_run(tmp_path: Path, optimizer: str = "adam") -> Path:
    trainer = Trainer(Network.from_spec(BN, rng=np.random.default_rng(0)), ff.dataset(),
                      Config(epochs=2, batch_size=8, optimizer=optimizer, good_every=2))
    events = trainer.run()
    for _ in range(6):
        next(events)
    path = tmp_path / f"{optimizer}.run"
    checkpoint.save_run(trainer, path)
    return path


def members(path: Path) -> list[tuple[str, np.ndarray]]:
    return [(n.removesuffix(".npy"), a) for n, a in ff.read_members(path)]


def repack(path: Path, entries: list[tuple[str, np.ndarray]]) -> None:
    ff.write_zip(path, [(n + ".npy", ff.npy(a)) for n, a in entries])


def edit_meta(path: Path, change) -> None:
    entries = members(path)
    meta = json.loads(dict(entries)["meta"].tobytes())
    change(meta)
    raw = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    repack(path, [(n, raw if n == "meta" else a) for n, a in entries])


def edit_array(path: Path, key: str, change) -> None:
    repack(path, [(n, change(a.copy()) if n == key else a) for n, a in members(path)])


def error(load, path) -> CheckpointError:
    with pytest.raises(CheckpointError) as e:
        load(path)
    assert e.value.path == str(path) and str(path) in str(e.value)
    return e.value


# -- before allocating ---------------------------------------------------------------------
@pytest.mark.parametrize("which, words", [(0, "unexpected entry 'junk'"),
                                          (1, "has shape (402653184,) but the spec needs (6, 12)"),
                                          (2, "the header ('meta') has 1,610,612,736 values")])
def test_a_bomb_member_is_refused_from_its_header(tmp_path, which, words):
    bomb = ff.bomb_archives(saved_model(tmp_path), tmp_path)[which]
    with zipfile.ZipFile(bomb) as z:                  # 1.5 GiB declared in a few MB
        assert max(i.file_size for i in z.infolist()) >= ff.BOMB_BYTES
    tracemalloc.start()
    try:
        e = error(checkpoint.load_model, bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert words in e.problem
    assert peak < 20 << 20


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "model.npz"
    os.mkfifo(pipe)
    result = {}
    reader = threading.Thread(target=lambda: result.update(e=error(checkpoint.load_model, pipe)))
    reader.start()
    reader.join(5)
    if reader.is_alive():                             # unblock it, then fail
        with open(pipe, "wb"):
            pass
        reader.join()
        pytest.fail("opening a named pipe blocked")
    assert result["e"].problem == "is a named pipe, not a regular file"


def test_a_nul_in_the_path_is_a_clear_error(tmp_path):
    with pytest.raises(CheckpointError, match=r"bad\\0name.npz: the file name contains a NUL"):
        checkpoint.read_metadata(str(tmp_path / "bad\0name.npz"))


def test_only_the_members_a_load_needs_are_read(tmp_path):
    path = saved_run(tmp_path)
    # a corrupt optimizer slot: a model load never decompresses it, a run load does
    entries = [(n + ".npy", ff.npy(a)[:20] if n == "opt/all/m" else ff.npy(a)) for n, a in members(path)]
    ff.write_zip(path, entries)
    net = checkpoint.load_model(path)
    assert net.n_params == N_PARAMS
    assert "optimizer state all/m" in error(lambda p: checkpoint.load_run(p, ff.dataset()), path).problem


def test_a_duplicated_member_is_refused(tmp_path):
    path = saved_model(tmp_path)
    entries = members(path)
    repack(path, entries + [entries[1]])
    assert "appears twice" in error(checkpoint.load_model, path).problem


# -- every field with its rule -------------------------------------------------------------
RUN_FIELDS = [
    (lambda m: m["config"].update(good_every=0), "config.good_every"),
    (lambda m: m["config"].update(max_train=0), "config.max_train"),
    (lambda m: m["config"].update(seed=-1), "config.seed"),
    (lambda m: m["config"].update(epochs="5"), "config.epochs"),
    (lambda m: m["optimizer"]["hyperparameters"].update(beta1=1.0), "optimizer.beta1"),
    (lambda m: m["optimizer"]["hyperparameters"].update(beta2=float("nan")), "optimizer.beta2"),
    (lambda m: m["optimizer"]["hyperparameters"].update(beta1="0.9"), "optimizer.beta1"),
    (lambda m: m["optimizer"].update(t=2**64), "optimizer.t"),
    (lambda m: m["trainer"].update(step=2**64), "trainer.step"),
    (lambda m: m["trainer"].update(epoch=True), "trainer.epoch"),
    (lambda m: m["trainer"]["dropout"].update({"3": 1.5}), "trainer.dropout.3"),
    (lambda m: m["trainer"]["dropout"].update({"0": 0.5}), "trainer.dropout.0"),
    (lambda m: m["rng"]["trainer"]["state"].update(state=2**200), "rng.trainer.state.state"),
    (lambda m: m["rng"]["net"]["state"].update(inc=2), "rng.net.state.inc"),
    (lambda m: m["rng"]["net"].update(bit_generator="MT19937"), "rng.net.bit_generator"),
    (lambda m: m["history"]["steps"][0].update(loss="x"), "history.steps[0].loss"),
    (lambda m: m["history"]["steps"][0].update(acc=1.5), "history.steps[0].acc"),
    (lambda m: m["history"]["steps"][0].update(step=-1), "history.steps[0].step"),
    (lambda m: m["history"]["steps"][0].pop("lr"), "history.steps[0].lr"),
    (lambda m: m["dataset"].update(n_classes=[3]), "dataset.n_classes"),
]


@pytest.mark.parametrize("change, field", RUN_FIELDS, ids=[f for _, f in RUN_FIELDS])
def test_every_run_field_is_checked_with_its_rule(tmp_path, change, field):
    path = saved_run(tmp_path)
    edit_meta(path, change)
    e = error(lambda p: checkpoint.load_run(p, ff.dataset()), path)
    assert e.field == field and field in e.problem


ARRAYS = [
    ("opt/all/v", lambda a: a - 1.0, "negative value", "adam"),
    ("opt/all/h", lambda a: -a - 1.0, "negative value", "adagrad"),
    ("opt/all/v", lambda a: a * 0 + 1e30, "over the limit", "momentum"),
    ("buffer/1.running_var", lambda a: a - 10.0, "negative value", "adam"),
    ("param/0.W", lambda a: a * 0 + 3e38, "over the limit of 1e+06", "adam"),
    ("trainer/good", lambda a: a * np.nan, "non-finite", "adam"),
]


@pytest.mark.parametrize("key, change, words, optimizer", ARRAYS)
def test_array_values_are_checked(tmp_path, key, change, words, optimizer):
    path = saved_run(tmp_path, optimizer)
    if key == "trainer/good" and key not in dict(members(path)):
        repack(path, members(path) + [(key, np.zeros(N_PARAMS, np.float32))])
    edit_array(path, key, change)
    e = error(lambda p: checkpoint.load_run(p, ff.dataset()), path)
    assert words in e.problem and e.field == key


def test_a_slot_the_optimizer_does_not_keep_is_refused(tmp_path):
    path = saved_run(tmp_path, "momentum")
    repack(path, members(path) + [("opt/all/m", np.zeros(N_PARAMS, np.float32))])
    assert "momentum keeps no state 'm' (only v)" in \
        error(lambda p: checkpoint.load_run(p, ff.dataset()), path).problem


def test_the_optimizers_declare_the_state_they_keep():
    for name, cls in optimizers.OPTIMIZERS.items():
        opt = optimizers.make(name)
        p = {"all": np.ones(4, np.float32)}
        opt.update(p, {"all": np.full(4, 0.5, np.float32)})
        kept = opt.state.get("all", {})
        assert tuple(sorted(kept)) == tuple(sorted(cls.SLOTS)), name
        for slot in cls.NONNEGATIVE_SLOTS:
            assert (kept[slot] >= 0).all()


def test_a_model_whose_output_overflows_is_refused(tmp_path):
    spec = {"input_shape": [6], "layers": [{"type": "dense", "units": 8}] * 6 + [{"type": "dense",
                                                                                  "units": 3}]}
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    net.flat_params[...] = 9e5                        # each within the limit; together inf
    path = tmp_path / "huge.npz"
    checkpoint.save_model(net, path)
    assert "output overflows" in error(checkpoint.load_model, path).problem


def test_info_of_the_wrong_type_is_refused(tmp_path):
    path = saved_model(tmp_path)
    edit_meta(path, lambda m: m.update(info={"test_acc": True}))
    assert error(checkpoint.read_metadata, path).field == "info.test_acc"


def test_valid_files_still_load(tmp_path):
    path = saved_run(tmp_path)
    run, meta = checkpoint.load_run(path, ff.dataset()), checkpoint.read_metadata(path)
    assert run.step == run.optimizer.t == meta["trainer"]["step"] == 5     # one epoch of 36 samples
    assert checkpoint.load_model(saved_model(tmp_path)).n_params == N_PARAMS
