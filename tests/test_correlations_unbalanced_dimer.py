"""Closed-form g1(tau), g2(tau) and S(omega) at s = 1 (generated module) against QuTiP and symq's
exact backend, and the number of spectral peaks across the type-I exceptional points.

Reference model built directly in QuTiP (destroy(2) per qubit): gain s kappa D[sigma_1^dag],
loss kappa D[sigma_2], s = 1.
"""

import numpy as np
import pytest
import qutip as qt
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symq import derive
from symq.formulas import unbalanced_dimer as F
from symq.models import get
from symq.numerics import exact
from symq.testing import params

S1 = qt.tensor(qt.destroy(2), qt.qeye(2))
S2 = qt.tensor(qt.qeye(2), qt.destroy(2))
SPEC = get("unbalanced_dimer")
# mesolve tolerances of the QuTiP reference. The closed forms are compared unnormalised (times the
# steady-state populations, so a tiny population at weak coupling does not amplify the ODE error),
# to 1e-7 of the correlation's scale (its value at tau = 0: n for g1, n_m n_k for g2) plus 1e-15:
# the adaptive integrator's global error reaches ~1e-8 of the scale after ~100 oscillation periods
# (g tau up to 400). The 1e-9 comparison is the one with the expm-based exact backend below.
OPTIONS = {"atol": 1e-13, "rtol": 1e-11, "nsteps": 10**6}
SCALE_TOL, FLOOR = 1e-7, 1e-15


def model(g, kappa, w0):
    H = w0 * (S1.dag() * S1 + S2.dag() * S2) + g * (S1.dag() * S2 + S2.dag() * S1)
    return H, [np.sqrt(kappa) * S1.dag(), np.sqrt(kappa) * S2]


POINT = params(kappa=(1e-2, 1e2), g=("kappa", 1e-3, 1e2), omega_0=("kappa", 0.1, 3.0))
# delays in units of 1/kappa; mesolve cost and error grow with g tau, so g tau stays below 400
DELAYS = st.lists(st.integers(1, 400), min_size=3, max_size=3, unique=True).map(lambda k: sorted(np.array(k) / 100))


@settings(max_examples=8, deadline=None)
@given(p=POINT, x=DELAYS)
def test_g1_closed_forms_equal_qutip_correlation_2op_1t(p, x):
    g, kappa, w0 = p["g"], p["kappa"], p["omega_0"]
    taus = np.array([0.0, *x]) / kappa
    taus = taus[taus * g <= 400]
    H, c_ops = model(g, kappa, w0)
    for S, formula in ((S1, F.g1_1_s1), (S2, F.g1_2_s1)):
        n = qt.expect(S.dag() * S, qt.steadystate(H, c_ops))
        # <sigma^dag(t) sigma(t + tau)>: reverse=True puts the delay on b_op
        ref = qt.correlation_2op_1t(H, None, taus, c_ops, S.dag(), S, reverse=True, options=OPTIONS)
        np.testing.assert_allclose(n * formula(g, kappa, w0, taus), ref, rtol=0, atol=SCALE_TOL * n + FLOOR)


@settings(max_examples=8, deadline=None)
@given(p=POINT, x=DELAYS)
def test_g2_closed_forms_equal_qutip_correlation_3op_1t(p, x):
    g, kappa = p["g"], p["kappa"]
    taus = np.array([0.0, *x]) / kappa
    taus = taus[taus * g <= 400]
    H, c_ops = model(g, kappa, 0.0)
    rho = qt.steadystate(H, c_ops)
    n = {1: qt.expect(S1.dag() * S1, rho), 2: qt.expect(S2.dag() * S2, rho)}
    for (m, k), formula in (((1, 1), F.g2_1_s1), ((2, 2), F.g2_2_s1), ((1, 2), F.g2_X_s1)):
        Sm, Sk = (S1, S2)[m - 1], (S1, S2)[k - 1]
        # <sigma_m^dag(t) n_k(t + tau) sigma_m(t)> / (n_m n_k)
        ref = qt.correlation_3op_1t(H, None, taus, c_ops, Sm.dag(), Sk.dag() * Sk, Sm, options=OPTIONS)
        np.testing.assert_allclose(n[m] * n[k] * formula(g, kappa, taus), np.real(ref), rtol=0, atol=SCALE_TOL * n[m] * n[k] + FLOOR)


@settings(max_examples=20, deadline=None)
@given(p=POINT, x=st.lists(st.integers(0, 2000), min_size=4, max_size=4, unique=True).map(lambda k: sorted(np.array(k) / 100)))
def test_g1_and_g2_equal_symq_exact_backend(p, x):
    # the exact backend propagates with expm_multiply (~1e-12); its g1 is <a^dag(tau) a(0)>/n,
    # the complex conjugate of <a^dag(0) a(tau)>/n for a stationary state
    s, g, kappa, w0 = (SPEC.symbols[k] for k in ("s", "g", "kappa", "omega_0"))
    values = {s: 1.0, g: p["g"], kappa: p["kappa"], w0: p["omega_0"]}
    taus = np.array(x) / p["kappa"]
    for name, formula in (("sigma_1", F.g1_1_s1), ("sigma_2", F.g1_2_s1)):
        ref = exact.g1(SPEC.model, values, SPEC.ops[name], taus)
        np.testing.assert_allclose(formula(p["g"], p["kappa"], p["omega_0"], taus), np.conj(ref), rtol=1e-9, atol=1e-10)
    for name, formula in (("sigma_1", F.g2_1_s1), ("sigma_2", F.g2_2_s1)):
        ref = exact.g2(SPEC.model, values, SPEC.ops[name], taus)
        np.testing.assert_allclose(formula(p["g"], p["kappa"], taus), ref, rtol=1e-9, atol=1e-10)


