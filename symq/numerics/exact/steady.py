"""Steady states by a sparse direct solve on the zero-charge sector.

The stationary ``rho`` solves ``L_0 x = 0`` on sector 0 (the whole Liouvillian for models
without U(1) symmetry) with ``Tr rho = 1``. Because ``sum_i (L x)_ii = d Tr rho/dt = 0``
identically, the equation of the first diagonal element is redundant and is replaced by the
trace condition (scaled to the mean magnitude of the matrix). By default (``real=True``) the
system is written for the real unknowns ``rho_ii``, ``Re rho_ij`` and ``Im rho_ij`` (``i < j``),
using that ``L`` maps Hermitian matrices to Hermitian matrices: a real system of the same size,
with half the memory of the complex one. The ``residual`` reported is ``||L vec(rho)||_2``
(Frobenius norm of ``L[rho]``) of the returned, Hermitian, unit-trace ``rho``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sps

from ._checks import check_truncation
from ._qutip import qutip
from .build import build
from .linsolve import factorize, one_thread
from .sectors import Sector, SectorBuilder


@dataclass(frozen=True)
class SteadyState:
    """Result of :func:`solve_steady_state`.

    ``rho`` (Qobj in the tensor order of :func:`symq.algebra.space`), ``residual``
    (``||L vec(rho)||_2``), ``method``, ``sector_size`` (unknowns solved for),
    ``liouvillian_size`` (``dim**2``), ``time`` (seconds), ``lu_nnz`` and ``memory_estimate``
    (bytes, upper estimate for the LU), ``last_level`` (population of each boson's last level).
    """

    rho: qutip.Qobj
    residual: float
    method: str
    sector_size: int
    liouvillian_size: int
    time: float
    lu_nnz: int
    memory_estimate: int
    last_level: dict


def _hermitian_parametrisation(sec: Sector, dim: int):
    """``x = T y`` from real ``y = (rho_ii, Re rho_ij, Im rho_ij)`` (i < j); the row selections."""
    key = sec.rows * dim + sec.cols
    order = np.argsort(key)
    partner = order[np.searchsorted(key[order], sec.cols * dim + sec.rows)]
    diag = np.flatnonzero(sec.rows == sec.cols)
    upper = np.flatnonzero(sec.rows < sec.cols)
    nd, nu = len(diag), len(upper)
    lower = partner[upper]
    rows = np.concatenate([diag, upper, lower, upper, lower])
    re_cols, im_cols = nd + np.arange(nu), nd + nu + np.arange(nu)
    cols = np.concatenate([np.arange(nd), re_cols, re_cols, im_cols, im_cols])
    vals = np.concatenate([np.ones(2 * nu + nd), 1j * np.ones(nu), -1j * np.ones(nu)]).astype(complex)
    T = sps.csr_matrix((vals, (rows, cols)), shape=(sec.size, sec.size))
    return T, diag, upper


def _with_trace_row(M: sps.spmatrix, row: int, trace_cols: np.ndarray):
    """``M`` with equation ``row`` replaced by ``w * sum(x[trace_cols]) = w``; returns (M', b)."""
    M = sps.csr_matrix(M)
    w = float(np.abs(M.data).mean()) if M.nnz else 1.0
    keep = sps.diags((np.arange(M.shape[0]) != row).astype(float))
    trace = sps.csr_matrix((np.full(len(trace_cols), w), (np.full(len(trace_cols), row), trace_cols)), shape=M.shape)
    b = np.zeros(M.shape[0], dtype=M.dtype)
    b[row] = w
    return (keep @ M + trace).tocsc(), b


def solve_steady_state(model, values=None, *, cutoffs=None, method="auto", permc_spec="MMD_AT_PLUS_A",
                       memory_limit=None, real=True, truncation_tol=1e-6, on_truncation="warn",
                       tol=1e-12) -> SteadyState:
    """The steady state of ``model`` (see the module docstring), with diagnostics.

    ``method``: "auto" (SuperLU if its estimated memory fits ``memory_limit`` bytes, else
    ILU-preconditioned GMRES), "direct" (refuses with NumericsError beyond the limit) or
    "iterative". ``permc_spec``: SuperLU column ordering. ``on_truncation``: "warn"
    (:class:`TruncationWarning`), "raise" (:class:`symq.errors.TruncationError`) or "ignore", when
    a boson's last Fock level holds more than ``truncation_tol``.
    """
    t0 = time.perf_counter()
    num = build(model, values, cutoffs=cutoffs)
    builder = SectorBuilder(num)
    sec = builder.sector(0)
    L0 = builder.matrix(sec)
    if real:
        T, diag, upper = _hermitian_parametrisation(sec, num.dim)
        LT = (L0 @ T).tocsr()
        R = sps.vstack([LT[diag].real, LT[upper].real, LT[upper].imag]).tocsr()
        M, b = _with_trace_row(R, 0, np.arange(len(diag)))
    else:
        M, b = _with_trace_row(L0, int(sec.trace_row[0]), sec.trace_row)
    fac = factorize(M, method=method, permc_spec=permc_spec, memory_limit=memory_limit, tol=tol)
    with one_thread():
        y = fac.solve(b)
    x = T @ y if real else y
    rho = sec.to_matrix(x, num.dim)
    rho = 0.5 * (rho + rho.conj().T)
    rho /= np.trace(rho).real
    residual = float(np.linalg.norm(L0 @ sec.from_matrix(rho)))
    last = check_truncation(num.space, np.diag(rho).real, truncation_tol, on_truncation, "steady_state")
    dims = [list(num.space.dims)] * 2
    name = fac.method + (f"({fac.permc_spec})" if fac.method == "splu" else "") + (", real" if real else "")
    return SteadyState(qutip.Qobj(rho, dims=dims), residual, name, sec.size, num.dim**2,
                       time.perf_counter() - t0, fac.lu_nnz, fac.estimate_bytes, last)


def steady_state(model, values=None, *, cutoffs=None, **options) -> qutip.Qobj:
    """The steady-state density matrix (QuTiP Qobj); options as :func:`solve_steady_state`."""
    return solve_steady_state(model, values, cutoffs=cutoffs, **options).rho
