"""Headless command line: ``python -m core train | eval | bench``.

Examples::

    python -m core train --preset mlp
    python -m core train --spec my_net.json --epochs 3 --optimizer sgd --lr 0.1 --save my.npz
    python -m core train --preset mlp --json          # one JSON object per epoch
    python -m core eval resources/default_model.npz
    python -m core bench
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from . import augment, checkpoint, cli_args, data, live_settings, optimizers, presets, threads
from . import spec as spec_mod
from .cli_args import checked_whole, config_value, number, whole
from .network import Network
from .trainer import Config, Diverged, Done, Epoch, Step, Trainer
from .training_config import check_batch_size, check_weight_decay

load_dataset = data.load_named      # the name tests and tools know


def _parser() -> argparse.ArgumentParser:
    p = cli_args.Parser(prog="python -m core", description="NumNet Studio, headless.")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train a network and report per-epoch metrics")
    src = t.add_mutually_exclusive_group()
    src.add_argument("--preset", choices=sorted(presets.PRESETS), default=None,
                     help="a built-in architecture (default: mlp)")
    src.add_argument("--spec", type=Path, help="an architecture JSON file")
    t.add_argument("--data", default="mnist",
                   help=f"mnist, {', '.join(data.TOY_SETS)}, or a folder of IDX files")
    t.add_argument("--epochs", type=config_value("epochs", int))
    t.add_argument("--batch-size", type=checked_whole(check_batch_size))
    t.add_argument("--optimizer", choices=sorted(optimizers.OPTIMIZERS), default="adam")
    t.add_argument("--lr", type=number(optimizers.check_learning_rate),
                   help="learning rate (default: the recipe's or optimizer's)")
    t.add_argument("--lr-decay", type=config_value("lr_decay"),
                   help="multiply the learning rate by this after each epoch")
    t.add_argument("--weight-decay", type=number(check_weight_decay), default=0.0, help="L2 strength λ")
    t.add_argument("--dropout", type=number(_dropout_rate), help="rate for every dropout layer")
    t.add_argument("--val-fraction", type=config_value("val_fraction"), default=0.0,
                   help="fraction of the training set held out for validation (default 0)")
    seed = live_settings.SETTINGS["seed"]
    t.add_argument("--seed", type=whole(int(seed.low), int(seed.high)), default=0)
    t.add_argument("--max-train", type=whole(1), help="train on at most N samples")
    t.add_argument("--patience", type=whole(1, 1000), help="early stopping: stop after N epochs "
                   "without a better validation loss and keep the best epoch's weights (needs "
                   "--val-fraction)")
    t.add_argument("--augment", choices=sorted(augment.LEVELS), default=None,
                   help="perturb each training batch (shifts, rotations, scaling, stroke width)")
    t.add_argument("--threads", type=cli_args.threads(), default=1,
                   help="threads for BLAS and for the layers' own split work (default 1)")
    t.add_argument("--save", type=Path, help="save the trained model here (.npz)")
    t.add_argument("--save-run", type=Path, help="save the whole run (with optimizer state) here")
    t.add_argument("--json", action="store_true", help="print one JSON object per epoch")

    e = sub.add_parser("eval", help="evaluate a saved model on the test set")
    e.add_argument("model", type=Path)
    e.add_argument("--data", default="mnist")

    b = sub.add_parser("bench", help="measure training throughput (vs PyTorch if installed)")
    from . import bench
    bench.add_arguments(b)
    from . import gradcheck_cli
    gradcheck_cli.add_parser(sub)
    from . import onnx_cli
    onnx_cli.add_parser(sub)
    return p


def _dropout_rate(v: float) -> None:
    if not 0 <= v < 1:                       # Dropout's rule (Network.set_dropout)
        raise ValueError(f"a dropout rate must be from 0 up to (not including) 1, got {v:g}")


def _progress(ev: Step, quiet: bool) -> None:
    if quiet or not sys.stderr.isatty() or ev.step % 20:
        return
    done = int(ev.epoch_progress * 30)
    sys.stderr.write(f"\r  epoch {ev.epoch} [{'#' * done}{'.' * (30 - done)}] "
                     f"loss {ev.loss:.4f}  ")
    sys.stderr.flush()


def _fmt_acc(v):
    return "—" if v is None else f"{100 * v:.2f}%"


def cmd_train(args) -> int:
    threads.set_blas_threads(args.threads)
    t_start = time.perf_counter()
    name = args.preset or ("mlp" if args.spec is None else None)
    if args.spec is not None:
        spec = spec_mod.load(args.spec)
    else:
        spec = presets.get(name)
    recipe = presets.adam_recipe(name) if args.optimizer == "adam" else {}
    for key in ("epochs", "batch_size", "lr", "lr_decay"):
        if getattr(args, key) is not None:
            recipe[key] = getattr(args, key)
    dataset = load_dataset(args.data, args.seed)
    net = Network.from_spec(spec_mod.validate(spec, dataset.n_classes),
                            rng=np.random.default_rng(args.seed))
    if args.dropout is not None:
        net.set_dropout(args.dropout)
    config = Config(epochs=recipe.get("epochs", 5), batch_size=recipe.get("batch_size", 128),
                    optimizer=args.optimizer, lr=recipe.get("lr"),
                    lr_decay=recipe.get("lr_decay", 1.0), weight_decay=args.weight_decay,
                    val_fraction=args.val_fraction, seed=args.seed, max_train=args.max_train,
                    augment=args.augment, patience=args.patience)
    trainer = Trainer(net, dataset, config)
    if not args.json:
        print(f"{net!r}\ndata {dataset.name}: {len(trainer.train_idx)} train, {len(trainer.val_idx)} "
              f"validation, {len(dataset.y_test)} test; {trainer.optimizer!r}, batch {config.batch_size}, "
              f"{config.epochs} epochs")
    status, last = 0, None
    for ev in trainer.run():
        if isinstance(ev, Step):
            _progress(ev, args.json)
        elif isinstance(ev, Epoch):
            last = ev
            row = {"epoch": ev.epoch, "train_loss": round(ev.train_loss, 6),
                   "train_acc": round(ev.train_acc, 6),
                   "val_acc": None if ev.val_acc is None else round(ev.val_acc, 6),
                   "test_acc": None if ev.test_acc is None else round(ev.test_acc, 6),
                   "seconds": round(ev.seconds, 3), "samples_per_s": round(ev.samples_per_s, 1),
                   "elapsed": round(time.perf_counter() - t_start, 3)}
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                if sys.stderr.isatty():
                    sys.stderr.write("\r" + " " * 60 + "\r")
                print(f"epoch {ev.epoch:3d}  loss {ev.train_loss:.4f}  train {_fmt_acc(ev.train_acc)}  "
                      f"val {_fmt_acc(ev.val_acc)}  test {_fmt_acc(ev.test_acc)}  "
                      f"{ev.seconds:.2f} s  {ev.samples_per_s:,.0f} samples/s  "
                      f"(elapsed {row['elapsed']:.2f} s)", flush=True)
        elif isinstance(ev, Diverged):
            print(f"diverged: {ev.message}", file=sys.stderr)
            status = 3
        elif isinstance(ev, Done) and not args.json:
            print(f"{ev.reason} after {ev.epochs} epochs, {ev.steps} steps, "
                  f"{time.perf_counter() - t_start:.2f} s in all")
    if status == 0 and trainer.best_epoch is not None and config.patience is not None:
        trainer.restore_best()     # early stopping keeps the best epoch, not the last one
        if not args.json:
            print(f"kept the weights of epoch {trainer.best_epoch} "
                  f"(validation loss {trainer.best_val_loss:.4f}, the lowest)")
    if status == 0:
        if args.save:
            # what the model is, for the app's "default model (99.1% test)"
            info = {"data": dataset.name, "preset": name, "epochs": config.epochs,
                    "augment": config.augment, "seed": config.seed,
                    "test_acc": None if last is None else last.test_acc}
            checkpoint.save_model(net, args.save, info=info)
            if not args.json:
                print(f"saved model to {args.save}")
        if args.save_run:
            checkpoint.save_run(trainer, args.save_run)
            if not args.json:
                print(f"saved run to {args.save_run}")
    return status


def cmd_eval(args) -> int:
    net = checkpoint.load_model(args.model)
    dataset = load_dataset(args.data)
    x, y = dataset.gather("test", np.arange(len(dataset.y_test)))
    pred = net.predict(x)
    print(f"{net!r}\n{args.model}: test accuracy {100 * np.mean(pred == y):.2f}% on {len(y)} "
          f"{dataset.name} images")
    for k in range(dataset.n_classes):
        sel = y == k
        print(f"  class {dataset.class_names[k]:>12}: {100 * np.mean(pred[sel] == k):6.2f}%  "
              f"({int(sel.sum())} images)")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "train":
            return cmd_train(args)
        if args.command == "eval":
            return cmd_eval(args)
        if args.command == "export-onnx":
            from . import onnx_cli
            return onnx_cli.run(args)
        if args.command == "gradcheck":
            from . import gradcheck_cli
            return gradcheck_cli.run(args)
        from . import bench
        return bench.main(args)
    except (ValueError, OSError) as e:      # core's errors name the file, the field and the rule
        print(f"error: {e}", file=sys.stderr)
        return 2
    except MemoryError:
        print("error: out of memory: use a smaller network, batch or data set", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
