"""Characteristic polynomials, discriminants and exceptional points of dynamical matrices.

Everything symbolic goes through ``sympy.polys``: the characteristic polynomial is computed by
``DomainMatrix.charpoly`` over the polynomial ring of the parameters (Gaussian rationals for the
``i`` in ``H = i A``), its discriminant with ``Poly.discriminant`` and factored over ``QQ<I>``.

An exceptional point (EP) is a parameter value where eigenvalues coalesce *and* the matrix is
defective there. symq solves each discriminant factor for the requested parameter, keeps the
real positive roots (with the condition on the other parameters when positivity is conditional),
and checks defectiveness numerically in 40-digit arithmetic at random values of the remaining
parameters: the coalescing cluster's algebraic multiplicity is the EP's order, and its geometric
multiplicity (nullity of ``H - lambda``) must be smaller.
"""

from __future__ import annotations

import random

import numpy as np
from dataclasses import dataclass, field

import mpmath
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .errors import ModelError
from .moments import MomentSystem

LAMBDA = sp.Symbol("lambda")


def _as_matrix(obj) -> sp.Matrix:
    if isinstance(obj, MomentSystem):
        return obj.matrix()
    if isinstance(obj, sp.MatrixBase):
        if obj.rows != obj.cols:
            raise ModelError(f"spectral: expected a square matrix, got shape {obj.shape}")
        return sp.Matrix(obj)
    raise ModelError(f"spectral: expected a MomentSystem or a square sympy Matrix, got {type(obj).__name__}")


def characteristic_polynomial(obj, lam: sp.Symbol = LAMBDA) -> sp.Poly:
    """``det(lam - H)`` as a Poly in ``lam`` over the parameters' ring (H = ``system.matrix()``)."""
    dM = DomainMatrix.from_Matrix(_as_matrix(obj))
    K = dM.domain
    return sp.Poly([K.to_sympy(c) for c in dM.charpoly()], lam, domain=K)


def factor_complex(expr: sp.Expr) -> sp.Expr:
    """Factor a polynomial expression containing ``I`` quickly.

    ``I`` is treated as an independent variable while factoring over the integers and put back
    afterwards: every factor found is a true factor, though a factorisation that needs
    ``I**2 = -1`` is not attempted (full Gaussian factoring is orders of magnitude slower).
    """
    j = sp.Dummy("j")
    return sp.factor(sp.expand(expr).xreplace({sp.I: j})).xreplace({j: sp.I})


def discriminant(obj, lam: sp.Symbol = LAMBDA) -> sp.Expr:
    """Discriminant of the square-free part of the characteristic polynomial, factored.

    Eigenvalues that coincide for *all* parameters (a repeated factor of the characteristic
    polynomial, e.g. a decoupled symmetric combination) would make the plain discriminant vanish
    identically; they are removed first, so the zeros of the result are exactly the parameter
    values where distinct eigenvalue branches meet. Factoring is over the rationals (factoring
    over the Gaussian rationals is ~1000x slower and the papers' discriminants are real).
    """
    p = characteristic_polynomial(obj, lam)  # monic
    if p.degree() < 2:
        return sp.S.One
    K = p.domain
    if not K.is_Field and not (K.is_PolynomialRing and K.domain.is_Field):  # centring divides by n
        p = p.set_domain(K.domain.get_field()[K.symbols] if K.is_PolynomialRing else K.get_field())
    # the discriminant is shift invariant: centring lam on tr/n removes e.g. a common frequency
    # omega_0 and often the imaginary unit, which makes it ~100x faster (dimer: 6 ms vs 0.6 s)
    centre = -p.rep.to_list()[1] / p.domain.convert(p.degree())
    p = sp.Poly(p.shift(centre).as_expr(), lam)
    d = p.discriminant()
    if d == 0:  # a branch repeated for all parameters: use the square-free part
        q = p.sqf_part()
        if q.degree() < 2:
            return sp.S.One
        # sqf_part is primitive (e.g. 4 lam^2 + ...); dividing by LC^(2n-2) is disc of the monic q
        d = q.discriminant() / q.LC() ** (2 * q.degree() - 2)
    else:
        q = p
    return sp.factor(d if isinstance(d, sp.Basic) else q.domain.to_sympy(d))


@dataclass(frozen=True)
class ExceptionalPoint:
    """An EP locus ``parameter = value``, valid where ``condition`` holds.

    At the locus ``count`` distinct eigenvalues are each ``multiplicity``-fold degenerate, with
    Jordan blocks ``blocks`` (sizes, largest first). ``order`` is the largest block: the number of
    eigenvectors that coalesce (EP2, EP3, ...). ``eigenvalues`` are the coalesced eigenvalues when
    sympy finds them in closed form. ``checked_at`` lists the random parameter values at which the
    Jordan structure was computed; ``factor`` is the discriminant factor the locus solves.
    """

    parameter: sp.Symbol
    value: sp.Expr
    order: int
    multiplicity: int
    blocks: tuple
    count: int = 1
    condition: sp.Basic = sp.true
    factor: sp.Expr | None = None
    checked_at: tuple = field(default=(), repr=False)

    @property
    def locus(self) -> sp.Eq:
        return sp.Eq(self.parameter, self.value)

    @property
    def geometric(self) -> int:
        """Independent eigenvectors of one coalesced eigenvalue (the number of Jordan blocks)."""
        return len(self.blocks)


