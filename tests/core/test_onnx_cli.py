"""``python -m core export-onnx``: writes the file, and every bad input is a clear error."""
from __future__ import annotations

import numpy as np

from core import checkpoint, cli, presets
from core.network import Network
from tests.core import onnx_reference as ref


def saved(tmp_path, activation="tanh"):
    spec = presets.get("toy")
    spec["layers"][0]["activation"] = activation
    net = Network.from_spec(spec, rng=np.random.default_rng(3))
    path = tmp_path / "toy.npz"
    checkpoint.save_model(net, path)
    return net, path


def test_export_onnx_writes_a_model_that_computes_the_network(tmp_path, capsys):
    net, model = saved(tmp_path)
    out = tmp_path / "toy.onnx"
    assert cli.main(["export-onnx", str(model), str(out)]) == 0
    printed = capsys.readouterr().out
    size = out.stat().st_size
    assert f"wrote {out}: {size:,} bytes, {net.n_params} parameters, ONNX opset 13" in printed
    assert "Gemm → Tanh → Gemm → Tanh → Gemm → Softmax; input (N, 2) → probabilities (N, 2)" in printed
    x = np.random.default_rng(0).normal(size=(9, 2)).astype(np.float32)
    p = ref.run(ref.decode(out.read_bytes()), x)["probabilities"]
    assert np.abs(p - net.predict_proba(x)).max() < 1e-5


def test_a_step_activation_is_a_clear_error(tmp_path, capsys):
    _, model = saved(tmp_path, activation="step")
    out = tmp_path / "toy.onnx"
    assert cli.main(["export-onnx", str(model), str(out)]) == 2
    assert capsys.readouterr().err == ("error: layer 0 (dense): the activation “step” has no ONNX "
                                       "operator, so this network cannot be exported to ONNX\n")
    assert not out.exists()


def test_bad_paths_are_clear_errors(tmp_path, capsys):
    _, model = saved(tmp_path)
    before = model.read_bytes()
    assert cli.main(["export-onnx", str(tmp_path / "none.npz"), str(tmp_path / "a.onnx")]) == 2
    assert "none.npz" in capsys.readouterr().err
    assert cli.main(["export-onnx", str(model), str(tmp_path / "no" / "a.onnx")]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path / 'no' / 'a.onnx'}: cannot write "
                                       "(No such file or directory)\n")
    assert cli.main(["export-onnx", str(model), str(model)]) == 2
    assert "that is the model file itself" in capsys.readouterr().err
    assert model.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["toy.npz"]
