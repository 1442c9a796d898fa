"""Phase-space variables: one complex amplitude per bosonic mode and its partner.

A :class:`Representation` fixes the operator ordering (``s = 0`` Wigner / symmetric, ``s = 1``
Glauber-Sudarshan P / normal order) and whether the partner of ``alpha`` is its complex conjugate
(Wigner, P: ``alpha^*``) or an independent variable (positive P: ``beta``). Calculus is Wirtinger
calculus: ``alpha`` and its partner are independent symbols, ``d alpha^*/d alpha = 0``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..algebra import Boson, Site
from ..errors import ModelError


@dataclass(frozen=True)
class Representation:
    """An s-ordered quasi-probability: ``s = 0`` Wigner, ``s = 1`` P; ``independent`` partners
    (positive P) double the phase space."""

    name: str
    s: int
    independent: bool

    def __repr__(self):
        return self.name


WIGNER = Representation("Wigner", 0, False)
GLAUBER_P = Representation("P", 1, False)
POSITIVE_P = Representation("positive-P", 1, True)


@dataclass(frozen=True)
class Mode:
    """The variables of one bosonic site: ``z`` (alpha) and its partner ``w`` (alpha^* or beta)."""

    site: Site
    z: sp.Symbol
    w: sp.Symbol
    latex_z: str
    latex_w: str

    @classmethod
    def of(cls, site: Site, rep: Representation) -> Mode:
        if not isinstance(site.kind, Boson):
            raise ModelError(
                f"phase space: expected bosonic sites (spins are mapped by symq.phasespace.schwinger), "
                f"got site {site.name!r} of kind {site.kind}"
            )
        label = site.name
        tex = label.replace("↑", r"\uparrow").replace("↓", r"\downarrow")
        z = sp.Symbol(f"alpha_{label}")
        if rep.independent:
            return cls(site, z, sp.Symbol(f"beta_{label}"), rf"\alpha_{{{tex}}}", rf"\beta_{{{tex}}}")
        return cls(site, z, sp.Symbol(f"alpha_{label}^*"), rf"\alpha_{{{tex}}}", rf"\alpha^{{*}}_{{{tex}}}")


def symbol_names(modes) -> dict:
    """LaTeX names of the variables, for ``sympy.latex(expr, symbol_names=...)``."""
    out = {}
    for m in modes:
        out[m.z] = m.latex_z
        out[m.w] = m.latex_w
    return out


def conjugate(expr, modes) -> sp.Expr:
    """Complex conjugate of ``expr`` with ``alpha`` and ``alpha^*`` swapped (Wigner and P only);
    parameters must be declared real for their conjugates to disappear."""
    swap = {}
    for m in modes:
        swap[sp.conjugate(m.z)] = m.w
        swap[sp.conjugate(m.w)] = m.z
    return sp.conjugate(expr).xreplace(swap)