def _positivity(value: sp.Expr, params: list) -> sp.Basic | None:
    """When is ``value`` real and positive? ``true``, ``None`` (never) or a condition.

    Factors positive by assumption are dropped; a square-root factor ``E**(+-1/2)`` needs
    ``E > 0``; every other factor needs ``f > 0``. Univariate conditions are solved exactly.
    """
    if value.is_positive:
        return sp.true
    if value.is_real is False or value.is_nonpositive:
        return None
    sign, rest = sp.factor(value).as_coeff_Mul()
    conds, signed = [], sp.sign(sign)
    for f in sp.Mul.make_args(rest):
        if f.is_positive:
            continue
        if f.is_Pow and f.exp in (sp.S.Half, -sp.S.Half):
            conds.append(f.base > 0)
        else:
            signed = signed * f
    if signed is not sp.S.One:
        conds.append(signed > 0)
    out = []
    for c in conds:
        syms = sorted(c.free_symbols, key=str) if c not in (sp.true, sp.false) else []
        if len(syms) == 1:
            try:
                c = sp.solve_univariate_inequality(c, syms[0], relational=True)
            except (NotImplementedError, ValueError, TypeError):
                pass
        out.append(c)
    cond = sp.And(*out)
    syms = cond.free_symbols if cond not in (sp.true, sp.false) else set()
    if len(syms) == 1:
        (x,) = syms
        dom = sp.Interval.open(0, sp.oo) if x.is_positive else sp.S.Reals
        cond = (cond.as_set() & dom).as_relational(x) if (cond.as_set() & dom) != dom else sp.true
        if x.is_positive and cond is not sp.true:
            cond = cond.subs(sp.Gt(x, 0), sp.true).subs(sp.Lt(0, x), sp.true)
    if cond is sp.false:
        return None
    return cond.subs({sp.oo: sp.oo})


def _sample(params: list, condition, rng: random.Random) -> dict | None:
    """Random positive parameter values (log-uniform in [1e-2, 1e2]) satisfying ``condition``."""
    for _ in range(400):
        vals = {p: sp.Rational(10 ** rng.uniform(-2, 2)).limit_denominator(10**6) for p in params}
        if condition is sp.true:
            return vals
        try:
            ok = bool(condition.xreplace(vals))
        except TypeError:  # a comparison of a non-real number: condition fails
            ok = False
        if ok:
            return vals
    return None


