"""Whether a data set fits a network: the same number of inputs per sample, and no more
classes than the network has outputs. Panels that run the learner's network on the current
data ask before they compute (the data set and the model change one after the other)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from core import spec as spec_mod


def misfit(spec: dict, dataset) -> str | None:
    """Why ``dataset`` does not fit the network of ``spec`` (translated), or None if it does."""
    want = int(np.prod(spec["input_shape"]))
    have = int(np.prod(dataset.input_shape))
    if have != want:
        return QCoreApplication.translate(
            "DataFit", "This data has {0} values per sample but the network expects {1}: build a "
            "network for it first.").format(have, want)
    outputs = spec_mod.infer(spec)[-1].out_shape[0]
    if dataset.n_classes > outputs:
        return QCoreApplication.translate(
            "DataFit", "This data has {0} classes but the network outputs {1} scores: build a network "
            "for it first.").format(dataset.n_classes, outputs)
    return None
