"""Separability critical points and extrema of piecewise (``Max`` / ``Heaviside``) measures.

A *separability critical point* (SCP) is where a steady-state entanglement measure such as
``C = Max(0, f)`` switches branch: the argument ``f`` of a ``Max`` / ``Heaviside`` /
``Piecewise`` condition crosses zero. :func:`separability_critical_points` solves ``f = 0``
exactly for one parameter, keeps the roots that are real and positive (always, or on a stated
condition on the other parameters, as in :func:`symq.exceptional_points`) and checks at random
values of the other parameters (log-uniform in [1e-2, 1e2], 30-digit arithmetic) that ``f``
really changes sign there, recording on which side it is positive (the entangled side).

Each measure is analysed on its own: for two qubits the negativity and the concurrence vanish
on the same set (PPT is equivalent to separability), but in higher dimensions (e.g. truncated
oscillators) the zeros of different measures need not coincide.

:func:`extrema` finds the stationary points of a measure's active branch (where the branch is
positive), e.g. the maximal concurrence and where it sits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import sympy as sp

from .errors import ModelError
from .spectral import _positivity, _sample

__all__ = ["CriticalPoint", "Extremum", "branch_arguments", "extrema", "separability_critical_points"]

_DPS = 30


@dataclass(frozen=True)
class CriticalPoint:
    """``parameter = value`` (valid where ``condition`` holds) at which ``argument`` changes sign.

    ``positive_side`` is ``"below"`` or ``"above"`` the critical value: where ``argument > 0``,
    i.e. where ``Max(0, argument)`` is nonzero (the entangled side of an entanglement measure);
    ``checked_at`` lists the parameter values at which the sign change was verified.
    """

    parameter: sp.Symbol
    value: sp.Expr
    argument: sp.Expr
    positive_side: str
    condition: sp.Basic = sp.true
    checked_at: tuple = field(default=(), repr=False)

    @property
    def locus(self) -> sp.Eq:
        return sp.Eq(self.parameter, self.value)


@dataclass(frozen=True)
class Extremum:
    """A stationary point ``parameter = location`` of a measure's active branch.

    ``kind`` is ``"maximum"`` or ``"minimum"``; ``value`` the measure there (exact).
    """

    parameter: sp.Symbol
    location: sp.Expr
    value: sp.Expr
    kind: str
    condition: sp.Basic = sp.true
    checked_at: tuple = field(default=(), repr=False)


def branch_arguments(expr) -> list:
    """The expressions whose sign selects a branch: ``f`` of ``Max(0, f)``, ``Heaviside(f)``,
    ``a - b`` of ``Max(a, b)`` / ``Min(a, b)``, ``lhs - rhs`` of Piecewise conditions."""
    expr = sp.sympify(expr)
    out: list = []

    def add(f):
        f = sp.sympify(f)
        if f.free_symbols and not any(sp.simplify(f - g) == 0 for g in out):
            out.append(f)

    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Max, sp.Min)):
            args = list(node.args)
            if sp.S.Zero in args:
                for a in args:
                    if a != 0:
                        add(a)
            else:
                for i in range(len(args)):
                    for j in range(i + 1, len(args)):
                        add(args[i] - args[j])
        elif isinstance(node, sp.Heaviside):
            add(node.args[0])
        elif isinstance(node, sp.Piecewise):
            for _, cond in node.args:
                if isinstance(cond, sp.core.relational.Relational):
                    add(cond.lhs - cond.rhs)
    return out


def _check_symbol(expr, x, where: str) -> list:
    if not isinstance(x, sp.Symbol) or x not in expr.free_symbols:
        raise ModelError(
            f"{where}: expected solve_for to be one of the expression's symbols {sorted(map(str, expr.free_symbols))}, got {x!r}"
        )
    if not x.is_positive:
        raise ModelError(f"{where}: expected solve_for declared positive (Symbol(..., positive=True)), got {x!r}")
    return sorted(expr.free_symbols - {x}, key=str)


def _tidy(e) -> sp.Expr:
    """Factored, or with radicals: the expanded numerator with its common factors taken out."""
    e = sp.sympify(e)
    if not any(p.exp.is_Rational and not p.exp.is_Integer for p in e.atoms(sp.Pow)):
        return sp.factor(e)
    n, d = sp.fraction(sp.together(e))
    return sp.factor_terms(sp.expand(n)) / sp.factor(d)


def _zeros(f, x) -> list:
    """``[(root, polynomial factor or None)]``: real candidate roots of ``f = 0`` in ``x`` where
    ``f`` changes sign (odd multiplicity); the factor is the polynomial the root annihilates."""
    num = sp.fraction(sp.factor(sp.together(f)))[0]
    has_radical = any(p.exp.is_Rational and not p.exp.is_Integer and x in p.free_symbols for p in num.atoms(sp.Pow))
    roots = []
    if has_radical:
        roots = [(r, None) for r in sp.solve(num, x)]
    else:
        for fac, mult in sp.factor_list(num)[1]:
            if x in fac.free_symbols and mult % 2 == 1:
                roots += [(r, fac) for r in sp.solve(fac, x)]
    out = []
    for r, fac in roots:
        r = _tidy(sp.sqrtdenest(sp.simplify(r)))
        if not any(sp.simplify(r - o) == 0 for o, _ in out):
            out.append((r, fac))
    return out


def _value_at(f, x, root, fac) -> sp.Expr:
    """``f(root)``; a rational ``f`` is first reduced modulo the root's polynomial ``fac``
    (``f = A/B = A B^-1 mod fac``), which keeps the value free of nested radicals."""
    A, B = sp.fraction(sp.together(f))
    if fac is not None and sp.Poly(fac, x).degree() >= 2 and A.is_polynomial(x) and B.is_polynomial(x):
        try:
            f = sp.rem(sp.expand(A * sp.invert(B, fac, x)), fac, x)
        except (sp.polys.polyerrors.NotInvertible, sp.polys.polyerrors.PolynomialError):
            pass
    return _tidy(sp.radsimp(sp.simplify(f.subs(x, root))))


def _num(expr, vals) -> sp.Float | None:
    """``expr`` at ``vals`` to 30 digits, or None when it is not real there."""
    re, im = sp.N(expr.xreplace(vals), _DPS).as_real_imag()
    if abs(im) > sp.Float(10) ** (5 - _DPS) * (1 + abs(re)):
        return None
    return sp.Float(re, _DPS)


def _side_values(f, x, root, vals, rel: float = 1e-8):
    """``f`` just below and just above ``x = root`` (30 digits), or None when not real there."""
    r = _num(root, vals)
    if r is None or r <= 0:
        return None
    eps = sp.Float(rel, _DPS) * r
    lo, hi = _num(f, {**vals, x: r - eps}), _num(f, {**vals, x: r + eps})
    return None if lo is None or hi is None else (lo, hi)


def separability_critical_points(measure_expr, solve_for: sp.Symbol, *, samples: int = 3, seed: int = 0) -> list:
    """Where a piecewise measure (``Max(0, f)``, ``Heaviside(f)``, ...) switches branch.

    Returns :class:`CriticalPoint` loci ``solve_for = value`` with their validity condition on the
    other (positive) parameters, each verified to be a sign change of the branch argument at
    ``samples`` random parameter points.
    """
    expr = sp.sympify(measure_expr)
    others = _check_symbol(expr, solve_for, "separability_critical_points")
    args = branch_arguments(expr)
    if not args:
        raise ModelError(
            f"separability_critical_points: expected a piecewise measure (Max, Heaviside or Piecewise), got {expr}"
        )
    rng = random.Random(seed)
    found: list = []
    for f in args:
        if solve_for not in f.free_symbols:
            continue
        for root, _ in _zeros(f, solve_for):
            cond = _positivity(root, others)
            if cond is None or any(sp.simplify(c.value - root) == 0 for c in found):
                continue
            sides, checks = set(), []
            for _ in range(samples):
                vals = _sample(others, cond, rng)
                if vals is None:
                    break
                lr = _side_values(f, solve_for, root, vals)
                if lr is None or lr[0] * lr[1] >= 0:
                    checks = []
                    break
                sides.add("below" if lr[0] > 0 else "above")
                checks.append(vals)
            if checks and len(sides) == 1:
                found.append(CriticalPoint(solve_for, root, f, sides.pop(), cond, tuple(checks)))
    return found


def extrema(expr, solve_for: sp.Symbol, *, samples: int = 3, seed: int = 0) -> list:
    """Stationary points in ``solve_for`` of each active branch of ``expr`` (maxima and minima).

    For ``Max(0, f)`` the branch ``f`` is differentiated and only stationary points where
    ``f > 0`` are kept; a plain expression is its own branch. Roots are real and positive (on the
    returned condition); the kind is decided by the values at ``1e-4`` relative distance on either
    side, at ``samples`` random values of the other parameters.
    """
    expr = sp.sympify(expr)
    others = _check_symbol(expr, solve_for, "extrema")
    zero_max = [a for node in sp.preorder_traversal(expr) if isinstance(node, sp.Max) and sp.S.Zero in node.args
                for a in node.args if a != 0]
    branches = zero_max or [expr]
    rng = random.Random(seed)
    out: list = []
    for f in branches:
        if solve_for not in f.free_symbols:
            continue
        for loc, fac in _zeros(sp.diff(f, solve_for), solve_for):
            cond = _positivity(loc, others)
            if cond is None:
                continue
            kinds, checks = set(), []
            for _ in range(samples):
                vals = _sample(others, cond, rng)
                if vals is None:
                    break
                at = _num(f, {**vals, solve_for: loc.xreplace(vals)})
                lr = _side_values(f, solve_for, loc, vals, rel=1e-4)
                if at is None or lr is None or (zero_max and at <= 0):
                    checks = []
                    break
                if lr[0] < at and lr[1] < at:
                    kinds.add("maximum")
                elif lr[0] > at and lr[1] > at:
                    kinds.add("minimum")
                else:
                    kinds.add("inflection")
                checks.append(vals)
            if checks and len(kinds) == 1 and "inflection" not in kinds:
                value = _value_at(f, solve_for, loc, fac)
                out.append(Extremum(solve_for, loc, value, kinds.pop(), cond, tuple(checks)))
    return out
