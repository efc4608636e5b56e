"""Specs that are wrong in type, absurd in size or unreadable as files (issue 13), and the
memory estimate the architecture editor shows."""
from __future__ import annotations

import json
import os
import stat

import pytest

from core import checkpoint, model_size, presets, spec
from core.network import Network
from core.spec import SpecError

MNIST = [1, 28, 28]


def dense(*units, input_shape=(784,), **top):
    return {"input_shape": list(input_shape), "layers": [{"type": "dense", "units": u} for u in units],
            **top}


def error_of(s) -> SpecError:
    with pytest.raises(SpecError) as e:
        spec.validate(s)
    return e.value


@pytest.mark.parametrize("s, field, words", [
    (dense(10, loss=["softmax_cross_entropy"]), "loss", "unknown loss ['softmax_cross_entropy']"),
    (dense(10, name=["x"]), "name", "name must be a text"),
    (dense(10, name="a\ud800b"), "name", "unpaired surrogate"),
    (dense(10, input_shape=[10**30]), "input_shape", "from 1 to 65536"),
    ({"input_shape": [4], "layers": [{"type": ["dense"], "units": 3}]}, "layers[0].type",
     "unknown layer type ['dense']"),
    ({"input_shape": [4], "layers": [{"type": "dense", "units": 3, "activation": ["relu"]}]},
     "layers[0].activation", "unknown activation ['relu']"),
    ({"input_shape": [4], "layers": [{"type": "dense", "units": 10**30}]}, "layers[0].units",
     "is too large (limit 65536)"),
    ({"input_shape": [4], "layers": [{"type": "dense", "units": 3, "init": "normal", "sigma": -1}]},
     "layers[0].sigma", "sigma must be positive"),
    ({"input_shape": [4], "layers": [{"type": "batchnorm", "eps": 0}, {"type": "dense", "units": 2}]},
     "layers[0].eps", "eps must be positive"),
    ({"input_shape": [4], "layers": [{"type": "dense", "units": 3, "init": "normal",
                                      "sigma": 1e30}]}, "layers[0].sigma", "finite number of at most"),
    ({"input_shape": [4], "layers": [{"type": "conv2d", "filters": 2, "kernel": [3, 10**40]}]},
     "layers[0].kernel", "kernel must be a whole number or two"),
])
def test_wrong_types_and_sizes_name_the_field(s, field, words):
    e = error_of(s)
    assert e.field == field and words in str(e)


def test_deep_nesting_and_huge_numbers_are_spec_errors():
    with pytest.raises(SpecError, match="nested too deeply"):
        spec.parse("[" * 100_000 + "]" * 100_000, source="deep.json")
    with pytest.raises(SpecError, match=r"^big\.json: not a valid architecture \(Exceeds the limit"):
        spec.parse('{"input_shape": [' + "9" * 5000 + "]}", source="big.json")


def test_a_file_error_names_the_file():
    with pytest.raises(SpecError, match=r"^net\.json: layer 0 \(dense\): units must be a whole number"):
        spec.parse('{"input_shape": [4], "layers": [{"type": "dense", "units": 1.5}]}', source="net.json")


def test_caps_refuse_networks_that_cannot_fit():
    # 15.9 M parameters: allowed (the editor asks first)
    assert spec.count_params(dense(20_000, 10)) == (784 * 20_000 + 20_000) + (20_000 * 10 + 10)
    e = error_of(dense(40_000, 10))
    assert e.layer == 0 and "31,400,000 parameters from here on, over the limit of 25,000,000" in str(e)
    conv = {"input_shape": MNIST, "layers": [
        {"type": "conv2d", "filters": 1024, "kernel": 3, "padding": 1},
        {"type": "conv2d", "filters": 1024, "kernel": 3, "padding": 1},
        {"type": "flatten"}, {"type": "dense", "units": 10}]}
    e = error_of(conv)
    assert e.layer == 1 and "values per sample" in str(e) and "limit of 8,000,000" in str(e)
    assert "too many (limit 200)" in str(error_of(dense(*[4] * 201)))


def test_a_valid_name_survives_a_checkpoint_round_trip(tmp_path):
    s = spec.validate(dense(10, name="数字 ✓ net"))
    path = tmp_path / "m.npz"
    checkpoint.save_model(Network.from_spec(s), path)
    assert checkpoint.load_model(path).spec == s


# -- files ---------------------------------------------------------------------------------
def test_load_reads_a_spec_file_and_refuses_what_is_not_one(tmp_path):
    good = tmp_path / "net.json"
    good.write_bytes(b"\xef\xbb\xbf" + json.dumps(dense(10)).encode())      # a BOM is fine
    assert spec.load(good)["layers"] == [{"type": "dense", "units": 10}]
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (spec.MAX_SPEC_BYTES + 1))
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"name": "caf\xe9"}')
    for path, words in [(pipe, "is a named pipe"), (tmp_path, "is a folder"),
                        (tmp_path / "none.json", "no such file"), (big, "is too large"),
                        (latin, "byte 13 is not UTF-8"),
                        (str(tmp_path / "a\0b.json"), "contains a NUL")]:
        with pytest.raises(SpecError) as e:
            spec.load(path)
        assert words in str(e.value) and e.value.path is not None


def test_save_refuses_a_read_only_file_a_folder_and_a_nul(tmp_path):
    path = tmp_path / "net.json"
    spec.save(dense(10), path)
    assert spec.load(path) == spec.validate(dense(10))
    os.chmod(path, stat.S_IRUSR)
    with pytest.raises(SpecError, match="read-only"):
        spec.save(dense(20), path)
    assert spec.load(path)["layers"][0]["units"] == 10          # untouched, even as root
    with pytest.raises(SpecError, match="not a regular file"):
        spec.save(dense(10), tmp_path)
    with pytest.raises(SpecError, match="NUL"):
        spec.save(dense(10), str(tmp_path / "x\0.json"))


# -- the memory estimate -------------------------------------------------------------------
def test_estimate_grows_with_the_batch_and_asks_above_the_threshold():
    cnn = presets.get("cnn")
    small, big = model_size.estimate(cnn, 64), model_size.estimate(cnn, 4096)
    assert small.n_params == big.n_params == spec.count_params(cnn)
    assert small.total_bytes < big.total_bytes
    assert not small.needs_confirmation and big.needs_confirmation       # 2.4 GB at batch 4096
    wide = model_size.estimate(dense(20_000, 10), 32)
    assert wide.needs_confirmation and wide.n_params > model_size.CONFIRM_PARAMS
    assert not model_size.estimate(presets.get("mlp"), 128).needs_confirmation
    with pytest.raises(ValueError):
        model_size.estimate(cnn, 0)


def test_every_optimizer_fits_the_estimate():
    from core.optimizers import OPTIMIZERS
    assert model_size.max_slots() == max(len(c.SLOTS) for c in OPTIMIZERS.values()) == 2
    assert model_size.BYTES_PER_PARAM >= 4 * (3 + model_size.max_slots())
