"""Config.check names the bad field in one line."""
import numpy as np
import pytest

from core.training_config import Config


@pytest.mark.parametrize("field, bad", [
    ("good_every", 0), ("good_every", -3), ("good_every", 2.5), ("good_every", None), ("good_every", True),
    ("good_every", "10"), ("max_train", 0), ("max_train", 1.0), ("max_train", "all"), ("max_eval", 0),
    ("max_eval", -1), ("max_eval", False), ("seed", -1), ("seed", 1.5), ("seed", None), ("seed", 2**64),
])
def test_bad_values_are_named_in_one_line(field, bad):
    with pytest.raises(ValueError) as e:
        Config(**{field: bad}).check()
    msg = str(e.value)
    assert msg.startswith(field + " ") and "\n" not in msg and repr(bad) in msg


@pytest.mark.parametrize("field, good", [
    ("good_every", 1), ("good_every", np.int64(50)), ("max_train", None), ("max_train", 1),
    ("max_eval", None), ("max_eval", 10**6), ("seed", 0), ("seed", 2**64 - 1), ("seed", np.int32(7)),
])
def test_good_values_pass(field, good):
    Config(**{field: good}).check()
