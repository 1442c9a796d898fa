"""Closed-form panels of spin-lattices-gain-loss.md (Huber, Kirton & Rabl), from the generated formulas.

Model (:mod:`symq.models.spin_lattices`): spin-S chain, XX couplings g (in cell) and h (between
cells), gain ``Gamma_g`` on sublattice A and loss ``Gamma_l`` on B, rates in units of g. The
paper's figures are exact numerics, TWA and iMPO data; what the generated formulas of
``symq.formulas.spin_lattices`` give are their Holstein-Primakoff (linear spin-wave: the
classical value plus the O(1) correction) counterparts, drawn on each formula's domain only:

* ``fig2``: panel (b), single-spin magnetisations ``<S^z_{a,b}>/S`` of the dimer along
  ``Gamma_g = Gamma_l = Gamma`` in the AM phase (``Gamma > g``) for several S;
* ``fig3``: panel (b), the S = inf purity of the dimer against ``dGamma = Gamma_g - Gamma_l > 0``
  at ``(Gamma_g + Gamma_l)/2 = 0.5 g`` (the up,up FM phase; the formulas hold no down,down purity);
* ``fig5``: panel (d), the correlation length of the chain (h = 0.5 g) along
  ``Gamma_g = Gamma_l = Gamma`` in the AM phase (``Gamma > g + h``).
"""

from __future__ import annotations

import numpy as np

from .data import formula_path
from .layout import Curve, Figure, Panel

NAME = "spin_lattices"
SIZES = {"fast": 25, "default": 201, "paper": 801}
S_VALUES = (2, 6, 12, 18)


def fig2(quality: str) -> Figure:
    """HP magnetisations of the dimer along Gamma_g = Gamma_l > g for S = 2, 6, 12, 18 (formulas)."""
    gamma = np.linspace(1.05, 4.0, SIZES[quality])
    curves = []
    greys = np.linspace(0.7, 0.1, len(S_VALUES))
    for site, ls in (("a", "-"), ("b", "--")):
        for S, grey in zip(S_VALUES, greys, strict=True):
            m = formula_path(NAME, f"magnetization_{site}_up_down", S=S, g=1.0, h=0.0, Gamma_g=gamma, Gamma_l=gamma)
            curves.append(Curve(f"S = {S}, site {site}", gamma, m / S, {"S": S, "g": 1.0, "h": 0.0},
                                {"color": str(grey), "ls": ls}))
    return Figure("fig2", "Fig. 2(b) counterpart: <S^z_a>/S (solid) and <S^z_b>/S (dashed) of the spin dimer along "
                  "Gamma_g = Gamma_l = Gamma in the AM phase, Holstein-Primakoff closed forms (they diverge as Gamma -> g, "
                  "where the expansion about the AM state fails)",
                  (Panel("b", "Gamma / g", "<S^z> / S", tuple(curves), hlines=(0.0,), vlines=(1.0,),
                         ylim=(-1.1, 1.1)),), ncols=1)


def fig3(quality: str) -> Figure:
    """S = inf (HP) purity of the dimer vs Gamma_g - Gamma_l at mean rate 0.5 g (formula)."""
    d = np.linspace(0.005, 0.4, SIZES[quality])
    gg, gl = 0.5 + d / 2, 0.5 - d / 2
    purity = formula_path(NAME, "purity_up_up", g=1.0, Gamma_g=gg, Gamma_l=gl)
    return Figure("fig3", "Fig. 3(b) counterpart: S = inf purity of the dimer's up,up steady state (HP) vs "
                  "dGamma = Gamma_g - Gamma_l at (Gamma_g + Gamma_l)/2 = 0.5 g",
                  (Panel("b", "dGamma / g", "purity", (Curve("S = inf (HP)", d, purity, {"g": 1.0, "mean_rate": 0.5},
                                                             {"color": "k"}),)),), ncols=1)


def fig5(quality: str) -> Figure:
    """HP correlation length of the chain (h = 0.5 g) along Gamma_g = Gamma_l > g + h (formula)."""
    gamma = np.linspace(1.52, 4.0, SIZES[quality])
    xi = formula_path(NAME, "correlation_length_up_down", g=1.0, h=0.5, Gamma_g=gamma, Gamma_l=gamma)
    return Figure("fig5", "Fig. 5(d) counterpart: correlation length of the chain (h = 0.5 g) along "
                  "Gamma_g = Gamma_l = Gamma in the AM phase, Holstein-Primakoff closed form",
                  (Panel("d", "Gamma / g", "xi", (Curve("HP", gamma, xi, {"g": 1.0, "h": 0.5}, {"color": "k"}),),
                         vlines=(1.5,)),), ncols=1)


FIGURES = {"fig2": fig2, "fig3": fig3, "fig5": fig5}
