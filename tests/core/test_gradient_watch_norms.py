"""GradientWatch.norms: per-layer gradient norms taken in float32 (no copy) equal the float64
ones up to rounding, also where float32 squares overflow or underflow, and stay inf/NaN for
non-finite gradients."""
import numpy as np

from core import Network
from core.divergence import GradientWatch

SPEC = {"input_shape": [30], "loss": "softmax_cross_entropy",
        "layers": [{"type": "dense", "units": 20, "activation": "relu"}, {"type": "dense", "units": 4}]}


def _norms64(net):
    g = net.flat_grads.astype(np.float64)
    return np.array([np.linalg.norm(g[:30 * 20 + 20]), np.linalg.norm(g[30 * 20 + 20:])])


def test_norms_match_float64_for_ordinary_huge_and_tiny_gradients():
    net = Network.from_spec(SPEC, rng=np.random.default_rng(0))
    watch = GradientWatch(net)
    rng = np.random.default_rng(1)
    for scale in (1.0, 1e30, 1e-25):
        net.flat_grads[:] = rng.standard_normal(net.flat_grads.size) * scale
        np.testing.assert_allclose(watch.norms(), _norms64(net), rtol=1e-5)
        assert np.all(np.isfinite(watch.norms()) & (watch.norms() > 0))


def test_non_finite_gradients_give_non_finite_norms():
    net = Network.from_spec(SPEC, rng=np.random.default_rng(0))
    watch = GradientWatch(net)
    net.flat_grads[:] = 1
    net.flat_grads[3] = np.inf
    net.flat_grads[-1] = np.nan
    n = watch.norms()
    assert n[0] == np.inf and np.isnan(n[1])
