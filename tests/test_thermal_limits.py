"""The generated module symq.formulas.thermal_limits against independent numerics.

Reference: the paper's master equation (A1)-(A2) written directly in QuTiP (``destroy(2)`` per
qubit, c_ops ``sqrt(Gamma) J`` since the paper's ``(Gamma/2)(2 J rho J^dag - ...)`` is QuTiP's
collapse operator ``sqrt(Gamma) J``), steady states by ``qutip.steadystate``; heat currents as
``Tr{H_0 L_i(rho)}`` with the bath's own dissipator superoperator. Entropy production is also
checked against stochastic entropy production along symq's quantum-jump trajectories, and the
adiabatic elimination against the exact full cavity model (symq exact backend).
"""

import numpy as np
import pytest
import qutip as qt
from hypothesis import given, settings
from hypothesis import strategies as st

from symq import derive, models
from symq.formulas import thermal_limits as F
from symq.numerics.exact import steady_state as exact_steady
from symq.numerics.trajectories import entropy_production

C1 = qt.tensor(qt.destroy(2), qt.qeye(2))
C2 = qt.tensor(qt.qeye(2), qt.destroy(2))
JS, JA = C1 + C2, C1 - C2
W0 = 1.7


def reference(bA, bS, Gp=0.8):
    H0 = W0 * (C1.dag() * C1 + C2.dag() * C2)
    baths = {"A": [np.sqrt(Gp) * JA.dag(), np.sqrt(Gp * np.exp(bA)) * JA],
             "S": [np.sqrt(Gp) * JS.dag(), np.sqrt(Gp * np.exp(bS)) * JS]}
    rho = qt.steadystate(H0, baths["A"] + baths["S"])
    heat = {}
    for k, ops in baths.items():
        Lk = sum(qt.lindblad_dissipator(c) for c in ops)
        heat[k] = float(np.real((H0 * qt.vector_to_operator(Lk * qt.operator_to_vector(rho))).tr()))
    ket = {"G": qt.tensor(qt.basis(2, 0), qt.basis(2, 0)), "E": qt.tensor(qt.basis(2, 1), qt.basis(2, 1)),
           "S": (qt.tensor(qt.basis(2, 0), qt.basis(2, 1)) + qt.tensor(qt.basis(2, 1), qt.basis(2, 0))).unit(),
           "A": (qt.tensor(qt.basis(2, 0), qt.basis(2, 1)) - qt.tensor(qt.basis(2, 1), qt.basis(2, 0))).unit()}
    out = {"concurrence": qt.concurrence(rho), "heat_current_A": heat["A"], "heat_current_S": heat["S"],
           "entropy_production": -(bA * heat["A"] + bS * heat["S"]) / W0}
    out.update({f"population_{k}": qt.expect(qt.ket2dm(v), rho) for k, v in ket.items()})
    return out


def value(name, bA, bS, Gp=0.8):
    if name.startswith("heat"):
        return getattr(F, name)(bA, bS, Gp, W0)
    if name == "entropy_production":
        return F.entropy_production(bA, bS, Gp)
    return getattr(F, name)(bA, bS)


beta = st.floats(-6.0, 6.0)


@settings(max_examples=40, deadline=None)
@given(bA=beta, bS=beta)
def test_formulas_equal_qutip_steady_states(bA, bS):
    ref = reference(bA, bS)
    for name in F.__all__:
        if name == "cavity_concurrence_effective":
            continue
        # steady states solved to ~1e-13; QuTiP's concurrence (square roots of eigenvalues of
        # rho rho~ that vanish on the separable side) has ~1e-8 absolute noise
        atol = 5e-8 if name == "concurrence" else 1e-11
        assert float(value(name, bA, bS)) == pytest.approx(ref[name], rel=1e-8, abs=atol), name


@settings(max_examples=25, deadline=None)
@given(p=st.floats(1e-3, 1.0), gamma=st.floats(1e-4, 1.0), g=st.floats(0.05, 2.0), kappa=st.floats(0.1, 100.0))
def test_effective_cavity_concurrence_equals_the_eliminated_master_equation(p, gamma, g, kappa):
    # the effective model as the paper states it after elimination: local pump and decay plus
    # collective decay of c_1 + c_2 at 4 g^2 / kappa (written directly in QuTiP)
    c_ops = [np.sqrt(p) * C1.dag(), np.sqrt(p) * C2.dag(), np.sqrt(gamma) * C1, np.sqrt(gamma) * C2,
             np.sqrt(4 * g**2 / kappa) * JS]
    rho = qt.steadystate(0 * C1.dag() * C1, c_ops)
    assert float(F.cavity_concurrence_effective(p, gamma, g, kappa)) == pytest.approx(qt.concurrence(rho), abs=5e-8)


