"""Schwinger-boson mapping of spins (spin lattices, Eq. 8).

A spin site ``s`` becomes two bosonic sites ``s↑`` (``a``) and ``s↓`` (``b``) with

    S_+ = a^dag b,   S_- = a b^dag,   S_z = (a^dag a - b^dag b) / 2,

exact on the physical subspace ``a^dag a + b^dag b = 2S``, which every spin operator conserves. A
canonical spin monomial ``S_+^m S_z^k S_-^n`` maps to ``(a^dag b)^m S_z^k (a b^dag)^n``; jump
operators are mapped before ``L^dag L`` is formed, so the bosonic model is the image of the spin
model's Lindbladian on the physical subspace (Casimir reductions made by the spin algebra, e.g.
``S_- S_+ = S(S+1) - S_z(S_z+1)``, differ from their images off that subspace only by functions
of the conserved ``a^dag a + b^dag b``).
"""

from __future__ import annotations

import sympy as sp

from ..algebra import Boson, Levels, Op, Site, Spin
from ..errors import ModelError

UP, DOWN = "↑", "↓"


def modes(site: Site) -> tuple[Site, Site]:
    """The bosonic sites ``(a, b) = (s↑, s↓)`` of the spin site ``s``."""
    return Site(site.name + UP, Boson()), Site(site.name + DOWN, Boson())


def _boson(site: Site, m: int, n: int) -> Op:
    return Op({((site, (m, n)),): sp.S.One}, _canonical=True)


def _local(site: Site, monomial) -> Op:
    a, b = modes(site)
    m, k, n = monomial
    plus = _boson(a, 1, 0) * _boson(b, 0, 1)
    minus = _boson(a, 0, 1) * _boson(b, 1, 0)
    sz = (_boson(a, 1, 1) - _boson(b, 1, 1)) / 2
    return plus**m * sz**k * minus**n


def schwinger(op: Op) -> Op:
    """``op`` with every spin site replaced by its two Schwinger bosons (other sites unchanged)."""
    out = Op()
    for word, c in op.terms.items():
        term = Op.scalar(c)
        for site, mono in word:
            if isinstance(site.kind, Spin):
                term = term * _local(site, mono)
            elif isinstance(site.kind, Levels):
                raise ModelError(
                    f"schwinger: expected spins or bosons, got the {site.kind.n}-level site {site.name!r} "
                    "(write two-level systems as spins(name, 1/2))"
                )
            else:
                term = term * Op({((site, mono),): sp.S.One}, _canonical=True)
        out = out + term
    return out


def spin_sites(sites) -> tuple:
    """The spin sites among ``sites``."""
    return tuple(s for s in sites if isinstance(s.kind, Spin))
