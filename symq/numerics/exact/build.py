"""From a symbolic model to sparse matrices: H, the dissipator channels and the Liouvillian.

Vectorisation convention (the same as QuTiP's): **column stacking**, ``vec(rho)[i + j*n] =
rho[i, j]``, so ``vec(A rho B) = (B^T kron A) vec(rho)``.  The Liouvillian of
``d rho/dt = -i[H, rho] + sum_jk gamma_jk (L_j rho L_k^dag - 1/2 {L_k^dag L_j, rho})`` is written
as ``K rho + rho K^dag + sum_jk gamma_jk L_j rho L_k^dag`` with the no-jump generator
``K = -i H - 1/2 sum_jk gamma_jk L_k^dag L_j``, i.e.::

    L = I kron K + conj(K) kron I + sum_jk gamma_jk conj(L_k) kron L_j .

The tensor order of the Hilbert space is the one of :func:`symq.algebra.space` (sites sorted by
name), which is QuTiP's order with ``dims = [list(space.dims)] * 2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sps

from ...algebra import numeric_coefficient, space, to_sparse
from ...errors import NumericsError


@dataclass(frozen=True)
class SuperTerm:
    """One term ``A rho B`` of a Liouvillian; ``charge`` is the U(1) charge of ``A`` (``B``: minus it)."""

    A: sps.csr_matrix
    B: sps.csr_matrix
    charge: int


@dataclass(frozen=True, eq=False)
class NumericModel:
    """A Lindblad model evaluated on a truncated space.

    ``channels`` holds ``(gamma_jk, L_j, L_k)`` with complex rates and CSR matrices;
    ``jump_charges`` their U(1) charges (``None`` when the model has no U(1) symmetry).
    """

    model: object
    space: object
    H: sps.csr_matrix
    channels: tuple
    jump_charges: tuple | None
    values: dict
    cutoffs: dict

    @property
    def dim(self) -> int:
        return self.space.dim

    @property
    def u1(self) -> bool:
        return self.jump_charges is not None

    @cached_property
    def state_charges(self) -> np.ndarray:
        """U(1) charge of every basis state (all zero for models without the symmetry)."""
        if not self.u1:
            return np.zeros(self.dim, dtype=int)
        return self.space.state_charges()

    @cached_property
    def K(self) -> sps.csr_matrix:
        """No-jump generator ``K = -i H - 1/2 sum_jk gamma_jk L_k^dag L_j``."""
        K = -1j * self.H
        for g, Lj, Lk in self.channels:
            K = K - 0.5 * g * (Lk.conj().T @ Lj)
        return sps.csr_matrix(K)

    @cached_property
    def terms(self) -> tuple:
        """The Liouvillian as ``sum A rho B`` (see the module docstring)."""
        eye = sps.identity(self.dim, dtype=complex, format="csr")
        out = [SuperTerm(self.K, eye, 0), SuperTerm(eye, sps.csr_matrix(self.K.conj().T), 0)]
        for n, (g, Lj, Lk) in enumerate(self.channels):
            q = self.jump_charges[n] if self.u1 else 0
            out.append(SuperTerm(sps.csr_matrix(g * Lj), sps.csr_matrix(Lk.conj().T), q))
        return tuple(out)

    def operator(self, op, where: str = "operator") -> sps.csr_matrix:
        """The matrix of a symq operator of this model on this model's space."""
        op = self.model.check_operator(op, where)
        return to_sparse(op, self.space, self.values)

    def apply(self, rho: np.ndarray) -> np.ndarray:
        """``L[rho]`` for a dense ``n x n`` matrix, without building the Liouvillian."""
        out = self.K @ rho
        out = out + out.conj().T if _is_hermitian(rho) else out + (self.K.conj() @ rho.T).T
        for g, Lj, Lk in self.channels:
            out = out + g * (Lj @ (Lk.conj() @ rho.T).T)
        return np.asarray(out)

    def residual(self, rho: np.ndarray) -> float:
        """Frobenius norm of ``L[rho]`` (the 2-norm of ``L vec(rho)``)."""
        return float(np.linalg.norm(self.apply(np.asarray(rho))))


def _is_hermitian(rho) -> bool:
    return rho.shape[0] == rho.shape[1] and np.allclose(rho, rho.conj().T, atol=1e-14, rtol=0)


def _resolve(values) -> dict:
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise NumericsError(f"values: expected a dict {{Symbol: number}}, got {type(values).__name__}")
    return dict(values)


def build(model, values=None, *, cutoffs=None) -> NumericModel:
    """Evaluate ``model`` with ``values`` on the space truncated by ``cutoffs``.

    ``cutoffs`` maps boson operators (or sites) to Fock cutoffs, ``{a1: 30}``; a symbolic spin
    length is resolved from ``values``. Rates must evaluate to non-negative numbers and the
    Hamiltonian to a Hermitian matrix, else :class:`symq.errors.NumericsError`.
    """
    if isinstance(model, NumericModel):
        return model
    values = _resolve(values)
    sp_ = space(model.sites, cutoffs=cutoffs, values=values)
    H = to_sparse(model.H, sp_, values)
    if abs(H - H.conj().T).max() > 1e-12 * max(1.0, abs(H).max()):
        raise NumericsError("build: expected a Hermitian Hamiltonian for these values, got H != H^dag")
    channels = []
    for n, ch in enumerate(model.channels):
        rate = numeric_coefficient(ch.rate, values, f"rate of channel {n}")
        if ch.left == ch.right and (abs(rate.imag) > 1e-14 or rate.real < 0):
            raise NumericsError(f"rate of channel {n}: expected a non-negative number, got {rate}")
        if rate == 0:
            continue
        channels.append((rate, to_sparse(ch.left, sp_, values), to_sparse(ch.right, sp_, values)))
    charges = model.u1_charges()
    jump_charges = None
    if charges is not None:
        jump_charges = tuple(q for q, ch in zip(charges["jumps"], model.channels) if numeric_coefficient(ch.rate, values) != 0)
    return NumericModel(model, sp_, H, tuple(channels), jump_charges, values, dict(cutoffs or {}))


def liouvillian(model, values=None, *, cutoffs=None) -> sps.csr_matrix:
    """The full Liouvillian (column stacking, see the module docstring) as complex CSR."""
    num = build(model, values, cutoffs=cutoffs)
    out = None
    for t in num.terms:
        m = sps.kron(t.B.T, t.A, format="csr")
        out = m if out is None else out + m
    return out.tocsr()
