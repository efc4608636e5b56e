"""The chain-rule panel: the book's graphs with their numbers, stepping both ways, edited inputs."""
import pytest

from gui.panels.chain_rule_panel import ChainRulePanel


@pytest.fixture
def panel(qtbot):
    p = ChainRulePanel()
    qtbot.addWidget(p)
    p.resize(900, 620)
    return p


def test_buying_apples_shows_the_books_numbers(panel, shot_dir):
    assert panel.graph_combo.currentData() == "apples"
    panel.all_button.click()
    labels = panel.view.edge_labels()
    assert labels[("apple", 0)] == ("100", "2.2")
    assert labels[("apple_num", 0)] == ("2", "110")
    assert labels[("apple_price", 1)] == ("200", "1.1")
    assert labels[("tax", 1)] == ("1.1", "200")
    assert labels[("price", None)] == ("220", "1")
    text = panel.grads_label.text()
    for part in ("∂price/∂apple = <b>2.2</b>", "∂price/∂(number of apples) = <b>110</b>",
                 "∂price/∂tax = <b>200</b>"):
        assert part in text
    panel.grab().save(str(shot_dir / "chain_rule_apples.png"))


def test_apples_and_oranges(panel):
    panel.select_graph("apples_oranges")
    panel.go_to(99)
    labels = panel.view.edge_labels()
    assert labels[("price", None)] == ("715", "1")
    assert labels[("apple", 0)][1] == "2.2" and labels[("apple_num", 0)][1] == "110"
    assert labels[("orange", 1)][1] == "3.3" and labels[("orange_num", 1)][1] == "165"
    assert labels[("tax", 3)] == ("1.1", "650")
    assert panel.step_label.text() == "Step 12 of 12 · backward"
    assert not panel.step_button.isEnabled() and panel.back_button.isEnabled()


def test_stepping_forward_node_by_node_then_backward_edge_by_edge(panel, qtbot):
    assert panel.view.edge_labels()[("apple_price", 1)] == ("", "")       # nothing computed yet
    assert not panel.back_button.isEnabled()
    panel.step_button.click()
    assert panel.view.edge_labels()[("apple_price", 1)] == ("200", "")
    assert "100 × 2 = <b>200</b>" in panel.explain.text()
    panel.step_button.click()
    assert panel.view.edge_labels()[("price", None)] == ("220", "1")       # backward starts from 1
    assert "forward" in panel.step_label.text()
    panel.step_button.click()                                               # price → apple price
    text = panel.explain.text()
    assert "<b>Backward</b>" in text and "∂(x·y)/∂x = y = <b>1.1</b>" in text
    assert "1 × 1.1 = <b>1.1</b>" in text
    assert panel.view.edge_labels()[("tax", 1)] == ("1.1", "")
    panel.step_button.click()
    assert panel.view.edge_labels()[("tax", 1)] == ("1.1", "200")
    assert "1 × 200 = <b>200</b>" in panel.explain.text()
    panel.back_button.click()
    assert panel.step == 3 and panel.view.edge_labels()[("tax", 1)] == ("1.1", "")
    panel.reset_button.click()
    assert panel.step == 0 and "Step ▶" in panel.explain.text()


def test_editing_an_input_updates_every_node(panel):
    panel.go_to(99)
    panel.set_input("apple_num", 4)
    labels = panel.view.edge_labels()
    assert labels[("apple_num", 0)] == ("4", "110")         # ∂price/∂num = apple × tax is unchanged
    assert labels[("apple", 0)] == ("100", "4.4")           # ∂price/∂apple = num × tax
    assert labels[("apple_price", 1)] == ("400", "1.1")
    assert labels[("tax", 1)] == ("1.1", "400")
    assert labels[("price", None)] == ("440", "1")
    panel.set_input("tax", 1.2)
    assert panel.view.edge_labels()[("price", None)] == ("480", "1")
    assert panel.step == 6                                  # the step is kept while editing
    panel.defaults_button.click()
    assert panel.view.edge_labels()[("price", None)] == ("220", "1")


def test_neuron_graph_shows_the_activations_local_derivative(panel):
    panel.select_graph("neuron_sigmoid")
    assert panel.step == 0
    panel.go_to(panel.run.n_forward + 1)                    # the first backward edge: through σ
    text = panel.explain.text()
    assert "σ′(x) = σ(x)(1 − σ(x)) = <b>0.196612</b>" in text
    panel.select_graph("neuron_relu")
    panel.set_input("b", -5.0)
    panel.go_to(99)
    assert panel.view.edge_labels()[("w1", 0)][1] == "0"    # a dead ReLU passes no gradient back
