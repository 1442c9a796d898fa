"""Steady-state estimates from ensemble averages sampled in time.

``integrate`` returns, at each sample time ``t_k``, the ensemble mean ``m_k`` and its standard
error ``s_k``. After a burn-in the ``m_k`` fluctuate about the steady value and are correlated in
time. :func:`time_average` returns their average with an error bar from blocking (the standard
error of averages over blocks of consecutive samples, largest over block lengths that leave at
least 8 blocks), never smaller than ``mean(s_k) / sqrt(K)`` (independent samples).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import NumericsError


@dataclass(frozen=True)
class Estimate:
    """A value with its statistical error (one standard error), elementwise for arrays."""

    mean: np.ndarray
    stderr: np.ndarray

    def __getitem__(self, i) -> Estimate:
        return Estimate(self.mean[i], self.stderr[i])


def blocked(series, floor=0.0) -> Estimate:
    """Mean of a time series ``(K, ...)`` of ensemble averages with its blocking error (at least
    ``floor``); see the module docstring."""
    series = np.asarray(series)
    K = len(series)
    if K < 8:
        raise NumericsError(f"blocked: expected at least 8 samples, got {K}")
    best = np.zeros(series.shape[1:])
    size = 1
    while K // size >= 8:
        nb = K // size
        blocks = series[: nb * size].reshape(nb, size, *series.shape[1:]).mean(axis=1)
        best = np.maximum(best, np.std(blocks, axis=0, ddof=1) / np.sqrt(nb))
        size *= 2
    return Estimate(series.mean(axis=0), np.maximum(best, floor))


def time_average(result, name: str, after: float) -> Estimate:
    """Average of ``result.mean[name]`` over the sample times ``t >= after`` (see module doc)."""
    keep = result.times >= after
    K = int(keep.sum())
    if K < 8:
        raise NumericsError(f"time_average: expected at least 8 sample times after t = {after}, got {K}")
    floor = np.nan_to_num(result.stderr[name][keep], nan=0.0).mean(axis=0) / np.sqrt(K)
    return blocked(result.mean[name][keep], floor)