def _jordan_data(M: sp.Matrix):
    """Clusters of coalescing eigenvalues of a numeric matrix: [(eigenvalue, algebraic, geometric)].

    Near an EP of order k the computed eigenvalues split by ~eps^(1/k), so the working precision
    is 12 (n + 1) digits and eigenvalues closer than 10^(-digits/(n+1)) form a cluster; the
    geometric multiplicity counts singular values of ``M - mean(cluster)`` below 10^(-digits/2).
    """
    n = M.rows
    dps = max(50, 12 * (n + 1))
    with mpmath.workdps(dps):
        A = mpmath.matrix([[mpmath.mpmathify(sp.N(x, dps)) for x in row] for row in M.tolist()])
        ev = mpmath.eig(A, left=False, right=False)
        scale = max(1, max(abs(e) for e in ev))
        tol = mpmath.mpf(10) ** (-mpmath.mpf(dps) / (n + 1)) * scale
        null_tol = mpmath.mpf(10) ** (-dps // 2) * scale
        clusters: list[list] = []
        for e in ev:
            for c in clusters:
                if abs(c[0] - e) < tol:
                    c.append(e)
                    break
            else:
                clusters.append([e])
        out = []
        for c in clusters:
            if len(c) < 2:
                continue
            lam = sum(c) / len(c)
            B = A - lam * mpmath.eye(n)
            P = mpmath.eye(n)
            nullity = [0]
            for k in range(1, len(c) + 1):  # nullity of B^k counts Jordan blocks of size >= j, j <= k
                P = P * B
                sv = mpmath.svd_c(P, compute_uv=False)
                nullity.append(min(len(c), sum(1 for x in sv if abs(x) < null_tol * scale ** (k - 1))))
            at_least = [nullity[k] - nullity[k - 1] for k in range(1, len(nullity))]
            blocks = []
            for k in range(len(at_least)):
                nxt = at_least[k + 1] if k + 1 < len(at_least) else 0
                blocks += [k + 1] * max(at_least[k] - nxt, 0)
            out.append((complex(lam), len(c), tuple(sorted(blocks, reverse=True))))
        return out


def exceptional_points(obj, solve_for: sp.Symbol, *, samples: int = 3, seed: int = 0) -> list[ExceptionalPoint]:
    """Exceptional points of ``obj`` (a MomentSystem or square Matrix) as loci in ``solve_for``.

    Each discriminant factor containing ``solve_for`` is solved for it; roots that are not real
    and positive (under the symbols' assumptions, or on a stated condition) are discarded. At each
    root the Jordan structure is computed at ``samples`` random values of the other parameters
    (log-uniform in [1e-2, 1e2], honouring the condition); a root is an EP when some eigenvalue
    has a Jordan block of size >= 2 with the same structure at every sample. Degeneracies with a
    full set of eigenvectors (diabolic points) are not EPs and are not reported.
    """
    M = _as_matrix(obj)
    if not isinstance(solve_for, sp.Symbol) or solve_for not in M.free_symbols:
        raise ModelError(
            f"exceptional_points: expected solve_for to be one of the matrix parameters "
            f"{sorted(map(str, M.free_symbols))}, got {solve_for!r}"
        )
    others = sorted(M.free_symbols - {solve_for}, key=str)
    rng = random.Random(seed)
    found: list[ExceptionalPoint] = []
    for fac in sp.Mul.make_args(discriminant(M)):
        base = fac.base if fac.is_Pow else fac
        if solve_for not in base.free_symbols:
            continue
        for root in sp.solve(base, solve_for):
            root = sp.factor(sp.sqrtdenest(sp.simplify(root)))
            cond = _positivity(root, others)
            if cond is None or any(e.value == root for e in found):
                continue
            checks = []
            for _ in range(samples):
                vals = _sample(others, cond, rng)
                if vals is None:
                    break
                num = root.xreplace(vals)
                if num.is_real and num > 0:
                    checks.append((vals, _jordan_data(M.xreplace({**vals, solve_for: num}))))
            if not checks:
                continue
            signatures = {tuple(sorted((m, b) for _, m, b in data)) for _, data in checks}
            if len(signatures) != 1:
                continue
            sig = signatures.pop()
            ep = [(m, b) for m, b in sig if b and b[0] >= 2]
            if not ep:
                continue
            mult, blocks = max(ep, key=lambda mb: (mb[1][0], mb[0]))
            count = sum(1 for x in ep if x == (mult, blocks))
            samples_ = tuple(
                (v, tuple(lam for lam, m, b in data if (m, b) == (mult, blocks))) for v, data in checks
            )
            found.append(ExceptionalPoint(solve_for, root, blocks[0], mult, blocks, count, cond, base, samples_))
    return found


@dataclass(frozen=True)
class NumericExceptionalPoint:
    """An EP located numerically: ``value`` of the parameter, the coalescing ``eigenvalue``, the
    residual eigenvalue splitting ``splitting`` and the eigenvector ``overlap`` |<v1|v2>| (-> 1)."""

    parameter: sp.Symbol
    value: float
    eigenvalue: complex
    splitting: float
    overlap: float


def exceptional_points_numeric(obj, solve_for: sp.Symbol, values: dict, interval, *, grid: int = 400,
                               log: bool = False, min_overlap: float = 0.999) -> list[NumericExceptionalPoint]:
    """EPs along ``solve_for`` in ``interval`` with the other parameters fixed to ``values``.

    For matrices too large for a symbolic discriminant. The smallest eigenvalue splitting is
    scanned on a grid; each local minimum is refined by bounded minimisation (at an EP2 the
    splitting closes like a square root, a cusp that golden-section search handles). A minimum
    is reported as an EP when the two eigenvectors become parallel (overlap >= ``min_overlap``),
    which distinguishes EPs from ordinary (diabolic) crossings.
    """
    from scipy.optimize import minimize_scalar

    M = _as_matrix(obj)
    rest = M.free_symbols - {solve_for} - {sp.Symbol(str(k)) for k in values} - set(values)
    if solve_for not in M.free_symbols or rest:
        raise ModelError(
            f"exceptional_points_numeric: expected values for every parameter but {solve_for}, missing {sorted(map(str, rest))}"
        )
    f = sp.lambdify(solve_for, M.xreplace({sp.sympify(k): v for k, v in values.items()}), "numpy")

    def split(x):
        ev, V = np.linalg.eig(np.asarray(f(x), dtype=complex))
        d = np.abs(ev[:, None] - ev[None, :])
        np.fill_diagonal(d, np.inf)
        i, j = np.unravel_index(np.argmin(d), d.shape)
        vi, vj = V[:, i], V[:, j]
        ov = abs(np.vdot(vi, vj)) / (np.linalg.norm(vi) * np.linalg.norm(vj))
        return d[i, j], 0.5 * (ev[i] + ev[j]), ov

    lo, hi = interval
    xs = np.geomspace(lo, hi, grid) if log else np.linspace(lo, hi, grid)
    ds = np.array([split(x)[0] for x in xs])
    found = []
    for k in range(1, grid - 1):
        if ds[k] <= ds[k - 1] and ds[k] <= ds[k + 1]:
            r = minimize_scalar(lambda x: split(x)[0], bounds=(xs[k - 1], xs[k + 1]), method="bounded",
                                options={"xatol": 1e-13 * max(1.0, abs(xs[k]))})
            d, lam, ov = split(r.x)
            if ov >= min_overlap:
                found.append(NumericExceptionalPoint(solve_for, float(r.x), complex(lam), float(d), float(ov)))
    return found
