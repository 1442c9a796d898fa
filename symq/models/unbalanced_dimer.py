"""Two coupled qubits with gain ``s kappa`` on qubit 1 and loss ``kappa`` on qubit 2.

Paper: unbalanced-gain-loss-qubits.md (Downing & Fox), Eqs. (1)-(2)::

    H = omega_0 (sigma_1^dag sigma_1 + sigma_2^dag sigma_2) + g (sigma_1^dag sigma_2 + sigma_2^dag sigma_1)
    d rho/dt = -i[H, rho] + s kappa D[sigma_1^dag] rho + kappa D[sigma_2] rho,
    D[L] rho = L rho L^dag - 1/2 {L^dag L, rho}

(the paper's (s kappa / 2)(2 sigma^dag rho sigma - ...) is ``s kappa D[sigma^dag]``).
"""

from __future__ import annotations

import sympy as sp

from ..algebra import qubits
from ..lindblad import Lindblad
from . import ModelSpec


def build() -> ModelSpec:
    s, g, kappa, w0 = sp.symbols("s g kappa omega_0", positive=True)
    q1, q2 = qubits("1 2")
    H = w0 * (q1.dag() * q1 + q2.dag() * q2) + g * (q1.dag() * q2 + q2.dag() * q1)
    model = Lindblad(H, jumps=[(s * kappa, q1.dag()), (kappa, q2)])
    return ModelSpec(
        name="unbalanced_dimer",
        title="Unbalanced gain and loss in a pair of coupled qubits",
        paper="unbalanced-gain-loss-qubits.md",
        model=model,
        ops={"sigma_1": q1, "sigma_2": q2},
        symbols={"s": s, "g": g, "kappa": kappa, "omega_0": w0},
        domain={s: (0.05, 20.0), g: (1e-3, 1e2), kappa: (1e-2, 1e2), w0: (0.0, 10.0)},
    )
