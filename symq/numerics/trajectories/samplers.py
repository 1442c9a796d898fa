"""What a run records, sampled on the fly at the output times (no states are stored).

* :class:`PerTime`: a vector of values per trajectory at every output time (expectation values,
  entropy production, survival indicators); folded into running mean / variance per time.
* :class:`TimeAverage`: per trajectory time averages over the output times from ``start`` on
  (steady-state sampling) and, optionally, the time-averaged density matrix summed in ``groups``
  (trajectory ``i`` goes to group ``i % groups``; groups give jackknife error bars).
"""

from __future__ import annotations

import numpy as np

from .statistics import Running


class PerTime:
    """``fn(batch) -> (rows, nvalues)`` real values at each output time; NaN for no sample.
    Rejected (postselected-out) trajectories are not sampled unless ``all_rows``."""

    def __init__(self, name: str, fn, nvalues: int, ntimes: int, all_rows: bool = False):
        self.name, self.fn, self.all_rows = name, fn, all_rows
        self.stats = Running((ntimes, nvalues))
        self.buf = None

    def begin(self, batch) -> None:
        self.buf = np.full((len(batch.ids),) + self.stats.mean.shape, np.nan)

    def sample(self, batch) -> None:
        vals = self.fn(batch)
        self.buf[:, batch.k, :] = vals if self.all_rows else np.where(batch.alive[:, None], vals, np.nan)

    def end(self, batch) -> None:
        self.stats.push_rows(self.buf)
        self.buf = None

    def state(self) -> dict:
        out = self.stats.state(self.name)
        if self.buf is not None:
            out[f"{self.name}_buf"] = self.buf
        return out

    def restore(self, arrays: dict) -> None:
        self.stats.restore(self.name, arrays)
        self.buf = np.array(arrays[f"{self.name}_buf"]) if f"{self.name}_buf" in arrays else None


class TimeAverage:
    """Time averages per trajectory of ``fn(batch)`` over output times with index >= ``start``."""

    def __init__(self, name: str, fn, nvalues: int, ntraj: int, start: int, density_dim: int = 0, groups: int = 1):
        self.name, self.fn, self.start = name, fn, start
        self.per_traj = np.full((ntraj, nvalues), np.nan)
        self.groups = groups
        self.rho = np.zeros((groups, density_dim, density_dim), complex) if density_dim else None
        self.rho_count = np.zeros(groups, dtype=np.int64)
        self.sums = self.count = None

    def begin(self, batch) -> None:
        self.sums = np.zeros((len(batch.ids), self.per_traj.shape[1]))
        self.count = np.zeros(len(batch.ids), dtype=np.int64)

    def sample(self, batch) -> None:
        if batch.k < self.start:
            return
        alive = batch.alive
        self.sums[alive] += self.fn(batch)[alive]
        self.count[alive] += 1
        if self.rho is not None:
            Xn = batch.normalised()
            g_of = batch.ids % self.groups
            for g in np.unique(g_of[alive]):
                cols = np.nonzero(alive & (g_of == g))[0]
                Xg = Xn[:, cols]
                self.rho[g] += Xg @ Xg.conj().T
                self.rho_count[g] += cols.size

    def end(self, batch) -> None:
        with np.errstate(invalid="ignore", divide="ignore"):
            self.per_traj[batch.ids] = self.sums / self.count[:, None]
        self.sums = self.count = None

    def state(self) -> dict:
        out = {f"{self.name}_per_traj": self.per_traj, f"{self.name}_rho_count": self.rho_count}
        if self.rho is not None:
            out[f"{self.name}_rho"] = self.rho
        if self.sums is not None:
            out[f"{self.name}_sums"], out[f"{self.name}_count"] = self.sums, self.count
        return out

    def restore(self, arrays: dict) -> None:
        self.per_traj = np.array(arrays[f"{self.name}_per_traj"])
        self.rho_count = np.array(arrays[f"{self.name}_rho_count"])
        if self.rho is not None:
            self.rho = np.array(arrays[f"{self.name}_rho"])
        if f"{self.name}_sums" in arrays:
            self.sums, self.count = np.array(arrays[f"{self.name}_sums"]), np.array(arrays[f"{self.name}_count"])
