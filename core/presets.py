"""Named architectures shared by the CLI, the bench and the app.

MNIST presets take images of shape (1, 28, 28); dense layers flatten them.
"""
from __future__ import annotations

import copy

MNIST_INPUT = [1, 28, 28]

PRESETS: dict[str, dict] = {
    "mlp": {
        "name": "784-100-10 ReLU",
        "input_shape": MNIST_INPUT,
        "layers": [{"type": "dense", "units": 100, "activation": "relu"},
                   {"type": "dense", "units": 10}],
        "loss": "softmax_cross_entropy",
    },
    "mlp2": {
        "name": "784-256-128-10 ReLU",
        "input_shape": MNIST_INPUT,
        "layers": [{"type": "dense", "units": 256, "activation": "relu"},
                   {"type": "dense", "units": 128, "activation": "relu"},
                   {"type": "dense", "units": 10}],
        "loss": "softmax_cross_entropy",
    },
    "two_layer_net": {
        "name": "TwoLayerNet 784-50-10 sigmoid (the book)",
        "input_shape": MNIST_INPUT,
        "layers": [{"type": "dense", "units": 50, "activation": "sigmoid"},
                   {"type": "dense", "units": 10}],
        "loss": "softmax_cross_entropy",
    },
    "deep": {
        "name": "5 × 100 ReLU (the book's optimizer comparison)",
        "input_shape": MNIST_INPUT,
        "layers": [{"type": "dense", "units": 100, "activation": "relu"} for _ in range(5)]
        + [{"type": "dense", "units": 10}],
        "loss": "softmax_cross_entropy",
    },
    "cnn": {
        "name": "small CNN (conv 16 → pool → conv 32 → pool → 100 → 10)",
        "input_shape": MNIST_INPUT,
        "layers": [{"type": "conv2d", "filters": 16, "kernel": 5, "padding": 2, "activation": "relu"},
                   {"type": "maxpool", "size": 2},
                   {"type": "conv2d", "filters": 32, "kernel": 5, "activation": "relu"},
                   {"type": "maxpool", "size": 2},
                   {"type": "flatten"},
                   {"type": "dense", "units": 100, "activation": "relu"},
                   {"type": "dense", "units": 10}],
        "loss": "softmax_cross_entropy",
    },
    "simple_conv_net": {
        "name": "SimpleConvNet: conv 30×5×5 → pool → 100 → 10 (the book)",
        "input_shape": MNIST_INPUT,
        "layers": [{"type": "conv2d", "filters": 30, "kernel": 5, "activation": "relu"},
                   {"type": "maxpool", "size": 2},
                   {"type": "flatten"},
                   {"type": "dense", "units": 100, "activation": "relu"},
                   {"type": "dense", "units": 10}],
        "loss": "softmax_cross_entropy",
    },
    "toy": {
        "name": "toy 2-8-8-2 tanh",
        "input_shape": [2],
        "layers": [{"type": "dense", "units": 8, "activation": "tanh"},
                   {"type": "dense", "units": 8, "activation": "tanh"},
                   {"type": "dense", "units": 2}],
        "loss": "softmax_cross_entropy",
    },
}

# Training recipes with Adam that reach a preset's targets quickly (the CLI's defaults for it;
# any flag overrides them). A preset without one trains with the optimizer's defaults.
ADAM_RECIPES: dict[str, dict] = {
    "mlp": {"epochs": 4, "batch_size": 32, "lr": 0.002, "lr_decay": 0.5},
    "cnn": {"epochs": 3, "batch_size": 64, "lr": 0.002, "lr_decay": 0.5},
    "simple_conv_net": {"epochs": 3, "batch_size": 64, "lr": 0.002, "lr_decay": 0.5},
}


def adam_recipe(name: str | None) -> dict:
    """A copy of the preset's Adam recipe (epochs, batch_size, lr, lr_decay), or {}."""
    return dict(ADAM_RECIPES.get(name, {}))


def get(name: str) -> dict:
    """A deep copy of a preset spec."""
    try:
        return copy.deepcopy(PRESETS[name])
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None
