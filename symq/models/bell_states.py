"""Two spin qubits with local relaxation and dissipative coupling through a magnetic medium.

Paper: bell-states-dissipative-coupling.md (Zou, Zhang & Tserkovnyak), Eqs. (4)-(7), without
the medium-induced coherent coupling (the paper's "pessimistic situation", Eq. 7)::

    d rho/dt = -i[H_S, rho] - sum_i (J_i^dag J_i rho + rho J_i^dag J_i - 2 J_i rho J_i^dag),
    H_S = -(Delta_1 sigma_1^z + Delta_2 sigma_2^z)/2,  Delta_{1,2} = Delta +- delta,
    J_{3,4} = sqrt((a +- A)/2) (sigma_1^+ +- sigma_2^+),  J_{1,2} = sqrt((a~ +- A~)/2) (sigma_1^- +- sigma_2^-).

The paper's ground state is |up up> and its jumps at zero temperature are sigma^+ (towards up).
symq's qubit level 0 is the ground state, so paper |up> = level 0, |down> = level 1, paper
sigma^+ = symq's lowering operator ``sigma`` and paper sigma^z = 1 - 2 sigma^dag sigma. Then
``H_S = Delta_1 n_1 + Delta_2 n_2`` (up to a constant) and, since the paper's dissipator is twice
symq's ``D[L] = L rho L^dag - 1/2{L^dag L, rho}``, the four jumps are the collective rate matrix

    gamma = 2 [[a, A], [A, a]] on (sigma_1, sigma_2)  (+)  2 [[a~, A~], [A~, a~]] on (sigma_1^dag, sigma_2^dag)

(``sum_jk gamma_jk (L_j rho L_k^dag - ...)``, :meth:`Lindblad.from_rate_matrix`), with the phases of
A, A~ gauged out (A, A~ >= 0) and a >= A, a~ >= A~ (positivity). Paper |up down> = symq |0 1>.
"""

from __future__ import annotations

import sympy as sp

from ..algebra import qubits
from ..lindblad import Lindblad
from . import ModelSpec


def build() -> ModelSpec:
    a, A, at, At, d, D = sp.symbols("a A atilde Atilde delta Delta", positive=True)
    q1, q2 = qubits("1 2")
    H = (D + d) * q1.dag() * q1 + (D - d) * q2.dag() * q2
    gamma = 2 * sp.diag(sp.Matrix([[a, A], [A, a]]), sp.Matrix([[at, At], [At, at]]))
    model = Lindblad.from_rate_matrix(H, [q1, q2, q1.dag(), q2.dag()], gamma)
    return ModelSpec(
        name="bell_states",
        title="Bell states of two spin qubits from dissipative coupling",
        paper="bell-states-dissipative-coupling.md",
        model=model,
        ops={"sigma_1": q1, "sigma_2": q2},
        symbols={"a": a, "A": A, "atilde": at, "Atilde": At, "delta": d, "Delta": D},
        # A <= a and Atilde <= atilde are drawn as ratios in the tests
        domain={a: (1e-2, 1e2), A: (1e-3, 1e2), at: (1e-3, 1e1), At: (1e-4, 1e1), d: (1e-3, 1e2), D: (1.0, 1e3)},
    )
