"""The generated module symq.formulas.unbalanced_dimer against QuTiP steady states.

The reference is built directly in QuTiP (destroy(2) per qubit, not through symq), over the
paper's domain: s in [0.05, 20], g/kappa in [1e-3, 1e2], kappa in [1e-2, 1e2].
"""

import numpy as np
import pytest
import qutip as qt
import sympy as sp
from hypothesis import given, settings

from symq.formulas import unbalanced_dimer as F
from symq.models import get
from symq.testing import assert_formula_matches_steady_state, params

S1 = qt.tensor(qt.destroy(2), qt.qeye(2))
S2 = qt.tensor(qt.qeye(2), qt.destroy(2))
W0 = 1.3  # omega_0 in units of kappa (only the current depends on it)
# the steady-state formulas (functions of s); the s = 1 correlations are tested in
# test_correlations_unbalanced_dimer.py
STEADY = [name for name in F.__all__ if F.ARGS[name][0] == "s"]


def reference(s, g, kappa):
    H = W0 * kappa * (S1.dag() * S1 + S2.dag() * S2) + g * (S1.dag() * S2 + S2.dag() * S1)
    rho = qt.steadystate(H, [np.sqrt(s * kappa) * S1.dag(), np.sqrt(kappa) * S2])
    n1, n2 = qt.expect(S1.dag() * S1, rho), qt.expect(S2.dag() * S2, rho)
    n12 = qt.expect(S1.dag() * S1 * S2.dag() * S2, rho)
    pt = qt.partial_transpose(rho, [0, 1]).full()
    ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
    purity = float(np.real((rho * rho).tr()))
    return {
        "population_1": n1, "population_2": n2, "imbalance": (n1 - n2) / (n1 + n2),
        "current": W0 * kappa * kappa * n2, "g2_cross": n12 / (n1 * n2), "epr": n1 * n2 - n12,
        "purity": purity, "linear_entropy": 4 / 3 * (1 - purity),
        "negativity": float(-ev[ev < 0].sum()), "concurrence": qt.concurrence(rho),
    }


@settings(max_examples=40)
@given(p=params(s=(0.05, 20.0), kappa=(1e-2, 1e2), g=("kappa", 1e-3, 1e2)))
def test_formulas_equal_qutip_steady_states(p):
    s, g, kappa = p["s"], p["g"], p["kappa"]
    ref = reference(s, g, kappa)
    for name in STEADY:
        args = (s, g, kappa, W0 * kappa) if name == "current" else (s, g, kappa)
        got = float(getattr(F, name)(*args))
        # 1e-8 relative: the steady state is solved to ~1e-13; entanglement measures near their
        # zero (g -> (s+1) kappa / 2) are compared in absolute terms, where QuTiP's concurrence
        # (square roots of small eigenvalues) keeps only ~1e-8 absolute accuracy
        atol = 2e-8 if name in ("concurrence", "negativity") else 1e-14
        assert got == pytest.approx(ref[name], rel=1e-8, abs=atol), name


SPEC = get("unbalanced_dimer")
Q1, Q2 = SPEC.ops["sigma_1"], SPEC.ops["sigma_2"]
G, W = SPEC.symbols["g"], SPEC.symbols["omega_0"]


def _n(rho):
    return qt.expect(S1.dag() * S1, rho), qt.expect(S2.dag() * S2, rho)


# each generated formula and the same quantity on the QuTiP steady state: a symq operator (its
# expectation value), a named measure of symq.testing.MEASURES or a function of the Qobj
QUANTITIES = {
    "population_1": Q1.dag() * Q1,
    "population_2": Q2.dag() * Q2,
    "imbalance": lambda rho: (_n(rho)[0] - _n(rho)[1]) / sum(_n(rho)),
    "current": sp.I * G * W * (Q1.dag() * Q2 - Q2.dag() * Q1),  # omega_0 i g <s1^dag s2 - s2^dag s1>
    "g2_cross": lambda rho: qt.expect(S1.dag() * S1 * S2.dag() * S2, rho) / np.prod(_n(rho)),
    "epr": lambda rho: np.prod(_n(rho)) - qt.expect(S1.dag() * S1 * S2.dag() * S2, rho),
    "purity": "purity",
    "linear_entropy": "linear_entropy",
    "negativity": "negativity",
    "concurrence": "concurrence",
}


@settings(max_examples=25)
@given(p=params(s=(0.05, 20.0), kappa=(1e-2, 1e2), g=("kappa", 1e-3, 1e2), omega_0=("kappa", 0.1, 10.0)))
def test_formulas_pass_the_public_steady_state_assertion(p):
    assert set(QUANTITIES) == set(STEADY)
    for name, quantity in QUANTITIES.items():
        # tolerances as in the test above: 1e-8 relative; the entanglement measures 2e-8 absolute
        # near their zero, where QuTiP's concurrence keeps ~1e-8 absolute accuracy
        atol = 2e-8 if name in ("concurrence", "negativity") else 1e-14
        assert_formula_matches_steady_state(getattr(F, name), SPEC, quantity, [p], rtol=1e-8, atol=atol)


def test_formulas_broadcast_and_have_documented_definitions():
    g = np.linspace(0.01, 3, 7)
    for name in F.__all__:
        args = [g if a == "g" else 1.0 for a in F.ARGS[name]]
        assert getattr(F, name)(*args).shape == (7,)
        doc = getattr(F, name).__doc__
        assert "LaTeX:" in doc and "Domain:" in doc


def test_high_precision_near_the_scp():
    # just below g = (s+1) kappa / 2 the concurrence is tiny; mpmath keeps every digit
    val = F.mp("concurrence", 60, s="1", kappa="1", g="0.999999999999999999999999999999")
    assert 0 < val < 1e-29
