"""The loss axis's rules: round ends, moved only when the curve outgrows the axis or falls
far below it; whole decades on a log axis."""
import numpy as np
import pytest

from gui.metric_axes import loss_axis_range, nice_ceiling


def test_round_ceilings():
    assert [nice_ceiling(x) for x in (0.07, 1.0, 1.16, 2.3, 9.5, 1234)] == [0.08, 1.0, 1.2, 2.5, 10.0, 1500.0]


def test_the_axis_moves_only_when_the_curve_outgrows_it_or_shrinks_far_below():
    assert loss_axis_range(np.array([2.3, 1.0]), False, None) == (0.0, 2.5)
    assert loss_axis_range(np.array([2.0, 1.0]), False, (0.0, 2.5)) is None        # still fits
    assert loss_axis_range(np.array([3.1]), False, (0.0, 2.5)) == (0.0, 4.0)        # outgrown
    assert loss_axis_range(np.array([0.5, np.nan]), False, (0.0, 2.5)) == (0.0, pytest.approx(0.6))  # shrunk
    assert loss_axis_range(np.array([np.nan, np.inf]), False, None) is None
    assert loss_axis_range(np.array([0.0]), False, None) is None


def test_whole_decades_on_a_log_axis():
    assert loss_axis_range(np.array([0.03, 2.0]), True, None) == (-2.0, 1.0)
    assert loss_axis_range(np.array([1.0]), True, None) == (0.0, 1.0)               # at least one decade
    assert loss_axis_range(np.array([0.0, -1.0]), True, None) is None
