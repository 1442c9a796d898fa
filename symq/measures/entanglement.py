"""Entanglement: partial transpose, negativity (and log-negativity), concurrence.

Conventions
-----------
* ``partial_transpose(rho, dims, subsystem)`` transposes the listed subsystem(s) in the tensor
  order of the state (symq / QuTiP: sites sorted by name).
* ``negativity`` is the absolute sum of the negative eigenvalues of ``rho^{T_B}``,
  ``N = (||rho^{T_B}||_1 - 1)/2`` (Vidal & Werner; QuTiP's ``negativity``; "the absolute sum of
  the negative eigenvalues" of Downing & Fox). Some authors use ``2N = ||rho^{T_B}||_1 - 1``.
  ``logarithmic=True`` gives the log-negativity ``log2(2N + 1) = log2 ||rho^{T_B}||_1``.
  The spectrum of ``rho^{T_A}`` equals that of ``rho^{T_B}``, so the subsystem choice does not
  matter for two parties.
* ``concurrence`` (Wootters): ``C = max(0, l1 - l2 - l3 - l4)``, ``l_i`` the decreasing square
  roots of the eigenvalues of ``rho (sy x sy) rho^* (sy x sy)``. It is invariant under local
  unitaries, so it does not depend on which level of a qubit is called 0 (symq: 0 = ground,
  ``sigma = |0><1|``; QuTiP's ``basis(2, 0)`` is "up" for spins but the ground state for
  ``destroy(2)``).
* Exact forms (sympy states): the partial transpose splits into blocks; for blocks of size <= 2
  (every X-shaped two-qubit state, i.e. nonzero only on the diagonal and anti-diagonal) the
  negative eigenvalue is ``(a + d)/2 - sqrt(((a - d)/2)^2 + |b|^2)``, so
  ``N = sum_blocks Max(0, sqrt(((a - d)/2)^2 + |b|^2) - (a + d)/2)``; and, in any product basis,
  ``C = 2 Max(0, |rho_03| - sqrt(rho_11 rho_22), |rho_12| - sqrt(rho_00 rho_33))`` (0-based).
  For an X state both vanish exactly when ``|rho_12|^2 <= rho_00 rho_33`` and
  ``|rho_03|^2 <= rho_11 rho_22``: two-qubit negativity and concurrence have the same zeros
  (Peres-Horodecki), though not the same values.
"""

from __future__ import annotations

from math import prod

import numpy as np
import sympy as sp

from ..errors import NumericsError
from ._state import as_array, is_symbolic, shape_of, simplify_exact, state_dims


def _subsystems(subsystem, n_sub: int, where: str) -> tuple:
    subs = (subsystem,) if isinstance(subsystem, (int, np.integer)) else tuple(subsystem)
    if not subs or any(not (0 <= int(s) < n_sub) for s in subs):
        raise NumericsError(f"{where}: expected subsystem indices in 0..{n_sub - 1}, got {subsystem!r}")
    return tuple(int(s) for s in subs)


def _digits(k: int, dims: tuple) -> list:
    out = []
    for d in reversed(dims):
        out.append(k % d)
        k //= d
    return out[::-1]


def _index(digits, dims: tuple) -> int:
    k = 0
    for x, d in zip(digits, dims):
        k = k * d + x
    return k


def partial_transpose(rho, dims=None, subsystem=1):
    """``rho^{T_subsystem}`` (sympy Matrix for a sympy state, numpy array otherwise)."""
    dims = state_dims(rho, dims, "partial_transpose")
    subs = _subsystems(subsystem, len(dims), "partial_transpose")
    if is_symbolic(rho):
        n = shape_of(rho, "partial_transpose")
        out = sp.zeros(n, n)
        for r in range(n):
            for c in range(n):
                v = rho[r, c]
                if v == 0:
                    continue
                dr, dc = _digits(r, dims), _digits(c, dims)
                for s in subs:
                    dr[s], dc[s] = dc[s], dr[s]
                out[_index(dr, dims), _index(dc, dims)] = v
        return out
    a = as_array(rho, "partial_transpose").reshape(dims + dims)
    m = len(dims)
    axes = list(range(2 * m))
    for s in subs:
        axes[s], axes[m + s] = m + s, s
    return a.transpose(axes).reshape(prod(dims), prod(dims))


def _blocks(M: sp.Matrix) -> list:
    """Index sets of the connected blocks of a matrix's nonzero pattern."""
    n = M.rows
    seen, out = set(), []
    for start in range(n):
        if start in seen:
            continue
        block, stack = [], [start]
        seen.add(start)
        while stack:
            i = stack.pop()
            block.append(i)
            for j in range(n):
                if j not in seen and (M[i, j] != 0 or M[j, i] != 0):
                    seen.add(j)
                    stack.append(j)
        out.append(sorted(block))
    return out


