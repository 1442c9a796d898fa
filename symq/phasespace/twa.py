"""Truncated Wigner approximation (TWA) for spin lattices: spin-lattice paper Sec. IV, Figs. 5-7.

:class:`SpinTWA` derives the Wigner equation of a spin model through Schwinger bosons with the
positive diffusion approximation (:func:`symq.phasespace.derive`), compiles it once and runs it
with :func:`symq.numerics.sde.integrate` (progress bar, checkpoints, parameters bound per run).
:class:`ChainTWA` adds the chain observables (sublattice magnetisations, fluctuations, the
correlation function ``<S+_{a,n} S-_{a,n+s}>``) and the paper's three numerical experiments:
:meth:`ChainTWA.steady_state` (Fig. 5a-b along a path in the phase diagram, see :func:`fig5`;
its :attr:`ChainState.xi` is Fig. 5d's correlation length, see :func:`fig5d`) and :func:`symmetry_restoration` (Fig. 7c).

Known bias (measured against exact dimer steady states, AM phase Gamma_g = Gamma_l = 2g,
:class:`~symq.numerics.sde.PlatenWeak2`, 2000 trajectories, see the tests and the issue-7 report):
``|<S_z>/S - exact|`` falls like ``S^-2`` (about ``0.06/S^2``) with ``dt = 0.01/g``; with
``dt = 0.02/g`` a time-step error of about ``0.0015`` adds to it (0.0019 instead of 0.0009 at S = 8).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.optimize as so

from ..errors import NumericsError
from ..numerics.sde import integrate, point_file
from . import models
from .compile import compile_sde
from .estimate import Estimate, blocked, time_average
from .fpe import wigner
from .meanfield import mean_field
from .sampling import spin_coherent
from .schemes import HeunMaruyama

NOISE_BUDGET = 32 * 2**20
"""Bytes of the ``(chunk, n, m)`` general-noise array a run may hold at once."""


class SpinTWA:
    """TWA of a spin model; ``fpe`` is the derived equation, ``sde`` its compiled SDE."""

    def __init__(self, model, *, positive_diffusion: bool = True):
        self.model = model
        self.fpe = wigner(model, positive_diffusion=positive_diffusion)
        self.sde = compile_sde(self.fpe)

    def sample(self, ntraj: int, seed: int, directions=None, default=(0.0, 0.0)) -> np.ndarray:
        """Wigner samples of a product spin-coherent state (see :mod:`.sampling`)."""
        return spin_coherent(self.fpe, directions, ntraj, np.random.default_rng(seed), default)

    def function(self, ops):
        """``fn(x) -> (k, len(ops))``: the Weyl symbols of ``ops`` on a batch."""
        return self.sde.function([self.fpe.symbol(o) for o in ops])

    def chunk(self, ntraj: int) -> int:
        """Trajectories per batch: all of them, or as many as :data:`NOISE_BUDGET` allows."""
        if self.sde.noise_kind != "general":
            return ntraj
        return max(8, min(ntraj, NOISE_BUDGET // (16 * self.sde.n * self.sde.m)))

    def run(self, values, x0, times, *, dt: float, observables, seed: int, solver=None, progress=True,
            checkpoint=None, checkpoint_every: int = 1000, chunk=None):
        """:func:`symq.numerics.sde.integrate` of the bound equation (``x0``: ``(ntraj, n)``;
        ``solver`` defaults to :class:`~symq.phasespace.schemes.HeunMaruyama`)."""
        bound = self.sde.bind(values)
        return integrate(bound.drift, bound.diffusion, x0, times, ntraj=len(x0), dt=dt, solver=solver or HeunMaruyama(),
                         observables=observables, seed=seed, progress=progress, checkpoint=checkpoint,
                         checkpoint_every=checkpoint_every, chunk=chunk or self.chunk(len(x0)))


@dataclass(frozen=True)
class ChainState:
    """Site-averaged steady state of a chain (each an :class:`Estimate`)."""

    sz_a: Estimate
    sz_b: Estimate
    var_a: Estimate
    var_b: Estimate
    correlation: Estimate  # <S+_{a,n} S-_{a,n+s}> averaged over n, s = 0 .. N // 2
    S: float

    @property
    def xi(self) -> tuple[float, float]:
        """Correlation length from ``|C(s)|``, ``s >= 1`` (see :func:`fit_correlation_length`)."""
        return fit_correlation_length(self.correlation)


class ChainTWA(SpinTWA):
    """TWA of the spin chain of :func:`symq.phasespace.models.spin_chain` (periodic)."""

    def __init__(self, N: int, S, *, periodic: bool = True):
        self.chain = models.spin_chain(N, S, periodic=periodic)
        super().__init__(self.chain.model)
        self.N = N
        self.S = float(self.chain.S)
        a, b = self.chain.a, self.chain.b
        self._sz = self.function([s.z for s in a + b])
        self._sz2 = self.function([s.z**2 for s in a + b])
        self._sp = self.function([s.plus for s in a])
        self._spsm = self.function([a[0].plus * a[0].minus])
        self._sxy = self.function([s.x for s in a + b] + [s.y for s in a + b])

    def observables(self) -> dict:
        """``{name: fn(x)}``: per-site ``S_z`` and ``S_z^2`` (shape ``(k, 2N)``, A then B),
        ``corr`` (``(k, N//2 + 1)``) and ``sxy`` (sublattice means of ``S_x, S_y``: A, B)."""
        N = self.N

        def corr(x):
            u = self._sp(x)  # S+_{a,n}; S-_{a,m} is its conjugate
            R = np.fft.ifft(np.abs(np.fft.fft(u, axis=1)) ** 2, axis=1)  # sum_n conj(u_n) u_{n+s}
            out = np.conj(R[:, : N // 2 + 1]) / N
            out[:, 0] = self._spsm(x)[:, 0]  # same site: the symbol of S+ S- is not |S+|^2
            return out

        def sxy(x):
            v = self._sxy(x).reshape(len(x), 2, 2, N).mean(axis=3)  # (k, x/y, A/B)
            return v.reshape(len(x), 4)

        return {"sz": self._sz, "sz2": self._sz2, "corr": corr, "sxy": sxy}

    def steady_state(self, values, *, ntraj: int = 32, t_burn: float = 100.0, t_end: float = 200.0,
                     dt: float = 0.02, samples: int = 201, seed: int = 0, direction=(np.pi / 2, 0.0),
                     progress=True, checkpoint=None) -> ChainState:
        """Time- and site-averaged steady state from spin-coherent states along ``direction``.

        Per site, ``<S_z>`` is the ensemble mean averaged over the sample times after ``t_burn`` and
        ``(Delta S_z)^2 = <S_z^2> - <S_z>^2`` subtracts that time average from the ensemble means of
        ``S_z^2`` (subtracting each sample's own squared mean would bias it by ``-1/ntraj``); both
        are then averaged over the sites of a sublattice, with errors from blocking the time series
        (:func:`~symq.phasespace.estimate.blocked`).
        """
        times = np.linspace(0.0, t_end, samples)
        x0 = self.sample(ntraj, seed, default=direction)
        res = self.run(values, x0, times, dt=dt, observables=self.observables(), seed=seed + 1,
                       progress=progress, checkpoint=checkpoint)
        keep = res.times >= t_burn
        sz, sz2 = res.mean["sz"][keep].real, res.mean["sz2"][keep].real
        N = self.N
        out = {}
        for name, sl in (("a", slice(0, N)), ("b", slice(N, 2 * N))):
            out[f"sz_{name}"] = blocked(sz[:, sl].mean(axis=1))
            out[f"var_{name}"] = blocked((sz2[:, sl] - sz[:, sl].mean(axis=0) ** 2).mean(axis=1))
        return ChainState(correlation=time_average(res, "corr", t_burn), S=self.S, **out)


def fit_correlation_length(corr: Estimate) -> tuple[float, float]:
    """``(xi, error)`` from ``|C(s)| = A cosh((N/2 - s)/xi)``, ``1 <= s <= N/2`` (periodic chain
    of ``N`` cells; ``C(s) = A' exp(-s/xi)`` for ``xi << N``), weighted by the errors."""
    c = np.abs(np.asarray(corr.mean))
    err = np.maximum(np.asarray(corr.stderr), 1e-12 * c.max())
    half = len(c) - 1
    s = np.arange(1, half + 1)
    y, w = c[1:], err[1:]

    def model(s, logA, inv):
        return np.exp(logA) * np.cosh((half - s) * inv)

    inv0 = max(1e-3, np.log(max(y[0], 1e-300) / max(y[-1], 1e-300)) / max(half - 1, 1))
    try:
        p, cov = so.curve_fit(model, s, y, p0=[np.log(max(y[-1], 1e-300)), inv0], sigma=w, absolute_sigma=True,
                              bounds=([-np.inf, 1e-6], [np.inf, 50.0]), maxfev=20000)
    except (RuntimeError, ValueError) as e:
        raise NumericsError(f"fit_correlation_length: the exponential fit failed ({e})") from None
    inv, dinv = p[1], np.sqrt(cov[1, 1])
    return 1.0 / inv, dinv / inv**2


def fig5(*, N: int = 50, S=100, gamma_l=None, g: float = 1.0, h: float = 0.5, gamma_g: float = 1.5, ntraj: int = 16,
         t_burn: float = 100.0, t_end: float = 200.0, dt: float = 0.02, seed: int = 0, progress=True,
         checkpoint_dir=None, runner: ChainTWA | None = None) -> dict:
    """Fig. 5(a-b): ``<S^z_{a,b}>/S`` and ``(Delta S^z_{a,b})^2 / S`` along ``Gamma_g = 1.5 g``,
    varying ``Gamma_l`` (path (i)); each point checkpoints to ``checkpoint_dir/point_<i>.npz`` so
    an interrupted sweep resumes; ``runner``: a :class:`ChainTWA` of ``N`` cells of spin ``S`` to
    reuse (derived and compiled once). Returns arrays with their standard errors."""
    gamma_l = np.linspace(0.1, 3.0, 12) if gamma_l is None else np.asarray(gamma_l, dtype=float)
    twa = ChainTWA(N, S) if runner is None else runner
    if (twa.N, twa.S) != (N, float(S)):
        raise NumericsError(f"fig5: expected a runner of N = {N} cells of spin {S}, got N = {twa.N}, S = {twa.S}")
    keys = ("sz_a", "sz_b", "var_a", "var_b")
    out = {k: np.zeros(len(gamma_l)) for k in keys} | {k + "_err": np.zeros(len(gamma_l)) for k in keys}
    for i, gl in enumerate(gamma_l):
        values = {models.g: g, models.h: h, models.Gamma_g: gamma_g, models.Gamma_l: gl}
        ck = point_file(checkpoint_dir, i)
        st = twa.steady_state(values, ntraj=ntraj, t_burn=t_burn, t_end=t_end, dt=dt, seed=seed, progress=progress,
                              checkpoint=ck)
        for k in keys:
            est = getattr(st, k)
            out[k][i], out[k + "_err"][i] = est.mean.real / twa.S, est.stderr / twa.S
    out["gamma_l"] = gamma_l
    out["boundaries"] = ((g - h) ** 2 / gamma_g, (g + h) ** 2 / gamma_g)  # Gamma_g Gamma_l = (g -+ h)^2
    return out


def fig5d(*, N: int = 50, S=100, gamma=None, g: float = 1.0, h: float = 0.5, ntraj: int = 16, t_burn: float = 100.0,
          t_end: float = 200.0, dt: float = 0.02, samples: int = 201, seed: int = 0, direction=(np.pi / 2, 0.0),
          progress=True, checkpoint_dir=None, runner: ChainTWA | None = None) -> dict:
    """Fig. 5(d): the correlation length ``xi`` (in unit cells, with its fit error) along the
    symmetry line ``Gamma_g = Gamma_l = gamma`` (path (ii)), from :attr:`ChainState.xi` of each
    point; AM phase for ``gamma > g + h`` (``boundary``), PPT below. Checkpoints and ``runner`` as
    in :func:`fig5`; the default ``gamma`` straddles the boundary (0.6 g .. 2.4 g in steps of 0.2 g)."""
    gamma = np.linspace(0.6, 2.4, 10) if gamma is None else np.asarray(gamma, dtype=float)
    twa = ChainTWA(N, S) if runner is None else runner
    if (twa.N, twa.S) != (N, float(S)):
        raise NumericsError(f"fig5d: expected a runner of N = {N} cells of spin {S}, got N = {twa.N}, S = {twa.S}")
    xi, err = np.zeros(len(gamma)), np.zeros(len(gamma))
    for i, gm in enumerate(gamma):
        values = {models.g: g, models.h: h, models.Gamma_g: gm, models.Gamma_l: gm}
        ck = point_file(checkpoint_dir, i)
        st = twa.steady_state(values, ntraj=ntraj, t_burn=t_burn, t_end=t_end, dt=dt, samples=samples, seed=seed,
                              direction=direction, progress=progress, checkpoint=ck)
        xi[i], err[i] = st.xi
    return {"gamma": gamma, "xi": xi, "xi_err": err, "boundary": g + h}


def symmetry_restoration(*, N: int = 50, S=100, g: float = 1.0, h: float = 0.5, gamma: float = 1.0, t_end: float = 40.0,
                         samples: int = 81, ntraj: int = 16, dt: float = 0.02, seed: int = 0, progress=True,
                         checkpoint=None) -> dict:
    """Fig. 7(c): all spins start along x (``theta = pi/2``); TWA and mean-field ``<S_z>/S`` of
    both sublattices and ``<S_perp>/S = |(<S_x>, <S_y>)|/S`` (sublattice A) against time, and
    ``tau_sb``, the first time the TWA ``<S_perp>`` falls below ``1/e`` of its initial value."""
    twa = ChainTWA(N, S)
    values = {models.g: g, models.h: h, models.Gamma_g: gamma, models.Gamma_l: gamma}
    times = np.linspace(0.0, t_end, samples)
    x0 = twa.sample(ntraj, seed, default=(np.pi / 2, 0.0))
    res = twa.run(values, x0, times, dt=dt, observables=twa.observables(), seed=seed + 1, progress=progress,
                  checkpoint=checkpoint)
    sz = res.mean["sz"].real
    sxy = res.mean["sxy"].real
    perp = np.hypot(sxy[:, 0], sxy[:, 2]) / twa.S
    below = np.flatnonzero(perp < perp[0] / np.e)
    mf = mean_field(models.spin_chain(1, S).model)
    dimer = models.spin_chain(1, S)
    y0 = {(s.site, "x"): twa.S for s in (dimer.a[0], dimer.b[0])}
    mf_values = {models.g: g + h, models.Gamma_g: gamma, models.Gamma_l: gamma}  # uniform mean field: g + h
    traj = mf.integrate(mf_values, y0, times)
    a, b = dimer.a[0].site, dimer.b[0].site
    return {
        "t": times,
        "sz_a": sz[:, :N].mean(axis=1) / twa.S,
        "sz_b": sz[:, N:].mean(axis=1) / twa.S,
        "perp": perp,
        "tau_sb": times[below[0]] if below.size else np.inf,
        "mf_sz_a": traj[(a, "z")] / twa.S,
        "mf_sz_b": traj[(b, "z")] / twa.S,
        "mf_perp": np.hypot(traj[(a, "x")], traj[(a, "y")]) / twa.S,
    }


__all__ = [
    "ChainState",
    "ChainTWA",
    "SpinTWA",
    "fig5",
    "fig5d",
    "fit_correlation_length",
    "symmetry_restoration",
]
