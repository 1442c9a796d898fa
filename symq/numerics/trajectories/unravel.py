"""The unravelling of a Lindblad model: no-jump Hamiltonian and independent jump channels.

A model ``d rho/dt = -i[H, rho] + sum_jk gamma_jk (L_j rho L_k^dag - 1/2 {L_k^dag L_j, rho})`` is
unravelled into quantum jumps as follows.

* Diagonal channels ``(rate, L)`` whose operator takes part in no collective (off-diagonal) term
  are jump channels as given: jump operator ``C = sqrt(rate) L``.
* Operators coupled by off-diagonal rates (``model.channels`` with ``left != right``) form
  connected blocks. In each block the numeric rate matrix ``gamma = U diag(lambda) U^dag`` is
  diagonalised; the independent jump operators are ``C_m = sqrt(lambda_m) sum_j U_jm L_j``, so
  that ``sum_m C_m rho C_m^dag = sum_jk gamma_jk L_j rho L_k^dag``. Eigen-rates below
  ``1e-12 max(lambda)`` are dropped (they never fire); clearly negative ones are an error.

Either way ``H_eff = H - i/2 sum_m C_m^dag C_m`` equals ``model.no_jump_hamiltonian()``.
Matrices act on ``symq.algebra.space(model.sites, cutoffs, values)`` (QuTiP tensor order).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sps

from ...algebra import Op, numeric_coefficient, space, to_sparse
from ...algebra.matrices import Space
from ...errors import ModelError
from . import _checks

_DROP = 1e-12


@dataclass(frozen=True)
class JumpChannel:
    """One independent jump channel: ``op = sqrt(rate) * L`` with ``L`` the (unit) operator."""

    label: str
    rate: float
    op: sps.csr_matrix


@dataclass(frozen=True)
class Unravelling:
    """Numeric form of a model: Hilbert space, ``H``, ``H_eff`` and the jump channels."""

    space: Space
    H: sps.csr_matrix
    H_eff: sps.csr_matrix
    channels: tuple

    @property
    def dim(self) -> int:
        return self.space.dim

    @property
    def labels(self) -> tuple:
        return tuple(c.label for c in self.channels)


def _num(z: complex) -> str:
    z = complex(z)
    return f"{z.real:.6g}" if abs(z.imag) <= 1e-12 else f"{z.real:.6g}{z.imag:+.6g}j"


def _find(parent, i):
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _blocks(model):
    """Operators of the model's channels grouped into independent blocks."""
    ops = []
    index = {}
    for ch in model.channels:
        for o in (ch.left, ch.right):
            if o not in index:
                index[o] = len(ops)
                ops.append(o)
    parent = list(range(len(ops)))
    for ch in model.channels:
        if ch.left != ch.right:
            a, b = _find(parent, index[ch.left]), _find(parent, index[ch.right])
            parent[a] = b
    collective = {_find(parent, index[ch.left]) for ch in model.channels if ch.left != ch.right}
    return ops, index, parent, collective


def unravel(model, values=None, cutoffs=None) -> Unravelling:
    """The :class:`Unravelling` of ``model`` with parameters ``values`` (see the module docstring)."""
    values = dict(values or {})
    sp_ = space(list(model.sites), cutoffs=cutoffs, values=values)
    H = to_sparse(model.H, sp_, values)
    ops, index, parent, collective = _blocks(model)
    channels = []
    blocks: dict[int, list] = {}
    for k, ch in enumerate(model.channels):
        root = _find(parent, index[ch.left])
        if root in collective:
            blocks.setdefault(root, []).append(ch)
            continue
        rate = numeric_coefficient(ch.rate, values, f"rate of channel {k} ({ch.left})")
        if abs(rate.imag) > 1e-12 * max(1.0, abs(rate.real)) or rate.real < 0:
            raise ModelError(f"trajectories: channel {k}: expected a non-negative rate, got {rate}")
        if rate.real == 0:
            continue
        L = to_sparse(ch.left, sp_, values)
        channels.append(JumpChannel(f"{ch.rate}*D[{ch.left}]", rate.real, (np.sqrt(rate.real) * L).tocsr()))
    for b, (root, chans) in enumerate(blocks.items()):
        members = sorted({index[c.left] for c in chans} | {index[c.right] for c in chans})
        pos = {m: i for i, m in enumerate(members)}
        gamma = np.zeros((len(members), len(members)), dtype=complex)
        for c in chans:
            gamma[pos[index[c.left]], pos[index[c.right]]] += numeric_coefficient(c.rate, values, f"rate of {c.left}, {c.right}")
        if not np.allclose(gamma, gamma.conj().T, atol=1e-12 * max(1.0, np.abs(gamma).max())):
            raise ModelError(f"trajectories: collective block {b}: expected a Hermitian rate matrix, got {gamma.tolist()}")
        lam, U = np.linalg.eigh(gamma)
        top = max(lam.max(), 0.0)
        if lam.min() < -1e-9 * max(top, 1e-300):
            raise ModelError(
                f"trajectories: collective block {b}: expected a positive semidefinite rate matrix, got eigenvalues {lam.tolist()}"
            )
        mats = [to_sparse(ops[m], sp_, values) for m in members]
        for m in range(len(members)):
            if lam[m] <= _DROP * top:
                continue
            L = sum((U[j, m] * mats[j] for j in range(len(members))), sps.csr_matrix(H.shape, dtype=complex))
            combo = " + ".join(f"({_num(U[j, m])})*{ops[members[j]]}" for j in range(len(members)) if abs(U[j, m]) > 1e-12)
            label = f"{lam[m]:.6g}*D[{combo}] (collective block {b})"
            channels.append(JumpChannel(label, float(lam[m]), (np.sqrt(lam[m]) * L).tocsr()))
    H_eff = H.astype(complex)
    for c in channels:
        H_eff = H_eff - 0.5j * (c.op.conj().T @ c.op)
    return Unravelling(sp_, H.tocsr(), H_eff.tocsr(), tuple(channels))