def _abs2(z) -> sp.Expr:
    return simplify_exact(z * sp.conjugate(z))


def _sqrt(x) -> sp.Expr:
    """``sqrt`` of a factored non-negative expression, square factors taken out."""
    return sp.powsimp(sp.sqrt(simplify_exact(x)), force=False)


def _tidy(expr) -> sp.Expr:
    """A factored fraction whose numerator is collected in its square roots, each radicand
    written in its shortest collected form (e.g. ``g**2*(s - 1)**2 + kappa**2*s**2``)."""
    num, den = sp.fraction(simplify_exact(expr))
    roots = sorted((p for p in num.atoms(sp.Pow) if p.exp == sp.S.Half), key=str)
    if not roots:
        return num / den

    def shortest(x):
        forms = [sp.factor(x)] + [sp.collect(sp.expand(x), v, func=sp.factor) for v in sorted(x.free_symbols, key=str)]
        return min(forms, key=sp.count_ops)

    num = sp.collect(sp.expand(num), roots, func=sp.factor)
    num = num.xreplace({r: sp.sqrt(shortest(r.base)) for r in roots})
    return num / den


def negativity(rho, dims=None, subsystem=1, logarithmic: bool = False):
    """Sum of the absolute values of the negative eigenvalues of ``rho^{T_subsystem}``.

    Exact (a ``Max`` per block) for sympy states whose partial transpose has blocks of size <= 2,
    e.g. every X-shaped two-qubit state; numeric (QuTiP's convention) otherwise.
    """
    pt = partial_transpose(rho, dims, subsystem)
    if is_symbolic(rho):
        terms = []
        for block in _blocks(pt):
            if len(block) == 1:  # a population of rho: non-negative
                continue
            if len(block) > 2:
                raise NumericsError(
                    f"negativity: the exact form needs partial-transpose blocks of size <= 2 (X states), "
                    f"got a block of size {len(block)}; evaluate the state numerically (subs values) instead"
                )
            i, j = block
            a, d, b = pt[i, i], pt[j, j], pt[i, j]
            gap = _sqrt(simplify_exact(((a - d) / 2) ** 2) + _abs2(b))
            terms.append(sp.Max(0, _tidy(gap - (a + d) / 2)))
        N = sp.Add(*terms)
        return sp.log(2 * N + 1, 2) if logarithmic else N
    w = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
    N = float(np.sum(np.abs(w[w < 0])))
    return float(np.log2(2 * N + 1)) if logarithmic else N


def is_x_state(rho) -> bool:
    """Whether a 4x4 state is nonzero only on its diagonal and anti-diagonal."""
    if shape_of(rho, "is_x_state") != 4:
        return False
    if is_symbolic(rho):
        return all(rho[i, j] == 0 for i in range(4) for j in range(4) if i != j and i + j != 3)
    a = as_array(rho, "is_x_state")
    mask = np.ones((4, 4), bool)
    np.fill_diagonal(mask, False)
    mask[[0, 1, 2, 3], [3, 2, 1, 0]] = False
    return bool(np.all(np.abs(a[mask]) < 1e-12 * max(1.0, np.abs(a).max())))


def concurrence(rho, dims=None):
    """Wootters concurrence of a two-qubit state: exact ``Max`` for sympy X states, numeric else."""
    if state_dims(rho, dims, "concurrence") != (2, 2):
        raise NumericsError(f"concurrence: expected a two-qubit state (dims (2, 2)), got dims {state_dims(rho, dims, 'concurrence')}")
    if is_symbolic(rho):
        if not is_x_state(rho):
            raise NumericsError(
                "concurrence: the exact form is implemented for X states (nonzero only on the diagonal "
                "and anti-diagonal); evaluate the state numerically (subs values) for a general state"
            )
        branches = []
        for (i, j), (k, l) in (((1, 2), (0, 3)), ((0, 3), (1, 2))):
            if rho[i, j] == 0:
                continue  # the branch |0| - sqrt(p q) is never positive
            branches.append(simplify_exact(2 * (_sqrt(_abs2(rho[i, j])) - _sqrt(rho[k, k] * rho[l, l]))))
        return sp.Max(0, *branches)
    a = as_array(rho, "concurrence")
    yy = np.fliplr(np.diag([-1.0, 1.0, 1.0, -1.0]))  # sigma_y (x) sigma_y
    w, v = np.linalg.eigh((a + a.conj().T) / 2)
    root = (v * np.sqrt(np.clip(w, 0, None))) @ v.conj().T
    tilde = yy @ a.conj() @ yy
    lam = np.sqrt(np.clip(np.linalg.eigvalsh(root @ tilde @ root), 0, None))[::-1]
    return float(max(0.0, lam[0] - lam[1] - lam[2] - lam[3]))
