"""The layers of the code base, enforced on the import statements (parsed with ``ast``, so this
runs without Qt and sees imports inside functions too).

- ``core/`` imports no Qt, pyqtgraph or ``gui`` (and importing it loads none of them);
- ``core/`` has no import cycle;
- ``gui/widgets/`` imports no panel, no controller, no main window;
- a ``gui/panels/`` module imports no other module of ``gui/panels/``, no controller, no main
  window: panels are wired by the main window, never by each other.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "gui")
APP = ("gui.controller", "gui.main_window")
# (importer, imported): why it is allowed for now. An entry that is no longer needed fails.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports, anywhere in the file, as (absolute dotted name, line).

    ``from . import x`` counts as the submodule ``pkg.x`` when there is one, else as ``pkg``.
    """
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                found.append((sub if is_module(sub) else source, node.lineno))
    return found


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(folder: str, forbidden) -> list[str]:
    """``file:line imports module`` for each import for which ``forbidden(importer, imported)``."""
    out = []
    for path in sources(folder):
        me = module_name(path)
        for imported, line in imports(path):
            if forbidden(me, imported) and (me, imported) not in KNOWN_EXCEPTIONS:
                out.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    return out


# -- core ------------------------------------------------------------------------------------------
def test_core_source_imports_no_qt_and_no_gui():
    assert violations("core", lambda me, imp: imp.split(".")[0] in QT) == []


def test_importing_core_loads_no_qt_module():
    code = ("import sys, json; import core, core.cli, core.checkpoint, core.digits, "
            "core.gradcheck, core.bench; print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    loaded = json.loads(out.stdout)
    assert [m for m in loaded if m.split(".")[0] in QT] == []
    assert "core.network" in loaded          # the import really happened


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a list of nodes, first repeated at the end) per strongly connected
    component of more than one node, or a node importing itself (Tarjan's algorithm)."""
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                cycles.append(_cycle_through(graph, v, component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def _cycle_through(graph, start, component) -> list[str]:
    """A shortest path start -> ... -> start inside one component (breadth first)."""
    previous, frontier = {start: None}, [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(graph.get(v, ())):
                if w == start:
                    chain, node = [], v
                    while node is not None:
                        chain.append(node)
                        node = previous[node]
                    return [*reversed(chain), start]
                if w in component and w not in previous:
                    previous[w] = v
                    nxt.append(w)
        frontier = nxt
    raise AssertionError(f"{start} is on no cycle")


def core_graph() -> dict[str, set[str]]:
    graph = {}
    for path in sources("core"):
        me = module_name(path)
        graph[me] = {imp for imp, _ in imports(path) if within(imp, "core") and imp != me}
    return graph


def test_core_has_no_import_cycle():
    cycles = [" -> ".join(c) for c in find_cycles(core_graph())]
    assert cycles == [], "import cycles in core: " + "; ".join(cycles)


def test_the_cycle_finder_names_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"], ["e", "e"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


# -- gui -------------------------------------------------------------------------------------------
def test_widgets_import_no_panel_controller_or_main_window():
    bad = violations("gui/widgets", lambda me, imp: within(imp, "gui.panels") or
                     any(within(imp, app) for app in APP))
    assert bad == []


def test_a_panel_imports_no_other_panel_module_controller_or_main_window():
    def forbidden(me, imp):
        other_panel = within(imp, "gui.panels") and imp not in (me, "gui.panels")
        return other_panel or any(within(imp, app) for app in APP)
    assert violations("gui/panels", forbidden) == []


def test_known_exceptions_are_still_needed():
    used = {(module_name(p), imp) for p in sources("gui") for imp, _ in imports(p)}
    assert [pair for pair in KNOWN_EXCEPTIONS if pair not in used] == []


def test_relative_imports_are_resolved():
    found = dict(imports(ROOT / "gui" / "panels" / "evaluation_panel.py"))
    assert "gui.widgets.heatmap" in found and "gui.tasks" in found
    assert "gui.panels.optimizer_lab_panel" not in found
