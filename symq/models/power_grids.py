"""Two coupled oscillators with saturable gain and saturable loss (a microscopic power grid).

Paper: microscopic-power-grids.md (Huber & Rabl), Eqs. (1)-(2), rotating frame, hbar = 1::

    H = -(g/2) (a_1^dag a_2 + a_2^dag a_1),
    d rho/dt = -i[H, rho] + Gamma_i D[A_1^dag] rho + Gamma_e D[A_2] rho
               + sum_l gamma (N_th + 1) D[a_l] rho + gamma N_th D[a_l^dag] rho,
    D[L] rho = L rho L^dag - {L^dag L, rho}/2,   A_l = f(a_l^dag a_l) a_l,   f(x) = 1/(1 + x/n_0).

``N = 2`` is the shortest chain (gain at site 1, loss at site N = 2); the model is built with
:func:`symq.phasespace.models.oscillator_network` (saturable jumps are not polynomial operators,
so the model is a :class:`symq.phasespace.Model`). :func:`chain` builds longer chains.
"""

from __future__ import annotations

import sympy as sp

from ..phasespace import models as psm
from . import ModelSpec

Gamma_i, Gamma_e = sp.symbols("Gamma_i Gamma_e", positive=True)
g, gamma, N_th, n_0 = psm.g, psm.gamma, psm.n_th, psm.n0


def chain(N: int):
    """The chain of ``N`` oscillators: gain ``Gamma_i`` at site 1, loss ``Gamma_e`` at site N."""
    return psm.oscillator_network(psm.chain_edges(N), gain={0: Gamma_i}, loss={N - 1: Gamma_e})


def build() -> ModelSpec:
    net = chain(2)
    return ModelSpec(
        name="power_grids",
        title="Saturable gain and loss in a microscopic power grid",
        paper="microscopic-power-grids.md",
        model=net.model,
        ops={"a_1": net.a[0], "a_2": net.a[1]},
        symbols={"g": g, "gamma": gamma, "N_th": N_th, "n_0": n_0, "Gamma_i": Gamma_i, "Gamma_e": Gamma_e},
        domain={g: (0.1, 10.0), gamma: (1e-3, 0.1), Gamma_i: (0.1, 10.0), Gamma_e: (0.1, 10.0), n_0: (1.0, 1e3)},
    )
