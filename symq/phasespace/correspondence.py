"""Operator correspondences: the master equation as a partial differential equation.

Multiplying ``rho`` by ``a`` or ``a^dag`` from the left or the right acts on an s-ordered
quasi-probability ``F(alpha, alpha^*)`` as a first-order differential operator (Wirtinger
derivatives ``d = d/d alpha``, ``d* = d/d alpha^*``; positive P: ``alpha^* -> beta``)::

    a rho      <->  (alpha   + (1 - s)/2 d*) F        rho a^dag  <->  (alpha^* + (1 - s)/2 d ) F
    a^dag rho  <->  (alpha^* - (1 + s)/2 d ) F        rho a      <->  (alpha   - (1 + s)/2 d*) F

``s = 0``: Wigner (Bopp operators, ``a rho <-> (alpha + d*/2) W``); ``s = 1``: P (``a rho <->
alpha P``, ``a^dag rho <-> (alpha^* - d) P``, ``rho a <-> (alpha - d*) P``, ``rho a^dag <->
alpha^* P``). A saturation factor ``f(a^dag a)`` (:class:`~symq.phasespace.saturable.Saturable`)
on either side becomes ``f(alpha alpha^*)`` with its derivatives dropped (App. A, Eqs. A8-A10:
each derivative of ``f`` is ``O(n0^{-1/2})``), i.e. a factor that commutes with the derivatives:
``f d^n [c F] -> d^n [f c F]``. (Keeping them by the Leibniz rule would make the result depend on
whether the left or the right factors of ``L rho R`` act first, since the replaced ``f`` no longer
commutes with the other side's correspondences, and break the conjugation symmetry of the drift.)

Differential operators are kept in Kramers-Moyal form ``sum_n d^n [c_n(x) .]`` (derivatives to
the left), as a dict ``{n: c_n}`` with ``n`` a sorted tuple of ``(variable, power)``; left
multiplication by a variable follows from ``x d^n g = d^n (x g) - n_x d^(n - e_x) g``. Operators
on different sites act on disjoint variables, so each site's factor is derived once (on
placeholder variables) and products over sites multiply the per-site operators.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from .variables import Mode, Representation

_Z, _W = sp.Symbol("_z"), sp.Symbol("_w")
A, AD = "a", "ad"  # local factors; ("f", Lambda) is a saturation factor f(a^dag a)


def _key(d: dict) -> tuple:
    return tuple(sorted(((v, p) for v, p in d.items() if p), key=lambda t: t[0].name))


def _shift(key: tuple, var, k: int) -> tuple:
    d = dict(key)
    d[var] = d.get(var, 0) + k
    return _key(d)


def _add(out: dict, key, c) -> None:
    out[key] = out.get(key, 0) + c


def times_variable(op: dict, x) -> dict:
    """``x * op`` in Kramers-Moyal form."""
    out: dict = {}
    for key, c in op.items():
        _add(out, key, x * c)
        p = dict(key).get(x, 0)
        if p:
            _add(out, _shift(key, x, -1), -p * c)
    return out


def derivative(op: dict, y, coeff=1) -> dict:
    """``coeff * d_y op``."""
    return {_shift(key, y, 1): coeff * c for key, c in op.items()}


def _plus(*ops) -> dict:
    out: dict = {}
    for op in ops:
        for key, c in op.items():
            _add(out, key, c)
    return out


def _act(op: dict, factor, side: str, s, z, w) -> dict:
    """One factor of ``L rho`` (side "left") or ``rho R`` (side "right") applied to ``op``."""
    if isinstance(factor, tuple):  # ("f", f): f(a^dag a) -> f(alpha alpha^*), derivatives of f dropped
        value = factor[1](z * w)
        return {key: value * c for key, c in op.items()}
    half_minus, half_plus = sp.Rational(1, 2) * (1 - s), sp.Rational(1, 2) * (1 + s)
    if factor == A:
        var, c, d = (z, half_minus, w) if side == "left" else (z, -half_plus, w)
    else:
        var, c, d = (w, -half_plus, z) if side == "left" else (w, half_minus, z)
    out = times_variable(op, var)
    return _plus(out, derivative(op, d, c)) if c else out


@lru_cache(maxsize=4096)
def local(s: int, left: tuple, right: tuple) -> tuple:
    """``L rho R`` for one site on the placeholder variables, as sorted ``(key, coeff)`` pairs.

    ``left`` and ``right`` are the factor sequences of ``L`` and ``R`` as written (leftmost
    first): ``L rho`` applies them right to left, ``rho R`` left to right.
    """
    op: dict = {(): sp.S.One}
    for factor in right:
        op = _act(op, factor, "right", s, _Z, _W)
    for factor in reversed(left):
        op = _act(op, factor, "left", s, _Z, _W)
    return tuple((k, sp.expand(c)) for k, c in op.items() if sp.expand(c) != 0)


def sequence(monomial) -> tuple:
    """The factor sequence of a normal-ordered boson monomial ``a^dag^m a^n``."""
    m, n = monomial
    return (AD,) * m + (A,) * n


def pair(rep: Representation, factors: dict, modes: dict) -> dict:
    """The Kramers-Moyal operator of ``L rho R`` with ``factors = {site: (left seq, right seq)}``."""
    op: dict = {(): sp.S.One}
    for site, (left, right) in factors.items():
        mode: Mode = modes[site]
        swap = {_Z: mode.z, _W: mode.w}
        out: dict = {}
        for key, c in local(rep.s, left, right):
            lkey = tuple((swap[v], p) for v, p in key)
            cc = c.xreplace(swap)
            for k0, c0 in op.items():
                _add(out, _key({**dict(k0), **dict(lkey)}), c0 * cc)
        op = out
    return op


def symbol(op, rep: Representation, modes: dict) -> sp.Expr:
    """The phase-space function whose average is ``<op>``: the ``(-s)``-ordered symbol (Weyl
    symbol for the Wigner function, normal-ordered symbol ``alpha^*m alpha^n`` for P)."""
    total = sp.S.Zero
    for word, c in op.terms.items():
        term = c
        for site, mono in word:
            mode = modes[site]
            value = sp.S.Zero
            for key, cc in local(-rep.s, sequence(mono), ()):
                expr = cc
                for v, p in key:
                    expr = sp.diff(expr, v, p)
                value += expr
            term *= value.xreplace({_Z: mode.z, _W: mode.w})
        total += term
    return sp.expand(total)
