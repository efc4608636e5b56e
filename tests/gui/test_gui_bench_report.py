"""gui.bench's report: a panel's rate is judged against the target only if it had something new
to draw at least that often (frames plus requests merged into a waiting one); a panel that asks
rarely (the coach, when a hint changes) is not "below"."""
import numpy as np

from core.loop_timing import LoopTiming
from gui.bench import GuiResult, report


def result(frames: dict, merged: dict) -> GuiResult:
    return GuiResult(rate=1000.0, intervals=np.full(100, 16.7), panels=list(frames), gui_busy=0.1,
                     seconds=10.0, frames=frames, costs={k: [0.004] * v for k, v in frames.items()},
                     calls={k: 0.001 * v for k, v in frames.items()}, merged=merged,
                     child={**LoopTiming(steps=100).as_dict(), "cpu_s": 0.1, "wall_s": 0.1})


def test_rate_judged_only_for_panels_the_rate_held_back():
    runs = [result({"MetricsPanel": 58, "CoachPanel": 3, "WeightsPanel": 20},
                   {"MetricsPanel": 400, "CoachPanel": 1, "WeightsPanel": 90})]
    lines = {line.split()[0]: line for line in report("mlp", "default", [1000.0, 1000.0], runs, 100)
             if line.startswith("  ") and line.split()[0].endswith("Panel")}
    assert lines["MetricsPanel"].rstrip().endswith("ok")                 # 5.8/s ≥ 5
    assert lines["CoachPanel"].rstrip().endswith("only 0.4 times a second")   # drew 0.3/s, asked 0.4/s
    assert lines["WeightsPanel"].rstrip().endswith("below 5/s")          # 2/s, held back
