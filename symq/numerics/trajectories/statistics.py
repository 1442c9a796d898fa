"""Running mean and variance (Welford), updated one trajectory at a time in trajectory order, so
that the result does not depend on how trajectories were batched."""

from __future__ import annotations

import numpy as np


class Running:
    """Mean and sum of squared deviations of real samples of a fixed shape; NaN = no sample."""

    def __init__(self, shape):
        self.n = np.zeros(shape, dtype=np.int64)
        self.mean = np.zeros(shape)
        self.m2 = np.zeros(shape)

    def push(self, x: np.ndarray) -> None:
        ok = ~np.isnan(x)
        self.n += ok
        x = np.where(ok, x, 0.0)
        delta = np.where(ok, x - self.mean, 0.0)
        self.mean += np.where(ok, delta / np.maximum(self.n, 1), 0.0)
        self.m2 += np.where(ok, delta * (x - self.mean), 0.0)

    def push_rows(self, rows: np.ndarray) -> None:
        for x in rows:
            self.push(x)

    @property
    def stderr(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.n > 1, np.sqrt(self.m2 / np.maximum(self.n - 1, 1) / np.maximum(self.n, 1)), np.nan)

    def state(self, prefix: str) -> dict:
        return {f"{prefix}_n": self.n, f"{prefix}_mean": self.mean, f"{prefix}_m2": self.m2}

    def restore(self, prefix: str, arrays: dict) -> None:
        self.n = np.array(arrays[f"{prefix}_n"])
        self.mean = np.array(arrays[f"{prefix}_mean"])
        self.m2 = np.array(arrays[f"{prefix}_m2"])


def split_complex(z: np.ndarray) -> np.ndarray:
    """Complex values as a trailing (real, imag) axis."""
    return np.stack([z.real, z.imag], axis=-1)


def join_complex(x: np.ndarray, hermitian) -> np.ndarray:
    """Inverse of :func:`split_complex`; real where ``hermitian``."""
    z = x[..., 0] + 1j * x[..., 1]
    return z.real if np.all(hermitian) else z
