"""What ``pyside6-lupdate`` cannot see by itself in our sources.

lupdate finds ``self.tr("…")``, ``QCoreApplication.translate("ctx", "…")`` and
``QT_TRANSLATE_NOOP("ctx", "…")`` with literal arguments. Our modules also use small helpers
such as ``def _n(text): return QT_TRANSLATE_NOOP("MainWindow", text)``; lupdate sees only the
helper's variable, never the strings passed to it. :func:`helper_strings` finds those strings
(the helper's context is a literal), so ``gui.translations.update`` hands them to lupdate too.
:func:`invisible_strings` lists what still cannot be translated: a translation call inside an
f-string's braces, an f-string as the text, ``obj.tr("…")`` on anything but ``self`` (lupdate
files it under the variable's name, Qt looks it up under the object's class), and a literal
passed to a helper whose context is not a literal.
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

TR_NAMES = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}


@dataclass(frozen=True)
class Helper:
    position: int              # which of its parameters is the text
    context: str | None        # the literal context it translates in, None if not a literal


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def _text_arg(call: ast.Call) -> ast.expr | None:
    """The argument of a translation call that holds the text (not the context)."""
    i = 1 if _call_name(call) in ("translate", "QT_TRANSLATE_NOOP") else 0
    return call.args[i] if len(call.args) > i else None


def _string(node: ast.expr | None) -> str | None:
    """The value of a string literal, or of literals joined with ``+``; else None."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string(node.left), _string(node.right)
        return None if left is None or right is None else left + right
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def helpers(tree: ast.Module) -> dict[str, Helper]:
    """A module's functions that hand one of their parameters on as the text of a translation."""
    found = {}
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef) or fn.name in TR_NAMES:
            continue
        params = [a.arg for a in fn.args.args if a.arg not in ("self", "cls")]
        for call in ast.walk(fn):
            if isinstance(call, ast.Call) and _call_name(call) in TR_NAMES:
                arg = _text_arg(call)
                if isinstance(arg, ast.Name) and arg.id in params:
                    two = _call_name(call) in ("translate", "QT_TRANSLATE_NOOP")
                    found[fn.name] = Helper(params.index(arg.id), _string(call.args[0]) if two else None)
    return found


def _imported(rel: Path, tree: ast.Module, local: dict[Path, dict[str, Helper]]) -> dict[str, Helper]:
    """The helpers ``tree`` imports from other modules of the app (``from .x import _tr``)."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            base = rel.parents[node.level - 1] if node.level else Path()
            source = local.get(base.joinpath(*node.module.split(".")).with_suffix(".py"), {})
            found.update({a.asname or a.name: source[a.name] for a in node.names if a.name in source})
    return found


@dataclass(frozen=True)
class Found:
    where: str                 # "path:line"
    context: str | None
    text: str | None
    problem: str | None        # why it cannot be translated, None if it can


def scan(root: Path, files: list[Path]) -> list[Found]:
    """Translation calls lupdate does not handle by itself, in ``files`` (relative to ``root``)."""
    trees = {rel: ast.parse((root / rel).read_text(encoding="utf-8"), str(rel)) for rel in files}
    local = {rel: helpers(tree) for rel, tree in trees.items()}
    found: dict[tuple[str, str], Found] = {}

    def add(rel, node, context, text, problem):
        where = f"{rel}:{node.lineno}"
        found.setdefault((where, ast.unparse(node)), Found(where, context, text, problem))

    for rel, tree in trees.items():
        known = {**_imported(rel, tree, local), **local[rel]}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and _call_name(inner) in TR_NAMES:
                        add(rel, inner, None, None, f"inside an f-string: {ast.unparse(inner)}")
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name, func = _call_name(node), node.func
            if name in TR_NAMES and isinstance(_text_arg(node), ast.JoinedStr):
                add(rel, node, None, None, f"an f-string as the text: {ast.unparse(node)}")
            elif name in known and len(node.args) > known[name].position:
                text = _string(node.args[known[name].position])
                context = known[name].context
                if text is not None:
                    add(rel, node, context, text, None if context is not None else
                        f"{name}() has no literal context: {ast.unparse(node)}")
            elif (name == "tr" and isinstance(func, ast.Attribute) and _string(node.args[0]) is not None
                  and not (isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"))):
                add(rel, node, None, None, f"tr() on another object: {ast.unparse(node)}")
    return list(found.values())


def helper_strings(root: Path, files: list[Path]) -> list[tuple[str, str]]:
    """(context, text) of every literal passed to a helper with a literal context."""
    return sorted({(f.context, f.text) for f in scan(root, files) if f.problem is None})


def invisible_strings(root: Path, files: list[Path]) -> list[str]:
    """Strings that reach the screen untranslated, each as "path:line: why"."""
    return sorted(f"{f.where}: {f.problem[:140]}" for f in scan(root, files) if f.problem is not None)


def marks_file(strings: list[tuple[str, str]]) -> str:
    """Python source that marks ``strings`` for lupdate, one QT_TRANSLATE_NOOP per line."""
    dump = lambda s: json.dumps(s, ensure_ascii=False)     # noqa: E731 - C escapes lupdate reads
    return "".join(f"QT_TRANSLATE_NOOP({dump(c)}, {dump(t)})\n" for c, t in strings)
