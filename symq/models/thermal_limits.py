"""Two qubits pumped and damped through collective (symmetric and antisymmetric) channels.

Paper: steady-state-entanglement-thermal-limits.md (Tacchino, Auffèves, Santos & Gerace),
Eqs. (1)-(3) and (A1)-(A2)::

    d rho/dt = i[rho, H_0] + sum_{i=A,S} [Gamma^+/2 D_{J_i^dag} + Gamma_i^-/2 D_{J_i}] rho,
    H_0 = omega_0 (c_1^dag c_1 + c_2^dag c_2),   J_S = c_1 + c_2,   J_A = c_1 - c_2,
    D_o rho = 2 o rho o^dag - {o^dag o, rho},   Gamma^+/Gamma_i^- = exp(-beta_i)  (beta in units of 1/omega_0).

``(Gamma/2) D_o`` is ``Gamma D[o]`` in symq's convention ``D[L] = L rho L^dag - 1/2{L^dag L, rho}``,
so the rates below are the paper's Gamma's. The c_i are the qubits' lowering operators
(commuting between the two qubits, as for "two independent qubits" and for the Tavis-Cummings
implementation), so each bath drives its own ladder G <-> S <-> E or G <-> A <-> E.

:func:`build_cavity` is the cavity-QED implementation, Eqs. (7)-(8): two resonant qubits
(``omega_0 = omega_cav``) coupled at rate g to a lossy mode, in the frame rotating at omega_0::

    H = g sum_i (c_i^dag a + c_i a^dag),   p D[c_i^dag] + gamma D[c_i] (each qubit) + kappa D[a]

(the paper's ``p/2 D_{c^dag}`` is ``p D[c^dag]`` here, and likewise for gamma and kappa).
"""

from __future__ import annotations

import sympy as sp

from ..algebra import bosons, qubits
from ..lindblad import Lindblad
from . import ModelSpec


def build() -> ModelSpec:
    w0, Gp, GA, GS = sp.symbols("omega_0 Gamma_p Gamma_A Gamma_S", positive=True)
    q1, q2 = qubits("1 2")
    JS, JA = q1 + q2, q1 - q2
    H = w0 * (q1.dag() * q1 + q2.dag() * q2)
    model = Lindblad(H, jumps=[(Gp, JS.dag()), (GS, JS), (Gp, JA.dag()), (GA, JA)])
    return ModelSpec(
        name="thermal_limits",
        title="Steady-state entanglement of two qubits beyond thermal limits",
        paper="steady-state-entanglement-thermal-limits.md",
        model=model,
        ops={"c_1": q1, "c_2": q2, "J_S": JS, "J_A": JA},
        symbols={"omega_0": w0, "Gamma_p": Gp, "Gamma_A": GA, "Gamma_S": GS},
        domain={w0: (0.1, 10.0), Gp: (1e-2, 1e2), GA: (1e-3, 1e3), GS: (1e-3, 1e3)},
    )


def build_cavity() -> ModelSpec:
    g, kappa, p, gamma = sp.symbols("g kappa p gamma", positive=True)
    q1, q2 = qubits("1 2")
    a = bosons("c")
    H = g * (q1.dag() * a + q1 * a.dag() + q2.dag() * a + q2 * a.dag())
    model = Lindblad(H, jumps=[(p, q1.dag()), (p, q2.dag()), (gamma, q1), (gamma, q2), (kappa, a)])
    return ModelSpec(
        name="thermal_limits_cavity",
        title="Two pumped qubits in a lossy cavity (Tavis-Cummings)",
        paper="steady-state-entanglement-thermal-limits.md",
        model=model,
        ops={"c_1": q1, "c_2": q2, "a": a},
        symbols={"g": g, "kappa": kappa, "p": p, "gamma": gamma},
        domain={g: (0.1, 10.0), kappa: (0.1, 1e3), p: (1e-5, 1.0), gamma: (1e-5, 1.0)},
    )
