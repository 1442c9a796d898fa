"""Entanglement measures used with trajectories: pure-state concurrence and negativity."""

from __future__ import annotations

import numpy as np

from . import _checks


def concurrence_pure(psi) -> np.ndarray:
    """Concurrence ``2|ad - bc| / |psi|^2`` of two-qubit kets ``a|00> + b|01> + c|10> + d|11>``.

    ``psi`` has shape ``(4,)`` or ``(..., 4)`` (one ket per row); kets need not be normalised.
    """
    x = np.asarray(psi, dtype=complex)
    if x.shape[-1] != 4:
        raise _checks.fail("concurrence_pure", "two-qubit kets with 4 components", f"shape {x.shape}")
    a, b, c, d = np.moveaxis(x, -1, 0)
    return 2 * np.abs(a * d - b * c) / np.sum(np.abs(x) ** 2, axis=-1)


def partial_transpose(rho: np.ndarray, dims, which: int = 0) -> np.ndarray:
    """Partial transpose of ``rho`` on subsystem ``which`` of a bipartition ``dims = (dA, dB)``."""
    dA, dB = dims
    r = np.asarray(rho).reshape(dA, dB, dA, dB)
    r = r.transpose(2, 1, 0, 3) if which == 0 else r.transpose(0, 3, 2, 1)
    return r.reshape(dA * dB, dA * dB)


def negativity(rho: np.ndarray, dims) -> float:
    """Negativity ``(||rho^T_A||_1 - 1)/2`` = sum of the moduli of the negative eigenvalues of the
    partial transpose (for a state of unit trace)."""
    rho = np.asarray(rho)
    pt = partial_transpose(rho / np.trace(rho).real, dims)
    ev = np.linalg.eigvalsh(0.5 * (pt + pt.conj().T))
    return float(-ev[ev < 0].sum())
