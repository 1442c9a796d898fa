"""Stationary two-time correlations by the quantum regression theorem, within charge sectors.

For ``tau >= 0`` and the steady state ``rho``::

    <A(tau) B(0)>        = Tr[A exp(L tau) (B rho)]          (QuTiP's correlation_2op_1t, a_op=A, b_op=B)
    <A(0) B(tau) C(0)>   = Tr[B exp(L tau) (C rho A)]        (correlation_3op_1t)

``B rho`` lies in the sector of B's charge, so each charge component of B is propagated with
``expm_multiply`` on its own sector. The spectrum is the two-sided Fourier transform of the
connected correlation, as in ``qutip.spectrum``::

    S(omega) = int dtau exp(-i omega tau) (<A(tau) B(0)> - <A><B>)
             = G_AB(omega) + conj(G_{B^dag A^dag}(omega)),
    G_AB(omega) = Tr[A (i omega - L)^{-1} (B rho - Tr(B rho) rho)],

evaluated by one sparse LU solve per omega (``= 2 Re G_AB`` when ``A = B^dag``). In sector 0 the
solve is bordered by ``[rho; Tr]`` so that it is regular at ``omega = 0``.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sps
from scipy.sparse.linalg import expm_multiply
from tqdm.auto import tqdm

from ...errors import NumericsError
from .build import build
from .linsolve import one_thread, splu
from .sectors import SectorBuilder
from .steady import solve_steady_state


class _Stationary:
    """A numeric model, its sector builder and steady state, shared by the correlation functions."""

    def __init__(self, model, values, cutoffs, rho, steady_options):
        self.num = build(model, values, cutoffs=cutoffs)
        self.builder = SectorBuilder(self.num)
        if rho is None:
            rho = solve_steady_state(self.num, cutoffs=cutoffs, **steady_options).rho
        self.rho = np.asarray(rho.full() if hasattr(rho, "full") else rho, dtype=complex)
        self._L = {}

    def L(self, q):
        if q not in self._L:
            sec = self.builder.sector(q)
            self._L[q] = (sec, self.builder.matrix(sec))
        return self._L[q]

    def matrix(self, op, where):
        return self.num.operator(op, where)

    def sectors(self, X: np.ndarray) -> list:
        """Charges of the sectors holding the nonzero entries of ``X``."""
        ch = self.num.state_charges
        i, j = np.nonzero(X)
        return sorted({int(q) for q in np.unique(ch[i] - ch[j])})

    def trace_with(self, A, sec) -> np.ndarray:
        """``a`` with ``Tr[A Y] = a @ y`` for a sector vector ``y``."""
        return np.asarray(A[sec.cols, sec.rows]).ravel()


def _evolve(L, y0, taus):
    """``exp(L tau) y0`` for every tau (ascending, >= 0), uniform grids in one call."""
    taus = np.asarray(taus, dtype=float)
    if taus.ndim != 1 or len(taus) == 0 or taus.min() < 0 or np.any(np.diff(taus) <= 0):
        raise NumericsError(f"taus: expected increasing times >= 0, got {taus!r}")
    with one_thread():
        if len(taus) > 2 and np.allclose(np.diff(taus), taus[1] - taus[0], rtol=1e-9, atol=0):
            head = expm_multiply(L, y0, start=taus[0], stop=taus[-1], num=len(taus), endpoint=True)
            return np.atleast_2d(head)
        out, y, t = [], y0, 0.0
        for tau in taus:
            if tau > t:
                y = expm_multiply(L * (tau - t), y)
                t = tau
            out.append(y)
        return np.array(out)


def _regression(st: _Stationary, X: np.ndarray, A, taus) -> np.ndarray:
    """``Tr[A exp(L tau) X]``, each sector part of ``X`` propagated in its sector."""
    total = np.zeros(len(taus), dtype=complex)
    for q in st.sectors(X):
        sec, L = st.L(q)
        total += _evolve(L, sec.from_matrix(X), taus) @ st.trace_with(A, sec)
    return total


def correlation_2op(model, values, A, B, taus, *, cutoffs=None, rho=None, **steady_options) -> np.ndarray:
    """``<A(tau) B(0)>`` in the steady state for ``taus`` (increasing, >= 0)."""
    st = _Stationary(model, values, cutoffs, rho, steady_options)
    X = np.asarray(st.matrix(B, "correlation B") @ st.rho)
    return _regression(st, X, st.matrix(A, "correlation A"), taus)


def correlation_3op(model, values, A, B, C, taus, *, cutoffs=None, rho=None, **steady_options) -> np.ndarray:
    """``<A(0) B(tau) C(0)>`` in the steady state for ``taus`` (increasing, >= 0)."""
    st = _Stationary(model, values, cutoffs, rho, steady_options)
    X = np.asarray(st.matrix(C, "correlation C") @ st.rho @ st.matrix(A, "correlation A"))
    return _regression(st, X, st.matrix(B, "correlation B"), taus)


def g1(model, values, a, taus, *, cutoffs=None, rho=None, **steady_options) -> np.ndarray:
    """``g1(tau) = <a^dag(tau) a(0)> / <a^dag a>`` (complex)."""
    st = _Stationary(model, values, cutoffs, rho, steady_options)
    n = np.trace(st.matrix(a.dag() * a, "g1") @ st.rho).real
    c = _regression(st, np.asarray(st.matrix(a, "g1") @ st.rho), st.matrix(a.dag(), "g1"), taus)
    return c / n


def g2(model, values, a, taus, *, cutoffs=None, rho=None, **steady_options) -> np.ndarray:
    """``g2(tau) = <a^dag(0) a^dag a(tau) a(0)> / <a^dag a>^2`` (real)."""
    st = _Stationary(model, values, cutoffs, rho, steady_options)
    N = st.matrix(a.dag() * a, "g2")
    n = np.trace(N @ st.rho).real
    am = st.matrix(a, "g2")
    c = _regression(st, np.asarray(am @ st.rho @ am.conj().T), N, taus)
    return c.real / n**2


def _resolvent(st: _Stationary, A, X: np.ndarray, omegas, progress) -> np.ndarray:
    """``Tr[A (i omega - L)^{-1} (X - Tr(X) rho)]`` for every omega."""
    out = np.zeros(len(omegas), dtype=complex)
    X = X - np.trace(X) * st.rho
    for q in st.sectors(X):
        sec, L = st.L(q)
        x, a, n = sec.from_matrix(X), st.trace_with(A, sec), sec.size
        eye = sps.identity(n, dtype=complex, format="csc")
        if q == 0:
            border = sps.csr_matrix(sec.from_matrix(st.rho)[:, None])
            trace = sps.csr_matrix((np.ones(len(sec.trace_row)), (np.zeros(len(sec.trace_row), int), sec.trace_row)), shape=(1, n))
            x = np.concatenate([x, [0.0]])
        for k, w in enumerate(tqdm(omegas, desc=f"spectrum (sector {q})", disable=not progress)):
            M = 1j * w * eye - L
            if q == 0:
                M = sps.bmat([[M, border], [trace, None]], format="csc")
            out[k] += a @ splu(M).solve(x)[:n]
    return out


def power_spectrum(model, values, A, B, omegas, *, cutoffs=None, rho=None, progress=False, **steady_options) -> np.ndarray:
    """``S(omega)`` of ``<A(tau) B(0)>`` (module docstring); real when ``A = B^dag``."""
    st = _Stationary(model, values, cutoffs, rho, steady_options)
    omegas = np.asarray(omegas, dtype=float)
    A_, B_ = st.num.model.check_operator(A, "spectrum A"), st.num.model.check_operator(B, "spectrum B")
    Am, Bm = st.matrix(A_, "spectrum A"), st.matrix(B_, "spectrum B")
    with one_thread():
        G = _resolvent(st, Am, np.asarray(Bm @ st.rho), omegas, progress)
        if A_ == B_.dag():
            return 2 * G.real
        H = _resolvent(st, Bm.conj().T, np.asarray(Am.conj().T @ st.rho), omegas, progress)
    return G + H.conj()
