"""``python -m core gradcheck``: the gradient check (梯度确认) of a network, as a table.

    python -m core gradcheck --preset mlp
    python -m core gradcheck --spec my_net.json --batch 8 --entries 50
    python -m core gradcheck --model resources/default_model.npz
    python -m core gradcheck --preset mlp --break-layer 1       # layer 1's dW, db × 0.9: it fails

A float64 copy of the network is checked on a few training samples. Exit status: 0 if
every parameter passes, 1 if any fails, 2 for bad arguments or files.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from . import checkpoint, data, presets, threads
from . import spec as spec_mod
from .gradcheck import ABS_TOLERANCE, TOLERANCE, GradCheckRow, check_snapshot
from .network import Network

DATA_CHOICES = "auto (MNIST for 28×28 inputs, xor for 2 inputs, else random), random, mnist, a toy " \
               "set name, or a folder of IDX files"


def add_parser(subparsers) -> argparse.ArgumentParser:
    g = subparsers.add_parser("gradcheck", help="compare backprop's gradients with numerical ones")
    src = g.add_mutually_exclusive_group()
    src.add_argument("--preset", choices=sorted(presets.PRESETS), default=None,
                     help="a built-in architecture, freshly initialised (default: mlp)")
    src.add_argument("--spec", type=Path, help="an architecture JSON file, freshly initialised")
    src.add_argument("--model", type=Path, help="a saved model (.npz): checked with its weights")
    g.add_argument("--data", default="auto", help=DATA_CHOICES)
    g.add_argument("--batch", type=_positive, default=4, help="samples in the batch (default 4)")
    g.add_argument("--entries", type=_positive, default=30,
                   help="entries checked per parameter, sampled at random (default 30)")
    g.add_argument("--h", type=float, default=1e-5, help="step of the central difference (default 1e-5)")
    g.add_argument("--seed", type=int, default=0, help="initial weights, batch and sampled entries")
    g.add_argument("--break-layer", type=int, metavar="L",
                   help="make layer L's backward wrong on purpose: its dW, db scaled by --factor")
    g.add_argument("--factor", type=float, default=0.9, help="the factor for --break-layer (default 0.9)")
    g.add_argument("--json", action="store_true", help="print one JSON object per parameter")
    return g


def _positive(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {v}")
    return v


def _network(args) -> tuple[dict, dict[str, np.ndarray], str]:
    if args.model is not None:
        net = checkpoint.load_model(args.model)
        return net.spec, net.snapshot(), str(args.model)
    if args.spec is not None:
        try:
            spec = spec_mod.parse(args.spec.read_text(encoding="utf-8"), source=str(args.spec))
        except OSError as e:
            raise ValueError(f"{args.spec}: cannot read ({e.strerror})") from None
        where = str(args.spec)
    else:
        name = args.preset or "mlp"
        spec, where = presets.get(name), f"preset {name}"
        spec.pop("name", None)
    net = Network.from_spec(spec, np.random.default_rng(args.seed))
    return net.spec, net.snapshot(), where


def _batch(spec: dict, name: str, m: int, seed: int) -> tuple[np.ndarray, np.ndarray, str]:
    shape = tuple(spec["input_shape"])
    n_classes = spec_mod.infer(spec)[-1].out_shape[0]
    if name == "auto":
        name = "mnist" if int(np.prod(shape)) == 784 else "xor" if shape == (2,) else "random"
    rng = np.random.default_rng(seed)
    if name == "random":
        x = rng.standard_normal((m,) + shape)
        return x, rng.integers(0, n_classes, m), f"{m} random samples"
    dataset = data.load_named(name, seed)
    if int(np.prod(dataset.input_shape)) != int(np.prod(shape)):
        raise ValueError(f"{dataset.name} has inputs of shape {dataset.input_shape} but the network "
                         f"expects {tuple(shape)}")
    if dataset.n_classes > n_classes:
        raise ValueError(f"{dataset.name} has {dataset.n_classes} classes but the network outputs "
                         f"{n_classes} scores")
    idx = rng.choice(len(dataset.y_train), size=min(m, len(dataset.y_train)), replace=False)
    x, y = dataset.gather("train", np.sort(idx))
    return x, y, f"{len(y)} {dataset.name} training samples"



def format_table(rows: list[GradCheckRow]) -> str:
    head = f"{'parameter':<10} {'shape':<16} {'checked':>7} {'at kink':>7} {'max |a − n|':>12} " \
           f"{'rel. error':>11}  result"
    lines = [head, "-" * len(head)]
    for r in rows:
        result = "pass" if r.ok else "FAIL"
        if r.checked == 0:
            result = "— (every entry at a kink)"
        lines.append(f"{r.name:<10} {str(tuple(r.shape)):<16} {r.checked:>7} {r.at_kink:>7} "
                     f"{r.max_abs_error:>12.2e} {r.rel_error:>11.2e}  {result}")
    return "\n".join(lines)


def run(args) -> int:
    threads.set_blas_threads(1)
    spec, params, where = _network(args)
    if args.break_layer is not None and not 0 <= args.break_layer < len(spec["layers"]):
        raise ValueError(f"--break-layer must be a layer index from 0 to {len(spec['layers']) - 1}")
    if not args.h > 0:
        raise ValueError(f"--h must be positive, got {args.h}")
    x, y, what = _batch(spec, args.data, args.batch, args.seed)
    rows = check_snapshot(spec, params, x, y, args.entries, args.seed, args.h, args.break_layer,
                          args.factor)
    if args.json:
        for r in rows:
            print(json.dumps({"name": r.name, "shape": list(r.shape), "checked": r.checked,
                              "at_kink": r.at_kink, "max_abs_error": r.max_abs_error,
                              "max_rel_error": r.max_rel_error, "rel_error": r.rel_error, "ok": r.ok}))
    else:
        print(f"Gradient check of {where} on {what}, float64")
        print(f"numerical n = (L(w + h) − L(w − h)) / 2h with h = {args.h:g}; analytic a from backprop")
        print(f"relative error = ‖a − n‖ / (‖a‖ + ‖n‖) over the checked entries; pass below "
              f"{TOLERANCE:g} (or every |a − n| below {ABS_TOLERANCE:g})")
        if args.break_layer is not None:
            print(f"layer {args.break_layer}'s backward broken on purpose: its gradients × {args.factor:g}")
        print()
        print(format_table(rows))
        kinks = sum(r.at_kink for r in rows)
        if kinks:
            print(f"\n{kinks} entries left out: a ReLU input or a max switched within ±h, where the "
                  "function has a kink and no derivative")
        failed = [r.name for r in rows if not r.ok]
        print("\n" + (f"FAILED: {', '.join(failed)}" if failed else f"all {len(rows)} parameters pass"))
    return 0 if all(r.ok for r in rows) else 1
