"""The project's error types for bad input, one per kind of file.

Each is a ``ValueError`` (callers that catch ``ValueError`` keep working) and carries

* ``path`` — the file or folder, or ``None`` for a value that came from no file;
* ``problem`` — what is wrong, naming the field and the rule it breaks, e.g.
  ``"optimizer.beta1 must be a number from 0 to 0.9999, got 1.5"``;
* ``field`` — the field's dotted name (``"optimizer.beta1"``, ``"layers[2].units"``,
  ``"param/0.W"``), or ``None`` when the problem is the file as a whole.

``str(e)`` is ``"<path>: <problem>"`` (just the problem without a path), one line that
the GUI shows in a message box and the CLI prints after ``error:``.
"""
from __future__ import annotations

import os


class LoadError(ValueError):
    """Base class: a file or value that cannot be used; see the module docstring."""

    def __init__(self, path: str | os.PathLike | None, problem: str, field: str | None = None):
        self.path = None if path is None else os.fspath(path)
        self.problem = problem
        self.field = field
        super().__init__(problem if self.path is None else f"{self.path}: {problem}")

    def __reduce__(self):
        return type(self), (self.path, self.problem, self.field)


class CheckpointError(LoadError):
    """A model or run file (``.npz``) that cannot be saved or loaded."""


class DataError(LoadError):
    """A data set (MNIST ``.npz``, a folder of IDX files) that cannot be loaded."""


class SpecError(LoadError):
    """An invalid architecture. ``layer`` is the index of the offending layer, if any.

    Raised as ``SpecError(message, layer=i)`` by the checks (no file), and with
    ``path=`` when the spec came from a file.
    """

    def __init__(self, message: str, layer: int | None = None, *, path=None,
                 field: str | None = None):
        self.layer = layer
        super().__init__(path, message, field)

    def __reduce__(self):
        return _make_spec_error, (self.problem, self.layer, self.path, self.field)

    def in_file(self, path) -> SpecError:
        """The same problem, now naming the file it came from."""
        return SpecError(self.problem, self.layer, path=path, field=self.field)


def _make_spec_error(message, layer, path, field) -> SpecError:
    return SpecError(message, layer, path=path, field=field)
