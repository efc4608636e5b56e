"""The experiment cards: the book's ch. 6 experiments and "deep rather than fat", one click each.

Every card is plain data (``core.experiments.Card``): the runs it trains and the table it fills
beside the book's values. Sizes follow the book (``Context.scale`` shrinks them for tests):

- weight_init: 5 × 100 ReLU on MNIST, SGD lr 0.01, batch 128, 2000 iterations, σ = 0.01 /
  Xavier / He (ch06 ``weight_init_compare.py``, Figure 6-15).
- batch_norm: the same net with and without batch norm, 1000 training images, SGD lr 0.01,
  batch 100, 20 epochs, 16 weight scales σ from 1 to 10⁻⁴ (ch06 ``batch_norm_test.py``,
  the 4 × 4 grid of Figure 6-19).
- overfitting: 6 × 100 ReLU on 300 images, SGD lr 0.01, batch 100, 201 epochs, without
  regularization, with L2 λ = 0.1 and (301 epochs) with dropout 0.2 (Figures 6-20 – 6-23).
- deep_vs_wide: 1, 2, 3 and 5 hidden ReLU layers with the parameters of one layer of 128,
  SGD lr 0.1, batch 128, 2000 iterations (Hung-yi Lee's "deep rather than fat").
- optimizer_race: the learner's network, the book's four optimizers at the book's rates
  (Figure 6-9), as many iterations (≤ 2000) as fit in about a minute.
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from . import optimizers, presets
from .experiments import Card, Column, Context, Row, RunPlan, RunResult, Table, Text
from .training_config import Config
from .translatable import QT_TRANSLATE_NOOP

MNIST = [1, 28, 28]


def _t(text: str, *args) -> Text:
    return Text(QT_TRANSLATE_NOOP("experiments", text), args)


def mlp(widths: list[int], dense: dict | None = None, batchnorm: bool = False,
        dropout: float = 0.0, out: dict | None = None) -> dict:
    """A ReLU MLP spec for MNIST: ``dense`` settings (init, sigma) on every dense layer, then
    batch norm (Affine → BN → ReLU, as the book) or dropout after each hidden one."""
    dense = dense or {}
    layers = []
    for w in widths:
        if batchnorm:
            layers += [{"type": "dense", "units": w, **dense}, {"type": "batchnorm"},
                       {"type": "activation", "activation": "relu"}]
        else:
            layers.append({"type": "dense", "units": w, "activation": "relu", **dense})
        if dropout:
            layers.append({"type": "dropout", "rate": dropout})
    layers.append({"type": "dense", "units": 10, **(dense if out is None else out)})
    return {"input_shape": MNIST, "layers": layers, "loss": "softmax_cross_entropy"}


def mlp_params(depth: int, width: int, n_in: int = 784, n_out: int = 10) -> int:
    return n_in * width + width + (depth - 1) * (width * width + width) + width * n_out + n_out


def width_for(depth: int, n_params: int) -> int:
    """The hidden width whose ``depth``-layer MLP has closest to ``n_params`` parameters."""
    a, b = depth - 1, 784 + 1 + (depth - 1) + 10       # a·w² + b·w + 10 = n_params
    w = (n_params - 10) / b if a == 0 else (-b + math.sqrt(b * b + 4 * a * (n_params - 10))) / (2 * a)
    return min((max(1, math.floor(w)), math.ceil(w)), key=lambda v: abs(mlp_params(depth, v) - n_params))


def _ok(value: float | None, low: float, high: float) -> bool | None:
    return None if value is None else bool(low <= value <= high)


def _iterations(ctx: Context, iterations: int, epochs: int = 5, batch: int = 128) -> dict:
    """Config fields for ``iterations`` mini-batches (scaled) in ``epochs`` epochs (fewer when
    scaled down) on the first training images, and the evaluation size (all of it at full scale)."""
    epochs = ctx.scaled(epochs)
    per_epoch = max(1, ctx.scaled(iterations) // epochs)
    return {"epochs": epochs, "max_train": per_epoch * batch,
            "max_eval": None if ctx.scale >= 1 else ctx.scaled(10000, 500)}


def _done(results: dict[str, RunResult]) -> bool:
    return all(r.finished for r in results.values())


# -- weight initialization --------------------------------------------------------------------
INITS = (("normal", _t("σ = 0.01")), ("xavier", _t("Xavier")), ("he", _t("He")))


def _init_plans(ctx: Context) -> list[RunPlan]:
    config = Config(batch_size=128, optimizer="sgd", lr=0.01, seed=0, **_iterations(ctx, 2000))
    return [RunPlan(init, label, mlp([100] * 5, {"init": init}), config) for init, label in INITS]


def _init_table(results, plans) -> Table:
    loss = {k: r.final_loss() for k, r in results.items()}
    books = {"normal": (_t("≈ 2.30: does not learn"), 2.2, 2.4),
             "xavier": (_t("learns (≈ 0.3)"), 0.05, 0.6),
             "he": (_t("learns fastest (lowest)"), 0.0, 0.5)}
    rows = []
    for p in plans:
        book, low, high = books[p.key]
        ok = _ok(loss[p.key], low, high)
        if p.key == "he" and ok and loss["xavier"] is not None:
            ok = loss["he"] < loss["xavier"]
        r = results[p.key]
        rows.append(Row(p.label, [loss[p.key], r.last("val"), r.test_acc, r.seconds], book,
                        ok if r.finished else None, p.key))
    verdict_ok = None
    if _done(results):
        verdict_ok = bool(loss["he"] < loss["xavier"] < loss["normal"])
    cols = [Column(_t("final loss"), "loss"), Column(_t("validation accuracy")),
            Column(_t("test accuracy")), Column(_t("time"), "time")]
    return Table(cols, rows, _t("The book: He learns faster than Xavier; σ = 0.01 does not learn "
                                "(loss He < Xavier < σ = 0.01)."), verdict_ok)


WEIGHT_INIT = Card(
    "weight_init", _t("Weight initialization"),
    _t("The same 5 × 100 ReLU network trained from three initial weight scales: σ = 0.01, Xavier "
       "(σ = √(1/n)) and He (σ = √(2/n)). SGD, learning rate 0.01, mini-batches of 128, "
       "2000 iterations."),
    _t("Deep Learning from Scratch 6.2, Figure 6-15"), "loss", _init_plans, _init_table)


# -- batch normalization -----------------------------------------------------------------------
def bn_scales(ctx: Context) -> list[float]:
    """The book's 16 weight scales, logspace(0, −4, 16); every 5th at a scale below 1/2."""
    scales = [float(s) for s in np.logspace(0, -4, 16)]
    return scales if ctx.scale >= 0.5 else scales[::5]


