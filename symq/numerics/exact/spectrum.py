"""Liouvillian spectra near zero, the Liouvillian gap and numerical exceptional points.

**Gap definition.** The papers define the gap from "the complex eigenvalue of the Liouvillian
with the smallest real part (after removing zero eigenvalues)", meaning the smallest *magnitude*
of the real part: ``gap = min over lambda != 0 of -Re(lambda)`` (Huber et al.'s
``epsilon_L = min{-Re lambda_n}``). Eigenvalues with ``|lambda| <= zero_tol * scale`` count as
zero (``scale`` = largest diagonal magnitude of the sector Liouvillian).

**Sectors.** With U(1) symmetry the slowest mode can sit in any charge sector (for the spin dimer
beyond the PT transition it is in charge +-1; scanning only sector 0 gives e.g. the population
decay ``gamma`` of a single damped qubit instead of the coherence decay ``gamma/2``). Sector
``-q`` holds the complex conjugates of sector ``q``, so sectors ``q >= 0`` are computed and their
conjugates added. By default all sectors are scanned.

**Method per sector.** Sectors up to ``dense_max`` unknowns: dense ``numpy.linalg.eigvals``
(exact reference). Larger sectors: shift-invert ARPACK (``eigs`` with our own SuperLU ``OPinv``)
at ``n_shifts`` complex shifts ``sigma = delta + i y`` to the right of the spectrum
(``delta > 0``, so ``L - sigma`` is never singular, also not at the steady state's zero), with
``y`` spread over the imaginary parts of the sector's diagonal; the ``k`` eigenvalues nearest each
shift are merged and sorted by real part. Shift-invert finds eigenvalues nearest the shifts in
modulus: a slow mode with a much larger imaginary part than the diagonal suggests can be missed;
the tests validate against dense eigenvalues.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as sla
from scipy.optimize import minimize_scalar
from tqdm.auto import tqdm

from ...errors import NumericsError
from .build import build
from .linsolve import one_thread, splu
from .sectors import SectorBuilder


@dataclass(frozen=True)
class Spectrum:
    """Eigenvalues nearest zero, per sector (``by_sector[q]``, ``q >= 0``, slowest first).

    ``eigenvalues``/``charges``: all of them with the conjugate sectors ``-q`` added, sorted by
    real part (descending). ``gap``: see the module docstring; ``slowest``: ``(lambda, q)`` of the
    gap-defining eigenvalue; ``methods[q]``: "dense" or "arpack".
    """

    by_sector: dict
    methods: dict
    zero_tol: float
    scale: float = field(default=1.0)

    @property
    def eigenvalues(self) -> np.ndarray:
        return self._all()[0]

    @property
    def charges(self) -> np.ndarray:
        return self._all()[1]

    def _all(self):
        vals, qs = [], []
        for q, ev in self.by_sector.items():
            vals.append(ev)
            qs.append(np.full(len(ev), q))
            if q != 0:
                vals.append(ev.conj())
                qs.append(np.full(len(ev), -q))
        vals, qs = np.concatenate(vals), np.concatenate(qs)
        order = np.lexsort((qs, -vals.imag, -vals.real))
        return vals[order], qs[order]

    @property
    def slowest(self) -> tuple:
        vals, qs = self._all()
        nonzero = np.abs(vals) > self.zero_tol * self.scale
        if not nonzero.any():
            raise NumericsError("liouvillian gap: expected a nonzero eigenvalue, got only zeros")
        i = np.flatnonzero(nonzero)[np.argmax(vals[nonzero].real)]
        return complex(vals[i]), int(qs[i])

    @property
    def gap(self) -> float:
        return -self.slowest[0].real


def _slowest_first(ev: np.ndarray) -> np.ndarray:
    """Sorted by real part (descending), ties (to 1e-10 relative) by imaginary part (descending)."""
    scale = max(1.0, float(np.abs(ev).max(initial=0.0)))
    return ev[np.lexsort((-ev.imag, -np.round(ev.real / scale, 10)))]


def _dedupe(ev: np.ndarray, tol: float) -> np.ndarray:
    ev = _slowest_first(ev)
    out = []
    for v in ev:
        if not any(abs(v - w) <= tol for w in out):
            out.append(v)
    return np.array(out, dtype=complex)


def sector_eigenvalues(L: sps.spmatrix, k: int = 6, *, dense_max: int = 1000, n_shifts: int = 3,
                       shift_offset: float = 0.05, tol: float = 0.0):
    """The ``k`` (per shift) eigenvalues of ``L`` nearest zero, slowest first; and the method used.

    Small sectors (``n <= max(dense_max, 2k + 4)``) return all their eigenvalues (dense).
    """
    n = L.shape[0]
    if n == 0:
        return np.zeros(0, complex), "dense"
    if n <= max(dense_max, 2 * k + 4):
        with one_thread():
            ev = np.linalg.eigvals(L.toarray())
        return _slowest_first(ev), "dense"
    d = L.diagonal()
    scale = float(np.abs(d).max()) or 1.0
    decay = float(np.median(np.abs(d.real))) or scale
    delta = shift_offset * decay
    ys = np.unique(np.median(d.imag) + (np.linspace(-0.5, 0.5, n_shifts) if n_shifts > 1 else np.zeros(1)) * np.ptp(d.imag))
    kk = min(k, n - 2)
    found = []
    for y in ys:
        sigma = delta + 1j * y
        fac = splu(sps.csc_matrix(L - sigma * sps.identity(n, format="csc")))
        op = sla.LinearOperator((n, n), fac.solve, dtype=complex)
        with one_thread():
            ev = sla.eigs(L, k=kk, sigma=sigma, OPinv=op, which="LM", tol=tol, return_eigenvectors=False,
                          ncv=min(n - 1, max(2 * kk + 1, 24)))
        found.append(ev)
    return _dedupe(np.concatenate(found), 1e-9 * scale), "arpack"


def liouvillian_spectrum(model, values=None, *, cutoffs=None, k=6, charges=None, dense_max=1000, n_shifts=3,
                         zero_tol=1e-9, progress=True) -> Spectrum:
    """Eigenvalues nearest zero of every sector ``q >= 0`` in ``charges`` (default: all); see the module docstring."""
    num = build(model, values, cutoffs=cutoffs)
    builder = SectorBuilder(num)
    qs = [q for q in builder.charges if q >= 0] if charges is None else sorted({abs(int(q)) for q in charges})
    by_sector, methods, scale = {}, {}, 0.0
    for q in tqdm(qs, desc="Liouvillian sectors", disable=not progress or len(qs) < 2):
        L = builder.matrix(q)
        if L.shape[0] == 0:
            continue
        scale = max(scale, float(np.abs(L.diagonal()).max()))
        by_sector[q], methods[q] = sector_eigenvalues(L, k, dense_max=dense_max, n_shifts=n_shifts)
    return Spectrum(by_sector, methods, zero_tol, scale or 1.0)


def liouvillian_gap(model, values=None, *, cutoffs=None, **options) -> float:
    """``min over nonzero lambda of -Re(lambda)`` over the scanned sectors; options as :func:`liouvillian_spectrum`."""
    return liouvillian_spectrum(model, values, cutoffs=cutoffs, **options).gap


@dataclass(frozen=True)
class LiouvillianEP:
    """A numerically located exceptional point of one Liouvillian sector.

    ``value``: parameter value where a pair among the ``k`` slowest eigenvalues of sector
    ``charge`` coalesces with collapsing eigenvectors (see :func:`liouvillian_ep`);
    ``eigenvalue``: the pair's mean there; ``splitting``: ``|lambda_1 - lambda_2|``; ``overlap``:
    ``|<v_1|v_2>| / (|v_1| |v_2|)`` of their right eigenvectors (-> 1 at a genuine EP, stays below
    1 at a diabolic crossing of independent modes).
    """

    parameter: object
    value: float
    eigenvalue: complex
    splitting: float
    overlap: float
    charge: int


SEMISIMPLE_TOL = 1e-10


def _ep_pair(ev: np.ndarray, V: np.ndarray, scale: float):
    """The pair minimising ``max(|lambda_i - lambda_j| / scale, 1 - overlap_ij)``: ``(i, j, that value)``.

    Near an EP of order n the splitting ~ |p - p_EP|^(1/n) dominates ``1 - overlap ~ |p - p_EP|^(2/n)``,
    so the measure is the scaled splitting there; at a crossing of independent eigenvectors it
    stays at ``1 - overlap > 0``. Pairs split by less than ``SEMISIMPLE_TOL * scale`` are skipped as
    semisimple degeneracies: LAPACK's eigenvectors of an exactly repeated eigenvalue are an
    arbitrary (possibly near-parallel) basis, while the computed eigenvalues of an EP of order n
    split by about ``eps^(1/n) * scale >= 1e-8 * scale``.
    """
    U = V / np.linalg.norm(V, axis=0)
    overlap = np.abs(U.conj().T @ U)
    split = np.abs(ev[:, None] - ev[None, :]) / scale
    d = np.where(split > SEMISIMPLE_TOL, np.maximum(split, 1 - overlap), np.inf)
    i, j = np.unravel_index(np.argmin(d), d.shape)
    if not np.isfinite(d[i, j]):
        raise NumericsError("liouvillian_ep: expected a non-degenerate pair among the k slowest eigenvalues, "
                            "got only semisimple degeneracies")
    return i, j, d[i, j]


def liouvillian_ep(model, values, parameter, bracket, *, cutoffs=None, charge=0, k=4, grid=41,
                   dense_max=3000, xatol=1e-12) -> LiouvillianEP:
    """Locate an EP along ``parameter`` in ``bracket``: eigenvalue coalescence with eigenvector collapse.

    Among the ``k`` slowest eigenvalues of sector ``charge`` (dense eigen-decomposition, at most
    ``dense_max`` unknowns) the pair measure of :func:`_ep_pair` is scanned on ``grid`` points and
    minimised (bounded Brent) around the best one.

    **Relation to moment-matrix EPs** (:func:`symq.exceptional_points`). A closed moment system
    ``d<O_a>/dt = A_ab <O_b> (+ b_a)`` spans a subspace invariant under the adjoint Liouvillian;
    ``L`` and its adjoint have the same Jordan structure, so every eigenvalue of ``A`` is a
    Liouvillian eigenvalue and every Jordan chain of ``A`` is a Liouvillian Jordan chain: each
    moment-matrix EP is a Liouvillian EP of at least the same order, in the sector whose charge is
    minus the moments' charge (``<sigma>`` reads the ``rho_{10}`` elements: sector ``+1``). The
    converse holds only for EPs of modes inside the moments' span. For the unbalanced qubit dimer
    sector 1 *is* the first-moment system (type-I MEPs, EP2) and sector 0 is the second-moment
    system plus the stationary mode and one further mode (type-II MEP, an EP3 there).
    """
    lo, hi = map(float, bracket)
    if not lo < hi:
        raise NumericsError(f"liouvillian_ep bracket: expected (low, high) with low < high, got {bracket!r}")

    def slowest(p):
        num = build(model, {**values, parameter: p}, cutoffs=cutoffs)
        L = SectorBuilder(num).matrix(charge)
        if L.shape[0] > dense_max:
            raise NumericsError(f"liouvillian_ep: expected a sector of at most dense_max={dense_max}, got {L.shape[0]}")
        L = L.toarray()
        with one_thread():
            ev, V = np.linalg.eig(L)
        order = np.argsort(-ev.real)[:k]
        return ev[order], V[:, order], max(float(np.abs(np.diag(L)).max()), 1e-300)

    def measure(p):
        return _ep_pair(*slowest(p))[2]

    ps = np.linspace(lo, hi, grid)
    vals = [measure(p) for p in ps]
    b = int(np.argmin(vals))
    a, c = ps[max(b - 1, 0)], ps[min(b + 1, grid - 1)]
    res = minimize_scalar(measure, bounds=(a, c), method="bounded", options={"xatol": xatol})
    ev, V, scale = slowest(res.x)
    i, j, _ = _ep_pair(ev, V, scale)
    v1, v2 = V[:, i], V[:, j]
    overlap = abs(np.vdot(v1, v2)) / (np.linalg.norm(v1) * np.linalg.norm(v2))
    return LiouvillianEP(parameter, float(res.x), complex((ev[i] + ev[j]) / 2), float(abs(ev[i] - ev[j])),
                         float(overlap), charge)
