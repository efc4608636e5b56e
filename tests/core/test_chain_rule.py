"""The chain rule on the book's computational graphs: values, gradients and the recorded steps."""
import numpy as np
import pytest

from core.chain_rule import GRAPHS, GraphRun

EXACT = 1e-12       # binary floating point: 200 × 1.1 = 220.00000000000003, as in the book's own code


def approx(v):
    return pytest.approx(v, rel=EXACT, abs=EXACT)


def test_buying_apples():
    run = GraphRun(GRAPHS["apples"])
    assert run.values["apple_price"] == 200
    assert run.output == approx(220)
    assert run.grads["apple"] == approx(2.2)
    assert run.grads["apple_num"] == approx(110)
    assert run.grads["tax"] == approx(200)
    assert run.grads["apple_price"] == approx(1.1)


def test_apples_and_oranges():
    run = GraphRun(GRAPHS["apples_oranges"])
    assert run.output == approx(715)
    want = {"apple": 2.2, "apple_num": 110, "orange": 3.3, "orange_num": 165, "tax": 650,
            "all_price": 1.1, "apple_price": 1.1, "orange_price": 1.1}
    for key, value in want.items():
        assert run.grads[key] == approx(value), key


def test_editing_an_input_updates_every_value_and_gradient():
    before = GraphRun(GRAPHS["apples_oranges"])
    after = GraphRun(GRAPHS["apples_oranges"], {"apple_num": 4, "tax": 1.2})
    assert after.values["apple_price"] == 400
    assert after.values["all_price"] == 850
    assert after.output == approx(1020)
    assert after.grads["apple"] == approx(4.8)            # number × tax
    assert after.grads["apple_num"] == approx(120)        # apple × tax
    assert after.grads["tax"] == approx(850)
    changed = [k for k in before.values if before.values[k] != after.values[k]]
    assert set(changed) == {"apple_num", "tax", "apple_price", "all_price", "price"}
    with pytest.raises(ValueError, match="not an input"):
        GraphRun(GRAPHS["apples"], {"price": 3})


@pytest.mark.parametrize("key", list(GRAPHS))
def test_gradients_match_central_differences(key):
    graph = GRAPHS[key]
    base = GraphRun(graph)
    h = 1e-6
    for v in graph.inputs:
        up = GraphRun(graph, {v.key: v.default + h}).output
        down = GraphRun(graph, {v.key: v.default - h}).output
        assert base.grads[v.key] == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-9), v.key


@pytest.mark.parametrize("key", list(GRAPHS))
def test_steps_forward_node_by_node_then_backward_edge_by_edge(key):
    graph = GRAPHS[key]
    run = GraphRun(graph)
    fwd = [s for s in run.steps if s.phase == "forward"]
    bwd = [s for s in run.steps if s.phase == "backward"]
    assert [s.node for s in fwd] == list(range(len(graph.nodes)))
    assert run.steps[:len(fwd)] == fwd and run.n_forward == len(fwd)
    assert len(bwd) == len(graph.edges())
    for s in bwd:                                   # the chain rule, literally
        assert s.product == pytest.approx(s.upstream * s.local, rel=1e-15, abs=1e-15)
        node = graph.nodes[s.node]
        assert s.upstream == run.grads[node.output]
        assert run.edge_grads[(node.inputs[s.arg], s.node)] == s.product
    # nodes are visited backwards: a node's edges come after those of every node using its output
    order = [s.node for s in bwd]
    assert order == sorted(order, reverse=True)


def test_state_after_each_step():
    run = GraphRun(GRAPHS["apples"])
    known, edges = run.state_after(0)
    assert set(known) == {"apple", "apple_num", "tax"} and edges == {}
    known, _ = run.state_after(1)
    assert known["apple_price"] == 200 and "price" not in known
    assert run.grad_after(2, "price") == 1.0 and run.grad_after(1, "price") is None
    assert run.grad_after(3, "apple_price") == approx(1.1)
    assert run.grad_after(3, "tax") is None             # its edge is the next step
    assert run.grad_after(4, "tax") == approx(200)
    known, edges = run.state_after(len(run.steps))
    assert known == run.values and len(edges) == 4
    assert run.state_after(99) == run.state_after(len(run.steps))


def test_mul_step_shows_the_swapped_input_as_local_derivative():
    run = GraphRun(GRAPHS["apples"])
    last = run.steps[-2:]                               # the apple × number node, both edges
    assert [s.local for s in last] == [2.0, 100.0]
    assert [s.formula for s in last] == ["∂(x·y)/∂x = y", "∂(x·y)/∂y = x"]
    assert [s.product for s in last] == [approx(2.2), approx(110)]


def test_neurons_local_derivative_of_the_activation():
    run = GraphRun(GRAPHS["neuron_sigmoid"])
    z = run.values["z"]
    a = 1 / (1 + np.exp(-z))
    assert run.output == approx(a)
    act_step = run.steps[run.n_forward]
    assert act_step.local == approx(a * (1 - a))
    relu = GraphRun(GRAPHS["neuron_relu"], {"b": -5.0})
    assert relu.values["z"] < 0 and relu.output == 0
    assert relu.grads["w1"] == 0 and relu.steps[relu.n_forward].local == 0
