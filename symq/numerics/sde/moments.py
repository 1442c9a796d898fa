"""Running mean and variance of an observable at each sample time, merged batch by batch.

Each batch of ``k`` trajectories contributes its own mean and sum of squared deviations, merged
with Chan, Golub and LeVeque's pairwise update, which stays accurate when the mean is much
larger than the spread (unlike raw sums of ``f`` and ``f**2``). Complex observables have a complex
mean and the real variance ``E|f - mean|**2``. Nothing but these sums is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class RunningMoments:
    """Count, mean and sum of squared deviations ``m2`` per sample time (axis 0)."""

    count: np.ndarray
    mean: np.ndarray | None = None
    m2: np.ndarray | None = None

    @classmethod
    def empty(cls, ntimes: int) -> RunningMoments:
        return cls(np.zeros(ntimes, dtype=np.int64))

    def add(self, i: int, values: np.ndarray) -> None:
        """Merge a batch ``values`` (shape ``(k, *shape)``) into sample time ``i``."""
        k = len(values)
        if self.mean is None:
            dtype = complex if np.iscomplexobj(values) else float
            self.mean = np.zeros((len(self.count), *values.shape[1:]), dtype=dtype)
            self.m2 = np.zeros(self.mean.shape)
        batch_mean = values.mean(axis=0)
        batch_m2 = (np.abs(values - batch_mean) ** 2).sum(axis=0)
        seen = self.count[i]
        total = seen + k
        delta = batch_mean - self.mean[i]
        self.mean[i] = self.mean[i] + delta * (k / total)
        self.m2[i] = self.m2[i] + batch_m2 + np.abs(delta) ** 2 * (seen * k / total)
        self.count[i] = total

    def stderr(self) -> np.ndarray:
        """Standard error of the mean, ``sqrt(m2 / (N (N - 1)))``; NaN where N < 2."""
        n = self.count.reshape((-1,) + (1,) * (self.m2.ndim - 1)).astype(float)
        out = np.full(self.m2.shape, np.nan)
        np.sqrt(self.m2 / np.maximum(n * (n - 1), 1), out=out, where=n > 1)
        return out
