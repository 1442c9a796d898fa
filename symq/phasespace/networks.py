"""P-representation simulations of oscillator networks (microscopic power grids, Eqs. 1-5).

:class:`PowerGrid` builds the network model of :func:`symq.phasespace.models.oscillator_network`
with one rate symbol per active site (``Gamma_i<k>`` for gain, ``Gamma_e<k>`` for loss, ``k`` 1-based), derives
its P equation (App. A with ``saturation="replace"``: Eqs. 3-5; or the positive-P equation) and
compiles it once. Energy currents are derived, not typed: the current through an edge ``(i, j)``
is ``J_ij = i [H_ij, a_j^dag a_j]`` for the edge's term ``H_ij`` of the Hamiltonian, whose normal
symbol is ``g Im(alpha_i^* alpha_j)``.

* :meth:`PowerGrid.deterministic`: the noise-free limit (App. C), the drift integrated to its
  steady state (amplitudes in units of ``sqrt(n_0)``, i.e. ``n_0 = 1``), with currents.
* :meth:`PowerGrid.relaxation_time`: App. F's procedure (kick ``alpha_1`` by ``1/10``, time between
  the residual ``|delta |alpha_1|^2|`` falling below ``1e-5`` and ``1e-8``, over ``ln 10^3``).
* :meth:`PowerGrid.stochastic`: time- and ensemble-averaged ``<J>`` and ``Delta J`` per edge from
  the SDE. ``Delta J`` is the spread of ``J`` over the P distribution, as in the paper
  (``<J^2>`` of the P samples, not the normally ordered ``<:J^2:>``).

Networks: :func:`chain` (Figs. 2-3) and :func:`grid` (Fig. 5's 2D grid); any other graph goes to
:class:`PowerGrid` as an edge list or adjacency matrix. :func:`current_sweep` gives the data of
Figs. 2-3 and 5(b): noise-free and stochastic currents against a loss rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.integrate as si
import sympy as sp

from ..errors import NumericsError
from ..numerics.sde import integrate, point_file
from . import models
from .compile import compile_sde
from .estimate import Estimate, time_average
from .fpe import derive
from .schemes import HeunMaruyama
from .variables import GLAUBER_P, POSITIVE_P


@dataclass(frozen=True)
class GridState:
    """Steady-state estimates: per-edge ``current`` and ``spread`` (``Delta J``), per-site
    ``occupation`` ``<a^dag a>``, and the mean dissipation rate ``<<Gamma_e(alpha) - Gamma_i(alpha)>>``."""

    current: Estimate
    spread: np.ndarray
    occupation: Estimate
    damping: Estimate


class PowerGrid:
    """The power-grid model on a graph (see the module docstring).

    ``gain``/``loss``: iterables of 0-based sites with energy injection / extraction.
    ``representation``: ``GLAUBER_P`` (the paper's Eqs. 3-5) or ``POSITIVE_P``.
    """

    def __init__(self, graph, *, gain, loss, f=models.saturation, representation=GLAUBER_P, n_sites=None):
        gain, loss = tuple(gain), tuple(loss)
        self.rates_in = {i: sp.Symbol(f"Gamma_i{i + 1}", positive=True) for i in gain}
        self.rates_out = {i: sp.Symbol(f"Gamma_e{i + 1}", positive=True) for i in loss}
        self.net = models.oscillator_network(graph, gain=self.rates_in, loss=self.rates_out, f=f, n_sites=n_sites)
        self.f = f
        self.fpe = derive(self.net.model, representation)
        self.sde = compile_sde(self.fpe)
        self.edges = self.net.edges
        a = self.net.a
        H = self.net.model.H
        self.current_ops = []
        for i, j in self.edges:
            Hij = sum((c * op for c, op in H.split() if set(op.sites) == {a[i].site, a[j].site}), 0)
            n_j = a[j].dag() * a[j]
            self.current_ops.append(sp.I * (Hij * n_j - n_j * Hij))
        self._J = self.sde.function([self.fpe.symbol(J) for J in self.current_ops])
        self._n = self.sde.function([self.fpe.symbol(x.dag() * x) for x in a])
        x = sp.Symbol("x")
        self._fn = sp.lambdify([x, models.n0], f(x), "numpy")

    @property
    def n_sites(self) -> int:
        return len(self.net.a)

    def values(self, *, g=1.0, gamma=1e-3, n_th=0.0, n0=1.0, gain=None, loss=None) -> dict:
        """Parameter values: ``gain``/``loss`` map sites to rates (a number applies to all)."""
        out = {models.g: g, models.gamma: gamma, models.n_th: n_th, models.n0: n0}
        for rates, given in ((self.rates_in, gain), (self.rates_out, loss)):
            for site, sym in rates.items():
                out[sym] = given if np.isscalar(given) else given[site]
        return out

    # -- noise-free limit (App. C) ---------------------------------------------------------------
    def _ode(self, values):
        bound = self.sde.bind(values)
        n = self.n_sites
        conj = not self.fpe.representation.independent

        def rhs(t, y):
            z = (y[:n] + 1j * y[n:])[None, :]
            x = z if conj else np.concatenate([z, z.conj()], axis=1)
            d = bound.drift(x, t)[0, :n]
            return np.concatenate([d.real, d.imag])

        return rhs

    def _state(self, alpha):
        alpha = np.atleast_2d(alpha)
        return alpha if not self.fpe.representation.independent else np.concatenate([alpha, alpha.conj()], 1)

    def deterministic(self, values, *, t_end: float = 2e4, alpha0=None, rtol=1e-10, atol=1e-12, samples: int = 2001):
        """Noise-free trajectory from ``alpha0`` (default: 0.1 on every site); returns
        ``(t, alpha(t))`` with ``alpha`` of shape ``(len(t), n_sites)``."""
        n = self.n_sites
        alpha0 = np.full(n, 0.1 + 0j) if alpha0 is None else np.asarray(alpha0, dtype=complex)
        t = np.linspace(0.0, t_end, samples)
        sol = si.solve_ivp(self._ode(values), (0.0, t_end), np.concatenate([alpha0.real, alpha0.imag]),
                           method="DOP853", rtol=rtol, atol=atol, t_eval=t)
        if not sol.success:
            raise NumericsError(f"PowerGrid.deterministic: the ODE solver failed ({sol.message})")
        return sol.t, (sol.y[:n] + 1j * sol.y[n:]).T

    def currents(self, alpha, values) -> np.ndarray:
        """Edge currents ``(k, n_edges)`` of amplitudes ``(k, n_sites)`` (``J_ij = g Im a_i^* a_j``)."""
        return self._J(self._state(alpha), values)

    def relaxation_time(self, values, *, kick: float = 0.1, t_settle: float = 2e4, t_max: float = 2e5,
                        thresholds=(1e-5, 1e-8)) -> float:
        """App. F: relaxation time of ``|alpha_1|^2`` after a kick ``alpha_1 -> alpha_1 + kick``."""
        site = next(iter(self.rates_in))
        _, traj = self.deterministic(values, t_end=t_settle, samples=2)
        start = traj[-1].copy()
        ref = abs(start[site]) ** 2
        start[site] += kick
        t, traj = self.deterministic(values, t_end=t_max, alpha0=start, samples=int(t_max) + 1, rtol=1e-11, atol=1e-13)
        resid = np.abs(np.abs(traj[:, site]) ** 2 - ref)
        times = []
        for level in thresholds:
            above = np.flatnonzero(resid >= level)
            if above.size == 0 or above[-1] == len(t) - 1:
                return np.inf
            times.append(t[above[-1]])
        return (times[1] - times[0]) / np.log(thresholds[0] / thresholds[1])

    # -- stochastic P simulation ------------------------------------------------------------------
    def stochastic(self, values, *, ntraj: int = 64, t_burn: float = 5000.0, t_end: float = 10000.0,
                   dt: float = 0.01, samples: int = 401, seed: int = 0, alpha0=None, progress=True,
                   checkpoint=None, solver=None) -> GridState:
        """Steady-state currents, their spread, occupations and mean damping from the SDE."""
        n = self.n_sites
        start = np.full(n, np.sqrt(values[models.n0]) + 0j) if alpha0 is None else np.asarray(alpha0, dtype=complex)
        x0 = np.tile(self._state(start)[0], (ntraj, 1))
        fn = self._fn
        n0 = float(values[models.n0])
        r_in = {i: float(values[s]) for i, s in self.rates_in.items()}
        r_out = {i: float(values[s]) for i, s in self.rates_out.items()}

        def damping(x):  # Gamma_e f^2(|alpha_N|^2) - Gamma_i f^2(|alpha_1|^2), App. A's Gamma(alpha)
            occ = np.abs(x[:, :n]) ** 2
            out = sum(r * fn(occ[:, i], n0) ** 2 for i, r in r_out.items()) - sum(
                r * fn(occ[:, i], n0) ** 2 for i, r in r_in.items()
            )
            return np.asarray(out, dtype=float) * np.ones(len(x))

        obs = {"J": lambda x: self._J(x, values).real, "J2": lambda x: self._J(x, values).real ** 2,
               "n": lambda x: self._n(x).real,
               "damping": damping}
        bound = self.sde.bind(values)
        res = integrate(bound.drift, bound.diffusion, x0, np.linspace(0.0, t_end, samples), ntraj=ntraj, dt=dt,
                        solver=solver or HeunMaruyama(), observables=obs, seed=seed, progress=progress, checkpoint=checkpoint)
        J, J2 = time_average(res, "J", t_burn), time_average(res, "J2", t_burn)
        spread = np.sqrt(np.maximum(J2.mean - J.mean**2, 0.0))
        return GridState(J, spread, time_average(res, "n", t_burn), time_average(res, "damping", t_burn))


def chain(N: int, **kwargs) -> PowerGrid:
    """The paper's chain: gain at site 0, loss at site ``N - 1``."""
    return PowerGrid(models.chain_edges(N), gain=[0], loss=[N - 1], **kwargs)


def grid(rows: int, cols: int, *, gain, loss, **kwargs) -> PowerGrid:
    """A ``rows x cols`` square grid, sites numbered row by row from 0 (Fig. 5a: ``grid(3, 3,
    gain=[0], loss=[6, 8])``, the paper's sites 1, 7 and 9)."""
    return PowerGrid(models.grid_edges(rows, cols), gain=gain, loss=loss, **kwargs)


def current_sweep(network: PowerGrid, gamma_e, *, site=None, gain: float = 4.0, loss: float = 4.0, g: float = 1.0,
                  gamma: float = 1e-3, n_th: float = 0.0, n0: float = 10.0, t_settle: float = 2e4, noise: bool = True,
                  ntraj: int = 64, t_burn: float = 5000.0, t_end: float = 10000.0, dt: float = 0.01, samples: int = 401,
                  seed: int = 0, progress=True, checkpoint_dir=None) -> dict:
    """Currents against the loss rate ``Gamma_e`` of ``site`` (default: every loss site; the other
    loss sites keep ``loss``), all gain sites at ``gain``: Figs. 2-3 on a chain, Fig. 5(b) on a grid.

    Returns arrays ``(len(gamma_e), n_edges)`` in units of ``g n0``: ``noise_free`` (the drift's
    steady state after ``t_settle``, from 0.1 on every site in units of ``sqrt(n0)``) and, if
    ``noise``, ``current`` with ``current_err`` (one standard error) and ``spread`` (``Delta J``)
    from :meth:`PowerGrid.stochastic` at saturation number ``n0``; with ``checkpoint_dir`` each
    point checkpoints to ``point_<i>.npz`` so an interrupted sweep resumes. Also ``gamma_e``, ``edges``.
    """
    gamma_e = np.asarray(gamma_e, dtype=float)
    if site is not None and site not in network.rates_out:
        raise NumericsError(f"current_sweep: expected a loss site in {sorted(network.rates_out)}, got {site!r}")
    shape = (len(gamma_e), len(network.edges))
    keys = ("noise_free", "current", "current_err", "spread") if noise else ("noise_free",)
    out = {k: np.zeros(shape) for k in keys}
    for i, ge in enumerate(gamma_e):
        rates = {s: (ge if site in (None, s) else loss) for s in network.rates_out}
        values = network.values(g=g, gamma=gamma, n_th=n_th, n0=1.0, gain=gain, loss=rates)
        _, traj = network.deterministic(values, t_end=t_settle, samples=2)
        out["noise_free"][i] = network.currents(traj[-1], values)[0].real / g
        if noise:
            values[models.n0] = n0
            ck = point_file(checkpoint_dir, i)
            st = network.stochastic(values, ntraj=ntraj, t_burn=t_burn, t_end=t_end, dt=dt, samples=samples,
                                    seed=seed, progress=progress, checkpoint=ck)
            out["current"][i] = st.current.mean.real / (g * n0)
            out["current_err"][i] = st.current.stderr / (g * n0)
            out["spread"][i] = st.spread / (g * n0)
    return out | {"gamma_e": gamma_e, "edges": network.edges}


__all__ = ["GLAUBER_P", "POSITIVE_P", "GridState", "PowerGrid", "chain", "current_sweep", "grid"]
