"""Closed-form time evolution of moment systems ``d/dt v = A v + b``.

``solve(system, t, initial)`` returns ``v(t) = e^{At} v(0) + int_0^t e^{As} b ds`` (which is
``e^{At}(v0 + A^{-1} b) - A^{-1} b`` when A is invertible) as sympy expressions of ``t``.

Method (exact, over the field of the parameters):

1. Laplace transform: ``V(z) = (z - A)^{-1} (z v0 + b) / z``, solved fraction-free with
   :class:`~sympy.polys.matrices.DomainMatrix` over the parameters' ring.
2. ``z det(z - A)`` is factored once over the rationals (or the Gaussian rationals if it has
   complex coefficients); every component is split into partial fractions ``Q(z) / f(z)^j``
   (``deg Q < deg f``) by the extended Euclidean algorithm in ``K[z]``, K the fraction field.
3. Each term is inverted in closed form. A linear factor gives ``t^{j-1}/(j-1)! e^{lambda t}``,
   so defective matrices (exceptional points, repeated roots) give polynomial-times-exponential
   terms automatically. A quadratic factor ``z^2 + p z + q`` gives the physicists' form::

       e^{-p t/2} [ alpha C(W) + (beta - alpha p/2) S(W) ],   W = q - p^2/4,

   with ``C = cos(sqrt(W) t)``, ``S = sin(sqrt(W) t)/sqrt(W)`` for W > 0 (underdamped),
   ``cosh``/``sinh`` of ``sqrt(-W) t`` for W < 0 (overdamped) and ``C = 1``, ``S = t`` at W = 0
   (the exceptional point). Repeated quadratic factors use ``1/f^j = (-1)^{j-1}/(j-1)!
   d^{j-1}/dq^{j-1} (1/f)``. Irreducible factors of degree >= 3 give a ``RootSum``.

The sign of each real discriminant ``W`` is decided from the symbols' assumptions and the
``assumptions`` given (relations such as ``g > kappa/4``); ``regime`` forces the underdamped or
overdamped form where it is undecided; otherwise the result is a ``Piecewise`` over the three
regimes. ``t`` is treated as real.

Three reductions keep the algebra small: moments that cannot be reached from the nonzero initial
values and drive (through nonzero entries of A) stay zero and are dropped; symbolic initial
values enter by linearity (as weights of unit initial vectors, not as generators of K); and,
when ``b = 0``, parameters that only shift the whole spectrum (``A = A_r + mu 1``, e.g. a common
frequency ``omega_0`` in a rotating frame) are factored out as ``e^{mu t}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import factorial

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .algebra import Op
from .errors import ModelError
from .moments import MomentSystem

__all__ = ["Evolution", "Mode", "solve"]

_REGIMES = (None, "underdamped", "overdamped")


@dataclass(frozen=True)
class Mode:
    """One irreducible factor ``f`` of ``z det(z - A)`` (power ``multiplicity``) and its time form.

    ``form`` is ``"exponential"`` (linear factor, eigenvalue ``eigenvalues[0]``), ``"underdamped"``,
    ``"overdamped"``, ``"critical"`` or ``"piecewise"`` (quadratic factor with discriminant
    ``W = q - p^2/4``, eigenvalues ``-p/2 +- sqrt(-W)``), or ``"rootsum"`` (degree >= 3, the
    eigenvalues are the roots of ``factor``). ``factor`` is in the variable ``z`` of the Laplace
    transform, without a frame shift ``mu`` (which the eigenvalues include).
    """

    factor: sp.Expr
    multiplicity: int
    form: str
    eigenvalues: tuple
    discriminant: sp.Expr | None = None


@dataclass(frozen=True)
class Evolution:
    """The closed-form solution ``v(t)`` of a moment system.

    ``basis`` are the moment operators, ``expressions[i]`` is ``<basis[i]>(t)``, ``initial`` the
    values at ``t = 0``, ``modes`` the factors of ``z det(z - A)`` and how each was inverted.
    """

    basis: tuple
    t: sp.Symbol
    expressions: tuple
    initial: tuple
    modes: tuple

    def __getitem__(self, op) -> sp.Expr:
        return self.expressions[_index(self.basis, op, "Evolution")]

    def as_dict(self) -> dict:
        return dict(zip(self.basis, self.expressions))

    def vector(self) -> sp.Matrix:
        return sp.Matrix(self.expressions)

    def evaluate(self, values: dict, time, *, digits: int = 30) -> np.ndarray:
        """``v(time)`` as a complex array at parameter ``values`` (including symbolic initial
        values), in ``digits``-digit arithmetic; a ``RootSum`` is summed over numeric roots."""
        subs = {sp.sympify(k): sp.sympify(v) for k, v in values.items()}
        subs[self.t] = sp.sympify(time)
        out = []
        for e in self.expressions:
            sums = {}
            for rs in e.atoms(sp.RootSum):  # before substituting: rebuilding a RootSum refactors it
                (z,) = rs.poly.gens
                roots = sp.Poly(rs.poly.as_expr().xreplace(subs), z).nroots(n=digits)
                body = rs.fun.expr.xreplace(subs)
                sums[rs] = sp.Add(*[body.xreplace({rs.fun.variables[0]: r}) for r in roots])
            e = e.xreplace(sums).xreplace(subs)
            if e.free_symbols:
                names = ", ".join(sorted(map(str, e.free_symbols)))
                raise ModelError(f"Evolution.evaluate: expected values for every symbol, got none for {names}")
            out.append(complex(e.evalf(digits)))
        return np.array(out)


def _index(basis, op, where) -> int:
    if isinstance(op, Op):
        for i, o in enumerate(basis):
            if o == op:
                return i
    raise ModelError(f"{where}: expected one of the basis operators {list(basis)}, got {op!r}")


def _initial_vector(system: MomentSystem, initial) -> sp.Matrix:
    n = len(system)
    if isinstance(initial, dict):
        vals: list = [None] * n
        for op, v in initial.items():
            i = _index(system.basis, op, "solve initial")
            vals[i] = sp.sympify(v)
        missing = [str(system.basis[i]) for i in range(n) if vals[i] is None]
        if missing:
            raise ModelError(
                f"solve initial: expected a value for every basis operator, got none for {missing} "
                "(give 0 explicitly where a moment starts at zero)"
            )
        return sp.Matrix(vals)
    try:
        v = sp.Matrix(initial)
    except (TypeError, ValueError, sp.SympifyError):
        raise ModelError(f"solve initial: expected a dict {{operator: value}} or a vector, got {initial!r}") from None
    if v.shape not in ((n, 1), (1, n)):
        raise ModelError(f"solve initial: expected a vector of length {n}, got shape {v.shape}")
    return v.reshape(n, 1)


# -- the sign of a discriminant ------------------------------------------------------------------
def _relations(assumptions) -> list:
    """Strict relations as expressions ``d`` meaning ``d > 0``."""
    if assumptions is None:
        return []
    if isinstance(assumptions, sp.Basic):
        assumptions = [assumptions]
    out = []
    for a in assumptions:
        if isinstance(a, sp.And):
            out += _relations(list(a.args))
        elif isinstance(a, sp.StrictGreaterThan):
            out.append(a.lhs - a.rhs)
        elif isinstance(a, sp.StrictLessThan):
            out.append(a.rhs - a.lhs)
        else:
            raise ModelError(f"solve assumptions: expected strict relations such as g > kappa/4, got {a!r}")
    return out


def _slacks(d: sp.Expr, taken: set):
    """Every way of solving ``d = epsilon`` (epsilon > 0) for a symbol ``d`` is linear in."""
    eps = sp.Dummy("epsilon", positive=True)
    for x in sorted(d.free_symbols - taken, key=str):
        try:
            if sp.Poly(d, x).degree() != 1:
                continue
        except sp.PolynomialError:
            continue
        # x's own assumptions become a bound on epsilon that is dropped: a sign that holds for
        # every epsilon > 0 holds on the smaller region too
        yield x, sp.solve(sp.Eq(d, eps), x)[0]


def _decided(e: sp.Expr) -> int | None:
    e = sp.factor(sp.together(e))
    if e.is_zero:
        return 0
    if e.is_positive:
        return 1
    if e.is_negative:
        return -1
    return None


def _sign(expr: sp.Expr, relations: list, _taken: frozenset = frozenset(), _budget: list | None = None) -> int | None:
    """+1, -1 or 0 when the sign of ``expr`` follows from assumptions and ``relations`` (d > 0).

    Depth-first over substitutions ``x -> solution of d = epsilon`` (one per relation, any symbol
    the relation is linear in, any order); the sign is tested at every node (at most 200).
    """
    budget = [200] if _budget is None else _budget
    out = _decided(expr)
    if out is not None or not relations:
        return out
    for k, d in enumerate(relations):
        for x, value in _slacks(d, set(_taken)):
            budget[0] -= 1
            if budget[0] < 0:
                return None
            rest = [r.xreplace({x: value}) for r in relations[:k] + relations[k + 1:]]
            out = _sign(expr.xreplace({x: value}), rest, _taken | {x}, budget)
            if out is not None:
                return out
    return None


# -- inverse Laplace transforms of partial fractions ---------------------------------------------
def _kernels(form: str, W, t, order: int):
    """``d^order/dW^order`` of ``C = cos(sqrt(W) t)`` and ``S = sin(sqrt(W) t)/sqrt(W)`` in a form."""
    if form == "critical":  # Taylor coefficients at W = 0
        C = sp.Rational((-1) ** order * factorial(order), factorial(2 * order)) * t ** (2 * order)
        S = sp.Rational((-1) ** order * factorial(order), factorial(2 * order + 1)) * t ** (2 * order + 1)
        return C, S
    w = sp.Dummy("w", positive=True)
    if form == "overdamped":  # W = -w < 0; d/dW = -d/dw
        C, S = sp.cosh(sp.sqrt(w) * t), sp.sinh(sp.sqrt(w) * t) / sp.sqrt(w)
        sign, value = (-1) ** order, -W
    else:
        C, S = sp.cos(sp.sqrt(w) * t), sp.sin(sp.sqrt(w) * t) / sp.sqrt(w)
        sign, value = 1, W
    return (sign * sp.diff(C, w, order)).xreplace({w: value}), (sign * sp.diff(S, w, order)).xreplace({w: value})


def _exp(rate, t):
    """``e^{rate t}`` as a decay times a rotation (real and imaginary parts of ``rate``)."""
    re, im = sp.expand_complex(sp.expand(rate)).as_real_imag()
    out = sp.exp(sp.factor(re) * t)
    return out * sp.exp(sp.I * sp.factor(im) * t) if im != 0 else out


def _combine(pairs):
    """``sum c_k X_k`` written as ``common * sum (c_k / common) X_k``.

    ``pairs`` are ``((re c_k, im c_k), X_k)``; real and imaginary parts are handled separately
    (no factoring over the Gaussian rationals). ``common`` is the gcd of the numerators over the
    gcd of the denominators, so that no term gains factors from another's denominator.
    """
    out = sp.S.Zero
    for part in (0, 1):
        terms = [(sp.factor(c[part]), X) for c, X in pairs if c[part] != 0]
        if not terms:
            continue
        fr = [sp.fraction(c) for c, _ in terms]
        common = sp.factor(sp.gcd_list([n for n, _ in fr]) / sp.gcd_list([d for _, d in fr]))
        body = sp.Add(*[sp.factor(c / common) * X for c, X in terms])
        out += common * body if part == 0 else sp.I * common * body
    return out


def _positive_form(W: sp.Expr) -> sp.Expr:
    """``W`` factored with a negative overall sign moved into a sum factor (for ``sqrt(W)``)."""
    W = sp.factor(W)
    coeff, rest = W.as_coeff_Mul()
    adds = [f for f in sp.Mul.make_args(rest) if f.is_Add]
    if coeff < 0 and adds:
        others = [f for f in sp.Mul.make_args(rest) if f is not adds[0]]
        return sp.Mul(-coeff, -adds[0], *others, evaluate=False) if others else sp.Mul(-coeff, -adds[0], evaluate=False)
    return W


def _over_root(b: tuple, W: sp.Expr, w: sp.Expr, kernel: sp.Expr):
    """The pair for ``b * kernel / w`` (w = sqrt(W)): ``(b/W, w kernel)`` when W divides b."""
    r = tuple(sp.factor(sp.cancel(x / W)) for x in b)
    if sum(sp.count_ops(x) for x in r) < sum(sp.count_ops(x) for x in b):
        return r, w * kernel
    return b, kernel / w


def _quadratic(form, terms, p, W, t):
    """Inverse transform of ``sum_j (alpha_j z + beta_j) / (z^2 + p z + q)^j`` in a given form.

    ``terms`` maps j to ``(alpha, beta - alpha p / 2)`` as (real, imaginary) part pairs.
    """
    pairs = []
    for j, (a, b) in terms.items():
        if j == 1 and form == "underdamped":
            w = sp.sqrt(_positive_form(W))
            pairs += [(a, sp.cos(w * t)), _over_root(b, W, w, sp.sin(w * t))]
        elif j == 1 and form == "overdamped":
            w = sp.sqrt(_positive_form(-W))
            pairs += [(a, sp.cosh(w * t)), _over_root(b, -W, w, sp.sinh(w * t))]
        else:
            C, S = _kernels(form, W, t, j - 1)
            scale = sp.Rational((-1) ** (j - 1), factorial(j - 1))
            pairs += [(tuple(scale * x for x in a), C), (tuple(scale * x for x in b), S)]
    return _combine(pairs)


def _split_components(num_polys, den, factors, K, z):
    """Partial fractions: for every numerator, ``{(factor index, power j): Q(z)}`` over K.

    ``den`` divides ``prod f_i^{m_i}`` (the monic ``factors``); the inverse of the cofactor of
    each ``f_i^{m_i}`` is computed once (extended Euclid in K[z]) and reused for every numerator.
    """
    mults = []
    rest = den
    for f, _ in factors:
        m = 0
        while True:
            qq, r = rest.div(f)
            if not r.is_zero:
                break
            rest, m = qq, m + 1
        mults.append(m)
    if rest.degree() != 0:
        raise ModelError("solve: internal error, the denominator does not split over the factors of z det(z - A)")
    inverses = {}
    for i, ((f, _), m) in enumerate(zip(factors, mults)):
        if m == 0:
            continue
        F = f**m
        G = sp.Poly(1, z, domain=K)
        for k, ((fk, _), mk) in enumerate(zip(factors, mults)):
            if k != i and mk:
                G = G * fk**mk
        sinv, _, h = G.gcdex(F)
        if h.degree() != 0:
            raise ModelError("solve: internal error, coprime factors share a root")
        inverses[i] = (F, sinv.quo_ground(h.LC() * rest.LC()))
    out = []
    for N in num_polys:
        parts = {}
        for i, (F, inv) in inverses.items():
            f, m = factors[i][0], mults[i]
            P = (N * inv).rem(F)
            k = 0  # f-adic expansion P = sum_k Q_k f^k: the term Q_k / f^(m - k)
            while not P.is_zero:
                P, Q = P.div(f)
                if not Q.is_zero:
                    parts[(i, m - k)] = Q
                k += 1
        out.append(parts)
    return out


def _real_imag_polys(expr, z, gens, K):
    """``expr = N0 + i N1`` with N0, N1 over the real field K (coefficients' Gaussian parts)."""
    P = sp.Poly(expr, z, *gens, domain=sp.QQ_I)
    re, im = {}, {}
    for monom, c in P.terms():
        re[monom], im[monom] = sp.re(c), sp.im(c)
    to_expr = lambda d: sp.Poly.from_dict(d, z, *gens, domain=sp.QQ).as_expr() if d else sp.S.Zero
    return sp.Poly(to_expr(re), z, domain=K), sp.Poly(to_expr(im), z, domain=K)


def solve(system: MomentSystem, t: sp.Symbol, initial, *, assumptions=None, regime: str | None = None) -> Evolution:
    """Closed-form ``v(t)`` of ``d/dt v = A v + b`` (see the module docstring for the method).

    Parameters
    ----------
    system
        A :class:`~symq.moments.MomentSystem` (substitute parameter values first, e.g. an
        exceptional-point locus, to get the form at that point).
    t
        The time symbol (treated as real).
    initial
        ``{operator: value}`` for every basis operator, or a vector in the basis order; values
        may be symbolic.
    assumptions
        Strict relations (``g > kappa/4``, a list or an ``And``) used to decide the sign of each
        quadratic discriminant, i.e. which real form (cos/sin or cosh/sinh) applies.
    regime
        ``"underdamped"`` or ``"overdamped"``: the form used for every real quadratic factor whose
        discriminant sign is not decided; ``None`` gives a ``Piecewise`` over the regimes.

    Returns
    -------
    Evolution
        ``expressions[i] = <basis[i]>(t)``, plus the ``modes`` (factors and the form used).
    """
    if not isinstance(system, MomentSystem):
        raise ModelError(f"solve: expected a MomentSystem, got {type(system).__name__}")
    if not isinstance(t, sp.Symbol):
        raise ModelError(f"solve: expected the time as a sympy Symbol, got {t!r}")
    if regime not in _REGIMES:
        raise ModelError(f"solve: expected regime in {_REGIMES}, got {regime!r}")
    if t in system.parameters:
        raise ModelError(f"solve: the time symbol {t} is also a parameter of the system")
    relations = _relations(assumptions)
    n = len(system)
    v0 = _initial_vector(system, initial)
    keep = _reachable(system.A, [i for i in range(n) if v0[i] != 0 or system.b[i] != 0])
    if len(keep) < n:  # the other moments stay exactly zero: solve the closed subsystem only
        sub = MomentSystem(tuple(system.basis[i] for i in keep), system.A.extract(keep, keep),
                           system.b.extract(keep, [0]), system.model)
        part = solve(sub, t, [v0[i] for i in keep], assumptions=assumptions, regime=regime)
        full = [sp.S.Zero] * n
        for i, e in zip(keep, part.expressions):
            full[i] = e
        return Evolution(system.basis, t, tuple(full), tuple(v0), part.modes)
    z = sp.Dummy("z")
    tr = sp.Dummy("t", real=True)
    A, shift = _frame_shift(system.A) if system.b.is_zero_matrix else (system.A, sp.S.Zero)

    # 1. Laplace transform, fraction-free over the parameters' ring. By linearity, symbolic
    #    initial values are weights of unit columns (they stay out of the field K).
    columns, weights = [z * v0.applyfunc(lambda x: x if x.is_number else 0) + system.b], [sp.S.One]
    for k, x in enumerate(v0):
        if not x.is_number:
            columns.append(z * sp.eye(n)[:, k])
            weights.append(x)
    M = DomainMatrix.from_Matrix(z * sp.eye(n) - A)
    rhs = DomainMatrix.from_Matrix(sp.Matrix.hstack(*columns))
    M, rhs = M.unify(rhs)
    num, den = M.solve_den(rhs)
    R = num.domain
    den_expr = sp.expand(R.to_sympy(den) * z)
    num_exprs = [sp.expand(R.to_sympy(x)) for row in num.to_Matrix().T.tolist() for x in row]
    gens = [x for x in _generators([den_expr, *num_exprs]) if x != z]

    # 2. one factorisation of z det(z - A); partial fractions over K[z]. With a real denominator
    #    K is the real field and numerators are split into (real, imaginary) coefficient parts.
    complex_den = den_expr.has(sp.I)
    try:
        _, facs = sp.factor_list(den_expr, z, *gens, gaussian=complex_den)
    except sp.PolynomialError as e:
        raise ModelError(f"solve: expected matrix entries polynomial in the parameters, got {e}") from None
    base = sp.QQ_I if complex_den else sp.QQ
    K = base.frac_field(*gens) if gens else base
    to_poly = lambda e: sp.Poly(e, z, domain=K)
    fpolys = [(to_poly(f).monic(), m) for f, m in facs if f.has(z)]
    if complex_den:
        nums = [to_poly(e) for e in num_exprs]
    else:
        nums = [p for e in num_exprs for p in _real_imag_polys(e, z, gens, K)]
    split = _split_components(nums, to_poly(den_expr), fpolys, K, z)
    zero = sp.Poly(0, z, domain=K)
    if complex_den:
        parts = [{key: (Q, zero) for key, Q in comp.items()} for comp in split]
    else:
        parts = [{key: (split[2 * c].get(key, zero), split[2 * c + 1].get(key, zero))
                  for key in split[2 * c].keys() | split[2 * c + 1].keys()} for c in range(len(num_exprs))]
    val = lambda poly, k: sp.factor(K.to_sympy(poly.nth(k)))

    # 3. the time form of each factor (regime decided once per quadratic)
    modes, data = [], []
    for f, m in fpolys:
        fe = f.as_expr().xreplace({z: sp.Symbol("z")})
        if f.degree() == 1:
            lam = sp.factor(-K.to_sympy(f.nth(0)))
            data.append(("exponential", lam))
            modes.append(Mode(fe, m, "exponential", (sp.factor(lam + shift),)))
        elif f.degree() == 2:
            p, q = K.to_sympy(f.nth(1)), K.to_sympy(f.nth(0))
            W = sp.factor(q - p**2 / 4)
            if complex_den:
                form = "underdamped"  # a complex discriminant: cos(sqrt(W) t) is entire in W
            else:
                sign = _sign(W, relations)
                form = {1: "underdamped", -1: "overdamped", 0: "critical"}.get(sign, regime or "piecewise")
            data.append((form, (sp.factor(p), W)))
            root, centre = sp.sqrt(_positive_form(-W)), sp.factor(-p / 2 + shift)
            modes.append(Mode(fe, m, form, (centre + root, centre - root), W))
        else:
            data.append(("rootsum", None))
            modes.append(Mode(fe, m, "rootsum", (), None))

    # 4. invert and assemble, one factor at a time
    columns_t = []
    for comp in parts:
        total = root_sums = sp.S.Zero  # RootSums are built with t itself (xreplace would refactor them)
        by_factor: dict = {}
        for (i, j), QQ in comp.items():
            by_factor.setdefault(i, {})[j] = QQ
        for i, terms in sorted(by_factor.items()):
            f = fpolys[i][0]
            form, d = data[i]
            if form == "exponential":
                pairs = [(tuple(val(Q, 0) / factorial(j - 1) for Q in QQ), tr ** (j - 1)) for j, QQ in terms.items()]
                total += _exp(d, tr) * _combine(pairs)
            elif form == "rootsum":
                if set(terms) != {1}:
                    raise ModelError(
                        f"solve: a repeated irreducible factor of degree {f.degree()} ({f.as_expr()}) has no "
                        "closed form here; substitute parameter values that split it"
                    )
                Qe = terms[1][0].as_expr() + sp.I * terms[1][1].as_expr()
                fe = f.as_expr()
                root_sums += sp.RootSum(sp.Poly(fe, z), sp.Lambda(z, sp.factor(Qe / sp.diff(fe, z)) * sp.exp(z * t)))
            else:
                p, W = d
                ab = {}
                for j, QQ in terms.items():
                    alpha = tuple(val(Q, 1) for Q in QQ)
                    beta = tuple(val(Q, 0) for Q in QQ)
                    ab[j] = (alpha, tuple(sp.factor(b - a * p / 2) for a, b in zip(alpha, beta)))
                if form == "piecewise":
                    bracket = sp.Piecewise((_quadratic("underdamped", ab, p, W, tr), W > 0),
                                           (_quadratic("overdamped", ab, p, W, tr), W < 0),
                                           (_quadratic("critical", ab, p, W, tr), True))
                else:
                    bracket = _quadratic(form, ab, p, W, tr)
                total += _exp(-p / 2, tr) * bracket
        columns_t.append(total.xreplace({tr: t}) + root_sums)
    rotation = _exp(shift, tr).xreplace({tr: t}) if shift != 0 else sp.S.One
    expressions = []
    for c in range(n):
        e = sum((w * columns_t[k * n + c] for k, w in enumerate(weights)), sp.S.Zero)
        expressions.append(rotation * e)
    return Evolution(system.basis, t, tuple(expressions), tuple(v0), tuple(modes))


def _reachable(A: sp.Matrix, start: list) -> list:
    """Indices of the moments that can become nonzero: ``start`` and every ``i`` with ``A[i, j] != 0``
    for a reachable ``j`` (the rest obey a closed homogeneous system with zero initial values)."""
    seen, todo = set(start), list(start)
    while todo:
        j = todo.pop()
        for i in range(A.rows):
            if i not in seen and A[i, j] != 0:
                seen.add(i)
                todo.append(i)
    return sorted(seen)


def _generators(entries: list) -> list:
    """The polynomial generators of the entries (symbols, and radicals such as sqrt(S), sqrt(2),
    which are treated as independent generators: exact, if not maximally factored)."""
    exprs = [sp.sympify(e) for e in entries if not sp.sympify(e).is_Rational]
    exprs = [e for e in exprs if e.free_symbols or e.has(sp.Pow)]
    if not exprs:
        return []
    gens = sp.parallel_poly_from_expr(exprs, domain=sp.QQ_I if any(e.has(sp.I) for e in exprs) else None)[1].gens
    return sorted(gens, key=str)


def _frame_shift(A: sp.Matrix):
    """``A = A_r + mu 1`` with mu collecting parameters that enter only as ``c p 1`` (a rotating frame).

    Such a parameter (e.g. a common frequency omega_0 in first moments) shifts every eigenvalue
    by the same amount, so ``e^{At} = e^{mu t} e^{A_r t}`` (used when b = 0).
    """
    mu = sp.S.Zero
    for p in sorted(A.free_symbols, key=str):
        D = A.diff(p)
        c = D[0, 0]
        if c != 0 and not c.free_symbols and (D - c * sp.eye(A.rows)).is_zero_matrix:
            mu += c * p
            A = A.xreplace({p: 0})
    return A, mu
