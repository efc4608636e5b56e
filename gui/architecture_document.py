"""The architecture being edited, as an undoable document (no widgets).

It holds the layers and the loss; the input shape and the number of classes
follow the data set. Every edit is a ``QUndoCommand`` holding the whole
(small) state before and after, so undo and redo are exact and consecutive
keystrokes in one setting merge into one step. ``changed`` tells the views to
redraw from ``spec()``, ``problems`` and ``selected``.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core import losses, presets
from core import spec as spec_mod
from core.layers import settings_of
from core.spec import SpecError


def new_layer(kind: str) -> dict:
    """A new layer of ``kind`` as the editor adds it: the registry's initial settings."""
    cfg = {"type": kind}
    cfg.update({name: s.initial for name, s in settings_of(kind).items() if s.initial is not None})
    return cfg


def convert(cfg: dict, kind: str) -> dict:
    """``cfg`` turned into a layer of type ``kind``: its defaults plus the settings both share."""
    new = new_layer(kind)
    for key in settings_of(kind):
        if key in cfg:
            new[key] = cfg[key]
    return new


def infer_shapes(spec: dict) -> list[tuple | None]:
    """Each layer's output shape, None from the first layer that cannot be built."""
    shape, out = tuple(spec["input_shape"]), []
    for cfg in spec["layers"]:
        try:
            shape = spec_mod.make_layer(cfg).build(shape) if shape is not None else None
        except (ValueError, TypeError):
            shape = None
        out.append(shape)
    return out


class _EditCommand(QUndoCommand):
    """One edit: the whole (layers, loss) state before and after, and the row to select."""

    def __init__(self, doc, before, after, text, merge_key=None):
        super().__init__(text)
        self.doc, self.before, self.after, self.merge_key = doc, before, after, merge_key

    def id(self):
        return 1 if self.merge_key is not None else -1

    def mergeWith(self, other):
        if other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self):
        self.doc._restore(self.after)

    def undo(self):
        self.doc._restore(self.before)


