"""Holstein-Primakoff: a spin model as a boson model, expanded in 1/S around an ordered state.

Around the spin-up state ``|S_z = S>`` (one boson per spin excitation below it)::

    S_z = S - n,    S_+ = sqrt(2S - n) a,    S_- = a^dag sqrt(2S - n),     n = a^dag a,

and around the spin-down state ``|S_z = -S>``::

    S_z = -S + n,   S_+ = a^dag sqrt(2S - n),   S_- = sqrt(2S - n) a.

The square root is expanded as ``sqrt(2S) sum_{k <= order} binom(1/2, k) (-n / 2S)^k``:
``order = 0`` is the linear (spin-wave) approximation ``S_+ = sqrt(2S) a`` of the papers,
``order = 1`` adds ``-n a / (4S)`` (times sqrt(2S)), and so on. ``S_z`` is exact. The ladder
operators are then exact up to relative corrections ``O((n/2S)^(order + 1))``.

The expansion is applied to the Hamiltonian and to each jump operator (not to the generator),
so the result is again a Lindblad model (completely positive at every order) that the moment,
spectral and steady-state machinery applies to. For a numeric S the boson model lives on an
infinite Fock space, of which the first 2S + 1 states correspond to the spin states.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from ..algebra import Op, Site, bosons
from ..algebra.kinds import Spin
from ..errors import ModelError
from ..lindblad import Channel, Lindblad

__all__ = ["HolsteinPrimakoff", "holstein_primakoff"]

_REFERENCES = ("up", "down")


@dataclass(frozen=True)
class HolsteinPrimakoff:
    """A bosonised spin model.

    ``model`` is the boson :class:`~symq.lindblad.Lindblad` model, ``order`` the order of the
    square-root expansion (ladder operators exact to relative ``O(S^-(order + 1))``),
    ``bosons`` maps each spin Site to its boson operator, ``reference`` to ``"up"``/``"down"``.
    """

    model: Lindblad
    order: int
    bosons: dict
    reference: dict
    _images: dict = field(repr=False)

    def spin(self, op) -> Op:
        """An operator of the spin model (an observable, e.g. ``Sa.z``) in terms of the bosons."""
        if not isinstance(op, Op):
            op = Op.scalar(op)
        return _substitute(op, self._images)


def _site(key) -> Site:
    if isinstance(key, Site):
        return key
    site = getattr(key, "site", None)
    if isinstance(site, Site):
        return site
    raise ModelError(f"holstein_primakoff reference: expected spin operators or Sites as keys, got {key!r}")


def _ladder(a: Op, S, order: int, reference: str):
    """The images of S_+, S_z, S_- for one spin."""
    n = a.dag() * a
    series = Op.scalar(0)
    power = Op.scalar(1)
    for k in range(order + 1):
        series = series + sp.binomial(sp.Rational(1, 2), k) * (-1) ** k / (2 * S) ** k * power
        power = power * n
    root = sp.sqrt(2 * S) * series  # sqrt(2S - n) to the given order (a function of n)
    if reference == "up":
        plus = root * a
        z = S - n
    else:
        plus = a.dag() * root
        z = -S + n
    return plus, z, plus.dag()


def _substitute(op: Op, images: dict) -> Op:
    out = Op.scalar(0)
    for word, c in op.terms.items():
        term = Op.scalar(c)
        for site, mono in word:
            if site in images:
                plus, z, minus = images[site]
                m, k, nn = mono
                term = term * plus**m * z**k * minus**nn
            else:
                term = term * Op({((site, mono),): sp.S.One}, _canonical=True)
        out = out + term
    return out


def _normalised(ch: Channel) -> Channel:
    """A diagonal channel ``(rate, c L')`` as ``(rate c^2, L')`` with c the (positive) coefficient of
    the lowest-degree term, e.g. ``(Gamma/2S, sqrt(2S) a) -> (Gamma, a)``."""
    if ch.left != ch.right:
        return ch
    word = min(ch.left.terms, key=lambda w: (sum(sum(m) for _, m in w), str(w)))
    c = ch.left.terms[word]
    if c == 1 or not c.is_positive:
        return ch
    return Channel(sp.factor(ch.rate * c**2), ch.left / c, ch.left / c)


def holstein_primakoff(model: Lindblad, reference, *, order: int = 0, names: dict | None = None) -> HolsteinPrimakoff:
    """Bosonise every spin of ``model`` around an ordered state, to a stated order in 1/S.

    Parameters
    ----------
    model
        A :class:`~symq.lindblad.Lindblad` model with spin sites (other sites are kept).
    reference
        ``"up"`` or ``"down"`` for every spin, or ``{spin operator or Site: "up" | "down"}``
        naming each spin of the model.
    order
        Order of the expansion of ``sqrt(2S - n)`` (0: linear spin waves ``S_+ = sqrt(2S) a``).
    names
        ``{spin operator or Site: boson name}``; the default boson of spin ``a`` is ``c_a``.

    Returns
    -------
    HolsteinPrimakoff
        The boson model and the map (``.spin(op)`` maps observables such as ``S_z``).
    """
    if not isinstance(model, Lindblad):
        raise ModelError(f"holstein_primakoff: expected a Lindblad model, got {type(model).__name__}")
    if not (isinstance(order, int) and not isinstance(order, bool) and order >= 0):
        raise ModelError(f"holstein_primakoff: expected a non-negative integer order, got {order!r}")
    spins = [s for s in model.sites if isinstance(s.kind, Spin)]
    if not spins:
        raise ModelError("holstein_primakoff: expected a model with spin sites, got none")
    if isinstance(reference, str):
        reference = {s: reference for s in spins}
    ref = {_site(k): v for k, v in dict(reference).items()}
    for s, v in ref.items():
        if s not in spins:
            raise ModelError(f"holstein_primakoff reference: {s.name!r} is not a spin of the model")
        if v not in _REFERENCES:
            raise ModelError(f"holstein_primakoff reference for {s.name!r}: expected 'up' or 'down', got {v!r}")
    missing = [s.name for s in spins if s not in ref]
    if missing:
        raise ModelError(f"holstein_primakoff reference: expected an ordered state for every spin, got none for {missing}")
    names = {_site(k): v for k, v in (names or {}).items()}
    taken = {s.name for s in model.sites}
    boson_of, images = {}, {}
    for s in spins:
        name = names.get(s, f"c_{s.name}")
        if name in taken:
            raise ModelError(f"holstein_primakoff: the boson name {name!r} is already a site of the model; pass names=")
        taken.add(name)
        a = bosons(name)
        boson_of[s] = a
        images[s] = _ladder(a, s.kind.S, order, ref[s])
    H = _substitute(model.H, images)
    channels = []
    for ch in model.channels:
        left, right = _substitute(ch.left, images), _substitute(ch.right, images)
        if left.is_zero or right.is_zero:
            raise ModelError(f"holstein_primakoff: the jump operator {ch.left} maps to zero at order {order}")
        channels.append(_normalised(Channel(ch.rate, left, right)))
    return HolsteinPrimakoff(Lindblad(H, (), _channels=channels), order, boson_of, ref, images)
