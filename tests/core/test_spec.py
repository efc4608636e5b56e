"""Specs: presets, parameter counts, the dimension table, and clear errors."""

import json

import pytest

from core import presets, spec
from core.spec import SpecError

MNIST = [1, 28, 28]

# hand counts: weights + biases per layer
HAND_COUNTS = {
    "mlp": (784 * 100 + 100) + (100 * 10 + 10),                                       # 79510
    "mlp2": (784 * 256 + 256) + (256 * 128 + 128) + (128 * 10 + 10),
    "two_layer_net": (784 * 50 + 50) + (50 * 10 + 10),
    "deep": (784 * 100 + 100) + 4 * (100 * 100 + 100) + (100 * 10 + 10),
    # conv 16×1×5×5 (pad 2: 28×28) → pool 14×14 → conv 32×16×5×5 (10×10) → pool 5×5 → 800 → 100 → 10
    "cnn": (16 * 25 + 16) + (32 * 16 * 25 + 32) + (800 * 100 + 100) + (100 * 10 + 10),
    # conv 30×1×5×5 (24×24) → pool 12×12 → 30·144 = 4320 → 100 → 10
    "simple_conv_net": (30 * 25 + 30) + (4320 * 100 + 100) + (100 * 10 + 10),
    "toy": (2 * 8 + 8) + (8 * 8 + 8) + (8 * 2 + 2),
}


def dense_spec(*layers, input_shape=(4,), **top):
    return {"input_shape": list(input_shape), "layers": list(layers), **top}


def error_of(s, **kw) -> SpecError:
    with pytest.raises(SpecError) as info:
        spec.validate(s, **kw)
    return info.value


# -- presets and counts ------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(presets.PRESETS))
def test_every_preset_validates(name):
    s = presets.get(name)
    out = spec.validate(s, n_classes=2 if name == "toy" else 10)
    assert out["layers"] == s["layers"]
    assert json.loads(spec.dumps(out)) == out                       # JSON round trip
    assert spec.parse(spec.dumps(out)) == out


def test_every_preset_has_a_hand_count():
    assert set(HAND_COUNTS) == set(presets.PRESETS)


@pytest.mark.parametrize("name", sorted(HAND_COUNTS))
def test_parameter_counts_equal_hand_counts(name):
    assert spec.count_params(presets.get(name)) == HAND_COUNTS[name]


def test_mlp_has_79510_parameters():
    assert spec.count_params(presets.get("mlp")) == 79510


def test_presets_get_returns_independent_copies():
    a = presets.get("mlp")
    a["layers"][0]["units"] = 5
    assert presets.get("mlp")["layers"][0]["units"] == 100
    with pytest.raises(ValueError, match="unknown preset 'nope'"):
        presets.get("nope")


def test_validate_returns_a_normalised_copy():
    s = {"input_shape": (4,), "layers": [{"type": "dense", "units": 3}]}
    out = spec.validate(s)
    assert out["input_shape"] == [4] and out["loss"] == "softmax_cross_entropy"
    assert "loss" not in s
    out["layers"][0]["units"] = 7
    assert s["layers"][0]["units"] == 3


# -- the dimension table -------------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 64])
def test_dimension_table_mlp(m):
    rows = spec.dimension_table(presets.get("mlp"), m)
    assert [r["index"] for r in rows] == [0, 1]
    r0, r1 = rows
    assert r0["X"] == (m, 1, 28, 28)
    assert r0["W"] == r0["dW"] == (784, 100) and r0["b"] == r0["db"] == (100,)
    assert r0["Z"] == r0["A"] == (m, 100)
    assert r1["X"] == (m, 100) and r1["W"] == (100, 10) and r1["b"] == (10,)
    assert r1["Z"] == r1["A"] == (m, 10)
    assert r0["params"] == 78500 and r1["params"] == 1010
    assert r0["bytes"] == 4 * 78500
    assert r0["layer"] == "Dense(784 → 100, relu)"