def operator_matrix(op, un: Unravelling, values=None, where: str = "e_ops") -> sps.csr_matrix:
    """An observable as a CSR matrix on the model's space: a symq ``Op``, a QuTiP ``Qobj`` or an array."""
    d = un.dim
    if isinstance(op, Op):
        foreign = [s.name for s in op.sites if s not in un.space.sites]
        if foreign:
            raise ModelError(f"trajectories: {where}: acts on sites {foreign} which are not in the model")
        return to_sparse(op, un.space, values)
    data = getattr(op, "data", None)
    if hasattr(op, "full") and hasattr(op, "dims"):
        mat = sps.csr_matrix(op.full())
    elif sps.issparse(op):
        mat = sps.csr_matrix(op)
    elif isinstance(op, np.ndarray) or data is not None:
        mat = sps.csr_matrix(np.asarray(op))
    else:
        raise _checks.fail(where, "symq operators (or QuTiP / numpy matrices)", op)
    if mat.shape != (d, d):
        raise _checks.fail(where, f"a {d}x{d} matrix on the model space", f"shape {mat.shape}")
    return mat.astype(complex).tocsr()


def initial_ensemble(psi0, un: Unravelling, where: str = "psi0"):
    """``(probabilities, states)`` of the initial state: a ket gives one state of probability 1,
    a density matrix its eigen-decomposition (zero-weight eigenvectors dropped).

    ``psi0`` is a QuTiP ``Qobj`` (ket or density matrix) or a numpy vector / matrix in the tensor
    order of ``space(model.sites)``; kets are normalised.
    """
    d = un.dim
    if hasattr(psi0, "full") and hasattr(psi0, "dims"):
        dims = [list(un.space.dims), [1] * len(un.space.dims)]
        if psi0.isket and psi0.dims != dims and list(np.ravel(psi0.dims[0])) != list(un.space.dims):
            raise _checks.fail(where, f"a ket with dims {dims}", f"dims {psi0.dims}")
        x = psi0.full()
        x = x[:, 0] if psi0.isket else x
    else:
        x = np.asarray(psi0, dtype=complex)
    if x.ndim == 2 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim == 1:
        if x.shape != (d,) or not np.isfinite(x).all() or not np.linalg.norm(x) > 0:
            raise _checks.fail(where, f"a non-zero finite state vector of length {d}", f"shape {x.shape}")
        return np.ones(1), (x / np.linalg.norm(x))[:, None]
    if x.shape != (d, d) or not np.allclose(x, x.conj().T, atol=1e-10):
        raise _checks.fail(where, f"a ket of length {d} or a Hermitian {d}x{d} density matrix", f"shape {x.shape}")
    p, V = np.linalg.eigh(x)
    if p.min() < -1e-9 * max(p.max(), 1e-300):
        raise _checks.fail(where, "a positive semidefinite density matrix", f"eigenvalue {p.min()}")
    keep = p > 1e-14 * p.max()
    p = p[keep] / p[keep].sum()
    return p, np.ascontiguousarray(V[:, keep])