def _bn_plans(ctx: Context) -> list[RunPlan]:
    config = Config(epochs=ctx.scaled(20), batch_size=100, optimizer="sgd", lr=0.01, seed=0,
                    max_train=1000, val_fraction=0.0, evaluate_test=False)
    plans = []
    for i, s in enumerate(bn_scales(ctx)):
        dense = {"init": "normal", "sigma": s}
        plans.append(RunPlan(f"bn{i}", _t("BN, σ = {0:.2g}", s), mlp([100] * 5, dense, True), config,
                             eval_train=True))
        plans.append(RunPlan(f"plain{i}", _t("plain, σ = {0:.2g}", s), mlp([100] * 5, dense), config,
                             eval_train=True))
    return plans


BN_TOLERANCE = 0.02         # "as fast": within 2 percentage points of training accuracy


def _bn_table(results, plans) -> Table:
    rows, better, done = [], 0, 0
    for bn, plain in zip(plans[::2], plans[1::2], strict=True):
        a, b = results[bn.key], results[plain.key]
        acc_bn, acc_plain = a.last("train"), b.last("train")
        if b.status == "diverged":
            acc_plain = 0.0 if acc_plain is None else acc_plain
        ok = None
        if a.finished and b.finished and acc_bn is not None:
            ok = acc_bn >= acc_plain - BN_TOLERANCE
            better += ok
            done += 1
        sigma = bn.label.args[0]
        plain_cell = _t("diverged") if b.status == "diverged" else acc_plain
        rows.append(Row(_t("σ = {0:.2g}", sigma), [acc_bn, plain_cell, a.seconds + b.seconds],
                        _t("BN learns faster"), ok, bn.key))
    verdict_ok = None
    if _done(results):
        verdict_ok = better >= 0.75 * done
    cols = [Column(_t("with BN: train accuracy")), Column(_t("without BN")), Column(_t("time"), "time")]
    verdict = _t("The book: with batch norm the network learns faster at almost every scale; "
                 "without it, learning fails unless the scale is good.")
    if done:
        verdict = _t("The book: with batch norm the network learns faster at almost every scale; "
                     "without it, learning fails unless the scale is good. Reproduced at {0} of "
                     "{1} scales.", better, done)
    return Table(cols, rows, verdict, verdict_ok)


