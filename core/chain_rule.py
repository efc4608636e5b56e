"""Chain rule (链式法则) on small computational graphs (计算图), step by step.

A :class:`Graph` is the book's picture of a calculation: named values flow along
edges into nodes (×, +, σ, ReLU from ``core.graph_nodes``). :class:`GraphRun`
evaluates it with the nodes' own ``forward`` and ``backward`` and records every
step: forward node by node, then backward edge by edge, each backward step with
the upstream gradient, the node's local derivative and their product.

The book's two examples (chapter 5)::

    run = GraphRun(GRAPHS["apples"])              # 2 apples at 100 each, tax 1.1
    run.values["price"]                            # 220
    run.grads["apple"], run.grads["apple_num"], run.grads["tax"]    # 2.2, 110, 200

Positions (``pos``) are layout hints in grid units, left to right: a drawing scales them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .graph_nodes import SCALAR_NODES
from .translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Value:
    key: str
    label: str                          # display name (translatable, context "chain_rule")
    default: float | None = None        # inputs only: the starting value
    pos: tuple[float, float] = (0, 0)   # inputs: where the arrow starts; the output: where it ends


@dataclass(frozen=True)
class Node:
    kind: str                           # a key of graph_nodes.SCALAR_NODES
    inputs: tuple[str, ...]             # value keys, in the node's argument order
    output: str
    pos: tuple[float, float]


@dataclass(frozen=True)
class Graph:
    key: str
    title: str                          # translatable, context "chain_rule"
    help: str                           # translatable, context "chain_rule"
    values: tuple[Value, ...]
    nodes: tuple[Node, ...]             # in an order where every input is known before use
    output: str

    def value(self, key: str) -> Value:
        return next(v for v in self.values if v.key == key)

    @property
    def inputs(self) -> list[Value]:
        made = {n.output for n in self.nodes}
        return [v for v in self.values if v.key not in made]

    def producer(self, key: str) -> int | None:
        return next((i for i, n in enumerate(self.nodes) if n.output == key), None)

    def edges(self) -> list[tuple[str, int, int]]:
        """(value key, node index, argument index) of every edge into a node."""
        return [(key, i, k) for i, n in enumerate(self.nodes) for k, key in enumerate(n.inputs)]


@dataclass
class Step:
    phase: str                          # "forward" or "backward"
    node: int
    inputs: tuple[float, ...]           # the node's input values
    output: float                       # its output value
    arg: int = -1                       # backward: which input the edge leads to
    upstream: float = 0.0               # backward: ∂L/∂(node output)
    local: float = 0.0                  # backward: ∂(node output)/∂(input arg)
    product: float = 0.0                # backward: upstream × local, what flows down this edge
    formula: str = ""                   # backward: the local derivative's rule
    accumulated: bool = False           # backward: the input already had a gradient (it is added)


APPLES = Graph(
    "apples", QT_TRANSLATE_NOOP("chain_rule", "Buying apples"),
    QT_TRANSLATE_NOOP("chain_rule", "2 apples at 100 each, then 10% tax: price = apple × number × tax. "
                      "Backward, each edge gets how much the price changes per unit of that value."),
    (Value("apple", QT_TRANSLATE_NOOP("chain_rule", "apple"), 100.0, (0, 0)),
     Value("apple_num", QT_TRANSLATE_NOOP("chain_rule", "number of apples"), 2.0, (0, 1)),
     Value("tax", QT_TRANSLATE_NOOP("chain_rule", "tax"), 1.1, (1, 2)),
     Value("apple_price", QT_TRANSLATE_NOOP("chain_rule", "apple price")),
     Value("price", QT_TRANSLATE_NOOP("chain_rule", "price"), pos=(3, 0.5))),
    (Node("mul", ("apple", "apple_num"), "apple_price", (1, 0.5)),
     Node("mul", ("apple_price", "tax"), "price", (2, 0.5))),
    "price")

APPLES_ORANGES = Graph(
    "apples_oranges", QT_TRANSLATE_NOOP("chain_rule", "Apples and oranges"),
    QT_TRANSLATE_NOOP("chain_rule", "2 apples at 100 and 3 oranges at 150, then 10% tax. The + node "
                      "passes its upstream gradient unchanged to both inputs; a × node swaps its "
                      "inputs."),
    (Value("apple", QT_TRANSLATE_NOOP("chain_rule", "apple"), 100.0, (0, 0)),
     Value("apple_num", QT_TRANSLATE_NOOP("chain_rule", "number of apples"), 2.0, (0, 1)),
     Value("orange", QT_TRANSLATE_NOOP("chain_rule", "orange"), 150.0, (0, 2)),
     Value("orange_num", QT_TRANSLATE_NOOP("chain_rule", "number of oranges"), 3.0, (0, 3)),
     Value("tax", QT_TRANSLATE_NOOP("chain_rule", "tax"), 1.1, (2, 3.5)),
     Value("apple_price", QT_TRANSLATE_NOOP("chain_rule", "apple price")),
     Value("orange_price", QT_TRANSLATE_NOOP("chain_rule", "orange price")),
     Value("all_price", QT_TRANSLATE_NOOP("chain_rule", "total")),
     Value("price", QT_TRANSLATE_NOOP("chain_rule", "price"), pos=(4, 1.5))),
    (Node("mul", ("apple", "apple_num"), "apple_price", (1, 0.5)),
     Node("mul", ("orange", "orange_num"), "orange_price", (1, 2.5)),
     Node("add", ("apple_price", "orange_price"), "all_price", (2, 1.5)),
     Node("mul", ("all_price", "tax"), "price", (3, 1.5))),
    "price")


def _neuron(key: str, title: str, act: str) -> Graph:
    return Graph(
        key, title,
        QT_TRANSLATE_NOOP("chain_rule", "One neuron: z = w₁x₁ + w₂x₂ + b, a = f(z). Backward, the "
                          "gradient of each weight is the upstream gradient times its input — the "
                          "same rule as dW = Xᵀ·dZ."),
        (Value("x1", "x₁", 1.0, (0, 0)), Value("w1", "w₁", 2.0, (0, 1)),
         Value("x2", "x₂", 0.5, (0, 2)), Value("w2", "w₂", -1.0, (0, 3)),
         Value("b", "b", -0.5, (2, 3.5)),
         Value("p1", "w₁x₁"), Value("p2", "w₂x₂"), Value("s", "w₁x₁ + w₂x₂"), Value("z", "z"),
         Value("a", "a", pos=(5, 1.5))),
        (Node("mul", ("x1", "w1"), "p1", (1, 0.5)),
         Node("mul", ("x2", "w2"), "p2", (1, 2.5)),
         Node("add", ("p1", "p2"), "s", (2, 1.5)),
         Node("add", ("s", "b"), "z", (3, 1.5)),
         Node(act, ("z",), "a", (4, 1.5))),
        "a")


NEURON_SIGMOID = _neuron("neuron_sigmoid", QT_TRANSLATE_NOOP("chain_rule", "One neuron (sigmoid)"),
                         "sigmoid")
NEURON_RELU = _neuron("neuron_relu", QT_TRANSLATE_NOOP("chain_rule", "One neuron (ReLU)"), "relu")

# The registry of graphs, in the order the chain-rule panel offers them.
GRAPHS: dict[str, Graph] = {g.key: g for g in (APPLES, APPLES_ORANGES, NEURON_SIGMOID, NEURON_RELU)}


@dataclass
class GraphRun:
    """A graph evaluated forward and backward with the given inputs (defaults for the rest).

    ``values`` (every value), ``grads`` (∂output/∂value for every value), ``edge_grads``
    ((value key, node index) -> what flows down that edge) and ``steps`` (all forward
    steps, then all backward steps).
    """

    graph: Graph
    inputs: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        g = self.graph
        unknown = set(self.inputs) - {v.key for v in g.inputs}
        if unknown:
            raise ValueError(f"not an input of {g.key}: {', '.join(sorted(unknown))}")
        self.values: dict[str, float] = {v.key: float(self.inputs.get(v.key, v.default))
                                         for v in g.inputs}
        self.steps: list[Step] = []
        objs = []
        for i, node in enumerate(g.nodes):
            obj = SCALAR_NODES[node.kind]()
            args = tuple(self.values[k] for k in node.inputs)
            self.values[node.output] = float(obj.forward(*args))
            objs.append(obj)
            self.steps.append(Step("forward", i, args, self.values[node.output]))
        self.n_forward = len(self.steps)
        self.grads: dict[str, float] = {g.output: 1.0}
        self.edge_grads: dict[tuple[str, int], float] = {}
        for i in reversed(range(len(g.nodes))):
            node, obj = g.nodes[i], objs[i]
            upstream = self.grads[node.output]
            down = obj.backward(upstream)
            down = down if isinstance(down, tuple) else (down,)
            local = obj.local_derivatives()
            args = tuple(self.values[k] for k in node.inputs)
            for k, key in enumerate(node.inputs):
                product = float(down[k])
                accumulated = key in self.grads
                self.grads[key] = self.grads.get(key, 0.0) + product
                self.edge_grads[(key, i)] = product
                self.steps.append(Step("backward", i, args, self.values[node.output], k, upstream,
                                       float(local[k]), product, obj.formulas[k], accumulated))

    @property
    def output(self) -> float:
        return self.values[self.graph.output]

    def state_after(self, n: int) -> tuple[dict[str, float], dict[tuple[str, int], float]]:
        """The values and edge gradients known after the first ``n`` steps (0: the inputs only)."""
        n = max(0, min(n, len(self.steps)))
        known = {v.key: self.values[v.key] for v in self.graph.inputs}
        edges: dict[tuple[str, int], float] = {}
        for step in self.steps[:n]:
            node = self.graph.nodes[step.node]
            if step.phase == "forward":
                known[node.output] = step.output
            else:
                edges[(node.inputs[step.arg], step.node)] = step.product
        return known, edges

    def grad_after(self, n: int, key: str) -> float | None:
        """∂output/∂key as far as known after ``n`` steps (None before any edge of it is done)."""
        if key == self.graph.output:
            return 1.0 if n >= self.n_forward else None
        _, edges = self.state_after(n)
        parts = [v for (k, _), v in edges.items() if k == key]
        return sum(parts) if parts else None
