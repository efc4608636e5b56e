"""How much a 28×28 input looks like the training digits: a measure for drawings the network
was never meant to read (a letter, a scribble, a star), which it still answers with a digit,
often at 99 %.

For every class the model keeps the mean training image and its first :data:`COMPONENTS`
principal components (the main ways the digits of that class vary). An input is compared with
the class the network gave it: the *reconstruction error* is what is left of ``input − mean``
after projecting out those components — small for a plausible digit of that class, large for
something else. The error is then ranked among the errors of MNIST's own test digits of that
class: ``percentile(img, k) = 97`` means the input fits class ``k`` worse than 97 % of the real
test digits of ``k``. No network is involved, so the same measure serves any network that reads
28×28 digits.

Fitting uses a randomized SVD on a sample per class; it takes about half a second, so the app
loads a fitted model from ``resources/digit_typicality.npz``, made from the bundled MNIST by
``python -m core.digit_typicality`` (deterministic).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .data import RESOURCES

PATH = RESOURCES / "digit_typicality.npz"

COMPONENTS = 10          # principal components per class
SAMPLE = 2000            # training digits per class used to find them
UNUSUAL = 95.0           # a percentile above this: unlike the training digits


@dataclass(frozen=True)
class Typicality:
    means: np.ndarray          # (n_classes, 784) float32
    components: np.ndarray     # (n_classes, COMPONENTS, 784) float32, orthonormal rows
    reference: np.ndarray      # (n_classes, m) float32: sorted errors of real test digits

    @classmethod
    def fit(cls, x_train: np.ndarray, y_train: np.ndarray, x_ref: np.ndarray, y_ref: np.ndarray,
            components: int = COMPONENTS, sample: int = SAMPLE, seed: int = 0) -> Typicality:
        """x_*: (n, 28, 28) uint8 or float in [0, 1]; y_*: (n,) int labels. The components come
        from ``x_train``, the reference errors from ``x_ref`` (digits not used for fitting)."""
        rng = np.random.default_rng(seed)
        n_classes = int(max(y_train.max(), y_ref.max())) + 1
        means, comps = [], []
        for k in range(n_classes):
            idx = np.flatnonzero(y_train == k)
            idx = rng.choice(idx, min(sample, len(idx)), replace=False)
            xk = _flat(x_train[idx])
            mean = xk.mean(axis=0)
            means.append(mean)
            comps.append(_top_components(xk - mean, components, rng))
        model = cls(np.stack(means), np.stack(comps), np.zeros((n_classes, 0), np.float32))
        x_ref = _flat(x_ref)
        per_class = [np.sort(model._errors(x_ref[y_ref == k], k)) for k in range(n_classes)]
        m = min(len(e) for e in per_class)       # an equal number per class: one array
        quantiles = np.linspace(0, 1, m)
        reference = np.stack([np.quantile(e, quantiles) for e in per_class]).astype(np.float32)
        return cls(model.means, model.components, reference)

    def _errors(self, x: np.ndarray, k: int) -> np.ndarray:
        d = x - self.means[k]
        proj = d @ self.components[k].T
        return np.maximum((d * d).sum(axis=1) - (proj * proj).sum(axis=1), 0.0)

    def error(self, img28: np.ndarray, k: int) -> float:
        """Squared reconstruction error of ``img28`` (28×28, ink = 1) as a digit of class ``k``."""
        return float(self._errors(_flat(np.asarray(img28)[None]), k)[0])

    def percentile(self, img28: np.ndarray, k: int) -> float:
        """Percentage of class ``k``'s real test digits that fit the class better than
        ``img28`` does (0 … 100)."""
        ref = self.reference[k]
        return 100.0 * float(np.searchsorted(ref, self.error(img28, k))) / len(ref)

    def unusual(self, img28: np.ndarray, k: int, above: float = UNUSUAL) -> bool:
        return self.percentile(img28, k) > above

    def save(self, path: str | os.PathLike = PATH) -> None:
        np.savez_compressed(path, means=self.means, components=self.components,
                            reference=self.reference)

    @classmethod
    def load(cls, path: str | os.PathLike = PATH) -> Typicality:
        """The model saved by :meth:`save`; ValueError (or OSError) if the file is unusable."""
        with np.load(path, allow_pickle=False) as z:
            means, comps, ref = (np.asarray(z[k], np.float32) for k in ("means", "components", "reference"))
        n, d = means.shape
        if comps.ndim != 3 or comps.shape[0] != n or comps.shape[2] != d or ref.shape[0] != n \
                or not (np.isfinite(means).all() and np.isfinite(comps).all() and np.isfinite(ref).all()):
            raise ValueError(f"{path}: not a digit typicality model")
        return cls(means, comps, ref)


def _flat(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x)
    flat = x.reshape(len(x), -1).astype(np.float32)
    if x.dtype == np.uint8:
        flat *= np.float32(1 / 255)
    return flat


def _top_components(centred: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """(k, d) leading right singular vectors of ``centred`` (n, d), by a randomized SVD with
    two power iterations (Halko, Martinsson & Tropp 2011)."""
    q, _ = np.linalg.qr(centred @ rng.standard_normal((centred.shape[1], k + 10)).astype(np.float32))
    for _ in range(2):
        q, _ = np.linalg.qr(centred.T @ q)
        q, _ = np.linalg.qr(centred @ q)
    _, _, vt = np.linalg.svd(q.T @ centred, full_matrices=False)
    return vt[:k].astype(np.float32)


def main() -> None:
    """``python -m core.digit_typicality``: fit on the bundled MNIST and write :data:`PATH`."""
    from .data import load_mnist
    ds = load_mnist()
    Typicality.fit(ds.x_train, ds.y_train, ds.x_test, ds.y_test).save(PATH)
    print(f"wrote {PATH}")


if __name__ == "__main__":
    main()
