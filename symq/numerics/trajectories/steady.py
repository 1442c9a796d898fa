"""Steady-state sampling from long trajectories: time averages after a burn-in.

Each trajectory is sampled every ``dt`` from ``t_burn`` to ``t_end``; its time averages of the
``e_ops`` are one sample of the steady-state expectation, and the spread over trajectories gives
the standard errors (samples within a trajectory are correlated, trajectories are independent).
With ``density=True`` the time-averaged density matrix is accumulated too, in ``groups``
(trajectory ``i`` in group ``i % groups``); :meth:`SteadyStateResult.jackknife` gives error bars
of nonlinear functions (current fluctuations, negativity) by leaving one group out at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _checks
from .options import Options, batch_size, matrices, prepare, run_config
from .run import drive
from .samplers import TimeAverage
from .statistics import join_complex, split_complex


@dataclass(frozen=True)
class SteadyStateResult:
    """``expect[i]``/``stderr[i]``: steady-state value of ``e_ops[i]`` and its error;
    ``per_traj[n, i]`` the time average of trajectory ``n``; ``rho`` the time- and
    trajectory-averaged density matrix (``density=True``), ``rho_groups`` its group sums."""

    expect: np.ndarray
    stderr: np.ndarray
    per_traj: np.ndarray
    ntraj: int
    nsamples: int
    rho: np.ndarray | None
    rho_groups: np.ndarray | None
    rho_counts: np.ndarray | None
    groups: int
    dims: tuple

    def jackknife(self, f):
        """``(f(expect, rho), stderr)`` by leave-one-group-out jackknife over ``groups``."""
        g = np.arange(self.ntraj) % self.groups
        value = f(self.expect, self.rho)
        reps = []
        for k in range(self.groups):
            keep = g != k
            ex = self.per_traj[keep].mean(axis=0)
            rho = None
            if self.rho_groups is not None:
                rho = (self.rho_groups.sum(axis=0) - self.rho_groups[k]) / (self.rho_counts.sum() - self.rho_counts[k])
            reps.append(f(ex, rho))
        reps = np.array(reps)
        return value, float(np.sqrt((self.groups - 1) / self.groups * np.sum((reps - reps.mean()) ** 2)))


def steady_state(model, values, psi0, *, t_burn: float, t_end: float, dt: float, ntraj: int = 16, e_ops=(),
                 density: bool = False, groups: int = 8, seed=None, cutoffs=None, progress: bool = True,
                 checkpoint=None, options: Options | None = None) -> SteadyStateResult:
    """Steady-state expectations of ``e_ops`` from time averages of ``ntraj`` trajectories."""
    options = options or Options()
    ntraj = _checks.count("ntraj", ntraj)
    groups = min(_checks.count("groups", groups), ntraj)
    seed = _checks.seed(seed)
    t_burn = _checks.nonnegative("t_burn", t_burn)
    dt = _checks.nonnegative("dt", dt)
    if not (dt > 0 and t_end > t_burn):
        raise _checks.fail("t_end, dt", "dt > 0 and t_end > t_burn", f"dt={dt}, t_end={t_end}, t_burn={t_burn}")
    times = np.arange(0.0, t_end + 0.5 * dt, dt)
    start = int(np.searchsorted(times, t_burn - 1e-12 * dt))
    setup = prepare(model, values, psi0, times, cutoffs=cutoffs, options=options, seed=seed)
    mats, herm = matrices(list(e_ops), setup.un, values)
    batch = batch_size(options, ntraj, setup.un.dim)

    def fn(b):
        return split_complex(b.expect(mats)).reshape(len(b.ids), -1)

    sampler = TimeAverage("steady", fn, 2 * len(mats), ntraj, start, setup.un.dim if density else 0, groups)
    config = run_config("steady", model, values, cutoffs, setup, ntraj=ntraj, batch=batch, start=start, e_ops=[str(o) for o in e_ops], density=density, groups=groups)
    drive(setup, [sampler], ntraj, batch, checkpoint=checkpoint, config=config, every=options.checkpoint_every, progress=progress)
    per = sampler.per_traj.reshape(ntraj, len(mats), 2)
    per_traj = np.stack([join_complex(per[:, i], herm[i]) for i in range(len(mats))], axis=1) if mats else np.zeros((ntraj, 0))
    expect = per_traj.mean(axis=0)
    stderr_parts = per.std(axis=0, ddof=1) / np.sqrt(ntraj) if ntraj > 1 else np.full(per.shape[1:], np.nan)
    stderr = np.array([join_complex(stderr_parts[i], herm[i]) for i in range(len(mats))])
    rho = None
    if density:
        rho = sampler.rho.sum(axis=0) / sampler.rho_count.sum()
    return SteadyStateResult(expect, stderr, per_traj, ntraj, len(times) - start, rho,
                             sampler.rho if density else None, sampler.rho_count if density else None, groups,
                             tuple(setup.un.space.dims))