@pytest.mark.parametrize("m", [1, 64])
def test_dimension_table_cnn(m):
    rows = spec.dimension_table(presets.get("cnn"), m)
    expected = [  # X, W, b, A
        ((m, 1, 28, 28), (16, 1, 5, 5), (16,), (m, 16, 28, 28)),     # pad 2 keeps 28×28
        ((m, 16, 28, 28), None, None, (m, 16, 14, 14)),
        ((m, 16, 14, 14), (32, 16, 5, 5), (32,), (m, 32, 10, 10)),   # 14 − 5 + 1 = 10
        ((m, 32, 10, 10), None, None, (m, 32, 5, 5)),
        ((m, 32, 5, 5), None, None, (m, 800)),
        ((m, 800), (800, 100), (100,), (m, 100)),
        ((m, 100), (100, 10), (10,), (m, 10)),
    ]
    assert [r["kind"] for r in rows] == ["conv2d", "maxpool", "conv2d", "maxpool", "flatten",
                                         "dense", "dense"]
    for row, (x, w, b, a) in zip(rows, expected, strict=True):
        assert (row["X"], row["W"], row["b"], row["A"]) == (x, w, b, a), row["index"]
        assert row["Z"] == a
        assert row["dW"] == w and row["db"] == b
    assert sum(r["params"] for r in rows) == HAND_COUNTS["cnn"]


def test_dimension_table_conv_output_sizes_with_stride_and_padding():
    s = {"input_shape": [3, 11, 9],
         "layers": [{"type": "conv2d", "filters": 4, "kernel": [3, 2], "stride": 2, "padding": 1},
                    {"type": "maxpool", "size": 3, "stride": 2},
                    {"type": "batchnorm"},
                    {"type": "flatten"},
                    {"type": "maxout", "units": 5, "pieces": 3},
                    {"type": "dense", "units": 2}]}
    rows = spec.dimension_table(s, 8)
    # conv: (11 + 2 − 3)//2 + 1 = 6, (9 + 2 − 2)//2 + 1 = 5; pool 3/2: (6 − 3)//2 + 1 = 2, (5 − 3)//2 + 1 = 2
    assert rows[0]["W"] == (4, 3, 3, 2) and rows[0]["A"] == (8, 4, 6, 5)
    assert rows[1]["A"] == (8, 4, 2, 2)
    assert rows[2]["W"] == (4,) and rows[2]["b"] == (4,) and rows[2]["A"] == (8, 4, 2, 2)
    assert rows[3]["A"] == (8, 16)
    assert rows[4]["W"] == (16, 15) and rows[4]["Z"] == (8, 15) and rows[4]["A"] == (8, 5)
    assert rows[5]["X"] == (8, 5) and rows[5]["A"] == (8, 2)


@pytest.mark.parametrize("m", [0, -1, 2.5, True, "64"])
def test_dimension_table_rejects_bad_batch_sizes(m):
    with pytest.raises(ValueError, match="batch size"):
        spec.dimension_table(presets.get("mlp"), m)


# -- clear errors ------------------------------------------------------------------------

def test_spec_error_is_a_value_error():
    assert issubclass(SpecError, ValueError)


def test_unknown_layer_type():
    e = error_of(dense_spec({"type": "dense", "units": 3}, {"type": "convolution", "filters": 2}))
    assert str(e).startswith("layer 1 (convolution): unknown layer type 'convolution'")
    assert "conv2d" in str(e) and e.layer == 1


def test_kernel_larger_than_input():
    s = {"input_shape": [1, 5, 5],
         "layers": [{"type": "conv2d", "filters": 2, "kernel": 7}, {"type": "flatten"},
                    {"type": "dense", "units": 3}]}
    e = error_of(s)
    assert str(e) == "layer 0 (conv2d): kernel 7×7 is larger than its 5×5 input"
    assert e.layer == 0


def test_pool_window_larger_than_input():
    s = {"input_shape": [1, 3, 3], "layers": [{"type": "maxpool", "size": 4}, {"type": "flatten"}]}
    assert str(error_of(s)).startswith("layer 0 (maxpool): window 4×4 is larger than its 3×3 input")


def test_unknown_setting():
    e = error_of(dense_spec({"type": "dense", "units": 3, "activaton": "relu"}))
    assert "layer 0 (dense): unknown setting 'activaton'" in str(e)
    assert "activation" in str(e)                    # lists the valid ones


def test_missing_units():
    assert str(error_of(dense_spec({"type": "dense"}))) == \
        "layer 0 (dense): missing required setting 'units'"


def test_zero_units():
    assert str(error_of(dense_spec({"type": "dense", "units": 0}))) == \
        "layer 0 (dense): units must be at least 1, got 0"