def test_g1_is_continuous_through_the_type_i_eps():
    # at the EPs one quadratic factor is critical (W = 0); the complex form stays finite there
    kappa, taus = 1.3, np.linspace(0, 5, 11)
    for ep in ((np.sqrt(2) - 1) / 2, (np.sqrt(2) + 1) / 2):
        at, near = F.g1_1_s1(ep * kappa, kappa, 0.0, taus), F.g1_1_s1(ep * kappa * (1 + 1e-9), kappa, 0.0, taus)
        assert np.all(np.isfinite(at)) and np.max(np.abs(at - near)) < 1e-7
        assert np.max(np.abs(at.imag)) < 1e-12  # real envelope at s = 1 in the omega_0 = 0 frame


@settings(max_examples=8, deadline=None)
@given(p=POINT)
def test_spectrum_equals_power_spectrum_of_the_exact_backend(p):
    # exact.power_spectrum(A = sigma^dag, B = sigma) = int dtau e^{-i omega tau} <sigma^dag(tau) sigma(0)>
    # = 2 pi n1 S(omega), S normalised by n1 with (1/pi) Re int_0^inf (unit area)
    s, g, kappa, w0 = (SPEC.symbols[k] for k in ("s", "g", "kappa", "omega_0"))
    values = {s: 1.0, g: p["g"], kappa: p["kappa"], w0: p["omega_0"]}
    q1 = SPEC.ops["sigma_1"]
    omegas = p["omega_0"] + p["kappa"] * np.array([-3.0, -0.7, 0.0, 0.4, 2.5]) + p["g"] * np.array([0, 1, 0, -1, 0.5])
    n1 = float(F.population_1(1.0, p["g"], p["kappa"]))
    ref = exact.power_spectrum(SPEC.model, values, q1.dag(), q1, omegas) / (2 * np.pi * n1)
    np.testing.assert_allclose(F.spectrum_1_s1(p["g"], p["kappa"], p["omega_0"], omegas), ref.real, rtol=1e-8, atol=0)


def test_spectrum_has_unit_area_and_matches_qutip_spectrum():
    g, kappa, w0 = 0.8, 1.0, 2.0
    w = np.linspace(w0 - 400, w0 + 400, 800001)
    S = F.spectrum_1_s1(g, kappa, w0, w)
    # tails fall as 1/omega^2: the truncated area misses ~ 2 kappa/(pi 400) ~ 2e-3
    assert np.trapezoid(S, w) == pytest.approx(1.0, abs=3e-3)
    H, c_ops = model(g, kappa, w0)
    ws = np.array([w0 - 1.0, w0, w0 + 0.3])
    n1 = qt.expect(S1.dag() * S1, qt.steadystate(H, c_ops))
    ref = qt.spectrum(H, ws, c_ops, S1.dag(), S1, solver="pi") / (2 * np.pi * n1)
    np.testing.assert_allclose(F.spectrum_1_s1(g, kappa, w0, ws), ref, rtol=1e-8)


def _maxima(g, kappa):
    x = np.linspace(-(3 * g + 4 * kappa), 3 * g + 4 * kappa, 40001)
    y = F.spectrum_1_s1(g, kappa, 0.0, x)
    return int(np.sum((y[1:-1] > y[:-2]) & (y[1:-1] > y[2:])))


def test_peak_count_across_type_i_eps_as_the_derivation_states():
    d = derive.derive("unbalanced_dimer")
    spec = d.results["spectrum"]
    eps = [float(e) for e in spec["eps"]]
    assert eps == pytest.approx([(np.sqrt(2) - 1) / 2, (np.sqrt(2) + 1) / 2])  # s = 1, units of kappa
    (onset,) = spec["onset"]
    assert float(onset) > eps[1]
    stated = {(label, float(g0)): (below, above) for label, g0, below, above in spec["across"]}
    kappa = 2.7  # a kappa other than the derivation's 1: S(omega) scales with kappa
    for (label, g0), (below, above) in stated.items():
        counted = (_maxima(0.95 * g0 * kappa, kappa), _maxima(1.05 * g0 * kappa, kappa))
        assert counted == (below, above), label
    # the count does not change at either EP; it goes from 1 to 2 where S''(omega_0) = 0
    assert [v for (label, _), v in stated.items() if label == "type-I EP"] == [(1, 1), (1, 1)]
    assert stated[("doublet onset", float(onset))] == (1, 2)
    gd = float(onset) * kappa
    assert _maxima(gd * (1 - 1e-3), kappa) == 1 and _maxima(gd * (1 + 0.05), kappa) == 2
    S = spec["expr"]
    curvature = sp.diff(S, spec["delta"], 2).subs(spec["delta"], 0).subs({sp.Symbol("kappa", positive=True): 1})
    assert float(curvature.subs(sp.Symbol("g", positive=True), onset.evalf(30))) == pytest.approx(0, abs=1e-20)
