"""ONNX export: the wire format against protobuf's documented bytes, the file decoded by an
independent reader and run by a NumPy reference of the ONNX operators (always), checked by
the onnx package's checker and run by onnxruntime on the whole MNIST test set (when those
optional packages are installed)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from core import activations, checkpoint, layers, onnx_export, presets
from core import onnx_proto as pb
from core.data import RESOURCES
from core.network import Network
from core.trainer import Config, Trainer
from tests.core import onnx_reference as ref

# Small networks that together use every layer kind, with odd shapes on purpose: a non-square
# kernel with stride and padding, overlapping pooling, BatchNorm on images, vectors and a
# (3, 4) input, dense layers on images without a Flatten, Maxout.
SPECS = {
    "conv": {"input_shape": [2, 7, 7], "layers": [
        {"type": "conv2d", "filters": 3, "kernel": [3, 2], "stride": 2, "padding": 1,
         "activation": "tanh"},
        {"type": "batchnorm"},
        {"type": "activation", "activation": "leaky_relu"},
        {"type": "maxpool", "size": 2, "stride": 1},
        {"type": "flatten"},
        {"type": "dropout", "rate": 0.5},
        {"type": "dense", "units": 6, "activation": "relu"},
        {"type": "batchnorm"},
        {"type": "maxout", "units": 4, "pieces": 3},
        {"type": "dense", "units": 3}], "loss": "softmax_cross_entropy"},
    "matrix_input": {"input_shape": [3, 4], "layers": [
        {"type": "batchnorm", "eps": 0.01},
        {"type": "dense", "units": 5, "activation": "elu"},
        {"type": "dense", "units": 4, "activation": "sigmoid"},
        {"type": "dense", "units": 3}], "loss": "mse"},
    "image_mlp": {"input_shape": [1, 5, 5], "layers": [
        {"type": "dense", "units": 4, "activation": "relu"},
        {"type": "maxout", "units": 3, "pieces": 2},
        {"type": "dense", "units": 2}], "loss": "softmax_cross_entropy"},
}


def random_snapshot(spec: dict, seed: int = 0) -> dict[str, np.ndarray]:
    """Every parameter and buffer random (biases, γ, β and running statistics included),
    so a mix-up of any two of them shows."""
    rng = np.random.default_rng(seed)
    snap = Network.from_spec(spec, rng=rng).snapshot()
    out = {}
    for name, a in snap.items():
        a = rng.normal(0, 0.7, a.shape)
        if name.endswith("running_var"):
            a = rng.uniform(0.3, 2.0, a.shape)
        out[name] = a.astype(np.float32)
    return out


def exported(spec: dict, seed: int = 0):
    snap = random_snapshot(spec, seed)
    net = Network.from_spec(spec, rng=np.random.default_rng(seed))
    net.load_snapshot(snap)
    return net, snap, onnx_export.to_onnx(spec, snap)


def batch(net: Network, n: int = 17, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, 1, (n,) + net.input_shape).astype(np.float32)


# -- the wire format ----------------------------------------------------------------------
def test_wire_format_matches_the_protobuf_documentation():
    # the examples of https://protobuf.dev/programming-guides/encoding/
    assert pb.integer(1, 150) == bytes.fromhex("089601")
    assert pb.string(2, "testing") == bytes.fromhex("120774657374696e67")
    assert pb.message(3, pb.integer(1, 150)) == bytes.fromhex("1a03089601")
    assert pb.varint(1) == b"\x01" and pb.varint(300) == bytes.fromhex("ac02")
    assert pb.varint(-1) == b"\xff" * 9 + b"\x01"          # int64 −1: ten bytes
    assert pb.float32(2, 1.0) == bytes.fromhex("150000803f")


# -- the file's structure, decoded ----------------------------------------------------------
def test_the_default_cnn_decodes_to_the_expected_graph():
    net = checkpoint.load_model(RESOURCES / "default_model.npz")
    snap = net.snapshot()
    model = ref.decode(onnx_export.to_onnx(net.spec, snap))
    assert model["ir_version"] == onnx_export.IR_VERSION
    assert [(o.get("domain", ""), o["version"]) for o in model["opset_import"]] == [("", 13)]
    assert model["producer_name"] == "NumNet Studio"
    meta = {p["key"]: p["value"] for p in model["metadata_props"]}
    assert json.loads(meta["numnet.spec"]) == net.spec
    graph = model["graph"]
    assert [(v["name"], ref.dims(v)) for v in graph["input"]] == [("input", ["N", 1, 28, 28])]
    assert [(v["name"], ref.dims(v)) for v in graph["output"]] == [("probabilities", ["N", 10])]
    assert [n["op_type"] for n in graph["node"]] == [
        "Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm",
        "Softmax"]
    conv = ref.attributes(graph["node"][0])
    assert conv == {"kernel_shape": [5, 5], "strides": [1, 1], "pads": [2, 2, 2, 2]}
    assert ref.attributes(graph["node"][2]) == {"kernel_shape": [2, 2], "strides": [2, 2]}
    assert graph["node"][0]["input"] == ["input", "0.W", "0.b"]
    assert graph["node"][-1]["input"] == ["6.z"] and ref.attributes(graph["node"][-1]) == {"axis": -1}
    # the initializers are the parameters, bit for bit, under their own names
    weights = {t["name"]: ref.tensor_array(t) for t in graph["initializer"]}
    assert weights.keys() == snap.keys()
    for name, a in snap.items():
        assert weights[name].dtype == np.float32 and np.array_equal(weights[name], a), name


@pytest.mark.parametrize("name", SPECS)
def test_every_layer_kind_runs_like_the_network(name):
    net, _, data = exported(SPECS[name])
    x = batch(net)
    (out,) = ref.run(ref.decode(data), x).items()
    assert out[0] == "probabilities"
    assert np.abs(out[1] - net.predict_proba(x)).max() < 1e-5


def test_the_specs_above_cover_every_layer_kind():
    used = {layer["type"] for spec in SPECS.values() for layer in spec["layers"]}
    assert used == set(layers.LAYER_TYPES)


def test_batchnorm_is_exported_in_inference_mode_and_dropout_is_left_out():
    net, snap, data = exported(SPECS["conv"])
    graph = ref.decode(data)["graph"]
    ops = [n["op_type"] for n in graph["node"]]
    assert ops.count("BatchNormalization") == 2 and "Dropout" not in ops
    bn = next(n for n in graph["node"] if n["op_type"] == "BatchNormalization")
    assert bn["input"] == ["0.a", "1.gamma", "1.beta", "1.running_mean", "1.running_var"]
    assert bn["output"] == ["1.bn"] and ref.attributes(bn) == {"epsilon": pytest.approx(1e-5)}


@pytest.mark.parametrize("name", activations.ACTIVATIONS)
def test_each_activation_is_exported_or_refused_by_name(name):
    spec = {"input_shape": [4], "layers": [{"type": "dense", "units": 5},
                                           {"type": "activation", "activation": name},
                                           {"type": "dense", "units": 3}],
            "loss": "softmax_cross_entropy"}
    if name not in onnx_export.ACTIVATION_OPS:
        with pytest.raises(onnx_export.OnnxExportError, match=f"layer 1 \\(activation\\).*“{name}”"):
            exported(spec)
        return
    net, _, data = exported(spec)
    x = batch(net)
    assert np.abs(ref.run(ref.decode(data), x)["probabilities"] - net.predict_proba(x)).max() < 1e-5


def test_the_step_function_is_refused_naming_the_layer():
    spec = presets.get("toy")
    spec["layers"][1]["activation"] = "step"
    with pytest.raises(onnx_export.OnnxExportError) as info:
        onnx_export.to_onnx(spec, random_snapshot(spec))
    assert str(info.value) == ("layer 1 (dense): the activation “step” has no ONNX operator, so "
                               "this network cannot be exported to ONNX")
    assert info.value.layer == 1 and info.value.values == (1, "dense", "step")


def test_an_activation_without_an_onnx_mapping_is_refused(monkeypatch):
    class Cube(activations.Activation):
        name = "cube"

        def forward(self, z):
            return z ** 3

    monkeypatch.setitem(activations.ACTIVATIONS, "cube", Cube)
    spec = {"input_shape": [4], "layers": [{"type": "dense", "units": 5},
                                           {"type": "dense", "units": 3, "activation": "cube"}],
            "loss": "softmax_cross_entropy"}
    with pytest.raises(onnx_export.OnnxExportError,
                       match="^layer 1 \\(dense\\): the activation “cube” has no ONNX operator"):
        onnx_export.to_onnx(spec, random_snapshot(spec))


def test_a_layer_kind_without_an_onnx_mapping_is_refused(monkeypatch):
    class Twice(layers.Layer):
        kind = "twice"

        def forward(self, x, training=False):
            return 2 * x

    monkeypatch.setitem(layers.LAYER_TYPES, "twice", Twice)
    spec = {"input_shape": [4], "layers": [{"type": "dense", "units": 3}, {"type": "twice"}],
            "loss": "softmax_cross_entropy"}
    with pytest.raises(onnx_export.OnnxExportError,
                       match="^layer 1 \\(twice\\): this kind of layer has no ONNX mapping"):
        onnx_export.to_onnx(spec, random_snapshot(spec))


def test_a_regression_network_outputs_its_values_without_softmax():
    spec = {"input_shape": [1], "layers": [{"type": "dense", "units": 8, "activation": "tanh"},
                                           {"type": "dense", "units": 1}],
            "loss": "squared_error"}
    net, _, data = exported(spec)
    model = ref.decode(data)
    assert [n["op_type"] for n in model["graph"]["node"]] == ["Gemm", "Tanh", "Gemm", "Identity"]
    x = batch(net)
    out = ref.run(model, x)
    assert list(out) == ["values"]
    assert np.abs(out["values"] - net.forward(x)).max() < 1e-5


def test_export_writes_the_file_and_summarises_it(tmp_path):
    spec = presets.get("mlp")
    snap = random_snapshot(spec)
    path = tmp_path / "mlp.onnx"
    summary = onnx_export.export(spec, snap, path)
    assert path.read_bytes() == onnx_export.to_onnx(spec, snap)
    assert summary.n_bytes == path.stat().st_size
    assert summary.ops == ("Flatten", "Gemm", "Relu", "Gemm", "Softmax")
    assert summary.n_params == 784 * 100 + 100 + 100 * 10 + 10
    assert summary.describe() == ("Flatten → Gemm → Relu → Gemm → Softmax; input (N, 1, 28, 28) → "
                                  "probabilities (N, 10)")
    assert [p.name for p in tmp_path.iterdir()] == ["mlp.onnx"]


def test_a_failed_write_raises_and_leaves_nothing(tmp_path):
    spec = presets.get("toy")
    with pytest.raises(OSError):
        onnx_export.export(spec, random_snapshot(spec), tmp_path / "missing" / "toy.onnx")
    (tmp_path / "taken").mkdir()
    with pytest.raises(OSError):
        onnx_export.export(spec, random_snapshot(spec), tmp_path / "taken")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_parameters_that_do_not_fit_the_spec_are_refused():
    spec = presets.get("toy")
    snap = random_snapshot(spec)
    del snap["2.b"]
    with pytest.raises(ValueError, match="missing parameter.*2.b"):
        onnx_export.to_onnx(spec, snap)


# -- with the optional packages -----------------------------------------------------------
@pytest.mark.parametrize("name", SPECS)
def test_the_onnx_checker_accepts_the_models(name):
    onnx = pytest.importorskip("onnx")
    model = onnx.load_from_string(exported(SPECS[name])[2])
    onnx.checker.check_model(model, full_check=True)
    onnx.shape_inference.infer_shapes(model, strict_mode=True)


def _session(data: bytes):
    ort = pytest.importorskip("onnxruntime")
    return ort.InferenceSession(data, providers=["CPUExecutionProvider"])


@pytest.mark.parametrize("name", SPECS)
def test_onnxruntime_runs_every_layer_kind_like_the_network(name):
    net, _, data = exported(SPECS[name])
    x = batch(net, n=33)
    (p,) = _session(data).run(["probabilities"], {"input": x})
    assert np.abs(p - net.predict_proba(x)).max() < 1e-5


def _trained_mlp(mnist) -> Network:
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    config = Config(epochs=1, batch_size=64, lr=0.002, max_train=6000, val_fraction=0.0,
                    evaluate_test=False)
    for _ in Trainer(net, mnist, config).run():
        pass
    return net


@pytest.mark.parametrize("model", ["mlp", "default_cnn"])
def test_onnxruntime_agrees_on_the_whole_mnist_test_set(model, mnist):
    pytest.importorskip("onnxruntime")
    if model == "mlp":
        net = _trained_mlp(mnist)
    else:
        net = checkpoint.load_model(RESOURCES / "default_model.npz")
    x, y = mnist.gather("test", np.arange(len(mnist.y_test)))
    x = net.as_input(x)
    (p_onnx,) = _session(onnx_export.to_onnx(net.spec, net.snapshot())).run(None, {"input": x})
    p = net.predict_proba(x)
    assert len(p) == 10_000
    assert np.array_equal(p_onnx.argmax(axis=1), p.argmax(axis=1))
    assert np.abs(p_onnx - p).max() < 1e-5
    assert np.mean(p.argmax(axis=1) == y) > 0.8          # a network that learned something (chance: 0.1)
