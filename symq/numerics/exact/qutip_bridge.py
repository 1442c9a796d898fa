"""QuTiP objects for a symq model: Hamiltonian and collapse operators.

Collapse operators are ``sqrt(rate) L`` for diagonal channels. Collective channels
``sum_jk gamma_jk (L_j rho L_k^dag - ...)`` are diagonalised: with ``gamma = U diag(lam) U^dag``
the collapse operators are ``sqrt(lam_m) sum_j U_jm L_j`` (eigenvalues below
``1e-14 * max|lam|`` dropped). Channels on the same operators are summed into one rate matrix.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sps

from ._qutip import qutip
from .build import NumericModel, build


def _qobj(M, dims) -> qutip.Qobj:
    return qutip.Qobj(sps.csr_matrix(M), dims=dims)


def collapse_operators(num: NumericModel) -> list:
    """``[sqrt(lam_m) M_m]`` as sparse matrices (see the module docstring)."""
    ops = []

    def slot(M):
        for i, O in enumerate(ops):
            if O.shape == M.shape and (O != M).nnz == 0:
                return i
        ops.append(M)
        return len(ops) - 1

    entries = [(slot(Lj), slot(Lk), g) for g, Lj, Lk in num.channels]
    G = np.zeros((len(ops), len(ops)), dtype=complex)
    for j, k, g in entries:
        G[j, k] += g
    lam, U = np.linalg.eigh(0.5 * (G + G.conj().T))
    out = []
    cut = 1e-14 * max(1.0, float(np.abs(lam).max(initial=0.0)))
    for m in range(len(lam)):
        if lam[m] > cut:
            M = sum(U[j, m] * ops[j] for j in range(len(ops)))
            out.append(np.sqrt(lam[m]) * sps.csr_matrix(M))
    return out


def to_qutip(model, values=None, *, cutoffs=None):
    """``(H, c_ops)`` as QuTiP Qobj with dims ``[list(space.dims)] * 2`` (tensor order of ``space``)."""
    num = build(model, values, cutoffs=cutoffs)
    dims = [list(num.space.dims)] * 2
    return _qobj(num.H, dims), [_qobj(c, dims) for c in collapse_operators(num)]
