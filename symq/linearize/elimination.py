"""Adiabatic elimination of a fast, strongly damped boson mode (second order in its coupling).

Model (rotating frame, hbar = 1)::

    H = H_s + Delta a^dag a + a^dag X + X^dag a,     jumps: (kappa, a) and system jumps,

with ``X`` a system operator. When ``|kappa/2 + i Delta'|`` is large compared with the coupling
(``||X||``) and with the system's own rates, the mode stays near its vacuum and follows the
system, ``a ~ -i X / (kappa/2 + i Delta')``. Projecting onto the mode vacuum to second order in
X (Nakajima-Zwanzig with the cavity Liouvillian as the fast part, Markov limit) gives::

    d rho/dt = -i [H_s + H_LS, rho] + Gamma D[X] rho + (system jumps),
    Gamma = kappa / (kappa^2/4 + Delta'^2) = 4 kappa / (kappa^2 + 4 Delta'^2),
    H_LS  = -Delta' / (kappa^2/4 + Delta'^2) X^dag X = -4 Delta' / (kappa^2 + 4 Delta'^2) X^dag X,

(Purcell-enhanced collective decay through X and its Lamb/Stark shift). ``Delta' = Delta - omega``
where ``[H_s, X] = -omega X``: if X is an eigenoperator of H_s (e.g. ``H_s = omega_0 sum n_i``,
``X = g sum sigma_i``) the result holds to second order in X for any omega; otherwise omega = 0
and the system's own evolution must also be slow compared with kappa. The small parameter is
``epsilon = ||X|| / |kappa/2 + i Delta'|`` (e.g. ``g/kappa`` on resonance); the corrections to the
effective rates are relatively ``O(epsilon^2)`` and ``O(system rates / kappa)``, so steady states
converge as ``kappa^-1`` at fixed effective rate ``Gamma`` (i.e. as ``(g/kappa)^2``).

A positive common factor c of X's coefficients (e.g. the coupling g) is moved into the rate:
the jump is reported as ``(c^2 Gamma, X/c)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..algebra import Op, Site
from ..algebra.kinds import Boson
from ..errors import ModelError
from ..lindblad import Channel, Lindblad

__all__ = ["Elimination", "adiabatic_elimination"]


@dataclass(frozen=True)
class Elimination:
    """The effective model and the ingredients of the elimination.

    ``model``: effective Lindblad model of the remaining sites; ``X``: the coupling operator
    (``H ⊃ a^dag X + X^dag a``); ``detuning``: ``Delta' = Delta - omega``; ``rate``: the rate of the
    effective jump ``jump`` (``rate D[jump]`` equals ``Gamma D[X]``); ``lamb_shift``: ``H_LS``;
    ``small_parameter``: the ratio whose square controls the error, ``c/|kappa/2 + i Delta'|`` with
    c the coupling factored out of X; ``frequency``: omega with ``[H_s, X] = -omega X`` and
    ``eigenoperator`` whether X is one (if not, omega = 0 and H_s must be slow against kappa).
    """

    model: Lindblad
    X: Op
    frequency: sp.Expr
    eigenoperator: bool
    detuning: sp.Expr
    rate: sp.Expr
    jump: Op
    lamb_shift: Op
    small_parameter: sp.Expr


def _site(mode) -> Site:
    site = getattr(mode, "site", mode)
    if not isinstance(site, Site) or not isinstance(site.kind, Boson):
        raise ModelError(f"adiabatic_elimination: expected the fast mode as a boson operator, got {mode!r}")
    return site


def _split(H: Op, site: Site):
    """H = H_s + Delta a^dag a + a^dag X + X^dag a; error on anything else involving the mode."""
    Hs, X, Delta = Op.scalar(0), Op.scalar(0), sp.S.Zero
    for word, c in H.terms.items():
        local = [m for s, m in word if s == site]
        rest = tuple((s, m) for s, m in word if s != site)
        rest_op = Op({rest: c}) if rest else Op.scalar(c)
        if not local:
            Hs = Hs + rest_op
        elif local[0] == (1, 1) and not rest:
            Delta += c
        elif local[0] == (1, 0):
            X = X + rest_op
        elif local[0] == (0, 1):
            continue  # the adjoint term X^dag a (checked through hermiticity of H)
        else:
            raise ModelError(
                f"adiabatic_elimination: expected H = H_s + Delta a^dag a + a^dag X + X^dag a, got the term "
                f"{Op({word: c})} (dispersive or nonlinear in the fast mode)"
            )
    return Hs, sp.sympify(Delta), X


def _frequency(Hs: Op, X: Op):
    """omega with [H_s, X] = -omega X, or 0 when X is not an eigenoperator of H_s."""
    C = Hs * X - X * Hs
    if C.is_zero:
        return sp.S.Zero, True
    word = next(iter(X.terms))
    omega = sp.factor(-C.terms.get(word, 0) / X.terms[word])
    return (omega, True) if (C + omega * X).is_zero else (sp.S.Zero, False)


def adiabatic_elimination(model: Lindblad, fast_mode) -> Elimination:
    """Eliminate ``fast_mode`` (a boson with a single decay channel ``(kappa, a)``) to second order.

    See the module docstring for the model, the result and its validity.
    """
    if not isinstance(model, Lindblad):
        raise ModelError(f"adiabatic_elimination: expected a Lindblad model, got {type(model).__name__}")
    site = _site(fast_mode)
    if site not in model.sites:
        raise ModelError(f"adiabatic_elimination: the fast mode {site.name!r} is not a site of the model")
    a = Op({((site, (0, 1)),): sp.S.One}, _canonical=True)
    kappa, channels = None, []
    for ch in model.channels:
        touches = site in ch.left.sites or site in ch.right.sites
        if not touches:
            channels.append(ch)
        elif ch.left == a and ch.right == a and kappa is None:
            kappa = ch.rate
        else:
            raise ModelError(
                f"adiabatic_elimination: expected the fast mode's only dissipation to be one decay channel "
                f"(kappa, a), got the channel ({ch.rate}, {ch.left}, {ch.right})"
            )
    if kappa is None:
        raise ModelError(f"adiabatic_elimination: the fast mode {site.name!r} has no decay channel (kappa, a)")
    Hs, Delta, X = _split(model.H, site)
    if X.is_zero:
        raise ModelError(f"adiabatic_elimination: the fast mode {site.name!r} is not coupled to the system")
    omega, eigen = _frequency(Hs, X)
    detuning = sp.factor(Delta - omega)
    denom = kappa**2 + 4 * detuning**2
    Gamma = sp.factor(4 * kappa / denom)
    H_LS = -sp.factor(4 * detuning / denom) * (X.dag() * X)
    coeffs = list(X.terms.values())
    c = sp.gcd_list(coeffs) if len(coeffs) > 1 else coeffs[0]
    c = sp.factor(c)
    if not (c.is_positive and c != 0):
        c = sp.S.One
    jump = X / c
    rate = sp.factor(Gamma * c**2)
    eff = Lindblad(Hs + H_LS, (), _channels=[*channels, Channel(rate, jump, jump)])
    small = sp.factor(c / sp.sqrt(kappa**2 / 4 + detuning**2))
    return Elimination(eff, X, omega, eigen, detuning, rate, jump, H_LS, small)
