"""Mixedness: purity, linear entropy (normalisation stated), von Neumann entropy.

* ``purity(rho) = Tr rho^2`` (1 for a pure state, 1/D for the maximally mixed state in dimension D).
* ``linear_entropy(rho, normalized=True) = D/(D-1) (1 - Tr rho^2)`` in [0, 1]; for two qubits
  (D = 4) this is the ``(4/3)(1 - Tr rho^2)`` of Downing & Fox. ``normalized=False`` gives
  ``1 - Tr rho^2`` (QuTiP's ``entropy_linear``).
* ``von_neumann_entropy(rho, base=e) = -Tr rho log rho`` (numeric; natural log like QuTiP's
  ``entropy_vn``).
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from ._state import as_array, is_symbolic, real_if_hermitian, shape_of, simplify_exact


def purity(rho):
    """``Tr rho^2``: exact for a sympy state, float for numpy / QuTiP."""
    if is_symbolic(rho):
        n = shape_of(rho, "purity")
        nz = [(k, l) for k in range(n) for l in range(n) if rho[k, l] != 0]
        return simplify_exact(sp.Add(*(rho[k, l] * rho[l, k] for k, l in nz)))
    a = as_array(rho, "purity")
    return real_if_hermitian(complex(np.sum(a * a.T)), "purity")


def linear_entropy(rho, normalized: bool = True):
    """``D/(D-1) (1 - Tr rho^2)`` (``normalized``) or ``1 - Tr rho^2``; D is the state dimension."""
    D = shape_of(rho, "linear_entropy")
    factor = sp.Rational(D, D - 1) if normalized else sp.S.One
    if is_symbolic(rho):
        return simplify_exact(factor * (1 - purity(rho)))
    return float(factor) * (1.0 - purity(rho))


def von_neumann_entropy(rho, base=np.e) -> float:
    """``-Tr rho log(rho)`` in the given ``base`` (numeric; a sympy state must be free of symbols)."""
    a = as_array(rho, "von_neumann_entropy")
    w = np.linalg.eigvalsh((a + a.conj().T) / 2)
    w = w[w > 1e-15]
    return float(-np.sum(w * np.log(w)) / np.log(base))
