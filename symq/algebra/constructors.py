"""Constructors of site operators: ``qubits``, ``bosons``, ``spins``, ``transitions``.

Like ``sympy.symbols``, a string with one name returns one object and several names (separated by
spaces or commas) return a tuple.
"""

from __future__ import annotations

import re

import sympy as sp

from ..errors import AlgebraError
from .kinds import Boson, Levels, Spin
from .operator import Op, Site


def _names(names: str) -> list[str]:
    if not isinstance(names, str):
        raise AlgebraError(f"site names: expected a string such as '1 2', got {names!r}")
    out = [n for n in re.split(r"[\s,]+", names.strip()) if n]
    if not out:
        raise AlgebraError("site names: expected at least one name, got an empty string")
    if len(set(out)) != len(out):
        raise AlgebraError(f"site names: expected distinct names, got {names!r}")
    return out


def _one_or_tuple(items):
    return items[0] if len(items) == 1 else tuple(items)


class SiteOp(Op):
    """The elementary operator of a site (lowering / annihilation); carries ``.site``."""

    def __init__(self, site: Site, monomial):
        super().__init__({((site, monomial),): sp.S.One}, _canonical=True)
        self.site = site


class SpinOp(SiteOp):
    """The lowering operator ``S_-`` of a spin, with ``.plus``, ``.minus`` and ``.z``."""

    @property
    def minus(self) -> Op:
        return Op({((self.site, (0, 0, 1)),): sp.S.One}, _canonical=True)

    @property
    def plus(self) -> Op:
        return Op({((self.site, (1, 0, 0)),): sp.S.One}, _canonical=True)

    @property
    def z(self) -> Op:
        return Op({((self.site, (0, 1, 0)),): sp.S.One}, _canonical=True)

    @property
    def x(self) -> Op:
        return (self.plus + self.minus) / 2

    @property
    def y(self) -> Op:
        return (self.plus - self.minus) / (2 * sp.I)

    @property
    def S(self):
        return self.site.kind.S


class TransitionSite:
    """An N-level system: ``t[i, j]`` is the transition ``|i><j|`` (level 0 is the ground state)."""

    def __init__(self, site: Site):
        self.site = site
        self.levels = site.kind.n

    def __getitem__(self, ij) -> Op:
        try:
            i, j = ij
            i, j = int(i), int(j)
        except (TypeError, ValueError):
            raise AlgebraError(f"transition: expected an index pair [i, j], got {ij!r}") from None
        if not (0 <= i < self.levels and 0 <= j < self.levels):
            raise AlgebraError(f"transition {self.site.name}: expected levels in 0..{self.levels - 1}, got {ij}")
        if (i, j) == (0, 0):
            return 1 - sum((self[k, k] for k in range(1, self.levels)), Op())
        return Op({((self.site, (i, j)),): sp.S.One}, _canonical=True)

    def __repr__(self):
        return f"TransitionSite({self.site.name!r}, levels={self.levels})"


def qubits(names: str):
    """Lowering operators ``sigma = |0><1|`` of two-level systems (``sigma^2 = 0``, ``{sigma, sigma^dag} = 1``)."""
    kind = Levels(2, "sigma")
    return _one_or_tuple([SiteOp(Site(n, kind), (0, 1)) for n in _names(names)])


def bosons(names: str):
    """Annihilation operators ``a`` of bosonic modes (``[a, a^dag] = 1``)."""
    kind = Boson()
    return _one_or_tuple([SiteOp(Site(n, kind), (0, 1)) for n in _names(names)])


def spins(names: str, S):
    """Lowering operators ``S_-`` of spins of length S (number or positive Symbol); see :class:`SpinOp`."""
    kind = Spin(S)
    return _one_or_tuple([SpinOp(Site(n, kind), (0, 0, 1)) for n in _names(names)])


def transitions(names: str, levels: int):
    """N-level systems; each returned object gives transitions ``t[i, j] = |i><j|``."""
    kind = Levels(levels)
    return _one_or_tuple([TransitionSite(Site(n, kind)) for n in _names(names)])