@pytest.mark.parametrize("value", [True, 3.0, "3", None])
def test_units_must_be_a_whole_number_not_a_bool(value):
    e = error_of(dense_spec({"type": "dense", "units": value}))
    assert str(e) == f"layer 0 (dense): units must be a whole number, got {value!r}"


def test_bool_as_kernel_or_stride():
    s = {"input_shape": [1, 6, 6], "layers": [{"type": "conv2d", "filters": 2, "kernel": True}]}
    assert "layer 0 (conv2d): kernel must be a whole number" in str(error_of(s))
    s["layers"][0] = {"type": "conv2d", "filters": 2, "kernel": 3, "stride": False}
    assert "layer 0 (conv2d): stride must be a whole number" in str(error_of(s))


def test_kernel_as_one_or_two_numbers():
    base = {"input_shape": [1, 6, 6], "layers": [None, {"type": "flatten"}, {"type": "dense", "units": 2}]}
    for kernel, out in ((3, (2, 4, 4)), ([3], (2, 4, 4)), ([3, 2], (2, 4, 5))):
        base["layers"][0] = {"type": "conv2d", "filters": 2, "kernel": kernel}
        assert spec.infer(base)[0].out_shape == out
    base["layers"][0] = {"type": "conv2d", "filters": 2, "kernel": [3, 2, 1]}
    assert "layer 0 (conv2d): kernel must be a whole number or two" in str(error_of(base))


def test_malformed_json():
    with pytest.raises(SpecError, match="JSON") as info:
        spec.parse('{"input_shape": [4], "layers": [}', source="model.json")
    assert str(info.value).startswith("model.json: not valid JSON")
    assert "line 1" in str(info.value)
    with pytest.raises(ValueError, match="line 3"):
        spec.parse('{\n"input_shape": [4],\n"layers": [,]}')


def test_parse_validates_what_it_reads():
    assert spec.parse('{"input_shape": [4], "layers": [{"type": "dense", "units": 2}]}')["loss"] == \
        "softmax_cross_entropy"
    with pytest.raises(SpecError, match="layer 0 \\(dense\\): missing required setting 'units'"):
        spec.parse('{"input_shape": [4], "layers": [{"type": "dense"}]}')


def test_last_layer_must_output_a_vector():
    s = {"input_shape": [1, 6, 6], "layers": [{"type": "conv2d", "filters": 2, "kernel": 3}]}
    e = error_of(s)
    assert str(e).startswith("layer 0 (conv2d): the last layer must output a vector of class scores, "
                             "but it outputs 2×4×4")
    assert "flatten" in str(e)


def test_n_classes_mismatch():
    e = error_of(dense_spec({"type": "dense", "units": 8}, {"type": "dense", "units": 3}), n_classes=10)
    assert str(e) == "layer 1 (dense): outputs 3 scores but the data has 10 classes"
    assert e.layer == 1
    assert spec.validate(dense_spec({"type": "dense", "units": 10}), n_classes=10)


@pytest.mark.parametrize("layers", [[], None, {"type": "dense"}])
def test_empty_or_missing_layers(layers):
    s = {"input_shape": [4]}
    if layers is not None:
        s["layers"] = layers
    assert "layers must be a non-empty list" in str(error_of(s))


@pytest.mark.parametrize("shape", [[], [0], [-3], [2.5], [True], "784", 784, [1, 2, 3, 4], None,
                                   [10**30], [65537]])
def test_bad_input_shape(shape):
    s = {"input_shape": shape, "layers": [{"type": "dense", "units": 3}]}
    e = error_of(s)
    assert str(e) == f"input_shape must be a list of 1 to 3 whole numbers from 1 to 65536, got {shape!r}"
    assert e.field == "input_shape"


def test_unknown_loss():
    e = error_of(dense_spec({"type": "dense", "units": 3}, loss="hinge"))
    assert "unknown loss 'hinge'" in str(e) and "softmax_cross_entropy" in str(e)


def test_unknown_activation():
    e = error_of(dense_spec({"type": "dense", "units": 3, "activation": "swish"}))
    assert str(e).startswith("layer 0 (dense): unknown activation 'swish'")
    assert "relu" in str(e)


def test_unknown_top_level_key_and_non_object():
    assert "unknown key(s) layer" in str(error_of({"input_shape": [4], "layer": [], "layers": [
        {"type": "dense", "units": 3}]}))
    assert "must be a JSON object" in str(error_of([1, 2]))
    assert "layer 0 (?): must be an object" in str(error_of(dense_spec("dense")))