BATCH_NORM = Card(
    "batch_norm", _t("Batch normalization"),
    _t("A 5 × 100 ReLU network with and without batch norm, its weights drawn at 16 scales σ "
       "from 1 to 0.0001; 1000 training images, SGD, learning rate 0.01, 20 epochs. Each small "
       "plot is one scale: training accuracy with BN (solid) and without (dashed)."),
    _t("Deep Learning from Scratch 6.3, Figure 6-19"), "grid", _bn_plans, _bn_table)


# -- overfitting -------------------------------------------------------------------------------
OVERFIT_EVAL_EVERY = 5      # epochs between evaluations of the 10,000 test images


def _overfit_plans(ctx: Context) -> list[RunPlan]:
    base = Config(epochs=ctx.scaled(201), batch_size=100, optimizer="sgd", lr=0.01, seed=0,
                  max_train=300, val_fraction=0.0, evaluate_test=False,
                  max_eval=None if ctx.scale >= 1 else ctx.scaled(10000, 500))
    every = {"eval_train": True, "eval_test": True, "eval_every": OVERFIT_EVAL_EVERY}
    return [RunPlan("none", _t("no regularization"), mlp([100] * 6), base, **every),
            RunPlan("l2", _t("L2, λ = 0.1"), mlp([100] * 6), replace(base, weight_decay=0.1), **every),
            RunPlan("dropout", _t("dropout 0.2"), mlp([100] * 6, dropout=0.2),
                    replace(base, epochs=ctx.scaled(301)), **every)]


def _gap(r: RunResult) -> float | None:
    train, test = r.last("train"), r.last("test")
    return None if train is None or test is None else train - test


def _overfit_table(results, plans) -> Table:
    none_gap = _gap(results["none"])
    rows = []
    for p in plans:
        r = results[p.key]
        train, test, gap = r.last("train"), r.last("test"), _gap(r)
        if p.key == "none":
            book = _t("train 100%, test ≈ 75%")
            ok = None if gap is None else train >= 0.98 and 0.65 <= test <= 0.85
        else:
            book = _t("train below 100%, smaller gap")
            ok = None if gap is None or none_gap is None else train < 0.99 and gap < none_gap
        rows.append(Row(p.label, [train, test, gap, r.seconds], book, ok if r.finished else None, p.key))
    verdict_ok = None
    if _done(results):
        verdict_ok = all(_gap(results[k]) < none_gap for k in ("l2", "dropout"))
    cols = [Column(_t("train accuracy")), Column(_t("test accuracy")), Column(_t("gap")),
            Column(_t("time"), "time")]
    return Table(cols, rows, _t("The book: on 300 images the network overfits (train 100%, test about "
                                "75%); weight decay and dropout narrow the gap."), verdict_ok)


OVERFITTING = Card(
    "overfitting", _t("Overfitting and regularization"),
    _t("A 6 × 100 ReLU network trained on only 300 images for 201 epochs (SGD, learning rate "
       "0.01): without regularization, with weight decay (L2) λ = 0.1, and with dropout 0.2 "
       "(301 epochs). Solid: training accuracy, dashed: test accuracy."),
    _t("Deep Learning from Scratch 6.4, Figures 6-20, 6-21 and 6-23"), "accuracy",
    _overfit_plans, _overfit_table)


# -- deep vs wide ------------------------------------------------------------------------------
DEPTHS = (1, 2, 3, 5)
BUDGET = mlp_params(1, 128)        # 101,770 parameters


def _deep_plans(ctx: Context) -> list[RunPlan]:
    config = Config(batch_size=128, optimizer="sgd", lr=0.1, seed=0, **_iterations(ctx, 2000))
    plans = []
    for d in DEPTHS:
        w = width_for(d, BUDGET)
        plans.append(RunPlan(f"d{d}", _t("{0} × {1}", d, w), mlp([w] * d), config))
    return plans


