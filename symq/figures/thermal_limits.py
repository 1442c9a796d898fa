"""Figures 1(b, c) and 2(b) of steady-state-entanglement-thermal-limits.md, from the generated formulas.

Model (:mod:`symq.models.thermal_limits`): two qubits coupled to a symmetric and an
antisymmetric bath of inverse temperatures ``beta_S``, ``beta_A`` (units of ``1/omega_0``,
negative for population-inverted baths), pumping rate ``Gamma_p = Gamma^+`` (the unit of rates);
the cavity-QED implementation after adiabatic elimination of the cavity for Fig. 2(b). Maps and
curves are sweeps of ``symq.formulas.thermal_limits``; the full cavity model's numerical curve of
Fig. 2(b) is not drawn (no closed form).
"""

from __future__ import annotations

import numpy as np

from .data import formula_grid
from .layout import Curve, Figure, Map, Panel

NAME = "thermal_limits"
SIZES = {"fast": 21, "default": 201, "paper": 301}


def fig1(quality: str) -> Figure:
    """Steady-state concurrence and entropy production over the (beta_A, beta_S) plane (formulas)."""
    beta = np.linspace(-5, 5, SIZES[quality])
    conc = formula_grid(NAME, "concurrence", beta_S=beta, beta_A=beta)  # rows: beta_S (y), columns: beta_A (x)
    sigma = formula_grid(NAME, "entropy_production", beta_S=beta, beta_A=beta, Gamma_p=1.0)[:, :, 0]
    return Figure("fig1", "Fig. 1 (b) steady-state concurrence and (c) entropy production rate / (omega_0 Gamma^+) "
                  "vs beta_A (x) and beta_S (y), in units of 1/omega_0; dashed grey: beta = 0 (thermal region "
                  "beta_A, beta_S >= 0); red dashed: C = 1/3",
                  (Panel("b", "beta_A omega_0", "beta_S omega_0", (), hlines=(0.0,), vlines=(0.0,),
                         maps=(Map("concurrence", beta, beta, conc, {}, contours=(1 / 3,)),)),
                   Panel("c", "beta_A omega_0", "beta_S omega_0", (), hlines=(0.0,), vlines=(0.0,),
                         maps=(Map("entropy production", beta, beta, sigma, {"Gamma_p": 1.0}, cmap="magma"),))),
                  ncols=2)


def fig2(quality: str) -> Figure:
    """Effective-model steady-state concurrence vs kappa/g for gamma = 0, p = 2e-4 g (formula)."""
    kappa = np.geomspace(0.1, 1e3, SIZES[quality])
    params = {"p": 2e-4, "gamma": 0.0, "g": 1.0}
    conc = formula_grid(NAME, "cavity_concurrence_effective", kappa=kappa, **params).ravel()
    return Figure("fig2", "Fig. 2(b) steady-state concurrence of the qubits after adiabatic elimination of the "
                  "cavity (leading order in g/kappa) vs kappa/g, gamma = 0, p = 2e-4 g",
                  (Panel("b", "kappa / g", "concurrence", (Curve("effective model", kappa, conc, params,
                                                                 {"color": "k"}),), logx=True),), ncols=1)


FIGURES = {"fig1": fig1, "fig2": fig2}
