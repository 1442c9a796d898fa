"""Observables of a state: populations, imbalance, EPR, excitation current, zero-delay g2.

Site operators are the lowering operators ``a`` of the sites (``sigma`` for a qubit, ``a`` for a
boson, ``S_-`` for a spin). Definitions (``<X> = Tr rho X``):

* ``populations(rho, a, b, ...) = (<N_a>, <N_b>, ...)``, ``N`` the site's excitation number
  (``sigma^dag sigma``; ``a^dag a``; ``sum_i i |i><i|`` for an N-level system; ``S_z + S``).
* ``imbalance(rho, a, b) = (<N_a> - <N_b>)/(<N_a> + <N_b>)``.
* ``epr(rho, a, b) = <a^dag a><b^dag b> - <a^dag a b^dag b>`` (Downing & Fox's EPR; > 0 hints at
  entanglement).
* ``excitation_current(rho, H, source, target) = < i [H_st, N_target] >``: the rate at which the
  coherent coupling ``H_st`` (the terms of H acting on both sites) moves excitations from
  ``source`` to ``target``; for ``H_st = g (a^dag b + b^dag a)`` it is
  ``i g <a^dag b - b^dag a>``. In a steady state it equals the flux leaving through the target's
  loss (``kappa <N_b>``) and entering through the source's gain; times the transition energy
  ``omega_0`` it is the energy current.
* ``g2(rho, a) = <a^dag a^dag a a>/<a^dag a>^2`` (0 for a two-level system) and
  ``g2_cross(rho, a, b) = <a^dag b^dag b a>/(<a^dag a><b^dag b>)``, both at zero delay.
"""

from __future__ import annotations

import sympy as sp

from ..algebra import Op, as_op, comm
from ..algebra.kinds import Boson, Levels, Spin
from ..errors import NumericsError
from ._state import expect, real_if_hermitian, resolve_space, simplify_exact


def _site(op, where: str):
    op = as_op(op, where)
    if len(op.sites) != 1 or not op.is_monomial:
        raise NumericsError(f"{where}: expected a site operator such as q1 or a1, got {op}")
    return op.sites[0]


def number_operator(op) -> Op:
    """The excitation number ``N`` of the site of ``op`` (see the module docstring)."""
    site = _site(op, "number_operator")
    kind = site.kind
    if isinstance(kind, Levels):
        return Op({((site, (i, i)),): i for i in range(1, kind.n)})
    if isinstance(kind, Boson):
        return Op({((site, (1, 1)),): 1})
    if isinstance(kind, Spin):
        return Op({((site, (0, 1, 0)),): 1}) + kind.S
    raise NumericsError(f"number_operator: unknown site kind {kind!r}")


def _value(x, where: str):
    return x if isinstance(x, sp.Basic) else real_if_hermitian(x, where)


def _ratio(num, den):
    return simplify_exact(num / den) if isinstance(num, sp.Basic) else num / den


def populations(rho, *ops, space=None) -> tuple:
    """``(<N_a>, <N_b>, ...)`` for the sites of the given operators."""
    if not ops:
        raise NumericsError("populations: expected at least one site operator, got none")
    sp_ = resolve_space(rho, ops, space, "populations")
    return tuple(_value(expect(number_operator(o), rho, sp_), "populations") for o in ops)


def imbalance(rho, a, b, space=None):
    """``(<N_a> - <N_b>)/(<N_a> + <N_b>)``."""
    na, nb = populations(rho, a, b, space=space)
    return _ratio(na - nb, na + nb)


def epr(rho, a, b, space=None):
    """``<a^dag a><b^dag b> - <a^dag a b^dag b>``."""
    a, b = as_op(a, "epr"), as_op(b, "epr")
    sp_ = resolve_space(rho, [a, b], space, "epr")
    na = _value(expect(a.dag() * a, rho, sp_), "epr")
    nb = _value(expect(b.dag() * b, rho, sp_), "epr")
    nab = _value(expect(a.dag() * a * b.dag() * b, rho, sp_), "epr")
    out = na * nb - nab
    return simplify_exact(out) if isinstance(out, sp.Basic) else out


def excitation_current(rho, H, source, target, space=None, values=None):
    """``< i [H_st, N_target] >`` with ``H_st`` the terms of H (an Op or a model) on both sites;
    ``values`` ({Symbol: value}) resolve H's coefficients (required for a numeric state)."""
    H = as_op(getattr(H, "H", H), "excitation_current: Hamiltonian")
    s_site, t_site = _site(source, "excitation_current source"), _site(target, "excitation_current target")
    H_st = Op({w: c for w, c in H.terms.items() if {s_site, t_site} <= {s for s, _ in w}})
    if H_st.is_zero:
        raise NumericsError(
            f"excitation_current: expected H to couple sites {s_site.name!r} and {t_site.name!r}, got no such term in {H}"
        )
    current = sp.I * comm(H_st, number_operator(target))
    sp_ = resolve_space(rho, [source, target], space, "excitation_current")
    return _value(expect(current, rho, sp_, values), "excitation_current")


def g2(rho, a, space=None):
    """Zero-delay ``<a^dag a^dag a a>/<a^dag a>^2``."""
    a = as_op(a, "g2")
    sp_ = resolve_space(rho, [a], space, "g2")
    num = _value(expect(a.dag() * a.dag() * a * a, rho, sp_), "g2")
    n = _value(expect(a.dag() * a, rho, sp_), "g2")
    return _ratio(num, n**2)


def g2_cross(rho, a, b, space=None):
    """Zero-delay ``<a^dag b^dag b a>/(<a^dag a><b^dag b>)``."""
    a, b = as_op(a, "g2_cross"), as_op(b, "g2_cross")
    sp_ = resolve_space(rho, [a, b], space, "g2_cross")
    num = _value(expect(a.dag() * b.dag() * b * a, rho, sp_), "g2_cross")
    na = _value(expect(a.dag() * a, rho, sp_), "g2_cross")
    nb = _value(expect(b.dag() * b, rho, sp_), "g2_cross")
    return _ratio(num, na * nb)
