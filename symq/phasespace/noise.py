"""Diffusion matrices: positivity, the positive diffusion approximation, and noise ``B B^T = D``.

Conventions: ``D[x, y] dt = E[dx dy]`` over the variables ``(alpha_1, alpha_1^*, ...)`` (Wigner,
P) or ``(alpha_1, beta_1, ...)`` (positive P), so ``D[alpha, alpha^*] = E|d alpha|^2 / dt``. With
conjugate partners only ``alpha`` is integrated and its noise is ``sum_j B[alpha, j] dW_j`` with
real Wiener increments; ``B`` comes from the real diffusion of ``(Re alpha, Im alpha)``, which
must be positive semidefinite. In the positive-P representation ``D`` is complex symmetric and
``B B^T = D`` with complex ``B`` (always possible).

Each source of diffusion (a jump channel, the Hamiltonian) is factorised on its own variables and
the columns are stacked, ``B = [B_1 | B_2 | ...]``; blocks that only differ by their variables
share one factorisation. Factorisation is a symbolic ``L diag(d) L^T`` decomposition with
pivoting (zero-diagonal 2x2 pivots for complex symmetric blocks); positivity is checked
numerically at random points of phase space and parameter space (parameters drawn from their
assumptions' domain), since it is a property of functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy as sp

from ..errors import ModelError
from .variables import Mode, conjugate

_RNG_SEED = 20240611
POINTS = 48


@dataclass(frozen=True)
class DiffusionBlock:
    """The diffusion contributed by one source: ``{(x, y): D[x, y]}`` with each unordered pair once.

    ``jump = (rate, ell)`` for a Wigner jump channel ``rate D[L]`` with Weyl symbol ``ell`` of ``L``:
    its noise is tried first in the smooth form ``sqrt(rate/2) (d ell/d z^* dZ - d ell^*/d z^* dZ^*)``
    (complex ``dZ``), exact for linear jumps and for the leading order of nonlinear ones.
    """

    source: str
    entries: dict
    jump: tuple | None = None

    @property
    def variables(self) -> tuple:
        return tuple(sorted({v for pair in self.entries for v in pair}, key=lambda s: s.name))


def matrix(entries: dict, variables) -> sp.Matrix:
    """The symmetric matrix of ``entries`` over ``variables``."""
    index = {v: i for i, v in enumerate(variables)}
    M = sp.zeros(len(variables))
    for (x, y), c in entries.items():
        M[index[x], index[y]] += c
        if x != y:
            M[index[y], index[x]] += c
    return M


def _modes_of(variables, modes) -> list[Mode]:
    vs = set(variables)
    return [m for m in modes if m.z in vs or m.w in vs]


def real_matrix(entries: dict, modes) -> tuple[sp.Matrix, list[Mode]]:
    """The diffusion of ``(Re alpha_1, Im alpha_1, Re alpha_2, ...)`` (conjugate partners)."""
    block = _modes_of({v for pair in entries for v in pair}, modes)
    D = matrix(entries, [v for m in block for v in (m.z, m.w)])
    k = len(block)
    R = sp.zeros(2 * k)
    for i in range(k):
        for j in range(k):
            H = D[2 * i, 2 * j + 1]  # E[dz_i dz_j^*]
            S = D[2 * i, 2 * j]  # E[dz_i dz_j]
            re = lambda e: sp.expand((e + conjugate(e, block)) / 2)
            im = lambda e: sp.expand((e - conjugate(e, block)) / (2 * sp.I))
            R[2 * i, 2 * j] = re(H + S) / 2
            R[2 * i + 1, 2 * j + 1] = re(H - S) / 2
            R[2 * i, 2 * j + 1] = im(S - H) / 2
            R[2 * j + 1, 2 * i] = R[2 * i, 2 * j + 1]
    return R, block


def _sample_values(symbols, rng) -> dict:
    out = {}
    for s in symbols:
        if s.is_positive or s.is_nonnegative:
            out[s] = rng.uniform(0.2, 3.0)
        elif s.is_real:
            out[s] = rng.uniform(-3.0, 3.0)
        else:
            raise ModelError(f"diffusion positivity: expected real parameters, got {s} without real=True")
    return out


def is_positive(entries: dict, modes) -> bool:
    """Whether the real diffusion of these entries is positive semidefinite at random points."""
    if not entries:
        return True
    R, block = real_matrix(entries, modes)
    place = {v: sp.Symbol(f"_v{i}") for i, v in enumerate(v for m in block for v in (m.z, m.w))}
    return _positive(sp.ImmutableMatrix(R.xreplace(place)), len(block))


@lru_cache(maxsize=256)
def _positive(R: sp.ImmutableMatrix, k: int) -> bool:
    rng = np.random.default_rng(_RNG_SEED)
    vars_ = [sp.Symbol(f"_v{i}") for i in range(2 * k)]
    params = sorted(R.free_symbols - set(vars_), key=lambda s: s.name)
    fn = sp.lambdify(vars_ + params, R, "numpy")
    for _ in range(POINTS):
        pv = _sample_values(params, rng)
        zs = rng.normal(size=k) + 1j * rng.normal(size=k)
        zs *= 10 ** rng.uniform(-1.5, 1.5, size=k)
        args = [v for z in zs for v in (z, np.conj(z))] + [pv[p] for p in params]
        M = np.real_if_close(np.asarray(fn(*args), dtype=complex), tol=1e6).real
        eig = np.linalg.eigvalsh((M + M.T) / 2)
        if eig.min() < -1e-9 * max(1.0, np.abs(eig).max()):
            return False
    return True


def degree(term, variables) -> int:
    """Total degree of a monomial term in ``variables`` (ModelError if not a monomial in them)."""
    vs = set(variables)
    total = 0
    for base, exp in term.as_powers_dict().items():
        if base in vs:
            if not (exp.is_Integer and exp >= 0):
                raise ModelError(f"positive diffusion approximation: expected a polynomial diffusion, got the term {term}")
            total += int(exp)
        elif base.free_symbols & vs:
            raise ModelError(f"positive diffusion approximation: expected a polynomial diffusion, got the term {term}")
    return total


def leading(entries: dict, variables) -> tuple[dict, dict]:
    """Split ``entries`` into their terms of highest total degree in ``variables`` and the rest."""
    split = {pair: [(t, degree(t, variables)) for t in sp.Add.make_args(sp.expand(c))] for pair, c in entries.items()}
    top = max(d for terms in split.values() for _, d in terms)
    keep = {pair: sp.Add(*[t for t, d in terms if d == top]) for pair, terms in split.items()}
    drop = {pair: sp.Add(*[t for t, d in terms if d != top]) for pair, terms in split.items()}
    return {p: c for p, c in keep.items() if c != 0}, {p: c for p, c in drop.items() if c != 0}


# -- factorisation ------------------------------------------------------------------------------
def _simplify(e):
    return sp.cancel(sp.expand(e))


def _score(e) -> tuple:
    """Pivot preference: a positive constant part and only positive terms first, then fewest terms."""
    terms = sp.Add.make_args(sp.expand(e))
    positive = all(t.as_coeff_Mul()[0] > 0 for t in terms) and any(t.is_number for t in terms)
    return (0 if positive else 1, len(terms))


def _sqrt(d):
    """``sqrt(d)`` with squares of factors taken out (``sqrt(-i chi alpha^2) = sqrt(-i chi) alpha``)."""
    d = sp.factor(d)
    outside, inside = sp.S.One, sp.S.One
    for base, exp in (f.as_base_exp() for f in sp.Mul.make_args(d)):
        if exp.is_Integer and exp % 2 == 0 and base.is_number is False:
            outside *= base ** (exp // 2)
        else:
            inside *= base**exp
    return outside * sp.sqrt(inside)


@lru_cache(maxsize=256)
def ldl(M: sp.Matrix, symmetric_complex: bool) -> tuple:
    """Columns ``b_j`` with ``sum_j b_j b_j^T = M`` (symbolic ``L D L^T`` with pivoting)."""
    M = sp.Matrix(M)
    n = M.rows
    left = list(range(n))
    cols = []
    while left:
        diag = [i for i in left if _simplify(M[i, i]) != 0]
        if diag:
            p = min(diag, key=lambda i: _score(M[i, i]))
            d = _simplify(M[p, p])
            u = M[:, p]
            root = _sqrt(d)
            cols.append(tuple(_simplify(u[i] / d) * root if i != p else root for i in range(n)))
            M = (M - u * u.T / d).applyfunc(_simplify)
            left.remove(p)
            continue
        off = [(i, j) for i in left for j in left if i < j and _simplify(M[i, j]) != 0]
        if not off:
            break
        if not symmetric_complex:
            raise ModelError(f"noise: the real diffusion matrix {M} is not positive semidefinite")
        p, q = off[0]
        e = _simplify(M[p, q])
        u, v = M[:, p], M[:, q]
        root = _sqrt(e / 2)  # (u +- v) / sqrt(2 e) = ((u +- v) / e) sqrt(e / 2)
        cols.append(tuple(_simplify((u[i] + v[i]) / e) * root for i in range(n)))
        cols.append(tuple(sp.I * _simplify((u[i] - v[i]) / e) * root for i in range(n)))
        M = (M - (u * v.T + v * u.T) / e).applyfunc(_simplify)
        left.remove(p)
        left.remove(q)
    return tuple(cols)


def _canonical(entries: dict, variables) -> tuple[sp.Matrix, dict]:
    place = {v: sp.Symbol(f"_v{i}") for i, v in enumerate(variables)}
    return matrix(entries, variables).xreplace(place), {p: v for v, p in place.items()}


def _from_jump(block: DiffusionBlock, modes) -> list[dict] | None:
    """The smooth noise of a Wigner jump channel (see :class:`DiffusionBlock`), if it is exact."""
    rate, ell = block.jump
    bmodes = _modes_of(block.variables, modes)
    c = sp.sqrt(rate / 2)
    u = {m.z: c * sp.diff(ell, m.w) for m in bmodes}
    v = {m.z: -c * sp.diff(conjugate(ell, bmodes), m.w) for m in bmodes}
    cols = [
        {z: sp.expand((u[z] + v[z]) / sp.sqrt(2)) for z in u},
        {z: sp.expand(sp.I * (u[z] - v[z]) / sp.sqrt(2)) for z in u},
    ]
    D = matrix(block.entries, [x for m in bmodes for x in (m.z, m.w)])
    for i, mi in enumerate(bmodes):
        for j, mj in enumerate(bmodes):
            S = sum(col[mi.z] * col[mj.z] for col in cols)
            H = sum(col[mi.z] * conjugate(col[mj.z], bmodes) for col in cols)
            if sp.expand(S - D[2 * i, 2 * j]) != 0 or sp.expand(H - D[2 * i, 2 * j + 1]) != 0:
                return None
    return [{z: e for z, e in col.items() if e != 0} for col in cols if any(e != 0 for e in col.values())]


def factor(block: DiffusionBlock, modes, independent: bool) -> list[dict]:
    """Noise columns ``{integrated variable: coefficient}`` of one block (see module docstring)."""
    if not block.entries:
        return []
    if block.jump is not None:
        cols = _from_jump(block, modes)
        if cols is not None:
            return cols
    if independent:
        variables = block.variables
        M, back = _canonical(block.entries, variables)
        cols = ldl(sp.ImmutableMatrix(M), True)
        return [
            {variables[i]: c.xreplace(back) for i, c in enumerate(col) if c != 0}
            for col in cols
            if any(c != 0 for c in col)
        ]
    R, bmodes = real_matrix(block.entries, modes)
    variables = [v for m in bmodes for v in (m.z, m.w)]
    place = {v: sp.Symbol(f"_v{i}") for i, v in enumerate(variables)}
    cols = ldl(sp.ImmutableMatrix(R.xreplace(place)), False)
    back = {p: v for v, p in place.items()}
    out = []
    for col in cols:
        c = {m.z: sp.expand((col[2 * i] + sp.I * col[2 * i + 1]).xreplace(back)) for i, m in enumerate(bmodes)}
        c = {k: v for k, v in c.items() if v != 0}
        if c:
            out.append(c)
    return out