def test_other_layer_settings_are_checked():
    img = {"input_shape": [2, 6, 6]}
    cases = [
        ({"type": "dropout", "rate": 1.0}, "rate must be in [0, 1), got 1.0"),
        ({"type": "dropout"}, "missing required setting 'rate'"),
        ({"type": "conv2d", "filters": 2, "kernel": 3, "stride": 0}, "stride must be at least 1"),
        ({"type": "conv2d", "filters": 2, "kernel": 3, "padding": -1}, "padding must not be negative"),
        ({"type": "maxout", "units": 3, "pieces": 1}, "pieces must be at least 2"),
        ({"type": "dense", "units": 3, "init": "zeros"}, "unknown initializer 'zeros'"),
        ({"type": "dense", "units": 3, "sigma": float("nan")}, "sigma must be a finite number"),
        ({"type": "activation"}, "missing required setting 'activation'"),
    ]
    for layer, message in cases:
        s = {**img, "layers": [layer, {"type": "flatten"}, {"type": "dense", "units": 2}]}
        e = error_of(s)
        assert str(e).startswith(f"layer 0 ({layer['type']}): "), str(e)
        assert message in str(e), str(e)


def test_dense_on_an_image_then_conv_names_the_conv():
    s = {"input_shape": [1, 6, 6],
         "layers": [{"type": "dense", "units": 4}, {"type": "conv2d", "filters": 2, "kernel": 3}]}
    e = error_of(s)
    assert str(e).startswith("layer 1 (conv2d): needs image input") and e.layer == 1


# -- problems(): everything at once ---------------------------------------------------------

def test_problems_of_a_valid_spec_is_empty():
    assert spec.problems(presets.get("cnn")) == []


def test_problems_reports_every_bad_layer():
    s = {"input_shape": [1, 5, 5],
         "layers": [{"type": "conv2d", "filters": 2, "kernel": 7},          # shape error
                    {"type": "dense", "units": 0},                          # value error (shape unknown)
                    {"type": "dense", "units": 3, "colour": "red"},         # unknown setting
                    {"type": "pool"},                                       # unknown type
                    {"type": "dense", "units": 2, "activation": "swish"}]}  # unknown activation
    found = spec.problems(s)
    assert [i for i, _ in found] == [0, 2, 3, 4]
    messages = [m for _, m in found]
    assert messages[0] == "layer 0 (conv2d): kernel 7×7 is larger than its 5×5 input"
    assert messages[1].startswith("layer 2 (dense): unknown setting 'colour'")
    assert messages[2].startswith("layer 3 (pool): unknown layer type 'pool'")
    assert messages[3].startswith("layer 4 (dense): unknown activation 'swish'")


def test_problems_checks_shapes_up_to_the_first_bad_layer():
    s = {"input_shape": [1, 5, 5],
         "layers": [{"type": "flatten"},
                    {"type": "conv2d", "filters": 2, "kernel": 3},            # needs an image
                    {"type": "dense", "units": 3, "bogus": 1}]}
    assert [i for i, _ in spec.problems(s)] == [1, 2]
    s = {"input_shape": [4], "layers": [{"type": "dense", "units": 0}, {"type": "dense", "units": 2}]}
    assert spec.problems(s) == [(0, "layer 0 (dense): units must be at least 1, got 0")]


def test_problems_reports_top_level_and_layer_problems_together():
    s = {"input_shape": [1, 5, 5], "loss": "hinge",
         "layers": [{"type": "conv2d", "filters": 2, "kernel": 7}, {"type": "flatten"},
                    {"type": "dense", "units": 3, "x": 1}]}
    found = spec.problems(s)
    assert found[0][0] is None and "unknown loss 'hinge'" in found[0][1]
    assert [i for i, _ in found[1:]] == [0, 2]


def test_problems_with_no_usable_layers_or_whole_spec_problems():
    assert spec.problems({"input_shape": [4], "layers": []}) == [(None, "layers must be a non-empty list")]
    (found,) = spec.problems({"input_shape": [1, 6, 6], "layers": [{"type": "conv2d", "filters": 2,
                                                                    "kernel": 3}]})
    assert found[0] == 0 and "must output a vector" in found[1]
    (found,) = spec.problems(dense_spec({"type": "dense", "units": 3}), n_classes=10)
    assert found == (0, "layer 0 (dense): outputs 3 scores but the data has 10 classes")
