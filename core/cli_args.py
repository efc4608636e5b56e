"""Range-checked argument types for the command line (``python -m core …``).

Each type takes its rule from where ``core`` checks the value anyway (``Config.check``, the
optimizer registry, ``check_batch_size`` …), so the command line and the app agree. A bad
value ends the command with one line — ``python -m core train: error: argument --threads:
must be a whole number from 1 to 2 (this computer's cores), got 100000`` — and exit status 2,
never a traceback. Subcommands (``core.bench``, ``core.gradcheck_cli`` …) use these types too.
"""
from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable

from .training_config import Config


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (the usage is one ``--help`` away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def whole(low: int, high: int | None = None, why: str = "") -> Callable[[str], int]:
    """A whole number from ``low`` to ``high`` (no upper limit: None)."""
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            v = None
        if v is None or v < low or (high is not None and v > high):
            rng = f"from {low} to {high}{why}" if high is not None else f"of at least {low}"
            raise argparse.ArgumentTypeError(f"must be a whole number {rng}, got {text!r}")
        return v
    parse.__name__ = "whole number"
    return parse


def number(check: Callable[[float], object]) -> Callable[[str], float]:
    """A finite number that passes ``check`` (a core function raising ValueError)."""
    def parse(text: str) -> float:
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
        if not math.isfinite(v):
            raise argparse.ArgumentTypeError(f"must be a finite number, got {text!r}")
        try:
            check(v)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
        return v
    parse.__name__ = "number"
    return parse


def checked_whole(check: Callable[[int], object]) -> Callable[[str], int]:
    """A whole number that passes ``check`` (a core function raising ValueError)."""
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
        try:
            check(v)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
        return v
    parse.__name__ = "whole number"
    return parse


def config_value(field: str, kind: type = float) -> Callable[[str], float | int]:
    """A value of ``Config.<field>``, checked by ``Config.check`` (the trainer's own rule)."""
    def check(v) -> None:
        Config(**{field: v}).check()
    return checked_whole(check) if kind is int else number(check)


def threads() -> Callable[[str], int]:
    """A thread count: at least 1, at most this computer's cores (more only slows it down)."""
    cores = os.cpu_count() or 1
    return whole(1, cores, " (this computer's cores)")
