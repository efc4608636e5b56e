"""``python -m core export-onnx MODEL.npz OUT.onnx``: a saved model as an ONNX file.

    python -m core export-onnx resources/default_model.npz digits.onnx

MODEL is a model file or a run file (its model is exported). The ONNX file takes a float32
batch ``input`` of shape (N, *input_shape), scaled as in training (MNIST: pixel / 255), and
gives ``probabilities`` (N, classes); see ``core/onnx_export.py``. Exit status: 0 when the
file is written; 2 for a bad model file, a network ONNX cannot express (e.g. the step
activation) or a file that cannot be written.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from . import checkpoint, onnx_export

COMMAND = "export-onnx"


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        COMMAND, help="write a saved model as an ONNX file",
        description="Write a saved model as an ONNX file: input 'input' (N, *input_shape), float32, "
        "scaled as in training; output 'probabilities' (N, classes), or 'values' for a regression "
        "network.")
    p.add_argument("model", type=Path, help="a model or run file (.npz)")
    p.add_argument("out", type=Path, help="the ONNX file to write, e.g. model.onnx")
    return p


def run(args) -> int:
    if args.out.exists() and args.model.exists() and args.out.samefile(args.model):
        raise ValueError(f"{args.out}: that is the model file itself; choose another name")
    net = checkpoint.load_model(args.model)
    try:
        summary = onnx_export.export(net.spec, net.snapshot(), args.out)
    except OSError as e:
        raise ValueError(f"{args.out}: cannot write ({e.strerror or e})") from None
    print(f"wrote {args.out}: {summary.n_bytes:,} bytes, {summary.n_params:,} parameters, "
          f"ONNX opset {onnx_export.OPSET}")
    print(f"  {summary.describe()}")
    return 0