class ArchitectureDocument(QObject):
    """Layers + loss with undo; see the module docstring."""

    changed = Signal()
    status = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layers: list[dict] = []
        self.loss = losses.DEFAULT
        self.input_shape: list[int] = list(presets.MNIST_INPUT)
        self.n_classes: int | None = 10
        self.selected: int | None = None
        self.problems: list[tuple[int | None, str]] = []
        self.shapes: list[tuple | None] = []
        self.undo_stack = QUndoStack(self)

    def spec(self) -> dict:
        return {"input_shape": list(self.input_shape), "layers": copy.deepcopy(self.layers),
                "loss": self.loss}

    def layer_problems(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for i, msg in self.problems:
            if i is not None:
                out[i] = f"{out[i]}\n{msg}" if i in out else msg
        return out

    def set_data(self, input_shape, n_classes: int | None) -> None:
        """The data set changed: new input shape; the output layer is matched (undoably)."""
        self.input_shape = [int(s) for s in input_shape]
        self.n_classes = n_classes
        self.commit(self.matched(self.layers), text=self.tr("Match the output layer to the data"))
        self.refresh()

    # -- edits ---------------------------------------------------------------------------------
    def load_preset(self, key: str, undoable: bool = True) -> None:
        p = presets.get(key)
        self.commit(self.matched(p["layers"]), p.get("loss", losses.DEFAULT),
                    self.tr("Load preset {0}").format(key), select=0, undoable=undoable)

    def add_layer(self, kind: str, row: int | None = None) -> None:
        if row is None:
            row = self.selected + 1 if self.selected is not None else len(self.layers)
        layers = copy.deepcopy(self.layers)
        layers.insert(row, new_layer(kind))
        self.commit(layers, text=self.tr("Add {0}").format(kind), select=row)

    def remove_layer(self, row: int) -> None:
        if not 0 <= row < len(self.layers):
            return
        layers = copy.deepcopy(self.layers)
        kind = layers.pop(row).get("type")
        self.commit(layers, text=self.tr("Remove layer {0} ({1})").format(row, kind),
                    select=min(row, len(layers) - 1) if layers else None)

    def move_layer(self, row: int, to: int) -> None:
        if not (0 <= row < len(self.layers) and 0 <= to < len(self.layers)) or row == to:
            return
        layers = copy.deepcopy(self.layers)
        layers.insert(to, layers.pop(row))
        self.commit(layers, text=self.tr("Move layer {0}").format(row), select=to)

    def set_setting(self, row: int, key: str, value) -> None:
        """Set (value None: remove) one setting of layer ``row``; consecutive edits merge."""
        layers = copy.deepcopy(self.layers)
        if value is None:
            layers[row].pop(key, None)
        else:
            layers[row][key] = value
        self.commit(layers, text=self.tr("Change {0} of layer {1}").format(key, row),
                    merge_key=(row, key), select=row)

    def change_type(self, row: int, kind: str) -> None:
        layers = copy.deepcopy(self.layers)
        layers[row] = convert(layers[row], kind)
        self.commit(layers, text=self.tr("Make layer {0} a {1} layer").format(row, kind), select=row)

    def set_loss(self, loss: str) -> None:
        self.commit(self.layers, loss, self.tr("Change the loss"))

    # -- state ---------------------------------------------------------------------------------
    def commit(self, layers, loss=None, text="", merge_key=None, select=None, undoable=True):
        before = (copy.deepcopy(self.layers), self.loss)
        after = (copy.deepcopy(layers), self.loss if loss is None else loss)
        if select is not None:
            self.selected = select
        if after == before:
            self.refresh()
        elif undoable:
            self.undo_stack.push(_EditCommand(self, before, after, text, merge_key))
        else:
            self._restore(after)

    def _restore(self, state):
        self.layers, self.loss = copy.deepcopy(state[0]), state[1]
        if self.selected is not None and self.selected >= len(self.layers):
            self.selected = len(self.layers) - 1 if self.layers else None
        self.refresh()

    def refresh(self) -> None:
        spec = self.spec()
        self.problems = spec_mod.problems(spec, self.n_classes) if self.layers else \
            [(None, self.tr("The network has no layers: add one."))]
        self.shapes = infer_shapes(spec) if self.layers else []
        self.changed.emit()

    def matched(self, layers: list[dict], quiet: bool = False) -> list[dict]:
        """``layers`` with the output layer resized to the data's number of classes."""
        layers = copy.deepcopy(layers)
        last = layers[-1] if layers else None
        n = self.n_classes
        if last and "units" in settings_of(last.get("type", "")) and n and last.get("units") != n:
            last["units"] = n
            if not quiet:
                self.status.emit(self.tr("The output layer now has {0} units, one per class.").format(n))
        return layers

    # -- files -------------------------------------------------------------------------------
    def load_file(self, path: str) -> str | None:
        """Open a JSON architecture (one undoable edit); on failure change nothing and
        return a message naming the file, the field and the problem (``core.spec.load``:
        never blocks on a named pipe, never reads more than a spec can be)."""
        try:
            spec = spec_mod.load(path)
        except SpecError as e:
            return str(e)
        self.commit(self.matched(spec["layers"]), spec.get("loss"), self.tr("Open {0}").format(path),
                    select=0)
        return None

    def save_file(self, path: str) -> str | None:
        """Save the architecture as JSON; a message if the file cannot be written (a folder, a
        read-only file, a missing folder …)."""
        try:
            spec_mod.save(self.spec(), path)
        except SpecError as e:
            return str(e)
        return None

    def current_preset(self) -> str | None:
        """The preset the document holds (output layer matched to the data), if any."""
        for key, p in presets.PRESETS.items():
            if p.get("loss") == self.loss and self.matched(p["layers"], quiet=True) == self.layers:
                return key
        return None
