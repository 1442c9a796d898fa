"""Mean-field equations: first moments closed by factorising products, ``<AB> -> <A><B>``.

For every spin site the classical variables are ``(x, y, z) = (<S_x>, <S_y>, <S_z>)`` and for
every boson ``(x, p) = (Re<a>, Im<a>)``; the equations are the first-moment equations
``d<O>/dt = <L^dag[O]>`` with every operator word replaced by the product of its classical
factors. Different sites always factorise; products on one site depend on the operator ordering
that is factorised, which matters at relative order 1/S (spins) or 1/|alpha|^2 (bosons):

* ``ordering="symmetric"`` (default): fully symmetrised (Weyl) products map to products of the
  classical values; a normal-ordered word is first rewritten as its symmetrised form plus
  lower-degree words (recursively). For spins this reproduces the standard mean-field equations
  with ``<S_x^2 + S_y^2> = S(S+1) - <S_z^2>`` (e.g. ``-Gamma (1 + 2 z) x / 2S`` for gain).
* ``ordering="normal"``: the canonical word ``S_+^m S_z^k S_-^n`` (``a^dag^m a^n``) maps to
  ``<S_+>^m <S_z>^k <S_->^n`` (Glauber / Gross-Pitaevskii for bosons).

``MeanField.stability(point)`` linearises at a fixed point: Jacobian, factored characteristic
polynomial, eigenvalues (closed form for factors of degree <= 2), the Routh-Hurwitz conditions
for asymptotic stability, and the loci where stability changes (a real eigenvalue crossing zero:
constant coefficient = 0; a complex pair crossing the imaginary axis: Hurwitz determinant
``Delta_{d-1}`` = 0), which ``Stability.loci(solve_for)`` solves exactly.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from ..algebra import Op
from ..algebra.kinds import Boson, Spin
from ..errors import ModelError
from ..lindblad import Lindblad

__all__ = ["Boundary", "MeanField", "Stability", "mean_field"]

_ORDERINGS = ("symmetric", "normal")
LAMBDA = sp.Symbol("lambda")


def _mono(site, m) -> Op:
    return Op({((site, m),): sp.S.One}, _canonical=True)


def _degree(m) -> int:
    return sum(m)


def _generators(site, m) -> list:
    """The elementary factors of a canonical local monomial, in order."""
    if isinstance(site.kind, Spin):
        p, k, n = m
        return [(1, 0, 0)] * p + [(0, 1, 0)] * k + [(0, 0, 1)] * n
    p, n = m
    return [(1, 0)] * p + [(0, 1)] * n


@dataclass(frozen=True)
class Boundary:
    """A factor whose zero changes stability: ``kind`` is ``"real"`` (an eigenvalue crosses 0) or
    ``"oscillatory"`` (a complex pair crosses the imaginary axis, a Hopf point)."""

    expr: sp.Expr
    kind: str


@dataclass(frozen=True)
class Stability:
    """Linear stability of a fixed point.

    ``factors``: the characteristic polynomial ``det(lambda - J)`` factored, as ``(factor,
    multiplicity)``; ``eigenvalues``: ``(eigenvalue, multiplicity)`` in closed form for factors of
    degree <= 2 (``CRootOf`` otherwise); ``conditions``: expressions that are all positive exactly
    when every eigenvalue of the non-neutral factors has negative real part (Routh-Hurwitz);
    ``neutral``: the number of eigenvalues that vanish identically (e.g. a free phase);
    ``boundaries``: where a condition changes sign.
    """

    jacobian: sp.Matrix
    factors: tuple
    eigenvalues: tuple
    conditions: tuple
    boundaries: tuple
    neutral: int = 0

    def loci(self, solve_for: sp.Symbol) -> list:
        """Each boundary solved exactly for ``solve_for`` (real positive roots), as ``Eq`` objects."""
        out = []
        for b in self.boundaries:
            for f in sp.Mul.make_args(sp.factor(b.expr)):
                f = f.base if f.is_Pow else f
                if solve_for not in f.free_symbols:
                    continue
                for root in sp.solve(f, solve_for):
                    root = sp.factor(root)
                    if root.is_real is False or root.is_nonpositive:
                        continue
                    eq = sp.Eq(solve_for, root)
                    if eq not in out:
                        out.append(eq)
        return out

    def is_stable(self, values) -> bool:
        """Numerically at ``values``: every non-neutral eigenvalue has a negative real part."""
        J = np.array(self.jacobian.xreplace({sp.sympify(k): v for k, v in values.items()}).evalf(), dtype=complex)
        ev = sorted(np.linalg.eigvals(J), key=abs)[self.neutral:]  # drop the identically-zero ones
        return bool(all(e.real < 0 for e in ev))


@dataclass(frozen=True)
class MeanField:
    """Mean-field equations ``d/dt variables = rhs`` of a spin/boson model (see the module docstring)."""

    model: Lindblad
    ordering: str
    variables: tuple
    operators: tuple
    rhs: sp.Matrix

    @cached_property
    def parameters(self) -> set:
        return set(self.rhs.free_symbols) - set(self.variables)

    def variable(self, op) -> sp.Symbol:
        """The classical variable of a site operator (``Sa.x``, ``Sa.z``, ``(a + a.dag())/2`` ...)."""
        for v, o in zip(self.variables, self.operators):
            if o == op:
                return v
        raise ModelError(f"MeanField.variable: expected one of {list(self.operators)}, got {op}")

    def equations(self, t: sp.Symbol | None = None) -> list:
        """``Eq(d/dt v(t), rhs)`` with each variable as a function of ``t``."""
        t = t if t is not None else sp.Symbol("t", real=True)
        funcs = {v: sp.Function(v.name, real=True)(t) for v in self.variables}
        return [sp.Eq(sp.Derivative(funcs[v], t), r.xreplace(funcs)) for v, r in zip(self.variables, self.rhs)]

    def jacobian(self, point: dict | None = None) -> sp.Matrix:
        J = self.rhs.jacobian(list(self.variables))
        return J.xreplace(point) if point else J

    def is_fixed_point(self, point: dict, *, rtol: float = 1e-12) -> bool:
        """``rhs = 0`` at ``point``: identically in the parameters, or to ``rtol`` (relative to the
        point's size) when everything is numeric with Floats."""
        vals = [r.xreplace(point) for r in self.rhs]
        if any(v.has(sp.Float) for v in vals) and not any(v.free_symbols for v in vals):
            scale = max([1.0] + [abs(complex(x)) for x in point.values()])
            return all(abs(complex(v)) <= rtol * scale for v in vals)
        return all(sp.simplify(v) == 0 for v in vals)

    def subs(self, values: dict) -> MeanField:
        """The same equations with parameter ``values`` substituted."""
        vals = {sp.sympify(k): sp.sympify(v) for k, v in values.items()}
        return MeanField(self.model, self.ordering, self.variables, self.operators,
                         self.rhs.xreplace(vals).applyfunc(sp.expand))

    def fixed_points(self, values: dict | None = None, *, digits: int = 30) -> list:
        """Real fixed points as ``{variable: value}``, via ``sympy.solve`` (``values`` substituted first).

        With every parameter numeric the roots are evaluated to ``digits`` digits and those with a
        negligible imaginary part are kept (as Floats); otherwise roots that are not real by
        sympy's assumptions are dropped.
        """
        rhs = (self.subs(values) if values else self).rhs
        sols = sp.solve(list(rhs), list(self.variables), dict=True)
        numeric = not (rhs.free_symbols - set(self.variables))
        out = []
        for s in sols:
            point = {v: sp.sympify(s.get(v, v)) for v in self.variables}
            if numeric:
                vals = {v: complex(x.evalf(digits)) for v, x in point.items() if not x.free_symbols}
                if len(vals) < len(point):
                    out.append(point)  # a free direction (a line of fixed points) stays symbolic
                    continue
                scale = max(1.0, *(abs(x) for x in vals.values()))
                if all(abs(x.imag) < 1e-12 * scale for x in vals.values()):
                    out.append({v: sp.Float(vals[v].real, digits) for v in self.variables})
            elif all(x.is_real is not False for x in point.values()):
                out.append(point)
        return out

    def vector_field(self, values: dict):
        """``f(t, y)`` for ``scipy.integrate.solve_ivp``, parameters set to ``values``."""
        rhs = self.rhs.xreplace({sp.sympify(k): sp.sympify(v) for k, v in values.items()})
        if rhs.free_symbols - set(self.variables):
            missing = sorted(map(str, rhs.free_symbols - set(self.variables)))
            raise ModelError(f"MeanField.vector_field: expected values for every parameter, got none for {missing}")
        f = sp.lambdify(list(self.variables), list(rhs), "numpy")
        return lambda t, y: np.asarray(f(*y), dtype=float)

    def stability(self, point: dict) -> Stability:
        """Linear stability of the fixed point ``point`` (see :class:`Stability`)."""
        if not self.is_fixed_point(point):
            raise ModelError(f"MeanField.stability: expected a fixed point, got {point} where rhs = "
                             f"{[sp.simplify(r.xreplace(point)) for r in self.rhs]}")
        J = self.jacobian(point).applyfunc(sp.expand)
        if not J.free_symbols and any(x.has(sp.Float) for x in J):  # a numeric fixed point
            ev = np.linalg.eigvals(np.array(J.evalf(), dtype=complex))
            neutral = int(np.sum(np.abs(ev) < 1e-12 * max(1.0, np.abs(ev).max())))
            eigen = tuple((sp.Float(e.real) + sp.I * sp.Float(e.imag), 1) for e in ev)
            live = sorted(ev, key=lambda e: abs(e))[neutral:]
            return Stability(J, (), eigen, tuple(sp.Float(-e.real) for e in live), (), neutral)
        dM = DomainMatrix.from_Matrix(J)
        K = dM.domain
        cp = sp.Poly([K.to_sympy(c) for c in dM.charpoly()], LAMBDA).as_expr()
        numer, _ = sp.fraction(sp.together(cp))
        _, facs = sp.factor_list(sp.expand(numer), LAMBDA, *sorted(J.free_symbols, key=str))
        factors, eigen, conds, bounds, neutral = [], [], [], [], 0
        for f, m in facs:
            if not f.has(LAMBDA):
                continue
            P = sp.Poly(f, LAMBDA).monic()
            factors.append((sp.factor(P.as_expr()), m))
            if P.as_expr() == LAMBDA:
                neutral += m
                eigen.append((sp.S.Zero, m))
                continue
            d = P.degree()
            if d <= 2:
                eigen += [(sp.factor(r), m * k) for r, k in sp.roots(P).items()]
            else:
                eigen += [(sp.CRootOf(P.as_expr(), i), m) for i in range(d)]
            c = [sp.factor(x) for x in P.all_coeffs()]  # c[0] = 1
            minors = _hurwitz_minors(c)
            conds += minors[:-1] + [c[-1]]
            bounds.append(Boundary(c[-1], "real"))
            if d >= 2:
                bounds.append(Boundary(minors[-2], "oscillatory"))
        return Stability(J, tuple(factors), tuple(eigen), tuple(dict.fromkeys(conds)), tuple(bounds), neutral)


def _hurwitz_minors(c: list) -> list:
    """Leading principal minors Delta_1..Delta_d of the Hurwitz matrix of ``sum c_k x^{d-k}``."""
    d = len(c) - 1
    coef = lambda k: c[k] if 0 <= k <= d else sp.S.Zero
    Hm = sp.Matrix(d, d, lambda i, j: coef(2 * (j + 1) - (i + 1)))
    return [sp.factor(Hm[:k, :k].det()) for k in range(1, d + 1)]


# -- factorisation --------------------------------------------------------------------------------
class _Classical:
    """The classical value of local monomials for one ordering, cached."""

    def __init__(self, ordering: str, symbols: dict):
        self.ordering = ordering
        self.symbols = symbols  # site -> variables
        self.cache: dict = {}

    def base(self, site, m) -> sp.Expr:
        """The product of the classical values of the generators of a monomial."""
        if isinstance(site.kind, Spin):
            x, y, z = self.symbols[site]
            p, k, n = m
            return (x + sp.I * y) ** p * z**k * (x - sp.I * y) ** n
        x, p_ = self.symbols[site]
        mm, n = m
        return (x - sp.I * p_) ** mm * (x + sp.I * p_) ** n

    def __call__(self, site, m) -> sp.Expr:
        key = (site, m)
        if key in self.cache:
            return self.cache[key]
        if self.ordering == "normal":
            out = self.base(site, m)
        else:
            gens = _generators(site, m)
            perms = set(itertools.permutations(gens))
            sym = Op.scalar(0)
            for perm in perms:
                prod = Op.scalar(1)
                for g in perm:
                    prod = prod * _mono(site, g)
                sym = sym + prod
            rest = sym / len(perms) - _mono(site, m)  # lower-degree words
            out = self.base(site, m)
            for word, c in rest.terms.items():
                if not word:
                    out -= c
                    continue
                ((s, mm),) = word
                if _degree(mm) >= _degree(m):
                    raise ModelError(f"mean_field: internal error, symmetrising {m} on {site.name} did not lower the degree")
                out -= c * self(s, mm)
        self.cache[key] = sp.expand(out)
        return self.cache[key]

    def of(self, op: Op) -> sp.Expr:
        total = sp.S.Zero
        for word, c in op.terms.items():
            term = c
            for site, m in word:
                term = term * self(site, m)
            total += term
        return sp.expand(total)


def mean_field(model: Lindblad, *, ordering: str = "symmetric") -> MeanField:
    """The mean-field equations of a model over spins and bosons (see the module docstring)."""
    if not isinstance(model, Lindblad):
        raise ModelError(f"mean_field: expected a Lindblad model, got {type(model).__name__}")
    if ordering not in _ORDERINGS:
        raise ModelError(f"mean_field: expected ordering in {_ORDERINGS}, got {ordering!r}")
    symbols, variables, operators = {}, [], []
    for site in model.sites:
        if isinstance(site.kind, Spin):
            names = [f"S^{c}_{{{site.label}}}" for c in "xyz"]
            plus, minus = _mono(site, (1, 0, 0)), _mono(site, (0, 0, 1))
            ops = [(plus + minus) / 2, (plus - minus) / (2 * sp.I), _mono(site, (0, 1, 0))]
        elif isinstance(site.kind, Boson):
            names = [f"x_{{{site.label}}}", f"p_{{{site.label}}}"]
            a, ad = _mono(site, (0, 1)), _mono(site, (1, 0))
            ops = [(a + ad) / 2, (a - ad) / (2 * sp.I)]
        else:
            raise ModelError(
                f"mean_field: expected spin or boson sites, got {site.name!r} of kind {site.kind}; "
                "write a two-level system as symq.spins(name, 1/2)"
            )
        syms = tuple(sp.Symbol(nm, real=True) for nm in names)
        symbols[site] = syms
        variables += syms
        operators += ops
    classical = _Classical(ordering, symbols)
    rhs = []
    for v, O in zip(variables, operators):
        e = classical.of(model.adjoint(O))
        if sp.expand(e - sp.conjugate(e)) != 0:
            raise ModelError(f"mean_field: the equation of {v} is not real ({e}); are the parameters real?")
        rhs.append(sp.expand(e))
    return MeanField(model, ordering, tuple(variables), tuple(operators), sp.Matrix(rhs))
