"""Operator kinds: the single-site algebras symq knows and their normal-ordering rules.

Each kind describes the algebra of operators acting on one site through a basis of *local
monomials* (hashable tuples) in normal order; the identity is never a monomial (it is the absence
of the site from an operator word).  A kind knows

* ``mul(x, y)``: the product of two local monomials as ``{monomial | None: coefficient}``
  (``None`` is the identity),
* ``dag(x)``: the adjoint monomial (always a single monomial with coefficient 1),
* ``charge(x)``: the U(1) charge (excitations added), used for symmetry sectors,
* ``matrix(x, dim)``: a sparse matrix on a truncated space, and printing.

Conventions
-----------
* ``Levels(n)``: an n-level system, levels ``|0>`` (ground) ... ``|n-1>``; monomials are
  transitions ``(i, j) = |i><j|``, the ground projector ``|0><0| = 1 - sum_{i>0} |i><i|`` is
  eliminated. A qubit is ``Levels(2)`` with ``sigma = |0><1|`` (lowering, QuTiP's ``destroy(2)``),
  so ``sigma^2 = 0`` and ``{sigma, sigma^dag} = 1``.
* ``Boson``: monomials ``(m, n) = a^{dag m} a^n`` with ``[a, a^dag] = 1``; matrices are QuTiP's
  ``destroy(N)`` on a cutoff of N Fock states (exact only away from the cutoff).
* ``Spin(S)``: monomials ``(m, k, n) = S_+^m S_z^k S_-^n`` with ``m * n = 0``;
  ``[S_z, S_pm] = pm S_pm``, ``[S_+, S_-] = 2 S_z`` and the Casimir ``S^2 = S(S+1)`` are used to
  remove every ``S_+ ... S_-`` pair.  For a numeric S the minimal polynomials of the
  (2S+1)-dimensional representation are applied too, so equal operators are equal monomial sums.
  Matrices use QuTiP's ``jmat`` ordering (first basis state ``m = +S``).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb, factorial

import numpy as np
import scipy.sparse as sps
import sympy as sp

from ..errors import AlgebraError, NumericsError

_x = sp.Dummy("x")


def _pow(base: str, k: int) -> str:
    return base if k == 1 else f"{base}^{k}"


def _lpow(base: str, k: int) -> str:
    return base if k == 1 else f"{{{base}}}^{{{k}}}"


@dataclass(frozen=True)
class Levels:
    """An n-level system (n >= 2); ``Levels(2)`` is the qubit / two-level system."""

    n: int
    style: str = "transition"  # "sigma" prints a qubit as sigma, sigma^dag, sigma^dag sigma

    tag = "levels"

    def __post_init__(self):
        if not (isinstance(self.n, int) and self.n >= 2):
            raise AlgebraError(f"Levels: expected an integer number of levels >= 2, got {self.n!r}")

    def monomials(self):
        return [(i, j) for i in range(self.n) for j in range(self.n) if (i, j) != (0, 0)]

    def check(self, x) -> None:
        i, j = x
        if not (0 <= i < self.n and 0 <= j < self.n) or (i, j) == (0, 0):
            raise AlgebraError(f"transition: expected levels in 0..{self.n - 1}, not |0><0|, got {x}")

    def mul(self, x, y):
        (i, j), (k, l) = x, y
        if j != k:
            return {}
        if (i, l) != (0, 0):
            return {(i, l): 1}
        out = {None: 1}
        for m in range(1, self.n):
            out[(m, m)] = -1
        return out

    def dag(self, x):
        return (x[1], x[0])

    def charge(self, x) -> int:
        return x[0] - x[1]

    def dim(self, cutoff=None, values=None) -> int:
        return self.n

    def state_charges(self, dim: int) -> np.ndarray:
        """U(1) charge (excitation number) of each basis state: level i has charge i."""
        return np.arange(dim)

    def matrix(self, x, dim: int):
        m = sps.lil_matrix((dim, dim), dtype=complex)
        m[x[0], x[1]] = 1.0
        return m.tocsr()

    def to_str(self, name: str, x) -> str:
        i, j = x
        if self.style == "sigma":
            return {(0, 1): f"σ_{name}", (1, 0): f"σ_{name}†", (1, 1): f"σ_{name}†σ_{name}"}[x]
        return f"σ_{name}^{i}{j}"

    def to_latex(self, name: str, x) -> str:
        i, j = x
        if self.style == "sigma":
            s = rf"\sigma_{{{name}}}"
            d = rf"\sigma_{{{name}}}^{{\dagger}}"
            return {(0, 1): s, (1, 0): d, (1, 1): d + " " + s}[x]
        return rf"\sigma_{{{name}}}^{{{i}{j}}}"


@dataclass(frozen=True)
class Boson:
    """A bosonic mode, ``[a, a^dag] = 1``."""

    tag = "boson"

    def check(self, x) -> None:
        m, n = x
        if m < 0 or n < 0 or (m, n) == (0, 0):
            raise AlgebraError(f"boson monomial: expected (m, n) >= 0 not both zero, got {x}")

    def mul(self, x, y):
        (m, n), (p, q) = x, y
        out = {}
        for k in range(min(n, p) + 1):
            key = (m + p - k, n + q - k)
            out[None if key == (0, 0) else key] = comb(n, k) * comb(p, k) * factorial(k)
        return out

    def dag(self, x):
        return (x[1], x[0])

    def charge(self, x) -> int:
        return x[0] - x[1]

    def dim(self, cutoff=None, values=None) -> int:
        if cutoff is None:
            raise NumericsError("boson: a Fock-space cutoff is needed for a matrix, none was given")
        if not (isinstance(cutoff, (int, np.integer)) and cutoff >= 2):
            raise NumericsError(f"boson cutoff: expected an integer >= 2, got {cutoff!r}")
        return int(cutoff)

    def state_charges(self, dim: int) -> np.ndarray:
        """U(1) charge of each Fock state: n."""
        return np.arange(dim)

    def matrix(self, x, dim: int):
        a = sps.diags(np.sqrt(np.arange(1, dim, dtype=float)), 1, format="csr", dtype=complex)
        m, n = x
        out = sps.identity(dim, dtype=complex, format="csr")
        for _ in range(m):
            out = out @ a.T
        for _ in range(n):
            out = out @ a
        return out.tocsr()

    def to_str(self, name: str, x) -> str:
        m, n = x
        parts = []
        if m:
            parts.append(_pow(f"{name}†", m))
        if n:
            parts.append(_pow(name, n))
        return "".join(parts)

    def to_latex(self, name: str, x) -> str:
        m, n = x
        parts = []
        if m:
            parts.append(rf"{name}^{{\dagger}}" if m == 1 else rf"{name}^{{\dagger {m}}}")
        if n:
            parts.append(_lpow(name, n))
        return " ".join(parts)


def _poly(expr) -> sp.Poly:
    return sp.Poly(expr, _x)


@dataclass(frozen=True)
class Spin:
    """A spin S (a positive half-integer, or a positive Symbol) with su(2) relations."""

    S: sp.Expr

    tag = "spin"

    def __post_init__(self):
        S = sp.sympify(self.S)
        ok = (S.is_Number and S > 0 and (2 * S).is_Integer) or (S.is_Symbol and S.is_positive)
        if not ok:
            raise AlgebraError(
                f"Spin: expected S a positive half-integer or a Symbol with positive=True, got {self.S!r}"
            )
        object.__setattr__(self, "S", S)

    @property
    def numeric(self) -> bool:
        return self.S.is_Number

    def check(self, x) -> None:
        m, k, n = x
        if min(x) < 0 or m * n != 0 or x == (0, 0, 0):
            raise AlgebraError(f"spin monomial: expected (m, k, n) >= 0 with m*n = 0, got {x}")

    # -- polynomial helpers in x = S_z ------------------------------------------------------
    def _phi(self):  # S_- S_+ = S(S+1) - S_z (S_z + 1)
        return _poly(self.S * (self.S + 1) - _x * (_x + 1))

    def _psi(self):  # S_+ S_- = S(S+1) - S_z (S_z - 1)
        return _poly(self.S * (self.S + 1) - _x * (_x - 1))

    @staticmethod
    def _shift(p: sp.Poly, c) -> sp.Poly:
        return p.shift(c) if c else p

    def _prod(self, base: sp.Poly, count: int, step: int) -> sp.Poly:
        out = _poly(1)
        for j in range(count):
            out = out * self._shift(base, step * j)
        return out

    def _min_poly(self, lowest_excluded: int) -> sp.Poly:
        """prod_{j=-S}^{S-r}(x - j): zero on every m reachable by S_+^r F(S_z) (r = raise power)."""
        S = self.S
        out = _poly(1)
        j = -S
        while j <= S - lowest_excluded:
            out = out * _poly(_x - j)
            j += 1
        return out

    def _normal(self, a: int, F: sp.Poly, b: int):
        """S_+^a F(S_z) S_-^b reduced to monomials with a*b = 0."""
        if a and b:
            F = self._shift(F, -b)  # F(Sz) S_-^b = S_-^b F(Sz - b)
            if a >= b:
                F = self._prod(self._psi(), b, -1) * F
                a, b = a - b, 0
            else:
                F = self._prod(self._psi(), a, -1) * self._shift(F, b - a)
                a, b = 0, b - a
        if self.numeric:
            r = max(a, b)
            if r > 2 * self.S:
                return {}
            F = F.rem(self._min_poly(r))
        out = {}
        for (k,), c in F.terms():
            key = None if (a, k, b) == (0, 0, 0) else (a, k, b)
            out[key] = c
        return out

    def mul(self, x, y):
        (m1, k1, n1), (m2, k2, n2) = x, y
        X = _poly(_x)
        if n1 <= m2:  # S_-^n1 S_+^m2 = S_+^d P(S_z + d)
            d = m2 - n1
            P = self._prod(self._phi(), n1, 1)
            F = self._shift(X**k1 * P, d) * X**k2
            return self._normal(m1 + d, F, n2)
        d = n1 - m2  # S_-^n1 S_+^m2 = Q(S_z + d) S_-^d
        Q = self._prod(self._phi(), m2, 1)
        F = X**k1 * self._shift(Q * X**k2, d)
        return self._normal(m1, F, d + n2)

    def reduce(self, x):
        """A monomial written directly, e.g. S_z^5 for S = 1/2, reduced to canonical form."""
        m, k, n = x
        return self._normal(m, _poly(_x**k), n)

    def dag(self, x):
        return (x[2], x[1], x[0])

    def charge(self, x) -> int:
        return x[0] - x[2]

    def dim(self, cutoff=None, values=None) -> int:
        S = self.S
        if not S.is_Number:
            S = sp.sympify(S.xreplace(values or {}))
            if not S.is_Number or not (2 * S).is_Integer or S <= 0:
                raise NumericsError(f"spin: the matrix needs a numeric value of {self.S}, got {S}")
        return int(2 * S + 1)

    def state_charges(self, dim: int) -> np.ndarray:
        """U(1) charge of each basis state: m + S (jmat order m = S ... -S), an integer >= 0."""
        return np.arange(dim)[::-1].copy()

    def matrix(self, x, dim: int):
        S = (dim - 1) / 2
        mvals = S - np.arange(dim)  # QuTiP jmat ordering, m = S ... -S
        sz = sps.diags(mvals.astype(complex), 0, format="csr")
        # S_+ |m> = sqrt(S(S+1) - m(m+1)) |m+1>; index of m+1 is one less
        sp_diag = np.sqrt(S * (S + 1) - mvals[1:] * (mvals[1:] + 1))
        splus = sps.diags(sp_diag.astype(complex), 1, format="csr")
        m, k, n = x
        out = sps.identity(dim, dtype=complex, format="csr")
        for _ in range(m):
            out = out @ splus
        for _ in range(k):
            out = out @ sz
        for _ in range(n):
            out = out @ splus.T
        return out.tocsr()

    def to_str(self, name: str, x) -> str:
        m, k, n = x
        parts = []
        if m:
            parts.append(_pow(f"S+_{name}", m))
        if k:
            parts.append(_pow(f"Sz_{name}", k))
        if n:
            parts.append(_pow(f"S-_{name}", n))
        return "·".join(parts)

    def to_latex(self, name: str, x) -> str:
        m, k, n = x
        parts = []
        if m:
            parts.append(_lpow(rf"S^{{+}}_{{{name}}}", m))
        if k:
            parts.append(_lpow(rf"S^{{z}}_{{{name}}}", k))
        if n:
            parts.append(_lpow(rf"S^{{-}}_{{{name}}}", n))
        return " ".join(parts)