def _deep_table(results, plans) -> Table:
    wide = results["d1"].test_acc
    rows = []
    for p in plans:
        r = results[p.key]
        d, w = p.label.args
        if d == 1:
            book, ok = _t("fat: the weakest"), None
            others = [results[q.key].test_acc for q in plans[1:]]
            if r.finished and all(o is not None for o in others):
                ok = r.test_acc is not None and r.test_acc < min(others)
        else:
            book = _t("deep: better than fat")
            ok = None if r.test_acc is None or wide is None else r.test_acc > wide
        rows.append(Row(p.label, [mlp_params(d, w), r.last("val"), r.test_acc, r.seconds], book,
                        ok if r.finished else None, p.key))
    verdict_ok = None
    if _done(results):
        verdict_ok = all(results[p.key].test_acc > wide for p in plans[1:])
    cols = [Column(_t("parameters"), "int"), Column(_t("validation accuracy")),
            Column(_t("test accuracy")), Column(_t("time"), "time")]
    return Table(cols, rows, _t("Hung-yi Lee: at the same number of parameters, deep beats fat "
                                "(speech: 5 × 2k layers 17.2% word errors, 1 × 3772 22.5%)."), verdict_ok)


DEEP_VS_WIDE = Card(
    "deep_vs_wide", _t("Deep rather than fat"),
    _t("Networks with 1, 2, 3 and 5 hidden ReLU layers, each as wide as gives the same number of "
       "parameters as one layer of 128 (about 102,000). SGD, learning rate 0.1, mini-batches of "
       "128, 2000 iterations."),
    _t("Hung-yi Lee, deep learning in one day: why deep?"), "loss", _deep_plans, _deep_table)


# -- the optimizer race ------------------------------------------------------------------------
RACE_ITERATIONS = 2000


def _race_plans(ctx: Context) -> list[RunPlan]:
    spec = ctx.spec if ctx.spec is not None else presets.get("deep")
    params = ctx.params if ctx.spec is not None else None
    n = len(ctx.dataset.y_train) if ctx.dataset is not None else 60000
    batches = max(1, math.ceil(0.9 * n / 128))
    iterations = ctx.scaled(RACE_ITERATIONS, 10)
    plans = []
    for name, cls in optimizers.OPTIMIZERS.items():
        if cls.in_book:
            config = Config(epochs=math.ceil(iterations / batches), batch_size=128, optimizer=name,
                            lr=cls.race_lr, seed=0, evaluate_test=False, max_eval=2000)
            plans.append(RunPlan(name, Text(cls.label, (), "optimizers"), spec, config,
                                 params=params, max_steps=iterations, final_test=True))
    return plans


def _race_table(results, plans) -> Table:
    loss = {k: r.final_loss() for k, r in results.items()}
    sgd = loss.get("sgd")
    finished = _done(results)
    rows = []
    for p in plans:
        r = results[p.key]
        if p.key == "sgd":
            book = _t("slowest")
            others = [v for k, v in loss.items() if k != "sgd"]
            ok = sgd is not None and all(v is not None and v < sgd for v in others) if finished else None
        else:
            book = _t("faster than SGD")
            ok = None if not r.finished or sgd is None or loss[p.key] is None else loss[p.key] < sgd
        rows.append(Row(p.label, [len(r.losses), loss[p.key], r.test_acc, r.seconds], book, ok, p.key))
    verdict_ok = None
    if finished and sgd is not None:
        verdict_ok = all(v is not None and v < sgd for k, v in loss.items() if k != "sgd")
    cols = [Column(_t("iterations"), "int"), Column(_t("final loss"), "loss"),
            Column(_t("test accuracy")), Column(_t("time"), "time")]
    return Table(cols, rows, _t("The book: SGD learns slowest; Momentum, AdaGrad and Adam are "
                                "faster."), verdict_ok)


OPTIMIZER_RACE = Card(
    "optimizer_race", _t("Optimizers on your network"),
    _t("The network from the Architecture panel (the book's 5 × 100 ReLU until you build one), "
       "from the same initial weights on the same mini-batches of 128, trained with SGD, "
       "Momentum, AdaGrad and Adam at the book's learning rates; up to 2000 iterations, fewer "
       "if a slow network would take more than about a minute."),
    _t("Deep Learning from Scratch 6.1, Figure 6-9"), "loss", _race_plans, _race_table,
    data="current", budget_s=60.0)


CARDS: dict[str, Card] = {c.key: c for c in (WEIGHT_INIT, BATCH_NORM, OVERFITTING, DEEP_VS_WIDE,
                                             OPTIMIZER_RACE)}


def get(key: str) -> Card:
    try:
        return CARDS[key]
    except KeyError:
        raise ValueError(f"unknown experiment {key!r}; choose one of {', '.join(CARDS)}") from None
