"""Axis ranges that follow live data in steps: they change only when the data outgrow them."""
import pytest

from gui.metric_axes import nice_ceiling
from gui.widgets.stepped_ranges import COUNT_STEPS, count_end, fitted_range, grown_end


def test_an_iteration_axis_grows_by_half_again_only_when_reached():
    assert grown_end(3, 0.0) == 200.0                 # a first end: at least the minimum
    assert grown_end(200, 200.0) is None
    assert grown_end(201, 200.0) == pytest.approx(301.5)
    assert grown_end(3, 0.0, minimum=10.0) == 10.0
    end, changes = 0.0, 0
    for step in range(1, 10_001):
        new = grown_end(step, end)
        if new is not None:
            end, changes = new, changes + 1
        assert step <= end
    assert changes < 15                               # not once per step (10,000 of them)


def test_a_value_range_holds_the_values_and_changes_only_when_they_leave_or_shrink():
    first = fitted_range(-1.0, 1.0, None)
    assert first == pytest.approx((-1.1, 1.1))
    assert fitted_range(-1.05, 1.08, first) is None   # still inside
    grown = fitted_range(-1.0, 1.5, first)
    assert grown[0] == first[0] and grown[1] == pytest.approx(1.5 + 0.25 * 2.5)   # room above
    assert fitted_range(-0.1, 0.1, first) == pytest.approx((-0.11, 0.11))      # too small now
    assert fitted_range(float("nan"), 1.0, first) is None
    lo, hi = fitted_range(2.0, 2.0, None)             # a constant: still a range around it
    assert lo < 2.0 < hi


@pytest.mark.parametrize("value, nice", [(1, 1), (1.1, 1.25), (7.2, 8), (8.01, 10), (12_345, 12_500),
                                         (0.031, 0.04), (0, 1)])
def test_round_numbers_at_or_above(value, nice):
    assert nice_ceiling(value, COUNT_STEPS) == pytest.approx(nice)


def test_a_count_axis_keeps_its_end_while_the_bars_fill_enough_of_it():
    end = count_end(900, 0.0)
    assert end == 1250                                # 1.2 × 900 rounded up
    assert count_end(1100, end) is None and count_end(600, end) is None
    assert count_end(1300, end) == 2000                # 1.2 × 1300 = 1560 rounded up
    assert count_end(400, end) == 500                 # bars under 40 %: a shorter axis