def test_adiabatic_elimination_converges_at_second_order_in_g_over_kappa():
    conv = derive.derive("thermal_limits").results["convergence"]
    dist = [r[4] for r in conv["rows"]]
    assert all(b < a for a, b in zip(dist, dist[1:]))
    # trace distance between exact (full model) and eliminated two-qubit states ~ (g/kappa)^2 at
    # fixed 4 g^2/kappa: the observed log-log slope over kappa/Gamma = 8..128
    assert 1.9 < conv["order"] < 2.2


def test_concurrence_reaches_cavity_exact_numerics_independently():
    # full model at g/kappa = 0.02 (exact backend) vs the effective formula: within a few (g/kappa)^2
    spec = models.thermal_limits.build_cavity()
    s = spec.symbols
    g, kappa, p, gamma = 0.5, 25.0, 0.002, 0.0002
    rho = exact_steady(spec.model, {s["g"]: g, s["kappa"]: kappa, s["p"]: p, s["gamma"]: gamma}, cutoffs={spec.ops["a"]: 4})
    c_full = qt.concurrence(qt.Qobj(rho.ptrace([0, 1]).full(), dims=[[2, 2], [2, 2]]))
    assert float(F.cavity_concurrence_effective(p, gamma, g, kappa)) == pytest.approx(c_full, abs=5 * (g / kappa) ** 2)


def test_entropy_production_equals_trajectory_average():
    spec = models.get("thermal_limits")
    s = spec.symbols
    bA, bS, Gp = -1.0, 1.5, 1.0
    vals = {s["omega_0"]: 1.0, s["Gamma_p"]: Gp, s["Gamma_A"]: Gp * np.exp(bA), s["Gamma_S"]: Gp * np.exp(bS)}
    c_ops = [np.sqrt(Gp) * JA.dag(), np.sqrt(Gp * np.exp(bA)) * JA, np.sqrt(Gp) * JS.dag(), np.sqrt(Gp * np.exp(bS)) * JS]
    rho = qt.steadystate(C1.dag() * C1 + C2.dag() * C2, c_ops)
    res = entropy_production(spec.model, vals, rho.full(), np.linspace(0, 20, 3), ntraj=400, seed=5, progress=False)
    # Monte Carlo: 400 trajectories over 20 / Gamma_+; 5 standard errors
    assert res.rate == pytest.approx(float(F.entropy_production(bA, bS, Gp)), abs=5 * res.rate_stderr)
    assert res.weights.min() < 0 < res.weights.max()


def test_formulas_have_documented_definitions_and_broadcast():
    b = np.linspace(-2, 2, 5)
    assert F.concurrence(b, 1.0).shape == (5,)
    for name in F.__all__:
        doc = getattr(F, name).__doc__
        assert "LaTeX:" in doc and "Domain:" in doc


# What symq finds about the paper (each verdict is recomputed by audit.run, never stored)
EXPECTED_AUDIT = {
    "operator algebra (after Eq. 2)": "wrong",  # Eqs. (4)-(5) need commuting qubit operators
    "Eqs. (4)-(5), (A9), (A12)": "holds",
    "Eq. (A4)": "holds",
    "Eq. (A8)": "holds",
    "Eq. (A10)": "misprint",  # N_1 lacks 1/2, N_2 lacks x_2^2, d has x_2^2 twice
    "balanced baths (App. A)": "holds",
    "thermal limit 1/3": "holds",
    "Eq. (A13)": "wrong",  # 1/3 - (2 sqrt2/3) e^(-beta_S/2)
    "Eq. (A14)": "holds",
    "both baths inverted (Fig. 1b)": "holds",
    "Eq. (6)": "holds",
    "Eq. (9)": "holds",
    "per-qubit rate Gamma (text before Eq. 9)": "wrong",  # the cavity-induced decay is collective
    "effective temperatures (after Eq. 9)": "misprint",  # p_x -> p
    "adiabatic elimination validity": "approximation",
    "App. C maximum, gamma = 1e-3 g": "holds",
    "App. C maximum, gamma = 1e-4 g": "holds",
    "onset C > 1/3 at p > gamma (Fig. 2c text)": "approximation",  # exact only after elimination
    "Eq. (B3)": "misprint",  # K~ = sqrt(rho) K^dag sqrt(rho)^-1
}


def test_audit_verdicts():
    from symq import audit

    found = {f.claim.ref: f for f in audit.run("thermal_limits")}
    assert set(found) == set(EXPECTED_AUDIT)
    for ref, status in EXPECTED_AUDIT.items():
        assert found[ref].verdict.status == status, f"{ref}: {found[ref].verdict.evidence}"
        if status in ("misprint", "wrong"):
            assert found[ref].verdict.corrected, ref
